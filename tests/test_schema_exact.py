"""store/schema.py's migrations from every released version, on stores built here with that version's SQL.

Each old store is written with the schema objects as that release created them (OBJECTS, copied from the
released SQL, not built by the code under test), holds three articles with gaps in their row numbers
(so an index entry made under a wrong row id shows), in three scripts, one of them long enough to be
stored compressed and beginning with its summary. After `Store.open` migrates it, the rows, the tags
and the full-text index must be what was stored, checked against the hand-written data below; the index
also term for term against a fresh store holding the same articles. The re-indexing steps (v5, v8) are
also checked alone, since v12 re-makes the whole index from the rows and would hide their mistakes.
"""

from __future__ import annotations

import random
import sqlite3
import string
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsreader.core import quote_query
from newsreader.models import Article, Filters
from newsreader.store import Store
from newsreader.store.schema import MIGRATIONS, SCHEMA_VERSION, _apply, index_row

# The schema objects of each release: (first version, last version or None if still current, SQL). The
# full-text index's shadow tables are made by FTS5 itself.
_ARTICLES_V2 = (
    "seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, source TEXT NOT NULL, "
    "author TEXT NOT NULL DEFAULT '', published TEXT NOT NULL, published_ts REAL NOT NULL, "
    "url TEXT NOT NULL DEFAULT '', summary TEXT NOT NULL DEFAULT '', body NOT NULL DEFAULT '', "
    "origin TEXT NOT NULL, fetched_at TEXT NOT NULL, regions TEXT NOT NULL DEFAULT '', "
    "tags TEXT NOT NULL DEFAULT '', source_country TEXT NOT NULL DEFAULT '', content_hash INTEGER NOT NULL"
)
_DATED = ", dated INTEGER NOT NULL DEFAULT 1"
_LANGUAGE = ", language TEXT NOT NULL DEFAULT ''"
_URL_KEY = ", url_key TEXT NOT NULL DEFAULT ''"
_LEAD = ", lead INTEGER NOT NULL DEFAULT 0"
_COUNTRIES_V2 = (
    "article INTEGER NOT NULL REFERENCES articles (seq) ON DELETE CASCADE, code TEXT NOT NULL, "
    "mentions INTEGER NOT NULL DEFAULT 1, in_lead INTEGER NOT NULL DEFAULT 0, is_primary INTEGER NOT NULL DEFAULT 0"
)
_MEMBERS = (
    "article INTEGER PRIMARY KEY REFERENCES articles (seq) ON DELETE CASCADE, story INTEGER NOT NULL, "
    "published_ts REAL NOT NULL, source TEXT NOT NULL, countries TEXT NOT NULL DEFAULT '', "
    "terms TEXT NOT NULL DEFAULT ''"
)
OBJECTS: list[tuple[int, int | None, str]] = [
    (
        1,
        1,
        "CREATE TABLE articles (id TEXT PRIMARY KEY, title TEXT NOT NULL, source TEXT NOT NULL, "
        "author TEXT NOT NULL DEFAULT '', published TEXT NOT NULL, published_ts REAL NOT NULL, "
        "url TEXT NOT NULL DEFAULT '', summary TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '', "
        "origin TEXT NOT NULL, fetched_at TEXT NOT NULL, regions TEXT NOT NULL DEFAULT '', "
        "tags TEXT NOT NULL DEFAULT '', source_country TEXT NOT NULL DEFAULT '', content_hash TEXT NOT NULL)",
    ),
    (
        1,
        1,
        "CREATE TABLE article_countries (article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE, "
        "code TEXT NOT NULL, mentions INTEGER NOT NULL DEFAULT 1, in_lead INTEGER NOT NULL DEFAULT 0, "
        "is_primary INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (article_id, code)) WITHOUT ROWID",
    ),
    (
        1,
        1,
        "CREATE TABLE article_regions (article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE, "
        "region TEXT NOT NULL COLLATE NOCASE, PRIMARY KEY (article_id, region)) WITHOUT ROWID",
    ),
    (
        1,
        1,
        "CREATE VIRTUAL TABLE articles_fts USING fts5 (title, summary, body, source, content = 'articles', "
        "content_rowid = 'rowid', tokenize = 'porter unicode61 remove_diacritics 2')",
    ),
    (
        1,
        None,
        "CREATE TABLE feeds (url TEXT PRIMARY KEY, title TEXT NOT NULL DEFAULT '', etag TEXT NOT NULL DEFAULT '', "
        "last_modified TEXT NOT NULL DEFAULT '', last_fetched TEXT NOT NULL DEFAULT '', "
        "last_status TEXT NOT NULL DEFAULT '', last_error TEXT NOT NULL DEFAULT '', "
        "retry_after TEXT NOT NULL DEFAULT '', moved_to TEXT NOT NULL DEFAULT '')",
    ),
    (2, 3, f"CREATE TABLE articles ({_ARTICLES_V2})"),
    (4, 4, f"CREATE TABLE articles ({_ARTICLES_V2}{_DATED})"),
    (5, 5, f"CREATE TABLE articles ({_ARTICLES_V2}{_DATED}{_LANGUAGE})"),
    (6, 7, f"CREATE TABLE articles ({_ARTICLES_V2}{_DATED}{_LANGUAGE}{_URL_KEY})"),
    (8, 15, f"CREATE TABLE articles ({_ARTICLES_V2}{_DATED}{_LANGUAGE}{_URL_KEY}{_LEAD})"),
    (2, 2, f"CREATE TABLE article_countries ({_COUNTRIES_V2}, PRIMARY KEY (article, code)) WITHOUT ROWID"),
    (
        3,
        None,
        f"CREATE TABLE article_countries ({_COUNTRIES_V2}, declared INTEGER NOT NULL DEFAULT 0, "
        "PRIMARY KEY (article, code)) WITHOUT ROWID",
    ),
    (
        2,
        None,
        "CREATE TABLE article_regions (article INTEGER NOT NULL REFERENCES articles (seq) ON DELETE CASCADE, "
        "region TEXT NOT NULL COLLATE NOCASE, PRIMARY KEY (article, region)) WITHOUT ROWID",
    ),
    (
        2,
        4,
        "CREATE VIRTUAL TABLE articles_fts USING fts5 (title, summary, body, source, content = 'articles_text', "
        "content_rowid = 'seq', tokenize = 'porter unicode61 remove_diacritics 2')",
    ),
    (
        5,
        11,
        "CREATE VIRTUAL TABLE articles_fts USING fts5 (title, summary, body, source, content = '', tokenize = 'ascii')",
    ),
    (
        12,
        None,
        "CREATE VIRTUAL TABLE articles_fts USING fts5 (body, title, summary, source, content = '', tokenize = 'ascii')",
    ),
    (
        6,
        None,
        "CREATE TABLE article_origins (article INTEGER NOT NULL REFERENCES articles (seq) ON DELETE CASCADE, "
        "origin TEXT NOT NULL, source TEXT NOT NULL DEFAULT '', PRIMARY KEY (article, origin))",
    ),
    (
        6,
        None,
        "CREATE TABLE article_aliases (id TEXT PRIMARY KEY, "
        "article INTEGER NOT NULL REFERENCES articles (seq) ON DELETE CASCADE) WITHOUT ROWID",
    ),
    (
        7,
        None,
        "CREATE TABLE article_reads (id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE, "
        "read_at TEXT NOT NULL) WITHOUT ROWID",
    ),
    (
        7,
        None,
        "CREATE TABLE article_stars (id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE, "
        "starred_at TEXT NOT NULL) WITHOUT ROWID",
    ),
    (7, None, "CREATE TABLE purged_articles (id TEXT PRIMARY KEY, purged_at TEXT NOT NULL) WITHOUT ROWID"),
    (
        7,
        None,
        "CREATE TABLE fetch_runs (run INTEGER PRIMARY KEY, started_at TEXT NOT NULL, "
        "finished_at TEXT NOT NULL DEFAULT '', targets TEXT NOT NULL DEFAULT '[]', new INTEGER NOT NULL DEFAULT 0, "
        "updated INTEGER NOT NULL DEFAULT 0, unchanged INTEGER NOT NULL DEFAULT 0, "
        "failed INTEGER NOT NULL DEFAULT 0, report TEXT NOT NULL DEFAULT '[]')",
    ),
    (
        7,
        None,
        "CREATE TABLE fetch_run_articles (run INTEGER NOT NULL REFERENCES fetch_runs (run) ON DELETE CASCADE, "
        "id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE, PRIMARY KEY (run, id)) WITHOUT ROWID",
    ),
    (
        7,
        None,
        "CREATE TABLE watches (name TEXT PRIMARY KEY COLLATE NOCASE, query TEXT NOT NULL DEFAULT '', "
        "filters TEXT NOT NULL DEFAULT '{}', created_at TEXT NOT NULL)",
    ),
    (9, None, "CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID"),
    (
        10,
        None,
        "CREATE TABLE stories (story INTEGER PRIMARY KEY, id TEXT NOT NULL, articles INTEGER NOT NULL, "
        "sources INTEGER NOT NULL, first_ts REAL NOT NULL, last_ts REAL NOT NULL)",
    ),
    (10, 12, f"CREATE TABLE story_members ({_MEMBERS})"),
    (13, None, f"CREATE TABLE story_members ({_MEMBERS}, component INTEGER NOT NULL DEFAULT 0)"),
    # views, indexes and triggers, after the tables they name
    (2, 4, "CREATE VIEW articles_text AS SELECT seq, title, summary, nr_unpack(body) AS body, source FROM articles"),
    (1, 10, "CREATE INDEX articles_by_published ON articles (published_ts DESC)"),
    (11, None, "CREATE INDEX articles_by_published_id ON articles (published_ts DESC, id)"),
    (1, None, "CREATE INDEX articles_by_source ON articles (source COLLATE NOCASE, published_ts DESC)"),
    (1, None, "CREATE INDEX articles_by_source_country ON articles (source_country, published_ts DESC)"),
    (1, 1, "CREATE INDEX article_countries_by_code ON article_countries (code, is_primary, article_id)"),
    (1, 1, "CREATE INDEX article_regions_by_region ON article_regions (region, article_id)"),
    (2, None, "CREATE INDEX article_countries_by_code ON article_countries (code, is_primary, article)"),
    (2, None, "CREATE INDEX article_regions_by_region ON article_regions (region, article)"),
    (5, None, "CREATE INDEX articles_by_language ON articles (language, published_ts DESC)"),
    (6, None, "CREATE INDEX articles_by_url_key ON articles (url_key) WHERE url_key != ''"),
    (6, None, "CREATE INDEX article_origins_by_origin ON article_origins (origin)"),
    (6, None, "CREATE INDEX article_origins_by_source ON article_origins (source COLLATE NOCASE)"),
    (7, None, "CREATE INDEX fetch_run_articles_by_id ON fetch_run_articles (id)"),
    (10, None, "CREATE INDEX stories_by_id ON stories (id)"),
    (10, 16, "CREATE INDEX stories_by_coverage ON stories (sources DESC, articles DESC, last_ts DESC)"),
    (
        17,
        None,
        "CREATE INDEX stories_by_coverage ON stories (sources DESC, articles DESC, last_ts DESC) WHERE articles > 1",
    ),
    (10, 14, "CREATE INDEX stories_by_last ON stories (last_ts)"),
    (10, None, "CREATE INDEX story_members_by_story ON story_members (story)"),
    (10, None, "CREATE INDEX story_members_by_time ON story_members (published_ts)"),
    (13, None, "CREATE INDEX story_members_by_component ON story_members (component, published_ts)"),
    (
        1,
        1,
        "CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN "
        "INSERT INTO articles_fts (rowid, title, summary, body, source) "
        "VALUES (new.rowid, new.title, new.summary, new.body, new.source); END",
    ),
    (
        1,
        1,
        "CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN "
        "INSERT INTO articles_fts (articles_fts, rowid, title, summary, body, source) "
        "VALUES ('delete', old.rowid, old.title, old.summary, old.body, old.source); END",
    ),
    (
        1,
        1,
        "CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN "
        "INSERT INTO articles_fts (articles_fts, rowid, title, summary, body, source) "
        "VALUES ('delete', old.rowid, old.title, old.summary, old.body, old.source); "
        "INSERT INTO articles_fts (rowid, title, summary, body, source) "
        "VALUES (new.rowid, new.title, new.summary, new.body, new.source); END",
    ),
    (
        10,
        None,
        "CREATE TRIGGER story_members_ad AFTER DELETE ON story_members BEGIN UPDATE stories SET "
        "articles = articles - 1, "
        "sources = (SELECT count(DISTINCT source) FROM story_members WHERE story = old.story), "
        "first_ts = coalesce((SELECT min(published_ts) FROM story_members WHERE story = old.story), first_ts), "
        "last_ts = coalesce((SELECT max(published_ts) FROM story_members WHERE story = old.story), last_ts) "
        "WHERE story = old.story; DELETE FROM stories WHERE story = old.story AND articles <= 0; END",
    ),
]

PARAGRAPHS = 20
REST = "".join(f"\n\nParagraph {i} tells of the ceasefire monitors in Hodeidah and Taiz." for i in range(PARAGRAPHS))
WHEN = datetime(2026, 2, 1, 10, tzinfo=UTC)
SOURCE = "Wire Services"  # stemmed in English (servic), not in Russian or Chinese


@dataclass(frozen=True)
class Row:
    seq: int
    id: str
    title: str
    summary: str
    body: str
    language: str  # what the v5 migration detects from the text (hand-labelled)
    countries: tuple[tuple[str, int, bool, bool], ...]
    regions: tuple[str, ...]

    @property
    def lead(self) -> int:
        """How much of the body v8 cuts: the summary, when the body begins with it and a paragraph break."""
        return len(self.summary) if self.summary and self.body.startswith(self.summary + "\n\n") else 0


ROWS = (
    Row(
        1,
        "a000000000000001",
        "Ceasefire talks resume",
        "Negotiators met again in Doha on Sunday, officials said.",
        "Negotiators met again in Doha on Sunday, officials said." + REST,
        "en",
        (("QA", 2, True, True), ("YE", 1, False, False)),
        ("Middle East",),
    ),
    Row(
        4,
        "b000000000000004",
        "Переговоры в Москве",
        "",
        "Встреча с Путиным прошла в Кремле. Позиция Путина не изменилась, сказал он.",
        "ru",
        (("RU", 3, True, True),),
        (),
    ),
    Row(
        9,
        "c000000000000009",
        "外交部发言人",
        "",
        "中国外交部发言人表示，习近平将访问北京以外的城市。",
        "zh",
        (("CN", 1, True, True),),
        ("East Asia", "Asia"),
    ),
)
SEQS = {r.seq for r in ROWS}
LEAD = len(ROWS[0].summary)  # the first row's body begins with its summary, then a paragraph break


def schema_at(version: int) -> list[str]:
    return [sql for first, last, sql in OBJECTS if first <= version and (last is None or version <= last)]


def _text(row: Row, version: int) -> str:
    """The body as stored (and indexed) at `version`: from v8 without the summary it begins with."""
    return row.body[row.lead :] if version >= 8 else row.body


def _body(row: Row, version: int) -> str | bytes:
    body = _text(row, version)
    return zlib.compress(body.encode(), 1) if version >= 2 and len(body) >= 600 else body


def build(path: Path, version: int, rows: Sequence[Row] = ROWS) -> None:
    """A store as newsreader wrote it at `version`, with `rows` in it and their index entries."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA page_size = 4096")
    conn.create_function(
        "nr_unpack", 1, lambda v: zlib.decompress(v).decode() if isinstance(v, bytes) else v, deterministic=True
    )
    for sql in schema_at(version):
        conn.execute(sql)
    conn.execute("BEGIN")
    for row in rows:
        _insert(conn, row, version)
    conn.execute("COMMIT")
    if 2 <= version <= 4:
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()


def _insert(conn: sqlite3.Connection, row: Row, version: int) -> None:
    values: dict[str, object] = {
        "title": row.title,
        "source": SOURCE,
        "published": (WHEN + timedelta(minutes=row.seq)).isoformat(),
        "published_ts": (WHEN + timedelta(minutes=row.seq)).timestamp(),
        "url": f"https://example.org/{row.seq}",
        "summary": row.summary,
        "body": _body(row, version),
        "origin": "https://example.org/feed.xml",
        "fetched_at": WHEN.replace(hour=12).isoformat(),
        "regions": "|".join(row.regions),
    }
    if version == 1:
        values.update(rowid=row.seq, id=row.id, content_hash=f"{row.seq:040x}")
    else:
        values.update(seq=row.seq, id=row.id, content_hash=row.seq)
    if version >= 5:
        values["language"] = row.language
    if version >= 6:
        values["url_key"] = f"example.org/{row.seq}"
    if version >= 8:
        values["lead"] = row.lead
    names = ", ".join(values)
    conn.execute(f"INSERT INTO articles ({names}) VALUES ({', '.join('?' * len(values))})", tuple(values.values()))
    key = row.id if version == 1 else row.seq
    for code, mentions, in_lead, primary in row.countries:
        conn.execute(
            "INSERT INTO article_countries VALUES (?, ?, ?, ?, ?" + (", 0)" if version >= 3 else ")"),
            (key, code, mentions, int(in_lead), int(primary)),
        )
    for region in row.regions:
        conn.execute("INSERT INTO article_regions VALUES (?, ?)", (key, region))
    if version >= 6:
        conn.execute("INSERT INTO article_origins VALUES (?, ?, ?)", (row.seq, "https://example.org/feed.xml", SOURCE))
    if version >= 5:
        old_order = version < 12
        indexed_body = _text(row, version)
        seq, title, summary, indexed, source = index_row(
            row.seq, row.title, row.summary, indexed_body, SOURCE, row.language
        )
        columns = (title, summary, indexed, source) if old_order else (indexed, title, summary, source)
        names = "title, summary, body, source" if old_order else "body, title, summary, source"
        conn.execute(f"INSERT INTO articles_fts (rowid, {names}) VALUES (?, ?, ?, ?, ?)", (seq, *columns))


def instances(path: Path) -> list[tuple[str, str, str, int]]:
    """(article id, column, term, offset) of every term the index holds."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, articles_fts, instance)")
        ids = dict(conn.execute("SELECT seq, id FROM articles"))
        return sorted(
            (ids.get(doc, f"#{doc}"), col, term, off)
            for term, doc, col, off in conn.execute("SELECT term, doc, col, offset FROM temp.terms")
        )
    finally:
        conn.close()


def count(found: list[tuple[str, str, str, int]], aid: str, column: str, term: str) -> int:
    return sum(1 for a, c, t, _ in found if (a, c, t) == (aid, column, term))


def fresh_store(path: Path) -> None:
    articles = [
        Article(
            id=r.id,
            title=r.title,
            source=SOURCE,
            published=WHEN + timedelta(minutes=r.seq),
            fetched_at=WHEN.replace(hour=12),
            origin="https://example.org/feed.xml",
            url=f"https://example.org/{r.seq}",
            summary=r.summary,
            body=r.body,
            language=r.language,
        )
        for r in ROWS
    ]
    with Store.open(path) as store:
        store.save(articles)


@pytest.mark.parametrize("version", range(1, 16))
def test_a_store_of_each_older_version_migrates_with_its_rows_tags_and_index(tmp_path: Path, version: int) -> None:
    path = tmp_path / f"v{version}.db"
    build(path, version)
    with Store.open(path) as store:
        assert store.count() == len(ROWS)
        for row in ROWS:
            got = store.get(row.id)
            assert (got.title, got.summary, got.body, got.language) == (row.title, row.summary, row.body, row.language)
            tags = {(c.code, c.mentions, c.in_lead, c.primary) for c in got.countries}
            assert tags == set(row.countries)
            assert set(got.regions) == set(row.regions)
        for query, languages, expected in (
            ("Hodeidah", ("en",), ["a000000000000001"]),
            ("Doha", ("en",), ["a000000000000001"]),
            ("Путин", ("ru", "en"), ["b000000000000004"]),
            ("习近平", (), ["c000000000000009"]),
        ):
            hits = store.search(quote_query(query, languages), Filters(), snippets=False)
            assert [h.article.id for h in hits] == expected, query
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    stored = conn.execute("SELECT lead, summary_len, text FROM articles WHERE seq = 1").fetchone()
    # text once (v8), the summary and the rest compressed together (v16)
    assert stored[:2] == (LEAD, LEAD) and zlib.decompress(stored[2]).decode() == ROWS[0].summary + REST
    assert conn.execute("PRAGMA page_size").fetchone()[0] == 4096  # an old file keeps its page size
    conn.close()
    found = instances(path)
    assert {a for a, *_ in found} == {r.id for r in ROWS}  # every entry under its own article's row
    assert count(found, "a000000000000001", "body", "hodeidah") == PARAGRAPHS
    assert count(found, "a000000000000001", "body", "doha") == 0  # the summary's words: once, in the summary
    assert count(found, "a000000000000001", "summary", "doha") == 1
    assert count(found, "a000000000000001", "title", "ceasefir") == 1
    assert count(found, "a000000000000001", "source", "servic") == 1  # each column in its article's language
    assert count(found, "b000000000000004", "source", "services") == 1
    assert count(found, "b000000000000004", "body", "путин") == 2
    fresh = tmp_path / "fresh.db"
    fresh_store(fresh)
    assert found == instances(fresh)  # term for term what the current code indexes


def with_free_pages(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE scratch (x)")
    conn.executemany("INSERT INTO scratch VALUES (?)", [("x" * 1000,)] * 200)
    conn.execute("DROP TABLE scratch")  # leaves about 200 KB free: 50 pages of 4 KB, 25 of 8 KB (a new file)
    free, size = (conn.execute(f"PRAGMA {name}").fetchone()[0] for name in ("freelist_count", "page_size"))
    assert free * size >= 160_000
    conn.close()


def test_a_store_from_before_v16_gives_back_its_free_pages_and_a_current_one_is_not_rewritten(tmp_path: Path) -> None:
    # A v16 store was compacted on its way to v16; the v17 step after it only makes an index.
    cases = ((1, False), (11, False), (12, False), (15, False), (16, True), (SCHEMA_VERSION, True))
    for version, free_after in cases:
        path = tmp_path / f"v{version}.db"
        if version >= 16:
            fresh_store(path)
        else:
            build(path, version)
        if version == 16:  # a current store set back to v16's full coverage index (the one v17 made partial)
            with sqlite3.connect(path) as conn:
                conn.execute("DROP INDEX stories_by_coverage")
                conn.execute("CREATE INDEX stories_by_coverage ON stories (sources DESC, articles DESC, last_ts DESC)")
                conn.execute("PRAGMA user_version = 16")
        with_free_pages(path)
        with Store.open(path) as store:
            assert store.count() == len(ROWS)
        conn = sqlite3.connect(path)
        free = conn.execute("PRAGMA freelist_count").fetchone()[0]
        conn.close()
        assert (free > 0) is free_after, version


def test_the_v5_step_indexes_each_row_under_its_own_row_number(tmp_path: Path) -> None:
    path = tmp_path / "v4.db"
    build(path, 4)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    _apply(conn, MIGRATIONS[4])
    conn.execute("COMMIT")
    languages = dict(conn.execute("SELECT seq, language FROM articles"))
    conn.close()
    assert languages == {r.seq: r.language for r in ROWS}
    found = instances(path)
    assert {a for a, *_ in found} == {r.id for r in ROWS}
    assert count(found, "a000000000000001", "body", "hodeidah") == PARAGRAPHS
    assert count(found, "a000000000000001", "body", "doha") == 1  # before v8, the whole body
    assert count(found, "b000000000000004", "body", "путин") == 2
    assert count(found, "c000000000000009", "body", "习近") == 1


def test_the_v5_step_detects_the_language_from_the_first_600_characters_of_the_body(tmp_path: Path) -> None:
    # A Greek title, then a body of digits whose only letters are Korean syllables: 11 within the first 600
    # characters (CLD2 still says Greek, 50% of the letters' bytes) and a 12th at character 601, which
    # would tip it to Korean (hand-checked with pycld2). The sample ends where the docstring says it does.
    body = "1 " * 294 + " " + "한" * 12 + " 2"
    assert len(body[:600]) == 600 and body[:600].count("한") == 11 and body[600] == "한"
    row = Row(3, "e000000000000003", "Αθήνα Θεσσαλονίκη", "", body, "el", (), ())
    path = tmp_path / "v4.db"
    build(path, 4, [row])
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    _apply(conn, MIGRATIONS[4])
    conn.execute("COMMIT")
    languages = dict(conn.execute("SELECT seq, language FROM articles"))
    conn.close()
    assert languages == {3: "el"}


def test_the_v8_step_replaces_the_index_entry_of_a_cut_body(tmp_path: Path) -> None:
    path = tmp_path / "v7.db"
    build(path, 7)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    _apply(conn, MIGRATIONS[7])
    conn.execute("COMMIT")
    leads = dict(conn.execute("SELECT seq, lead FROM articles"))
    conn.close()
    assert leads == {1: LEAD, 4: 0, 9: 0}
    found = instances(path)
    assert {a for a, *_ in found} == {r.id for r in ROWS}
    # the old entry (the whole body) is gone: its words are counted once, from the rest alone
    assert count(found, "a000000000000001", "body", "hodeidah") == PARAGRAPHS
    assert count(found, "a000000000000001", "body", "doha") == 0
    assert count(found, "a000000000000001", "body", "negoti") == 0
    assert count(found, "a000000000000001", "summary", "doha") == 1
    assert count(found, "a000000000000001", "summary", "negoti") == 1  # stemmed in the article's language
    assert count(found, "a000000000000001", "body", "tell") == PARAGRAPHS
    assert count(found, "b000000000000004", "body", "путин") == 2
    # and its statistics: bm25 as in an index holding only the new entries (a stale entry counts a row more)
    expected = [(r.seq, r.title, r.summary, r.body[LEAD:] if r.seq == 1 else r.body) for r in ROWS]
    assert scores(path, "articles_fts") == scores(":memory:", None, expected)


def scores(path: Path | str, table: str | None, rows: Sequence[tuple[int, str, str, str]] = ()) -> list[object]:
    """(row, bm25) of every entry holding the source's term, from `table` or from an index of `rows` made here."""
    conn = sqlite3.connect(path)
    try:
        if table is None:
            table = "expected"
            conn.execute(
                f"CREATE VIRTUAL TABLE {table} USING fts5 (title, summary, body, source, content = '', tokenize = 'ascii')"
            )
            for seq, title, summary, body in rows:
                language = next(r.language for r in ROWS if r.seq == seq)
                conn.execute(
                    f"INSERT INTO {table} (rowid, title, summary, body, source) VALUES (?, ?, ?, ?, ?)",
                    index_row(seq, title, summary, body, SOURCE, language),
                )
        return conn.execute(
            f"SELECT rowid, bm25({table}) FROM {table} WHERE {table} MATCH 'wire' ORDER BY rowid"
        ).fetchall()
    finally:
        conn.close()


EXTRA = 5001  # v5 and v8 read the rows 500 at a time, v12 5,000


@pytest.mark.parametrize("version", [4, 7])
def test_a_store_of_more_than_one_batch_is_migrated_in_every_row(tmp_path: Path, version: int) -> None:
    summary = "Delegates met in Aden on Monday to discuss the ceasefire."
    many = [
        *ROWS,
        *(
            Row(10 + i, f"d{i:015x}", f"Briefing {i}", summary, f"{summary}\n\nAden port {i}.", "en", (), ())
            for i in range(EXTRA)
        ),
    ]
    path = tmp_path / f"v{version}.db"
    build(path, version, many)
    with Store.open(path) as store:
        assert store.count() == len(many)
        assert store.get(f"d{EXTRA - 1:015x}").body == f"{summary}\n\nAden port {EXTRA - 1}."
    conn = sqlite3.connect(path)
    leads = conn.execute("SELECT count(*), sum(lead = 0) FROM articles").fetchone()
    last = conn.execute("SELECT lead, summary_len, text FROM articles WHERE seq = ?", (9 + EXTRA,)).fetchone()
    english = conn.execute("SELECT count(*) FROM articles WHERE language = 'en'").fetchone()[0]
    conn.execute("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, articles_fts, row)")
    aden = conn.execute("SELECT doc, cnt FROM temp.terms WHERE term = 'aden'").fetchone()
    conn.close()
    assert leads == (len(many), 2)  # only the Russian and the Chinese rows keep their whole body
    assert last == (len(summary), len(summary), f"{summary}\n\nAden port {EXTRA - 1}.")  # short: plain text
    assert english == EXTRA + 1  # from v4, v5 detects every row's language, the last batch's too
    assert aden == (EXTRA, 2 * EXTRA)  # every row indexed once (summary and body), the last batch too


def test_a_reader_holding_the_file_leaves_the_store_migrated_but_not_compacted(tmp_path: Path) -> None:
    from newsreader.store.schema import migrate, register_functions

    path = tmp_path / "v11.db"
    build(path, 11)
    with_free_pages(path)
    reader = sqlite3.connect(path, isolation_level=None)
    conn = sqlite3.connect(path, isolation_level=None)
    register_functions(conn)
    conn.execute("PRAGMA busy_timeout = 50")

    def hold_the_file(statement: str) -> None:
        if statement == "VACUUM" and not reader.in_transaction:  # a reader starts just before the compaction
            reader.execute("BEGIN")
            reader.execute("SELECT count(*) FROM articles").fetchone()

    conn.set_trace_callback(hold_the_file)
    migrate(conn, str(path))  # the VACUUM fails (the file is locked): no error, the migration stands
    conn.set_trace_callback(None)
    assert reader.in_transaction
    reader.execute("ROLLBACK")
    reader.close()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA freelist_count").fetchone()[0] > 0
    conn.close()


# --- the v16 text's packing and the upgrade notice (mut, 2026-12-04) ---------------------------------------


def test_pack_text_packs_from_exactly_its_minimum_and_keeps_lone_surrogates() -> None:
    from newsreader.store.schema import TEXT_PACK_MIN_CHARS, pack_text, unpack_text

    assert TEXT_PACK_MIN_CHARS == 120
    assert pack_text("", "a" * 119) == "a" * 119  # below the minimum: plain
    at = pack_text("a" * 20, "a" * 100)  # exactly 120 characters: packed (120 a's deflate to a few bytes)
    assert isinstance(at, bytes) and unpack_text(at, 20) == ("a" * 20, "a" * 100)
    lone = "\ud800" + "b" * 130  # a lone surrogate, as a hostile feed can carry: stored and read back as it was
    packed = pack_text("", lone)
    assert isinstance(packed, bytes) and unpack_text(packed, 1) == ("\ud800", "b" * 130)


def test_pack_text_keeps_a_text_plain_when_zlib_cannot_make_it_shorter() -> None:
    from newsreader.store.schema import pack_text

    # 130 letters and digits drawn at random: no repeats for deflate to find, and its shortest stream (a
    # stored block, or Huffman codes for 62 symbols and its table) is no shorter than the 130 bytes.
    rnd = random.Random(5)
    noise = "".join(rnd.choice(string.ascii_letters + string.digits) for _ in range(130))
    assert len(zlib.compress(noise.encode(), 9)) >= len(noise)
    assert pack_text(noise[:30], noise[30:]) == noise


def _announced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, current: int, rows: int) -> list[str]:
    """What _announce says before migrating a store of `rows` articles from version `current` (bound: 3)."""
    from newsreader import notices
    from newsreader.store import schema

    said: list[str] = []
    monkeypatch.setattr(notices, "handler", said.append)
    monkeypatch.setattr(schema, "NOTICE_MIN_ARTICLES", 3)
    conn = sqlite3.connect(tmp_path / f"{current}-{rows}.db")
    try:
        conn.execute("CREATE TABLE articles (seq INTEGER PRIMARY KEY)")
        conn.executemany("INSERT INTO articles VALUES (?)", [(n,) for n in range(rows)])
        schema._announce(conn, "news.db", current)
    finally:
        conn.close()
    return said


def test_the_upgrade_notice_only_before_a_step_that_rewrites_the_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """REWRITES is {2, 5, 8, 10, 12, 13, 16}: from v15 the v16 step rewrites; from v16 only v17 (an index) is left."""
    line = f"upgrading the store at news.db to schema v{SCHEMA_VERSION} (3 articles), this runs once"
    assert SCHEMA_VERSION == 17
    assert _announced(tmp_path, monkeypatch, 15, 3) == [line]
    assert _announced(tmp_path, monkeypatch, 16, 3) == []  # v17 rewrites nothing
    assert _announced(tmp_path, monkeypatch, 15, 2) == []  # under the bound
    assert _announced(tmp_path, monkeypatch, 0, 3) == []  # a new store
