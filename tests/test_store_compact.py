"""The file compacted after a run that at least doubled it (store/compact.py, issue 16: store size).

Oracle: SQLite's own `VACUUM INTO` copy of the same file, its page count being what a compact file takes;
the stored rows read back byte for byte the same before and after.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsreader.config import Config, Settings
from newsreader.feeds import fetch_feeds
from newsreader.models import Article
from newsreader.store import Store, compact
from newsreader.store.compact import compact_if_grown, pages

T0 = datetime(2026, 2, 3, 10, 0, tzinfo=UTC)
WORDS = ["talks", "border", "ceasefire", "minister", "election", "summit", "trade", "sanctions", "port", "harvest"]


def articles(n: int, seed: int) -> list[Article]:
    """Ids, links and sources in random order: their indexes are written out of key order."""
    rnd = random.Random(seed)
    found = []
    for i in range(n):
        key = f"{rnd.getrandbits(64):016x}"
        text = " ".join(rnd.choice(WORDS) for _ in range(40 + i % 50))
        found.append(
            Article(
                id=key,
                title=f"{rnd.choice(WORDS)} {i}",
                source=f"Outlet {rnd.randrange(40)}",
                published=T0 + timedelta(minutes=rnd.randrange(100_000)),
                fetched_at=T0,
                origin="fixture",
                url=f"https://wire.example/{key}",
                summary=text[:80],
                body=text,
            )
        )
    return found


def vacuumed_pages(path: Path, tmp: Path) -> int:
    copy = tmp / "copy.db"
    copy.unlink(missing_ok=True)
    with sqlite3.connect(path) as conn:
        conn.execute("VACUUM INTO ?", (str(copy),))
    with sqlite3.connect(copy) as conn:
        return int(conn.execute("PRAGMA page_count").fetchone()[0])


def dump(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT * FROM articles ORDER BY seq").fetchall()
        rows += conn.execute("SELECT * FROM story_members ORDER BY article").fetchall()
        rows += conn.execute("SELECT * FROM stories ORDER BY story").fetchall()
        rows += conn.execute("SELECT * FROM article_countries ORDER BY 1, 2").fetchall()
        return rows


def test_a_run_that_doubled_the_file_leaves_it_as_compact_as_a_vacuumed_copy(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with Store.open(path) as store:
        before = pages(store)
        for batch in range(6):
            store.save(articles(150, batch))
        grown = pages(store)
        rows = dump(path)
        ideal = vacuumed_pages(path, tmp_path)
        assert ideal < grown  # the fixture does leave part-empty pages
        assert compact_if_grown(store, before, min_pages=1)
        assert pages(store) == ideal
    assert dump(path) == rows
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_no_compaction_when_the_file_did_not_double_or_is_small(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with Store.open(path) as store:
        store.save(articles(300, 1))
        before = pages(store)
        store.save(articles(100, 2))
        grown = pages(store)
        assert grown < 2 * before
        assert not compact_if_grown(store, before, min_pages=1)
        assert pages(store) == grown
        # doubled, but under the floor of pages worth a re-write
        assert not compact_if_grown(store, 1, min_pages=grown + 1)
        assert pages(store) == grown
    assert compact.MIN_PAGES * 8192 >= 16_000_000


def test_a_fetch_that_doubled_the_file_compacts_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compact, "MIN_PAGES", 1)  # the fixture's few hundred pages count as big
    items = "".join(
        f"<item><guid>g{i:04d}-{a.id}</guid><title>{a.title}</title><link>{a.url}</link>"
        f"<pubDate>Tue, 03 Feb 2026 10:00:00 GMT</pubDate><description>{a.body}</description></item>"
        for i, a in enumerate(articles(600, 7))
    )
    feed = tmp_path / "wire.xml"
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>')
    path = tmp_path / "news.db"
    with Store.open(path) as store:
        before = pages(store)
        reports = fetch_feeds(store, Config(settings=Settings(timeout=5.0)), [str(feed)])
        assert reports[0].new == 600
        now = pages(store)
        assert now >= 2 * before
        assert now == vacuumed_pages(path, tmp_path)
