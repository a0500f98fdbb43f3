"""Counting for trends: articles per day or week, per outlet home country, per tagged country and region."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsreader.region_kinds import M49_REGIONS

if TYPE_CHECKING:
    from datetime import datetime

    from newsreader.models import Filters
    from newsreader.store.db import Store


def _words(match: str) -> tuple[str, list[object]]:
    """The full-text condition (with its leading AND) and its parameters; nothing without a match."""
    if not match:
        return "", []
    from newsreader.store import fts

    condition, params = fts.condition(match)
    return f" AND {condition}", params


def counts_by_period(
    store: Store, filters: Filters, origin: float, width: float, periods: int, match: str = ""
) -> tuple[int, ...]:
    """Articles passing the filters (and the FTS5 `match`, if any) per period of `width` seconds from `origin`."""
    from newsreader.store.db import _where, probe_tags

    words, word_params = _words(match)
    out = [0] * periods
    with store.reader() as conn:
        where, params = _where(filters, prefix="AND", correlated=probe_tags(conn, filters))
        sql = (
            "SELECT CAST((a.published_ts - ?) / ? AS INTEGER) AS period, count(*) FROM articles a "
            f"WHERE a.published_ts >= ? {where}{words} GROUP BY period"
        )
        for period, n in conn.execute(sql, (origin, width, origin, *params, *word_params)):
            if 0 <= period < periods:
                out[period] = int(n)
    return tuple(out)


def counts_by_source_country(store: Store, filters: Filters, match: str = "") -> list[tuple[str, int]]:
    """Articles passing the filters per outlet home country ('' when the outlet has none), most first."""
    from newsreader.store.db import _where, probe_tags

    words, word_params = _words(match)
    with store.reader() as conn:
        where, params = _where(filters, prefix="AND", correlated=probe_tags(conn, filters))
        sql = f"SELECT a.source_country, count(*) AS n FROM articles a WHERE 1 {where}{words} GROUP BY a.source_country"
        rows = [(str(c), int(n)) for c, n in conn.execute(sql, (*params, *word_params))]
    return sorted(rows, key=lambda cn: (-cn[1], cn[0] == "", cn[0]))


def newest(store: Store) -> datetime | None:
    """The publication time of the newest stored article the feed dated (undated ones are dated when seen)."""
    from datetime import UTC, datetime

    with store.reader() as conn:
        row = conn.execute("SELECT max(published_ts) FROM articles WHERE dated = 1").fetchone()
        if row[0] is None:
            row = conn.execute("SELECT max(published_ts) FROM articles").fetchone()
    return None if row[0] is None else datetime.fromtimestamp(row[0], UTC)


def tag_counts(store: Store, filters: Filters) -> tuple[dict[tuple[str, str], int], int]:
    """({("country", code) or ("region", name): articles}, all articles) for the articles passing the filters.

    Countries count where they are primary (what the article is about); regions are the news regions."""
    from newsreader.store.db import _where

    where, params = _where(filters, prefix="AND")
    found: dict[tuple[str, str], int] = {}
    with store.reader() as conn:
        total = int(conn.execute(f"SELECT count(*) FROM articles a WHERE 1 {where}", params).fetchone()[0])
        for code, n in conn.execute(
            "SELECT c.code, count(*) FROM article_countries c JOIN articles a ON a.seq = c.article "
            f"WHERE c.is_primary = 1 {where} GROUP BY c.code",
            params,
        ):
            found["country", str(code)] = int(n)
        for region, n in conn.execute(
            "SELECT r.region, count(*) FROM article_regions r JOIN articles a ON a.seq = r.article "
            f"WHERE 1 {where} GROUP BY r.region",
            params,
        ):
            if region not in M49_REGIONS:
                found["region", str(region)] = int(n)
    return found, total
