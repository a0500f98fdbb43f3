"""Filtered search returns the best-ranked passing matches whichever way the store finds them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsreader.core import quote_query
from newsreader.models import HIT_START, Article, CountryTag, Filters, RegionFilter
from newsreader.store import Store

NOW = datetime(2026, 2, 10, tzinfo=UTC)
RARE = {7, 150, 299}  # the only articles about Fiji


def article(n: int) -> Article:
    """Every article matches "Iran"; term count and length vary, so no two bm25 scores tie."""
    countries = [CountryTag("IR", primary=n % 3 == 0)]
    if n in RARE:
        countries.append(CountryTag("FJ", primary=True))
    return Article(
        id=f"{n:016x}",
        title=f"Report {n}",
        source="Other Wire" if n % 10 == 0 else "Test Wire",
        published=NOW - timedelta(hours=n),
        fetched_at=NOW,
        origin="test",
        body=" ".join(["Iran"] * (1 + n % 5) + ["filler"] * n),
        countries=tuple(countries),
        regions=("Middle East",),
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path: Path = tmp_path_factory.mktemp("search") / "s.db"
    with Store.open(path) as s:
        s.save([article(n) for n in range(300)])
    return Store.open(path)


def expected(store: Store, filters: Filters) -> list[str]:
    """The unfiltered ranking, cut down to the articles `show` lists for the same filters."""
    everything = [h.article.id for h in store.search(quote_query("Iran"), Filters(limit=10_000))]
    passing = {a.id for a in store.query(Filters(**{**_fields(filters), "limit": 10_000}))}
    return [i for i in everything if i in passing][: filters.limit]


def _fields(filters: Filters) -> dict[str, object]:
    return {name: getattr(filters, name) for name in Filters.__dataclass_fields__}


@pytest.mark.parametrize(
    "filters",
    [
        Filters(countries=("IR",)),  # common: found among the best matches
        Filters(countries=("IR",), primary=True),
        Filters(regions=(RegionFilter("Middle East", frozenset({"IR"})),)),
        Filters(sources=("Other Wire",)),
        Filters(since=NOW - timedelta(hours=40)),
        Filters(until=NOW - timedelta(hours=290)),  # rare among the best matches: the full query
        Filters(countries=("FJ",)),
        Filters(countries=("FJ",), limit=2),
        Filters(countries=("NZ",)),  # nothing passes
        Filters(countries=("IR",), limit=500),  # a limit beyond the window
    ],
)
def test_filtered_search_keeps_rank_order_and_limit(store: Store, filters: Filters) -> None:
    hits = store.search(quote_query("Iran"), filters)
    assert [h.article.id for h in hits] == expected(store, filters)
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)
    assert all(HIT_START in h.snippet for h in hits)
    assert all(h.article.countries for h in hits)  # rows come back whole


def test_rare_filter_finds_every_passing_match(store: Store) -> None:
    hits = store.search(quote_query("Iran"), Filters(countries=("FJ",)))
    assert sorted(int(h.article.id, 16) for h in hits) == sorted(RARE)
