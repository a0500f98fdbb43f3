"""Watches after a fetch are matched on the run's new articles alone: the counts a user reads on stderr."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsreader.config import Config
from newsreader.core.watches import Watch, new_matches
from newsreader.models import Article, CountryTag
from newsreader.store import Store
from newsreader.store import state as st
from newsreader.store import watches as stored

NOW = datetime(2026, 4, 1, tzinfo=UTC)


def _article(key: str, title: str, body: str, *, country: str = "", language: str = "en") -> Article:
    return Article(
        id=key.rjust(16, "0"),
        title=title,
        source="Wire",
        published=NOW - timedelta(minutes=len(key) + ord(key[-1])),
        fetched_at=NOW,
        origin="test",
        body=body,
        language=language,
        countries=(CountryTag(country, primary=True),) if country else (),
    )


OLD = [_article("a1", "Nuclear talks resume in Vienna", "Iran met the IAEA.", country="IR")]
NEW = [
    _article("b1", "Nuclear talks in Geneva", "Delegations from Iran arrived.", country="IR"),
    _article("b2", "Talks on trade", "The nuclear energy plans were left aside.", country="FR"),
    _article("b3", "Oil prices fall", "Saudi output rose again.", country="SA"),
    _article("b4", "中国和德国举行会谈", "双方讨论了贸易。", language="zh"),
    _article("b5", "Ceasefire holds", "Talks continue in Doha.", country="QA"),
]
# (watch, the new articles it matches, worked out by hand from the texts above)
WATCHES = [
    (Watch("words", "nuclear talks"), {"b1", "b2"}),
    (Watch("phrase", '"nuclear talks"'), {"b1"}),
    (Watch("not", "talks -trade"), {"b1", "b5"}),
    (Watch("cjk", "中国"), {"b4"}),
    (Watch("country only", countries=("Iran",)), {"b1"}),
    (Watch("word and region", "talks", regions=("Gulf",)), {"b5"}),
    (Watch("nothing new", "sanctions"), set()),
]


def test_a_fetch_run_counts_each_watch_on_its_new_articles_only(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    with Store.open(db) as store:
        store.run = st.start_run(store, ["first"])
        store.save(OLD)
        store.run = run = st.start_run(store, ["second"])
        store.save(NEW)
        store.run = None
        for watch, _ in WATCHES:
            stored.add(store, watch)
    want = sorted((w.name, len(ids)) for w, ids in WATCHES if ids)
    assert sorted(new_matches(db, Config(), run)) == want
    # Since the run before: the old article counts too (by hand: it has both words, the phrase, no
    # "trade", and Iran).
    since_first = {"words": 3, "phrase": 2, "not": 3, "cjk": 1, "country only": 2, "word and region": 1}
    assert dict(new_matches(db, Config(), run - 1)) == since_first
