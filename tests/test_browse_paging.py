"""The browser's pages are read by key: whatever the order pages are asked in, each is exactly its slice."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsreader.core.browse import Pager, View
from newsreader.models import Article, CountryTag, Filters, RegionFilter
from newsreader.store import Store

START = datetime(2026, 3, 1, tzinfo=UTC)
COUNT = 47
PAGE = 5


def _fixture(i: int) -> Article:
    # Every third pair of articles shares its date: ties must be ordered by id on every page boundary.
    when = START + timedelta(hours=i - (i % 3 == 1))
    return Article(
        id=f"{(i * 7919) % 65536:016x}",
        title=f"Story {i}",
        source="Wire",
        published=when,
        fetched_at=START,
        origin="test",
        body="Text.",
        countries=(CountryTag("IR" if i % 2 else "FR", primary=True),),
    )


ARTICLES = [_fixture(i) for i in range(COUNT)]


def expected(keep: set[str] | None = None) -> list[str]:
    """The listing's order computed from the fixture: newest first, ties by id."""
    chosen = [a for a in ARTICLES if keep is None or a.id in keep]
    return [a.id for a in sorted(chosen, key=lambda a: (-a.published.timestamp(), a.id))]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("paging") / "store.db"
    with Store.open(path) as store:
        store.save(ARTICLES)
    return path


ORDERS = {
    "down": lambda n: list(range(n)),
    "up from the end": lambda n: list(reversed(range(n))),
    "random jumps": lambda n: random.Random(3).sample(range(n), n),
    "end then middle": lambda n: [n - 1, n // 2, n // 2 + 1, n // 2 - 1, 0, n - 2],
}
IRAN = {a.id for a in ARTICLES if a.country_codes == ("IR",)}
VIEWS = {
    "all": (View("all", "All", Filters()), expected()),
    "country": (View("c", "Iran", Filters(countries=("IR",))), expected(IRAN)),
    "region": (
        View("r", "Middle East", Filters(regions=(RegionFilter("Middle East", frozenset({"IR"})),))),
        expected(IRAN),
    ),
}


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("view_name", VIEWS)
def test_every_page_is_its_slice_in_any_order_of_reading(db: Path, view_name: str, order: str) -> None:
    view, want = VIEWS[view_name]
    pager = Pager(db)
    try:
        assert pager.count(view) == len(want)
        pages = -(-len(want) // PAGE)
        for number in ORDERS[order](pages):
            got = [a.id for a in pager.page(view, number * PAGE, PAGE)]
            assert got == want[number * PAGE : (number + 1) * PAGE], number
    finally:
        pager.close()


def test_a_count_starts_the_view_afresh_after_rows_left_it(db: Path) -> None:
    view = View("unread", "Unread", Filters(unread=True))
    pager = Pager(db)
    try:
        assert pager.count(view) == COUNT
        first = [a.id for a in pager.page(view, 0, PAGE)]
        pager.page(view, PAGE, PAGE)
        from newsreader.store import state as st

        with Store.open(db) as store:
            st.set_read(store, first, True)
        try:
            assert pager.count(view) == COUNT - PAGE
            assert [a.id for a in pager.page(view, 0, PAGE)] == expected()[PAGE : 2 * PAGE]
            assert [a.id for a in pager.page(view, PAGE, PAGE)] == expected()[2 * PAGE : 3 * PAGE]
        finally:
            with Store.open(db) as store:
                st.set_read(store, first, False)
    finally:
        pager.close()


def test_view_counts_per_group_match_counting_each_view(db: Path) -> None:
    from newsreader.config import Config
    from newsreader.core import browse

    views = browse.list_views(db, Config(), Filters())
    keys = {v.key for v in views}
    assert {"country:IR", "country:FR", "region:Middle East", "region:Europe", "source:wire"} <= keys
    counts = browse.view_counts(db, views, unread=False)
    iran, france = len(IRAN), COUNT - len(IRAN)
    assert (counts["all"], counts["country:IR"], counts["country:FR"]) == (COUNT, iran, france)
    assert (counts["region:Middle East"], counts["region:Europe"], counts["source:wire"]) == (iran, france, COUNT)
    primary = browse.view_counts(db, [replace(v, filters=replace(v.filters, primary=True)) for v in views])
    assert primary["country:IR"] == iran and primary["region:Middle East"] == iran


def test_a_store_of_the_previous_schema_gets_the_listing_index_and_lists_the_same(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "previous.db"
    with Store.open(path) as store:
        store.save(ARTICLES[:9])
    from tests.helpers import text_as_v15

    conn = sqlite3.connect(path, isolation_level=None)
    text_as_v15(conn)  # v16: the summary and body columns back
    conn.execute("DROP INDEX articles_by_published_id")
    conn.execute("CREATE INDEX articles_by_published ON articles (published_ts DESC)")
    conn.execute("PRAGMA user_version = 10")  # v10: the step before the index
    conn.close()
    with Store.open(path) as store:
        assert [a.id for a in store.query(Filters())] == expected({a.id for a in ARTICLES[:9]})
    conn = sqlite3.connect(path)
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    conn.close()
    assert "articles_by_published_id" in indexes and "articles_by_published" not in indexes


def test_each_watch_is_a_view_of_the_tree_listing_its_matches(tmp_path: Path) -> None:
    from newsreader.config import Config
    from newsreader.core import browse
    from newsreader.core.watches import Watch
    from newsreader.store import watches as stored

    path = tmp_path / "watched.db"
    with Store.open(path) as store:
        store.save(ARTICLES)
        stored.add(store, Watch("Iran", countries=("Iran",)))
        stored.add(store, Watch("Stories", "story"))
    views = {v.key: v for v in browse.list_views(path, Config(), Filters())}
    iran, stories = views["watch:Iran"], views["watch:Stories"]
    assert iran.group == stories.group == browse.WATCHES
    counts = browse.view_counts(path, [iran, stories], unread=False)
    assert counts == {"watch:Iran": len(IRAN), "watch:Stories": COUNT}
    pager = Pager(path)
    try:
        assert pager.count(iran) == len(IRAN)
        assert [a.id for a in pager.page(iran, PAGE, PAGE)] == expected(IRAN)[PAGE : 2 * PAGE]
    finally:
        pager.close()
