"""The SQLite store: migrations, upserts, filters, ranking and FTS quoting, on real files."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsreader.core import quote_query
from newsreader.errors import InvalidSearchQueryError, NotFoundError, StorageError
from newsreader.models import Article, CountryTag, Filters, RegionFilter
from newsreader.store import Store
from newsreader.store.schema import SCHEMA_VERSION

NOW = datetime(2026, 2, 10, tzinfo=UTC)


def article(n: int, **changes: object) -> Article:
    values: dict[str, object] = {
        "id": f"{n:016x}",
        "title": f"Article {n}",
        "source": "Test Wire",
        "published": NOW - timedelta(days=n),
        "fetched_at": NOW,
        "origin": "test",
        "body": f"Body text number {n}.",
    }
    values.update(changes)
    return Article(**values)  # type: ignore[arg-type]


def test_migration_from_an_empty_file_creates_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with Store.open(path) as store:
        assert store.count() == 0
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "article_countries", "article_regions", "articles_fts", "feeds"} <= tables


def test_database_newer_than_the_code_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StorageError, match="newer than this newsreader understands"):
        Store.open(path)
    assert path.read_bytes() == before


def test_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    before = path.read_bytes()
    with pytest.raises(StorageError, match="not a readable newsreader database"):
        Store.open(path)
    assert path.read_bytes() == before


def test_save_counts_new_updated_unchanged_and_never_duplicates(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        first = store.save([article(1), article(2)])
        again = store.save([article(1), article(2, title="Article 2, revised")])
        assert (first.new, first.updated, first.unchanged) == (2, 0, 0)
        assert (again.new, again.updated, again.unchanged) == (0, 1, 1)
        assert store.count() == 2
        assert store.get(f"{2:016x}").title == "Article 2, revised"


def test_updated_article_is_searchable_by_its_new_text_only(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        store.save([article(1, body="Flooding in Bangladesh")])
        store.save([article(1, body="Drought in Kenya")])
        assert store.search(quote_query("Kenya"), Filters())
        assert store.search(quote_query("Bangladesh"), Filters()) == []


def test_query_is_newest_first_and_limited(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        store.save([article(n) for n in range(1, 30)])
        listed = store.query(Filters(limit=5))
        assert [a.title for a in listed] == [f"Article {n}" for n in range(1, 6)]


def test_filters_by_source_country_region_and_dates(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        store.save(
            [
                article(1, source="Al Jazeera", countries=(CountryTag("QA", 2, True, True),)),
                article(2, source="NHK", countries=(CountryTag("JP", 1, True, True), CountryTag("US", 1))),
                article(3, source="nhk", regions=("Middle East",)),
                article(9, source="BBC"),
            ]
        )

        def titles(**kw: object) -> list[str]:
            return [a.title for a in store.query(Filters(**kw))]  # type: ignore[arg-type]

        assert titles(sources=("NHK",)) == ["Article 2", "Article 3"]
        assert titles(countries=("US",)) == ["Article 2"]
        assert titles(countries=("US",), primary=True) == []
        assert titles(countries=("JP", "QA")) == ["Article 1", "Article 2"]
        middle_east = RegionFilter("Middle East", frozenset({"QA", "IR"}))
        assert titles(regions=(middle_east,)) == ["Article 1", "Article 3"]
        assert titles(regions=(middle_east,), primary=True) == ["Article 1"]
        assert titles(since=NOW - timedelta(days=2, hours=1)) == ["Article 1", "Article 2"]
        assert titles(until=NOW - timedelta(days=3)) == ["Article 3", "Article 9"]


def test_title_hit_outranks_body_hit(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        store.save(
            [
                article(1, title="Markets today", body="Analysts said Iran talks weigh on oil. " * 3),
                article(2, title="Iran talks resume", body="Negotiators met again."),
            ]
        )
        hits = store.search(quote_query("Iran"), Filters())
        assert [h.article.title for h in hits] == ["Iran talks resume", "Markets today"]
        assert "\ue000Iran\ue001" in hits[1].snippet


def test_search_folds_diacritics(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        store.save([article(1, title="Türkiye and Côte d'Ivoire sign a deal")])
        assert store.search(quote_query("turkiye"), Filters())
        assert store.search(quote_query("Cote"), Filters())


# query -> how many of the one article's matches (by reading its text), or None: no words to search for
AWKWARD = {
    "U.S.": 1,
    "Iran's": 1,
    '"': None,
    "-": None,
    "NOT": 1,  # a word here, found in the body
    "AND OR": 1,
    "(": None,
    "*": None,
    "a:b": 1,  # the words a and b, side by side in the body
    "^x": 0,  # x: in no word of the article
    "Iran -Israel": 1,
    'say "hi': 1,
    "Iran -envoys": 0,
}


@pytest.mark.parametrize(("query", "hits"), AWKWARD.items())
def test_awkward_plain_queries_find_what_the_text_holds(tmp_path: Path, query: str, hits: int | None) -> None:
    with Store.open(tmp_path / "s.db") as store:
        store.save([article(1, title="U.S. and Iran's envoys say hi", body="NOT AND OR a:b")])
        match = quote_query(query)
        if hits is None:
            assert match == ""
        else:
            assert len(store.search(match, Filters())) == hits


def test_plain_query_finds_dotted_abbreviation_and_possessive(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        store.save([article(1, title="U.S. envoy lands", body="Iran's foreign minister spoke.")])
        assert len(store.search(quote_query("U.S."), Filters())) == 1
        assert len(store.search(quote_query("Iran's"), Filters())) == 1


def test_raw_query_syntax_error_is_our_error(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        store.save([article(1)])
        with pytest.raises(InvalidSearchQueryError, match="invalid search query"):
            store.search('"unterminated', Filters())


def test_unknown_and_ambiguous_id_prefixes(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        store.save([article(0x10), article(0x11)])
        assert store.get("0000000000000010").title == "Article 16"
        with pytest.raises(NotFoundError, match="matches several"):
            store.get("00000000000000")
        with pytest.raises(NotFoundError, match="no article"):
            store.get("ffff")
        with pytest.raises(NotFoundError, match="hexadecimal"):
            store.get("xyz")
