"""Watches, purge and feed management end to end: real SQLite files, the loopback feed server, the CLI."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.helpers import invoke, rss, serve_feeds, write_article


def _items(*numbers: int, topic: str = "nuclear talks in Vienna") -> list[tuple[str, str, str, str]]:
    return [(f"Story {n}", f"https://wire.example/{n}", f"g{n}", f"Iran {topic} item {n}.") for n in numbers]


def _json(db: Path, *args: str) -> object:
    code, out, err = invoke(db, *args, "--json")
    assert code == 0, err
    return json.loads(out)


# -- watches ------------------------------------------------------------------------------------------------


def test_watch_counts_new_matches_after_each_fetch_and_lists_them(db: Path) -> None:
    documents = {"/a": rss("Wire", _items(1, 2)), "/b": rss("Other", _items(7, topic="football results"))}
    with serve_feeds(documents) as base:
        assert invoke(db, "fetch", f"{base}/a", f"{base}/b")[0] == 0
        code, _, err = invoke(db, "watch", "add", "Iran nuclear", "nuclear talks")
        assert code == 0, err
        assert invoke(db, "watch", "add", "Everything")[0] == 0
        documents["/a"] = rss("Wire", _items(1, 2, 3, 4))
        code, _, err = invoke(db, "fetch", f"{base}/a", f"{base}/b")
    assert code == 0
    assert "Iran nuclear: 2 new" in err and "Everything: 2 new" in err
    listed = {w["name"]: (w["unread"], w["new"]) for w in _json(db, "watch")}  # type: ignore[union-attr]
    assert listed == {"Iran nuclear": (4, 2), "Everything": (5, 2)}
    titles = [a["title"] for a in _json(db, "watch", "Iran nuclear")]  # type: ignore[union-attr]
    assert sorted(titles) == ["Story 1", "Story 2", "Story 3", "Story 4"]
    ids = {a["title"]: a["id"] for a in _json(db, "show", "--limit", "100")}  # type: ignore[union-attr]
    invoke(db, "mark", "read", ids["Story 1"])
    listed = {w["name"]: (w["unread"], w["new"]) for w in _json(db, "watch")}  # type: ignore[union-attr]
    assert listed["Iran nuclear"] == (3, 2)
    code, out, _ = invoke(db, "watch")
    assert code == 0 and "Iran nuclear" in out


def test_watch_edit_remove_and_errors(db: Path, tmp_path: Path) -> None:
    write_article(tmp_path / "a", "x.txt", title="Sahel coup", body="Mali and Niger leaders met.")
    invoke(db, "fetch", str(tmp_path / "a"))
    assert invoke(db, "watch", "add", "Sahel", "--region", "Sahel")[0] == 0
    code, _, err = invoke(db, "watch", "add", "sahel")
    assert code == 2 and "a watch named 'sahel' exists already" in err
    code, _, err = invoke(db, "watch", "add", "Nowhere", "--country", "Atlantis")
    assert code == 2 and "Atlantis" in err
    assert invoke(db, "watch", "edit", "Sahel", "--query", "coup", "--name", "Sahel coups")[0] == 0
    (watch,) = _json(db, "watch")  # type: ignore[misc]
    assert (watch["name"], watch["query"], watch["regions"]) == ("Sahel coups", "coup", ["Sahel"])
    assert [a["title"] for a in _json(db, "watch", "show", "Sahel coups")] == ["Sahel coup"]  # type: ignore[union-attr]
    assert invoke(db, "watch", "remove", "SAHEL COUPS")[0] == 0
    assert _json(db, "watch") == []
    code, _, err = invoke(db, "watch", "remove", "Sahel coups")
    assert code == 1 and "no watch named 'Sahel coups'" in err


# -- purge --------------------------------------------------------------------------------------------------

OLD = [
    ("old1.txt", "Old one", "2020-01-01 12:00 UTC"),
    ("old2.txt", "Old two", "2020-02-01 12:00 UTC"),
    ("new1.txt", "Recent one", "2099-01-01 12:00 UTC"),
]


def _fixture(tmp_path: Path, db: Path) -> dict[str, str]:
    for name, title, date in OLD:
        write_article(tmp_path / "arts", name, title=title, body=f"{title} body text.", date=date)
    assert invoke(db, "fetch", str(tmp_path / "arts"))[0] == 0
    return {a["title"]: a["id"] for a in _json(db, "show")}  # type: ignore[union-attr]


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_purge_keeps_starred_and_the_purged_never_come_back(tmp_path: Path, db: Path) -> None:
    ids = _fixture(tmp_path, db)
    invoke(db, "star", ids["Old two"])
    dry = _json(db, "purge", "--older-than", "365d", "--dry-run")
    assert dry == {**dry, "would_delete": 1, "deleted": 0, "starred_kept": 1}  # type: ignore[dict-item]
    assert len(_rows(db, "SELECT id FROM articles")) == 3
    code, out, _ = invoke(db, "purge", "--older-than", "365d")
    assert code == 0 and "deleted 1 articles" in out and "kept 1 starred" in out
    assert {r[0] for r in _rows(db, "SELECT title FROM articles")} == {"Old two", "Recent one"}
    assert _rows(
        db, "SELECT count(*) FROM article_countries c LEFT JOIN articles a ON a.seq = c.article WHERE a.seq IS NULL"
    ) == [(0,)]
    code, out, _ = invoke(db, "search", "one")
    assert "Old one" not in out
    # Fetching the same files again does not bring the purged article back.
    assert invoke(db, "fetch", str(tmp_path / "arts"))[0] == 0
    assert {a["title"] for a in _json(db, "show")} == {"Old two", "Recent one"}  # type: ignore[union-attr]


def test_keep_days_purges_after_every_fetch(tmp_path: Path, db: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[settings]\nkeep_days = 30\n", encoding="utf-8")
    for name, title, date in OLD:
        write_article(tmp_path / "arts", name, title=title, body="Text.", date=date)
    assert invoke(db, "--config", str(config), "fetch", str(tmp_path / "arts"))[0] == 0
    assert [a["title"] for a in _json(db, "show")] == ["Recent one"]  # type: ignore[union-attr]


# -- feeds --------------------------------------------------------------------------------------------------

CONFIG = """# My feeds, hand-kept.
[settings]
timeout = 5.0  # seconds

# Wires first
[[feeds]]
url = "https://wire.example/rss"  # the main wire
name = "Wire"

[[feeds]]
url = "https://other.example/feed"
name = "Other"
"""


def test_feeds_add_remove_disable_keep_the_comments(tmp_path: Path, db: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(CONFIG, encoding="utf-8")
    cfg = ("--config", str(config))
    code, _, err = invoke(
        db,
        *cfg,
        "feeds",
        "add",
        "https://new.example/atom",
        "--name",
        "New",
        "--country",
        "de",
        "--tags",
        "europe,politics",
    )
    assert code == 0, err
    code, _, err = invoke(db, *cfg, "feeds", "add", "HTTPS://WIRE.example:443/rss#top")
    assert code == 2 and "already configured" in err
    assert invoke(db, *cfg, "feeds", "disable", "Other")[0] == 0
    text = config.read_text(encoding="utf-8")
    for comment in ("# My feeds, hand-kept.", "timeout = 5.0  # seconds", "# Wires first", "# the main wire"):
        assert comment in text
    assert 'country = "DE"' in text and 'tags = ["europe", "politics"]' in text and "enabled = false" in text
    feeds = {f["url"]: f for f in _json(db, *cfg, "feeds")}  # type: ignore[union-attr]
    assert feeds["https://other.example/feed"]["enabled"] is False
    assert invoke(db, *cfg, "feeds", "enable", "https://other.example/feed")[0] == 0
    assert "enabled = false" not in config.read_text(encoding="utf-8")
    assert invoke(db, *cfg, "feeds", "remove", "wire")[0] == 0
    text = config.read_text(encoding="utf-8")
    assert "wire.example" not in text and "# My feeds, hand-kept." in text and "timeout = 5.0  # seconds" in text
    code, _, err = invoke(db, *cfg, "feeds", "remove", "https://nowhere.example/")
    assert code == 1 and "no feed" in err


def test_feeds_remove_purge_deletes_its_articles_and_disabled_feeds_are_not_fetched(tmp_path: Path, db: Path) -> None:
    with serve_feeds({"/a": rss("Wire", _items(1, 2)), "/b": rss("Other", _items(5))}) as base:
        config = tmp_path / "config.toml"
        config.write_text(f'[[feeds]]\nurl = "{base}/a"\nname = "A"\n\n[[feeds]]\nurl = "{base}/b"\nname = "B"\n')
        cfg = ("--config", str(config))
        assert invoke(db, *cfg, "feeds", "disable", "B")[0] == 0
        assert invoke(db, *cfg, "fetch")[0] == 0
        assert {a["title"] for a in _json(db, "show")} == {"Story 1", "Story 2"}  # type: ignore[union-attr]
        feeds = {f["name"]: f for f in _json(db, *cfg, "feeds")}  # type: ignore[union-attr]
        assert (feeds["A"]["articles"], feeds["A"]["unread"], feeds["A"]["last_status"]) == (2, 2, "ok")
        assert invoke(db, *cfg, "feeds", "remove", "A", "--purge")[0] == 0
    assert _json(db, "show") == []
