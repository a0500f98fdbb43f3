"""Grouping again (`restory`) reads an article's lead as saving did, also when its summary has no words.

Saving takes the summary's index terms as the lead, or the body's when there are none; a feed whose
summary is only an ellipsis or a dash ("…", "—") gives a summary with no terms. Oracle: the term vectors
stored when the articles were saved, read back from the table, against those stored after `regroup`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from stories_support import member_vectors

from newsreader.models import Article
from newsreader.store import Store
from newsreader.store import stories as st

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
BODY = "Rescuers pulled survivors from the collapsed bridge over the Mondego river near Coimbra on Monday."


def _article(n: int, summary: str) -> Article:
    return Article(
        id=f"{n:016x}",
        title="Latest",
        summary=summary,
        body=BODY,
        source=f"Outlet {n}",
        published=T0 + timedelta(hours=n),
        fetched_at=T0,
        origin=f"feed-{n}",
        language="en",
    )


def test_a_summary_of_no_words_leaves_the_lead_to_the_body_in_saving_and_in_grouping_again(tmp_path: Path) -> None:
    articles = [_article(1, "…"), _article(2, "— —"), _article(3, "")]
    path = tmp_path / "store.db"
    with Store.open(path) as store:
        store.save(articles)
    saved = member_vectors(path)
    assert set(saved) == {a.id for a in articles}
    for a in articles:  # the body's words are in every vector: none is the title's alone
        assert {"rescuer", "bridg", "mondego", "coimbra"} <= set(saved[a.id]), saved[a.id]
    with Store.open(path) as store, store.transaction() as conn:
        assert st.regroup(conn) == 3
    assert member_vectors(path) == saved
