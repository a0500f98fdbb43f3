"""Tag filters within a date range: checked per article or as a set, the counts are the same.

Real SQLite files in tmp_path, articles written by Store.save; the oracle is a count over the articles
as written here (their dates and tags), never the store's SQL. Each test asserts which form
`probe_tags` chose, so both forms are exercised.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsreader.models import Article, CountryTag, Filters, RegionFilter
from newsreader.store import Store
from newsreader.store.db import probe_tags
from newsreader.store.trends import counts_by_period, counts_by_source_country

START = datetime(2026, 1, 1, tzinfo=UTC)
DAY = 86400.0
DAYS = 60
# (day, country codes, region names, outlet home country) for each article: Iran on every third day, Chad on
# the last two days only, the region "Sahel" named in the text on day 59
PLAN = [
    (day, (("IR",) if day % 3 == 0 else ()) + (("TD",) if day >= DAYS - 2 else ()), ("Sahel",) if day == 59 else (), cc)
    for day in range(DAYS)
    for cc in ("US", "FR")
]


def _article(i: int, day: int, codes: tuple[str, ...], regions: tuple[str, ...], cc: str) -> Article:
    when = START + timedelta(days=day, hours=6 + i % 12)
    return Article(
        id=f"{i:016x}",
        title=f"Report {i}",
        source=f"Outlet {cc}",
        published=when,
        fetched_at=when,
        origin=f"test-{cc}",
        url=f"https://example.org/{i}",
        source_country=cc,
        countries=tuple(CountryTag(c, primary=True) for c in codes),
        regions=regions,
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("probes") / "news.db"
    with Store.open(path) as opened:
        opened.save([_article(i, *row) for i, row in enumerate(PLAN)])
    return path


def _expected(codes: set[str], region: str, first_day: int) -> list[int]:
    per_day = Counter(day for day, cs, rs, _ in PLAN if day >= first_day and (codes & set(cs) or region in rs))
    return [per_day.get(first_day + i, 0) for i in range(DAYS - first_day)]


@pytest.mark.parametrize(
    ("first_day", "probes"),
    [(DAYS - 2, True), (0, False)],  # 4 articles in range, 4 Chad tags: probes; 120 in range, 4 tags: a set
)
def test_counts_per_day_are_the_same_whichever_form_the_filter_takes(store: Path, first_day: int, probes: bool) -> None:
    since = START + timedelta(days=first_day)
    filters = Filters(countries=("TD",), since=since, limit=0)
    with Store.open(store) as opened:
        with opened.reader() as conn:
            assert probe_tags(conn, filters) is probes
        got = counts_by_period(opened, filters, since.timestamp(), DAY, DAYS - first_day)
    assert list(got) == _expected({"TD"}, "", first_day)


def test_a_common_tag_in_a_short_range_is_probed_and_counted_right(store: Path) -> None:
    since = START + timedelta(days=DAYS - 7)
    region = RegionFilter("Sahel", frozenset({"TD", "ML", "NE"}))
    for filters, codes, name in (
        (Filters(countries=("IR",), since=since, limit=0), {"IR"}, ""),
        (Filters(regions=(region,), since=since, limit=0), {"TD", "ML", "NE"}, "Sahel"),
    ):
        with Store.open(store) as opened:
            with opened.reader() as conn:
                probed = probe_tags(conn, filters)
            got = counts_by_period(opened, filters, since.timestamp(), DAY, 7)
            by_country = counts_by_source_country(opened, filters)
        assert probed is (codes == {"IR"})  # 14 in range against 40 Iran tags; against 4 Chad + 2 Sahel: a set
        assert list(got) == _expected(codes, name, DAYS - 7)
        assert sum(n for _, n in by_country) == sum(_expected(codes, name, DAYS - 7))


def test_without_a_date_range_or_a_tag_filter_nothing_is_probed(store: Path) -> None:
    with Store.open(store) as opened, opened.reader() as conn:
        assert probe_tags(conn, Filters(countries=("IR",))) is False
        assert probe_tags(conn, Filters(since=START)) is False
