"""Story members' term vectors stored compressed, and stores written before that read the same.

Real feeds over loopback HTTP into real SQLite files, through the CLI; oracles: the words of the
fixture's titles (tests/stories_support.py, written by hand), its event labels, and the stories the
same store listed before its vectors were set back to the text form older versions wrote.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import invoke
from pytest_httpserver import HTTPServer
from stories_support import ITEMS, config, feed, groups

EVENTS = {"quake", "shutdown", "flood", "bakery", "museum"}


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


def _fetch(db: Path, cfg: Path, base: str, outlets: str) -> str:
    code, _, err = invoke(db, "--config", str(cfg), "fetch", *(f"{base}/{o}.xml" for o in outlets))
    assert code == 0, err
    return err


def _stored(db: Path) -> dict[str, object]:
    """guid -> the stored terms value, as SQLite holds it."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT a.url, m.terms FROM story_members m JOIN articles a ON a.seq = m.article")
        return {url.rsplit("/", 1)[1]: terms for url, terms in rows}
    finally:
        conn.close()


def test_term_vectors_are_stored_compressed_and_hold_the_titles_words(
    served: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSREADER_DATA_DIR", str(tmp_path / "data"))
    db, cfg = tmp_path / "news.db", config(tmp_path / "config.toml", served)
    _fetch(db, cfg, served, "abcd")
    stored = _stored(db)
    titles = {guid: title for items in ITEMS.values() for guid, _, title, _ in items}
    assert set(stored) == set(titles)
    for guid, value in stored.items():
        assert isinstance(value, bytes)
        text = zlib.decompress(value).decode("utf-8")
        parts = text.split(" ")
        terms, weights = parts[0::2], [float(w) for w in parts[1::2]]
        assert len(terms) == len(weights) and all(0 < w <= 1 for w in weights)
        assert len(value) < len(text)
        # a distinctive word of each title is among its terms (stemmed: checked by its first letters)
        word = {"quake": "gaziantep", "shutdown": "stopgap", "flood": "szolnok", "bakery": "sourdough"}
        for event, name in word.items():
            if guid.startswith(event) and name in titles[guid].lower():
                assert any(t.startswith(name[:6]) for t in terms), (guid, terms)


def test_a_store_with_text_vectors_lists_and_groups_as_one_with_compressed_ones(
    served: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSREADER_DATA_DIR", str(tmp_path / "data"))
    db, cfg = tmp_path / "news.db", config(tmp_path / "config.toml", served)
    _fetch(db, cfg, served, "ac")
    code, before, err = invoke(db, "stories", "--min-articles", "1", "--json")
    assert code == 0, err
    conn = sqlite3.connect(db, isolation_level=None)
    for guid_seq, value in conn.execute("SELECT article, terms FROM story_members").fetchall():
        conn.execute(
            "UPDATE story_members SET terms = ? WHERE article = ?", (zlib.decompress(value).decode(), guid_seq)
        )
    assert {r[0] for r in conn.execute("SELECT typeof(terms) FROM story_members")} == {"text"}
    conn.close()
    code, after, err = invoke(db, "stories", "--min-articles", "1", "--json")
    assert code == 0 and err == ""
    assert json.loads(after) == json.loads(before)
    _fetch(db, cfg, served, "bd")  # new articles compared with the old text vectors
    found = groups(db)
    assert {frozenset({"quake-a", "quake-c", "quake-d"}), frozenset({"flood-a", "flood-c", "flood-d"})} <= found
    assert {g.split("-")[0] for group in found for g in group} == EVENTS
    assert all(len({g.split("-")[0] for g in group}) == 1 for group in found)  # no two events in one story
