"""One article per link: the schema v4 tables, and folding one stored article into another without loss.

An article is identified by its id, but the same story reaches us under several ids: a BBC feed carries it
under the guids `...#0` and `...#10`, two feeds of one outlet (or two outlets) carry the same link. The store
keeps the first row it got for a link (`articles.url_key`, see urls.url_key) and remembers the others:
`article_aliases` maps their ids to the kept row (so `show OLDID` and re-fetches still find it), and
`article_origins` holds every other feed or file that carried it (with its outlet name).
"""

from __future__ import annotations

import sqlite3

from newsreader.store.schema import index_row, unpack, unpack_text

# Tables the merge folds by hand; any other table pointing at articles (read state, stars, ...) is
# folded by the generic rule in _repoint.
_OWN_TABLES = {"articles", "article_countries", "article_regions", "article_origins", "article_aliases"}


def create_tables(conn: sqlite3.Connection) -> None:
    """Schema v4: the link key on articles, aliases and carriers; then merge the stored duplicates."""
    conn.execute("ALTER TABLE articles ADD COLUMN url_key TEXT NOT NULL DEFAULT ''")
    conn.execute("UPDATE articles SET url_key = nr_url_key(url) WHERE url != ''")
    conn.execute("CREATE INDEX articles_by_url_key ON articles (url_key) WHERE url_key != ''")
    conn.execute(
        "CREATE TABLE article_origins ("
        " article INTEGER NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,"
        " origin TEXT NOT NULL,"
        " source TEXT NOT NULL DEFAULT '',"
        " PRIMARY KEY (article, origin))"
    )
    conn.execute("CREATE INDEX article_origins_by_origin ON article_origins (origin)")
    conn.execute("CREATE INDEX article_origins_by_source ON article_origins (source COLLATE NOCASE)")
    conn.execute(
        "CREATE TABLE article_aliases ("
        " id TEXT PRIMARY KEY,"
        " article INTEGER NOT NULL REFERENCES articles (seq) ON DELETE CASCADE"
        ") WITHOUT ROWID"
    )
    merge_stored_duplicates(conn)


def merge_stored_duplicates(conn: sqlite3.Connection) -> int:
    """Fold every group of rows sharing a link into its first-stored row; returns how many were folded."""
    groups = conn.execute(
        "SELECT url_key FROM articles WHERE url_key != '' GROUP BY url_key HAVING count(*) > 1"
    ).fetchall()
    folded = 0
    for (key,) in groups:
        keeper, *others = [
            r[0] for r in conn.execute("SELECT seq FROM articles WHERE url_key = ? ORDER BY seq", (key,))
        ]
        for other in others:
            fold(conn, keeper, other)
            folded += 1
    return folded


def fold(conn: sqlite3.Connection, keeper: int, other: int) -> None:
    """Make row `other` part of row `keeper`: its id becomes an alias, its origin a carrier, its countries,
    regions and feed tags are added to the keeper's, rows of other tables pointing at it point at the
    keeper; then `other` leaves the table and the full-text index. The keeper's text is left as it is.
    The v6 migration runs it on the text columns of its time (summary, body), a current store has one (v16)."""
    kept = conn.execute("SELECT id, origin, regions, tags FROM articles WHERE seq = ?", (keeper,)).fetchone()
    one_text = any(column[1] == "text" for column in conn.execute("PRAGMA table_info(articles)"))
    row = conn.execute(
        f"SELECT id, origin, source, regions, tags, title, {'text, summary_len' if one_text else 'summary, body'}, "
        "language FROM articles WHERE seq = ?",
        (other,),
    ).fetchone()
    kept_id, kept_origin, kept_regions, kept_tags = kept
    other_id, origin, source, regions, tags, title, first, second, language = row
    summary, rest = unpack_text(first, second) if one_text else (first, unpack(second))
    conn.execute("INSERT OR IGNORE INTO article_aliases (id, article) VALUES (?, ?)", (other_id, keeper))
    conn.execute("UPDATE article_aliases SET article = ? WHERE article = ?", (keeper, other))
    if origin != kept_origin:
        conn.execute(
            "INSERT OR IGNORE INTO article_origins (article, origin, source) VALUES (?, ?, ?)", (keeper, origin, source)
        )
    conn.execute(
        "INSERT OR IGNORE INTO article_origins (article, origin, source) "
        "SELECT ?, origin, source FROM article_origins WHERE article = ? AND origin != ? ORDER BY rowid",
        (keeper, other, kept_origin),
    )
    conn.execute("DELETE FROM article_origins WHERE article = ?", (other,))
    conn.execute(
        "INSERT INTO article_countries (article, code, mentions, in_lead, is_primary, declared) "
        "SELECT ?, code, mentions, in_lead, is_primary, declared FROM article_countries WHERE article = ? "
        "ON CONFLICT (article, code) DO UPDATE SET mentions = max(mentions, excluded.mentions), "
        "in_lead = max(in_lead, excluded.in_lead), is_primary = max(is_primary, excluded.is_primary), "
        "declared = max(declared, excluded.declared)",
        (keeper, other),
    )
    conn.execute(
        "INSERT OR IGNORE INTO article_regions (article, region) SELECT ?, region FROM article_regions WHERE article = ?",
        (keeper, other),
    )
    conn.execute(
        "UPDATE articles SET regions = ?, tags = ? WHERE seq = ?",
        (_union(kept_regions, regions), _union(kept_tags, tags), keeper),
    )
    _repoint(conn, keeper, kept_id, other, other_id)
    conn.execute("DELETE FROM article_countries WHERE article = ?", (other,))
    conn.execute("DELETE FROM article_regions WHERE article = ?", (other,))
    conn.execute(
        "INSERT INTO articles_fts (articles_fts, rowid, title, summary, body, source) VALUES ('delete', ?, ?, ?, ?, ?)",
        index_row(other, title, summary, rest, source, language),  # the index is contentless (v5)
    )
    conn.execute("DELETE FROM articles WHERE seq = ?", (other,))


def _union(first: str, second: str) -> str:
    """Two '|'-joined lists as one, the first's order kept, each item once."""
    return "|".join(dict.fromkeys(x for x in (*first.split("|"), *second.split("|")) if x))


def _repoint(conn: sqlite3.Connection, keeper: int, kept_id: str, other: int, other_id: str) -> None:
    """Rows of any other table that refer to `other` (by seq or id) now refer to the keeper; where the keeper
    already has such a row (a unique key), the keeper's stays and the other's goes."""
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        if table in _OWN_TABLES or table.startswith("articles_fts"):
            continue
        for ref in conn.execute(f'PRAGMA foreign_key_list("{table}")').fetchall():
            if ref[2] != "articles":
                continue
            column, target = ref[3], ref[4] or "seq"
            new, old = (kept_id, other_id) if target == "id" else (keeper, other)
            conn.execute(f'UPDATE OR IGNORE "{table}" SET "{column}" = ? WHERE "{column}" = ?', (new, old))
            conn.execute(f'DELETE FROM "{table}" WHERE "{column}" = ?', (old,))
