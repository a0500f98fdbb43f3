"""store/db.py case by case, in-process, on real SQLite files, with hand-worked expected values.

Each test pins one reader or writer of db.py that the other store tests reach only through the CLI or
the fetch tests (which start newsreader in ways mutmut cannot map): the read-only open, tag rewrites,
match counts, the language list, newest-first search, filter counts, feed state and per-origin counts,
and the row map save() keeps for aliases. Expected values are written out from the fixture data; where
a table is checked, it is read with plain SQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsreader.errors import InvalidSearchQueryError, NotFoundError, StorageError
from newsreader.models import HIT_END, HIT_START, Article, CountryTag, Filters, RegionFilter
from newsreader.store import Store
from newsreader.store import state as st
from newsreader.store.db import _describe, _is_query_error
from newsreader.store.derive import Derived

NOW = datetime(2026, 2, 10, 12, 0, tzinfo=UTC)


def _article(n: int, **changes: object) -> Article:
    values: dict[str, object] = {
        "id": f"{n:016x}",
        "title": f"Article {n}",
        "source": "Wire",
        "published": NOW - timedelta(hours=n),
        "fetched_at": NOW,
        "origin": "feed-a",
        "body": f"Body {n}.",
        "language": "en",
    }
    values.update(changes)
    return Article(**values)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "store.db") as opened:
        yield opened


def _rows(store: Store, sql: str, *params: object) -> list[tuple[object, ...]]:
    with store.reader() as conn:
        return [tuple(r) for r in conn.execute(sql, params).fetchall()]


def test_immutable_open_reads_a_current_store_and_refuses_others(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    with Store.open(path) as writer:
        writer.save([_article(1), _article(2)])
    reader = Store._open_immutable(path)
    assert reader is not None
    with reader:
        assert reader.path == path
        assert reader.count() == 2
        assert reader.get(f"{1:016x}").title == "Article 1"
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all, just text" * 100)
    assert Store._open_immutable(junk) is None
    older = tmp_path / "older.db"
    conn = sqlite3.connect(older)
    conn.execute("CREATE TABLE articles (id TEXT)")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    assert Store._open_immutable(older) is None


def test_update_tags_rewrites_regions_and_countries_of_stored_rows_only(store: Store) -> None:
    first = _article(1, regions=("Europe",), countries=(CountryTag("FR", 2, True, True),))
    store.save([first, _article(2, regions=("Africa",))])
    retagged = _article(1, regions=("Middle East", "Asia"), countries=(CountryTag("IR", 3, False, True),))
    store.update_tags([retagged, _article(9, regions=("Europe",))])  # 9 was never stored: ignored
    seq1 = _rows(store, "SELECT seq FROM articles WHERE id = ?", f"{1:016x}")[0][0]
    seq2 = _rows(store, "SELECT seq FROM articles WHERE id = ?", f"{2:016x}")[0][0]
    assert _rows(store, "SELECT regions FROM articles WHERE seq = ?", seq1) == [("Middle East|Asia",)]
    assert sorted(_rows(store, "SELECT article, region FROM article_regions")) == sorted(
        [(seq1, "Asia"), (seq1, "Middle East"), (seq2, "Africa")]
    )
    assert _rows(store, "SELECT article, code, mentions, in_lead, is_primary FROM article_countries") == [
        (seq1, "IR", 3, 0, 1)
    ]
    assert store.count() == 2
    store.update_tags([])  # nothing to do, no error


def _three(store: Store) -> None:
    store.save(
        [
            _article(1, body="A zorb in Paris.", source="Wire"),
            _article(2, body="Another zorb sighting.", source="Daily"),
            _article(3, body="Nothing to see.", source="Wire"),
            _article(4, body="Zorb, zorb.", source="Wire", language="fr"),
        ]
    )


def test_count_matches_without_and_with_filters(store: Store) -> None:
    _three(store)
    assert store.count_matches("zorb", Filters()) == 3
    assert store.count_matches("zorb", Filters(sources=("wire",))) == 2
    assert store.count_matches("zorb", Filters(languages=("fr",))) == 1
    assert store.count_matches("zorb", Filters(limit=1)) == 3  # the limit does not cut a count
    assert store.count_matches("nobody", Filters()) == 0
    assert store.count_matches("zorb\x00", Filters()) == 3  # a NUL is dropped, as search() drops it


def test_count_matches_since_a_run_counts_only_that_runs_new_articles(store: Store) -> None:
    store.save([_article(1, body="A zorb."), _article(2, body="A zorb too.")])
    run = st.start_run(store, ["feed-a"])
    store.run = run
    store.save([_article(3, body="A new zorb."), _article(4, body="No match.")])
    store.run = None
    assert store.count_matches("zorb", Filters(since_run=run)) == 1
    assert store.count_matches("zorb", Filters(since_run=run, sources=("Other",))) == 0
    assert store.count_matches("zorb", Filters()) == 3


def test_languages_lists_each_stored_language_once_in_order(store: Store) -> None:
    assert store.languages() == []
    store.save([_article(1, language="fr"), _article(2, language="ar"), _article(3, language="fr")])
    store.save([_article(4, language="zh")])
    assert store.languages() == ["ar", "fr", "zh"]


def test_newest_search_orders_by_date_and_keeps_the_limit(store: Store) -> None:
    _three(store)  # hours ago: 1, 2, 4 match; 1 is the newest
    hits = store.search("zorb", Filters(limit=2), newest=True, snippets=False)
    assert [h.article.id for h in hits] == [f"{1:016x}", f"{2:016x}"]
    assert [h.rank for h in hits] == [0.0, 0.0]
    hits = store.search("zorb", Filters(limit=0, sources=("Wire",)), newest=True, snippets=False)
    assert [h.article.id for h in hits] == [f"{1:016x}", f"{4:016x}"]


def test_count_matching_ignores_limit_and_offset(store: Store) -> None:
    _three(store)
    assert store.count_matching(Filters(limit=1, offset=1)) == 4
    assert store.count_matching(Filters(sources=("wire",), limit=1)) == 3
    assert store.count_matching(Filters(languages=("fr",))) == 1


def test_language_filter_lists_only_that_language(store: Store) -> None:
    _three(store)
    assert [a.id for a in store.query(Filters(languages=("fr",)))] == [f"{4:016x}"]
    assert [a.id for a in store.query(Filters(languages=("fr", "en")))] == [f"{i:016x}" for i in (1, 2, 3, 4)]


def test_region_count_by_member_country_or_named_region(store: Store) -> None:
    store.save(
        [
            _article(1, countries=(CountryTag("FR", 1, True, True),)),
            _article(2, regions=("Europe",)),
            _article(3, countries=(CountryTag("JP", 1, True, True),)),
            _article(4),
        ]
    )
    assert store.region_count(RegionFilter("Europe", frozenset({"FR", "DE"}))) == 2
    assert store.region_count(RegionFilter("Asia", frozenset({"JP"}))) == 1
    assert store.region_count(RegionFilter("Africa", frozenset())) == 0


def test_country_counts_all_or_primary(store: Store) -> None:
    store.save(
        [
            _article(1, countries=(CountryTag("FR", 1, True, True), CountryTag("DE", 1, False, False))),
            _article(2, countries=(CountryTag("FR", 2, False, False),)),
        ]
    )
    assert store.country_counts() == {"FR": 2, "DE": 1}
    assert store.country_counts(primary=True) == {"FR": 1}


def test_feed_state_round_trip_and_unknown_feed(store: Store) -> None:
    assert store.feed_state("http://127.0.0.1/none.xml") == {}
    store.set_feed_state("http://127.0.0.1/a.xml", etag='"v1"', last_modified="Tue, 10 Feb 2026 12:00:00 GMT")
    state = store.feed_state("http://127.0.0.1/a.xml")
    assert state["url"] == "http://127.0.0.1/a.xml"
    assert state["etag"] == '"v1"'
    assert state["last_modified"] == "Tue, 10 Feb 2026 12:00:00 GMT"


def test_counts_by_origin_adds_carriers_to_stored_rows(store: Store) -> None:
    url = "https://news.example/story"
    store.save([_article(1, url=url, origin="feed-a"), _article(2, origin="feed-a")])
    store.save([_article(3, url=url, origin="feed-b"), _article(4, origin="feed-c")])  # 3 only carries 1
    assert store.counts_by_origin(["feed-a", "feed-b", "feed-c", "feed-x"]) == {"feed-a": 2, "feed-b": 1, "feed-c": 1}
    assert store.counts_by_origin(["feed-b"]) == {"feed-b": 1}
    assert store.counts_by_origin([]) == {}


def test_stored_url_reads_back(store: Store) -> None:
    store.save([_article(1, url="https://news.example/a?x=1")])
    assert store.get(f"{1:016x}").url == "https://news.example/a?x=1"
    assert store.query(Filters())[0].url == "https://news.example/a?x=1"


def test_twin_of_a_new_article_becomes_its_alias(store: Store) -> None:
    url = "https://news.example/one"
    store.save([_article(1, url=url), _article(2, url=url)])  # one story under two guids
    assert store.count() == 1
    seq = _rows(store, "SELECT seq FROM articles WHERE id = ?", f"{1:016x}")[0][0]
    assert _rows(store, "SELECT id, article FROM article_aliases") == [(f"{2:016x}", seq)]
    assert store.get(f"{2:016x}").id == f"{1:016x}"


def test_twin_of_a_matched_article_becomes_an_alias_of_the_stored_row(store: Store) -> None:
    url = "https://news.example/one"
    store.save([_article(1, url=url)])
    store.save([_article(2, url=url, title="Changed"), _article(3, url=url)])  # 2 matches row 1; 3 is 2's twin
    assert store.count() == 1
    seq = _rows(store, "SELECT seq FROM articles WHERE id = ?", f"{1:016x}")[0][0]
    assert sorted(_rows(store, "SELECT id, article FROM article_aliases")) == [(f"{2:016x}", seq), (f"{3:016x}", seq)]
    assert store.get(f"{3:016x}").title == "Changed"


def test_an_alias_saved_again_updates_its_row(store: Store) -> None:
    url = "https://news.example/one"
    store.save([_article(1, url=url), _article(2, url=url)])  # 2 is an alias of row 1
    result = store.save([_article(2, url="https://news.example/moved", title="Moved")])
    assert (result.new, result.updated) == (0, 1)
    assert store.count() == 1
    assert _rows(store, "SELECT id, title, url FROM articles") == [(f"{1:016x}", "Moved", "https://news.example/moved")]


def test_busy_database_is_named_as_busy() -> None:
    message = _describe(sqlite3.OperationalError("database is locked"))
    assert message == "the database is busy in another newsreader (database is locked); try again"
    assert _describe(sqlite3.OperationalError("something else")) == "something else"


def test_tag_filter_over_the_newest_window_finds_the_tagged_rows(store: Store) -> None:
    # More rows than the probe window for a limit of 1 (2,000 + 10), so query() takes the windowed path.
    tagged = (CountryTag("IR", 1, True, True),)
    articles = [_article(n, body="x") for n in range(1, 2013)]
    articles[4] = _article(5, body="x", countries=tagged)
    articles[6] = _article(7, body="x", countries=tagged)
    articles[2011] = _article(2012, body="x", countries=(CountryTag("KP", 1, True, True),))  # the oldest row
    store.save(articles)
    # A tag found only outside the newest rows: the window comes back short and the full query finds it.
    assert [a.id for a in store.query(Filters(countries=("KP",), limit=1))] == [f"{2012:016x}"]
    asia = RegionFilter("Asia", frozenset({"KP"}))
    assert [a.id for a in store.query(Filters(regions=(asia,), limit=1))] == [f"{2012:016x}"]
    assert [a.id for a in store.query(Filters(countries=("IR",), limit=1))] == [f"{5:016x}"]
    assert [a.id for a in store.query(Filters(countries=("IR",), limit=2))] == [f"{5:016x}", f"{7:016x}"]


def test_carriers_countries_and_origin_counts_read_back(store: Store) -> None:
    url = "https://news.example/story"
    tags = (CountryTag("FR", 2, True, True), CountryTag("DE", 1, False, False))
    store.save([_article(1, url=url, origin="feed-a", countries=tags), _article(2, origin="feed-b")])
    store.save([_article(3, url=url, origin="feed-b", source="Other")])  # feed-b carries 1 and stores 2
    got = store.get(f"{1:016x}")
    assert got.carriers == (("feed-b", "Other"),)
    assert [(c.code, c.mentions, c.in_lead, c.primary) for c in got.countries] == [
        ("FR", 2, True, True),
        ("DE", 1, False, False),
    ]
    assert store.counts_by_origin(["feed-a", "feed-b"]) == {"feed-a": 1, "feed-b": 2}


def test_region_without_countries_under_primary_matches_nothing(store: Store) -> None:
    store.save([_article(1, regions=("Sahel",))])
    assert store.query(Filters(regions=(RegionFilter("Sahel", frozenset()),), primary=True)) == []
    assert [a.id for a in store.query(Filters(regions=(RegionFilter("Sahel", frozenset()),)))] == [f"{1:016x}"]


def test_matching_ids_and_source_stats(store: Store) -> None:
    store.save([_article(1, source="Wire"), _article(2, source="Daily"), _article(3, source="Wire")])
    assert store.matching_ids(Filters(sources=("wire",), limit=1)) == [f"{1:016x}", f"{3:016x}"]
    stats = sorted(store.source_stats())
    assert [(s, o, n) for s, o, n, _, _ in stats] == [("Daily", "feed-a", 1), ("Wire", "feed-a", 2)]
    assert stats[1][3] == (NOW - timedelta(hours=1)).timestamp()


def test_read_only_view_answers_from_another_thread(tmp_path: Path) -> None:
    # The TUI reads the store from worker threads: the read-only view must allow that, as open() does.
    from concurrent.futures import ThreadPoolExecutor

    path = tmp_path / "store.db"
    with Store.open(path) as writer:
        writer.save([_article(1), _article(2), _article(3)])
    reader = Store._open_immutable(path)
    assert reader is not None
    with reader, ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(reader.count).result() == 3
        assert pool.submit(lambda: reader.get(f"{2:016x}").title).result() == "Article 2"
    with Store.open(path) as writer, ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(writer.count).result() == 3


def test_iter_articles_walks_every_row_once_in_id_order(store: Store) -> None:
    store.save([_article(n, body=f"Body {n} text.") for n in range(1, 8)])
    batches = list(store.iter_articles(batch=3))
    assert [[a.id for a in b] for b in batches] == [
        [f"{n:016x}" for n in (1, 2, 3)],
        [f"{n:016x}" for n in (4, 5, 6)],
        [f"{7:016x}"],
    ]
    assert batches[2][0].body == "Body 7 text."


def test_iter_articles_default_batch_is_a_thousand(store: Store) -> None:
    store.save([_article(n, body="x") for n in range(1, 1002)])
    assert [len(b) for b in store.iter_articles()] == [1000, 1]


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "database disk image is malformed",
            "not a readable newsreader database (database disk image is malformed); the file was left untouched",
        ),
        (
            "file is not a database",
            "not a readable newsreader database (file is not a database); the file was left untouched",
        ),
        ("attempt to write a readonly database", "the database is read-only (attempt to write a readonly database)"),
        ("the medium is read-only", "the database is read-only (the medium is read-only)"),
        ("disk is full", "the disk is full (disk is full); nothing from this batch was stored"),
        (
            "database or disk is full",
            "the disk is full (database or disk is full); nothing from this batch was stored",
        ),
        (
            "unable to open database file",
            "cannot open the database (unable to open database file); check that it and its folder exist and are"
            " writable",
        ),
        (
            "disk I/O error",
            "cannot read or write the database (disk I/O error: a full disk, a file size limit or a failing disk)",
        ),
        (
            "database table is locked",
            "the database is busy in another newsreader (database table is locked); try again",
        ),
    ],
)
def test_describe_names_each_storage_failure(message: str, expected: str) -> None:
    assert _describe(sqlite3.OperationalError(message)) == expected


@pytest.mark.parametrize(
    ("message", "is_query"),
    [
        ("fts5: parser stack overflow", True),
        ('near "x": syntax error', True),
        ("no such column: place", True),
        ("unterminated string", True),
        ("unknown special query: reads", True),
        ("database is locked", False),
        ("no such table: articles", False),
        ("disk I/O error", False),
    ],
)
def test_query_errors_told_from_storage_errors(message: str, is_query: bool) -> None:
    assert _is_query_error(sqlite3.OperationalError(message)) is is_query


def test_bad_search_expressions_are_query_errors_naming_the_expression(store: Store) -> None:
    _three(store)
    causes = {
        '"zorb': "unterminated string",
        "place:zorb": "no such column: place",
        "zorb AND": 'fts5: syntax error near ""',
        "*zorb": "unknown special query: zorb",
    }
    for match, cause in causes.items():
        with pytest.raises(InvalidSearchQueryError) as bad:
            store.search(match, Filters(), snippets=False)
        assert str(bad.value) == f"invalid search query {match!r}: {cause}"
        with pytest.raises(InvalidSearchQueryError) as bad:
            store.count_matches(match, Filters())
        assert str(bad.value) == f"invalid search query {match!r}: {cause}"


def test_a_nul_inside_a_quoted_term_is_dropped_before_matching(store: Store) -> None:
    _three(store)
    assert store.count_matches('"zo\x00rb"', Filters()) == 3
    assert store.count_matches('"zo\x00rb"', Filters(sources=("Wire",))) == 2
    assert [h.article.id for h in store.search('"zo\x00rb"', Filters(), newest=True, snippets=False)] == [
        f"{n:016x}" for n in (1, 2, 4)
    ]


def test_search_snippet_of_a_body_that_does_not_start_with_the_summary(store: Store) -> None:
    store.save([_article(1, summary="Weather news for the week.", body="Zorb found today in the north.")])
    hits = store.search('"zorb"', Filters())
    assert [h.snippet for h in hits] == [f"{HIT_START}Zorb{HIT_END} found today in the north."]


def test_rows_updated_together_leave_the_index_as_a_store_built_afresh(tmp_path: Path) -> None:
    # Three rows rewritten in one save: each old entry leaves the index exactly once (a second delete of
    # the same entry corrupts a contentless FTS5 index), so ranks equal those of a store that only ever
    # held the new texts, and a word of the old texts finds nothing.
    def texts(suffix: str) -> list[Article]:
        return [
            _article(1, body=f"zorb alpha beta {suffix}"),
            _article(2, body=f"zorb gamma {suffix}"),
            _article(3, body=f"zorb delta epsilon {suffix}"),
        ]

    with Store.open(tmp_path / "updated.db") as updated, Store.open(tmp_path / "fresh.db") as fresh:
        updated.save(texts("old"))
        result = updated.save(texts("new"))
        assert (result.new, result.updated, result.unchanged) == (0, 3, 0)
        fresh.save(texts("new"))
        for match in ('"zorb"', '"new"', '"alpha"', '"epsilon"'):
            got = [(h.article.id, h.rank) for h in updated.search(match, Filters(), snippets=False)]
            assert got == [(h.article.id, h.rank) for h in fresh.search(match, Filters(), snippets=False)]
        assert updated.count_matches('"old"', Filters()) == 0
        assert updated.count_matches('"new"', Filters()) == 3


_FRENCH = "Le gouvernement français a annoncé mercredi une nouvelle réforme des retraites, contestée par les syndicats."


def test_a_feeds_language_is_detected_once_from_its_first_twelve_entries(store: Store) -> None:
    numbers = [_article(n, title=f"{2000 + n}", body="", language="", origin="feed-a") for n in range(1, 13)]
    late = _article(13, title=_FRENCH, body="", language="", origin="feed-a")  # the 13th entry is not read
    numbers_b = [_article(n, title=f"{2000 + n}", body="", language="", origin="feed-b") for n in range(21, 32)]
    twelfth = _article(32, title=_FRENCH, body="", language="", origin="feed-b")  # the 12th entry is
    store.save([*numbers, late])
    store.save([*numbers_b, twelfth])
    by_origin = _rows(store, "SELECT origin, language, count(*) FROM articles GROUP BY origin, language")
    assert by_origin == [("feed-a", "", 13), ("feed-b", "fr", 12)]


def test_a_single_files_language_is_detected_from_its_body_too(store: Store) -> None:
    store.save([_article(1, title="", summary="", body=_FRENCH, language="", origin="/news/a.txt")])
    store.save([_article(2, title="", summary="", body=_FRENCH, language="", origin="/news/b.txt")])
    store.save([_article(3, title="Kurz", body="Hallo", language="de", origin="/news/c.txt")])  # declared
    assert _rows(store, "SELECT id, language FROM articles ORDER BY id") == [
        (f"{1:016x}", "fr"),
        (f"{2:016x}", "fr"),
        (f"{3:016x}", "de"),
    ]


def test_an_alias_is_found_by_a_prefix_followed_by_a_letter(store: Store) -> None:
    url = "https://news.example/one"
    store.save([_article(1, url=url), _article(0xAB, url=url)])  # 00000000000000ab: an alias of row 1
    assert store.get("00000000000000a").id == f"{1:016x}"  # the alias goes on with 'b' after the prefix
    assert store.get("00000000000000ab").id == f"{1:016x}"
    with pytest.raises(NotFoundError):
        store.get("00000000000000c")


def _graded(store: Store) -> dict[int, str]:
    """12 articles whose bodies hold 'zorb' k times in 12 words (k = 1..12): with equal lengths, bm25 ranks
    more occurrences higher, so the best hit is k = 12. Even k is French; k = 1, the worst, is from Rare."""
    articles = [
        _article(
            k,
            body=" ".join(["zorb"] * k + ["filler"] * (12 - k)),
            language="fr" if k % 2 == 0 else "en",
            source="Rare" if k == 1 else "Wire",
        )
        for k in range(1, 13)
    ]
    store.save(articles)
    return {k: f"{k:016x}" for k in range(1, 13)}


def test_ranked_search_with_a_filter_keeps_the_best_passing_hits_in_order(store: Store) -> None:
    ids = _graded(store)
    assert [h.article.id for h in store.search('"zorb"', Filters(limit=3), snippets=False)] == [
        ids[12],
        ids[11],
        ids[10],
    ]
    hits = store.search('"zorb"', Filters(sources=("Wire",), limit=3), snippets=False)
    assert [h.article.id for h in hits] == [ids[12], ids[11], ids[10]]
    hits = store.search('"zorb"', Filters(languages=("fr",), limit=4), snippets=False)
    assert [h.article.id for h in hits] == [ids[12], ids[10], ids[8], ids[6]]
    hits = store.search('"zorb"', Filters(languages=("en",), limit=1), snippets=False)
    assert [h.article.id for h in hits] == [ids[11]]
    hits = store.search('"zorb"', Filters(languages=("fr",), limit=2, offset=1), snippets=False)
    assert [h.article.id for h in hits] == [ids[10], ids[8]]  # two after the first


def test_ranked_search_finds_a_passing_hit_beyond_the_first_ten_per_row_asked(store: Store) -> None:
    # limit 1: the best 10 matches are probed first; the one passing hit ranks 12th, so the full query finds it.
    ids = _graded(store)
    hits = store.search('"zorb"', Filters(sources=("Rare",), limit=1), snippets=False)
    assert [h.article.id for h in hits] == [ids[1]]
    assert store.search('"zorb"', Filters(sources=("Nobody",), limit=1), snippets=False) == []
    hits = store.search('"zorb"', Filters(sources=("Rare", "Wire"), limit=2), snippets=False)
    assert [h.article.id for h in hits] == [ids[12], ids[11]]


def test_a_prefix_shared_by_aliases_of_two_rows_asks_for_more(store: Store) -> None:
    store.save([_article(1, url="https://news.example/one"), _article(0xA1, url="https://news.example/one")])
    store.save([_article(2, url="https://news.example/two"), _article(0xA2, url="https://news.example/two")])
    with pytest.raises(NotFoundError) as several:
        store.get("00000000000000a")  # 00000000000000a1 and 00000000000000a2: aliases of two rows
    assert str(several.value) == "id prefix '00000000000000a' matches several articles; give more of it"
    assert store.get("00000000000000a2").id == f"{2:016x}"


def test_search_without_snippets_gives_empty_ones_even_with_a_highlight(store: Store) -> None:
    from newsreader.lang.query import highlight_of

    _three(store)
    hits = store.search('"zorb"', Filters(sources=("Daily",)), snippets=False)
    assert [(h.article.id, h.snippet) for h in hits] == [(f"{2:016x}", "")]
    hits = store.search('"zorb"', Filters(sources=("Daily",)), highlight_of('"zorb"'), snippets=False)
    assert [(h.article.id, h.snippet) for h in hits] == [(f"{2:016x}", "")]


def test_snippet_marks_words_by_the_articles_own_language(store: Store) -> None:
    from newsreader.lang.query import compile_plain

    store.save([_article(1, summary="", body="The elections were held on Sunday.", language="en")])
    query = compile_plain("election", ["en"])  # the English stem "elect" matches "elections"
    hits = store.search(query.match, Filters(), query.highlight)
    assert [h.snippet for h in hits] == [f"The {HIT_START}elections{HIT_END} were held on Sunday."]


def test_source_country_filter_reads_codes_in_any_case(store: Store) -> None:
    store.save(
        [
            _article(1, source_country="FR", countries=(CountryTag("DE", 1, True, True),)),
            _article(2, source_country="DE", countries=(CountryTag("FR", 1, True, True),)),
            _article(3, source_country="IR", countries=(CountryTag("IQ", 1, True, True),)),
            _article(4),
        ]
    )
    assert [a.id for a in store.query(Filters(source_countries=("fr",)))] == [f"{1:016x}"]
    assert [a.id for a in store.query(Filters(source_countries=("de", "IR")))] == [f"{2:016x}", f"{3:016x}"]
    assert store.count_matching(Filters(source_countries=("fr", "de"))) == 2
    about = Filters(countries=("FR", "DE"), source_countries=("fr", "ir"))  # about France or Germany, from FR or IR
    assert [a.id for a in store.query(about)] == [f"{1:016x}"]


def test_a_twin_of_an_unchanged_article_becomes_an_alias_of_its_row(store: Store) -> None:
    url = "https://news.example/one"
    store.save([_article(1, url=url), _article(5)])
    result = store.save([_article(1, url=url), _article(2, url=url), _article(3)])  # 1 unchanged, 2 its twin
    assert (result.new, result.updated, result.unchanged) == (1, 0, 1)
    assert result.new_ids == [f"{3:016x}"]
    seq = _rows(store, "SELECT seq FROM articles WHERE id = ?", f"{1:016x}")[0][0]
    assert _rows(store, "SELECT id, article FROM article_aliases") == [(f"{2:016x}", seq)]
    assert store.count() == 3


def test_a_carrier_counts_as_updated_once_then_unchanged(store: Store) -> None:
    url = "https://news.example/story"
    store.save([_article(1, url=url, origin="feed-a")])
    first = store.save([_article(2, url=url, origin="feed-b"), _article(3, origin="feed-b")])
    assert (first.new, first.updated, first.unchanged) == (1, 1, 0)
    again = store.save([_article(2, url=url, origin="feed-b"), _article(3, origin="feed-b")])
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)
    assert _rows(store, "SELECT origin FROM article_origins") == [("feed-b",)]


def test_an_updated_article_keeps_only_its_new_tags(store: Store) -> None:
    store.save([_article(1, regions=("Europe",), countries=(CountryTag("FR", 2, True, True),)), _article(2)])
    changed = _article(1, title="Changed", regions=("Asia",), countries=(CountryTag("JP", 1, False, True),))
    assert store.save([changed]).updated == 1
    seq = _rows(store, "SELECT seq FROM articles WHERE id = ?", f"{1:016x}")[0][0]
    assert _rows(store, "SELECT article, code, mentions FROM article_countries") == [(seq, "JP", 1)]
    assert _rows(store, "SELECT article, region FROM article_regions") == [(seq, "Asia")]


def test_a_source_name_is_searchable(store: Store) -> None:
    from newsreader.lang.query import compile_plain

    _three(store)  # only article 2 comes from "Daily", and no text holds the word
    query = compile_plain("daily", ["en"])
    assert [h.article.id for h in store.search(query.match, Filters(), snippets=False)] == [f"{2:016x}"]


def test_more_rows_than_two_chunks_are_all_read_and_matched(store: Store) -> None:
    # 1,001 articles: past two chunks of 500 bound parameters, so every chunked lookup needs its third chunk.
    n = 1001
    tags = (CountryTag("IR", 1, True, True),)
    url = "https://news.example/{}"
    articles = [_article(k, url=url.format(k), body="zorb") for k in range(1, n + 1)]
    articles[-1] = _article(n, url=url.format(n), body="zorb", countries=tags)  # the oldest: last in every list
    assert store.save(articles).new == n
    assert (store.save(articles).unchanged, store.count()) == (n, n)  # every stored id found again
    twins = [replace(a, id=f"{int(a.id, 16) + 0x100000:016x}") for a in articles]  # the same links, other ids
    assert (store.save(twins).unchanged, store.count()) == (n, n)
    assert len(_rows(store, "SELECT id FROM article_aliases")) == n
    assert (store.save(twins).unchanged, store.count()) == (n, n)  # and again, now found as aliases
    store.save([_article(n + 1, url=url.format(n), origin="feed-b", source="Other")])  # carries the oldest
    listed = store.query(Filters(limit=0))
    assert len(listed) == n
    assert (listed[-1].id, listed[-1].countries, listed[-1].carriers) == (f"{n:016x}", tags, (("feed-b", "Other"),))
    hits = store.search('"zorb"', Filters(limit=0), newest=True, snippets=False)
    assert len(hits) == n
    assert hits[-1].article.id == f"{n:016x}"


def test_listed_articles_carry_their_own_tags_and_carriers_once(store: Store) -> None:
    store.save(
        [
            _article(1, url="https://news.example/1", countries=(CountryTag("FR", 2, True, True),)),
            _article(2, url="https://news.example/2", countries=(CountryTag("DE", 1, False, True),)),
        ]
    )
    store.save(
        [
            _article(3, url="https://news.example/1", origin="feed-b", source="B"),
            _article(4, url="https://news.example/2", origin="feed-c", source="C"),
        ]
    )
    listed = store.query(Filters())
    assert [(a.id, [c.code for c in a.countries], a.carriers) for a in listed] == [
        (f"{1:016x}", ["FR"], (("feed-b", "B"),)),
        (f"{2:016x}", ["DE"], (("feed-c", "C"),)),
    ]


def test_every_field_reads_back_as_saved(store: Store) -> None:
    full = _article(
        1,
        author="A. Writer",
        url="https://news.example/full",
        summary="The summary.",
        body="The summary. And the rest of the body.",
        countries=(CountryTag("IR", 3, True, True), CountryTag("IQ", 1, False, False, declared=True)),
        regions=("Middle East", "Asia"),
        tags=("World", "Politics"),
        source_country="GB",
        language="en",
        published=datetime(2026, 2, 9, 23, 30, tzinfo=timezone(timedelta(hours=5, minutes=30))),
    )
    undated = _article(2, dated=False, language="fr")
    clamped = _article(3, dated=False, date_clamped=True, language="de")
    store.save([full, undated, clamped])
    store.save([_article(4, url="https://news.example/full", origin="feed-b", source="Other")])  # a carrier
    st.set_read(store, [full.id], True)
    st.set_starred(store, [undated.id], True)
    got = store.get(full.id)
    assert got == replace(full, carriers=(("feed-b", "Other"),))
    assert got.published == datetime(2026, 2, 9, 18, 0, tzinfo=UTC)
    assert got.countries[1].declared is True
    assert (got.read, got.starred) == (True, False)
    listed = {a.id: a for a in store.query(Filters())}
    assert listed[full.id] == replace(full, carriers=(("feed-b", "Other"),), body="")  # lists carry no body
    assert (listed[undated.id].dated, listed[undated.id].date_clamped) == (False, False)
    assert (listed[clamped.id].dated, listed[clamped.id].date_clamped) == (False, True)
    assert (listed[undated.id].read, listed[undated.id].starred) == (False, True)
    assert (listed[full.id].read, listed[full.id].starred) == (True, False)
    assert [a for batch in store.iter_articles() for a in batch if a.id == full.id] == [got]


def test_each_filter_alone_narrows_counts_and_ranked_hits(store: Store) -> None:
    # Four matching articles, each filter below passes exactly one of them (hand-picked), so a filter that
    # is taken for "no filter" shows as 4 instead of 1.
    store.save(
        [
            _article(1, body="zorb", source="One", source_country="FR"),
            _article(2, body="zorb", countries=(CountryTag("JP", 1, True, True),), language="ja"),
            _article(3, body="zorb", regions=("Sahel",)),
            _article(4, body="zorb", published=NOW - timedelta(days=30)),
        ]
    )
    st.set_read(store, [f"{n:016x}" for n in (1, 2, 3)], True)
    st.set_starred(store, [f"{2:016x}"], True)
    cases = {
        "sources": (Filters(sources=("one",)), 1),
        "source_countries": (Filters(source_countries=("FR",)), 1),
        "countries": (Filters(countries=("JP",)), 2),
        "regions": (Filters(regions=(RegionFilter("Sahel", frozenset()),)), 3),
        "languages": (Filters(languages=("ja",)), 2),
        "unread": (Filters(unread=True), 4),
        "starred": (Filters(starred=True), 2),
        "since": (Filters(since=NOW - timedelta(hours=1, minutes=30)), 1),
        "until": (Filters(until=NOW - timedelta(days=29)), 4),
    }
    for name, (filters, expected) in cases.items():
        assert store.count_matches('"zorb"', filters) == 1, name
        assert [h.article.id for h in store.search('"zorb"', filters, snippets=False)] == [f"{expected:016x}"], name


def test_an_id_is_found_by_a_prefix_followed_by_a_letter(store: Store) -> None:
    store.save([_article(0xAB), _article(0x0B)])  # 00000000000000ab and 000000000000000b
    assert store.get("00000000000000a").id == "00000000000000ab"
    assert store.get("00000000000000A").id == "00000000000000ab"  # ids are read in lower case
    with pytest.raises(NotFoundError) as several:
        store.get("0000000000000")
    assert str(several.value) == "id prefix '0000000000000' matches several articles; give more of it"
    with pytest.raises(NotFoundError) as bad:
        store.get("00x")
    assert str(bad.value) == "no article with id '00x' (ids are hexadecimal, see `show`)"


def test_open_makes_missing_folders_and_names_what_it_cannot_open(tmp_path: Path) -> None:
    nested = tmp_path / "one" / "two" / "store.db"
    with Store.open(nested) as made:
        assert made.count() == 0
    with Store.open(nested) as again:  # the folders exist now
        assert again.path == nested
    (tmp_path / "afile").write_text("x")
    with pytest.raises(StorageError) as folder:
        Store.open(tmp_path / "afile" / "sub" / "store.db")
    assert str(folder.value) == f"{tmp_path / 'afile' / 'sub'}: cannot create the data folder (Not a directory)"
    (tmp_path / "adir").mkdir()
    with pytest.raises(StorageError) as directory:
        Store.open(tmp_path / "adir")
    assert str(directory.value) == (
        f"{tmp_path / 'adir'}: cannot open the database (unable to open database file); check that it and its"
        " folder exist and are writable"
    )


def test_a_save_outside_a_fetch_run_records_no_run(store: Store) -> None:
    assert store.run is None
    store.save([_article(1), _article(2)])
    assert _rows(store, "SELECT count(*) FROM fetch_run_articles") == [(0,)]


# -- probe_tags: counted on bare tables (the only columns it reads), so the 20,000 cap costs no saves --------
def _tag_tables(days: int, codes: dict[str, int], regions: dict[str, int]) -> sqlite3.Connection:
    """One article per day from day 0 (published_ts = the day number) and the given number of tag rows."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE articles (published_ts REAL)")
    conn.execute("CREATE TABLE article_countries (article INTEGER, code TEXT)")
    conn.execute("CREATE TABLE article_regions (article INTEGER, region TEXT)")
    conn.executemany("INSERT INTO articles VALUES (?)", [(float(d),) for d in range(days)])
    conn.executemany(
        "INSERT INTO article_countries VALUES (?, ?)", [(i, c) for c, n in codes.items() for i in range(n)]
    )
    conn.executemany(
        "INSERT INTO article_regions VALUES (?, ?)", [(i, r) for r, n in regions.items() for i in range(n)]
    )
    return conn


def _day(n: float) -> datetime:
    return datetime.fromtimestamp(n, UTC)


def test_probe_tags_compares_the_range_with_the_tag_rows_each_bound_inclusive() -> None:
    from newsreader.store.db import probe_tags

    conn = _tag_tables(100, {"TD": 10, "ML": 3}, {"Sahel": 2})
    td = ("TD",)
    # days 10..19 inclusive: 10 articles, 10 TD rows -> probes (a range no larger than the tags)
    assert probe_tags(conn, Filters(countries=td, since=_day(10), until=_day(19))) is True
    assert probe_tags(conn, Filters(countries=td, since=_day(10), until=_day(20))) is False  # 11 > 10
    assert probe_tags(conn, Filters(countries=td, since=_day(9.5), until=_day(19))) is True  # still 10
    # one bound alone: the other side is open
    assert probe_tags(conn, Filters(countries=td, since=_day(90))) is True  # days 90..99: 10
    assert probe_tags(conn, Filters(countries=td, since=_day(89))) is False  # 11
    assert probe_tags(conn, Filters(countries=td, until=_day(9))) is True  # days 0..9: 10
    assert probe_tags(conn, Filters(countries=td, until=_day(10))) is False
    # codes of countries and regions together; a region's name counts unless --primary
    sahel = RegionFilter("Sahel", frozenset({"ML"}))
    # 15 articles (days 0..14) against 10 TD + 3 ML rows + 2 rows naming the region: 15 <= 15
    assert probe_tags(conn, Filters(countries=td, regions=(sahel,), until=_day(14))) is True
    assert probe_tags(conn, Filters(countries=td, regions=(sahel,), until=_day(15))) is False  # 16 > 15
    assert probe_tags(conn, Filters(regions=(sahel,), until=_day(4))) is True  # 5 <= 3 ML + 2 named
    assert probe_tags(conn, Filters(regions=(sahel,), until=_day(5))) is False  # 6 > 5
    assert probe_tags(conn, Filters(regions=(sahel,), until=_day(4), primary=True)) is False  # 5 > 3 ML
    assert probe_tags(conn, Filters(regions=(sahel,), until=_day(2), primary=True)) is True  # 3 <= 3
    unknown = RegionFilter("Nowhere", frozenset())
    assert probe_tags(conn, Filters(regions=(unknown,), until=_day(0))) is False  # 1 > 0
    # no tag filter, or no range: never
    assert probe_tags(conn, Filters(since=_day(99))) is False
    assert probe_tags(conn, Filters(countries=td)) is False
    assert probe_tags(conn, Filters(countries=("XX",), since=_day(100))) is True  # 0 in range, 0 tags
    conn.close()


def test_probe_tags_never_probes_a_range_of_20000_articles_or_more() -> None:
    from newsreader.store.db import probe_tags

    conn = _tag_tables(20_000, {"IR": 25_000}, {})
    assert probe_tags(conn, Filters(countries=("IR",), since=_day(1))) is True  # 19,999 in range
    assert probe_tags(conn, Filters(countries=("IR",), since=_day(0))) is False  # 20,000: the cap
    assert probe_tags(conn, Filters(countries=("IR",), until=_day(19_998))) is True
    conn.close()


def test_probe_tags_counts_region_names_only_as_far_as_needed() -> None:
    from newsreader.store.db import probe_tags

    # 6 articles in range; 4 ML rows and 3 rows naming the region: 7 >= 6 -> probes; 2 naming it: 6 -> probes
    sahel = RegionFilter("Sahel", frozenset({"ML"}))
    conn = _tag_tables(6, {"ML": 4}, {"Sahel": 3, "Other": 50})
    assert probe_tags(conn, Filters(regions=(sahel,), since=_day(0))) is True
    conn.close()
    conn = _tag_tables(6, {"ML": 4}, {"Sahel": 1, "Other": 50})
    assert probe_tags(conn, Filters(regions=(sahel,), since=_day(0))) is False  # 5 < 6: other regions not counted
    conn.close()
    conn = _tag_tables(6, {"ML": 7}, {})
    assert probe_tags(conn, Filters(regions=(sahel,), since=_day(0))) is True  # enough without the names
    conn.close()


def test_languages_are_detected_from_the_first_600_body_and_200_summary_characters(store: Store) -> None:
    # A Greek title, then digits whose only letters are Korean syllables: CLD2 says Greek while the sample
    # holds 11 of them, Korean once a 12th comes in (hand-checked with pycld2). The 12th sits just past the
    # sample: at body character 601 for an article alone, at summary character 201 for a feed's entries.
    title = "Αθήνα Θεσσαλονίκη"
    body = "1 " * 294 + " " + "한" * 12 + " 2"
    summary = "1 " * 93 + " " * 3 + "한" * 14
    assert body[:600].count("한") == 11 and body[600] == "한"
    assert summary[:200].count("한") == 11 and summary[200] == "한"
    alone = _article(1, title=title, body=body, language="", origin="file-alone")
    feed = [_article(n, title=title, summary=summary, body="", language="", origin="feed-g") for n in (2, 3)]
    store.save([alone, *feed])
    assert _rows(store, "SELECT id, language FROM articles ORDER BY id") == [(f"{n:016x}", "el") for n in (1, 2, 3)]


# -- save() with parts derived beforehand (store/derive.py): hand-made parts that no text would give -----------
def _made(key: str, language: str, lead: int, packed: str, terms: tuple[str, str, str, str], vector: str) -> Derived:
    return Derived(key, language, lead, packed, terms, vector)


def _pending(store: Store) -> dict[str, str]:
    return dict(
        _rows(store, "SELECT a.id, p.terms FROM story_pending p JOIN articles a ON a.seq = p.article")  # type: ignore[arg-type]
    )


def test_save_takes_derived_parts_as_they_are_when_they_cover_the_batch(store: Store) -> None:
    one = _article(1, url="https://example.com/one", summary="Lead.", body="Lead.\n\nRest.")
    two = _article(2, url="https://example.com/two")
    made = {
        one.id: _made("k-one", "xx", 5, "Lead.\n\nRest!", ("tone", "sone", "bone", "srcone"), "vone 1.0"),
        two.id: _made("k-two", "yy", 0, "Other.", ("ttwo", "", "btwo", "srctwo"), "vtwo 1.0"),
    }
    result = store.save([one, two], group_later=True, derived=made)
    assert (result.new, result.updated) == (2, 0)
    assert _rows(store, "SELECT id, language, url_key, lead, text, summary_len FROM articles ORDER BY id") == [
        (one.id, "xx", "k-one", 5, "Lead.\n\nRest!", 5),  # the derived text as it is, the summary's length
        (two.id, "yy", "k-two", 0, "Other.", len(two.summary)),
    ]
    assert _pending(store) == {one.id: "vone 1.0", two.id: "vtwo 1.0"}
    assert [store.count_matches(t, Filters()) for t in ("tone", "sone", "bone", "srcone", "btwo", "lead", "rest")] == [
        1, 1, 1, 1, 1, 0, 0,
    ]  # fmt: skip


def test_derived_parts_missing_one_article_are_not_used_at_all(store: Store) -> None:
    one = _article(1, url="https://example.com/one", summary="Lead.", body="Lead.\n\nRest.")
    two = _article(2, url="https://example.com/two")
    partial = {one.id: _made("k-one", "xx", 0, "X", ("tone", "", "", ""), "vone 1.0")}
    for derived in (partial, {}):
        store.save([one, two], group_later=True, derived=derived)
        assert _rows(store, "SELECT id, language, url_key, lead, text, summary_len FROM articles ORDER BY id") == [
            (one.id, "en", "example.com/one", 5, "Lead.\n\nRest.", 5),
            (two.id, "en", "example.com/two", 0, two.summary + "Body 2.", len(two.summary)),
        ]
        assert "vone 1.0" not in _pending(store).values()
        assert store.count_matches("tone", Filters()) == 0 and store.count_matches("rest", Filters()) == 1


def test_derived_link_keys_make_twins_and_match_stored_rows(store: Store) -> None:
    from newsreader.store.derive import derive

    # The index terms must be what the text gives (an update deletes the old entry by them): derive() makes
    # them; only the link key is replaced, by one no URL here has.
    def keyed(*articles: Article) -> dict[str, Derived]:
        return {i: replace(d, url_key="k-same") for i, d in derive(articles).items()}

    first = _article(1, url="https://a.example/x")
    twin = _article(2, url="https://b.example/y")  # another URL, the same derived key: one article
    result = store.save([first, twin], derived=keyed(first) | keyed(twin))
    assert (result.new, store.count()) == (1, 1)
    assert store.get(twin.id).id == first.id  # the twin's id is an alias of the kept row
    later = _article(3, url="https://c.example/z", title="Article 1, updated")
    result = store.save([later], derived=keyed(later))
    assert (result.new, result.updated, store.count()) == (0, 1, 1)  # the stored row under that key, updated
    assert store.get(later.id).title == "Article 1, updated"
    assert _rows(store, "SELECT id, url_key FROM articles") == [(first.id, "k-same")]
    assert [store.count_matches(t, Filters()) for t in ("updat", "articl")] == [1, 1]


def test_probe_tags_needs_both_a_tag_filter_and_a_range() -> None:
    from newsreader.store.db import probe_tags

    conn = _tag_tables(5, {"TD": 10}, {})
    assert probe_tags(conn, Filters(countries=("TD",))) is False  # 5 articles <= 10 tags, but no range
    assert probe_tags(conn, Filters(since=_day(100))) is False  # 0 in range <= 0 tags, but no tag filter
    conn.close()


def test_probe_tags_adds_region_names_whenever_the_codes_fall_short_and_caps_them_at_the_range() -> None:
    from newsreader.store.db import probe_tags

    sahel = RegionFilter("Sahel", frozenset({"ML"}))
    conn = _tag_tables(6, {"ML": 5}, {"Sahel": 1})  # 5 ML rows: one short of the 6 in range; 1 name fills it
    assert probe_tags(conn, Filters(regions=(sahel,), since=_day(0))) is True
    conn.close()
    conn = _tag_tables(6, {}, {"Sahel": 6})  # no member rows; 6 names: exactly the range
    assert probe_tags(conn, Filters(regions=(sahel,), since=_day(0))) is True
    conn.close()
    conn = _tag_tables(6, {}, {"Sahel": 3, "Sahara": 3, "Other": 9})  # two regions named, 3 rows each
    sahara = RegionFilter("Sahara", frozenset())
    assert probe_tags(conn, Filters(regions=(sahel, sahara), since=_day(0))) is True  # 6 <= 3 + 3
    assert probe_tags(conn, Filters(regions=(sahel, sahara), since=_day(-1), until=_day(5.5))) is True
    assert probe_tags(conn, Filters(regions=(sahara,), since=_day(0))) is False  # 6 > 3
    conn.close()


def test_the_limit_bound_counts_the_offset_and_never_passes_2_to_the_31() -> None:
    from newsreader.store.db import _limit

    assert _limit(Filters(limit=20, offset=7)) == 27
    assert _limit(Filters(limit=0)) == 2**31  # 0: all of them
    assert _limit(Filters(limit=0, offset=7)) == 2**31  # all of them, however many skipped
    assert _limit(Filters(limit=2**40)) == 2**31


def test_a_new_article_waits_for_grouping_with_the_vector_of_its_own_language(store: Store) -> None:
    from newsreader.stories.model import encode, make_vector

    article = _article(
        1,
        title="Ceasefire talks resume in Geneva",
        summary="Negotiators met on Monday.",
        body="Negotiators met on Monday.\n\nMore.",
        url="https://example.com/one",
    )
    store.save([article], group_later=True)
    # the title's and the summary's stems, weighed by English rarity (another language weighs them otherwise)
    expected = encode(make_vector("ceasefir talk resum in geneva", "negoti met on mondai", "en"))
    assert expected != encode(make_vector("ceasefir talk resum in geneva", "negoti met on mondai", ""))
    assert _pending(store) == {article.id: expected}


def test_an_alias_past_the_first_thousand_new_ids_of_a_batch_is_still_found(store: Store) -> None:
    first = _article(1, url="https://example.com/story")
    twin = _article(2, url="https://example.com/story")  # same link: id 2 becomes an alias of row 1
    store.save([first, twin])
    assert store.count() == 1
    # 1,000 new articles, then the twin again under a link no row has: found only by its alias (index 1,000)
    fresh = [_article(10_000 + n, url=f"https://example.com/new/{n}") for n in range(1000)]
    moved = replace(twin, url="https://example.com/moved", title="Article 2, moved")
    result = store.save([*fresh, moved])
    assert (result.new, result.updated, store.count()) == (1000, 1, 1001)
    assert store.get(first.id).title == "Article 2, moved"


def test_undeclared_articles_of_two_origins_are_detected_apart(store: Store) -> None:
    english = _article(
        1,
        title="Ceasefire talks resume in Geneva",
        body="The delegations agreed to meet again next week.",
        language="",
        origin="file-a",
    )
    russian = _article(
        2,
        title="Переговоры в Женеве возобновились",
        body="Делегации договорились встретиться снова на следующей неделе.",
        language="",
        origin="file-b",
    )
    store.save([english, russian])
    assert _rows(store, "SELECT id, language FROM articles ORDER BY id") == [(english.id, "en"), (russian.id, "ru")]


def test_save_numbers_new_rows_on_from_the_highest_and_reports_the_ids_it_wrote(store: Store) -> None:
    one, two, three = _article(1), _article(2), _article(3)
    first = store.save([one, two])
    assert first.ids == [one.id, two.id]
    second = store.save([one, replace(two, title="Article 2, changed"), three])
    assert second.ids == [two.id, three.id]  # the unchanged one is not rewritten
    assert _rows(store, "SELECT seq, id FROM articles ORDER BY seq") == [(1, one.id), (2, two.id), (3, three.id)]


def test_every_new_carrier_of_a_batch_counts_as_updated(store: Store) -> None:
    store.save([_article(1, url="https://example.com/a"), _article(2, url="https://example.com/b")])
    other = [
        _article(11, url="https://example.com/a", origin="feed-b"),
        _article(12, url="https://example.com/b", origin="feed-b"),
    ]
    result = store.save(other)
    assert (result.new, result.updated, result.unchanged) == (0, 2, 0)


def test_an_alias_wins_over_another_rows_link(store: Store) -> None:
    first = _article(1, url="https://example.com/one")
    twin = _article(2, url="https://example.com/one")  # id 2: an alias of row 1
    other = _article(3, url="https://example.com/three")
    store.save([first, twin])
    store.save([other])
    store.save([replace(twin, url="https://example.com/three", title="Moved")])
    assert store.get(first.id).title == "Moved"
    assert store.get(other.id).title == "Article 3"


def test_a_stored_id_past_the_first_thousand_of_a_batch_is_updated_not_inserted(store: Store) -> None:
    stored = _article(1)
    store.save([stored])
    fresh = [_article(10_000 + n) for n in range(1000)]
    result = store.save([*fresh, replace(stored, title="Article 1, changed")])  # the stored id at index 1,000
    assert (result.new, result.updated, store.count()) == (1000, 1, 1001)
    assert store.get(stored.id).title == "Article 1, changed"


def test_times_are_stored_in_utc_whatever_the_local_zone(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Asia/Kolkata")
    time.tzset()
    try:
        fetched = datetime(2026, 2, 10, 12, 0, tzinfo=timezone(timedelta(hours=2)))
        store.save([_article(1, fetched_at=fetched)])
        assert _rows(store, "SELECT published, fetched_at FROM articles") == [
            ("2026-02-10T11:00:00+00:00", "2026-02-10T10:00:00+00:00")
        ]
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_newer_store_is_refused_by_name_even_by_the_read_only_fallback(tmp_path: Path) -> None:
    from newsreader.store.schema import SCHEMA_VERSION

    path = tmp_path / "newer.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    expected = f"{path}: database schema version {SCHEMA_VERSION + 1} is newer than this newsreader understands"
    for opener in (Store.open, Store.open_existing):
        with pytest.raises(StorageError) as caught:
            opener(path)
        assert str(caught.value).startswith(expected), opener


def test_a_store_whose_side_files_cannot_be_made_is_still_read_by_open_existing(tmp_path: Path) -> None:
    # SQLite cannot make the -wal file beside the database (its name is taken by a folder, as it is refused
    # on read-only media or in a folder nobody may write to, which root cannot stage): opening to write
    # fails, and open_existing falls back to the read-only view, which needs no side files.
    path = tmp_path / "news.db"
    with Store.open(path) as store:
        store.save([_article(1)])
    (tmp_path / "news.db-wal").mkdir()
    with pytest.raises(StorageError) as refused:
        Store.open(path)
    assert str(refused.value).startswith(f"{path}: cannot open the database")
    reader = Store.open_existing(path)
    assert reader is not None
    with reader:
        assert reader.count() == 1
        assert reader.get(f"{1:016x}").title == "Article 1"


# --- search: NULs, a caller's highlight, and rankings merged across language groups ---------------------


def _ids(hits: list[object]) -> list[str]:
    return [h.article.id for h in hits]  # type: ignore[attr-defined]


def test_a_nul_inside_a_quoted_search_term_is_dropped_not_an_unterminated_string(store: Store) -> None:
    store.save([_article(1, body="zorb here."), _article(2, body="nothing else.")])
    hits = store.search('"zorb\x00"', Filters(), snippets=False)
    assert _ids(hits) == [f"{1:016x}"]


def test_a_callers_highlight_marks_the_snippet_instead_of_the_matchs_own_terms(store: Store) -> None:
    from newsreader.lang.query import Highlight

    store.save([_article(1, body="alpha beta gamma.")])
    (hit,) = store.search('"alpha"', Filters(), highlight=Highlight(terms={"gamma"}))
    assert f"{HIT_START}gamma{HIT_END}" in hit.snippet
    assert f"{HIT_START}alpha" not in hit.snippet
    (own,) = store.search('"alpha"', Filters())  # no highlight given: the match's own terms
    assert f"{HIT_START}alpha{HIT_END}" in own.snippet


def test_two_language_groups_merge_best_score_first_whatever_the_rowids(store: Store) -> None:
    from newsreader.lang import groups

    # The German article is stored first (lower rowid) and matches weakly; the English one strongly.
    weak = _article(1, language="de", body="zorb " + " ".join(f"wort{i}" for i in range(30)))
    strong = _article(2, language="en", body="zorb zorb kurz.")
    store.save([weak])
    store.save([strong])
    match = groups.join("zorb", [(("de",), "zorb")])
    assert _ids(store.search(match, Filters(), snippets=False)) == [f"{2:016x}", f"{1:016x}"]


def test_equal_scores_from_two_language_groups_come_lower_rowid_first(store: Store) -> None:
    from newsreader.lang import groups

    # Same lengths, one 'zorb' each: equal bm25. The German one is stored first, so it has the lower
    # rowid, though the English (first) group's hits are gathered first.
    store.save([_article(1, language="de", body="zorb eins.")])
    store.save([_article(2, language="en", body="zorb twos.")])
    match = groups.join("zorb", [(("de",), "zorb")])
    hits = store.search(match, Filters(), snippets=False)
    assert hits[0].rank == hits[1].rank
    assert _ids(hits) == [f"{1:016x}", f"{2:016x}"]


def test_a_groups_match_beyond_the_first_window_is_found_only_in_its_own_languages(store: Store) -> None:
    from newsreader.lang import groups

    # limit 1: the best 10 matches of 'zorb' are English; the German group's one match is 11th, so it is
    # found by the full query, which must still keep to German articles.
    english = [_article(n, language="en", body=f"zorb zorb item{n}.") for n in range(2, 12)]
    german = _article(1, language="de", body="zorb " + " ".join(f"wort{i}" for i in range(30)))
    store.save([german, *english])
    match = groups.join("quokka", [(("de",), "zorb")])
    assert _ids(store.search(match, Filters(limit=1), snippets=False)) == [f"{1:016x}"]


def test_the_first_groups_match_beyond_the_window_is_found_only_outside_the_other_languages(
    store: Store,
) -> None:
    from newsreader.lang import groups

    # Mirror image: the first group (every language but German) has its one match 11th of 'zorb'.
    german = [_article(n, language="de", body=f"zorb zorb item{n}.") for n in range(2, 12)]
    english = _article(1, language="en", body="zorb " + " ".join(f"word{i}" for i in range(30)))
    store.save([english, *german])
    match = groups.join("zorb", [(("de",), "quokka")])
    assert _ids(store.search(match, Filters(limit=1), snippets=False)) == [f"{1:016x}"]


def _grouped(head: str, french: str) -> str:
    """A match of two language groups (newsreader.lang.groups): `head` for every language but French,
    `french` for French articles only."""
    from newsreader.lang import groups

    return groups.join(head, [(("fr",), french)])


def _crossed(store: Store) -> dict[int, str]:
    """Each word in both languages: a group's expression must find it only in its own group's language.
    Saved in this order, so rowids follow n."""
    store.save(
        [
            _article(1, body="quix " + "filler " * 11, language="en"),  # head word, head language: once in 12
            _article(2, body="vomp " * 12, language="fr"),  # French word, French: 12 times in 12, the best
            _article(3, body="vomp " + "filler " * 11, language="en"),  # French word, English: never found
            _article(4, body="quix " + "filler " * 11, language="fr"),  # head word, French: never found
            # 20 articles of neither word keep both words rare: bm25's IDF stays well above zero
            *(_article(n, body="filler " * 12, language="en") for n in range(10, 30)),
        ]
    )
    return {n: f"{n:016x}" for n in range(1, 5)}


def test_a_grouped_search_keeps_each_groups_matches_to_its_languages_best_first(store: Store) -> None:
    ids = _crossed(store)
    match = _grouped('"quix"', '"vomp"')
    for filters in (Filters(), Filters(limit=0), Filters(limit=1), Filters(sources=("Wire",), limit=0)):
        # limit 0 (all) is past the probing window: the full query keeps the languages as the probes do
        hits = store.search(match, filters, snippets=False)
        expected = [ids[2], ids[1]][: filters.limit or None]  # 12 occurrences rank above one, whatever the rowid
        assert [h.article.id for h in hits] == expected, filters
    assert store.count_matches(match, Filters()) == 2
    assert store.count_matches(match, Filters(languages=("fr",))) == 1


def test_a_grouped_search_breaks_equal_scores_by_the_lower_rowid(store: Store) -> None:
    # Article 3 (French) and 5 (English) are alike but for the language, so both groups score them equally;
    # the head group (5) is ranked first, the merge still lists 3 first.
    store.save(
        [
            _article(3, body="zorb filler", language="fr"),
            _article(5, body="zorb filler", language="en"),
        ]
    )
    hits = store.search(_grouped('"zorb"', '"zorb"'), Filters(), snippets=False)
    assert [h.article.id for h in hits] == [f"{3:016x}", f"{5:016x}"]
    assert hits[0].rank == hits[1].rank


def test_a_ranked_search_drops_a_nul_before_matching_and_marking(store: Store) -> None:
    store.save([_article(1, summary="", body="A zorb in Paris.")])
    hits = store.search('"zo\x00rb"', Filters())  # ranked, no filter: the match goes to FTS5 as given
    assert [h.snippet for h in hits] == [f"A {HIT_START}zorb{HIT_END} in Paris."]


def test_a_given_highlight_is_used_for_the_snippets_not_one_read_from_the_match(store: Store) -> None:
    from newsreader.lang.query import highlight_of

    store.save([_article(1, summary="", body="A zorb in Paris.")])
    hits = store.search('"zorb"', Filters(), highlight_of('"paris"'))
    assert [h.snippet for h in hits] == [f"A zorb in {HIT_START}Paris{HIT_END}."]


def test_a_grouped_search_applies_the_filters_to_every_group(store: Store) -> None:
    ids = _crossed(store)
    store.save([_article(5, body="vomp " * 12, language="fr", source="Other")])  # as 2, from another source
    match = _grouped('"quix"', '"vomp"')
    for limit in (0, 1, 5):  # the full query, and the probes over the best ten per row asked
        hits = store.search(match, Filters(sources=("Wire",), limit=limit), snippets=False)
        assert [h.article.id for h in hits] == [ids[2], ids[1]][: limit or None], limit
        hits = store.search(match, Filters(sources=("Other",), limit=limit), snippets=False)
        assert [h.article.id for h in hits] == [f"{5:016x}"], limit
    assert store.count_matches(match, Filters(sources=("Other",))) == 1
    assert store.count_matches(match, Filters(sources=("Wire",))) == 2
