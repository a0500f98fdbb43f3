"""Outlets by any reasonable name: `--source` matching, and the `sources` overview of every stored source.

A source is the outlet name stored on an article. People name outlets loosely (`reuters` for "Reuters
World News", `bbc` for "BBC News" and "BBC World", `guardian` for "The Guardian", `aljazeera.com` for the
feed whose title is "All"), so a `--source` value is resolved here to the stored names it stands for:
the whole name, its first words (a leading article may be left out: `zeit` for "DIE ZEIT", `pais` for
"El País"), or the host of a feed its articles came from, all case- and accent-insensitive.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from newsreader.errors import UsageError
from newsreader.models import Filters
from newsreader.store import Store

_WORD = re.compile(r"\w+")
# Host labels that name no outlet: a `--source com` or `--source feeds` should not match them all.
_GENERIC_LABELS = frozenset({"www", "feeds", "feed", "rss", "com", "org", "net", "co", "uk", "news", "api"})


@dataclass(frozen=True, slots=True)
class SourceSummary:
    """One stored source: how many articles, the newest one, its home country and where it came from."""

    name: str
    articles: int
    latest: datetime | None
    country: str  # the outlet's home country (ISO code, from the feed config), or ""
    feeds: tuple[str, ...]  # the feed URLs and feed files its articles came from
    files: int  # local text files among its origins


# Leading articles of outlet names in the world press's languages ("The Guardian", "DIE ZEIT", "Le Monde",
# "El País", "La Repubblica", "O Globo", "De Standaard", "Al Jazeera", "L'Express"): people name the
# outlet without them (`zeit`, `monde`, `pais`, `jazeera`). Only a name's first word is ever left out.
_ARTICLES = frozenset(
    {"the", "a", "der", "die", "das", "le", "la", "les", "l", "el", "los", "las", "il", "lo", "gli", "i", "o", "os",
     "as", "de", "het", "al"}
)  # fmt: skip


def _words(text: str) -> list[str]:
    """The name's words, case- and accent-insensitive ("País" is `pais`; "ß" is "ss")."""
    from newsreader.names import strip_accents

    return _WORD.findall(strip_accents(text.casefold()))


def _host(origin: str) -> str:
    from urllib.parse import urlsplit

    if "://" not in origin:
        return ""
    host = (urlsplit(origin).hostname or "").casefold()
    return host.removeprefix("www.")


def name_matches(query: str, name: str) -> bool:
    """The whole name, or its first words (a leading article may be left out), case- and accent-insensitive."""
    wanted, words = _words(query), _words(name)
    if not wanted:
        return False
    if words[: len(wanted)] == wanted:
        return True
    return bool(words) and words[0] in _ARTICLES and words[1 : len(wanted) + 1] == wanted


def host_matches(query: str, origin: str) -> bool:
    """`reuters`, `reuters.com` or `feeds.reuters.com` for a feed at feeds.reuters.com."""
    host = _host(origin)
    wanted = query.strip().casefold().removeprefix("www.")
    if not host or not wanted:
        return False
    if host == wanted or host.endswith("." + wanted):
        return True
    return wanted not in _GENERIC_LABELS and wanted in host.split(".")


def resolve_names(queries: Sequence[str], pairs: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """The stored source names the queries stand for; UsageError naming the closest ones when one matches none.

    `pairs` are the stored (source, origin) pairs.
    """
    pairs = list(pairs)
    names = sorted({source for source, _ in pairs}, key=str.casefold)
    found: dict[str, None] = {}
    for query in queries:
        matched = [n for n in names if n.casefold() == query.strip().casefold() or name_matches(query, n)]
        matched += [source for source, origin in pairs if host_matches(query, origin)]
        if not matched:
            raise UsageError(f"no source matches {query!r}{_closest(query, names)}")
        found.update(dict.fromkeys(matched))
    return tuple(found)


def _closest(query: str, names: Sequence[str]) -> str:
    import difflib

    folded = {n.casefold(): n for n in names}
    wanted = query.strip().casefold()
    close = difflib.get_close_matches(wanted, folded, n=3, cutoff=0.5)
    close += [f for f in folded if any(w.startswith(wanted[:4]) for w in _words(f)) and f not in close][
        : 3 - len(close)
    ]
    if close:
        return f"; did you mean: {', '.join(folded[c] for c in close)}? (all sources: `newsreader sources`)"
    return "; `newsreader sources` lists them"


def resolve_sources(db_path: Path, filters: Filters) -> Filters:
    """Filters whose `sources` are the stored names the user's --source values stand for."""
    if not filters.sources:
        return filters
    store = Store.open_existing(db_path)
    if store is None:
        return filters
    with store:
        if store.count() == 0:
            return filters
        pairs = store.source_origins()
    return replace(filters, sources=resolve_names(filters.sources, pairs))


def list_sources(db_path: Path) -> list[SourceSummary]:
    """Every stored source, most articles first: count, newest article, home country, feeds and files."""
    from newsreader.local import TEXT_SUFFIXES

    store = Store.open_existing(db_path)
    if store is None:
        return []
    with store:
        rows = store.source_stats()
    grouped: dict[str, list[tuple[str, int, float | None, str]]] = {}
    for source, origin, count, latest, country in rows:
        grouped.setdefault(source, []).append((origin, count, latest, country))
    out = []
    for name, parts in grouped.items():
        countries = [c for _, n, _, c in sorted(parts, key=lambda p: -p[1]) if c]
        feeds = sorted({o for o, *_ in parts if "://" in o or Path(o).suffix.lower() not in TEXT_SUFFIXES})
        newest = max((latest for _, _, latest, _ in parts if latest is not None), default=None)
        out.append(
            SourceSummary(
                name=name,
                articles=sum(n for _, n, _, _ in parts),
                latest=datetime.fromtimestamp(newest, UTC) if newest is not None else None,
                country=countries[0] if countries else "",
                feeds=tuple(feeds),
                files=sum(1 for o, *_ in parts if o not in feeds),
            )
        )
    return sorted(out, key=lambda s: (-s.articles, s.name.casefold()))
