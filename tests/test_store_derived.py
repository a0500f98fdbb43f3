"""Store.save with the parts derived in a parse worker (store/derive.py) writes the very rows it writes
without them: every real feed of ../shared/news/news (16 languages, Latin, Cyrillic, Arabic, CJK) is
prepared as a fetch prepares it, then saved into two stores, with and without the derived parts, and the
two stores are compared table by table (the full-text index's own segments included). The oracle is
save()'s own path without them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import SHARED_NEWS

from newsreader.feeds import FeedTarget, prepare_file
from newsreader.parse.feed import FeedInfo
from newsreader.store import Store
from newsreader.store.stories import group_pending

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
TABLES = (
    "articles",
    "articles_fts_data",
    "article_countries",
    "article_regions",
    "article_aliases",
    "story_members",
    "stories",
    "story_pending",
)


def _feeds() -> list[Path]:
    folder = SHARED_NEWS / "news"
    if not folder.is_dir():
        pytest.skip("../shared/news/ is not here")
    return sorted(p for p in folder.iterdir() if p.suffix in (".xml", ".atom", ".rss", ".json"))


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}
    finally:
        conn.close()


def test_saving_with_parts_derived_in_the_worker_writes_the_same_rows(tmp_path: Path) -> None:
    prepared = []
    for path in _feeds():
        target = FeedTarget(str(path), str(path), is_file=True)
        info = FeedInfo(key=target.key, origin=target.origin)
        done, _ = prepare_file(str(path), 10_000_000, info, NOW)
        if done is not None and done.articles:
            prepared.append(done)
    assert len(prepared) > 40 and sum(len(p.articles) for p in prepared) > 1000
    assert all(p.derived is not None and len(p.derived) > 0 for p in prepared)
    for name, with_parts in (("plain.db", False), ("derived.db", True)):
        with Store.open(tmp_path / name) as store:
            for p in prepared:
                store.save(p.articles, group_later=True, derived=p.derived if with_parts else None)
            for p in prepared[:5]:  # again: nothing new, the unchanged path
                store.save(p.articles, group_later=True, derived=p.derived if with_parts else None)
    plain, derived = _dump(tmp_path / "plain.db"), _dump(tmp_path / "derived.db")
    assert len(plain["articles"]) > 1000 and len(plain["story_pending"]) == len(plain["articles"])
    for table in TABLES:
        assert derived[table] == plain[table], table
    for name in ("plain.db", "derived.db"):
        with Store.open(tmp_path / name) as store:
            group_pending(store)
    assert _dump(tmp_path / "derived.db") == _dump(tmp_path / "plain.db")


def test_an_article_dated_again_after_the_worker_is_hashed_again(tmp_path: Path) -> None:
    """The worker hashes each article as it parsed it; the main process may date an undated entry with its
    first sighting (feeds._first_seen) before saving: that article's stored hash is the re-dated one's."""
    for path in _feeds():
        done, _ = prepare_file(str(path), 10_000_000, FeedInfo(key=str(path), origin=str(path)), NOW)
        if done is not None and len(done.articles) > 5:
            break
    assert done is not None and len(done.articles) > 5 and done.derived is not None
    first_seen = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    redated = [replace(a, published=first_seen) if i % 2 else a for i, a in enumerate(done.articles)]
    for name, derived in (("plain.db", None), ("derived.db", done.derived)):
        with Store.open(tmp_path / name) as store:
            store.save(redated, group_later=True, derived=derived)
    plain, derived_rows = _dump(tmp_path / "plain.db"), _dump(tmp_path / "derived.db")
    assert derived_rows["articles"] == plain["articles"]
    with sqlite3.connect(tmp_path / "derived.db") as conn:
        hashes = dict(conn.execute("SELECT id, content_hash FROM articles").fetchall())
    odd = redated[1]
    assert hashes[odd.id] != done.derived[odd.id].digest  # the worker's hash was of the first date
    assert done.derived[redated[0].id].digest == hashes[redated[0].id]


def test_a_feed_prepared_without_its_derived_parts_is_the_same_feed(tmp_path: Path) -> None:
    """The main process asks a worker to leave the derived parts to Store.save while it keeps up
    (feeds._Balance): the feed's articles are the same, only the parts are missing, and saving it gives
    the rows the worker's parts give."""
    from newsreader.feeds import _Balance

    path = next(p for p in _feeds() if p.suffix == ".xml")
    info = FeedInfo(key=str(path), origin=str(path))
    (whole, _), (bare, _) = (prepare_file(str(path), 10_000_000, info, NOW, derive) for derive in (True, False))
    assert whole is not None and bare is not None and whole.derived and bare.derived is None
    assert bare.articles == whole.articles and bare.undated == whole.undated and bare.feed == whole.feed
    for name, prepared in (("bare.db", bare), ("whole.db", whole)):
        with Store.open(tmp_path / name) as store:
            store.save(prepared.articles, group_later=True, derived=prepared.derived)
    assert _dump(tmp_path / "bare.db") == _dump(tmp_path / "whole.db")
    balance = _Balance()
    assert not balance.in_worker()  # nothing waits to be stored: this process has time to make them
    balance.waiting = 1
    assert balance.in_worker()
