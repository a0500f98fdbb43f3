"""Watches: saved searches with their unread and new counts, their matches, and what a fetch brought them.

A watch is a plain search query (as `search` takes it; may be empty) and the filters of `show`. After a
fetch only the articles that run stored are matched, on a full-text index of their own, so the cost
grows with what a fetch brings, not with the archive.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsreader.errors import UsageError
from newsreader.models import Article, Filters
from newsreader.store import Store
from newsreader.store import watches as stored
from newsreader.store.watches import Watch

if TYPE_CHECKING:
    from newsreader.config import Config

__all__ = ["Watch", "WatchStatus"]


@dataclass(frozen=True, slots=True)
class WatchStatus:
    """A watch with its counts: unread matches, and matches the last fetch stored for the first time."""

    watch: Watch
    unread: int
    new: int


def filters_of(config: Config, watch: Watch, limit: int = 20) -> Filters:
    """The watch's filters resolved (country and region names to codes) as `show` resolves them."""
    from newsreader.core import build_filters

    return build_filters(
        config,
        sources=watch.sources,
        countries=watch.countries,
        regions=watch.regions,
        source_countries=watch.source_countries,
        primary=watch.primary,
        languages=watch.languages,
        limit=limit,
    )


def _check(config: Config, watch: Watch) -> None:
    """Refuse a watch that could never run: an empty name, unknown names in filters, a query of no words."""
    if not watch.name.strip():
        raise UsageError("a watch needs a name: newsreader watch add NAME [QUERY] [filters]")
    filters = filters_of(config, watch)
    if watch.query.strip():
        from newsreader.lang.query import compile_plain

        compile_plain(watch.query, filters.languages or ("", "en"))


def add_watch(db_path: Path, config: Config, watch: Watch) -> Watch:
    """Save a new watch; UsageError if one of that name (case-insensitive) exists or it cannot run."""
    watch = replace(watch, name=watch.name.strip(), query=watch.query.strip())
    _check(config, watch)
    with Store.open(db_path) as store:
        stored.add(store, watch)
        return stored.get(store, watch.name)


def edit_watch(db_path: Path, config: Config, current: str, /, **changes: Any) -> Watch:
    """Change some of the watch `current`'s fields (name, query, sources, regions, ...); the rest stay."""
    with Store.open(db_path) as store:
        old = stored.get(store, current)
        new = replace(old, **{k: v for k, v in changes.items() if v is not None})
        new = replace(new, name=new.name.strip(), query=new.query.strip())
        _check(config, new)
        stored.replace(store, old.name, new)
        return stored.get(store, new.name)


def remove_watch(db_path: Path, name: str) -> None:
    """Delete a watch (its articles stay); NotFoundError when there is none of that name."""
    with Store.open(db_path) as store:
        stored.remove(store, name)


def _count(store: Store, config: Config, watch: Watch, **state: Any) -> int:
    filters = replace(filters_of(config, watch), **state)
    if not watch.query:
        return store.count_matching(filters)
    from newsreader.lang.query import compile_plain

    compiled = compile_plain(watch.query, filters.languages or tuple(store.languages()))
    return store.count_matches(compiled.match, filters)


def list_watches(db_path: Path) -> list[Watch]:
    """Every saved watch, by name (no counts: see watch_statuses)."""
    store = Store.open_existing(db_path)
    if store is None:
        return []
    with store:
        return stored.all_watches(store)


def watch_filters(watch: Watch, base: Filters, config: Config | None = None) -> tuple[Filters, str]:
    """(filters, query) of a watch over `base` (its limit and state filters kept): what a browser lists."""
    if config is None:
        from newsreader.config import load_config
        from newsreader.errors import ConfigError

        try:
            config = load_config()
        except ConfigError:
            from newsreader.config import Config as Defaults

            config = Defaults()
    own = filters_of(config, watch, base.limit)
    return replace(base, **{k: getattr(own, k) for k in _FILTER_FIELDS}), watch.query


_FILTER_FIELDS = ("sources", "countries", "regions", "source_countries", "primary", "languages")


def watch_statuses(db_path: Path, config: Config) -> list[WatchStatus]:
    """Every watch with its unread count and its matches among what the last fetch stored."""
    from newsreader.store import state as st

    store = Store.open_existing(db_path)
    if store is None:
        return []
    with store:
        watches = stored.all_watches(store)
        last = st.nth_last_run(store, 1)
        new = _run_counts(store, config, watches, last) if last is not None else {}
        return [WatchStatus(w, unread=_count(store, config, w, unread=True), new=new.get(w.name, 0)) for w in watches]


def watch_articles(
    db_path: Path, config: Config, name: str, *, limit: int = 20, unread: bool = False
) -> tuple[Watch, list[Article]]:
    """A watch and its matches, newest first (only unread ones if asked)."""
    store = Store.open_existing(db_path)
    if store is None:
        raise UsageError(f"no watch named {name!r}: nothing is stored yet")
    with store:
        watch = stored.get(store, name)
    filters = replace(filters_of(config, watch, limit), unread=unread)
    if not watch.query:
        from newsreader.core import list_articles

        return watch, list_articles(db_path, filters)
    from newsreader.core.searching import run

    return watch, [h.article for h in run(db_path, watch.query, filters, sort="newest", snippets=False).hits]


def new_matches(db_path: Path, config: Config, run: int) -> list[tuple[str, int]]:
    """(watch name, matches) for every watch that got articles this fetch run stored for the first time."""
    store = Store.open_existing(db_path)
    if store is None or not run:
        return []
    with store:
        watches = stored.all_watches(store)
        counts = _run_counts(store, config, watches, run) if watches else {}
    return [(w.name, counts[w.name]) for w in watches if counts.get(w.name)]


def _run_counts(store: Store, config: Config, watches: list[Watch], run: int) -> dict[str, int]:
    """Each watch's matches among the articles fetch runs from `run` on stored for the first time.

    Query watches search an index of those articles alone (store.watches.RunIndex), so 50 watches cost a
    fetch about what the few articles it brought cost, however large the archive.
    """
    queries = any(w.query for w in watches)
    languages = tuple(store.languages()) if queries else ()
    counts: dict[str, int] = {}
    resolved: dict[tuple[Any, ...], Filters] = {}  # watches share regions: resolve each set of names once
    with stored.RunIndex(store, run, build=queries) as index:
        for watch in watches:
            names = tuple(getattr(watch, k) for k in _FILTER_FIELDS)
            if names not in resolved:
                resolved[names] = replace(filters_of(config, watch), since_run=run)
            filters = resolved[names]
            if not watch.query:
                counts[watch.name] = store.count_matching(filters)
                continue
            from newsreader.lang.query import compile_plain

            match = compile_plain(watch.query, filters.languages or languages).match
            counts[watch.name] = index.count(match, filters)
    return counts
