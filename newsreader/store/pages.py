"""Paged reads for an interactive list: one page of a filtered listing at a time, its size, its neighbours.

The browser never holds a whole listing: it asks for the rows it draws (LIMIT/OFFSET on the date
index), for the listing's length (to size its scroll bar) and, for "next unread", for the one row after
a given article and that row's position. Every function uses the store's own filter SQL (`_where`), so
a view lists exactly what `show` with the same filters lists, and a search view exactly the matches
`search` finds, newest first.
"""

from __future__ import annotations

from typing import Any

from newsreader.models import Article, Filters
from newsreader.store.db import _LIST_COLUMNS, Store, _where

_ORDER = "ORDER BY a.published_ts DESC, a.id"
_FTS = "a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"


def _conditions(filters: Filters, match: str, correlated: bool) -> tuple[list[str], list[Any]]:
    where, params = _where(filters, prefix="", correlated=correlated)
    clauses = [where.strip()] if where.strip() else []
    if match:
        clauses.append(_FTS)
        params.append(match.replace("\x00", ""))
    return clauses, params


def _sql_where(clauses: list[str]) -> str:
    return ("WHERE " + " AND ".join(clauses)) if clauses else ""


def page(store: Store, filters: Filters, offset: int, limit: int, match: str = "") -> list[Article]:
    """Rows offset..offset+limit of the listing, newest first.

    Tag filters are probed row by row along the date index (EXISTS on the tag tables' keys), so an
    early page costs its own rows, not the whole set of tagged articles.
    """
    clauses, params = _conditions(filters, match, correlated=True)
    sql = f"SELECT {_LIST_COLUMNS} FROM articles a {_sql_where(clauses)} {_ORDER} LIMIT ? OFFSET ?"
    with store._guard():
        rows = store._conn.execute(sql, [*params, max(limit, 0), max(offset, 0)]).fetchall()
        return store._articles(rows)


def count(store: Store, filters: Filters, match: str = "") -> int:
    """How many rows the listing has (every page)."""
    clauses, params = _conditions(filters, match, correlated=False)
    with store._guard():
        row = store._conn.execute(f"SELECT count(*) FROM articles a {_sql_where(clauses)}", params).fetchone()
        return int(row[0])


def neighbour(
    store: Store, filters: Filters, after: Article, *, forward: bool = True, match: str = ""
) -> Article | None:
    """The first row of the listing after (or before) `after` in its order; None at the end."""
    clauses, params = _conditions(filters, match, correlated=True)
    ts = after.published.timestamp()
    if forward:
        clauses.append("(a.published_ts < ? OR (a.published_ts = ? AND a.id > ?))")
        order = _ORDER
    else:
        clauses.append("(a.published_ts > ? OR (a.published_ts = ? AND a.id < ?))")
        order = "ORDER BY a.published_ts ASC, a.id DESC"
    params.extend([ts, ts, after.id])
    sql = f"SELECT {_LIST_COLUMNS} FROM articles a {_sql_where(clauses)} {order} LIMIT 1"
    with store._guard():
        rows = store._conn.execute(sql, params).fetchall()
        return store._articles(rows)[0] if rows else None


def position(store: Store, filters: Filters, article: Article, match: str = "") -> int:
    """The row number of `article` in the listing (how many rows come before it)."""
    clauses, params = _conditions(filters, match, correlated=False)
    ts = article.published.timestamp()
    clauses.append("(a.published_ts > ? OR (a.published_ts = ? AND a.id < ?))")
    params.extend([ts, ts, article.id])
    with store._guard():
        row = store._conn.execute(f"SELECT count(*) FROM articles a {_sql_where(clauses)}", params).fetchone()
        return int(row[0])


def source_counts(store: Store, filters: Filters) -> dict[str, int]:
    """Articles per source name (as first stored, case-insensitively grouped) passing the filters."""
    where, params = _where(filters)
    sql = f"SELECT min(a.source), count(*) FROM articles a {where} GROUP BY a.source COLLATE NOCASE"
    with store._guard():
        return {name: int(n) for name, n in store._conn.execute(sql, params)}


def country_counts(store: Store, filters: Filters) -> dict[str, int]:
    """Articles per tagged country code passing the filters (an article counts once per country)."""
    where, params = _where(filters)
    sql = (
        f"SELECT c.code, count(*) FROM article_countries c JOIN articles a ON a.seq = c.article {where} GROUP BY c.code"
    )
    with store._guard():
        return {code: int(n) for code, n in store._conn.execute(sql, params)}
