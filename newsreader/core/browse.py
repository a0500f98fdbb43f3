"""The use cases behind `newsreader browse`: its views, their counts, and a paged reader of each listing.

A view is what `show` (or `search`) would list with some filters: All, Unread, Starred, a watch, a
region, a country, a source, a search. The interactive browser reads a view a page at a time through a
`Pager`, so a 100k-article store is never loaded whole; counts for the tree of views are computed with
grouped queries, off the screen's thread. No terminal here: the TUI renders what these return.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsreader.errors import NewsreaderError
from newsreader.models import Article, Filters, RegionFilter
from newsreader.store import Store, pages

if TYPE_CHECKING:
    from newsreader.config import Config

# The tree's groups, in the order it shows them.
WATCHES, REGIONS, COUNTRIES, SOURCES, SEARCHES = "Watches", "Regions", "Countries", "Sources", "Searches"


@dataclass(frozen=True, slots=True)
class View:
    """One listing: filters (and an optional search query) that `show`/`search` would take."""

    key: str  # stable: "all", "region:Middle East", "source:Reuters", "search:iran talks"
    label: str  # the name shown (a source's name is the outlet's own text: render it as plain text)
    filters: Filters
    query: str = ""  # search words as `search` takes them; the listing is their matches, newest first
    raw: bool = False  # the query is FTS5 syntax (`search --raw`)
    group: str = ""  # "" for the top views, else one of the groups above


def match_of(store: Store, view: View) -> str:
    """The FTS5 expression a search view lists ('' for other views), compiled as `search` compiles it:
    for the languages of the view's filters, else of every stored article."""
    if not view.query:
        return ""
    from newsreader.lang.query import compile_plain, compile_raw

    languages = view.filters.languages or tuple(store.languages())
    return (compile_raw if view.raw else compile_plain)(view.query, languages).match


def _has_field(name: str) -> bool:
    return name in {f.name for f in dataclasses.fields(Filters)}


def supports_read_state() -> bool:
    """Whether this store knows read state and stars (the Unread and Starred views, `N`, `s`, `A`)."""
    return _has_field("unread") and _has_field("starred")


def with_state(filters: Filters, **state: bool) -> Filters:
    """The filters plus unread/starred conditions, when the store has them (else unchanged)."""
    known = {k: v for k, v in state.items() if _has_field(k)}
    return replace(filters, **known) if known else filters  # type: ignore[arg-type]


def top_views(base: Filters) -> list[View]:
    views = [View("all", "All articles", base)]
    if supports_read_state():
        views.append(View("unread", "Unread", with_state(base, unread=True)))
        views.append(View("starred", "Starred", with_state(base, starred=True)))
    return views


def news_regions(config: Config) -> list[RegionFilter]:
    """The regions outlets speak of (Middle East, Sahel...) and the user's own, not the UN M49 ones.

    From the generated name tables (names.py), not the gazetteer: the tree needs names and codes only.
    """
    from newsreader.name_tables import REGIONS
    from newsreader.region_kinds import M49_REGIONS

    found = [RegionFilter(name, frozenset(codes.split())) for name, codes in REGIONS.items() if name not in M49_REGIONS]
    own = [RegionFilter(n, frozenset(c.strip().upper() for c in codes)) for n, codes in config.regions.items()]
    return found + own


def list_views(db_path: Path, config: Config, base: Filters) -> list[View]:
    """Every view of the tree, without counts: top views, watches, regions, countries and sources with
    articles (under the base filters, e.g. `browse --since 7d`)."""
    from newsreader import names  # the name tables: no gazetteer to load

    views = top_views(base)
    views += watch_views(db_path, base)
    store = Store.open_existing(db_path)
    if store is None:
        return views
    with store:
        countries = pages.country_counts(store, base)
        sources = pages.source_counts(store, base)
        # Regions with no article would only clutter the tree (there are some 40 news regions). A region
        # has articles when a member country has, or an article names it: known from the country counts
        # and one index scan, where a probe per region would scan the whole store for each empty one.
        unfiltered = replace(base, regions=())
        named_in_text = set() if base.primary else pages.named_regions(store, unfiltered)
        countries_anywhere = set(pages.country_counts(store, unfiltered) if base.regions else countries)
        regions = [
            r for r in news_regions(config) if r.codes & countries_anywhere or r.name.casefold() in named_in_text
        ]
    views += [View(f"region:{r.name}", r.name, replace(base, regions=(r,)), group=REGIONS) for r in regions]
    named = sorted(((names.country_name(code), code) for code in countries), key=lambda p: p[0].casefold())
    views += [
        View(f"country:{code}", f"{name} ({code})", replace(base, countries=(code,)), group=COUNTRIES)
        for name, code in named
    ]
    views += [
        View(f"source:{name.casefold()}", name, replace(base, sources=(name,)), group=SOURCES)
        for name in sorted(sources, key=str.casefold)
    ]
    return views


def watch_views(db_path: Path, base: Filters) -> list[View]:
    """One view per saved watch (its query and filters), when this build has watches (issue 13).

    A watch is a saved search: its view lists what `watch NAME` lists, newest first.
    """
    try:
        from newsreader.core import watches  # type: ignore[attr-defined, unused-ignore]
    except ImportError:
        return []
    listing = getattr(watches, "list_watches", None)
    as_filters = getattr(watches, "watch_filters", None)
    if listing is None or as_filters is None:
        return []
    views: list[View] = []
    for watch in listing(db_path):
        filters, query = as_filters(watch, base)
        views.append(View(f"watch:{watch.name}", watch.name, filters, query=query, group=WATCHES))
    return views


def search_view(base: Filters, query: str, *, raw: bool = False) -> View:
    """A search as a view: the articles `search QUERY` finds with the base filters, newest first."""
    from newsreader.errors import UsageError
    from newsreader.lang.query import compile_plain

    if raw and not query.strip():
        raise UsageError(f"the search query {query!r} has no words to search for")
    if not raw:
        compile_plain(query, ())  # a query with no words is a usage error, as in `search`
    return View(f"search:{query}", query, base, query=query, raw=raw, group=SEARCHES)


def narrowed(view: View, **fields: object) -> View:
    """The view with some filter fields set (a region, a country, a source, unread only).

    A field the view already sets is replaced, never ANDed: in the "Middle East" view, choosing the
    region "Gulf" lists the Gulf. So the result is always one set of filters, as `show` takes them, and
    "mark all read" marks exactly that listing.
    """
    if not fields:
        return view
    state = {k: bool(v) for k, v in fields.items() if k in ("unread", "starred")}
    other = {k: v for k, v in fields.items() if k not in ("unread", "starred")}
    filters = replace(view.filters, **other) if other else view.filters  # type: ignore[arg-type]
    return replace(view, filters=with_state(filters, **state))


def view_counts(db_path: Path, views: Sequence[View], *, unread: bool = True) -> dict[str, int]:
    """Article counts per view key (unread ones when the store has read state), one open of the store.

    Countries and sources come from one grouped query per group (some 200 countries and hundreds of
    sources would otherwise be as many counts); other views, regions among them, are counted one by one
    (a region is its member countries or its name: a grouped count of them all was slower than ~40 counts).
    """
    counts: dict[str, int] = {}
    store = Store.open_existing(db_path)
    if store is None:
        return {v.key: 0 for v in views}
    with store:
        grouped: dict[tuple[str, Filters], dict[str, int]] = {}
        for view in views:
            filters = with_state(view.filters, unread=True) if unread else view.filters
            field = _GROUP_FIELDS.get(view.group)
            if field is None or view.query or not getattr(view.filters, field):
                counts[view.key] = pages.count(store, filters, match_of(store, view))
                continue
            base = replace(filters, countries=()) if field == "countries" else replace(filters, sources=())
            if (view.group, base) not in grouped:
                grouped[(view.group, base)] = _group_counts(store, view.group, base)
            name = getattr(view.filters, field)[0]
            counts[view.key] = grouped[(view.group, base)].get(_group_key(view.group, name), 0)
    return counts


_GROUP_FIELDS = {COUNTRIES: "countries", SOURCES: "sources"}


def _group_key(group: str, value: str) -> str:
    """How a view's one filter value is looked up in its group's counts."""
    return value.casefold() if group == SOURCES else value


def _group_counts(store: Store, group: str, base: Filters) -> dict[str, int]:
    if group == COUNTRIES:
        return pages.country_counts(store, base)
    return {name.casefold(): n for name, n in pages.source_counts(store, base).items()}


class Pager:
    """Reads one view a page at a time over one open connection (the screen's thread only).

    The list asks for pages on a fixed grid (offsets 0, n, 2n, ...). The pager remembers the first and
    last key of every page it read (two small tuples a page, not its rows), so the page after or before
    one read already is a seek from that key, however deep (store/pages.py); only a jump to a page with
    no read neighbour counts rows, from the nearer end. `count` starts the view afresh (after a fetch or
    a mark-all the rows may have moved).
    """

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._store: Store | None = None
        self._matches: dict[View, str] = {}
        self._totals: dict[View, int] = {}
        self._keys: dict[View, dict[int, tuple[pages.Key, pages.Key]]] = {}

    def _match(self, store: Store, view: View) -> str:
        if view not in self._matches:
            self._matches[view] = match_of(store, view)
        return self._matches[view]

    def _open(self) -> Store | None:
        if self._store is None:
            self._store = Store.open_existing(self.db_path)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def count(self, view: View) -> int:
        store = self._open()
        total = 0 if store is None else pages.count(store, view.filters, self._match(store, view))
        self._totals[view] = total
        self._keys[view] = {}
        return total

    def page(self, view: View, offset: int, limit: int) -> list[Article]:
        store = self._open()
        if store is None:
            return []
        match = self._match(store, view)
        known = self._keys.setdefault(view, {})
        total = self._totals.get(view)
        if offset <= 0:
            found = pages.after(store, view.filters, None, limit, match)
        elif offset - limit in known:
            found = pages.after(store, view.filters, known[offset - limit][1], limit, match)
        elif offset + limit in known:
            found = pages.before(store, view.filters, known[offset + limit][0], limit, match)
        elif total is not None and offset + limit >= total:
            found = pages.before(store, view.filters, None, total - offset, match)
        else:
            found = pages.at(store, view.filters, offset, limit, match, total)
        if found.first is not None and found.last is not None:
            known[offset] = (found.first, found.last)
        return found.articles

    def next_unread(self, view: View, after: Article | None, *, forward: bool = True) -> tuple[int, Article] | None:
        """The next (or previous) unread article after `after` and its row in the view now; None when
        there is none.

        Without read state every article counts as unread, so this is the next row.
        """
        store = self._open()
        if store is None:
            return None
        filters = with_state(view.filters, unread=True)
        match = self._match(store, view)
        if after is None:
            found = pages.page(store, filters, 0, 1, match)
            target = found[0] if found else None
        else:
            target = pages.neighbour(store, filters, after, forward=forward, match=match)
        if target is None:
            return None
        return pages.position(store, view.filters, target, match), target

    def article(self, article_id: str) -> Article:
        """The article in full (with its body)."""
        from newsreader.errors import NotFoundError

        store = self._open()
        if store is None:
            raise NotFoundError(f"no article with id {article_id!r} (the store is empty)")
        return store.get(article_id)


def country_names(article: Article) -> Mapping[str, str]:
    """Display names for the article's countries and its outlet's country."""
    from newsreader import names  # the name tables: no gazetteer to load

    return {c: names.country_name(c) for c in (*article.country_codes, article.source_country) if c}


def resolve_choice(kind: str, name: str, config: Config) -> dict[str, object]:
    """The filter fields for a name the user typed at a region (r), country (c) or source (f) prompt.

    An empty name clears that filter. Unknown regions and countries raise UnknownNameError (with a
    suggestion), the same error `show --region`/`--country` gives.
    """
    name = name.strip()
    if kind == "source":
        return {"sources": (name,) if name else ()}
    if not name:
        return {"regions" if kind == "region" else "countries": ()}
    from newsreader import names  # the name tables: no gazetteer to load

    if kind == "region":
        return {"regions": (names.resolve_region(name, config.regions),)}
    return {"countries": (names.resolve_country(name),)}


# -- read state and stars: the same functions `mark`, `star` and `show ID` use ---------------------------
def _reading() -> Any:
    """The read-state use cases (core/reading.py), or None in a build without them."""
    try:
        from newsreader.core import reading  # type: ignore[attr-defined, unused-ignore]
    except ImportError:
        return None
    return reading


def _no_state() -> NewsreaderError:
    from newsreader.errors import UsageError

    return UsageError("this newsreader has no read state or stars yet")


def read_article(db_path: Path, pager: Pager, article_id: str) -> Article:
    """The article in full, marked read (as `show ID` does)."""
    reading = _reading()
    if reading is None:
        return pager.article(article_id)
    return reading.read_article(db_path, article_id)  # type: ignore[no-any-return]


def mark_read(db_path: Path, article: Article) -> Article:
    reading = _reading()
    if reading is None:
        return article
    reading.mark_read(db_path, [article.id])
    return replace(article, read=True)  # type: ignore[call-arg, unused-ignore]


def toggle_read(db_path: Path, article: Article) -> Article:
    reading = _reading()
    if reading is None:
        raise _no_state()
    return replace(article, read=reading.toggle_read(db_path, article.id))  # type: ignore[call-arg, unused-ignore]


def toggle_star(db_path: Path, article: Article) -> Article:
    reading = _reading()
    if reading is None:
        raise _no_state()
    return replace(article, starred=reading.toggle_star(db_path, article.id))  # type: ignore[call-arg, unused-ignore]


def mark_all_read(db_path: Path, view: View) -> int:
    """Mark read exactly what the view lists, every page: the rule of `mark read --all` with its filters."""
    reading = _reading()
    if reading is None:
        raise _no_state()
    return int(reading.mark_all(db_path, view.filters, view.query or None, raw=view.raw))
