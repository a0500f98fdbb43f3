"""store/ case by case, in-process, on real SQLite files, with hand-worked expected values.

Each test pins one rule of leads.py, meta.py, pause.py, state.py, purge.py or links.py with data chosen so
that a small change to the rule (a flipped comparison, a limit off by one, a dropped clause) gives another
answer. Expected rows are written out from the fixture data, never read back through the code under test
alone: where a store function is checked, the check reads the tables with plain SQL.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import threading
import time
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsreader.errors import InvalidSearchQueryError, NotFoundError, StorageError, UsageError
from newsreader.models import Article, CountryTag, Filters, RegionFilter
from newsreader.store import Store, leads, meta, pages, pause, purge, schema, watches
from newsreader.store import state as st
from newsreader.store.links import _union, fold, merge_stored_duplicates

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


# --- leads.py --------------------------------------------------------------------------------------------


def test_split_lead_cases() -> None:
    assert leads.split("", "Body.") == (0, "Body.")
    assert leads.split("Sum.", "") == (0, "")
    assert leads.split("Sum.", "Sum.") == (4, "")
    assert leads.split("Sum.", "Sum. More.") == (4, " More.")
    assert leads.split("Sum.", "Sum.\n\nMore.") == (4, "\n\nMore.")
    assert leads.split("Talks in Doha…", "Talks in Doha, officials said") == (13, ", officials said")
    assert leads.split("Talks in Doha…", "Talks in Doha; then") == (13, "; then")
    assert leads.split("Talks in Doha…", "Talks in Doha: then") == (13, ": then")
    assert leads.split("Talks in Doha…", "Talks in Doha\tthen") == (13, "\tthen")
    assert leads.split("Talks…", "Talks") == (5, "")
    assert leads.split("Iran", "Iranian talks") == (0, "Iranian talks")  # inside a word
    assert leads.split("U.S", "U.S. talks") == (0, "U.S. talks")
    assert leads.split("Other.", "Body.") == (0, "Body.")
    assert leads.split("Talks…", "Tal ks") == (0, "Tal ks")
    assert leads.split("…", "… more") == (1, " more")  # a summary that is only the ellipsis is text
    assert leads.split("…", "x") == (0, "x")
    assert leads.split("Sum!", "Sum and more") == (0, "Sum and more")  # only an ellipsis may be dropped
    assert leads.split("a…", "a b") == (1, " b")  # a one-character lead before the ellipsis
    assert leads.split("Tal…", "Tbx y") == (0, "Tbx y")  # the whole lead must match, not its first letter
    assert leads.split("Talks…", "Talk, x") == (0, "Talk, x")  # nor all but its last letter


def test_join_lead_cases() -> None:
    assert leads.join("Sum.", " More.", 4) == "Sum. More."
    assert leads.join("Talks in Doha…", ", officials", 13) == "Talks in Doha, officials"
    assert leads.join("Sum.", "Body.", 0) == "Body."


# --- meta.py ---------------------------------------------------------------------------------------------


def test_meta_get_and_set(store: Store) -> None:
    assert meta.get_meta(store, "k") is None
    meta.set_meta(store, "k", "v1")
    assert meta.get_meta(store, "k") == "v1"
    meta.set_meta(store, "k", "v2")
    assert meta.get_meta(store, "k") == "v2"
    assert _rows(store, "SELECT key, value FROM store_meta WHERE key = 'k'") == [("k", "v2")]
    assert meta.GAZETTEER_VERSION == "gazetteer_version"


# --- pause.py --------------------------------------------------------------------------------------------


def test_pause_does_nothing_unset_or_for_another_save(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(pause, "_SAVES", itertools.count(1))
    monkeypatch.delenv(pause.VARIABLE, raising=False)
    pause.pause_if_asked()
    monkeypatch.setenv(pause.VARIABLE, "")
    pause.pause_if_asked()
    marker = tmp_path / "marker"
    monkeypatch.setenv(pause.VARIABLE, f"3:{marker}")
    pause.pause_if_asked()  # save 1 (the unset and empty calls did not count)
    pause.pause_if_asked()  # save 2
    assert not marker.exists()
    assert pause.VARIABLE == "NEWSREADER_TEST_PAUSE_IN_SAVE"


def test_pause_waits_on_its_save_until_the_marker_goes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(pause, "_SAVES", itertools.count(1))
    marker = tmp_path / "mark:er"  # the path may hold a colon: only the first one ends the number
    monkeypatch.setenv(pause.VARIABLE, f"2:{marker}")
    pause.pause_if_asked()
    assert not marker.exists()
    seen: list[bool] = []

    def release() -> None:
        for _ in range(500):
            if marker.exists():
                seen.append(True)
                time.sleep(0.05)
                marker.unlink()
                return
            time.sleep(0.01)

    helper = threading.Thread(target=release)
    helper.start()
    began = time.monotonic()
    pause.pause_if_asked()
    waited = time.monotonic() - began
    helper.join()
    assert seen == [True] and not marker.exists()
    assert 0.05 <= waited < 5


# --- state.py --------------------------------------------------------------------------------------------


def test_state_clauses() -> None:
    assert st.state_clauses(Filters()) == ([], [])
    clauses, params = st.state_clauses(Filters(unread=True, starred=True, since_run=0))
    assert clauses == [st.UNREAD, st.STARRED, "a.id IN (SELECT id FROM fetch_run_articles WHERE run >= ?)"]
    assert params == [0]


def test_read_and_star_counts_and_filters(store: Store) -> None:
    store.save([_article(n) for n in range(4)])
    ids = [f"{n:016x}" for n in range(4)]
    assert st.set_read(store, ids[:2], True) == 2
    assert st.set_read(store, ids[:3], True) == 1  # two were read already
    assert st.set_read(store, [ids[0]], False) == 1
    assert st.set_read(store, [ids[0]], False) == 0
    assert st.set_starred(store, [ids[3], ids[3]], True) == 1
    assert st.states(store, ids) == ({ids[1], ids[2]}, {ids[3]})
    assert st.states(store, []) == (set(), set())
    assert _rows(store, "SELECT id FROM article_reads ORDER BY id") == [(ids[1],), (ids[2],)]
    assert _rows(store, "SELECT id FROM article_stars") == [(ids[3],)]
    assert [a.id for a in store.query(Filters(unread=True, limit=0))] == [ids[0], ids[3]]
    assert [a.id for a in store.query(Filters(starred=True, limit=0))] == [ids[3]]
    assert st.unread_by_origin(store, ["feed-a", "nowhere"]) == {"feed-a": 2}
    assert st.unread_by_origin(store, []) == {}


def test_state_in_chunks_of_500(store: Store) -> None:
    articles = [_article(n) for n in range(501)]
    store.save(articles)
    ids = [a.id for a in articles]
    assert st.set_read(store, ids, True) == 501
    read, starred = st.states(store, ids)
    assert len(read) == 501 and starred == set()
    assert st.states(store, ids[-1:]) == ({ids[-1]}, set())
    assert st.set_read(store, ids[:300], False) == 300
    assert st.set_read(store, ids[-1:], False) == 1
    assert st.unread_by_origin(store, ["feed-a"]) == {"feed-a": 301}
    origins = [f"o{n}" for n in range(500)] + ["feed-a"]
    assert st.unread_by_origin(store, origins) == {"feed-a": 301}
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO purged_articles (id, purged_at) VALUES (?, 'x')", [(f"p{n}",) for n in range(501)]
        )
        batch = {f"p{n}": n for n in range(502)}
        assert st.drop_purged(conn, batch) == {"p501": 501}


def test_resolve_ids(store: Store) -> None:
    store.save([_article(0x1A0), _article(0x1A1), _article(0x2B0)])
    full = f"{0x2B0:016x}"
    assert st.resolve_ids(store, [full]) == [full]
    assert st.resolve_ids(store, [" " + full[:-1].upper() + " ", full]) == [full]  # once, case-blind
    assert st.resolve_ids(store, [f"{0x1A0:016x}"]) == [f"{0x1A0:016x}"]
    assert st.resolve_ids(store, [full[:-2]]) == [full]  # the next digit is a letter (b)
    with pytest.raises(NotFoundError) as several:
        st.resolve_ids(store, [f"{0x1A0:016x}"[:-1]])
    assert str(several.value) == f"id prefix {f'{0x1A0:016x}'[:-1]!r} matches several articles; give more of it"
    with pytest.raises(NotFoundError) as missing:
        st.resolve_ids(store, ["fff"])
    assert str(missing.value) == "no article with id 'fff'"
    with pytest.raises(NotFoundError) as bad:
        st.resolve_ids(store, [full, "xyz"])
    assert str(bad.value) == "no article with id 'xyz' (ids are hexadecimal, see `show`)"
    with pytest.raises(NotFoundError) as empty:
        st.resolve_ids(store, ["  "])
    assert str(empty.value) == "no article with id '  ' (ids are hexadecimal, see `show`)"
    with pytest.raises(NotFoundError):
        st.resolve_ids(store, ["g"])


def test_fetch_runs(store: Store) -> None:
    assert st.list_runs(store) == [] and st.nth_last_run(store, 1) is None
    first = st.start_run(store, ["https://a.example/feed", "файл.txt"])
    second = st.start_run(store, [])
    assert (first, second) == (1, 2)
    st.finish_run(store, first, {"new": 3, "updated": 1, "unchanged": 2, "failed": 4}, [{"name": "Ж", "new": 3}])
    assert _rows(store, "SELECT report FROM fetch_runs WHERE run = 1") == [('[{"name": "Ж", "new": 3}]',)]
    st.finish_run(store, second, {}, [])
    runs = st.list_runs(store)
    assert [r.run for r in runs] == [2, 1]
    one = runs[1]
    assert one.targets == ("https://a.example/feed", "файл.txt")
    assert (one.new, one.updated, one.unchanged, one.failed) == (3, 1, 2, 4)
    assert one.sources == ({"name": "Ж", "new": 3},)
    assert one.finished_at is not None and one.started_at <= one.finished_at
    assert abs((one.started_at - datetime.now(UTC)).total_seconds()) < 60
    assert (runs[0].new, runs[0].updated, runs[0].unchanged, runs[0].failed, runs[0].targets) == (0, 0, 0, 0, ())
    assert [r.run for r in st.list_runs(store, limit=1)] == [2]
    third = st.start_run(store, ["x"])
    assert st.list_runs(store)[0].finished_at is None
    assert (st.nth_last_run(store, 1), st.nth_last_run(store, 3), st.nth_last_run(store, 4)) == (third, first, None)
    assert st.run_exists(store, 2) and not st.run_exists(store, 9)


def test_list_runs_gives_the_last_twenty_by_default(store: Store) -> None:
    for _ in range(21):
        st.start_run(store, [])
    assert [r.run for r in st.list_runs(store)] == list(range(21, 1, -1))


def test_runs_record_new_articles_and_since_run(store: Store) -> None:
    run = st.start_run(store, ["feed-a"])
    store.run = run
    store.save([_article(0), _article(1)])
    store.run = None
    store.save([_article(2)])
    later = st.start_run(store, ["feed-a"])
    store.run = later
    store.save([_article(0, title="Changed"), _article(3)])
    assert _rows(store, "SELECT run, id FROM fetch_run_articles ORDER BY run, id") == [
        (run, f"{0:016x}"),
        (run, f"{1:016x}"),
        (later, f"{3:016x}"),
    ]
    assert [a.id for a in store.query(Filters(since_run=later, limit=0))] == [f"{3:016x}"]
    assert [a.id for a in store.query(Filters(since_run=run, limit=0))] == [f"{0:016x}", f"{1:016x}", f"{3:016x}"]


# --- purge.py --------------------------------------------------------------------------------------------


def test_purge_leaves_starred_and_remembers_ids(store: Store) -> None:
    store.save([_article(n, origin="feed-a" if n < 3 else "feed-b") for n in range(5)])
    ids = [f"{n:016x}" for n in range(5)]
    st.set_starred(store, [ids[1]], True)
    st.set_read(store, [ids[0]], True)
    everything = purge.purgeable(store, Filters(limit=0))
    assert sorted(i for _, i in everything) == [ids[0], ids[2], ids[3], ids[4]]
    old = purge.purgeable(store, Filters(until=NOW - timedelta(hours=2, minutes=30), limit=0))
    assert sorted(i for _, i in old) == [ids[3], ids[4]]
    assert sorted(i for _, i in purge.purgeable_origin(store, "feed-a")) == [ids[0], ids[2]]
    assert purge.purgeable_origin(store, "feed-c") == []
    purge.delete(store, purge.purgeable_origin(store, "feed-a"))
    assert _rows(store, "SELECT id FROM articles ORDER BY id") == [(ids[1],), (ids[3],), (ids[4],)]
    assert _rows(store, "SELECT id FROM purged_articles ORDER BY id") == [(ids[0],), (ids[2],)]
    stamps = [datetime.fromisoformat(str(r[0])) for r in _rows(store, "SELECT purged_at FROM purged_articles")]
    assert all(t.tzinfo is not None and abs((t - datetime.now(UTC)).total_seconds()) < 60 for t in stamps)
    for term in ("0", "2"):  # "Article 0", "Body 2.": their index entries went with them
        assert _rows(store, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", term) == [], term
    assert _rows(store, "SELECT id FROM article_reads") == []
    assert sorted(h.article.id for h in store.search("wire", Filters(limit=0))) == [ids[1], ids[3], ids[4]]
    again = store.save([_article(0), _article(2, title="Back?")])
    assert (again.new, again.updated) == (0, 0)
    assert _rows(store, "SELECT count(*) FROM articles") == [(3,)]
    purge.delete(store, [])
    purge.reclaim(store)
    assert _rows(store, "SELECT count(*) FROM articles") == [(3,)]


def test_purge_deletes_the_index_entry_it_was_made_of(store: Store) -> None:
    store.save([_article(1, title="Zebras running", body="A quokka story.", language="en")])
    purge.delete(store, purge.purgeable(store, Filters(limit=0)))
    for term in ("zebra", "run", "quokka"):  # English stems in the title, a word of the body
        assert _rows(store, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", term) == [], term


def test_purge_remembers_aliases_and_works_in_chunks(store: Store) -> None:
    store.save([_article(n, url=f"https://x.example/{n}") for n in range(501)])
    store.save([_article(5000, url="https://x.example/500", origin="feed-a")])  # an alias of the last one
    rows = purge.purgeable(store, Filters(limit=0))
    assert len(rows) == 501
    purge.delete(store, rows)
    assert _rows(store, "SELECT count(*) FROM articles") == [(0,)]
    purged = {r[0] for r in _rows(store, "SELECT id FROM purged_articles")}
    assert len(purged) == 502 and f"{5000:016x}" in purged and f"{500:016x}" in purged
    assert store.search("wire", Filters(limit=0)) == []


# --- links.py --------------------------------------------------------------------------------------------


def test_union() -> None:
    assert _union("a|b", "b|c|a") == "a|b|c"
    assert _union("", "x") == "x"
    assert _union("x||y", "") == "x|y"
    assert _union("", "") == ""


def _insert_twins(store: Store) -> tuple[int, int]:
    keeper = _article(
        1,
        url="https://x.example/1",
        countries=(CountryTag("FR", mentions=2, in_lead=False, primary=True), CountryTag("DE", mentions=1)),
        regions=("Europe",),
        tags=("Politics",),
    )
    other = _article(
        2,
        url="https://y.example/2",
        origin="feed-b",
        source="Other",
        countries=(CountryTag("FR", mentions=5, in_lead=True, primary=False, declared=True), CountryTag("ES")),
        regions=("Europe", "Iberia"),
        tags=("Spain", "Politics"),
        title="Zebras running",
        body="A quokka story.",
        language="en",
    )
    store.save([keeper])
    store.save([other])
    st.set_read(store, [other.id], True)
    st.set_starred(store, [other.id, keeper.id], True)
    seqs = dict(_rows(store, "SELECT id, seq FROM articles"))
    return int(seqs[keeper.id]), int(seqs[other.id])  # type: ignore[call-overload]


def test_fold_moves_everything_to_the_keeper(store: Store) -> None:
    keeper, other = _insert_twins(store)
    kept_id, other_id = f"{1:016x}", f"{2:016x}"
    with store.transaction() as conn:
        conn.execute("INSERT INTO article_origins (article, origin, source) VALUES (?, 'feed-c', 'C')", (other,))
        conn.execute("INSERT INTO article_origins (article, origin, source) VALUES (?, 'feed-a', 'A')", (other,))
        conn.execute("INSERT INTO article_aliases (id, article) VALUES ('old-alias', ?)", (other,))
        conn.execute("DELETE FROM story_members WHERE article = ?", (keeper,))  # saving grouped both
        conn.execute("UPDATE story_members SET story = 7 WHERE article = ?", (other,))
        fold(conn, keeper, other)
    assert _rows(store, "SELECT seq FROM articles") == [(keeper,)]
    assert _rows(store, "SELECT id, article FROM article_aliases ORDER BY id") == [
        (other_id, keeper),
        ("old-alias", keeper),
    ]
    assert _rows(store, "SELECT article, origin, source FROM article_origins ORDER BY rowid") == [
        (keeper, "feed-b", "Other"),
        (keeper, "feed-c", "C"),
    ]
    assert _rows(
        store,
        "SELECT code, mentions, in_lead, is_primary, declared FROM article_countries WHERE article = ? ORDER BY code",
        keeper,
    ) == [("DE", 1, 0, 0, 0), ("ES", 1, 0, 0, 0), ("FR", 5, 1, 1, 1)]
    assert _rows(store, "SELECT count(*) FROM article_countries WHERE article = ?", other) == [(0,)]
    assert _rows(store, "SELECT region FROM article_regions WHERE article = ? ORDER BY region", keeper) == [
        ("Europe",),
        ("Iberia",),
    ]
    assert _rows(store, "SELECT count(*) FROM article_regions WHERE article = ?", other) == [(0,)]
    assert _rows(store, "SELECT regions, tags FROM articles") == [("Europe|Iberia", "Politics|Spain")]
    assert _rows(store, "SELECT id FROM article_reads") == [(kept_id,)]
    assert _rows(store, "SELECT id FROM article_stars") == [(kept_id,)]
    assert store.search("zebra", Filters(limit=0)) == []
    assert _rows(store, "SELECT article, story FROM story_members") == [(keeper, 7)]
    # The contentless index lost the other row's terms (deleted with the terms it was made of).
    for term in ("zebra", "run", "quokka", "other"):
        assert _rows(store, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", term) == [], term
    assert [h.article.id for h in store.search("wire", Filters(limit=0))] == [kept_id]


def test_merge_stored_duplicates(store: Store) -> None:
    store.save([_article(1, url="https://x.example/a"), _article(2, url="https://x.example/b")])
    store.save([_article(3, url="https://x.example/c", origin="feed-b")])
    with store.transaction() as conn:
        conn.execute("UPDATE articles SET url_key = 'same' WHERE id != ?", (f"{2:016x}",))
        assert merge_stored_duplicates(conn) == 1
        assert merge_stored_duplicates(conn) == 0
    assert _rows(store, "SELECT id FROM articles ORDER BY seq") == [(f"{1:016x}",), (f"{2:016x}",)]
    assert _rows(store, "SELECT id FROM article_aliases") == [(f"{3:016x}",)]
    store.save([_article(4, url="https://x.example/d", origin="feed-c"), _article(5, url="https://x.example/e")])
    with store.transaction() as conn:
        conn.execute("UPDATE articles SET url_key = 'again'")
        assert merge_stored_duplicates(conn) == 3  # one group of four rows: three folded


def test_fold_same_origin_adds_no_carrier(store: Store) -> None:
    store.save([_article(1, url="https://x.example/a"), _article(2, url="https://x.example/b")])
    seqs = [int(r[0]) for r in _rows(store, "SELECT seq FROM articles ORDER BY seq")]  # type: ignore[call-overload]
    with store.transaction() as conn:
        fold(conn, seqs[0], seqs[1])
    assert _rows(store, "SELECT count(*) FROM article_origins") == [(0,)]
    assert json.dumps(_rows(store, "SELECT id FROM article_aliases")) == json.dumps([[f"{2:016x}"]])


def _instances(conn: sqlite3.Connection, seq: int) -> list[tuple[object, ...]]:
    """The full-text index's (term, column, offset) entries of one row, read through fts5vocab."""
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms USING fts5vocab(main, articles_fts, instance)")
    return sorted(conn.execute("SELECT term, col, offset FROM temp.terms WHERE doc = ?", (seq,)))


def test_fold_on_v15_columns_drops_the_other_rows_terms(tmp_path: Path) -> None:
    """fold on the columns of a store before v16 (the v6 migration's case): a plain summary and the body's rest
    zlib'd on its own. The other row's body terms leave the contentless index only if the body is unpacked."""
    rest = " ".join(["Wombats crossed the frozen estuary at dawn."] * 20)  # 879 characters: stored zlib'd
    path = tmp_path / "store.db"
    with Store.open(path) as store:
        store.save([_article(1, body="Kept text."), _article(2, title="Other", summary="Gist.", body=rest)])
        seqs = dict(_rows(store, "SELECT id, seq FROM articles"))
    keeper, other = int(seqs[f"{1:016x}"]), int(seqs[f"{2:016x}"])  # type: ignore[call-overload]
    conn = sqlite3.connect(path)
    try:
        from helpers import text_as_v15

        text_as_v15(conn)
        assert isinstance(conn.execute("SELECT body FROM articles WHERE seq = ?", (other,)).fetchone()[0], bytes)
        kept_terms = _instances(conn, keeper)
        assert ("wombat", "body", 0) in _instances(conn, other)  # the body, as index_row made it
        fold(conn, keeper, other)
        assert _instances(conn, other) == []
        assert _instances(conn, keeper) == kept_terms
        assert conn.execute("SELECT id, article FROM article_aliases").fetchall() == [(f"{2:016x}", keeper)]
    finally:
        conn.close()


def test_fold_repoints_a_table_whose_first_listed_foreign_key_is_to_another_table(store: Store) -> None:
    """The generic rule reads every foreign key of a table: one to another table listed before the one to
    articles (SQLite lists them last declared first) does not stop the repointing."""
    keeper, other = _insert_twins(store)
    with store.transaction() as conn:
        conn.execute(
            "CREATE TABLE notes (article INTEGER REFERENCES articles (seq) ON DELETE CASCADE,"
            " run INTEGER REFERENCES fetch_runs (run), note TEXT)"
        )
        assert [r[2] for r in conn.execute("PRAGMA foreign_key_list(notes)")] == ["fetch_runs", "articles"]
        conn.execute("INSERT INTO fetch_runs (run, started_at) VALUES (1, '2026-02-10T12:00:00+00:00')")
        conn.execute("INSERT INTO notes VALUES (?, 1, 'on the other')", (other,))
        fold(conn, keeper, other)
    assert _rows(store, "SELECT article, run, note FROM notes") == [(keeper, 1, "on the other")]


# --- pages.py --------------------------------------------------------------------------------------------

EUROPE = RegionFilter("Europe", frozenset({"FR", "DE", "ES"}))
IBERIA = RegionFilter("Iberia", frozenset({"ES", "FR"}))


def _listing(store: Store) -> list[Article]:
    """Seven articles, newest first by id 0..6; 5 and 6 share a time (so the id breaks the tie)."""
    tags = {
        0: (CountryTag("FR", primary=True),),
        1: (CountryTag("DE"),),
        2: (CountryTag("FR"),),
        4: (CountryTag("ES", primary=True),),
        5: (CountryTag("FR"), CountryTag("DE", primary=True)),
    }
    sources = ["Wire", "Wire", "Wire", "wire", "wire", "Other", "Other"]
    articles = [
        _article(
            n,
            published=NOW - timedelta(hours=min(n, 5)),
            source=sources[n],
            countries=tags.get(n, ()),
            regions=("Europe",) if n == 3 else (),
        )
        for n in range(7)
    ]
    store.save(articles)
    return [store.get(a.id) for a in articles]


def _ids(found: list[Article]) -> list[int]:
    return [int(a.id, 16) for a in found]


def test_pages_after_and_before(store: Store) -> None:
    arts = _listing(store)
    everything = Filters(limit=0)
    first = pages.after(store, everything, None, 3)
    assert _ids(first.articles) == [0, 1, 2]
    assert first.first == (arts[0].published.timestamp(), arts[0].id)
    assert first.last == (arts[2].published.timestamp(), arts[2].id)
    assert _ids(pages.after(store, everything, pages.key_of(arts[2]), 3).articles) == [3, 4, 5]
    assert _ids(pages.after(store, everything, pages.key_of(arts[5]), 10).articles) == [6]
    end = pages.after(store, everything, pages.key_of(arts[6]), 10)
    assert (end.articles, end.first, end.last) == ([], None, None)
    assert pages.after(store, everything, None, -1).articles == []
    assert pages.after(store, everything, None, 0).articles == []
    assert _ids(pages.before(store, everything, pages.key_of(arts[3]), 2).articles) == [1, 2]
    last = pages.before(store, everything, None, 2)
    assert _ids(last.articles) == [5, 6]
    assert last.first == pages.key_of(arts[5]) and last.last == pages.key_of(arts[6])
    assert _ids(pages.before(store, everything, pages.key_of(arts[6]), 1).articles) == [5]
    assert pages.before(store, everything, pages.key_of(arts[0]), 5).articles == []
    assert pages.before(store, everything, None, -2).articles == []
    assert _ids(pages.after(store, everything, None, 9, match="wire").articles) == [0, 1, 2, 3, 4]
    assert _ids(pages.before(store, everything, None, 2, match="other").articles) == [5, 6]
    assert _ids(pages.after(store, everything, None, 9, match="oth\x00er").articles) == [5, 6]


def test_pages_at_from_either_end(store: Store) -> None:
    _listing(store)
    everything = Filters(limit=0)
    assert _ids(pages.at(store, everything, 2, 2).articles) == [2, 3]
    assert _ids(pages.at(store, everything, 5, 5, total=7).articles) == [5, 6]
    assert _ids(pages.at(store, everything, 4, 2, total=7).articles) == [4, 5]
    assert _ids(pages.at(store, everything, 3, 1, total=7).articles) == [3]
    assert _ids(pages.at(store, everything, 4, 1, total=7).articles) == [4]
    assert _ids(pages.at(store, everything, 6, 5, total=7).articles) == [6]
    assert pages.at(store, everything, 9, 5, total=7).articles == []
    assert _ids(pages.at(store, everything, -3, 2).articles) == [0, 1]
    assert pages.at(store, everything, 1, -2, total=7).articles == []
    assert _ids(pages.at(store, everything, 2, 9, match="wire").articles) == [2, 3, 4]
    assert _ids(pages.page(store, everything, 1, 2)) == [1, 2]
    assert _ids(pages.page(store, everything, 0, 2, match="other")) == [5, 6]


def test_pages_count_by_every_path(store: Store) -> None:
    arts = _listing(store)
    st.set_read(store, [arts[0].id, arts[1].id], True)
    assert pages.count(store, Filters()) == 7
    assert pages.count(store, Filters(unread=True)) == 5
    assert pages.count(store, Filters(starred=True)) == 0
    assert pages.count(store, Filters(countries=("FR",))) == 3
    assert pages.count(store, Filters(countries=("FR", "ES"))) == 4
    assert pages.count(store, Filters(countries=("FR",), primary=True)) == 1
    assert pages.count(store, Filters(regions=(EUROPE,))) == 6
    assert pages.count(store, Filters(regions=(EUROPE,), primary=True)) == 3
    assert pages.count(store, Filters(regions=(RegionFilter("Europe", frozenset()),))) == 1
    assert pages.count(store, Filters(regions=(RegionFilter("Nowhere", frozenset()),), primary=True)) == 0
    assert pages.count(store, Filters(countries=("FR",), regions=(IBERIA,))) == 3
    assert pages.count(store, Filters(countries=("FR",), unread=True)) == 2
    assert pages.count(store, Filters(countries=("DE",), unread=True)) == 1
    st.set_starred(store, [arts[5].id, arts[0].id], True)
    assert pages.count(store, Filters(countries=("FR",), starred=True)) == 2
    assert pages.count(store, Filters(countries=("FR",), starred=True, unread=True)) == 1  # both states
    assert pages.count(store, Filters(countries=("FR",), sources=("Wire",))) == 2
    assert pages.count(store, Filters(countries=("FR",)), match="wire") == 2
    assert pages.count(store, Filters(), match="wire") == 5
    assert pages.count(store, Filters(unread=True), match="wire") == 3


def test_pages_neighbour_and_position(store: Store) -> None:
    arts = _listing(store)
    everything = Filters(limit=0)

    def next_id(article: Article, **options: object) -> str | None:
        found = pages.neighbour(store, everything, article, **options)  # type: ignore[arg-type]
        return None if found is None else found.id

    assert next_id(arts[2]) == arts[3].id
    assert next_id(arts[2], forward=False) == arts[1].id
    assert next_id(arts[6]) is None
    assert next_id(arts[0], forward=False) is None
    assert next_id(arts[4], match="other") == arts[5].id
    assert next_id(arts[0], match="other") == arts[5].id
    assert next_id(arts[6], forward=False, match="other") == arts[5].id
    assert pages.position(store, everything, arts[3]) == 3
    assert pages.position(store, everything, arts[6]) == 6
    assert pages.position(store, everything, arts[6], match="other") == 1
    st.set_read(store, [arts[0].id], True)
    assert pages.position(store, Filters(unread=True), arts[3]) == 2
    assert pages.key_of(arts[1]) == ((NOW - timedelta(hours=1)).timestamp(), f"{1:016x}")


def test_pages_counts_per_source_country_and_region(store: Store) -> None:
    arts = _listing(store)
    assert pages.source_counts(store, Filters()) == {"Wire": 5, "Other": 2}
    assert pages.source_counts(store, Filters(countries=("DE",))) == {"Wire": 1, "Other": 1}
    assert pages.country_counts(store, Filters()) == {"FR": 3, "DE": 2, "ES": 1}
    assert pages.country_counts(store, Filters(primary=True)) == {"FR": 1, "ES": 1, "DE": 1}
    assert pages.country_counts(store, Filters(sources=("Other",))) == {"FR": 1, "DE": 1}
    st.set_read(store, [arts[0].id], True)
    assert pages.country_counts(store, Filters(unread=True)) == {"FR": 2, "DE": 2, "ES": 1}
    st.set_starred(store, [arts[4].id], True)
    assert pages.country_counts(store, Filters(starred=True)) == {"ES": 1}
    assert pages.named_regions(store, Filters()) == {"europe"}
    assert pages.named_regions(store, Filters(sources=("Other",))) == set()
    assert pages.named_regions(store, Filters(unread=True)) == {"europe"}


# --- watches.py ------------------------------------------------------------------------------------------


def test_watch_filters_json() -> None:
    assert watches.Watch("w").filters_json() == "{}"
    full = watches.Watch(
        "w",
        "q",
        sources=("A", "B"),
        regions=("Ближний Восток",),
        countries=("IR",),
        source_countries=("GB",),
        languages=("fa",),
        primary=True,
    )
    assert full.filters_json() == (
        '{"countries": ["IR"], "languages": ["fa"], "primary": true, "regions": ["Ближний Восток"], '
        '"source_countries": ["GB"], "sources": ["A", "B"]}'
    )


def test_watches_add_get_replace_remove(store: Store) -> None:
    first = watches.Watch("Iran", "iran OR tehran", countries=("IR",), primary=True)
    watches.add(store, first)
    got = watches.get(store, "Iran")
    assert got == first
    assert abs((datetime.fromisoformat(got.created_at) - datetime.now(UTC)).total_seconds()) < 60
    assert _rows(store, "SELECT name, query, filters FROM watches") == [
        ("Iran", "iran OR tehran", '{"countries": ["IR"], "primary": true}')
    ]
    with pytest.raises(UsageError) as twice:
        watches.add(store, watches.Watch("Iran"))
    assert str(twice.value) == "a watch named 'Iran' exists already; change it with `newsreader watch edit`"
    watches.add(store, watches.Watch("africa", sources=("BBC",)))
    watches.add(store, watches.Watch("Baltic"))
    assert [w.name for w in watches.all_watches(store)] == ["africa", "Baltic", "Iran"]
    watches.replace(store, "Iran", watches.Watch("IRAN", "iran"))  # a new spelling of its own name
    assert watches.get(store, "IRAN") == watches.Watch("IRAN", "iran")
    with pytest.raises(UsageError) as taken:
        watches.replace(store, "IRAN", watches.Watch("Baltic"))
    assert str(taken.value) == "a watch named 'Baltic' exists already"
    with pytest.raises(NotFoundError) as gone:
        watches.replace(store, "nope", watches.Watch("fresh"))
    assert str(gone.value) == "no watch named 'nope' (see `newsreader watch` for the list)"
    watches.remove(store, "Baltic")
    with pytest.raises(NotFoundError) as removed:
        watches.remove(store, "Baltic")
    assert str(removed.value) == "no watch named 'Baltic' (see `newsreader watch` for the list)"
    with pytest.raises(NotFoundError) as missing:
        watches.get(store, "Baltic")
    assert str(missing.value) == "no watch named 'Baltic' (see `newsreader watch` for the list)"
    assert [w.name for w in watches.all_watches(store)] == ["africa", "IRAN"]
    assert watches.get(store, "africa").sources == ("BBC",)


def test_watch_read_from_stored_json(store: Store) -> None:
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO watches (name, query, filters, created_at) VALUES ('x', 'q', ?, 't')",
            ('{"sources": [1, "B"], "primary": 0}',),
        )
        conn.execute("INSERT INTO watches (name, query, filters, created_at) VALUES ('y', '', '', 't')")
    assert watches.get(store, "x") == watches.Watch("x", "q", sources=("1", "B"))
    assert watches.get(store, "y") == watches.Watch("y")
    assert watches.get(store, "y").created_at == "t"


def test_run_index_counts_the_runs_new_articles(store: Store) -> None:
    store.save([_article(0, source="Wire"), _article(1, source="Wire")])
    run = st.start_run(store, [])
    store.run = run
    store.save([_article(2, source="Wire"), _article(3, source="Other", countries=(CountryTag("FR"),))])
    store.save([_article(4, source="Third", title="Zebras running", body="A quokka story.", language="en")])
    store.run = None
    with watches.RunIndex(store, run) as index:
        assert index.size == 3 and index.run == run
        assert index.count("wire", Filters()) == 1
        assert index.count("wire OR other", Filters()) == 2
        assert index.count("quokka", Filters()) == 1  # the body is indexed
        assert index.count("zebra", Filters()) == 1  # in the article's language: English stems
        assert index.count("wire OR other", Filters(countries=("FR",))) == 1
        assert index.count("wire OR other", Filters(since_run=run + 5)) == 2  # the run's own filter is met
        assert index.count("nothing", Filters(countries=("FR",))) == 0
        assert index.count("oth\x00er", Filters()) == 1
        with pytest.raises(InvalidSearchQueryError) as bad:
            index.count('"unclosed', Filters())
        assert str(bad.value).startswith("invalid search query '\"unclosed': ")
    index.__exit__()  # a second exit is harmless
    with pytest.raises(sqlite3.OperationalError):
        store._conn.execute("SELECT count(*) FROM nr_run.fts")
    with watches.RunIndex(store, run, build=False) as unbuilt:
        assert unbuilt.size == 0 and unbuilt.count("wire", Filters()) == 0
    with watches.RunIndex(store, run + 1) as empty:
        assert empty.size == 0 and empty.count("wire", Filters()) == 0
    with watches.RunIndex(store, run) as again:  # detached before: can attach again
        assert again.size == 3


def test_a_run_index_that_fails_half_built_is_rolled_back_and_detached(store: Store) -> None:
    # A stored text that is no zlib stream fails the index build after its BEGIN: the original error
    # reaches the caller, the half-filled index is rolled back and detached, and the store goes on.
    run = st.start_run(store, [])
    store.run = run
    store.save([_article(1, source="Wire"), _article(2, source="Wire")])
    store.run = None
    with store.transaction() as conn:
        conn.execute("UPDATE articles SET text = ? WHERE id = ?", (b"not a zlib stream", f"{2:016x}"))
    with pytest.raises(zlib.error):
        watches.RunIndex(store, run).__enter__()
    assert not store._conn.in_transaction
    with pytest.raises(sqlite3.OperationalError):
        store._conn.execute("SELECT count(*) FROM nr_run.fts")
    meta.set_meta(store, "after", "yes")  # a write transaction opens and commits
    assert meta.get_meta(store, "after") == "yes"


# --- schema.py -------------------------------------------------------------------------------------------


def test_pack_and_unpack() -> None:
    short = "x" * 599
    assert schema.pack(short) == short
    prose = "The talks resumed in Doha on Monday. " * 17  # 629 characters that compress well
    packed = schema.pack(prose)
    assert isinstance(packed, bytes) and len(packed) < len(prose)
    assert zlib.decompress(packed).decode() == prose
    assert schema.unpack(packed) == prose
    exactly = ("ab" * 300)[:600]
    assert isinstance(schema.pack(exactly), bytes)
    random_text = "".join(chr(0x4E00 + (n * 7919) % 20000) for n in range(600))  # does not shrink
    assert schema.pack(random_text) == random_text
    surrogate = "\ud800" + "y" * 700
    assert schema.unpack(schema.pack(surrogate)) == surrogate
    assert schema.unpack("plain") == "plain"
    assert schema.unpack(None) == ""
    assert schema.unpack("") == ""


def test_hash64_and_dated_flag() -> None:
    assert schema.hash64("0" * 16 + "ff") == -(2**63)
    assert schema.hash64("f" * 16) == 2**63 - 1
    assert schema.hash64("8000000000000000abc") == 0
    assert (schema.DATED, schema.UNDATED, schema.CLAMPED) == (1, 0, -1)
    assert schema.dated_flag(_article(0)) == 1
    assert schema.dated_flag(_article(0, dated=False)) == 0
    assert schema.dated_flag(_article(0, dated=False, date_clamped=True)) == -1
    assert schema.dated_flag(_article(0, dated=True, date_clamped=True)) == 1


def test_sql_functions(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "f.db")
    schema.register_functions(conn)
    long = "word " * 200
    row = conn.execute(
        "SELECT nr_unpack(nr_pack(?)), nr_pack(5), nr_hash(?), nr_url_key(?), nr_url_key(3), nr_unpack(NULL)",
        (long, "8" + "0" * 15, "HTTPS://Example.org/a?utm_source=x"),
    ).fetchone()
    assert row[0] == long and row[1] == 5 and row[2] == 0
    assert row[3] != "" and row[4] == "" and row[5] == ""
    assert isinstance(conn.execute("SELECT nr_pack(?)", (long,)).fetchone()[0], bytes)
    conn.close()


def test_migrate_refuses_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.commit()
    with pytest.raises(StorageError) as refused:
        schema.migrate(conn, "the-db")
    assert str(refused.value) == (
        f"the-db: database schema version {schema.SCHEMA_VERSION + 1} is newer than this newsreader understands "
        f"({schema.SCHEMA_VERSION}); upgrade newsreader or use another --db"
    )
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION + 1
    conn.close()


def test_migrate_a_new_file(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.register_functions(conn)
    schema.migrate(conn, str(path))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert conn.execute("PRAGMA page_size").fetchone()[0] == 8192
    assert not conn.in_transaction
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "article_countries", "article_aliases", "store_meta", "watches", "articles_fts"} <= tables
    schema.migrate(conn, str(path))  # current: nothing to do
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    conn.close()


def test_migrate_rolls_back_a_failed_step(tmp_path: Path) -> None:
    path = tmp_path / "half.db"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.register_functions(conn)
    conn.execute("CREATE TABLE articles (x)")  # in the way of the first step
    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(conn, str(path))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    assert not conn.in_transaction
    conn.close()


def test_split_statements() -> None:
    script = (
        "CREATE TABLE a (x);\n"
        "\n"
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
        "  INSERT INTO a VALUES (1);\n"
        "  INSERT INTO a VALUES (2);\n"
        "END;\n"
        "  \n"
        "CREATE TABLE b (y)"
    )
    assert schema._split(script) == [
        "CREATE TABLE a (x);",
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  INSERT INTO a VALUES (1);\n  INSERT INTO a VALUES (2);\nEND;",
        "CREATE TABLE b (y)",
    ]
    assert schema._split("") == []
    assert schema._split(";\n") == [";"]


def test_pages_keys_when_ids_do_not_follow_time(store: Store) -> None:
    # Listing order: B (newest), A, C; their ids run 0x20, 0x10, 0x05, so only the time orders them.
    a = _article(0x10, published=NOW - timedelta(hours=2))
    b = _article(0x20, published=NOW - timedelta(hours=1))
    c = _article(0x05, published=NOW - timedelta(hours=3))
    store.save([a, b, c])
    everything = Filters(limit=0)
    assert _ids(pages.after(store, everything, pages.key_of(a), 5).articles) == [0x05]
    assert _ids(pages.before(store, everything, pages.key_of(a), 5).articles) == [0x20]
    assert _ids(pages.before(store, everything, None, 2, match="wire").articles) == [0x10, 0x05]


def test_pages_at_from_the_end_keeps_the_filters(store: Store) -> None:
    _listing(store)
    other = Filters(sources=("Other",), limit=0)
    assert _ids(pages.at(store, other, 1, 1, total=2).articles) == [6]
    assert _ids(pages.before(store, Filters(limit=0), None, 2, match="wire").articles) == [3, 4]
