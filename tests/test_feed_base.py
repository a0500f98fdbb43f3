"""Feeds read without their base give the same entries as with it (parse/feed.py's _feedparser fast path).

feedparser joins the base with every start tag; newsreader gives it the base only for documents that
need it (xml:base, relative guids) and joins the links itself otherwise. This runs both readings over
every other one of the real outlets' feeds under 60 KB in ../shared/news/news (25, as local files) and
every 8th file of feedparser's corpus (as local files and as downloads), and requires equal results. All
2,213 feeds of ../shared/ under both bases took minutes (0 differences, 2026-12-02); the suite's budget
is seconds.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsreader.parse import feed as feed_module
from newsreader.parse.feed import parse_feed

SHARED = Path(__file__).resolve().parent.parent / ".." / "shared"
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def feed_files(url: str) -> list[Path]:
    corpus = sorted((SHARED / "corpus" / "feedparser").rglob("*.xml"))[::8]
    news = sorted(p for p in (SHARED / "news" / "news").glob("*.xml") if p.stat().st_size < 60_000)[::2]
    return corpus + news if not url else corpus


pytestmark = pytest.mark.skipif(not (SHARED / "news").is_dir(), reason=f"no shared feeds at {SHARED}")


@pytest.mark.parametrize("url", ["", "https://feeds.example/world/rss.xml"])
def test_every_shared_feed_reads_the_same_without_its_base(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    files = feed_files(url)
    assert len(files) > 250
    documents = [p.read_bytes() for p in files]
    headers = {"content-type": ""}  # as a feed file is read (a download has the server's)
    fast = [parse_feed(d, headers, url, NOW) for d in documents]
    monkeypatch.setattr(feed_module, "_BASE_ATTRIBUTE", re.compile(b""))  # every document given its base
    for path, data, quick in zip(files, documents, fast, strict=True):
        assert parse_feed(data, headers, url, NOW) == quick, path
    eligible = [d for d in documents if not feed_module._RELATIVE_GUID.search(d) and b"base" not in d]
    assert len(eligible) > len(documents) // 2  # the fast path is the common one
