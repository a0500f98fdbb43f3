"""The reader's state in the store: read and starred articles, purged ids, and the record of fetch runs.

Everything here is keyed by the article's stable id, never by its row (seq): an id outlives an update,
a re-fetch and a retag, and a purged id stays purged. The state tables point at articles (id) with
foreign keys, so folding a duplicate into the kept row (store/links.py) carries its read state and star.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from newsreader.errors import NotFoundError

if TYPE_CHECKING:
    from newsreader.models import Filters
    from newsreader.store.db import Store

_CHUNK = 500
T = TypeVar("T")

UNREAD = "NOT EXISTS (SELECT 1 FROM article_reads r WHERE r.id = a.id)"
STARRED = "a.id IN (SELECT id FROM article_stars)"


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _chunks(items: Sequence[T]) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


# -- used by Store itself ------------------------------------------------------------------------------
def state_clauses(f: Filters) -> tuple[list[str], list[Any]]:
    """SQL conditions (on articles `a`) for the state filters: unread, starred, first stored by runs."""
    clauses: list[str] = []
    params: list[Any] = []
    if f.unread:
        clauses.append(UNREAD)
    if f.starred:
        clauses.append(STARRED)
    if f.since_run is not None:
        clauses.append("a.id IN (SELECT id FROM fetch_run_articles WHERE run >= ?)")
        params.append(f.since_run)
    return clauses, params


def states_of(conn: sqlite3.Connection, ids: Sequence[str]) -> tuple[set[str], set[str]]:
    """(read ids, starred ids) among these."""
    read: set[str] = set()
    starred: set[str] = set()
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        read.update(r[0] for r in conn.execute(f"SELECT id FROM article_reads WHERE id IN ({marks})", chunk))
        starred.update(r[0] for r in conn.execute(f"SELECT id FROM article_stars WHERE id IN ({marks})", chunk))
    return read, starred


def drop_purged(conn: sqlite3.Connection, batch: Mapping[str, T]) -> dict[str, T]:
    """The batch without the ids the user purged: a re-fetched old entry must not come back unread."""
    purged: set[str] = set()
    ids = list(batch)
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        purged.update(r[0] for r in conn.execute(f"SELECT id FROM purged_articles WHERE id IN ({marks})", chunk))
    return {k: v for k, v in batch.items() if k not in purged}


def record_new(conn: sqlite3.Connection, run: int, ids: Sequence[str]) -> None:
    conn.executemany("INSERT OR IGNORE INTO fetch_run_articles (run, id) VALUES (?, ?)", [(run, i) for i in ids])


# -- read and starred ----------------------------------------------------------------------------------
def resolve_ids(store: Store, ids_or_prefixes: Sequence[str]) -> list[str]:
    """Full ids for ids or unique prefixes (as `show ID` takes them); NotFoundError names the first bad one."""
    found: list[str] = []
    with store.reader() as conn:
        for given in ids_or_prefixes:
            prefix = given.strip().lower()
            if not prefix or any(ch not in "0123456789abcdef" for ch in prefix):
                raise NotFoundError(f"no article with id {given!r} (ids are hexadecimal, see `show`)")
            rows = conn.execute(
                "SELECT id FROM articles WHERE id >= ? AND id < ? LIMIT 2", (prefix, prefix + "g")
            ).fetchall()
            if not rows:
                raise NotFoundError(f"no article with id {given!r}")
            if len(rows) > 1:
                raise NotFoundError(f"id prefix {given!r} matches several articles; give more of it")
            found.append(rows[0][0])
    return list(dict.fromkeys(found))


def states(store: Store, ids: Sequence[str]) -> tuple[set[str], set[str]]:
    """(read ids, starred ids) among these."""
    with store.reader() as conn:
        return states_of(conn, ids)


def set_read(store: Store, ids: Sequence[str], read: bool) -> int:
    """Mark these ids read (or unread) in one transaction; returns how many changed state."""
    return _set(store, "article_reads", "read_at", ids, read)


def set_starred(store: Store, ids: Sequence[str], starred: bool) -> int:
    """Star (or unstar) these ids in one transaction; returns how many changed state."""
    return _set(store, "article_stars", "starred_at", ids, starred)


def _set(store: Store, table: str, column: str, ids: Sequence[str], on: bool) -> int:
    now = _now()
    changed = 0
    with store.transaction() as conn:
        for chunk in _chunks(list(ids)):
            if on:
                cur = conn.executemany(
                    f"INSERT OR IGNORE INTO {table} (id, {column}) VALUES (?, ?)", [(i, now) for i in chunk]
                )
            else:
                cur = conn.executemany(f"DELETE FROM {table} WHERE id = ?", [(i,) for i in chunk])
            changed += max(cur.rowcount, 0)
    return changed


def unread_by_origin(store: Store, origins: Sequence[str]) -> dict[str, int]:
    """Unread articles per feed or file they were first stored from (the `feeds` listing)."""
    found: dict[str, int] = {}
    with store.reader() as conn:
        for chunk in _chunks(list(origins)):
            marks = ",".join("?" * len(chunk))
            sql = (
                f"SELECT a.origin, count(*) FROM articles a WHERE a.origin IN ({marks}) AND {UNREAD} GROUP BY a.origin"
            )
            found.update((str(o), int(n)) for o, n in conn.execute(sql, chunk))
    return found


# -- fetch runs ----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class FetchRun:
    """One recorded `fetch`: when, what it was asked to fetch, what it stored."""

    run: int
    started_at: datetime
    finished_at: datetime | None
    targets: tuple[str, ...]
    new: int
    updated: int
    unchanged: int
    failed: int
    sources: tuple[dict[str, Any], ...]


def start_run(store: Store, targets: Sequence[str]) -> int:
    import json

    with store.transaction() as conn:
        cur = conn.execute(
            "INSERT INTO fetch_runs (started_at, targets) VALUES (?, ?)", (_now(), json.dumps(list(targets)))
        )
        return int(cur.lastrowid or 0)


def finish_run(store: Store, run: int, counts: Mapping[str, int], sources: Sequence[Mapping[str, Any]]) -> None:
    import json

    with store.transaction() as conn:
        conn.execute(
            "UPDATE fetch_runs SET finished_at = ?, new = ?, updated = ?, unchanged = ?, failed = ?, report = ? "
            "WHERE run = ?",
            (
                _now(),
                counts.get("new", 0),
                counts.get("updated", 0),
                counts.get("unchanged", 0),
                counts.get("failed", 0),
                json.dumps(list(sources), ensure_ascii=False),
                run,
            ),
        )


def list_runs(store: Store, limit: int = 20) -> list[FetchRun]:
    """The most recent fetch runs, newest first."""
    import json

    with store.reader() as conn:
        rows = conn.execute(
            "SELECT run, started_at, finished_at, targets, new, updated, unchanged, failed, report "
            "FROM fetch_runs ORDER BY run DESC LIMIT ?",
            (limit,),
        ).fetchall()
    return [
        FetchRun(
            run=r[0],
            started_at=datetime.fromisoformat(r[1]),
            finished_at=datetime.fromisoformat(r[2]) if r[2] else None,
            targets=tuple(json.loads(r[3])),
            new=r[4],
            updated=r[5],
            unchanged=r[6],
            failed=r[7],
            sources=tuple(json.loads(r[8])),
        )
        for r in rows
    ]


def nth_last_run(store: Store, n: int) -> int | None:
    """The id of the n-th last fetch run (1 = the last one); None when there were fewer runs."""
    with store.reader() as conn:
        row = conn.execute("SELECT run FROM fetch_runs ORDER BY run DESC LIMIT 1 OFFSET ?", (n - 1,)).fetchone()
    return int(row[0]) if row else None


def run_exists(store: Store, run: int) -> bool:
    with store.reader() as conn:
        return conn.execute("SELECT 1 FROM fetch_runs WHERE run = ?", (run,)).fetchone() is not None
