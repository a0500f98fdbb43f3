"""Trends: how much of the news is about a country, a region or some words, per day or week, over time.

Every count comes with its **share** of all stored articles in the same period (and passing the same
outlet and language filters), so that adding feeds does not look like more news about anything, as
GDELT normalises its timelines. With no series asked for, `rising` answers "what is the world talking
about now": the countries and regions whose share rose most in the last 48 hours against the 14 days
before, each with its best-covered stories. Numbers only; the terminal chart is drawn by the CLI.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from newsreader.errors import UsageError
from newsreader.models import Filters, RegionFilter
from newsreader.store import Store

BY = ("day", "week", "source-country")
DAY = 86400.0
RECENT = timedelta(hours=48)
BEFORE = timedelta(days=14)
MIN_RECENT = 2  # articles in the last 48 hours before a country or region can be "rising"
RISING = 10  # countries and regions listed by `trends` alone
TOP_STORIES = 3


@dataclass(frozen=True, slots=True)
class Series:
    """One line of a chart: a country, a region or a search, with how it is named."""

    kind: str  # "country", "region" or "words"
    key: str  # ISO code, region name or the query as typed
    label: str
    filters: Filters  # what the series counts (on top of the shared filters)
    match: str = ""  # the FTS5 expression of a "words" series


@dataclass(frozen=True, slots=True)
class Timeline:
    """Counts per period: `periods` are the periods' start times; `totals` all articles of each period;
    `counts[i][j]` the articles of series i in period j."""

    by: str
    series: tuple[Series, ...]
    periods: tuple[datetime, ...]
    totals: tuple[int, ...]
    counts: tuple[tuple[int, ...], ...]

    def share(self, i: int, j: int) -> float:
        return self.counts[i][j] / self.totals[j] if self.totals[j] else 0.0


@dataclass(frozen=True, slots=True)
class Rising:
    """A country or region whose share of the news rose: recent and earlier counts and shares, stories."""

    kind: str
    key: str
    label: str
    recent: int
    recent_share: float
    before: int
    before_share: float
    stories: tuple[Any, ...] = field(default=())  # core.stories.Story

    @property
    def rise(self) -> float:
        return self.recent_share - self.before_share


def series_of(
    countries: Sequence[str], regions: Sequence[RegionFilter], words: str, languages: Sequence[str]
) -> tuple[Series, ...]:
    """One series per country, per region and for the words (countries resolved to codes already)."""
    from newsreader.names import country_name

    found = [Series("country", c, country_name(c), Filters(countries=(c,))) for c in countries]
    found += [Series("region", r.name, r.name, Filters(regions=(r,))) for r in regions]
    if words.strip():
        from newsreader.lang.query import compile_plain

        compiled = compile_plain(words, languages or ("", "en"))
        found.append(Series("words", words.strip(), words.strip(), Filters(), compiled.match))
    return tuple(found)


def _start(when: datetime, by: str) -> float:
    """The start of the UTC day (or ISO week) named by the local date of `when`: `--since 2026-01-14` is the
    period of 14 January wherever the user is, and periods are whole UTC days, the same for everyone."""
    local = when.astimezone()
    day = datetime(local.year, local.month, local.day, tzinfo=UTC)
    if by == "week":
        day -= timedelta(days=day.weekday())
    return day.timestamp()


def timeline(db_path: Path, base: Filters, series: Sequence[Series], by: str = "day") -> Timeline:
    """Counts and totals per day or week between base.since (default: 30 days ago) and base.until (now)."""
    if by not in ("day", "week"):
        raise UsageError(f"--by must be one of {', '.join(BY)}; got {by!r}")
    if not series:
        raise UsageError("a timeline needs a series: give --country, --region or words to count")
    until = base.until or datetime.now(UTC)
    since = base.since or until - timedelta(days=30 if by == "day" else 182)
    width = DAY * (7 if by == "week" else 1)
    origin = _start(since, by)
    count = int((_start(until, by) - origin) // width) + 1
    if count < 1:
        raise UsageError("--since is after --until")
    periods = tuple(datetime.fromtimestamp(origin + i * width, UTC) for i in range(count))
    end = datetime.fromtimestamp(origin + count * width - 1e-3, UTC)
    window = replace(base, since=periods[0], until=end, limit=0)
    store = Store.open_existing(db_path)
    if store is None:
        return Timeline(by, tuple(series), periods, (0,) * count, tuple((0,) * count for _ in series))
    from newsreader.store.trends import counts_by_period

    with store:
        totals = counts_by_period(store, window, origin, width, count)
        counts = tuple(
            counts_by_period(store, _narrowed(window, s), origin, width, count, _match(store, s, base)) for s in series
        )
    return Timeline(by, tuple(series), periods, totals, counts)


def _match(store: Store, s: Series, base: Filters) -> str:
    """A words series' FTS5 expression in the store's languages (as `search` makes it; only in --lang's
    languages when given), so that a chart counts the articles `search` finds; '' for other series."""
    if s.kind != "words":
        return s.match
    from newsreader.lang.query import compile_plain

    return compile_plain(s.key, base.languages or tuple(store.languages())).match


def _narrowed(base: Filters, s: Series) -> Filters:
    return replace(base, countries=s.filters.countries, regions=s.filters.regions, primary=base.primary)


def by_source_country(
    db_path: Path, base: Filters, series: Sequence[Series]
) -> list[tuple[Series, list[tuple[str, int]]]]:
    """Who is talking about each series: its articles per outlet home country, most first ('' unknown)."""
    if not series:
        raise UsageError("--by source-country needs a series: give --country, --region or words to count")
    store = Store.open_existing(db_path)
    if store is None:
        return [(s, []) for s in series]
    from newsreader.store.trends import counts_by_source_country

    window = replace(base, limit=0)
    with store:
        return [(s, counts_by_source_country(store, _narrowed(window, s), _match(store, s, base))) for s in series]


@dataclass(frozen=True, slots=True)
class RisingReport:
    """What rose, and the two windows it was measured on, so that "nothing rose" can be told apart from
    "too little news to tell": `end` is the "now" used (None for an empty store), the totals are all articles
    of the 48 hours and of the 14 days before them."""

    rows: tuple[Rising, ...]
    end: datetime | None = None
    recent_total: int = 0
    before_total: int = 0


def rising(db_path: Path, base: Filters, *, now: datetime | None = None, limit: int = RISING) -> list[Rising]:
    """The countries and regions with the largest rise in share: the last 48 hours against the 14 days before."""
    return list(rising_report(db_path, base, now=now, limit=limit).rows)


def rising_report(db_path: Path, base: Filters, *, now: datetime | None = None, limit: int = RISING) -> RisingReport:
    """`rising` with the windows it was measured on.

    "Now" is the current time, or the newest stored article when that is older (an archive's "now")."""
    store = Store.open_existing(db_path)
    if store is None:
        return RisingReport(())
    from newsreader.names import country_name
    from newsreader.store.trends import newest, tag_counts

    with store:
        latest = newest(store)
        if latest is None:
            return RisingReport(())
        end = min(now or datetime.now(UTC), latest)
        recent = replace(base, since=end - RECENT, until=end, limit=0)
        before = replace(base, since=end - RECENT - BEFORE, until=end - RECENT, limit=0)
        recent_counts, recent_total = tag_counts(store, recent)
        before_counts, before_total = tag_counts(store, before)
    rows: list[Rising] = []
    for (kind, key), n in recent_counts.items():
        if n < MIN_RECENT:
            continue
        earlier = before_counts.get((kind, key), 0)
        label = country_name(key) if kind == "country" else key
        rows.append(
            Rising(kind, key, label, n, n / recent_total, earlier, earlier / before_total if before_total else 0.0)
        )
    rows.sort(key=lambda r: (-r.rise, -r.recent, r.key))
    top = [r for r in rows if r.rise > 0][:limit]
    found = tuple(replace(r, stories=tuple(_top_stories(db_path, recent, r))) for r in top)
    return RisingReport(found, end, recent_total, before_total)


def nothing_rose(report: RisingReport) -> str:
    """Why the rising list is empty, in one line: too few articles in the 48 hours, none of them sharing a
    country or region, or a real "nothing rose" against the 14 days before; each with the window's end."""
    if report.end is None:
        return "No articles to measure."
    end = report.end.strftime("%Y-%m-%d %H:%M UTC")
    recent = _articles(report.recent_total)
    if report.recent_total < MIN_RECENT:
        return (
            f"Only {recent} in the 48 hours to {end} (the newest stored), too few to tell what is rising; "
            "chart a series over a longer time instead, e.g. `newsreader trends --country IR --since 30d`."
        )
    if not report.before_total:
        return (
            f"No country or region is named in {MIN_RECENT} or more of the {recent} of the 48 hours to {end}, "
            "and the 14 days before hold no articles to compare with."
        )
    return (
        f"No country or region rose in the 48 hours to {end} ({recent}) against the 14 days before "
        f"({_articles(report.before_total)})."
    )


def _articles(n: int) -> str:
    return f"{n:,} article" + ("" if n == 1 else "s")


def _top_stories(db_path: Path, recent: Filters, row: Rising) -> list[Any]:
    """The best-covered stories of the last 48 hours that are about the country or region (theirs, not
    merely one article's)."""
    from newsreader.core.stories import list_stories
    from newsreader.names import resolve_region

    if row.kind == "country":
        narrowed = replace(recent, countries=(row.key,), primary=True, limit=5 * TOP_STORIES)
    else:
        narrowed = replace(recent, regions=(resolve_region(row.key),), limit=5 * TOP_STORIES)
    found = list_stories(db_path, narrowed, min_articles=2)
    own = [s for s in found if row.key in (s.countries if row.kind == "country" else s.regions)]
    return own[:TOP_STORIES]


# -- JSON (README: `newsreader trends --json`) ----------------------------------------------------------------


def _series_json(s: Series) -> dict[str, str]:
    return {"kind": s.kind, "key": s.key, "name": s.label}


def timeline_json(t: Timeline) -> dict[str, Any]:
    from newsreader.formats import iso_utc

    return {
        "by": t.by,
        "series": [_series_json(s) for s in t.series],
        "periods": [
            {
                "start": iso_utc(start),
                "total": t.totals[j],
                "counts": [t.counts[i][j] for i in range(len(t.series))],
                "shares": [round(t.share(i, j), 6) for i in range(len(t.series))],
            }
            for j, start in enumerate(t.periods)
        ],
    }


def source_countries_json(rows: Sequence[tuple[Series, list[tuple[str, int]]]]) -> dict[str, Any]:
    out = []
    for s, counts in rows:
        total = sum(n for _, n in counts)
        out.append(
            {
                **_series_json(s),
                "articles": total,
                "source_countries": [
                    {"source_country": c, "articles": n, "share": round(n / total, 6) if total else 0.0}
                    for c, n in counts
                ],
            }
        )
    return {"by": "source-country", "series": out}


def rising_json(report: RisingReport) -> dict[str, Any]:
    from newsreader.core.stories import story_json
    from newsreader.formats import iso_utc

    rows = report.rows
    return {
        "now": iso_utc(report.end, "seconds") if report.end is not None else None,
        "recent_articles": report.recent_total,
        "before_articles": report.before_total,
        "rising": [
            {
                "kind": r.kind,
                "key": r.key,
                "name": r.label,
                "recent": {"articles": r.recent, "share": round(r.recent_share, 6)},
                "before": {"articles": r.before, "share": round(r.before_share, 6)},
                "rise": round(r.rise, 6),
                "stories": [story_json(s) for s in r.stories],
            }
            for r in rows
        ],
    }
