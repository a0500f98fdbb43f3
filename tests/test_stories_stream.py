"""Stories over a long stream: a topic that recurs for weeks is never chained into a story of weeks.

A reader's store holds months of feeds, and some topics are in them every day (a budget dispute, a war, a
campaign): each day's items share the topic's names with the day before's. A story takes no article
published more than WINDOW (72 h) after its latest one or SPAN (7 days) after its first one
(newsreader/stories/split.py), so however long the topic runs, no story may span more than a week, and
two items of the topic with more than WINDOW between them and nothing in between are never one story.
The fixture is written for this test: two outlets' items on one recurring topic, every day for eight
weeks, each naming that day's own detail, then the same topic once every four days. The bounds asserted
are the rules' own, not figures read off a run. Articles go through Store.save into a real SQLite file
in either order (oldest first, newest first), which must give the same stories.
"""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsreader import geo
from newsreader.models import Article
from newsreader.store import Store
from newsreader.stories.model import SPAN, WINDOW

START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
DETAILS = [
    "pensions",
    "defence spending",
    "the debt brake",
    "rail investment",
    "farm subsidies",
    "child benefit",
    "hospital funding",
    "the energy levy",
    "school buildings",
    "broadband",
    "police pay",
    "tax credits",
    "the climate fund",
    "housing grants",
]


def _article(outlet: str, when: datetime, title: str, lead: str) -> Article:
    return geo.tag(
        Article(
            id=hashlib.sha1(f"{outlet}{title}{when}".encode()).hexdigest()[:16],
            title=title,
            source=outlet,
            published=when,
            fetched_at=when,
            origin=f"test:{outlet}",
            summary=lead,
            source_country="DE",
            language="en",
        )
    )


def _daily(days: int, every: float = 1.0) -> list[Article]:
    """Two outlets' items on the Bundestag's budget dispute, one each per step, `every` days apart."""
    found = []
    for day in range(days):
        when = START + timedelta(days=day * every)
        detail = DETAILS[day % len(DETAILS)]
        found.append(
            _article(
                "Wire",
                when,
                f"Bundestag budget dispute: coalition and Lindner clash over {detail}",
                f"The coalition's budget dispute in the Bundestag went on as finance minister Lindner and the "
                f"Greens clashed over {detail}; the budget committee met again in Berlin.",
            )
        )
        found.append(
            _article(
                "Daily",
                when + timedelta(hours=2),
                f"Lindner and the Greens still at odds over {detail} in the Bundestag budget dispute",
                f"No end to the budget dispute: Lindner and the coalition's Greens argued over {detail} in the "
                f"Bundestag's budget committee in Berlin.",
            )
        )
    return found


def _spans(path: Path, articles: list[Article]) -> dict[int, tuple[float, float, int]]:
    with Store.open(path) as store:
        for article in articles:
            store.save([article])
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT story, min(published_ts), max(published_ts), count(*) FROM story_members GROUP BY story"
        ).fetchall()
    finally:
        conn.close()
    return {story: (first, last, n) for story, first, last, n in rows}


def _partition(path: Path) -> set[frozenset[str]]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT a.id, m.story FROM story_members m JOIN articles a ON a.seq = m.article")
        found: dict[int, set[str]] = {}
        for aid, story in rows:
            found.setdefault(story, set()).add(aid)
    finally:
        conn.close()
    return {frozenset(ids) for ids in found.values()}


def test_a_topic_in_the_news_every_day_for_eight_weeks_makes_no_story_longer_than_a_week(tmp_path: Path) -> None:
    articles = _daily(56)
    spans = _spans(tmp_path / "oldest-first.db", articles)
    assert sum(n for _, _, n in spans.values()) == len(articles)  # every article is in a story
    assert all(last - first <= SPAN for first, last, _ in spans.values())
    # Eight weeks cannot be fewer than eight stories of at most a week each.
    assert len(spans) >= 8
    # Stored newest first, one at a time, the stories are the same.
    _spans(tmp_path / "newest-first.db", articles[::-1])
    assert _partition(tmp_path / "oldest-first.db") == _partition(tmp_path / "newest-first.db")


def test_the_topic_every_four_days_is_a_story_per_day(tmp_path: Path) -> None:
    # Four days between steps is more than WINDOW: nothing can carry a story from one step to the next.
    assert timedelta(days=4).total_seconds() - 2 * 3600 > WINDOW
    articles = _daily(12, every=4.0)
    spans = _spans(tmp_path / "news.db", articles)
    assert all(last - first <= 2 * 3600 for first, last, _ in spans.values())
    # The two outlets' items of one step are the same day's dispute: one story per step.
    assert sorted(n for _, _, n in spans.values()) == [2] * 12
