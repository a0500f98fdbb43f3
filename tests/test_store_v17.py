"""Schema v17: the stories' coverage index holds only stories of two or more articles (issue 16, store size).

The store is the hand-written fixture feeds (tests/stories_support.py: three events covered by several
outlets, two reported once) fetched as files, then set back to v16's full index. Oracles: the `stories`
rows themselves, sorted here in Python by the listing's documented order (outlets, articles, latest
article, then the story's id), and SQLite's own plan for the queries the listing runs.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from helpers import invoke
from stories_support import OUTLETS, feed

from newsreader.models import Filters
from newsreader.store import Store
from newsreader.store.schema import SCHEMA_VERSION
from newsreader.store.stories import top_stories

FULL = "CREATE INDEX stories_by_coverage ON stories (sources DESC, articles DESC, last_ts DESC)"


@pytest.fixture
def v16_store(tmp_path: Path) -> Path:
    db = tmp_path / "news.db"
    files = []
    for outlet in OUTLETS:
        path = tmp_path / f"{outlet}.xml"
        path.write_bytes(feed(outlet))
        files.append(str(path))
    code, _, err = invoke(db, "fetch", *files)
    assert code == 0, err
    with sqlite3.connect(db) as conn:
        conn.execute("DROP INDEX stories_by_coverage")
        conn.execute(FULL)
        conn.execute("PRAGMA user_version = 16")
    return db


def _rows(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT * FROM stories ORDER BY story").fetchall()


def _expected(db: Path, min_articles: int, source: str = "") -> list[str]:
    """Story ids in the listing's order, worked out from the table's rows here."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT story, id, articles, sources, last_ts FROM stories").fetchall()
        covered = {
            r[0]
            for r in conn.execute(
                "SELECT m.story FROM story_members m JOIN articles a ON a.seq = m.article WHERE a.source = ?",
                (source,),
            )
        }
    kept = [r for r in rows if r[2] >= min_articles and (not source or r[0] in covered)]
    return [r[1] for r in sorted(kept, key=lambda r: (-r[3], -r[2], -r[4], r[1]))]


def _listed(db: Path, *args: str) -> list[str]:
    code, out, err = invoke(db, "stories", "--json", "--limit", "0", *args)
    assert code == 0, err
    return [s["id"] for s in json.loads(out)]


def test_the_migration_keeps_the_stories_and_makes_the_index_partial(v16_store: Path) -> None:
    before = _rows(v16_store)
    assert sum(1 for r in before if r[2] > 1) == 3 and sum(1 for r in before if r[2] == 1) == 2
    Store.open(v16_store).close()
    with sqlite3.connect(v16_store) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        (sql,) = conn.execute("SELECT sql FROM sqlite_schema WHERE name = 'stories_by_coverage'").fetchone()
        in_index = conn.execute("SELECT count(*) FROM stories INDEXED BY stories_by_coverage WHERE articles > 1")
        assert in_index.fetchone()[0] == 3
    assert sql.endswith("WHERE articles > 1")
    assert _rows(v16_store) == before


@pytest.mark.parametrize("min_articles", [1, 2, 3])
def test_every_listing_is_the_one_the_rows_give(v16_store: Path, min_articles: int) -> None:
    assert _listed(v16_store, "--min-articles", str(min_articles)) == _expected(v16_store, min_articles)
    for name, _ in OUTLETS.values():
        got = _listed(v16_store, "--min-articles", str(min_articles), "--source", name)
        assert got == _expected(v16_store, min_articles, name), name


def test_the_listing_of_stories_of_two_or_more_reads_the_partial_index_in_order(v16_store: Path) -> None:
    ran: list[str] = []
    with Store.open(v16_store) as store:
        store._conn.set_trace_callback(ran.append)
        assert len(top_stories(store, Filters(limit=0), 2)) == 3
        store._conn.set_trace_callback(None)
        (sql,) = [sql for sql in ran if sql.startswith("SELECT s.story FROM stories s")]
        plan = " ".join(str(r[-1]) for r in store._conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
    # The index gives the first three keys in order; only the ties on all three are sorted (by id).
    assert "USING INDEX stories_by_coverage" in plan and "TEMP B-TREE FOR ORDER BY" not in plan, (sql, plan)
