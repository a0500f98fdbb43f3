"""Outlets by any reasonable name: --source by whole name, word prefix or feed host; the `sources` list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import copy_store, isolated_env
from tests.helpers import rss, run, serve_feeds

FEEDS = {
    "reuters_world.xml": "Reuters World News",
    "reuters_business.xml": "Reuters Business",
    "bbc_news.xml": "BBC News",
    "bbc_world.xml": "BBC World",
    "guardian.xml": "The Guardian",
    "bbcx.xml": "BBCX Daily",
}


@pytest.fixture(scope="module")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The feeds' store (six files and a loopback feed), fetched once for the module: the two fetches were
    most of every test's time (1 s each). The tests read copies of it (the `store` fixture)."""
    home = tmp_path_factory.mktemp("sources")
    folder = home / "feeds"
    folder.mkdir()
    for name, title in FEEDS.items():
        items = [(f"{title} story {i}", f"https://example.org/{name}/{i}", f"{name}-{i}", "Text.") for i in range(2)]
        (folder / name).write_bytes(rss(title, items))
    db = home / "store.db"
    with isolated_env(home):
        assert run(db, "fetch", str(folder)).exit_code == 0
        with serve_feeds({"/top": rss("Top News", [("Wire story", "https://example.org/w", "w-1", "Text.")])}) as base:
            url = base.replace("127.0.0.1", "localhost") + "/top"
            result = run(db, "fetch", url)
            assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def store(built_store: Path, db: Path) -> Path:
    return copy_store(built_store, db)


def _sources(db: Path, *names: str) -> set[str]:
    args = [arg for name in names for arg in ("--source", name)]
    result = run(db, "show", "-n", "0", *args, "--json")
    assert result.exit_code == 0, result.output
    return {item["source"] for item in json.loads(result.stdout)}


def test_source_matches_a_word_prefix_of_the_name_case_insensitively(store: Path) -> None:
    assert _sources(store, "reuters") == {"Reuters World News", "Reuters Business"}
    assert _sources(store, "bbc") == {"BBC News", "BBC World"}  # not "BBCX Daily": whole words only
    assert _sources(store, "BBC world") == {"BBC World"}
    assert _sources(store, "guardian") == {"The Guardian"}
    assert _sources(store, "the guardian") == {"The Guardian"}
    assert _sources(store, "REUTERS BUSINESS") == {"Reuters Business"}


def test_source_matches_the_host_of_the_feed_it_came_from(store: Path) -> None:
    assert _sources(store, "localhost") == {"Top News"}
    assert _sources(store, "top news") == {"Top News"}


def test_repeated_sources_are_any_of_them_and_search_takes_them_too(store: Path) -> None:
    assert _sources(store, "guardian", "bbc world") == {"The Guardian", "BBC World"}
    found = run(store, "search", "story", "--source", "reuters", "-n", "0", "--json")
    assert {i["source"] for i in json.loads(found.stdout)} == {"Reuters World News", "Reuters Business"}


def test_an_unknown_source_exits_2_naming_the_closest_sources(store: Path) -> None:
    result = run(store, "show", "--source", "reuter")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "no source matches 'reuter'; did you mean: " in result.stderr
    assert "Reuters Business" in result.stderr or "Reuters World News" in result.stderr
    far = run(store, "show", "--source", "zzqx")
    assert far.exit_code == 2 and "`newsreader sources` lists them" in far.stderr


def test_sources_lists_every_source_with_counts_latest_country_and_feeds(store: Path, built_store: Path) -> None:
    result = run(store, "sources", "--json")
    assert result.exit_code == 0
    rows = {r["source"]: r for r in json.loads(result.stdout)}
    assert set(rows) == {*FEEDS.values(), "Top News"}
    reuters = rows["Reuters World News"]
    assert reuters["articles"] == 2 and reuters["files"] == 0
    assert reuters["feeds"] == [str(built_store.parent / "feeds" / "reuters_world.xml")]  # the path fetched
    assert rows["Top News"]["feeds"][0].startswith("http://localhost:")
    assert all(r["latest"].endswith("Z") for r in rows.values())
    piped = run(store, "sources").stdout.splitlines()
    assert len(piped) == len(rows)
    name, articles, latest, _country, feeds = piped[0].split("\t")
    assert rows[name]["articles"] == int(articles) and rows[name]["feeds"] == feeds.split(",")
    assert rows[name]["latest"] == latest


def test_sources_on_a_terminal_shows_whole_names(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "80")
    out = run(store, "sources").stdout
    assert "Reuters World News" in out and "Articles" in out


def test_sources_of_an_empty_store_says_how_to_fill_it(db: Path) -> None:
    result = run(db, "sources")
    assert result.exit_code == 0 and "The store is empty" in result.stderr
    assert json.loads(run(db, "sources", "--json").stdout) == []
