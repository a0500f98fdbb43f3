"""Paged reads for an interactive list: one page of a filtered listing at a time, its size, its neighbours.

The browser never holds a whole listing: it asks for the rows it draws, for the listing's length (to size
its scroll bar) and, for "next unread", for the one row after a given article and that row's position.
Pages are read by key (seek pagination): a listing is ordered by (published_ts DESC, id), so the page
after a known row starts where that row's key is, found by one seek on the date index
(`articles_by_published_id`), whatever its depth; `OFFSET` (which steps over every skipped row) is only
used for a jump to a page no known row is next to, and then from the nearer end of the listing. Every
function uses the store's own filter SQL (`_where`), so a view lists exactly what `show` with the same
filters lists, and a search view exactly the matches `search` finds, newest first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from newsreader.models import Article, Filters
from newsreader.store import fts
from newsreader.store.db import _LIST_COLUMNS, Store, _where

_ORDER = "ORDER BY a.published_ts DESC, a.id"
_REVERSED = "ORDER BY a.published_ts ASC, a.id DESC"
# After (key) in the listing's order; written with a plain range first so the date index seeks to it.
_AFTER = "a.published_ts <= ? AND (a.published_ts < ? OR a.id > ?)"
_BEFORE = "a.published_ts >= ? AND (a.published_ts > ? OR a.id < ?)"

Key = tuple[float, str]  # (published_ts, id): where a row stands in every listing's order


@dataclass(frozen=True, slots=True)
class Page:
    """Rows of a listing in its order, with the keys of the first and last (None when empty)."""

    articles: list[Article]
    first: Key | None
    last: Key | None


# Unread, as a set of rows: for counts, which then read only indexes (every index holds seq; the state
# tables are keyed by id, which a count would otherwise look up in each article's row). A page keeps the
# per-row probe of the store's filter, which costs its own rows only.
_UNREAD_ROWS = "a.seq NOT IN (SELECT b.seq FROM article_reads r JOIN articles b ON b.id = r.id)"


def _conditions(filters: Filters, match: str, correlated: bool, counting: bool = False) -> tuple[list[str], list[Any]]:
    unread = counting and filters.unread
    where, params = _where(replace(filters, unread=False) if unread else filters, prefix="", correlated=correlated)
    clauses = [where.strip()] if where.strip() else []
    if unread:
        clauses.append(_UNREAD_ROWS)
    if match:
        matches, fts_params = fts.condition(match)
        clauses.append(matches)
        params.extend(fts_params)
    return clauses, params


def _sql_where(clauses: list[str]) -> str:
    return ("WHERE " + " AND ".join(clauses)) if clauses else ""


def _read(store: Store, clauses: list[str], params: list[Any], order: str, tail: str, values: Sequence[Any]) -> Page:
    """Rows of one query, in the listing's order (a reversed query's rows are turned back)."""
    sql = f"SELECT {_LIST_COLUMNS}, a.published_ts FROM articles a {_sql_where(clauses)} {order} {tail}"
    with store._guard():
        rows = store._conn.execute(sql, [*params, *values]).fetchall()
        if order == _REVERSED:
            rows.reverse()
        articles = store._articles([r[:-1] for r in rows])
    if not rows:
        return Page([], None, None)
    return Page(articles, (float(rows[0][-1]), str(rows[0][0])), (float(rows[-1][-1]), str(rows[-1][0])))


def after(store: Store, filters: Filters, key: Key | None, limit: int, match: str = "") -> Page:
    """Up to `limit` rows following the row at `key` (from the first row when key is None).

    Tag filters are probed row by row along the date index (EXISTS on the tag tables' keys), so a page
    costs its own rows (and the rows between them the filters skip), not the whole set of tagged articles.
    """
    clauses, params = _conditions(filters, match, correlated=True)
    if key is not None:
        clauses.append(_AFTER)
        params.extend([key[0], key[0], key[1]])
    return _read(store, clauses, params, _ORDER, "LIMIT ?", [max(limit, 0)])


def before(store: Store, filters: Filters, key: Key | None, limit: int, match: str = "") -> Page:
    """Up to `limit` rows preceding the row at `key` (the listing's last rows when key is None), in order."""
    clauses, params = _conditions(filters, match, correlated=True)
    if key is not None:
        clauses.append(_BEFORE)
        params.extend([key[0], key[0], key[1]])
    return _read(store, clauses, params, _REVERSED, "LIMIT ?", [max(limit, 0)])


def at(store: Store, filters: Filters, offset: int, limit: int, match: str = "", total: int | None = None) -> Page:
    """Rows offset..offset+limit, for a jump no known row is next to: counted from the nearer end.

    With the listing's `total`, a page in its second half is read backwards from the last row, so the
    rows stepped over are at most half the listing (none for the last page).
    """
    offset, limit = max(offset, 0), max(limit, 0)
    clauses, params = _conditions(filters, match, correlated=True)
    if total is not None and offset > total // 2:
        end = max(total - offset - limit, 0)
        count = min(limit, max(total - offset, 0))
        return _read(store, clauses, params, _REVERSED, "LIMIT ? OFFSET ?", [count, end])
    return _read(store, clauses, params, _ORDER, "LIMIT ? OFFSET ?", [limit, offset])


def page(store: Store, filters: Filters, offset: int, limit: int, match: str = "") -> list[Article]:
    """Rows offset..offset+limit of the listing, newest first (the first rows: one seek)."""
    return at(store, filters, offset, limit, match).articles


def count(store: Store, filters: Filters, match: str = "") -> int:
    """How many rows the listing has (every page)."""
    tagged = None if match else _tag_members(filters)
    if tagged is not None:
        sql, params = tagged
        with store._guard():
            return int(store._conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0])
    clauses, params = _conditions(filters, match, correlated=False, counting=True)
    with store._guard():
        row = store._conn.execute(f"SELECT count(*) FROM articles a {_sql_where(clauses)}", params).fetchone()
        return int(row[0])


def _state_sets(filters: Filters, column: str) -> list[str]:
    """The read-state filters as conditions on a column of article rows (seq)."""
    found = []
    if filters.unread:
        found.append(f"{column} NOT IN (SELECT b.seq FROM article_reads r JOIN articles b ON b.id = r.id)")
    if filters.starred:
        found.append(f"{column} IN (SELECT b.seq FROM article_stars s JOIN articles b ON b.id = s.id)")
    return found


def _rows_passing(filters: Filters, column: str) -> tuple[list[str], list[Any]]:
    """The filters as conditions on a column holding article rows (seq) of a tag table: nothing for no
    filter, the state sets alone for state filters, else the set of rows passing."""
    if not _where(replace(filters, unread=False, starred=False))[0]:
        return _state_sets(filters, column), []
    where, params = _where_counting(filters)
    return [f"{column} IN (SELECT a.seq FROM articles a {where})"], params


def _tag_members(filters: Filters) -> tuple[str, list[Any]] | None:
    """The rows (seq) of a view filtered by countries or regions (and read state) alone, read from the tag
    tables' indexes without touching the articles table; None for other filters.

    The rule is `_where`'s, written as sets of rows instead of conditions on `a` (so it mirrors that
    function's tag part line for line; tests/test_browse_paging.py checks the counts against the fixture):
    any of the countries; any of the regions, each its member countries or its name named in the text
    (not with --primary, which looks at primary countries only); both kinds AND.
    """
    if not (filters.countries or filters.regions):
        return None
    rest = replace(filters, countries=(), regions=(), primary=False, unread=False, starred=False)
    if _where(rest)[0]:
        return None
    primary = " AND is_primary = 1" if filters.primary else ""
    sets: list[str] = []
    params: list[Any] = []
    if filters.countries:
        sets.append(
            f"SELECT article FROM article_countries WHERE code IN ({','.join('?' * len(filters.countries))}){primary}"
        )
        params.extend(filters.countries)
    if filters.regions:
        parts: list[str] = []
        for region in filters.regions:
            codes = sorted(region.codes)
            if codes:
                parts.append(
                    f"SELECT article FROM article_countries WHERE code IN ({','.join('?' * len(codes))}){primary}"
                )
                params.extend(codes)
            if not filters.primary:
                parts.append("SELECT article FROM article_regions WHERE region = ?")
                params.append(region.name)
        sets.append(" UNION ".join(parts) if parts else "SELECT NULL AS article WHERE 0")
    sql = " INTERSECT ".join(f"SELECT * FROM ({part})" for part in sets)
    states = _state_sets(filters, "article")
    if states:
        sql = f"SELECT article FROM ({sql}) WHERE {' AND '.join(states)}"
    return sql, params


def key_of(article: Article) -> Key:
    return (article.published.timestamp(), article.id)


def neighbour(
    store: Store, filters: Filters, after_article: Article, *, forward: bool = True, match: str = ""
) -> Article | None:
    """The first row of the listing after (or before) `after_article` in its order; None at the end."""
    read = after if forward else before
    found = read(store, filters, key_of(after_article), 1, match).articles
    return found[0] if found else None


def position(store: Store, filters: Filters, article: Article, match: str = "") -> int:
    """The row number of `article` in the listing (how many rows come before it)."""
    clauses, params = _conditions(filters, match, correlated=False, counting=True)
    ts, article_id = key_of(article)
    clauses.append(_BEFORE)
    params.extend([ts, ts, article_id])
    with store._guard():
        row = store._conn.execute(f"SELECT count(*) FROM articles a {_sql_where(clauses)}", params).fetchone()
        return int(row[0])


def _where_counting(filters: Filters) -> tuple[str, list[Any]]:
    clauses, params = _conditions(filters, "", correlated=False, counting=True)
    return _sql_where(clauses), params


def source_counts(store: Store, filters: Filters) -> dict[str, int]:
    """Articles per source name (as first stored, case-insensitively grouped) passing the filters."""
    where, params = _where_counting(filters)
    sql = f"SELECT min(a.source), count(*) FROM articles a {where} GROUP BY a.source COLLATE NOCASE"
    with store._guard():
        return {name: int(n) for name, n in store._conn.execute(sql, params)}


def country_counts(store: Store, filters: Filters) -> dict[str, int]:
    """Articles per tagged country code passing the filters (an article counts once per country; only
    where it is primary with --primary).

    The tag table's index holds code and article: with no other filter nothing else is read, and the
    filters are one set of passing rows, not a lookup of each tagged article's row.
    """
    clauses, params = _rows_passing(filters, "c.article")
    if filters.primary:
        clauses.append("c.is_primary = 1")
    sql = f"SELECT c.code, count(*) FROM article_countries c {_sql_where(clauses)} GROUP BY c.code"
    with store._guard():
        return {code: int(n) for code, n in store._conn.execute(sql, params)}


def named_regions(store: Store, filters: Filters) -> set[str]:
    """The regions (case-folded) the text of some article passing the filters names outright."""
    clauses, params = _rows_passing(filters, "r.article")
    sql = f"SELECT DISTINCT r.region FROM article_regions r {_sql_where(clauses)}"
    with store._guard():
        return {str(name).casefold() for (name,) in store._conn.execute(sql, params)}
