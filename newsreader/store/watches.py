"""Saved searches (watches) in the store: a name, a query and the filters as the user gave them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from newsreader.errors import NotFoundError, UsageError

if TYPE_CHECKING:
    from newsreader.store.db import Store

_LISTS = ("sources", "regions", "countries", "source_countries", "languages")


@dataclass(frozen=True, slots=True)
class Watch:
    """One followed topic. Filters keep the names given (a region of the user's config resolves when used)."""

    name: str
    query: str = ""
    sources: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    source_countries: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    primary: bool = False
    created_at: str = field(default="", compare=False)

    def filters_json(self) -> str:
        data: dict[str, Any] = {k: list(getattr(self, k)) for k in _LISTS if getattr(self, k)}
        if self.primary:
            data["primary"] = True
        return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _watch(name: str, query: str, filters: str, created_at: str) -> Watch:
    data = json.loads(filters or "{}")
    lists = {k: tuple(str(v) for v in data.get(k, ())) for k in _LISTS}
    return Watch(name, query, primary=bool(data.get("primary")), created_at=created_at, **lists)


def add(store: Store, watch: Watch) -> None:
    with store.transaction() as conn:
        if conn.execute("SELECT 1 FROM watches WHERE name = ?", (watch.name,)).fetchone():
            raise UsageError(f"a watch named {watch.name!r} exists already; change it with `newsreader watch edit`")
        conn.execute(
            "INSERT INTO watches (name, query, filters, created_at) VALUES (?, ?, ?, ?)",
            (watch.name, watch.query, watch.filters_json(), datetime.now(UTC).isoformat()),
        )


def replace(store: Store, old_name: str, watch: Watch) -> None:
    with store.transaction() as conn:
        if (
            watch.name.lower() != old_name.lower()
            and conn.execute("SELECT 1 FROM watches WHERE name = ?", (watch.name,)).fetchone()
        ):
            raise UsageError(f"a watch named {watch.name!r} exists already")
        done = conn.execute(
            "UPDATE watches SET name = ?, query = ?, filters = ? WHERE name = ?",
            (watch.name, watch.query, watch.filters_json(), old_name),
        )
        if done.rowcount == 0:
            raise NotFoundError(_missing(old_name))


def remove(store: Store, name: str) -> None:
    with store.transaction() as conn:
        if conn.execute("DELETE FROM watches WHERE name = ?", (name,)).rowcount == 0:
            raise NotFoundError(_missing(name))


def get(store: Store, name: str) -> Watch:
    with store.reader() as conn:
        row = conn.execute("SELECT name, query, filters, created_at FROM watches WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise NotFoundError(_missing(name))
    return _watch(*row)


def all_watches(store: Store) -> list[Watch]:
    with store.reader() as conn:
        rows = conn.execute("SELECT name, query, filters, created_at FROM watches ORDER BY name COLLATE NOCASE")
        return [_watch(*r) for r in rows.fetchall()]


def _missing(name: str) -> str:
    return f"no watch named {name!r} (see `newsreader watch` for the list)"
