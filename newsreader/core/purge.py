"""Keeping the archive in check: delete articles older than an age (never starred ones), on demand or
after every fetch (`keep_days`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from newsreader.errors import UsageError
from newsreader.models import Filters
from newsreader.store import Store
from newsreader.store import purge as purging


@dataclass(frozen=True, slots=True)
class PurgeReport:
    """What a purge deleted (or, dry, would delete), and how many matching starred articles it kept."""

    deleted: int
    starred_kept: int
    cutoff: datetime
    dry_run: bool = False


def cutoff_of(older_than: str) -> datetime:
    """`180d`, `26w`, `6mo`, `1y` (or a date) as the moment before which articles go."""
    from newsreader.dates import parse_when

    text = older_than.strip()
    if not text:
        raise UsageError("--older-than needs an age such as 180d, 26w, 6mo or a date such as 2025-06-01")
    return parse_when(text)


def purge(db_path: Path, filters: Filters, older_than: str, *, dry_run: bool = False) -> PurgeReport:
    """Delete the articles passing `filters` published before `older_than` ago, except starred ones, in
    one transaction, then reclaim the space; their ids are remembered so a re-fetch skips them."""
    cutoff = cutoff_of(older_than)
    until = min(cutoff, filters.until) if filters.until else cutoff
    scope = replace(filters, until=until, limit=2**31)
    store = Store.open_existing(db_path)
    if store is None:
        return PurgeReport(0, 0, cutoff, dry_run)
    with store:
        rows = purging.purgeable(store, scope)
        starred = store.count_matching(replace(scope, starred=True))
        if not dry_run and rows:
            purging.delete(store, rows)
            purging.reclaim(store)
    return PurgeReport(len(rows), starred, cutoff, dry_run)


def purge_store(store: Store, keep_days: int) -> int:
    """The `keep_days` rule after a fetch, on an open store: delete what is older (never starred)."""
    if keep_days <= 0:
        return 0
    rows = purging.purgeable(store, Filters(until=cutoff_of(f"{keep_days}d"), limit=2**31))
    purging.delete(store, rows)
    return len(rows)


def purge_origin(db_path: Path, origin: str) -> int:
    """Delete what one feed brought (`feeds remove --purge`), starred articles kept; returns how many went."""
    store = Store.open_existing(db_path)
    if store is None:
        return 0
    with store:
        rows = purging.purgeable_origin(store, origin)
        purging.delete(store, rows)
        if rows:
            purging.reclaim(store)
    return len(rows)
