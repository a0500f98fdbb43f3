"""A fetch groups its new articles into stories at its end, in publication order (store/stories.py
group_pending): the same stories as grouping each feed as it is stored, a window that reads each span of
time once and forgets it behind the pass, the articles of an interrupted fetch grouped by the next one,
and schema v14 (the table of articles waiting) migrated from v13.

The oracle for the stories is the labelled real set stored one article at a time in publication order
(as tests/test_stories_order.py), or the event labels of the hand-written fixture feeds.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from helpers import text_as_v15
from pytest_httpserver import HTTPServer
from stories_support import config, feed, groups
from test_stories_order import _articles, _stories

from newsreader.models import Article
from newsreader.store import Store
from newsreader.store.stories import group_pending
from newsreader.stories.model import WINDOW, Member
from newsreader.stories.window import Window

ALL_STORIES = {
    frozenset({"quake-a", "quake-c", "quake-d"}),
    frozenset({"shutdown-a", "shutdown-b"}),
    frozenset({"flood-a", "flood-c", "flood-d"}),
    frozenset({"bakery-b"}),
    frozenset({"museum-d"}),
}


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return _articles()


@pytest.fixture(scope="module")
def in_order(articles: list[Article], tmp_path_factory: pytest.TempPathFactory) -> set[frozenset[str]]:
    ordered = sorted(articles, key=lambda a: (a.published, a.id))
    return _stories(tmp_path_factory.mktemp("pending") / "ordered.db", [[a] for a in ordered])


def _pending(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM story_pending").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize("chunk", [37, 5000])
def test_grouping_at_the_end_in_time_order_gives_the_stories_of_grouping_as_stored(articles, in_order, tmp_path, chunk):
    # Outlet by outlet, as a fetch stores feeds; the set's captures span 2006 to 2024, so the pass walks
    # (and forgets) many windows' worth of buckets; 37 a transaction puts chunk edges inside stories.
    by_outlet: dict[str, list[Article]] = {}
    for a in articles:
        by_outlet.setdefault(a.source, []).append(a)
    db = tmp_path / "later.db"
    with Store.open(db) as store:
        for source in sorted(by_outlet, reverse=True):
            store.save(by_outlet[source], group_later=True)
        assert groups(db) == set()  # nothing grouped yet: all waiting
        assert _pending(db) == len(articles)
        assert group_pending(store, chunk) == len(articles)
    assert _pending(db) == 0
    assert _stories(db, []) == in_order


def test_articles_stored_later_join_the_stories_grouped_at_the_end_of_an_earlier_pass(articles, in_order, tmp_path):
    shuffled = list(articles)
    random.Random(7).shuffle(shuffled)
    half = len(shuffled) // 2
    db = tmp_path / "mixed.db"
    with Store.open(db) as store:
        store.save(shuffled[:half], group_later=True)
        group_pending(store, 100)
        store.save(shuffled[half : half + 100])  # grouped as stored, between two passes
        store.save(shuffled[half + 100 :], group_later=True)
        group_pending(store, 100)
    assert _stories(db, []) == in_order


def _members_over_a_year(per_bucket: int = 2, buckets: int = 120) -> list[Member]:
    """Members a few hours apart in each of many windows, each sharing its words only with its neighbour."""
    found = []
    for b in range(buckets):
        for i in range(per_bucket):
            seq = b * per_bucket + i + 1
            words = {f"w{b}": 0.6, f"v{b}": 0.6, f"u{b}x{i}": 0.5}
            found.append(Member(seq, b * WINDOW + i * 3600.0, f"outlet{i}", words, frozenset(), seq))
    return found


def test_a_pass_in_time_order_reads_each_span_once_and_forgets_it_behind() -> None:
    reads: list[float] = []
    stored: list[Member] = []

    def load(start: float, end: float) -> list[Member]:
        reads.append(start)
        return [m for m in stored if start <= m.ts < end]

    window = Window(load)
    members = _members_over_a_year()
    for member in members:
        window.forget_before(member.ts)
        linked = window.links(member)
        # Its one neighbour in the same window reports the same event (they share two heavy words).
        assert [m.seq for m, _ in linked] == ([member.seq - 1] if member.seq % 2 == 0 else [])
        window.add(member)
        stored.append(member)
    assert len(reads) == len(set(reads)) == 122  # each window of time read once (with the ones before and after)
    # The first months were forgotten: asking about them reads them from the store again.
    window.links(members[1])
    assert reads[-3:] == [-WINDOW, 0.0, WINDOW]


def _year_feed(outlet: str, start_day: int) -> bytes:
    """A feed of 12 items a month apart, each in words of its own (no two can be one story)."""
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    items = "".join(
        f"<item><title>Alpha{outlet}{k} bravo{outlet}{k} charlie{outlet}{k}</title>"
        f"<link>https://{outlet}.example/{outlet}-{k}</link><guid>{outlet}-{k}</guid>"
        f"<pubDate>{start_day:02d} {month} 2025 10:00:00 +0000</pubDate>"
        f"<description>Delta{outlet}{k} echo{outlet}{k} foxtrot{outlet}{k}.</description></item>"
        for k, month in zip("abcdefghijkl", months, strict=True)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{outlet}</title>{items}</channel></rss>'.encode()


def test_a_fetch_of_files_spanning_a_year_leaves_nothing_waiting(tmp_path, monkeypatch):
    from helpers import invoke

    monkeypatch.setenv("NEWSREADER_DATA_DIR", str(tmp_path / "data"))
    folder = tmp_path / "feeds"
    folder.mkdir()
    for n, outlet in enumerate("pqrstuvwx"):  # 9 files: more than a fetch parses in-process
        (folder / f"{outlet}.xml").write_bytes(_year_feed(outlet, n + 1))
    db = tmp_path / "year.db"
    code, _, err = invoke(db, "fetch", str(folder))
    assert code == 0, err
    assert _pending(db) == 0
    found = groups(db)
    assert len(found) == 9 * 12 and all(len(g) == 1 for g in found)  # one story each, none merged


def test_the_articles_of_a_fetch_stopped_before_grouping_are_grouped_by_the_next(tmp_path, monkeypatch):
    from helpers import invoke

    import newsreader.store.stories as stories_module

    server = HTTPServer(host="127.0.0.1")
    server.start()
    try:
        for outlet in "abcd":
            server.expect_request(f"/{outlet}.xml").respond_with_data(feed(outlet), content_type="application/rss+xml")
        base = server.url_for("").rstrip("/")
        monkeypatch.setenv("NEWSREADER_DATA_DIR", str(tmp_path / "data"))
        db, cfg = tmp_path / "news.db", config(tmp_path / "config.toml", base)

        def interrupted(store: Store, chunk: int = 0) -> int:
            raise KeyboardInterrupt

        with monkeypatch.context() as patch:
            patch.setattr(stories_module, "group_pending", interrupted)
            code, _, _ = invoke(db, "--config", str(cfg), "fetch", f"{base}/a.xml", f"{base}/c.xml")
        assert code == 130
        assert groups(db) == set()
        assert _pending(db) == 5  # a's three items and c's two: stored, waiting
        code, _, err = invoke(db, "--config", str(cfg), "fetch", f"{base}/b.xml", f"{base}/d.xml")
        assert code == 0, err
    finally:
        server.stop()
    assert _pending(db) == 0
    assert groups(db) == ALL_STORIES


def test_a_v13_store_gets_the_waiting_table_and_keeps_its_stories(articles, tmp_path):
    db = tmp_path / "v13.db"
    some = sorted(articles, key=lambda a: (a.published, a.id))[:200]
    with Store.open(db) as store:
        store.save(some)
    before = groups_by_id(db)
    conn = sqlite3.connect(db)
    text_as_v15(conn)  # v16: the summary and body columns back
    conn.execute("DROP TABLE story_pending")  # what a v13 store is: the same tables without it
    conn.execute("PRAGMA user_version = 13")
    conn.commit()
    conn.close()
    with Store.open(db) as store:
        store.save(sorted(articles, key=lambda a: (a.published, a.id))[200:260], group_later=True)
        assert group_pending(store) == 60
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] >= 14  # v14 and any later step
        assert conn.execute("SELECT count(*) FROM story_members").fetchone()[0] == 260
    finally:
        conn.close()
    after = groups_by_id(db)
    # The 200 articles grouped before are still in the stories they were in, or those grew.
    assert all(any(story <= grown for grown in after) for story in before)


def groups_by_id(db: Path) -> set[frozenset[str]]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT m.story, a.id FROM story_members m JOIN articles a ON a.seq = m.article").fetchall()
    finally:
        conn.close()
    found: dict[int, set[str]] = {}
    for story, aid in rows:
        found.setdefault(story, set()).add(aid)
    return {frozenset(g) for g in found.values()}


def test_waiting_articles_of_a_store_with_outdated_stories_are_grouped_once_with_the_rest(articles, in_order, tmp_path):
    ordered = sorted(articles, key=lambda a: (a.published, a.id))
    db = tmp_path / "outdated.db"
    with Store.open(db) as store:
        store.save(ordered[::2])
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM store_meta WHERE key = 'stories_model'")  # as after an upgrade of the model
    conn.commit()
    conn.close()
    with Store.open(db) as store:
        store.save(ordered[1::2], group_later=True)
        group_pending(store, 100)  # groups everything again first, the waiting ones with it
    assert _pending(db) == 0
    assert _stories(db, []) == in_order  # (and each story's count is its members': none twice)


# -- grouping ahead: chunks grouped while a fetch still stores feeds (feeds._group_ahead) ---------------------


def test_grouping_ahead_while_feeds_are_stored_gives_the_stories_and_listing_of_grouping_at_the_end(
    articles, in_order, tmp_path, monkeypatch
):
    from test_stories_order import _listing

    import newsreader.store.stories as ss
    from newsreader.feeds import _group_ahead

    monkeypatch.setattr(ss, "AHEAD_CHUNK", 40)
    monkeypatch.setattr(ss, "AHEAD_MEMBERS", 400)  # of the set's 874: the rest waits for the walking pass
    by_outlet: dict[str, list[Article]] = {}
    for a in articles:
        by_outlet.setdefault(a.source, []).append(a)
    ahead, held = 0, []
    db = tmp_path / "ahead.db"
    with Store.open(db) as store:
        for source in sorted(by_outlet):  # outlet by outlet, as a fetch stores feeds; each spans years
            store.save(by_outlet[source], group_later=True)
            while _group_ahead(store):  # as the fetch does while its worker parses the next feeds
                ahead += 1
                held.append(store._story_window.held() if store._story_window else 0)
        waiting = _pending(db)
        assert not _group_ahead(store)  # the window is full: nothing more until the walking pass
        assert group_pending(store) == waiting
    assert ahead == len(held) >= 400 // 40 and 400 <= max(held) < 400 + 40 and waiting == len(articles) - max(held)
    assert _pending(db) == 0
    assert _stories(db, []) == in_order
    at_end = tmp_path / "end.db"
    with Store.open(at_end) as store:
        for source in sorted(by_outlet):
            store.save(by_outlet[source], group_later=True)
        group_pending(store)
    assert _listing(db) == _listing(at_end)  # every story, ties included, in the same order


def test_grouping_ahead_waits_for_a_whole_chunk(articles, tmp_path, monkeypatch):
    import newsreader.store.stories as ss
    from newsreader.feeds import _group_ahead

    monkeypatch.setattr(ss, "AHEAD_CHUNK", 50)
    db = tmp_path / "few.db"
    with Store.open(db) as store:
        store.save(articles[:49], group_later=True)
        assert not _group_ahead(store) and _pending(db) == 49
        store.save(articles[49:50], group_later=True)
        assert _group_ahead(store) and _pending(db) == 0


def test_stored_vectors_read_back_share_their_terms_and_weights() -> None:
    from newsreader.stories.model import decode, encode

    a = decode(encode({"tehran": 0.5123, "talks": 0.25, "nuclear": 0.5123}))
    b = decode("talks 0.25 geneva 0.5123 odd")  # a stray term without its weight is dropped
    assert list(a.items()) == [("tehran", 0.5123), ("talks", 0.25), ("nuclear", 0.5123)]
    assert list(b.items()) == [("talks", 0.25), ("geneva", 0.5123)]
    ka, kb = next(k for k in a if k == "talks"), next(k for k in b if k == "talks")
    assert ka is kb and a["tehran"] is b["geneva"]  # one object each, however many vectors hold them
