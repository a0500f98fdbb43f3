"""Upgrading a store from before v13: the migration marks its stories outdated and no read command groups them.

A store fetched over loopback HTTP (the hand-labelled events of tests/stories_support.py) is set back to
what schema v12 was (no `component` column, the stories of an older model), then opened by the CLI.
Oracles: the event labels, the store's own rows from before the migration, and the JSON `show` printed
before the store was set back.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import invoke, text_as_v15
from pytest_httpserver import HTTPServer
from stories_support import config, feed, groups

from newsreader.store.schema import SCHEMA_VERSION

QUAKE = frozenset({"quake-a", "quake-c", "quake-d"})
SHUTDOWN = frozenset({"shutdown-a", "shutdown-b"})
FLOOD = frozenset({"flood-a", "flood-c", "flood-d"})
ALL_STORIES = {QUAKE, SHUTDOWN, FLOOD, frozenset({"bakery-b"}), frozenset({"museum-d"})}
NOTE = (
    "newsreader: note: the stories were made by an older newsreader; the next fetch (or `newsreader restory`) "
    "makes them again\n"
)
ALL_STORIES_FLAT = frozenset().union(*ALL_STORIES)
REGROUPED = "newsreader: Stories were made by an older newsreader: grouped 10 stored articles again.\n"


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    server = HTTPServer(host="127.0.0.1")
    server.start()
    for outlet in "abcd":
        server.expect_request(f"/{outlet}.xml").respond_with_data(feed(outlet), content_type="application/rss+xml")
    try:
        yield server.url_for("").rstrip("/")
    finally:
        server.stop()


@pytest.fixture()
def fetched(served: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, list[str]]:
    """A current store of the four outlets, its config, and the fetch command's feed URLs."""
    monkeypatch.setenv("NEWSREADER_DATA_DIR", str(tmp_path / "data"))
    db, cfg = tmp_path / "news.db", config(tmp_path / "config.toml", served)
    urls = [f"{served}/{o}.xml" for o in "abcd"]
    code, _, err = invoke(db, "--config", str(cfg), "fetch", *urls)
    assert code == 0, err
    assert groups(db) == ALL_STORIES
    return db, cfg, urls


def _set_back_to_v12(db: Path) -> list[tuple[object, ...]]:
    """What a v12 store was: no component column or index, stories made by an older model (here all in one
    story, which no grouping of this model makes). Returns its story_members rows, in order."""
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        text_as_v15(conn)  # v16: the summary and body columns back
        conn.execute("DROP INDEX story_members_by_component")
        conn.execute("ALTER TABLE story_members DROP COLUMN component")
        conn.execute("UPDATE story_members SET story = (SELECT min(story) FROM stories)")
        conn.execute("UPDATE store_meta SET value = 'an older model' WHERE key = 'stories_model'")
        conn.execute("PRAGMA user_version = 12")
        return conn.execute("SELECT * FROM story_members ORDER BY article").fetchall()
    finally:
        conn.close()


def _members(db: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(story_members)")]
        assert "component" in columns
        # the v12 columns, as they were
        listed = ", ".join(c for c in columns if c != "component")
        return conn.execute(f"SELECT {listed} FROM story_members ORDER BY article").fetchall()
    finally:
        conn.close()


def _version_and_model(db: Path) -> tuple[int, list[str]]:
    conn = sqlite3.connect(db)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        model = [r[0] for r in conn.execute("SELECT value FROM store_meta WHERE key = 'stories_model'")]
        return int(version), model
    finally:
        conn.close()


def test_show_on_a_v12_store_migrates_without_grouping_and_lists_as_before(
    fetched: tuple[Path, Path, list[str]],
) -> None:
    db, _, _ = fetched
    code, before, err = invoke(db, "show", "--json")
    assert code == 0, err
    old_members = _set_back_to_v12(db)
    code, after, err = invoke(db, "show", "--json")
    assert code == 0 and err == ""
    assert json.loads(after) == json.loads(before)
    version, model = _version_and_model(db)
    assert version == SCHEMA_VERSION and model == []  # migrated, stories marked outdated
    assert _members(db) == old_members  # nothing was grouped by the read command
    assert groups(db) == {ALL_STORIES_FLAT}


def test_stories_on_an_outdated_store_lists_the_old_stories_with_a_note(fetched: tuple[Path, Path, list[str]]) -> None:
    db, _, _ = fetched
    _set_back_to_v12(db)
    code, out, err = invoke(db, "stories", "--json")
    assert code == 0 and err == NOTE
    listed = json.loads(out)
    assert [len(s["articles"]) for s in listed] == [10]  # the older model's one story, as stored
    assert groups(db) == {ALL_STORIES_FLAT}


def test_the_next_fetch_groups_an_outdated_store_again_and_says_so(fetched: tuple[Path, Path, list[str]]) -> None:
    db, cfg, urls = fetched
    _set_back_to_v12(db)
    invoke(db, "show")  # the migration, by a reader
    code, _, err = invoke(db, "--config", str(cfg), "fetch", *urls)
    assert code == 0
    assert err.startswith(REGROUPED)
    assert groups(db) == ALL_STORIES
    _, model = _version_and_model(db)
    assert len(model) == 1
    code, _, err = invoke(db, "stories")
    assert code == 0 and err == ""
    code, _, err = invoke(db, "--config", str(cfg), "fetch", *urls)  # once only
    assert code == 0 and "Stories were made" not in err


def test_restory_groups_an_outdated_store_and_clears_the_note(fetched: tuple[Path, Path, list[str]]) -> None:
    db, _, _ = fetched
    _set_back_to_v12(db)
    code, _, err = invoke(db, "restory")
    assert code == 0
    assert err == "newsreader: Grouped 10 articles: 3 stories of two or more articles.\n"
    assert groups(db) == ALL_STORIES
    code, _, err = invoke(db, "stories")
    assert code == 0 and err == ""


def test_an_empty_store_from_before_v13_needs_no_grouping(tmp_path: Path) -> None:
    from newsreader.store import Store

    db = tmp_path / "empty.db"
    Store.open(db).close()  # a current store with no articles
    conn = sqlite3.connect(db, isolation_level=None)
    text_as_v15(conn)
    conn.execute("DROP INDEX story_members_by_component")
    conn.execute("ALTER TABLE story_members DROP COLUMN component")
    conn.execute("DELETE FROM store_meta WHERE key = 'stories_model'")
    conn.execute("PRAGMA user_version = 12")
    conn.close()
    code, _, err = invoke(db, "stories")
    assert code == 0 and NOTE not in err
    version, model = _version_and_model(db)
    assert version == SCHEMA_VERSION and len(model) == 1
