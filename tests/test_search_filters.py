"""Filtered search returns the best-ranked passing matches whichever way the store finds them."""

from __future__ import annotations

from collections.abc import Callable
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


def expected(store: Store, filters: Filters, passes: Callable[[int], bool]) -> list[str]:
    """The unfiltered ranking, cut down to the articles that pass, as decided from the fixture data.

    Which articles pass is worked out here in plain Python from how article(n) is built, never with the
    store's own filters; the order comes from the store's unfiltered ranking (filtering must not reorder)."""
    everything = [h.article.id for h in store.search(quote_query("Iran"), Filters(limit=10_000))]
    assert len(everything) == 300
    return [i for i in everything if passes(int(i, 16))][: filters.limit]


# Each filter, and which article numbers n pass it (from article(n) above: IR primary when n % 3 == 0,
# Other Wire when n % 10 == 0, published n hours before NOW, Fiji for RARE only).
CASES: list[tuple[Filters, Callable[[int], bool]]] = [
    (Filters(countries=("IR",)), lambda n: True),  # common: found among the best matches
    (Filters(countries=("IR",), primary=True), lambda n: n % 3 == 0),
    (Filters(regions=(RegionFilter("Middle East", frozenset({"IR"})),)), lambda n: True),
    (Filters(sources=("Other Wire",)), lambda n: n % 10 == 0),
    (Filters(since=NOW - timedelta(hours=40)), lambda n: n <= 40),
    (Filters(until=NOW - timedelta(hours=290)), lambda n: n >= 290),  # rare among the best matches
    (Filters(countries=("FJ",)), lambda n: n in RARE),
    (Filters(countries=("FJ",), limit=2), lambda n: n in RARE),
    (Filters(countries=("NZ",)), lambda n: False),  # nothing passes
    (Filters(countries=("IR",), limit=500), lambda n: True),  # a limit beyond the window
]


@pytest.mark.parametrize(("filters", "passes"), CASES)
def test_filtered_search_keeps_rank_order_and_limit(
    store: Store, filters: Filters, passes: Callable[[int], bool]
) -> None:
    hits = store.search(quote_query("Iran"), filters)
    assert [h.article.id for h in hits] == expected(store, filters, passes)
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)
    assert all(HIT_START in h.snippet for h in hits)
    assert all(h.article.countries for h in hits)  # rows come back whole


def test_rare_filter_finds_every_passing_match(store: Store) -> None:
    hits = store.search(quote_query("Iran"), Filters(countries=("FJ",)))
    assert sorted(int(h.article.id, 16) for h in hits) == sorted(RARE)
