"""Deleting old articles: never starred ones; their tags, index rows and state go with them, their ids
(and the ids folded into them) are remembered so a re-fetch never brings them back unread."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from newsreader.store.schema import index_row, unpack_text
from newsreader.store.state import STARRED

if TYPE_CHECKING:
    from newsreader.models import Filters
    from newsreader.store.db import Store

_CHUNK = 500


def purgeable(store: Store, filters: Filters) -> list[tuple[int, str]]:
    """(seq, id) of the articles passing the filters that are not starred: what a purge deletes."""
    from newsreader.store.db import _where

    where, params = _where(filters)
    where += (" AND " if where else "WHERE ") + f"NOT ({STARRED})"
    with store.reader() as conn:
        return [(int(s), str(i)) for s, i in conn.execute(f"SELECT a.seq, a.id FROM articles a {where}", params)]


def purgeable_origin(store: Store, origin: str) -> list[tuple[int, str]]:
    """(seq, id) of the articles first stored from this feed or file, starred ones left out."""
    with store.reader() as conn:
        sql = f"SELECT a.seq, a.id FROM articles a WHERE a.origin = ? AND NOT ({STARRED})"
        return [(int(s), str(i)) for s, i in conn.execute(sql, (origin,))]


def delete(store: Store, rows: list[tuple[int, str]]) -> None:
    """Delete these articles in one transaction: rows, tags (cascade), index entries, read state; their
    ids and aliases go to purged_articles."""
    if not rows:
        return
    now = datetime.now(UTC).isoformat()
    with store.transaction() as conn:
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start : start + _CHUNK]
            seqs = [s for s, _ in chunk]
            marks = ",".join("?" * len(seqs))
            old = conn.execute(
                f"SELECT seq, title, text, summary_len, source, language FROM articles WHERE seq IN ({marks})", seqs
            ).fetchall()
            conn.executemany(
                "INSERT INTO articles_fts (articles_fts, rowid, title, summary, body, source) "
                "VALUES ('delete', ?, ?, ?, ?, ?)",
                [index_row(k, t, *unpack_text(x, n), src, lang) for k, t, x, n, src, lang in old],
            )
            aliases = [r[0] for r in conn.execute(f"SELECT id FROM article_aliases WHERE article IN ({marks})", seqs)]
            ids = [i for _, i in chunk] + aliases
            conn.executemany(
                "INSERT OR IGNORE INTO purged_articles (id, purged_at) VALUES (?, ?)", [(i, now) for i in ids]
            )
            conn.execute(f"DELETE FROM articles WHERE seq IN ({marks})", seqs)


def reclaim(store: Store) -> None:
    """Give the freed pages back to the file system (VACUUM; outside any transaction)."""
    with store.reader() as conn:
        conn.execute("VACUUM")
