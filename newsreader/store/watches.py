"""Saved searches (watches) in the store: a name, a query and the filters as the user gave them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from newsreader.errors import NotFoundError, UsageError

if TYPE_CHECKING:
    from newsreader.models import Filters
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


class RunIndex:
    """A full-text index of one fetch run's new articles alone, in memory: watches matched after a fetch
    search the few articles it brought, not the whole store's index (whose term lists grow with the
    archive). Its terms are made as the store's own index makes them (schema.index_row), so a watch finds
    here exactly the new articles `search` would find.
    """

    def __init__(self, store: Store, run: int, *, build: bool = True) -> None:
        self._store = store
        self.run = run
        self.size = 0
        self._build = build  # False: no watch has a query, nothing to index (count() finds nothing)
        self._attached = False

    def __enter__(self) -> RunIndex:
        from newsreader.store.schema import FTS_SCHEMA, index_row, unpack_text

        if not self._build:
            return self
        conn = self._store._conn
        with self._store._guard():
            rows = conn.execute(
                "SELECT a.seq, a.title, a.text, a.summary_len, a.source, a.language FROM articles a "
                "WHERE a.id IN (SELECT id FROM fetch_run_articles WHERE run >= ?)",
                (self.run,),
            ).fetchall()
            if not rows:
                return self
            conn.execute(f"ATTACH DATABASE ':memory:' AS {_RUN_DB}")
            self._attached = True
            try:
                conn.execute(FTS_SCHEMA.replace("articles_fts", f"{_RUN_DB}.fts"))
                conn.execute("BEGIN")  # one transaction: FTS5 writes one segment, not one per row
                conn.executemany(
                    f"INSERT INTO {_RUN_DB}.fts (rowid, title, summary, body, source) VALUES (?, ?, ?, ?, ?)",
                    [index_row(seq, t, *unpack_text(x, n), src, lang) for seq, t, x, n, src, lang in rows],
                )
                conn.execute("COMMIT")
            except BaseException:
                self.__exit__()
                raise
        self.size = len(rows)
        return self

    def __exit__(self, *exc: object) -> None:
        if not self._attached:
            return
        conn = self._store._conn
        with self._store._guard():
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            conn.execute(f"DETACH DATABASE {_RUN_DB}")
        self._attached = False

    def count(self, match: str, filters: Filters) -> int:
        """How many of the run's new articles match the FTS5 expression and pass the filters.

        The matches (a few rows of this small index) are found first, then only they are checked
        against the filters, by row: the filters never pick the rows to look at.
        """
        from dataclasses import replace

        from newsreader.store.db import _where

        if not self.size:
            return 0
        from newsreader.lang import groups

        found_in: dict[int, None] = {}
        with self._store._search_guard(match):
            for langs, excluded, expression in groups.split(match):
                sql = f"SELECT rowid FROM {_RUN_DB}.fts WHERE fts MATCH ?"
                if langs:  # the run's few matches, each looked up by its rowid
                    marks = ",".join("?" * len(langs))
                    negation = "NOT " if excluded else ""
                    sql += (
                        f" AND EXISTS (SELECT 1 FROM articles b WHERE b.seq = {_RUN_DB}.fts.rowid"
                        f" AND b.language {negation}IN ({marks}))"
                    )
                found_in.update(dict.fromkeys(r[0] for r in self._store._conn.execute(sql, (expression, *langs))))
        found = list(found_in)
        # Every row here was first stored by the run: its own filter is met already.
        where, params = _where(replace(filters, since_run=None), prefix="AND", correlated=True)
        if not found or not where:
            return len(found)
        marks = ",".join("?" * len(found))
        sql = f"SELECT count(*) FROM articles a WHERE a.seq IN ({marks}) {where}"
        with self._store._guard():
            return int(self._store._conn.execute(sql, [*found, *params]).fetchone()[0])


_RUN_DB = "nr_run"  # the attached in-memory database of RunIndex
