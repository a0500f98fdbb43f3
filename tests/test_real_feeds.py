"""Regression over real outlets' feeds (../shared/news/, skipped when absent): dates, text, the body cap.

The oracles do not come from newsreader: SOURCES.tsv records each file's newest item date as feedparser
read it when the set was built, and the files whose items carry no date were found by hand.
"""

from __future__ import annotations

import csv
import re
from datetime import datetime
from pathlib import Path

import pytest

from newsreader.models import Article
from newsreader.store.db import Store
from newsreader.text import BODY_CAP
from tests.conftest import REPO

NEWS = REPO.parent / "shared" / "news"
pytestmark = [
    pytest.mark.skipif(not (NEWS / "SOURCES.tsv").exists(), reason="../shared/news/ is not here"),
]

# Files whose items give no date at all (every item, or for CNN 2018 its 10 sponsored items).
UNDATED = {
    "news/guardian_unlimited_2006.xml",
    "news/time_top_stories_2006.xml",
    "news/heise_2016.rdf",
    "news/zeit_2006.xml",
    "days/prettyparser-2016-06-14-20/new_yorker.xml",
    "days/newspal-2018-06-23-12/cnn.xml",
}
MOJIBAKE = re.compile(r"â€|Ã[\u0080-\u00bf]|Â[\u00a0-\u00bf]|Ð[\u0080-\u00bf]|Ñ[\u0080-\u00bf]")
ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")


@pytest.fixture(scope="module")
def stored(shared_news_db: Path) -> list[Article]:
    with Store.open(shared_news_db) as store:
        return [a for batch in store.iter_articles() for a in batch]


def _sources() -> list[dict[str, str]]:
    with (NEWS / "SOURCES.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_every_files_newest_date_is_stored_as_the_feed_gave_it(stored: list[Article]) -> None:
    published = {a.published for a in stored if a.dated}
    for row in _sources():
        if row["newest_item_date"]:
            newest = datetime.fromisoformat(row["newest_item_date"].replace("Z", "+00:00"))
            assert newest in published, row["local_path"]


def test_only_entries_without_a_date_are_undated_and_dated_ones_never_carry_the_fetch_time(
    stored: list[Article],
) -> None:
    undated_origins = {str(Path(a.origin).relative_to(NEWS)) for a in stored if not a.dated}
    assert undated_origins == UNDATED
    assert not [a.title for a in stored if a.dated and a.published == a.fetched_at]
    cnn = [a for a in stored if a.origin.endswith("newspal-2018-06-23-12/cnn.xml")]
    assert sum(not a.dated for a in cnn) == 10


def test_stored_text_has_no_mojibake_no_entities_in_tags_or_authors_and_no_body_over_the_cap(
    stored: list[Article],
) -> None:
    for a in stored:
        for text in (a.title, a.summary, a.body, a.author, *a.tags):
            assert not MOJIBAKE.search(text), (a.origin, text[:120])
        for text in (a.author, *a.tags):
            assert not ENTITY.search(text), (a.origin, text)
        assert len(a.body) <= BODY_CAP and len(a.summary) <= BODY_CAP
