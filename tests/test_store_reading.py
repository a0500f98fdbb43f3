"""Schema v7 (read state, stars, purged ids, fetch runs, watches): a v3 store migrates in place."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsreader.errors import StorageError
from newsreader.models import Article, Filters
from newsreader.store import Store
from newsreader.store import state as st
from newsreader.store.links import fold
from newsreader.store.schema import SCHEMA_VERSION
from tests.helpers import text_as_v15

NOW = datetime(2026, 2, 10, 12, 0, tzinfo=UTC)
V5_TABLES = ("article_reads", "article_stars", "purged_articles", "fetch_run_articles", "fetch_runs", "watches")


def _article(n: int) -> Article:
    return Article(
        id=f"{n:016x}",
        title=f"Article {n}",
        source="Wire",
        published=NOW - timedelta(hours=n),
        fetched_at=NOW,
        origin="test",
        body=f"Body {n}.",
    )


def _v4_database(path: Path) -> None:
    """A store as schema v6 left it: today's schema without the read-state tables (v7) and what came after
    them (v8: the `lead` column, unused by these articles: their summaries are empty; v9: store_meta)."""
    with Store.open(path) as store:
        store.save([_article(n) for n in range(3)])
    conn = sqlite3.connect(path, isolation_level=None)
    text_as_v15(conn)  # v16: the summary and body columns back
    for table in (*V5_TABLES, "stories", "story_members"):  # and what later versions added (v10: stories)
        conn.execute(f"DROP TABLE {table}")
    conn.execute("ALTER TABLE articles DROP COLUMN lead")
    conn.execute("DROP TABLE store_meta")
    conn.execute("PRAGMA user_version = 6")
    conn.close()


def test_v4_store_migrates_and_every_article_starts_unread(tmp_path: Path) -> None:
    path = tmp_path / "v4.db"
    _v4_database(path)
    with Store.open(path) as store:
        assert store.count() == 3
        assert [a.read for a in store.query(Filters())] == [False, False, False]
        st.set_read(store, ["0000000000000001"], True)
        assert [a.id for a in store.query(Filters(unread=True))] == ["0000000000000000", "0000000000000002"]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert set(V5_TABLES) <= names
    conn.close()


def test_a_newer_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    with Store.open(path) as store:
        store.save([_article(1)])
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StorageError, match="newer than this newsreader understands"):
        Store.open(path)
    assert path.read_bytes() == before


def test_merging_duplicates_carries_read_and_star_to_the_kept_article(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        store.save([_article(n) for n in range(3)])
        st.set_read(store, ["0000000000000001"], True)
        st.set_starred(store, ["0000000000000002"], True)
        with store.transaction() as conn:  # the dedupe fold of stored duplicates (store/links.py)
            seqs = dict(conn.execute("SELECT id, seq FROM articles").fetchall())
            fold(conn, seqs["0000000000000000"], seqs["0000000000000001"])
            fold(conn, seqs["0000000000000000"], seqs["0000000000000002"])
        read, starred = st.states(store, ["0000000000000000"])
        assert read == {"0000000000000000"} and starred == {"0000000000000000"}
