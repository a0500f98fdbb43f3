"""What the stories model weighs: a shared year is next to no evidence of a shared event, a shared name is.

The headlines are real ones of the dense same-minute capture (tests/data/stories_dense.jsonl, labelled
before any model ran on it); the expected stories are those labels. Articles go through Store.save
into a real SQLite file, one outlet per transaction, as a fetch stores them.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsreader import geo
from newsreader.models import Article
from newsreader.store import Store
from newsreader.stories.model import make_vector

CAPTURED = datetime(2026, 1, 2, 0, 58, tzinfo=UTC)


def test_a_year_weighs_a_tenth_of_a_name_and_another_number_under_a_third() -> None:
    # "zqxvel" is in no language's table of common words, so it weighs 1; every title word counts the same
    # number of times, so the unit vector keeps the ratios of the weights (to its 4 decimals).
    vector = make_vector("zqxvel 2025 1850 40", "", "en")
    name = vector["zqxvel"]
    assert vector["2025"] / name == pytest.approx(0.1, abs=0.001)
    assert vector["1850"] / name == pytest.approx(0.3, abs=0.001)  # not a year of the 20th or 21st century
    assert vector["40"] / name == pytest.approx(0.3, abs=0.001)


def _stories(path: Path, headlines: list[tuple[str, str]]) -> set[frozenset[str]]:
    """Store (outlet, headline) pairs, one outlet per transaction; the stories as sets of headlines."""
    by_outlet: dict[str, list[Article]] = {}
    for n, (outlet, title) in enumerate(headlines):
        article = Article(
            id=f"dense-{n}",
            title=title,
            source=outlet,
            published=CAPTURED,
            fetched_at=CAPTURED,
            origin=f"test:{outlet}",
            source_country="US",
            language="en",
        )
        by_outlet.setdefault(outlet, []).append(geo.tag(article))
    with Store.open(path) as store:
        for articles in by_outlet.values():
            store.save(articles)
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT m.story, a.title FROM story_members m JOIN articles a ON a.seq = m.article")
        found: dict[int, set[str]] = {}
        for story, title in rows:
            found.setdefault(story, set()).add(title)
    finally:
        conn.close()
    return {frozenset(titles) for titles in found.values()}


PLANE = "How traveling by plane will change in 2026"
FILMS = "The films to get excited about in 2026"
KIM = "Kim Jong-un’s daughter visits state mausoleum, fuelling speculation she will be next North Korean ruler"
KIM_AP = "Kim’s daughter visits family mausoleum, promoting her potential status as heir in North Korea"
AUCTION = "Trump rings in 2026 at Mar-a-Lago with $2.75m auction of Jesus painting"
AUCTION_CNN = "Trump auctions off painting of Jesus for almost $3M"


def test_two_outlets_whose_headlines_share_only_the_coming_year_are_two_stories(tmp_path: Path) -> None:
    # Two features that only look ahead to 2026 (labelled two events); model 2 made them one story.
    stories = _stories(tmp_path / "news.db", [("CNN", PLANE), ("The Guardian", FILMS)])
    assert stories == {frozenset({PLANE}), frozenset({FILMS})}


def test_reports_of_one_event_that_name_the_year_and_a_sum_stay_one_story(tmp_path: Path) -> None:
    headlines = [("The Guardian", KIM), ("Associated Press", KIM_AP), ("The Guardian", AUCTION), ("CNN", AUCTION_CNN)]
    stories = _stories(tmp_path / "news.db", headlines)
    assert stories == {frozenset({KIM, KIM_AP}), frozenset({AUCTION, AUCTION_CNN})}
