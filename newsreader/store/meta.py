"""Facts about the store itself, as key/value pairs (schema v9): e.g. the gazetteer its tags came from."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsreader.store.db import Store

GAZETTEER_VERSION = "gazetteer_version"  # the version of the gazetteer that tagged every stored article


def get_meta(store: Store, key: str) -> str | None:
    """The value stored under `key`, or None if none is."""
    with store.reader() as conn:
        row = conn.execute("SELECT value FROM store_meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def set_meta(store: Store, key: str, value: str) -> None:
    with store.transaction() as conn:
        conn.execute("INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)", (key, value))
