"""Stories do not depend on arrival order, and a story is judged as a whole, not by its nearest article.

The order tests store the real labelled set (tests/data/stories_real.jsonl, 874 articles of 33 outlets)
into real SQLite files in different orders and batch sizes, as fetches of feeds arriving in any order
would, and compare the stories: the oracle is the stories of the same articles stored in publication
order, one at a time (no score is checked here; bench/bench_stories.py measures quality). The model
tests build articles' term vectors by hand, and the expected stories are worked out in the comments.
"""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from newsreader import geo
from newsreader.models import Article
from newsreader.store import Store
from newsreader.store.stories import unpack_terms
from newsreader.stories.model import Member
from newsreader.stories.split import split

SET = Path(__file__).resolve().parent / "data" / "stories_real.jsonl"


def _articles() -> list[Article]:
    rows = [json.loads(line) for line in SET.read_text(encoding="utf-8").splitlines() if line.strip()]
    found = []
    for r in rows:
        published = datetime.fromisoformat(r["published"])
        article = Article(
            id=r["id"],
            title=r["title"],
            source=r["source"],
            published=published,
            fetched_at=published,
            origin=f"test:{r['source']}",
            url=r["link"],
            summary=r["summary"],
            source_country=r["source_country"],
            language=r["lang"],
        )
        found.append(geo.tag(article))
    return found


def _stories(path: Path, batches: list[list[Article]]) -> set[frozenset[str]]:
    """Store the batches, one transaction each; the stories, after checking them against the definition."""
    with Store.open(path) as store:
        for batch in batches:
            store.save(batch)
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT m.story, m.component, a.id, m.published_ts, m.source, m.countries, m.terms "
            "FROM story_members m JOIN articles a ON a.seq = m.article"
        ).fetchall()
        counted = conn.execute("SELECT story, articles FROM stories").fetchall()
    finally:
        conn.close()
    found: dict[int, set[str]] = {}
    components: dict[int, list[tuple[tuple[float, str], Member]]] = {}
    for story, component, aid, ts, source, countries, terms in rows:
        found.setdefault(story, set()).add(aid)
        member = Member(0, ts, source, unpack_terms(terms), frozenset(countries.split(",")) - {""})
        components.setdefault(component, []).append(((ts, aid), member))
    assert {s: len(ids) for s, ids in found.items()} == dict(counted)  # the counts kept match the members
    stories = {frozenset(ids) for ids in found.values()}
    # The definition (split.py): each component's articles taken once, in publication order, from nothing.
    defined: dict[tuple[float, str], set[str]] = {}
    for members in components.values():
        for place, key in split([], sorted(members, key=lambda pm: pm[0])).items():
            defined.setdefault(key, set()).add(place[1])
    assert stories == {frozenset(ids) for ids in defined.values()}
    return stories


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return _articles()


@pytest.fixture(scope="module")
def in_order(articles: list[Article], tmp_path_factory: pytest.TempPathFactory) -> set[frozenset[str]]:
    ordered = sorted(articles, key=lambda a: (a.published, a.id))
    return _stories(tmp_path_factory.mktemp("order") / "ordered.db", [[a] for a in ordered])


def test_newest_first_one_at_a_time_gives_the_same_stories(articles, in_order, tmp_path):
    newest_first = sorted(articles, key=lambda a: (a.published, a.id), reverse=True)
    stories = _stories(tmp_path / "reverse.db", [[a] for a in newest_first])
    assert stories == in_order
    assert max(map(len, stories)) > 10  # the set has large stories, whose replays are what is tested


@pytest.mark.parametrize("seed", [1, 2])
def test_shuffled_batches_give_the_same_stories(articles, in_order, tmp_path, seed):
    shuffled = list(articles)
    random.Random(seed).shuffle(shuffled)
    batches, rng = [], random.Random(seed + 100)
    while shuffled:
        size = rng.randint(1, 60)
        batches.append(shuffled[:size])
        shuffled = shuffled[size:]
    assert _stories(tmp_path / f"shuffled{seed}.db", batches) == in_order


def test_stories_merged_by_bridging_articles_come_out_the_same_in_any_order(articles, tmp_path, monkeypatch):
    # With MERGE lowered to JOIN, every article near two stories merges them: many merges, whose stories
    # then span the places later arrivals are replayed from (the case the replay must step back for).
    import newsreader.stories.split as split_module

    monkeypatch.setattr(split_module, "MERGE", 0.15)
    ordered = sorted(articles, key=lambda a: (a.published, a.id))
    expected = _stories(tmp_path / "ordered.db", [[a] for a in ordered])
    shuffled = list(articles)
    random.Random(3).shuffle(shuffled)
    batches = [shuffled[i : i + 7] for i in range(0, len(shuffled), 7)]
    assert _stories(tmp_path / "shuffled.db", batches) == expected
    assert _stories(tmp_path / "reverse.db", [[a] for a in reversed(ordered)]) == expected


def test_outlet_by_outlet_in_either_order_gives_the_same_stories(articles, in_order, tmp_path):
    by_outlet: dict[str, list[Article]] = {}
    for a in articles:
        by_outlet.setdefault(a.source, []).append(a)
    for name, reverse in (("ab", False), ("ba", True)):
        batches = [by_outlet[s] for s in sorted(by_outlet, reverse=reverse)]
        assert _stories(tmp_path / f"{name}.db", batches) == in_order


# -- the model on hand-made vectors (all published at one time, no countries: only the cosines count) ------

T = 1_700_000_000.0


def _member(seq: int, vector: dict[str, float], hours: float = 0.0) -> tuple[tuple[float, str], Member]:
    ts = T + hours * 3600
    return (ts, f"a{seq}"), Member(seq, ts, f"outlet{seq}", vector)


def test_an_article_near_one_report_but_not_the_story_as_a_whole_starts_its_own():
    # Three reports of a quake, each with one detail of its own, then a football match called off in the
    # quake's city. The match report shares "gaziantep" with the first report only: cosine 0.6 x 0.6 = 0.36,
    # a link (>= 0.35), so link by link it would join the quake. Against the story as a whole (the sum
    # {quake 2.4, gaziantep 0.6, rescue 0.6, rubble 0.6}, length sqrt(6.84) = 2.615) it scores
    # 0.6 x 0.6 / 2.615 = 0.138, under JOIN (0.15): a story of its own.
    members = [
        _member(1, {"quake": 0.8, "gaziantep": 0.6}),
        _member(2, {"quake": 0.8, "rescue": 0.6}, 1),
        _member(3, {"quake": 0.8, "rubble": 0.6}, 2),
        _member(4, {"gaziantep": 0.6, "match": 0.8}, 3),
    ]
    stories = split([], members)
    places = [place for place, _ in members]
    assert [stories[p] for p in places] == [places[0]] * 3 + [places[3]]


def test_an_article_near_two_stories_merges_them():
    # A dam breach and an evacuation share no word (two stories); a third report names both: cosines
    # 0.707 x 0.8 = 0.566 with each (times the hour-gap Gaussian, 0.9996), both >= MERGE (0.5), so the three
    # are one story, named by its earliest article.
    members = [
        _member(1, {"dam": 0.6, "tisza": 0.8}),
        _member(2, {"szolnok": 0.6, "evacuate": 0.8}, 1),
        _member(3, {"tisza": 0.7071, "evacuate": 0.7071}, 2),
    ]
    stories = split([], members)
    assert set(stories.values()) == {members[0][0]}


def test_a_story_takes_no_article_a_week_after_its_first():
    # The same words every day: one story while each article is within 72 hours of the story's latest and
    # seven days of its first; the eighth day's report starts a new story.
    members = [_member(i, {"summit": 0.8, "geneva": 0.6}, 24 * i) for i in range(9)]
    stories = split([], members)
    assert [stories[p] == members[0][0] for p, _ in members] == [True] * 8 + [False]


def _invented(outlet: str, title: str, hours: float) -> Article:
    """An article whose words are invented (none in the rarity table: each weighs 1, so a title of n words
    is a vector of n equal parts, 1/sqrt(n) each)."""
    published = datetime.fromtimestamp(T + hours * 3600).astimezone()
    return Article(
        id=f"{outlet}-{hours:g}",
        title=title,
        source=outlet,
        published=published,
        fetched_at=published,
        origin=f"test:{outlet}",
        url=f"https://{outlet}.example/{hours:g}",
        language="en",
    )


def test_a_late_article_inside_a_merged_story_is_grouped_as_if_it_had_come_in_time(tmp_path):
    # First fetch: a1 {zork blix quag}; b1-b3 {vemp drul pryx}, one story (cosine 1); x names all six words
    # (cosine 3 x 0.577 x 0.408 = 0.707 with each story): it joins a1's and merges the b story into it.
    # Then y arrives, published between the b reports and x: {zork blix sklo fent wumb jarp glin tosk}, cosine
    # 2 x 0.577 x 0.354 = 0.408 with a1 (a link). When y is taken in its place, a1 and the b reports are still
    # two stories, and y joins a1's (0.408 >= JOIN); x then merges everything: one story of six. (Taken
    # against the merged story instead, y would score 2 x 0.354 x 0.577 / 3.16 = 0.129 and stay alone.)
    first = [
        _invented("o1", "zork blix quag", 0),
        *(_invented(f"o{i}", "vemp drul pryx", i - 1) for i in (2, 3, 4)),
        _invented("o5", "zork blix quag vemp drul pryx", 4),
    ]
    late = _invented("o6", "zork blix sklo fent wumb jarp glin tosk", 3.5)
    one_story = {frozenset(a.id for a in [*first, late])}
    assert _stories(tmp_path / "late.db", [first, [late]]) == one_story
    assert (
        _stories(tmp_path / "in_time.db", [[a] for a in sorted([*first, late], key=lambda a: a.published)]) == one_story
    )


def test_a_stored_story_is_judged_as_a_whole_when_an_article_comes_later(tmp_path):
    # Five reports sharing "zork blix", each with two words of its own (cosine 2 x 0.5 x 0.5 = 0.5 between
    # any two: one story). A later article shares "vemp drul" with the first report only (cosine 0.5, a link)
    # but against the story's sum {zork 2.5, blix 2.5, ten words 0.5}, of length sqrt(15) = 3.873, it scores
    # 2 x 0.5 x 0.5 / 3.873 = 0.129 < JOIN: a story of its own, though nearest to one of the story's reports.
    own = ["vemp drul", "pryx sklo", "fent wumb", "jarp glin", "tosk quag"]
    reports = [_invented(f"o{i}", f"zork blix {words}", i) for i, words in enumerate(own)]
    later = _invented("o9", "vemp drul krel murg", 6)
    stories = _stories(tmp_path / "whole.db", [reports, [later]])
    assert stories == {frozenset(a.id for a in reports), frozenset({later.id})}


# -- the listing's order: total, whatever order the stories were numbered in ---------------------------------


def _listing(path: Path) -> list[str]:
    from newsreader.core.stories import list_stories
    from newsreader.models import Filters

    return [s.id for s in list_stories(path, Filters(limit=0), min_articles=1)]


def _defined_listing(articles: list[Article], stories: set[frozenset[str]]) -> list[str]:
    """The documented order worked out from the articles: most outlets, most articles, latest article,
    then the story's id (that of its earliest article, ties by the smaller id)."""
    by_id = {a.id: a for a in articles}
    keyed = []
    for ids in stories:
        members = [by_id[i] for i in ids]
        first = min(members, key=lambda a: (a.published, a.id))
        outlets = len({a.source.casefold() for a in members})
        keyed.append((-outlets, -len(members), -max(a.published for a in members).timestamp(), first.id))
    return [k[-1] for k in sorted(keyed)]


def test_the_listing_is_one_total_order_whatever_order_the_stories_were_numbered_in(articles, in_order, tmp_path):
    # Stories are numbered as grouping meets them, so these two stores number the same stories differently
    # (a fetch's grouping runs when its parse worker lets it): the listing must not show that numbering.
    ordered = sorted(articles, key=lambda a: (a.published, a.id))
    _stories(tmp_path / "ordered.db", [[a] for a in ordered])
    _stories(tmp_path / "reverse.db", [[a] for a in reversed(ordered)])
    with sqlite3.connect(tmp_path / "ordered.db") as a, sqlite3.connect(tmp_path / "reverse.db") as b:
        numbering = [dict(c.execute("SELECT id, story FROM stories")) for c in (a, b)]
        ties = a.execute(
            "SELECT count(*) FROM (SELECT 1 FROM stories GROUP BY sources, articles, last_ts HAVING count(*) > 1)"
        ).fetchone()[0]
    assert numbering[0].keys() == numbering[1].keys() and numbering[0] != numbering[1]
    assert ties > 0  # stories equal on outlets, articles and latest time, which only the last key orders
    expected = _defined_listing(articles, in_order)
    assert _listing(tmp_path / "ordered.db") == expected
    assert _listing(tmp_path / "reverse.db") == expected
