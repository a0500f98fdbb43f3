"""The database schema and its migrations, applied in order inside one transaction."""

from __future__ import annotations

import sqlite3

from newsreader.errors import StorageError

# Each entry moves the schema from version i to i + 1. Never edit a released step; append a new one.
MIGRATIONS: tuple[str, ...] = (
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
)

SCHEMA_VERSION = len(MIGRATIONS)


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
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have migrated while we waited for the write lock.
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        for step in range(current, SCHEMA_VERSION):
            for statement in _split(MIGRATIONS[step]):
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


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
