"""Stories: grouping at ingest across fetch runs, arrival order, merging, the JSON contract, blindspots.

Real feeds over loopback HTTP (pytest-httpserver) into real SQLite files, through the CLI; the expected
stories are the event labels written into the fixture (tests/stories_support.py).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest
from helpers import invoke, text_as_v15
from pytest_httpserver import HTTPServer
from stories_support import config, feed, groups

QUAKE = frozenset({"quake-a", "quake-c", "quake-d"})
SHUTDOWN = frozenset({"shutdown-a", "shutdown-b"})
FLOOD = frozenset({"flood-a", "flood-c", "flood-d"})
ALL_STORIES = {QUAKE, SHUTDOWN, FLOOD, frozenset({"bakery-b"}), frozenset({"museum-d"})}


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    server = HTTPServer(host="127.0.0.1")
    server.start()
    for outlet in "abcd":
        server.expect_request(f"/{outlet}.xml").respond_with_data(feed(outlet), content_type="application/rss+xml")
    try:
        yield server.url_for("").rstrip("/")
    finally:
        server.stop()


def _fetch(db: Path, cfg: Path, base: str, outlets: str) -> None:
    code, _, err = invoke(db, "--config", str(cfg), "fetch", *(f"{base}/{o}.xml" for o in outlets))
    assert code == 0, err


@pytest.fixture(scope="module")
def store(served: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """All four outlets fetched in two runs: a and c first, then b and d."""
    with pytest.MonkeyPatch.context() as mp:
        root = tmp_path_factory.mktemp("stories")
        mp.setenv("NEWSREADER_DATA_DIR", str(root / "data"))
        db, cfg = root / "news.db", config(root / "config.toml", served)
        _fetch(db, cfg, served, "ac")
        first = groups(db)
        _fetch(db, cfg, served, "bd")
    assert first == {
        frozenset({"quake-a", "quake-c"}),
        frozenset({"shutdown-a"}),
        frozenset({"flood-a"}),
        frozenset({"flood-c"}),
    }
    return db


def test_the_second_fetch_joins_stories_and_a_bridging_article_merges_two(store: Path) -> None:
    # After the first run flood-a and flood-c were two stories (they share no words); flood-d links both.
    assert groups(store) == ALL_STORIES


def test_the_other_arrival_order_gives_the_same_stories(served: str, tmp_path: Path) -> None:
    db, cfg = tmp_path / "other.db", config(tmp_path / "config.toml", served)
    _fetch(db, cfg, served, "db")
    _fetch(db, cfg, served, "ca")
    assert groups(db) == ALL_STORIES


def test_stories_json_is_the_documented_contract(store: Path) -> None:
    code, out, err = invoke(store, "stories", "--json")
    assert code == 0, err
    data = json.loads(out)
    keys = {"id", "title", "articles", "sources", "source_countries", "countries", "regions", "first_seen", "last_seen"}
    assert [set(s) for s in data] == [keys] * 3  # single-article stories only with --min-articles 1
    flood, quake, shutdown = data  # 3 outlets and 3 articles, the latest first; then 2 outlets
    assert {a["url"].rsplit("/", 1)[1] for a in quake["articles"]} == QUAKE
    assert {a["url"].rsplit("/", 1)[1] for a in flood["articles"]} == FLOOD
    assert {a["url"].rsplit("/", 1)[1] for a in shutdown["articles"]} == SHUTDOWN
    assert set(quake["articles"][0]) == {"id", "url", "title", "source", "source_country", "published"}
    first = quake["articles"][0]
    assert (first["source"], first["source_country"], first["published"]) == ("Wire A", "US", "2026-01-05T06:10:00Z")
    assert quake["id"] == first["id"]  # a story is named by its earliest article
    assert sorted(quake["sources"]) == ["Euro D", "Gulf C", "Wire A"]
    assert sorted(quake["source_countries"]) == ["GB", "QA", "US"]
    assert quake["countries"] == ["TR"]
    assert (quake["first_seen"], quake["last_seen"]) == ("2026-01-05T06:10:00Z", "2026-01-05T11:00:00Z")
    assert shutdown["source_countries"] == ["US"]
    code, out, _ = invoke(store, "stories", "--json", "--min-articles", "1", "--limit", "0")
    assert len(json.loads(out)) == 5
    code, out, _ = invoke(store, "stories", "--json", "--limit", "1", "--country", "Hungary")
    assert [len(s["articles"]) for s in json.loads(out)] == [3]


def test_a_story_covered_only_by_one_country_is_flagged_as_a_blindspot(store: Path) -> None:
    _, out, _ = invoke(store, "stories", "--json", "--min-articles", "2")
    by_size = {len(s["sources"]): s for s in json.loads(out)}
    shutdown, quake = by_size[2], by_size[3]
    code, out, err = invoke(store, "stories", shutdown["articles"][1]["id"], "--json")  # any article's id finds it
    assert code == 0, err
    view = json.loads(out)
    assert view["id"] == shutdown["id"]
    assert view["coverage"]["blindspot"] == "covered only by US outlets"
    assert view["coverage"]["regions"] == [{"region": "North America", "articles": 2}]
    assert set(view["coverage"]["not_covered_by"]) == {"Europe", "Middle East"}
    _, out, _ = invoke(store, "stories", quake["id"], "--json")
    assert json.loads(out)["coverage"]["blindspot"] is None
    _, out, _ = invoke(store, "stories", shutdown["id"][:10])
    assert "Blindspot: covered only by US outlets" in out.splitlines()
    assert "Articles: 2 from 2 outlets" in out.splitlines()


def test_stories_listing_piped_and_unknown_ids(store: Path) -> None:
    code, out, _ = invoke(store, "stories")
    lines = [line.split("\t") for line in out.splitlines()]
    assert [(c[1], c[2]) for c in lines] == [("3", "3"), ("3", "3"), ("2", "2")]
    code, _, err = invoke(store, "stories", "ffffffffffffffff")
    assert code == 1 and err == "newsreader: error: no story with id 'ffffffffffffffff'\n"


def test_a_store_of_a_schema_before_stories_is_grouped_by_restory_not_when_opened(store: Path, tmp_path: Path) -> None:
    old = tmp_path / "v9.db"
    old.write_bytes(store.read_bytes())
    conn = sqlite3.connect(old, isolation_level=None)
    text_as_v15(conn)  # v16: the summary and body columns back
    conn.execute("DROP TABLE story_members")
    conn.execute("DROP TABLE stories")
    conn.execute("PRAGMA user_version = 9")
    conn.close()
    code, _, err = invoke(old, "stories")  # opening migrates; grouping waits for a fetch or restory
    assert code == 0 and "the next fetch (or `newsreader restory`) makes them again" in err
    assert groups(old) == set()
    code, _, err = invoke(old, "restory")
    assert code == 0, err
    assert groups(old) == ALL_STORIES


def test_a_store_grouped_by_another_model_version_is_grouped_again_when_next_written(
    store: Path, tmp_path: Path
) -> None:
    from datetime import datetime

    from newsreader.models import Article
    from newsreader.store import Store

    old = tmp_path / "old-model.db"
    old.write_bytes(store.read_bytes())
    conn = sqlite3.connect(old, isolation_level=None)
    conn.execute("UPDATE story_members SET story = (SELECT min(story) FROM stories)")  # what an old model made
    conn.execute("UPDATE store_meta SET value = 'old' WHERE key = 'stories_model'")
    conn.close()
    published = datetime(2026, 2, 1, tzinfo=UTC)
    late = Article(
        id="late",
        title="Chess club elects new chair",
        source="Daily B",
        published=published,
        fetched_at=published,
        origin="test",
        url="https://b.example/chess-b",
    )
    with Store.open(old) as opened:
        opened.save([late])
    assert groups(old) == ALL_STORIES | {frozenset({"chess-b"})}


def test_restory_groups_everything_again_from_nothing(store: Path, tmp_path: Path) -> None:
    db = tmp_path / "restory.db"
    db.write_bytes(store.read_bytes())
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("UPDATE story_members SET story = (SELECT min(story) FROM stories)")  # all in one, wrongly
    conn.close()
    code, _, err = invoke(db, "restory")
    assert code == 0
    assert err == "newsreader: Grouped 10 articles: 3 stories of two or more articles.\n"
    assert groups(db) == ALL_STORIES


def _trends(db: Path, *args: str) -> dict[str, object]:
    code, out, err = invoke(db, "trends", *args, "--json")
    assert code == 0, err
    data: dict[str, object] = json.loads(out)
    return data


def test_trends_count_each_day_with_its_share_of_all_stored_articles(store: Path) -> None:
    # 14 January: flood-a, flood-c, flood-d; Hungary is primary in flood-c and flood-d. 15 January: museum-d.
    data = _trends(store, "--country", "Hungary", "--since", "2026-01-14", "--until", "2026-01-15")
    assert data["series"] == [{"kind": "country", "key": "HU", "name": "Hungary"}]
    assert data["periods"] == [
        {"start": "2026-01-14T00:00:00Z", "total": 3, "counts": [2], "shares": [0.666667]},
        {"start": "2026-01-15T00:00:00Z", "total": 1, "counts": [0], "shares": [0.0]},
    ]
    # Weeks start on Monday: 5-11 January holds quake (3), shutdown (2), bakery (1); 12-18 the rest (4).
    weeks = _trends(
        store, "--country", "HU", "--country", "TR", "--by", "week", "--since", "2026-01-05", "--until", "2026-01-18"
    )
    assert [(p["total"], p["counts"], p["shares"]) for p in weeks["periods"]] == [
        (6, [0, 3], [0.0, 0.5]),
        (4, [2, 0], [0.5, 0.0]),
    ]


def test_trends_by_source_country_and_words(store: Path) -> None:
    data = _trends(store, "--country", "Turkey", "--by", "source-country")
    (series,) = data["series"]
    assert series["articles"] == 3
    assert sorted((c["source_country"], c["articles"], c["share"]) for c in series["source_countries"]) == [
        ("GB", 1, 0.333333),
        ("QA", 1, 0.333333),
        ("US", 1, 0.333333),
    ]
    words = _trends(store, "stopgap", "--since", "2026-01-10", "--until", "2026-01-10")
    assert words["periods"] == [{"start": "2026-01-10T00:00:00Z", "total": 2, "counts": [2], "shares": [1.0]}]
    code, out, _ = invoke(store, "trends", "--country", "HU", "--since", "2026-01-14", "--until", "2026-01-15")
    assert code == 0
    assert out.splitlines() == ["2026-01-14\t3\t2\t0.666667", "2026-01-15\t1\t0\t0.000000"]


def test_trends_alone_lists_what_rose_in_the_last_48_hours(store: Path) -> None:
    data = _trends(store)
    assert (data["now"], data["recent_articles"], data["before_articles"]) == ("2026-01-15T09:00:00Z", 4, 6)
    rising = data["rising"]
    assert isinstance(rising, list) and rising
    for row in rising:
        assert row["recent"]["share"] > row["before"]["share"]
        assert set(row) == {"kind", "key", "name", "recent", "before", "rise", "stories"}
    # "Now" is the newest article (museum-d, 15 January 09:00): the 48 hours before hold the three flood
    # articles and museum-d, Hungary primary in two; the 14 days before hold six articles, none about it.
    (hungary,) = [r for r in rising if r["key"] == "HU"]
    assert hungary["recent"] == {"articles": 2, "share": 0.5}
    assert hungary["before"] == {"articles": 0, "share": 0.0}
    assert [len(s["articles"]) for s in hungary["stories"]] == [3]


def test_show_and_search_with_stories_give_one_row_per_story(store: Path) -> None:
    code, out, err = invoke(store, "show", "--stories", "--json", "--limit", "0")
    assert code == 0, err
    rows = json.loads(out)
    assert len(rows) == 5  # ten articles, five stories
    quake = next(r for r in rows if r["url"].endswith("/quake-d"))  # the newest of its story: listed first
    assert quake["story"]["articles"] == 3
    assert sorted(quake["story"]["sources"]) == ["Euro D", "Gulf C", "Wire A"]
    code, out, _ = invoke(store, "search", "earthquake", "Gaziantep", "--stories")
    assert len(out.splitlines()) == 1
    code, out, _ = invoke(store, "show", "--stories", "--limit", "2")
    assert [line.split("\t")[3] for line in out.splitlines()] == [
        "Museum reopens Roman mosaic gallery in Bath",
        "Tisza dam breach: army evacuates Szolnok as villages flood",
    ]
