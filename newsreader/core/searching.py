"""The search use case: a query (plain or raw) to ranked hits, counts for the footer, no-hit messages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsreader.errors import UsageError
from newsreader.models import Filters, SearchHit
from newsreader.store import Store

SORTS = ("relevance", "newest")


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Hits, best first; `total` all matches passing the filters (when counted); `unfiltered` the matches
    of the words alone when nothing passed the filters (None when there were hits or no filters)."""

    hits: list[SearchHit]
    total: int | None = None
    unfiltered: int | None = None


def run(
    db_path: Path,
    query: str,
    filters: Filters,
    *,
    raw: bool = False,
    sort: str = "relevance",
    count: bool = False,
    snippets: bool = True,
) -> SearchResult:
    """Search the store; `count` also counts every match (for "20 of 312 matches")."""
    from newsreader.lang.query import compile_plain, compile_raw

    if sort not in SORTS:
        raise UsageError(f"--sort must be one of {', '.join(SORTS)}, got {sort!r}")
    if raw and not query.strip():
        raise UsageError(f"the search query {query!r} has no words to search for")
    store = Store.open_existing(db_path)
    if store is None:
        if not raw:
            compile_plain(query, ())  # a query with no words is still a usage error
        return SearchResult([])
    with store:
        languages = filters.languages or tuple(store.languages())
        compiled = (compile_raw if raw else compile_plain)(query, languages)
        hits = store.search(compiled.match, filters, compiled.highlight, newest=sort == "newest", snippets=snippets)
        total = None
        if count:
            short = filters.limit and not filters.offset and len(hits) < filters.limit  # every match is here
            total = len(hits) if short else store.count_matches(compiled.match, filters)
        unfiltered = None
        if not hits and _has_filters(filters):
            unfiltered = store.count_matches(compiled.match, Filters())
        return SearchResult(hits, total, unfiltered)


def _has_filters(f: Filters) -> bool:
    return f != Filters(limit=f.limit, offset=f.offset, primary=f.primary)


def no_hits_message(query: str, filters: Filters, unfiltered: int | None) -> str:
    """ "No articles match 'Iran' since 2030-01-01; 312 match without the date filter." (or shorter)."""
    described = describe(filters)
    message = f"No articles match {query!r}" + (f" {described}" if described else "")
    if unfiltered:
        kinds = _filter_kinds(filters)
        which = f"the {kinds[0]} filter" if len(kinds) == 1 else "these filters"
        noun = "matches" if unfiltered == 1 else "match"
        return f"{message}; {unfiltered} {noun} without {which}."
    return message + "."


def describe(f: Filters) -> str:
    """The filters in words: "from Reuters about IR in de since 2030-01-01"."""
    parts: list[str] = []
    if f.sources:
        parts.append("from " + " or ".join(f.sources))
    if f.source_countries:
        parts.append("from outlets in " + " or ".join(f.source_countries))
    about = [*f.countries, *(r.name for r in f.regions)]
    if about:
        parts.append(("primarily about " if f.primary else "about ") + " or ".join(about))
    if f.languages:
        parts.append("in " + " or ".join(f.languages))
    if f.since is not None:
        parts.append("since " + _when(f.since))
    if f.until is not None:
        parts.append("until " + _when(f.until))
    return " ".join(parts)


def _filter_kinds(f: Filters) -> list[str]:
    kinds = [
        ("source", bool(f.sources)),
        ("source-country", bool(f.source_countries)),
        ("country", bool(f.countries)),
        ("region", bool(f.regions)),
        ("language", bool(f.languages)),
        ("date", f.since is not None or f.until is not None),
    ]
    return [name for name, used in kinds if used]


def _when(moment: object) -> str:
    from datetime import datetime

    assert isinstance(moment, datetime)
    local = moment.astimezone()
    if (local.hour, local.minute, local.second) in ((0, 0, 0), (23, 59, 59)):
        return local.strftime("%Y-%m-%d")
    return local.strftime("%Y-%m-%d %H:%M")
