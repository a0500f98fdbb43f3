"""Stories as people read them: listed by coverage, one story with its articles, who covered it and who did not.

A story's outlets have home countries (the feed's configured `country`, stored as the article's source
country) and through them home regions; a story every outlet of which is in one country (or one region)
is a geographic blindspot, flagged "covered only by US outlets". The grouping itself happens when
articles are stored (store/stories.py, newsreader/stories).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from newsreader.errors import NotFoundError, UsageError
from newsreader.models import Filters
from newsreader.region_kinds import news_regions
from newsreader.store import Store
from newsreader.store import stories as ss
from newsreader.stories.model import cosine

MEDOID_MEMBERS = 60  # the representative title is looked for among this many of a story's articles
COUNTRY_SHARE = 0.25  # a story's countries: primary in at least this share of its articles (and the first)


@dataclass(frozen=True, slots=True)
class StoryArticle:
    id: str
    url: str
    title: str
    source: str
    source_country: str
    published: datetime


@dataclass(frozen=True, slots=True)
class Story:
    """One story: its id (that of its earliest article), a representative title, its articles (earliest
    first), outlets, outlets' home countries (most articles first), countries, regions, first and last seen."""

    id: str
    title: str
    articles: tuple[StoryArticle, ...]
    sources: tuple[str, ...]
    source_countries: tuple[str, ...]
    countries: tuple[str, ...]
    regions: tuple[str, ...]
    first_seen: datetime
    last_seen: datetime

    def blindspot(self, outlet_countries: Sequence[str]) -> str:
        """ "covered only by US outlets" when every outlet of the story is in one country while the store
        has outlets elsewhere ("... by outlets in Europe" for one region); '' otherwise."""
        homes = [a.source_country for a in self.articles]
        if not homes or not all(homes) or len(set(outlet_countries)) < 2:
            return ""
        if len(set(homes)) == 1:
            return f"covered only by {homes[0]} outlets"
        regions = {home_region(c) for c in homes}
        if len(regions) == 1 and "" not in regions and len({home_region(c) for c in outlet_countries}) > 1:
            return f"covered only by outlets in {next(iter(regions))}"
        return ""


@dataclass(frozen=True, slots=True)
class Coverage:
    """Who covered a story: home regions of its outlets with their article counts, the home regions of the
    user's other outlets that did not cover it, and the blindspot flag."""

    regions: tuple[tuple[str, int], ...]
    missing: tuple[str, ...]
    blindspot: str


def home_region(country: str) -> str:
    """The news region an outlet's home country is in (US: North America, QA: Middle East), or ''."""
    if not country:
        return ""
    from newsreader import geo

    derived = geo.load_tagger().derived_regions.get(country.upper(), ())
    regions = news_regions(derived)
    return regions[0] if regions else ""


def list_stories(db_path: Path, filters: Filters, *, min_articles: int = 2) -> list[Story]:
    """The stories with an article passing the filters, best covered first, at most filters.limit."""
    if min_articles < 1:
        raise UsageError(f"--min-articles must be 1 or more; got {min_articles}")
    store = Store.open_existing(db_path)
    if store is None:
        return []
    with store:
        keys = ss.top_stories(store, filters, min_articles)
        members = ss.members_of(store, keys)
    return [_story(members[k]) for k in keys if members[k]]


def get_story(db_path: Path, id_or_prefix: str) -> tuple[Story, Coverage]:
    """One story by its id or the id of any of its articles (or a unique prefix), with its coverage."""
    store = Store.open_existing(db_path)
    if store is None:
        raise NotFoundError(f"no story with id {id_or_prefix!r} (the store is empty)")
    prefix = id_or_prefix.strip().lower()
    if not prefix or any(ch not in "0123456789abcdef" for ch in prefix):
        raise NotFoundError(f"no story with id {id_or_prefix!r} (ids are hexadecimal, see `newsreader stories`)")
    with store:
        key = ss.story_of(store, prefix)
        if key is None:
            raise NotFoundError(f"no story with id {id_or_prefix!r}")
        if key < 0:
            raise NotFoundError(f"id prefix {id_or_prefix!r} matches several stories; give more of it")
        story = _story(ss.members_of(store, [key])[key])
        outlets = ss.outlet_countries(store)
    return story, coverage(story, outlets)


def coverage(story: Story, outlet_countries: Sequence[str]) -> Coverage:
    counts = Counter(home_region(a.source_country) or "unknown" for a in story.articles)
    ranked = tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    everywhere = dict.fromkeys(r for r in (home_region(c) for c in outlet_countries) if r)
    missing = tuple(r for r in everywhere if r not in counts)
    return Coverage(ranked, missing, story.blindspot(outlet_countries))


def _story(rows: Sequence[ss.MemberRow]) -> Story:
    articles = tuple(
        StoryArticle(r.id, r.url, r.title, r.source, r.source_country, datetime.fromisoformat(r.published))
        for r in rows
    )
    homes = Counter(r.source_country for r in rows if r.source_country)
    countries = Counter(c for r in rows for c in r.countries)
    regions = Counter(g for r in rows for g in news_regions(r.regions))
    return Story(
        id=min(rows, key=lambda r: (r.published, r.id)).id,
        title=_representative(rows).title,
        articles=articles,
        sources=tuple(dict.fromkeys(r.source for r in rows)),
        source_countries=tuple(c for c, _ in sorted(homes.items(), key=lambda kv: (-kv[1], kv[0]))),
        countries=_common(countries, len(rows)),
        regions=_common(regions, len(rows)),
        first_seen=min(a.published for a in articles),
        last_seen=max(a.published for a in articles),
    )


def _common(counts: Counter[str], total: int) -> tuple[str, ...]:
    """The values in at least COUNTRY_SHARE of the articles (the most frequent always), most first."""
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(v for i, (v, n) in enumerate(ranked) if i == 0 or n >= COUNTRY_SHARE * total)


def _representative(rows: Sequence[ss.MemberRow]) -> ss.MemberRow:
    """The article closest to all the others (the medoid of their vectors); ties go to the earliest."""
    pool = list(rows[:MEDOID_MEMBERS])
    if len(pool) <= 2:
        return pool[0]
    # The sum of one article's cosines with all the others is its dot product with the sum of every
    # vector less its own: one pass instead of a pass per pair (60 x 60 cosines were most of `stories`).
    # Sums in another order differ in the last bits, so the articles within _NEAR of the best are
    # compared again pair by pair, exactly as before: the same article wins, ties to the earliest.
    total: dict[str, float] = {}
    for r in pool:
        for term, weight in r.vector.items():
            total[term] = total.get(term, 0.0) + weight
    near = [sum(w * (total[t] - w) for t, w in r.vector.items()) for r in pool]
    best = max(near)
    shortlist = [r for r, score in zip(pool, near, strict=True) if score >= best - _NEAR]
    if len(shortlist) == 1:
        return shortlist[0]
    return max(shortlist, key=lambda r: sum(cosine(r.vector, o.vector) for o in pool if o is not r))


_NEAR = 1e-6  # far above the rounding of sums of 60 products of weights below 1, far below real differences


# -- one row per story (`show --stories`, `search --stories`) ------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A listing's article standing for its story: the story's id, its articles and outlets."""

    id: str
    articles: int
    sources: tuple[str, ...]


def one_per_story(db_path: Path, ids: Sequence[str]) -> tuple[list[int], dict[int, StoryRow]]:
    """Of a listing's articles (by id, in listing order): the positions to keep, the first of each story,
    and the story of each kept position."""
    store = Store.open_existing(db_path)
    if store is None:
        return list(range(len(ids))), {}
    with store:
        found = ss.stories_of(store, ids)
    keep: list[int] = []
    rows: dict[int, StoryRow] = {}
    seen: set[int] = set()
    for position, aid in enumerate(ids):
        if aid not in found:
            keep.append(position)
            continue
        story, sid, count, sources = found[aid]
        if story in seen:
            continue
        seen.add(story)
        keep.append(position)
        rows[position] = StoryRow(sid, count, sources)
    return keep, rows


# -- rebuilding ----------------------------------------------------------------------------------------


def restory(db_path: Path, progress: Callable[[int, int], None] | None = None) -> tuple[int, int]:
    """Group every stored article again, in one transaction; returns (articles, stories of 2 or more)."""
    store = Store.open_existing(db_path)
    if store is None:
        return 0, 0
    with store:
        with store.transaction() as conn:
            done = ss.regroup(conn, progress)
            store._story_window = None
        with store.reader() as conn:
            grouped = int(conn.execute("SELECT count(*) FROM stories WHERE articles > 1").fetchone()[0])
    return done, grouped


def restory_if_outdated(db_path: Path, progress: Callable[[int, int], None] | None = None) -> tuple[int, int] | None:
    """Group every stored article again if the stories were made by another version of the model.

    Run by `fetch` before it stores anything (an upgrade's migration only marks the stories outdated:
    grouping takes about a minute per 100k articles, too long for whichever read command opened the
    store first). Returns restory's (articles, stories of 2 or more), or None when the stories are current.
    """
    store = Store.open_existing(db_path)
    if store is None:
        return None
    with store, store.reader() as conn:
        if not ss.outdated(conn):
            return None
    return restory(db_path, progress)


def stories_outdated(db_path: Path) -> bool:
    """Whether the stored stories await grouping by this version (after an upgrade, until the next fetch)."""
    store = Store.open_existing(db_path)
    if store is None:
        return False
    with store, store.reader() as conn:
        return ss.outdated(conn)


# -- the JSON contract (README: `newsreader stories --json`) ----------------------------------------------


def story_json(story: Story) -> dict[str, Any]:
    """The documented, stable JSON shape of a story."""
    from newsreader.formats import iso_utc

    return {
        "id": story.id,
        "title": story.title,
        "articles": [
            {
                "id": a.id,
                "url": a.url,
                "title": a.title,
                "source": a.source,
                "source_country": a.source_country,
                "published": iso_utc(a.published),
            }
            for a in story.articles
        ],
        "sources": list(story.sources),
        "source_countries": list(story.source_countries),
        "countries": list(story.countries),
        "regions": list(story.regions),
        "first_seen": iso_utc(story.first_seen),
        "last_seen": iso_utc(story.last_seen),
    }


def coverage_json(cover: Coverage) -> dict[str, Any]:
    """`stories ID --json` adds this as `coverage`."""
    return {
        "regions": [{"region": r, "articles": n} for r, n in cover.regions],
        "not_covered_by": list(cover.missing),
        "blindspot": cover.blindspot or None,
    }
