"""Schema v2: a v1 store migrates in place and stays searchable; compressed bodies and the Store-kept index."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsreader.core import quote_query
from newsreader.models import Article, CountryTag, Filters, RegionFilter
from newsreader.store import Store
from newsreader.store.schema import MIGRATIONS, SCHEMA_VERSION, _split

NOW = datetime(2026, 2, 10, 12, 30, 15, 123456, tzinfo=UTC)
LONG = "\n\n".join(f"Paragraph {i} about the Caspian pipeline and Baku gas exports in detail." for i in range(40))


def article(n: int, **changes: object) -> Article:
    values: dict[str, object] = {
        "id": f"{n:016x}",
        "title": f"Article {n}",
        "source": "Test Wire",
        "published": NOW - timedelta(days=n),
        "fetched_at": NOW,
        "origin": "test",
        "summary": f"Summary {n}.",
        "body": f"Body text number {n}.",
    }
    values.update(changes)
    return Article(**values)  # type: ignore[arg-type]


def _v1_database(path: Path) -> None:
    """A database as newsreader with schema v1 wrote it (its triggers fill the index)."""
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in _split(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    rows = [
        ("a1", "Strikes on Iran", "Wire", NOW, "Iran and Israel exchange strikes.", LONG, "IR|IL", "Middle East"),
        ("b2", "Japan election called", "Daily", NOW - timedelta(days=1), "Tokyo votes.", "Short body.", "JP", ""),
    ]
    for aid, title, source, when, summary, body, codes, regions in rows:
        conn.execute(
            "INSERT INTO articles (id, title, source, published, published_ts, summary, body, origin, fetched_at, "
            "regions, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, 'v1', ?, ?, ?)",
            (aid, title, source, when.isoformat(), when.timestamp(), summary, body, NOW.isoformat(), regions, "f" * 40),
        )
        for i, code in enumerate(codes.split("|")):
            conn.execute("INSERT INTO article_countries VALUES (?, ?, ?, 1, ?)", (aid, code, 3 - i, int(i == 0)))
        for region in filter(None, regions.split("|")):
            conn.execute("INSERT INTO article_regions VALUES (?, ?)", (aid, region))
    conn.close()


def test_v1_store_migrates_and_keeps_articles_searchable(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    _v1_database(path)
    with Store.open(path) as store:
        assert store.count() == 2
        hits = store.search(quote_query("pipeline"), Filters())
        assert [h.article.id for h in hits] == ["a1"]
        assert "pipeline" in hits[0].snippet
        assert [h.article.id for h in store.search(quote_query("Tokyo"), Filters())] == ["b2"]
        assert store.get("a1").body == LONG
        assert [c.code for c in store.get("a1").countries] == ["IR", "IL"]
        assert store.get("a1").regions == ("Middle East",)
        assert [a.id for a in store.query(Filters(countries=("JP",)))] == ["b2"]
        middle_east = RegionFilter("Middle East", frozenset({"SA"}))
        assert [a.id for a in store.query(Filters(regions=(middle_east,)))] == ["a1"]
        # A re-fetched copy differs from the v1 hash: it is an update, and the index follows it.
        changed = store.get("a1").with_tags((CountryTag("AZ", 2, True, True),), ())
        saved = store.save([replace(changed, body="Rewritten about Ankara.")])
        assert (saved.new, saved.updated) == (0, 1)
        assert store.search(quote_query("pipeline"), Filters()) == []
        assert [h.article.id for h in store.search(quote_query("Ankara"), Filters())] == ["a1"]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_long_bodies_are_stored_compressed_and_read_back_exactly(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    body = LONG + "\n\nÜnïcödé ✓ and Ελληνικά."
    with Store.open(path) as store:
        store.save([article(1, body=body), article(2)])
        assert store.get(f"{1:016x}").body == body
        assert store.get(f"{2:016x}").body == "Body text number 2."
        hit = store.search(quote_query("Ελληνικά"), Filters())[0]
        assert hit.article.id == f"{1:016x}" and "Ελληνικά" in hit.snippet
        assert store.save([article(1, body=body)]).unchanged == 1
        assert [b for batch in store.iter_articles() for b in (a.body for a in batch)] == [body, "Body text number 2."]
    conn = sqlite3.connect(path)
    kinds = dict(conn.execute("SELECT id, typeof(text) FROM articles"))
    assert kinds == {f"{1:016x}": "blob", f"{2:016x}": "text"}
    assert conn.execute("PRAGMA page_size").fetchone()[0] == 8192
    conn.close()


def test_updates_replace_index_entries_and_keep_tags_consistent(tmp_path: Path) -> None:
    with Store.open(tmp_path / "u.db") as store:
        first = article(1, title="Talks in Geneva", body=LONG, countries=(CountryTag("CH", 2, True, True),))
        store.save([first, article(2, title="Other news")])
        store.save([article(1, title="Talks in Vienna", body=LONG, countries=(CountryTag("AT", 1, True, True),))])
        assert store.search(quote_query("Geneva"), Filters()) == []
        assert [h.article.title for h in store.search(quote_query("Vienna"), Filters())] == ["Talks in Vienna"]
        assert [c.code for c in store.get(f"{1:016x}").countries] == ["AT"]
        assert store.query(Filters(countries=("CH",))) == []
        store.update_tags([store.get(f"{2:016x}").with_tags((CountryTag("FR", 1, True, True),), ("Europe",))])
        assert [a.id for a in store.query(Filters(countries=("FR",)))] == [f"{2:016x}"]
        assert store.save([store.get(f"{2:016x}")]).unchanged == 1
        assert store.count() == 2
