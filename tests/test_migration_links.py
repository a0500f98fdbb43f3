"""Schema v6 folds articles already stored twice under one link, keeping everything stored about them.

The old store is built here with the SQL of schema v3 (written out by hand, as released), not with the
current Store, then opened with the current code."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.helpers import invoke

V3 = """
CREATE TABLE feeds (url TEXT PRIMARY KEY, title TEXT NOT NULL DEFAULT '', etag TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '', last_fetched TEXT NOT NULL DEFAULT '',
    last_status TEXT NOT NULL DEFAULT '', last_error TEXT NOT NULL DEFAULT '',
    retry_after TEXT NOT NULL DEFAULT '', moved_to TEXT NOT NULL DEFAULT '');
CREATE TABLE articles (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
    source TEXT NOT NULL, author TEXT NOT NULL DEFAULT '', published TEXT NOT NULL, published_ts REAL NOT NULL,
    url TEXT NOT NULL DEFAULT '', summary TEXT NOT NULL DEFAULT '', body NOT NULL DEFAULT '', origin TEXT NOT NULL,
    fetched_at TEXT NOT NULL, regions TEXT NOT NULL DEFAULT '', tags TEXT NOT NULL DEFAULT '',
    source_country TEXT NOT NULL DEFAULT '', content_hash INTEGER NOT NULL);
CREATE TABLE article_countries (article INTEGER NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
    code TEXT NOT NULL, mentions INTEGER NOT NULL DEFAULT 1, in_lead INTEGER NOT NULL DEFAULT 0,
    is_primary INTEGER NOT NULL DEFAULT 0, declared INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article, code)) WITHOUT ROWID;
CREATE TABLE article_regions (article INTEGER NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
    region TEXT NOT NULL COLLATE NOCASE, PRIMARY KEY (article, region)) WITHOUT ROWID;
CREATE INDEX articles_by_published ON articles (published_ts DESC);
CREATE INDEX articles_by_source ON articles (source COLLATE NOCASE, published_ts DESC);
CREATE INDEX articles_by_source_country ON articles (source_country, published_ts DESC);
CREATE INDEX article_countries_by_code ON article_countries (code, is_primary, article);
CREATE INDEX article_regions_by_region ON article_regions (region, article);
CREATE VIEW articles_text AS SELECT seq, title, summary, nr_unpack(body) AS body, source FROM articles;
CREATE VIRTUAL TABLE articles_fts USING fts5 (title, summary, body, source,
    content = 'articles_text', content_rowid = 'seq', tokenize = 'porter unicode61 remove_diacritics 2');
-- A table some later feature keeps per article (read state, say): the merge must carry its rows over.
CREATE TABLE reading_notes (article INTEGER PRIMARY KEY REFERENCES articles (seq) ON DELETE CASCADE,
    note TEXT NOT NULL);
PRAGMA user_version = 3;
"""

ROWS = [
    # seq, id, title, source, url, origin, regions, tags, body
    (
        1,
        "aaaa000000000001",
        "Talks resume",
        "Alpha Wire",
        "https://news.example/talks?utm_source=rss",
        "https://alpha.example/rss",
        "Europe",
        "World",
        "Talks resume in Geneva between delegations.",
    ),
    (
        2,
        "bbbb000000000002",
        "Talks resume in Geneva",
        "Beta News",
        "http://NEWS.example/talks#top",
        "https://beta.example/rss",
        "Middle East|Europe",
        "Politics|World",
        "Beta's copy of the Geneva talks.",
    ),
    (
        3,
        "cccc000000000003",
        "Telescope image",
        "BBC News",
        "https://www.bbc.com/news/articles/cj3r",
        "https://feeds.bbci.co.uk/news/rss.xml",
        "",
        "",
        "The telescope should detect asteroids.",
    ),
    (
        4,
        "dddd000000000004",
        "Telescope image",
        "BBC News",
        "https://www.bbc.com/news/articles/cj3r",
        "https://feeds.bbci.co.uk/news/rss.xml",
        "",
        "Science",
        "The telescope should detect asteroids.",
    ),
    (
        5,
        "eeee000000000005",
        "Unrelated",
        "Alpha Wire",
        "https://news.example/other",
        "https://alpha.example/rss",
        "",
        "",
        "Something else entirely.",
    ),
]
COUNTRIES = [(1, "CH", 2, 1, 1, 0), (2, "CH", 1, 0, 0, 0), (2, "IR", 3, 1, 1, 1), (4, "US", 1, 0, 0, 0)]
REGIONS = [(1, "Europe"), (2, "Middle East"), (2, "Europe")]


def build_v3(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.create_function("nr_unpack", 1, lambda v: v, deterministic=True)
    conn.executescript(V3)
    for seq, aid, title, source, url, origin, regions, tags, body in ROWS:
        conn.execute(
            "INSERT INTO articles (seq, id, title, source, published, published_ts, url, summary, body, origin, "
            "fetched_at, regions, tags, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                seq,
                aid,
                title,
                source,
                f"2026-02-0{seq}T10:00:00+00:00",
                1769940000.0 + seq * 86400,
                url,
                title,
                body,
                origin,
                "2026-02-06T00:00:00+00:00",
                regions,
                tags,
                seq,
            ),
        )
        conn.execute(
            "INSERT INTO articles_fts (rowid, title, summary, body, source) VALUES (?, ?, ?, ?, ?)",
            (seq, title, title, body, source),
        )
    conn.executemany("INSERT INTO article_countries VALUES (?, ?, ?, ?, ?, ?)", COUNTRIES)
    conn.executemany("INSERT INTO article_regions VALUES (?, ?)", REGIONS)
    conn.execute("INSERT INTO reading_notes VALUES (2, 'read on the train')")
    conn.close()


def test_v3_duplicates_are_folded_into_the_first_stored_without_loss(db: Path) -> None:
    build_v3(db)
    code, out, err = invoke(db, "show", "--json", "-n", "50")
    assert code == 0, err
    got = {a["id"]: a for a in json.loads(out)}
    assert set(got) == {"aaaa000000000001", "cccc000000000003", "eeee000000000005"}
    talks = got["aaaa000000000001"]
    assert talks["title"] == "Talks resume" and talks["source"] == "Alpha Wire"  # the first stored row's text
    assert talks["origin"] == "https://alpha.example/rss"
    assert talks["origins"] == ["https://alpha.example/rss", "https://beta.example/rss"]
    assert talks["sources"] == ["Alpha Wire", "Beta News"]
    assert sorted(talks["countries"]) == ["CH", "IR"]
    assert sorted(talks["primary_countries"]) == ["CH", "IR"]
    assert talks["regions"] == ["Europe", "Middle East"]
    assert talks["tags"] == ["World", "Politics"]
    telescope = got["cccc000000000003"]
    assert telescope["origins"] == ["https://feeds.bbci.co.uk/news/rss.xml"]  # one feed, two guids
    assert telescope["sources"] == ["BBC News"] and telescope["tags"] == ["Science"]
    assert telescope["countries"] == ["US"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] >= 6
        # The declared flag and the larger mention count survive; the note follows the article.
        assert conn.execute(
            "SELECT code, mentions, in_lead, is_primary, declared FROM article_countries WHERE article = 1 "
            "ORDER BY code"
        ).fetchall() == [("CH", 2, 1, 1, 0), ("IR", 3, 1, 1, 1)]
        assert conn.execute("SELECT article, note FROM reading_notes").fetchall() == [(1, "read on the train")]
        assert conn.execute("SELECT count(*) FROM article_regions WHERE article IN (2, 4)").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM article_countries WHERE article IN (2, 4)").fetchone()[0] == 0
        conn.create_function("nr_unpack", 1, lambda v: v, deterministic=True)
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    # The folded ids still open the article they were folded into.
    for old, kept in (("bbbb000000000002", "aaaa000000000001"), ("dddd", "cccc000000000003")):
        code, out, err = invoke(db, "show", old, "--json")
        assert code == 0, err
        assert json.loads(out)["id"] == kept
    # Search finds the story once (the folded copy left the index).
    code, out, err = invoke(db, "search", "Geneva", "--json")
    assert code == 0, err
    assert [h["id"] for h in json.loads(out)] == ["aaaa000000000001"]


def test_v3_store_without_duplicates_keeps_every_row(db: Path) -> None:
    build_v3(db)
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM reading_notes")
        conn.execute("UPDATE articles SET url = 'https://unique.example/' || seq")
    code, out, err = invoke(db, "show", "--json", "-n", "50")
    assert code == 0, err
    assert len(json.loads(out)) == 5
