"""The labelled same-event set (tests/data/stories_real.jsonl) has the shape its README promises.

Only the set's form is checked here (sizes, ids, fields, dates, codes); no model is run on it.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

SET = Path(__file__).resolve().parent / "data" / "stories_real.jsonl"
FIELDS = {
    "id",
    "event",
    "source",
    "source_country",
    "lang",
    "published",
    "title",
    "summary",
    "link",
    "origin",
}


def _rows() -> list[dict[str, Any]]:
    with SET.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


ROWS = _rows()


def test_set_is_large_enough_for_the_issue():
    events = {row["event"] for row in ROWS}
    outlets = {row["source"] for row in ROWS}
    assert len(ROWS) >= 400
    assert len(events) >= 120
    assert len(outlets) >= 12
    assert len({row["lang"] for row in ROWS}) >= 4


def test_set_has_many_events_reported_by_several_outlets():
    outlets_per_event: dict[str, set[str]] = defaultdict(set)
    for row in ROWS:
        outlets_per_event[row["event"]].add(row["source"])
    assert sum(len(outlets) >= 3 for outlets in outlets_per_event.values()) >= 19
    assert sum(len(outlets) >= 2 for outlets in outlets_per_event.values()) >= 68


def test_every_row_has_exactly_the_documented_fields():
    for row in ROWS:
        assert set(row) == FIELDS, row.get("id")
        assert all(isinstance(row[key], str) for key in FIELDS), row["id"]
        assert row["id"] and row["event"] and row["source"] and row["title"] and row["link"], row["id"]


def test_ids_and_links_are_unique():
    ids = [row["id"] for row in ROWS]
    assert len(ids) == len(set(ids))
    pairs = [(row["source"], row["link"]) for row in ROWS]
    assert len(pairs) == len(set(pairs))


def test_published_is_iso_8601_with_an_offset():
    for row in ROWS:
        published = datetime.fromisoformat(row["published"])
        assert published.utcoffset() is not None, row["id"]


def test_codes_and_labels_have_their_documented_form():
    for row in ROWS:
        assert re.fullmatch(r"[A-Z]{2}", row["source_country"]), row["id"]
        assert re.fullmatch(r"[a-z]{2}", row["lang"]), row["id"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \S.*", row["event"]), row["id"]
        assert len(row["summary"]) <= 301, row["id"]
        assert re.fullmatch(r"(shared/news/\S+|[\w.-]+/[\w.-]+@[0-9a-f]{40}:\S+)#\d+", row["origin"]), row["id"]


def test_an_outlet_has_one_home_country():
    homes: dict[str, set[str]] = defaultdict(set)
    for row in ROWS:
        homes[row["source"]].add(row["source_country"])
    assert {source: codes for source, codes in homes.items() if len(codes) > 1} == {}


@pytest.mark.parametrize("key", ["title", "summary"])
def test_text_is_clean(key: str):
    for row in ROWS:
        text = row[key]
        assert not re.search(r"[\x00-\x1f\x7f]", text), row["id"]
        assert "<" not in text or not re.search(r"</?[a-zA-Z][^>]*>", text), row["id"]
        assert text == text.strip(), row["id"]


DENSE = Path(__file__).resolve().parent / "data" / "stories_dense.jsonl"


def test_the_dense_capture_has_the_documented_shape():
    """tests/data/README.md, "Dense same-time capture": headlines only, one capture minute, 40 a page at most."""
    rows = [json.loads(line) for line in DENSE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) == 347 and len({row["id"] for row in rows}) == 347
    pages: dict[str, int] = defaultdict(int)
    for row in rows:
        assert set(row) == FIELDS, row["id"]
        assert row["summary"] == row["link"] == "" and row["published"] == "2026-01-02T00:58:00+00:00", row["id"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \S.*", row["event"]), row["id"]
        assert len(re.findall(r"\w+", row["title"])) >= 4 and len(row["title"]) <= 160, row["id"]
        assert not re.search(r"[\x00-\x1f\x7f]", row["title"]) and row["title"] == row["title"].strip(), row["id"]
        match = re.fullmatch(
            r"ThisIsNotANamepng/news-headlines-bot@[0-9a-f]{40}:output\.csv#(\w+):(\d+)", row["origin"]
        )
        assert match, row["id"]
        pages[match[1]] += 1
    assert max(pages.values()) == 40 and len(pages) == 9
    per_outlet = defaultdict(set)
    for row in rows:
        per_outlet[row["source"]].add(row["title"])
    assert sum(map(len, per_outlet.values())) == 347  # no outlet's headline twice
