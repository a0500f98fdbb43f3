"""Stories model 6: an article with a lead is compared with the square roots of a story's summed vectors.

In a story of many reports the terms they all share (the place, the event) outweigh the rest of the sum,
so a reaction to the event that names them (a minute of silence for the victims: an event of its own by
rule 3 of the labels, tests/data/README.md) is nearer that story than the story of its own kind. The
fixture is written for this test: six reports of one bridge collapse by six outlets and a bare headline
on it, then two sports outlets' items on a minute of silence for its victims, the second naming the
collapse. Articles go through Store.save into a real SQLite file, one outlet per transaction, as a fetch
stores them; the expected stories are the two events, decided when the fixture was written.
"""

from __future__ import annotations

import hashlib
import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

from stories_support import title_groups

from newsreader import geo
from newsreader.models import Article
from newsreader.store import Store
from newsreader.stories.model import MODEL, Member
from newsreader.stories.split import ROOT_TERMS, Story

START = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)
# (outlet, hours after START, title, lead)
COLLAPSE = [
    (
        "Wire",
        0,
        "Bridge collapses over the Tarn at Millau, killing twelve",
        "A motorway bridge over the Tarn at Millau collapsed on Tuesday morning. Twelve people were killed when "
        "cars and a lorry fell into the river, the prefecture said.",
    ),
    (
        "Daily",
        1,
        "Millau bridge collapse: a survivor tells of the fall into the Tarn",
        "A lorry driver who climbed out of his cab after the bridge collapse at Millau described hearing a crack "
        "like thunder before the deck fell into the Tarn. Twelve were killed.",
    ),
    (
        "Herald",
        2,
        "Why did the Millau bridge collapse? Engineers point to corroded cables",
        "Engineers said corroded steel cables may explain the collapse of the bridge over the Tarn at Millau, "
        "which killed twelve. The structure opened in 1974 and was last inspected four years ago.",
    ),
    (
        "Post",
        3,
        "Traffic diverted for months after the Millau bridge collapse",
        "Motorists face detours of up to ninety minutes after the bridge over the Tarn at Millau collapsed, "
        "killing twelve. Hauliers warned of delays to deliveries across the south.",
    ),
    (
        "Times",
        4,
        "Minister promises an inquiry into the Millau bridge collapse",
        "The transport minister promised an independent inquiry into the collapse of the bridge over the Tarn "
        "at Millau, in which twelve people were killed, and said the findings would be published.",
    ),
    (
        "Courier",
        5,
        "Millau mourns the twelve killed in the bridge collapse over the Tarn",
        "The mayor of Millau declared three days of mourning for the twelve killed when the bridge over the Tarn "
        "collapsed. Flags flew at half-mast and a book of condolence opened at the town hall.",
    ),
    ("Radio", 6, "What we know about the bridge collapse", ""),  # a bare headline
]
SILENCE = [
    (
        "Sport",
        10,
        "Toulouse and Castres to hold a minute of silence on Saturday",
        "Rugby clubs Toulouse and Castres will hold a minute of silence and their players will wear black "
        "armbands before Saturday's match, the league said.",
    ),
    (
        "Gazette",
        30,
        "A minute of silence for the twelve killed in the Millau bridge collapse",
        "Players of Toulouse and Castres wore black armbands and stood in silence before Saturday's rugby "
        "match, remembering those killed when the bridge over the Tarn collapsed.",
    ),
]


def _by_outlet(items: list[tuple[str, int, str, str]]) -> dict[str, list[Article]]:
    found: dict[str, list[Article]] = {}
    for outlet, hours, title, lead in items:
        published = START + timedelta(hours=hours)
        article = Article(
            id=hashlib.sha1(title.encode()).hexdigest()[:16],
            title=title,
            source=outlet,
            published=published,
            fetched_at=published,
            origin=f"test:{outlet}",
            summary=lead,
            source_country="FR",
            language="en",
        )
        found.setdefault(outlet, []).append(geo.tag(article))
    return found


def _stories(path: Path, outlets: list[list[Article]]) -> set[frozenset[str]]:
    with Store.open(path) as store:
        for articles in outlets:
            store.save(articles)
    return title_groups(path)


EXPECTED = {frozenset(t for _, _, t, _ in COLLAPSE), frozenset(t for _, _, t, _ in SILENCE)}


def test_a_reaction_naming_the_event_is_a_story_of_its_own_and_the_reports_stay_one(tmp_path: Path) -> None:
    # Model 5 compared the second silence item with the plain sum of the collapse's seven articles: the
    # collapse's words made it as near that story as the first silence item's (both past MERGE), so it
    # bridged them into one story of nine.
    outlets = _by_outlet(COLLAPSE + SILENCE)
    assert _stories(tmp_path / "news.db", list(outlets.values())) == EXPECTED
    # The same in the opposite outlet order (the reactions stored first).
    assert _stories(tmp_path / "reversed.db", list(outlets.values())[::-1]) == EXPECTED


def test_the_store_records_model_6() -> None:
    assert MODEL == "6"


def _member(seq: int, vector: dict[str, float]) -> Member:
    return Member(seq, 0.0, f"outlet{seq}", vector)


def test_an_article_with_a_lead_is_scored_against_the_square_roots_of_the_sum() -> None:
    # Two members sum to a centroid; the oracle is the formula worked by hand: the article's weights times
    # the square roots of the summed weights, over the square root of the sum of all summed weights.
    first = _member(1, {"bridge": 0.8, "tarn": 0.6})
    second = _member(2, {"bridge": 0.6, "deck": 0.8})
    story = Story((0.0, "a"), 0.0, 0.0)
    story.add(first)
    story.add(second)
    long_terms = {"bridge": 0.5, "tarn": 0.5, "deck": 0.5, **{f"w{i}": 0.5 / 8 for i in range(ROOT_TERMS)}}
    assert len(long_terms) > ROOT_TERMS
    expected = (0.5 * math.sqrt(1.4) + 0.5 * math.sqrt(0.6) + 0.5 * math.sqrt(0.8)) / math.sqrt(1.4 + 0.6 + 0.8)
    assert math.isclose(story.score(_member(3, long_terms)), expected, rel_tol=1e-9)
    # A headline (ROOT_TERMS terms or fewer) is scored against the plain sum, as in model 5.
    headline = {"bridge": 0.6, "tarn": 0.8}
    plain = (0.6 * 1.4 + 0.8 * 0.6) / math.sqrt(1.4**2 + 0.6**2 + 0.8**2)
    assert math.isclose(story.score(_member(4, headline)), plain, rel_tol=1e-9)
