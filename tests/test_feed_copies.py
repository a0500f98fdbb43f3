"""A feed that lists one story twice under two links (the same title, date and text) gives one article."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from newsreader.parse.feed import parse_feed
from tests.helpers import invoke

NOW = datetime(2026, 12, 1, tzinfo=UTC)
TEXT = "Two Australian miners who survived a 14-day ordeal trapped under rubble deep in a gold mine spoke today."
DATE = "Mon, 22 May 2006 00:01:00 +0100"


def _item(
    link: str, title: str = "We thought of hacking off our legs, say miners", summary: str = TEXT, date: str = DATE
) -> str:
    when = f"<pubDate>{date}</pubDate>" if date else ""
    return f"<item><title>{title}</title><link>{link}</link><description>{summary}</description>{when}</item>"


def _feed(*items: str) -> bytes:
    return ("<rss version='2.0'><channel><title>T</title>" + "".join(items) + "</channel></rss>").encode()


def _links(*items: str) -> list[str]:
    return [e.link for e in parse_feed(_feed(*items), {}, "https://example.org/feed.xml", NOW).entries]


def test_the_same_story_under_two_links_is_one_entry_the_first() -> None:
    assert _links(_item("https://example.org/global/wmine22"), _item("https://example.org/news/wmine22")) == [
        "https://example.org/global/wmine22"
    ]


def test_what_differs_keeps_both() -> None:
    a, b = "https://example.org/a", "https://example.org/b"
    assert _links(_item(a), _item(b, title="Miners speak")) == [a, b]
    assert _links(_item(a), _item(b, summary=TEXT + " More.")) == [a, b]
    assert _links(_item(a), _item(b, date="Tue, 23 May 2006 00:01:00 +0100")) == [a, b]
    assert _links(_item(a, date=""), _item(b, date="")) == [a, b]  # undated: nothing shows they are one
    short = "Today's letters to the editor."  # a short blurb can head different items of one day
    assert _links(_item(a, title="Letters", summary=short), _item(b, title="Letters", summary=short)) == [a, b]


def test_the_summary_length_limit_is_80_characters() -> None:
    a, b = "https://example.org/a", "https://example.org/b"
    assert _links(_item(a, summary="x" * 79), _item(b, summary="x" * 79)) == [a, b]
    assert _links(_item(a, summary="x" * 80), _item(b, summary="x" * 80)) == [a]


def test_fetch_stores_one_article(tmp_path: Path) -> None:
    feed = tmp_path / "telegraph.xml"
    feed.write_bytes(_feed(_item("https://example.org/global/w"), _item("https://example.org/news/w")))
    db = tmp_path / "news.db"
    code, _, err = invoke(db, "fetch", str(feed))
    assert code == 0, err
    code, out, _ = invoke(db, "show", "--json", "--limit", "0")
    assert [a["url"] for a in json.loads(out)] == ["https://example.org/global/w"]
