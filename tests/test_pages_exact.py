"""store/pages.py's reading-state filters (--unread, --starred) and its tag shortcut, in process.

A real SQLite store in tmp_path, eight articles saved through Store.save, three of them read and three
starred through store/state.py. Every expected id list and count below is worked out by hand from the
fixture's table (in `_listing`'s docstring), never read back through the store's own queries. The last
test checks which tables a count reads (SQLite's authorizer, called as each statement is prepared): a
view filtered by tags alone is counted from the tag tables, without the articles table, as pages.py
promises.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsreader.models import Article, CountryTag, Filters, RegionFilter
from newsreader.store import Store, pages
from newsreader.store import state as st

NOW = datetime(2026, 2, 10, 12, 0, tzinfo=UTC)
EUROPE = RegionFilter("Europe", frozenset({"FR", "DE", "ES"}))
IBERIA = RegionFilter("Iberia", frozenset({"ES", "FR"}))
NOWHERE = RegionFilter("Nowhere", frozenset())  # no member countries: with --primary it matches nothing

UNREAD = Filters(unread=True, limit=0)
STARRED = Filters(starred=True, limit=0)
BOTH = Filters(unread=True, starred=True, limit=0)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "store.db") as opened:
        yield opened


def _listing(store: Store) -> list[Article]:
    """Eight articles, newest first by id 0..7 (one hour apart):

    id  source  countries (p: primary)  region named  read  starred
    0   Wire    FR p                                  yes
    1   Wire    DE
    2   Wire    FR                                    yes   yes
    3   wire                            Europe
    4   wire    ES p
    5   Other   FR, DE p                                    yes
    6   Other                                         yes
    7   Other   FR p                                        yes

    Unread: 1, 3, 4, 5, 7. Starred: 2, 5, 7. Both: 5, 7.
    """
    tags = {
        0: (CountryTag("FR", primary=True),),
        1: (CountryTag("DE"),),
        2: (CountryTag("FR"),),
        4: (CountryTag("ES", primary=True),),
        5: (CountryTag("FR"), CountryTag("DE", primary=True)),
        7: (CountryTag("FR", primary=True),),
    }
    sources = ["Wire", "Wire", "Wire", "wire", "wire", "Other", "Other", "Other"]
    articles = [
        Article(
            id=f"{n:016x}",
            title=f"Article {n}",
            source=sources[n],
            published=NOW - timedelta(hours=n),
            fetched_at=NOW,
            origin="feed-a",
            body=f"Body {n}.",
            countries=tags.get(n, ()),
            regions=("Europe",) if n == 3 else (),
        )
        for n in range(8)
    ]
    store.save(articles)
    st.set_read(store, [f"{n:016x}" for n in (0, 2, 6)], True)
    st.set_starred(store, [f"{n:016x}" for n in (2, 5, 7)], True)
    return [store.get(a.id) for a in articles]


def _ids(found: list[Article]) -> list[int]:
    return [int(a.id, 16) for a in found]


def test_pages_after_and_before_keep_the_state_filters(store: Store) -> None:
    arts = _listing(store)
    assert _ids(pages.after(store, UNREAD, None, 10).articles) == [1, 3, 4, 5, 7]
    assert _ids(pages.after(store, UNREAD, pages.key_of(arts[3]), 2).articles) == [4, 5]
    assert _ids(pages.after(store, UNREAD, pages.key_of(arts[2]), 1).articles) == [3]  # from a read row
    assert _ids(pages.before(store, UNREAD, None, 2).articles) == [5, 7]
    assert _ids(pages.before(store, UNREAD, pages.key_of(arts[4]), 5).articles) == [1, 3]
    assert _ids(pages.after(store, STARRED, None, 10).articles) == [2, 5, 7]
    assert _ids(pages.before(store, STARRED, None, 1).articles) == [7]
    assert _ids(pages.after(store, BOTH, None, 10).articles) == [5, 7]
    assert _ids(pages.before(store, BOTH, pages.key_of(arts[7]), 10).articles) == [5]
    fr_unread = Filters(countries=("FR",), unread=True, limit=0)
    assert _ids(pages.after(store, fr_unread, None, 10).articles) == [5, 7]
    wire_starred = Filters(sources=("Wire",), starred=True, limit=0)
    assert _ids(pages.after(store, wire_starred, None, 10).articles) == [2]
    assert _ids(pages.after(store, UNREAD, None, 10, match="other").articles) == [5, 7]


def test_pages_at_from_either_end_with_state_filters(store: Store) -> None:
    _listing(store)
    assert _ids(pages.at(store, UNREAD, 1, 2).articles) == [3, 4]
    assert _ids(pages.at(store, UNREAD, 1, 2, total=5).articles) == [3, 4]  # first half: from the top
    assert _ids(pages.at(store, UNREAD, 3, 2, total=5).articles) == [5, 7]  # second half: from the end
    assert _ids(pages.at(store, UNREAD, 4, 3, total=5).articles) == [7]
    assert _ids(pages.at(store, UNREAD, 2, 2, total=5).articles) == [4, 5]
    assert _ids(pages.at(store, STARRED, 2, 1, total=3).articles) == [7]
    assert _ids(pages.at(store, STARRED, 0, 2, total=3).articles) == [2, 5]
    assert _ids(pages.at(store, BOTH, 1, 5, total=2).articles) == [7]
    assert _ids(pages.at(store, Filters(countries=("FR",), starred=True), 2, 1, total=3).articles) == [7]
    assert _ids(pages.page(store, UNREAD, 0, 3)) == [1, 3, 4]
    assert _ids(pages.page(store, STARRED, 1, 5)) == [5, 7]


def test_neighbour_and_position_with_state_filters(store: Store) -> None:
    arts = _listing(store)

    def next_id(filters: Filters, article: Article, forward: bool = True) -> int | None:
        found = pages.neighbour(store, filters, article, forward=forward)
        return None if found is None else int(found.id, 16)

    assert next_id(UNREAD, arts[0]) == 1  # the row itself is read: the next unread one
    assert next_id(UNREAD, arts[1]) == 3
    assert next_id(UNREAD, arts[5], forward=False) == 4
    assert next_id(UNREAD, arts[7]) is None
    assert next_id(STARRED, arts[2]) == 5
    assert next_id(STARRED, arts[6]) == 7
    assert next_id(BOTH, arts[0]) == 5
    assert pages.position(store, UNREAD, arts[5]) == 3  # 1, 3, 4 before it
    assert pages.position(store, UNREAD, arts[0]) == 0
    assert pages.position(store, UNREAD, arts[6]) == 4  # a read row: where it would stand
    assert pages.position(store, STARRED, arts[7]) == 2
    assert pages.position(store, BOTH, arts[7]) == 1
    assert pages.position(store, Filters(countries=("FR",), unread=True), arts[7]) == 1
    assert pages.position(store, Filters(sources=("wire",), unread=True), arts[4]) == 2  # 1, 3
    assert pages.position(store, UNREAD, arts[7], match="other") == 1


def test_count_with_state_filters_by_every_path(store: Store) -> None:
    _listing(store)
    assert pages.count(store, UNREAD) == 5
    assert pages.count(store, STARRED) == 3
    assert pages.count(store, BOTH) == 2
    assert pages.count(store, Filters(sources=("Other",), unread=True)) == 2  # 5, 7
    assert pages.count(store, Filters(sources=("Wire",), starred=True)) == 1  # 2
    assert pages.count(store, Filters(countries=("FR",), unread=True)) == 2  # 5, 7
    assert pages.count(store, Filters(countries=("FR",), starred=True)) == 3  # 2, 5, 7
    assert pages.count(store, Filters(countries=("DE",), unread=True, starred=True)) == 1  # 5
    assert pages.count(store, Filters(regions=(EUROPE,), unread=True)) == 5  # 1, 3 (named), 4, 5, 7
    assert pages.count(store, Filters(regions=(EUROPE,), primary=True, starred=True)) == 2  # 5, 7
    assert pages.count(store, Filters(countries=("FR",), regions=(IBERIA,), unread=True)) == 2  # 5, 7
    assert pages.count(store, Filters(countries=("FR",), sources=("Other",), unread=True)) == 2
    assert pages.count(store, UNREAD, match="other") == 2
    assert pages.count(store, Filters(countries=("FR",), starred=True), match="wire") == 1  # 2


@pytest.mark.parametrize("state", ["unread", "starred"])
def test_a_region_without_members_with_primary_and_a_state_filter_counts_nothing(store: Store, state: str) -> None:
    _listing(store)
    assert pages.count(store, Filters(regions=(NOWHERE,), primary=True)) == 0
    assert pages.count(store, Filters(regions=(NOWHERE,), primary=True, **{state: True})) == 0  # type: ignore[arg-type]


def test_counts_per_source_country_and_region_with_state_filters(store: Store) -> None:
    _listing(store)
    assert pages.source_counts(store, UNREAD) == {"Wire": 3, "Other": 2}  # 1 (Wire), 3, 4 (wire)
    assert pages.source_counts(store, STARRED) == {"Wire": 1, "Other": 2}
    assert pages.source_counts(store, Filters(countries=("FR",), unread=True)) == {"Other": 2}
    assert pages.country_counts(store, Filters()) == {"FR": 4, "DE": 2, "ES": 1}
    assert pages.country_counts(store, UNREAD) == {"FR": 2, "DE": 2, "ES": 1}
    assert pages.country_counts(store, STARRED) == {"FR": 3, "DE": 1}
    assert pages.country_counts(store, BOTH) == {"FR": 2, "DE": 1}
    assert pages.country_counts(store, Filters(sources=("wire",), unread=True)) == {"DE": 1, "ES": 1}
    assert pages.country_counts(store, Filters(primary=True, unread=True)) == {"ES": 1, "DE": 1, "FR": 1}
    # A filter with SQL but no parameters (a region without members, primary only): nothing passes.
    assert pages.country_counts(store, Filters(regions=(NOWHERE,), primary=True)) == {}
    assert pages.country_counts(store, Filters(regions=(NOWHERE,), primary=True, starred=True)) == {}
    assert pages.named_regions(store, UNREAD) == {"europe"}
    assert pages.named_regions(store, STARRED) == set()
    assert pages.named_regions(store, Filters(regions=(NOWHERE,), primary=True)) == set()
    assert pages.named_regions(store, Filters(sources=("wire",), starred=True)) == set()


def _tables_read(store: Store, call: Callable[[], object]) -> tuple[object, set[str]]:
    """What `call()` returns and the article tables its statements read (SQLite's authorizer)."""
    read: set[str] = set()

    def authorize(action: int, table: str | None, *_: object) -> int:
        if action == sqlite3.SQLITE_READ and table and table.startswith("article"):
            read.add(table)
        return sqlite3.SQLITE_OK

    with store.reader() as conn:
        conn.set_authorizer(authorize)
        try:
            result = call()
        finally:
            conn.set_authorizer(None)
    return result, read


def test_a_tag_view_is_counted_from_the_tag_tables_alone(store: Store) -> None:
    _listing(store)
    fr = Filters(countries=("FR",))
    assert _tables_read(store, lambda: pages.count(store, fr)) == (4, {"article_countries"})
    europe = Filters(regions=(EUROPE,))  # 0, 1, 2, 3 (named), 4, 5, 7
    assert _tables_read(store, lambda: pages.count(store, europe)) == (7, {"article_countries", "article_regions"})
    counts = _tables_read(store, lambda: pages.country_counts(store, Filters()))
    assert counts == ({"FR": 4, "DE": 2, "ES": 1}, {"article_countries"})
    assert _tables_read(store, lambda: pages.named_regions(store, Filters())) == ({"europe"}, {"article_regions"})
    # Another filter beside the tags: the general count, which reads the articles.
    wire = Filters(countries=("FR",), sources=("Wire",))
    assert _tables_read(store, lambda: pages.count(store, wire)) == (2, {"article_countries", "articles"})
