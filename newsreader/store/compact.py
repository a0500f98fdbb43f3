"""Compacting the file after a fetch that grew it a lot (issue 16, store size).

A big first fetch writes every index in key order other than its own (url keys, sources, tags, story ids),
so their B-tree pages split and stay part-empty; a VACUUM re-writes each table and index in order, full.
On the 100k bench store that is 279.8 -> 273.1 MB for 1.6 s (bench/README.md, "Store size, round five").
Doing it only when a run at least doubled the file bounds its cost like a growing array's copies: over a
store's life the VACUUMs together re-write at most twice its final size.
"""

from __future__ import annotations

import contextlib
import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsreader.store.db import Store

MIN_PAGES = 2048  # 16 MB of 8 KB pages: below that the slack is too little to be worth a re-write
GROWTH = 2  # the file at least doubled during the run


def pages(store: Store) -> int:
    """The file's size in pages (constant time: read from its header)."""
    with store.reader() as conn:
        return int(conn.execute("PRAGMA page_count").fetchone()[0])


def compact_if_grown(store: Store, before: int, *, min_pages: int | None = None) -> bool:
    """VACUUM when the file has at least GROWTH times the pages it had (`before`) and at least min_pages
    (MIN_PAGES when not given);
    returns whether it did. Best effort: another connection reading, or too little disk space, leaves the
    file as it is (its free pages are reused by the next writes)."""
    now = pages(store)
    if now < (MIN_PAGES if min_pages is None else min_pages) or now < GROWTH * before:
        return False
    with store.reader() as conn:
        try:
            conn.execute("VACUUM")
        except sqlite3.OperationalError:
            return False
        with contextlib.suppress(sqlite3.Error):
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return True
