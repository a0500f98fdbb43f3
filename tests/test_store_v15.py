"""Schema v15: the stories' by-last index dropped (issue 16, store size); no query read it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from helpers import text_as_v15
from test_store_compact import articles

from newsreader.store import Store
from newsreader.store.schema import SCHEMA_VERSION

QUERIES = (  # the stories' reads (store/stories.py: top_stories, story_of, the id lookups; core: the count)
    "SELECT s.story FROM stories s WHERE s.articles >= 1 "
    "ORDER BY s.sources DESC, s.articles DESC, s.last_ts DESC, s.id, s.story LIMIT 20",
    "SELECT story FROM stories WHERE id >= 'a' AND id < 'ag' LIMIT 2",
    "SELECT story, id, articles FROM stories WHERE story IN (1, 2)",
    "SELECT count(*) FROM stories WHERE articles > 1",
    "SELECT coalesce(max(story), 0) FROM stories",
)


def as_v14(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        text_as_v15(conn)  # v16: the summary and body columns back
        conn.execute("CREATE INDEX stories_by_last ON stories (last_ts)")
        conn.execute("PRAGMA user_version = 14")


def v14_store(tmp_path: Path, seed: int) -> Path:
    """A store of 200 articles saved by this version, then taken back to v14 (with the index)."""
    path = tmp_path / "news.db"
    with Store.open(path) as store:
        store.save(articles(200, seed))
    as_v14(path)
    return path


def test_migrating_a_v14_store_drops_the_index_and_keeps_the_stories(tmp_path: Path) -> None:
    path = v14_store(tmp_path, 3)
    with sqlite3.connect(path) as conn:
        stories = conn.execute("SELECT * FROM stories ORDER BY story").fetchall()
        assert len(stories) >= 2
    Store.open(path).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'index'")}
        assert "stories_by_last" not in names
        assert {"stories_by_id", "stories_by_coverage"} <= names
        assert conn.execute("SELECT * FROM stories ORDER BY story").fetchall() == stories


def test_no_query_of_the_stories_used_the_index(tmp_path: Path) -> None:
    path = v14_store(tmp_path, 4)
    with sqlite3.connect(path) as conn:
        conn.execute("ANALYZE")
        for sql in QUERIES:
            plan = " ".join(str(r[-1]) for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
            assert "stories_by_last" not in plan, (sql, plan)
