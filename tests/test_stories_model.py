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
from newsreader.stories.model import Member, make_vector
from newsreader.stories.split import split

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


T0 = 1_750_000_000.0


def _place(seq: int, vector: dict[str, float]) -> tuple[tuple[float, str], Member]:
    ts = T0 + seq * 60  # a minute apart: the time Gaussian is 0.99999..., no primary countries
    return (ts, f"a{seq:02}"), Member(seq, ts, f"outlet{seq}", vector)


def _filler(prefix: str, n: int, weight: float) -> dict[str, float]:
    return {f"{prefix}{i}": weight for i in range(n)}


def test_an_article_with_a_lead_joins_a_story_only_when_it_shares_three_of_its_terms() -> None:
    # The story: one report of 24 equal terms (1/sqrt(24) = 0.2041 each), two of them the names
    # "valdora" and "quenby". The second article (24 terms) puts 0.6 on both names and 0.1128 on 22 words
    # of its own (unit length): cosine 2 x 0.6 x 0.2041 = 0.245, over JOIN (0.15), but it shares only
    # 2 of its 24 terms with the story (3 needed): a story of its own. The third shares the two names and
    # one more word (0.55, 0.55, 0.2 and 21 words of its own at 0.1366): cosine 0.265 and 3 terms: it joins.
    first = {"valdora": 0.2041, "quenby": 0.2041, **_filler("x", 22, 0.2041)}
    second = {"valdora": 0.6, "quenby": 0.6, **_filler("y", 22, 0.1128)}
    third = {"valdora": 0.55, "quenby": 0.55, "x0": 0.2, **_filler("z", 21, 0.1366)}
    members = [_place(1, first), _place(2, second), _place(3, third)]
    stories = split([], members)
    places = [place for place, _ in members]
    assert [stories[p] for p in places] == [places[0], places[1], places[0]]


def test_a_bare_headline_joins_a_story_through_one_shared_name() -> None:
    # A headline of 4 terms needs 1 shared term: "valdora" at 0.8 (the other three 0.3464) against the
    # story above scores 0.8 x 0.2041 = 0.163 >= JOIN: it joins.
    first = {"valdora": 0.2041, "quenby": 0.2041, **_filler("x", 22, 0.2041)}
    headline = {"valdora": 0.8, **_filler("h", 3, 0.3464)}
    members = [_place(1, first), _place(2, headline)]
    assert set(split([], members).values()) == {members[0][0]}
