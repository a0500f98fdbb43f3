"""Schema v12: the full-text index re-made with the body as its first column, same terms and same ranking.

A v11 store is the v12 one with the index in the old column order (title, summary, body, source): the
tables are otherwise the same. The oracle for what search must return is the v11 file itself, queried
with plain SQL before the migration (bm25 with the weights in the old column order), never the code
under test.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsreader.core import quote_query
from newsreader.errors import StorageError
from newsreader.models import Article, Filters
from newsreader.store import Store
from newsreader.store.schema import SCHEMA_VERSION, index_row, unpack
from tests.helpers import text_as_v15

NOW = datetime(2026, 2, 10, tzinfo=UTC)
OLD_FTS = (
    "CREATE VIRTUAL TABLE articles_fts USING fts5 (title, summary, body, source, content = '', tokenize = 'ascii')"
)
OLD_BM25 = "bm25(articles_fts, 10.0, 4.0, 1.0, 2.0)"  # title, summary, body, source
QUERIES = ['"iran"', '"nuclear" "talk"', '"nuclear talk"', '"東京"', '"москв"', '"iran" NOT "oil"']


def articles() -> list[Article]:
    """Description-only and full-text articles in several scripts, so every column holds terms."""
    out = []
    texts = [
        ("Iran nuclear talks resume", "Nuclear talks with Iran resumed in Vienna.", "en"),
        ("Oil prices and Iran", "Iran said oil exports rose; talks on the nuclear deal stalled.", "en"),
        ("東京で会談", "東京で首脳会談が開かれた。", "ja"),
        ("Переговоры в Москве", "В Москве прошли переговоры о ядерной программе Ирана.", "ru"),
    ]
    for n in range(40):
        title, lead, language = texts[n % len(texts)]
        summary = f"{lead} {' '.join(['filler'] * n)}"  # lengths differ, so no two bm25 scores tie
        body = summary if n % 2 else summary + "\n\n" + " ".join(["Talks", "in", "Vienna", "on", "Iran"] * (n % 7 + 1))
        out.append(
            Article(
                id=f"{n + 1:016x}",
                title=f"{title} {n}",
                source="Wire" if n % 3 else "Other Wire",
                published=NOW - timedelta(hours=n),
                fetched_at=NOW,
                origin=f"feed{n % 3}.xml",
                url=f"https://example.org/{n}",
                summary=summary,
                body=body,
                language=language,
            )
        )
    return out


def make_v11(path: Path) -> None:
    """The store as v11 wrote it: the same rows, the index in the old column order."""
    with Store.open(path) as store:
        store.save(articles())
    conn = sqlite3.connect(path, isolation_level=None)
    text_as_v15(conn)  # v16: the summary and body columns back
    rows = conn.execute("SELECT seq, title, summary, body, source, language FROM articles").fetchall()
    conn.execute("DROP TABLE articles_fts")
    conn.execute(OLD_FTS)
    conn.executemany(
        "INSERT INTO articles_fts (rowid, title, summary, body, source) VALUES (?, ?, ?, ?, ?)",
        [index_row(seq, t, s, unpack(b), src, lang) for seq, t, s, b, src, lang in rows],
    )
    conn.execute("PRAGMA user_version = 11")
    conn.close()


def old_ranking(path: Path, match: str) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [
            r[0]
            for r in conn.execute(
                f"SELECT a.id FROM articles_fts f JOIN articles a ON a.seq = f.rowid WHERE articles_fts MATCH ? "
                f"ORDER BY {OLD_BM25}, a.id",
                (match,),
            )
        ]
    finally:
        conn.close()


def vocabulary(path: Path) -> list[tuple[object, ...]]:
    """(term, column, documents, occurrences) of the whole index."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, articles_fts, col)")
        return sorted(conn.execute("SELECT term, col, doc, cnt FROM temp.v"))
    finally:
        conn.close()


def test_a_v11_store_migrates_to_a_body_first_index_that_ranks_as_before(tmp_path: Path) -> None:
    path = tmp_path / "v11.db"
    make_v11(path)
    before = {q: old_ranking(path, q) for q in QUERIES}
    assert all(before.values()), before  # every query finds something, so the comparison means something
    terms = vocabulary(path)
    with Store.open(path) as store:
        after = {q: [h.article.id for h in store.search(q, Filters(limit=100), snippets=False)] for q in QUERIES}
        hits = store.search(quote_query("Iran"), Filters(limit=100))
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    columns = [r[1] for r in conn.execute("PRAGMA table_info(articles_fts)")]
    free = conn.execute("PRAGMA freelist_count").fetchone()[0]
    conn.close()
    assert columns[0] == "body"
    assert free == 0  # the old index's pages were given back to the file system
    assert after == before
    assert vocabulary(path) == terms  # the same terms in the same columns, nothing lost or doubled
    assert hits and all(h.snippet for h in hits)  # snippets still come from the stored text


def test_the_migrated_index_ranks_as_a_fresh_store_does(tmp_path: Path) -> None:
    migrated, fresh = tmp_path / "v11.db", tmp_path / "fresh.db"
    make_v11(migrated)
    with Store.open(fresh) as store:
        store.save(articles())
    assert ranking(migrated) == ranking(fresh)


def ranking(path: Path) -> list[list[str]]:
    with Store.open(path) as store:
        return [[h.article.id for h in store.search(q, Filters(limit=100), snippets=False)] for q in QUERIES]


def test_a_failed_v12_migration_leaves_the_v11_store_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsreader.store import schema

    path = tmp_path / "v11.db"
    make_v11(path)
    before = {q: old_ranking(path, q) for q in QUERIES}

    def broken(*args: object) -> tuple[object, ...]:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(schema, "index_row", broken)
    with pytest.raises((sqlite3.OperationalError, StorageError)):
        Store.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 11
    assert next(r[1] for r in conn.execute("PRAGMA table_info(articles_fts)")) == "title"
    conn.close()
    assert {q: old_ranking(path, q) for q in QUERIES} == before


def test_a_store_newer_than_v12_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "v13.db"
    make_v11(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError, match="newer than this newsreader understands"):
        Store.open(path)
