"""store/trends.py case by case, in-process, on a real SQLite file, with hand-worked expected values.

The fixture's articles are written out below with their times, outlets' home countries and tags; every
expected count is counted by hand from that list, not read back through the code under test.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsreader.models import Article, CountryTag, Filters
from newsreader.store import Store, trends

DAY = 86400.0
T0 = datetime(2026, 3, 1, tzinfo=UTC)  # midnight: the origin of the periods below


def _article(n: int, hours: float, **changes: object) -> Article:
    values: dict[str, object] = {
        "id": f"{n:016x}",
        "title": f"Article {n}",
        "source": f"Outlet {n}",
        "published": T0 + timedelta(hours=hours),
        "fetched_at": T0 + timedelta(days=10),
        "origin": f"feed-{n}",
        "body": f"Body {n}.",
    }
    values.update(changes)
    return Article(**values)  # type: ignore[arg-type]


HU = CountryTag("HU", mentions=3, in_lead=True, primary=True)
AT = CountryTag("AT", mentions=1)  # named, not primary: never counted
ARTICLES = [
    # n, hours after T0: period of a day = floor(hours / 24)
    _article(1, -1, source_country="HU", countries=(HU,)),  # before the origin: counted in no period
    _article(2, 1, source_country="HU", countries=(HU, AT), regions=("Eastern Europe", "Central Europe")),  # day 0
    _article(3, 23.5, source_country="AT", countries=(HU,), title="Zither news"),  # day 0
    _article(4, 24, source_country="", regions=("Central Europe",)),  # day 1 (exactly at its start)
    _article(5, 50, source_country="AT", title="Zither again"),  # day 2
    _article(6, 73, source_country="DE", dated=False),  # day 3, undated (dated when seen)
]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "store.db") as opened:
        opened.save(ARTICLES)
        yield opened


ALL = Filters(limit=0)


def test_counts_by_period_days_from_the_origin(store: Store) -> None:
    origin = T0.timestamp()
    assert trends.counts_by_period(store, ALL, origin, DAY, 4) == (2, 1, 1, 1)
    # fewer periods: the later articles fall outside and are dropped, not counted in the last one
    assert trends.counts_by_period(store, ALL, origin, DAY, 2) == (2, 1)
    # two-day periods: days 0-1 and 2-3
    assert trends.counts_by_period(store, ALL, origin, 2 * DAY, 2) == (3, 2)
    # an origin an hour earlier takes in article 1 (day 0: 0 h, 2 h) and moves article 3 (24.5 h) to day 1
    assert trends.counts_by_period(store, ALL, origin - 3600, DAY, 4) == (2, 2, 1, 1)
    assert trends.counts_by_period(store, ALL, origin, DAY, 1) == (2,)


def test_counts_by_period_with_filters_and_words(store: Store) -> None:
    origin = T0.timestamp()
    hu = Filters(limit=0, countries=("HU",), primary=True)
    assert trends.counts_by_period(store, hu, origin, DAY, 4) == (2, 0, 0, 0)
    assert trends.counts_by_period(store, ALL, origin, DAY, 4, match="zither") == (1, 0, 1, 0)
    assert trends.counts_by_period(store, hu, origin, DAY, 4, match="zither") == (1, 0, 0, 0)


def test_counts_by_source_country_most_first_and_none_last_among_equals(store: Store) -> None:
    # HU: 1, 2; AT: 3, 5; '': 4; DE: 6
    assert trends.counts_by_source_country(store, ALL) == [("AT", 2), ("HU", 2), ("DE", 1), ("", 1)]
    assert trends.counts_by_source_country(store, ALL, match="zither") == [("AT", 2)]
    since = Filters(limit=0, since=T0 + timedelta(hours=23))  # articles 3-6
    assert trends.counts_by_source_country(store, since) == [("AT", 2), ("DE", 1), ("", 1)]


def test_newest_is_the_newest_dated_article(store: Store) -> None:
    assert trends.newest(store) == T0 + timedelta(hours=50)  # article 6 (73 h) is undated


def test_newest_of_undated_articles_only_and_of_none(tmp_path: Path) -> None:
    with Store.open(tmp_path / "undated.db") as only_undated:
        only_undated.save([_article(7, 5, dated=False), _article(8, 9, dated=False)])
        assert trends.newest(only_undated) == T0 + timedelta(hours=9)
    with Store.open(tmp_path / "empty.db") as empty:
        assert trends.newest(empty) is None


def test_tag_counts_primary_countries_and_news_regions_only(store: Store) -> None:
    found, total = trends.tag_counts(store, ALL)
    # HU primary in 1, 2, 3; AT never primary; "Eastern Europe" is an M49 region (left out), "Central Europe" a news one
    assert (found, total) == ({("country", "HU"): 3, ("region", "Central Europe"): 2}, 6)
    later = Filters(limit=0, since=T0 + timedelta(hours=2))  # articles 3-6
    assert trends.tag_counts(store, later) == ({("country", "HU"): 1, ("region", "Central Europe"): 1}, 4)
