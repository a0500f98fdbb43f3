"""The data every layer shares: Article, its country tags, and the filters used to query them."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, fields
from datetime import datetime
from itertools import repeat
from operator import attrgetter


@dataclass(frozen=True, slots=True)
class CountryTag:
    """One country an article concerns, with the evidence for it."""

    code: str  # ISO 3166-1 alpha-2 (XK for Kosovo by convention)
    mentions: int = 1
    in_lead: bool = False  # named in the title or the first paragraph
    primary: bool = False  # the story is about it, not merely mentioning it
    # Given by the user (a file's Country: header), not found by the tagger; stored since schema v3.
    # Left out of == so that rows stored before v3 (which read back as not declared) compare equal.
    declared: bool = field(default=False, compare=False)


@dataclass(frozen=True, slots=True)
class Article:
    """One news item, whatever its origin (local file, feed file, feed URL)."""

    id: str
    title: str
    source: str
    published: datetime  # timezone-aware, UTC
    fetched_at: datetime  # timezone-aware, UTC
    origin: str  # the path or URL it was loaded from, as the user gave it
    author: str = ""
    url: str = ""
    summary: str = ""
    body: str = ""
    countries: tuple[CountryTag, ...] = ()
    regions: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()  # feed categories, kept as given
    source_country: str = ""  # the outlet's home country, a source fact, not a subject tag
    # False when the feed gave no date we could read (or one in the future): `published` is then the
    # time the entry was first seen. Stored since schema v4.
    dated: bool = True
    date_clamped: bool = False  # the feed's date lay more than a day after the fetch
    # ISO 639-1, declared by the source or detected when stored; '' unknown. Not part of content_hash():
    # a language found for an unchanged article is no change to it.
    language: str = ""
    # (origin, source) of every other feed or file that carried the same link, in the order they came;
    # filled in by the store (schema v4), never part of the content hash.
    carriers: tuple[tuple[str, str], ...] = ()

    @property
    def origins(self) -> tuple[str, ...]:
        """Every path or URL that carried the article, the first (`origin`) first."""
        return (self.origin, *(o for o, _ in self.carriers if o != self.origin))

    @property
    def sources(self) -> tuple[str, ...]:
        """Every outlet name that carried the article, the first (`source`) first, each once."""
        return tuple(dict.fromkeys((self.source, *(s for _, s in self.carriers if s))))

    # The reader's state (schema v7), filled in by the store when reading; not content, so not compared.
    read: bool = field(default=False, compare=False)
    starred: bool = field(default=False, compare=False)

    @property
    def country_codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.countries)

    @property
    def primary_codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.countries if c.primary)

    def with_tags(self, countries: tuple[CountryTag, ...], regions: tuple[str, ...]) -> Article:
        # A copy of the slots, not dataclasses.replace (which re-runs the frozen __init__): half the
        # cost, and the tagger makes one per article it tags.
        # All slots read by one attrgetter and written by map() over object.__setattr__: both loops
        # run in C.
        new = object.__new__(Article)
        values = list(_GET_SLOTS(self))
        values[_COUNTRIES_AT] = countries
        values[_REGIONS_AT] = regions
        deque(map(object.__setattr__, repeat(new, len(values)), _ARTICLE_SLOTS, values), maxlen=0)
        return new

    def content_hash(self) -> str:
        """Changes whenever anything a reader would see changes; drives new/updated/unchanged."""
        parts: tuple[str, ...] = (
            self.title,
            self.source,
            self.author,
            self.url,
            self.summary,
            self.body,
            self.published.isoformat(),
            ",".join(c.code for c in self.countries),
            ",".join(self.regions),
            ",".join(self.tags),
            self.source_country,
        )
        if not self.dated:  # only then, so that the hashes of rows stored before v4 stay as they were
            parts = (*parts, "future" if self.date_clamped else "undated")
        import hashlib  # here, not at the top: read-only commands never hash and start faster without it

        return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


_ARTICLE_SLOTS = tuple(f.name for f in fields(Article))
_GET_SLOTS = attrgetter(*_ARTICLE_SLOTS)
_COUNTRIES_AT = _ARTICLE_SLOTS.index("countries")
_REGIONS_AT = _ARTICLE_SLOTS.index("regions")


def make_id(*keys: str) -> str:
    """A stable 16-hex-digit id from the keys that identify an item across re-fetches."""
    joined = "\x1f".join(keys).encode("utf-8", "surrogatepass")
    import hashlib

    return hashlib.sha1(joined).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class RegionFilter:
    """A region as a filter: its name (as tagged in text) and the countries it covers."""

    name: str
    codes: frozenset[str]


@dataclass(frozen=True, slots=True)
class Filters:
    """What `show` and `search` narrow by; names are already resolved to codes by the core."""

    sources: tuple[str, ...] = ()  # case-insensitive outlet names
    countries: tuple[str, ...] = ()  # ISO codes; any of them matches
    regions: tuple[RegionFilter, ...] = ()  # any of them matches
    primary: bool = False  # country/region filters look only at primary countries
    source_countries: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 20  # 0: no limit
    offset: int = 0  # skip this many of the matches first (paging)
    languages: tuple[str, ...] = ()  # ISO 639-1 codes; any of them matches
    unread: bool = False  # only articles not read yet
    starred: bool = False  # only starred articles
    since_run: int | None = None  # only articles first stored by this fetch run or a later one (`--new`)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A search result: the article and a snippet whose matched terms sit between HIT_START/HIT_END."""

    article: Article
    snippet: str
    rank: float


HIT_START = "\ue000"  # private-use characters: never in sanitised text, easy to split on
HIT_END = "\ue001"


@dataclass(slots=True)
class SaveResult:
    """What one batch write did."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    ids: list[str] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)  # the ids stored for the first time


@dataclass(slots=True)
class SourceReport:
    """How one source (file, folder, feed) went; `error` set means nothing of it was stored."""

    label: str
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    not_modified: bool = False
    skipped: bool = False  # e.g. waiting for a Retry-After
    error: str = ""
    warnings: list[str] = field(default_factory=list)
    counted: bool = True  # False for rows that only carry notes (an OPML list): not a source of articles
    new_ids: list[str] = field(default_factory=list)  # articles stored for the first time (`fetch --json`)

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass(slots=True)
class FetchReport:
    sources: list[SourceReport] = field(default_factory=list)
    run: int = 0  # the fetch run this was recorded as (see `show --new`); 0 when nothing was recorded

    @property
    def failed(self) -> list[SourceReport]:
        return [s for s in self.sources if not s.ok]

    @property
    def exit_code(self) -> int:
        """0 all fine, 3 some sources failed (the rest stored), 1 every source failed."""
        counted = [s for s in self.sources if s.counted]
        failed = [s for s in counted if not s.ok]
        if not failed:
            return 0
        return 1 if len(failed) == len(counted) else 3


@dataclass(slots=True)
class RetagReport:
    """What `retag` did: articles looked at and how many of them got different tags."""

    total: int = 0
    changed: int = 0


@dataclass(frozen=True, slots=True)
class TagCount:
    """One row of the `regions` overview: a region or country and its article count."""

    key: str  # region name or ISO code
    label: str  # display name
    count: int
