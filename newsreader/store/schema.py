"""The database schema and its migrations, applied in order inside one transaction."""

from __future__ import annotations

import contextlib
import sqlite3
import zlib
from collections.abc import Callable

from newsreader.errors import StorageError
from newsreader.models import Article

PACK_MIN_CHARS = 600  # shorter bodies barely compress; they stay plain TEXT
PACK_LEVEL = 1  # zlib's fastest level: ~2x on news prose at a fraction of level 6's CPU
NEW_PAGE_SIZE = 8192  # new files: 7% smaller than 4 KB pages, and unlike 16 KB ones no slower to read
# v16's one text per article (pack_text): the summary and the rest of the body compressed as one stream.
# Deflate level 3 with a 4 KB window and memLevel 5: on the 100k bench's texts 1.5% larger than level 6
# (76.0 against 74.9 MB) for 3.7 s of CPU against 5.1 s; zlib.compress's defaults set up 256 KB of state
# per call, which made short texts cost as much as long ones (about 9.6 s at level 1).
TEXT_PACK_MIN_CHARS = 120  # shorter texts stay plain TEXT: zlib's 6 bytes of framing eat what it saves
TEXT_PACK = (3, 12, 5)  # (level, window bits, memLevel) for zlib.compressobj; any zlib stream reads back

# Each entry moves the schema from version i to i + 1. Never edit a released step; append a new one.
# A step is an SQL script, or a function of the connection for work SQL alone cannot do (it runs inside
# the same transaction as every other step and must not commit).
Migration = str | Callable[[sqlite3.Connection], None]
MIGRATIONS: tuple[Migration, ...] = (
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        source TEXT NOT NULL,
        author TEXT NOT NULL DEFAULT '',
        published TEXT NOT NULL,            -- ISO 8601, UTC
        published_ts REAL NOT NULL,         -- seconds since the epoch, for ordering and ranges
        url TEXT NOT NULL DEFAULT '',
        summary TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        origin TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        regions TEXT NOT NULL DEFAULT '',   -- '|'-joined, for display; article_regions is for filtering
        tags TEXT NOT NULL DEFAULT '',      -- '|'-joined feed categories
        source_country TEXT NOT NULL DEFAULT '',
        content_hash TEXT NOT NULL
    );
    CREATE INDEX articles_by_published ON articles (published_ts DESC);
    CREATE INDEX articles_by_source ON articles (source COLLATE NOCASE, published_ts DESC);
    CREATE INDEX articles_by_source_country ON articles (source_country, published_ts DESC);

    CREATE TABLE article_countries (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        code TEXT NOT NULL,
        mentions INTEGER NOT NULL DEFAULT 1,
        in_lead INTEGER NOT NULL DEFAULT 0,
        is_primary INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (article_id, code)
    ) WITHOUT ROWID;
    CREATE INDEX article_countries_by_code ON article_countries (code, is_primary, article_id);

    CREATE TABLE article_regions (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        region TEXT NOT NULL COLLATE NOCASE,
        PRIMARY KEY (article_id, region)
    ) WITHOUT ROWID;
    CREATE INDEX article_regions_by_region ON article_regions (region, article_id);

    CREATE VIRTUAL TABLE articles_fts USING fts5 (
        title, summary, body, source,
        content = 'articles', content_rowid = 'rowid',
        tokenize = 'porter unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, summary, body, source)
        VALUES (new.rowid, new.title, new.summary, new.body, new.source);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, summary, body, source)
        VALUES ('delete', old.rowid, old.title, old.summary, old.body, old.source);
    END;
    CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, summary, body, source)
        VALUES ('delete', old.rowid, old.title, old.summary, old.body, old.source);
        INSERT INTO articles_fts (rowid, title, summary, body, source)
        VALUES (new.rowid, new.title, new.summary, new.body, new.source);
    END;

    CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        etag TEXT NOT NULL DEFAULT '',
        last_modified TEXT NOT NULL DEFAULT '',
        last_fetched TEXT NOT NULL DEFAULT '',
        last_status TEXT NOT NULL DEFAULT '',
        last_error TEXT NOT NULL DEFAULT '',
        retry_after TEXT NOT NULL DEFAULT '',
        moved_to TEXT NOT NULL DEFAULT ''
    );
    """,
    # v2: smaller and faster to write. An explicit INTEGER PRIMARY KEY (`seq`, the old rowid) that VACUUM
    # cannot renumber; the tag tables keyed by it instead of the 16-character id; the content hash as a
    # 64-bit integer; long bodies zlib-compressed (a BLOB; short ones stay TEXT). The full-text index is
    # maintained by Store itself in the same transaction (no triggers: it has the plain text at hand) and
    # reads its external content through a view that decompresses with nr_unpack(), a function every
    # Store connection registers. The tokenizer (porter stemming, diacritics folded) is unchanged.
    """
    DROP TRIGGER articles_ai;
    DROP TRIGGER articles_ad;
    DROP TRIGGER articles_au;
    DROP TABLE articles_fts;
    CREATE TABLE articles_v2 (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        source TEXT NOT NULL,
        author TEXT NOT NULL DEFAULT '',
        published TEXT NOT NULL,            -- ISO 8601, UTC
        published_ts REAL NOT NULL,         -- seconds since the epoch, for ordering and ranges
        url TEXT NOT NULL DEFAULT '',
        summary TEXT NOT NULL DEFAULT '',
        body NOT NULL DEFAULT '',           -- TEXT, or a zlib-compressed UTF-8 BLOB (see nr_unpack)
        origin TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        regions TEXT NOT NULL DEFAULT '',   -- '|'-joined, in display order; article_regions is for filtering
        tags TEXT NOT NULL DEFAULT '',      -- '|'-joined feed categories
        source_country TEXT NOT NULL DEFAULT '',
        content_hash INTEGER NOT NULL       -- the first 64 bits of Article.content_hash()
    );
    INSERT INTO articles_v2 (seq, id, title, source, author, published, published_ts, url, summary, body, origin,
                             fetched_at, regions, tags, source_country, content_hash)
        SELECT rowid, id, title, source, author, published, published_ts, url, summary, nr_pack(body), origin,
               fetched_at, regions, tags, source_country, nr_hash(content_hash)
        FROM articles ORDER BY rowid;
    CREATE TABLE article_countries_v2 (
        article INTEGER NOT NULL REFERENCES articles_v2 (seq) ON DELETE CASCADE,
        code TEXT NOT NULL,
        mentions INTEGER NOT NULL DEFAULT 1,
        in_lead INTEGER NOT NULL DEFAULT 0,
        is_primary INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (article, code)
    ) WITHOUT ROWID;
    INSERT INTO article_countries_v2 (article, code, mentions, in_lead, is_primary)
        SELECT a.seq, c.code, c.mentions, c.in_lead, c.is_primary
        FROM article_countries c JOIN articles_v2 a ON a.id = c.article_id;
    CREATE TABLE article_regions_v2 (
        article INTEGER NOT NULL REFERENCES articles_v2 (seq) ON DELETE CASCADE,
        region TEXT NOT NULL COLLATE NOCASE,
        PRIMARY KEY (article, region)
    ) WITHOUT ROWID;
    INSERT INTO article_regions_v2 (article, region)
        SELECT a.seq, r.region FROM article_regions r JOIN articles_v2 a ON a.id = r.article_id;
    DROP TABLE article_countries;
    DROP TABLE article_regions;
    DROP TABLE articles;
    ALTER TABLE articles_v2 RENAME TO articles;
    ALTER TABLE article_countries_v2 RENAME TO article_countries;
    ALTER TABLE article_regions_v2 RENAME TO article_regions;
    CREATE INDEX articles_by_published ON articles (published_ts DESC);
    CREATE INDEX articles_by_source ON articles (source COLLATE NOCASE, published_ts DESC);
    CREATE INDEX articles_by_source_country ON articles (source_country, published_ts DESC);
    CREATE INDEX article_countries_by_code ON article_countries (code, is_primary, article);
    CREATE INDEX article_regions_by_region ON article_regions (region, article);
    CREATE VIEW articles_text AS SELECT seq, title, summary, nr_unpack(body) AS body, source FROM articles;
    CREATE VIRTUAL TABLE articles_fts USING fts5 (
        title, summary, body, source,
        content = 'articles_text', content_rowid = 'seq',
        tokenize = 'porter unicode61 remove_diacritics 2'
    );
    INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
    """,
    # v3: remember which countries the user declared (a file's Country: header), so `retag` recomputes
    # everything else and never drops a declared one. Older rows say 0; retag re-reads their file header.
    """
    ALTER TABLE article_countries ADD COLUMN declared INTEGER NOT NULL DEFAULT 0;
    """,
    # v4: whether the date is the feed's (1), or the first-seen time because the feed gave none readable (0)
    # or one more than a day in the future (-1). Rows stored before read 1, except those whose date is
    # exactly their first fetch time: that is how undated entries were stored, and a feed's own date
    # never matches the fetch to the microsecond. The next fetch of a feed marks the rest.
    """
    ALTER TABLE articles ADD COLUMN dated INTEGER NOT NULL DEFAULT 1;
    UPDATE articles SET dated = 0 WHERE published = fetched_at;
    """,
    # v5: search in every language (see _v5_languages).
    lambda conn: _v5_languages(conn),
    # v6: one article per link. `url_key` (urls.url_key of the link) finds the row a link is stored under;
    # article_aliases keeps the ids of the copies folded into it, article_origins the other feeds and files
    # that carried it. Rows already stored under one link are folded into the first stored (store/links.py).
    lambda conn: _one_article_per_link(conn),
    # v7: the reader's own state. Keyed by the article's stable id (not seq), so it survives re-fetches,
    # updates and retag; the foreign keys let a merge of duplicates (store/links.py) carry it to the kept row.
    # Watches keep the names the user gave (regions resolve at query time, so config regions work).
    """
    CREATE TABLE article_reads (
        id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        read_at TEXT NOT NULL               -- ISO 8601, UTC
    ) WITHOUT ROWID;
    CREATE TABLE article_stars (
        id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        starred_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE purged_articles (
        id TEXT PRIMARY KEY,                -- never stored again by a re-fetch
        purged_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE fetch_runs (
        run INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL DEFAULT '',   -- '' while running, or when the run was interrupted
        targets TEXT NOT NULL DEFAULT '[]',     -- JSON array of the targets as given ([] = the configured feeds)
        new INTEGER NOT NULL DEFAULT 0,
        updated INTEGER NOT NULL DEFAULT 0,
        unchanged INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        report TEXT NOT NULL DEFAULT '[]'       -- JSON: per source label, counts, status
    );
    CREATE TABLE fetch_run_articles (
        run INTEGER NOT NULL REFERENCES fetch_runs (run) ON DELETE CASCADE,
        id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,  -- stored for the first time by the run
        PRIMARY KEY (run, id)
    ) WITHOUT ROWID;
    CREATE INDEX fetch_run_articles_by_id ON fetch_run_articles (id);
    CREATE TABLE watches (
        name TEXT PRIMARY KEY COLLATE NOCASE,
        query TEXT NOT NULL DEFAULT '',
        filters TEXT NOT NULL DEFAULT '{}',    -- JSON: sources, regions, countries, langs as given
        created_at TEXT NOT NULL
    );
    """,
    # v8: each text stored and indexed once (store/leads.py): a body that begins with its summary keeps
    # only the rest, `lead` says how much of the summary to put back in front of it.
    lambda conn: _v8_text_once(conn),
    # v9: facts about the store itself (store/meta.py), e.g. the gazetteer version its tags came from
    """
    CREATE TABLE store_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    # v10: stories, articles from several outlets reporting one event (store/stories.py); every stored article
    # is grouped here, in the migration's transaction.
    lambda conn: _stories(conn),
    # v11: the listings' order as one index, (published_ts DESC, id): a page of `browse` is read by key (one
    # seek after the row before it, store/pages.py) and the `, id` tie-break never reads the table's rows.
    # It covers everything the date index it replaces did.
    """
    CREATE INDEX IF NOT EXISTS articles_by_published_id ON articles (published_ts DESC, id);
    DROP INDEX IF EXISTS articles_by_published;
    """,
    # v12: the full-text index with the body as its first column (see _v12_body_first): a fifth smaller.
    lambda conn: _v12_body_first(conn),
    # v13: each story member's component of links, within which stories are made (store/stories.py); every
    # stored article is grouped again here.
    lambda conn: _story_components(conn),
    # v14: the articles a fetch has stored and not yet grouped into stories (store/stories.py group_pending):
    # it groups them at its end in publication order, so its memory does not grow with the span it loads.
    lambda conn: _story_pending(conn),
    # v15: the stories' by-last-article index dropped (issue 16, store size): no query reads it (the listing's
    # order is stories_by_coverage, the rest go by story or id); 1.3 MB of the 100k bench store.
    """
    DROP INDEX IF EXISTS stories_by_last;
    """,
    # v16: each article's text as one column (see _v16_one_text): `text` is the summary followed by the body
    # after its lead, compressed together; `summary_len` says where the summary ends. 11-13 MB of the 100k
    # bench store (issue 16): a summary no longer sits plain beside a compressed body.
    lambda conn: _v16_one_text(conn),
    # v17: the stories' coverage index holds only stories of two or more articles (issue 16, store size). It
    # orders the listing, which shows those unless asked for every story (`--min-articles 1`, then a sort);
    # single-article stories, nearly every row on a real store (99.9% of the 100k bench's), are no longer
    # in it: 1.5 MB of the 100k bench store, and one index write fewer for each new article that starts one.
    """
    DROP INDEX IF EXISTS stories_by_coverage;
    CREATE INDEX stories_by_coverage ON stories (sources DESC, articles DESC, last_ts DESC) WHERE articles > 1;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
# The versions whose step rewrites or re-reads every article (a copy of the table, a re-index, a regrouping
# of stories, re-stored text): on a large store they take seconds (v16 of the 100k bench store: 14 s), so
# migrate() says so first, on newsreader.notices. Append the version of any such new step here.
REWRITES = frozenset({2, 5, 8, 10, 12, 13, 16})
NOTICE_MIN_ARTICLES = 5000  # below this the rewrite takes well under a second: nothing to say
DATED, UNDATED, CLAMPED = 1, 0, -1  # the values of articles.dated


def dated_flag(article: Article) -> int:
    """The stored form of Article.dated and Article.date_clamped."""
    if article.dated:
        return DATED
    return CLAMPED if article.date_clamped else UNDATED


def _one_article_per_link(conn: sqlite3.Connection) -> None:
    from newsreader.store.links import create_tables

    create_tables(conn)


def _stories(conn: sqlite3.Connection) -> None:
    from newsreader.store.stories import create_tables

    create_tables(conn)


def _story_components(conn: sqlite3.Connection) -> None:
    from newsreader.store.stories import add_components

    add_components(conn)


def _story_pending(conn: sqlite3.Connection) -> None:
    from newsreader.store.stories import add_pending

    add_pending(conn)


def pack(body: str) -> str | bytes:
    """A body as stored: zlib-compressed UTF-8 when that is worth it, else the text itself."""
    if len(body) < PACK_MIN_CHARS:
        return body
    packed = zlib.compress(body.encode("utf-8", "surrogatepass"), PACK_LEVEL)
    return packed if len(packed) < len(body) else body


def unpack(value: str | bytes | None) -> str:
    """The text of a stored body (see pack)."""
    if isinstance(value, bytes):
        return zlib.decompress(value).decode("utf-8", "surrogatepass")
    return value or ""


def pack_text(summary: str, rest: str) -> str | bytes:
    """An article's stored text (v16): its summary, then its body after the lead (store/leads.py), as one
    zlib stream when that is worth it, else the text itself (unpack reads either)."""
    text = summary + rest
    if len(text) < TEXT_PACK_MIN_CHARS:
        return text
    level, window, memory = TEXT_PACK
    packer = zlib.compressobj(level, zlib.DEFLATED, window, memory)
    data = text.encode("utf-8", "surrogatepass")
    packed = packer.compress(data) + packer.flush()
    return packed if len(packed) < len(data) else text


def unpack_text(stored: str | bytes | None, summary_len: int) -> tuple[str, str]:
    """(summary, the body after its lead) from a stored text and its summary length (see pack_text)."""
    text = unpack(stored)
    return text[:summary_len], text[summary_len:]


def hash64(digest: str) -> int:
    """The stored form of Article.content_hash(): its first 64 bits as a signed SQLite integer."""
    return int(digest[:16], 16) - 2**63


def register_functions(conn: sqlite3.Connection) -> None:
    """SQL functions the schema relies on: the FTS content view and the v2 migration call them."""
    conn.create_function("nr_unpack", 1, unpack, deterministic=True)
    conn.create_function("nr_pack", 1, lambda v: pack(v) if isinstance(v, str) else v, deterministic=True)
    conn.create_function("nr_hash", 1, lambda v: hash64(str(v)), deterministic=True)
    conn.create_function("nr_url_key", 1, _url_key, deterministic=True)


def _url_key(value: object) -> str:
    from newsreader.urls import url_key

    return url_key(value) if isinstance(value, str) else ""


# The index's columns in their order (v12): FTS5 writes a column marker (two bytes) before the positions of
# every term in a column other than the first, once per term and article; the body has the most distinct
# terms, so it goes first. Column names, not positions, are what queries and inserts use.
FTS_COLUMNS = ("body", "title", "summary", "source")
FTS_SCHEMA = (
    f"CREATE VIRTUAL TABLE articles_fts USING fts5 ({', '.join(FTS_COLUMNS)}, content = '', tokenize = 'ascii')"
)
_V5_FTS_SCHEMA = (  # the v5 step as released; v12 re-made it in FTS_COLUMNS' order
    "CREATE VIRTUAL TABLE articles_fts USING fts5 (title, summary, body, source, content = '', tokenize = 'ascii')"
)
_REINDEX_BATCH = 500


def _v5_languages(conn: sqlite3.Connection) -> None:
    """Each article's language, and a full-text index of terms made in Python (newsreader.lang).

    The language is detected from the stored text (feeds' declared languages were not kept before v4).
    The index becomes contentless: it holds the stemmed, folded terms (CJK as character pairs) under
    FTS5's `ascii` tokenizer, which keeps them whole; snippets are made from the stored text itself.
    Every row is re-indexed here, in the migration's one transaction: all of it or nothing.
    """
    from newsreader.lang.detect import detect

    conn.execute("ALTER TABLE articles ADD COLUMN language TEXT NOT NULL DEFAULT ''")
    conn.execute("CREATE INDEX articles_by_language ON articles (language, published_ts DESC)")
    conn.execute("DROP TABLE articles_fts")
    conn.execute("DROP VIEW articles_text")
    conn.execute(_V5_FTS_SCHEMA)
    last = -1
    while True:
        rows = conn.execute(
            "SELECT seq, title, summary, body, source FROM articles WHERE seq > ? ORDER BY seq LIMIT ?",
            (last, _REINDEX_BATCH),
        ).fetchall()
        if not rows:
            return
        last = rows[-1][0]
        languages = [detect(f"{t}\n{s}\n{unpack(b)[:600]}") for _, t, s, b, _ in rows]
        conn.executemany(
            "UPDATE articles SET language = ? WHERE seq = ?", zip(languages, (r[0] for r in rows), strict=True)
        )
        conn.executemany(
            "INSERT INTO articles_fts (rowid, title, summary, body, source) VALUES (?, ?, ?, ?, ?)",
            [
                index_row(seq, t, s, unpack(b), src, lang)
                for (seq, t, s, b, src), lang in zip(rows, languages, strict=True)
            ],
        )


def _v8_text_once(conn: sqlite3.Connection) -> None:
    """Rows whose body begins with their summary: body cut to the rest, index entry re-made from it.

    The index is contentless, so each changed row's old entry is deleted with the terms it was made of
    (the whole body) before the new one goes in; all in the migration's one transaction.
    """
    from newsreader.store.leads import split

    conn.execute("ALTER TABLE articles ADD COLUMN lead INTEGER NOT NULL DEFAULT 0")
    last = -1
    while True:
        rows = conn.execute(
            "SELECT seq, title, summary, body, source, language FROM articles WHERE seq > ? ORDER BY seq LIMIT ?",
            (last, _REINDEX_BATCH),
        ).fetchall()
        if not rows:
            return
        last = rows[-1][0]
        old: list[tuple[object, ...]] = []
        new: list[tuple[object, ...]] = []
        cut: list[tuple[object, ...]] = []
        for seq, title, summary, stored, source, language in rows:
            body = unpack(stored)
            lead, rest = split(summary, body)
            if lead:
                old.append(index_row(seq, title, summary, body, source, language))
                new.append(index_row(seq, title, summary, rest, source, language))
                cut.append((pack(rest), lead, seq))
        conn.executemany(
            "INSERT INTO articles_fts (articles_fts, rowid, title, summary, body, source) "
            "VALUES ('delete', ?, ?, ?, ?, ?)",
            old,
        )
        conn.executemany("UPDATE articles SET body = ?, lead = ? WHERE seq = ?", cut)
        conn.executemany("INSERT INTO articles_fts (rowid, title, summary, body, source) VALUES (?, ?, ?, ?, ?)", new)


def _v12_body_first(conn: sqlite3.Connection) -> None:
    """The index re-made with the body first (FTS_COLUMNS), from the stored text, then merged into one segment.

    Same terms, same ranking (bm25's weights follow the columns by name, store/db.py): only the file
    shrinks, by the column markers of the body's terms (~20% of the index on the bench's store).
    """
    conn.execute("DROP TABLE articles_fts")
    conn.execute(FTS_SCHEMA)
    last = -1
    while True:
        rows = conn.execute(
            "SELECT seq, title, summary, body, source, language FROM articles WHERE seq > ? ORDER BY seq LIMIT ?",
            (last, _REINDEX_BATCH * 10),
        ).fetchall()
        if not rows:
            break
        last = rows[-1][0]
        conn.executemany(
            "INSERT INTO articles_fts (rowid, title, summary, body, source) VALUES (?, ?, ?, ?, ?)",
            [index_row(seq, t, s, unpack(b), src, lang) for seq, t, s, b, src, lang in rows],
        )
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')")


def _v16_one_text(conn: sqlite3.Connection) -> None:
    """Summary and body (the rest after the lead, v8) re-stored as one compressed `text` per row.

    The terms are the same (the index keeps its summary and body columns, made from the same two strings),
    so the full-text index is not touched. The old columns are dropped, so no query can read a summary
    that is no longer there; the rows are rewritten once, in the migration's one transaction.
    """
    conn.execute("ALTER TABLE articles ADD COLUMN summary_len INTEGER NOT NULL DEFAULT 0")
    last = -1
    while True:
        rows = conn.execute(
            "SELECT seq, summary, body FROM articles WHERE seq > ? ORDER BY seq LIMIT ?", (last, _REINDEX_BATCH * 4)
        ).fetchall()
        if not rows:
            break
        last = rows[-1][0]
        conn.executemany(
            "UPDATE articles SET body = ?, summary = '', summary_len = ? WHERE seq = ?",
            [(pack_text(summary, unpack(body)), len(summary), seq) for seq, summary, body in rows],
        )
    conn.execute("ALTER TABLE articles DROP COLUMN summary")
    conn.execute("ALTER TABLE articles RENAME COLUMN body TO text")


def index_row(seq: int, title: str, summary: str, body: str, source: str, language: str) -> tuple[object, ...]:
    """An article's row of the full-text index: its columns as index terms (newsreader.lang.terms)."""
    from newsreader.lang.terms import index_text

    return (
        seq,
        index_text(title, language),
        index_text(summary, language),
        index_text(body, language),
        index_text(source, language),
    )


# The oldest SQLite the migrations run on: v16 drops a column (ALTER TABLE ... DROP COLUMN, SQLite 3.35, 2021).
# Python's own builds and current systems ship newer ones; an older system library (RHEL 8's 3.26) is named
# in a clear error before a migration half-runs into a syntax error.
MIN_SQLITE = (3, 35, 0)


def _require_sqlite(path: str) -> None:
    if sqlite3.sqlite_version_info < MIN_SQLITE:
        need = ".".join(map(str, MIN_SQLITE[:2]))
        raise StorageError(
            f"{path}: creating or upgrading a store needs SQLite {need} or newer; this Python uses SQLite "
            f"{sqlite3.sqlite_version} (install a Python built with a newer SQLite)"
        )


def migrate(conn: sqlite3.Connection, path: str) -> None:
    """Bring the database to SCHEMA_VERSION; refuse one written by a newer newsreader."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current > SCHEMA_VERSION:
        raise StorageError(
            f"{path}: database schema version {current} is newer than this newsreader understands "
            f"({SCHEMA_VERSION}); upgrade newsreader or use another --db"
        )
    if current == SCHEMA_VERSION:
        return
    _require_sqlite(path)
    if current == 0:
        conn.execute(f"PRAGMA page_size = {NEW_PAGE_SIZE}")  # only takes effect on a file with no pages yet
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have migrated while we waited for the write lock.
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        _announce(conn, path, current)
        for step in range(current, SCHEMA_VERSION):
            _apply(conn, MIGRATIONS[step])
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    if 0 < current < _COMPACT_BEFORE:
        _compact(conn)


def _announce(conn: sqlite3.Connection, path: str, current: int) -> None:
    """One line before a migration that rewrites the articles of a store large enough to make the user wait."""
    if current == 0 or not any(version in REWRITES for version in range(current + 1, SCHEMA_VERSION + 1)):
        return
    count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    if count >= NOTICE_MIN_ARTICLES:
        from newsreader import notices

        notices.say(f"upgrading the store at {path} to schema v{SCHEMA_VERSION} ({count:,} articles), this runs once")


# A store migrated from before this step has free pages: v12 re-made the full-text index, v16 re-stored
# every article's text smaller; they are given back to the file system once, so the file shrinks too.
_COMPACT_BEFORE = 16


def _compact(conn: sqlite3.Connection) -> None:
    """VACUUM, best effort: a reader holding the file open or too little disk space leaves it as it is
    (the free pages are then reused by the next fetches, and `purge` compacts again)."""
    with contextlib.suppress(sqlite3.Error):
        conn.execute("VACUUM")


def _apply(conn: sqlite3.Connection, step: Migration) -> None:
    if callable(step):
        step(conn)
        return
    for statement in _split(step):
        conn.execute(statement)


def _split(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
