"""The lxml reading of plain RSS 2.0 (parse/fastfeed.py) gives exactly feedparser's Articles, on every shared feed.

feedparser is the reference: every feed file of ../shared/corpus/ (feedparser's own test suite, 2,100 odd
documents) and ../shared/news/ (72 real outlets and their captures) is read as a local file and as two kinds
of download, with the fast reading and without it, and wherever the fast reading accepted the document the
two ParsedFeeds (title, link, language, warnings, entries) and the Articles built from them must be equal.
Documents it declines are read by feedparser in both runs, so only those it accepts are read twice (and
each distinct document once: some captures repeat). On 2026-12-02 it accepted 358 of the 2,193 distinct
documents in the file and download readings, 354 with text/xml and a content-language (63 and 60 of the 88
distinct real feeds, 72%; the rest are Atom, RSS 0.9x/1.0, other encodings, xml:base or odd markup).
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsreader.parse import fastfeed
from newsreader.parse import feed as feed_module
from newsreader.parse.feed import FeedInfo, parse_feed, to_articles

SHARED = Path(__file__).resolve().parent.parent / ".." / "shared"
NOW = datetime(2026, 12, 1, tzinfo=UTC)
URL = "https://feeds.example/world/rss.xml"
READINGS = {
    "file": ("", {"content-type": ""}),  # as a feed file is read
    "download": (URL, {"content-type": "application/rss+xml; charset=utf-8"}),
    "download, text/xml, content-language": (URL, {"content-type": "text/xml", "content-language": "en_GB"}),
}


@functools.cache
def shared_feeds() -> dict[Path, bytes]:
    """Every feed file of ../shared/corpus and ../shared/news, each distinct document once (captures repeat).

    Read once per process (2,193 files, 0.45 s) for the three readings; callers only read the dict."""
    folders = [SHARED / "corpus", SHARED / "news"]
    files = sorted(p for f in folders for p in f.rglob("*") if p.suffix.lower() in (".xml", ".rdf", ".atom"))
    distinct: dict[bytes, Path] = {}
    for path in files:
        distinct.setdefault(path.read_bytes(), path)
    return {path: data for data, path in distinct.items()}


def may_read_fast(data: bytes, url: str, headers: dict[str, str]) -> bool:
    """Whether parse_feed could use the fast reading: it asks with the document's base or without it."""
    base = url or feed_module._LOCAL_BASE
    return any(fastfeed.read(data, {**headers, "content-location": b}) is not None for b in ("", base))


pytestmark = pytest.mark.skipif(not (SHARED / "news").is_dir(), reason=f"no shared feeds at {SHARED}")


@pytest.mark.parametrize("reading", READINGS)
def test_fast_reading_gives_feedparsers_articles_for_every_shared_feed(
    reading: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, headers = READINGS[reading]
    documents = shared_feeds()
    assert len(documents) > 2000
    candidates = {p: d for p, d in documents.items() if may_read_fast(d, url, headers)}
    used: list[bool] = []
    fast_read = feed_module._fast_read

    def spy(data: bytes, given: dict[str, str]) -> object:
        result = fast_read(data, given)
        used.append(result is not None)
        return result

    monkeypatch.setattr(feed_module, "_fast_read", spy)
    fast = {}
    for path, data in candidates.items():
        used.clear()
        parsed = parse_feed(data, headers, url, NOW)
        if any(used):
            fast[path] = parsed
    monkeypatch.setattr(feed_module, "_fast_read", lambda data, given: None)
    info = FeedInfo(key=url or "/feeds/file.xml", origin=url or "file.xml")
    for path, quick in fast.items():
        reference = parse_feed(candidates[path], headers, url, NOW)
        assert quick == reference, path
        assert to_articles(quick, info, NOW) == to_articles(reference, info, NOW), path
    real = [p for p in fast if "news" in p.parts]
    assert len(fast) >= 340, len(fast)  # the corpus's plain RSS 2.0 and most of the real outlets' feeds
    assert len(real) >= 55, len(real)


def test_fast_reading_knows_every_feedparser_handler_and_namespace() -> None:
    """The fast reading declines elements feedparser has handlers for unless it mirrors them: its lists must
    be feedparser's own, so an upgrade that adds a handler or a namespace fails here, not in a user's feed."""
    from feedparser.mixin import _FeedParserMixin

    handlers = {n.split("_", 2)[2] for n in dir(_FeedParserMixin) if n.startswith(("_start_", "_end_"))}
    assert handlers == fastfeed._HANDLED
    assert {k.lower(): v for k, v in _FeedParserMixin.namespaces.items()} == fastfeed._NAMESPACES


def test_fast_reading_reads_a_plain_rss_feed_and_declines_the_unusual() -> None:
    """A plain RSS 2.0 document is read; the same with a DOCTYPE, a Latin-1 declaration, markup in a title,
    an Atom document or broken XML is left to feedparser."""
    plain = (
        b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>World</title>'
        b"<link>https://news.example/</link><item><title>Talks resume</title>"
        b"<link>https://news.example/a?x=1&amp;y=2</link><guid isPermaLink='false'>a-1</guid>"
        b"<description>&lt;p&gt;Delegates met.&lt;/p&gt;</description><category>Politics</category>"
        b"<pubDate>Tue, 10 Feb 2026 05:44:12 GMT</pubDate></item></channel></rss>"
    )
    headers = {"content-type": "application/rss+xml", "content-location": ""}
    read = fastfeed.read(plain, headers)
    assert read is not None
    assert read["feed"]["title"] == "World"
    [entry] = read["entries"]
    assert entry["link"] == "https://news.example/a?x=1&y=2"
    assert entry["id"] == "a-1"
    assert entry["summary"] == "<p>Delegates met.</p>"
    assert entry["tags"] == [{"term": "Politics", "scheme": None, "label": None}]
    unusual = [
        plain.replace(b"<rss", b'<!DOCTYPE rss SYSTEM "x"><rss'),
        plain.replace(b"UTF-8", b"ISO-8859-1"),
        plain.replace(b"<title>Talks resume</title>", b"<title>Talks <b>resume</b></title>"),
        plain.replace(b"</item>", b"<link>https://news.example/b</link></item>"),
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>World</title></feed>',
        plain.replace(b"</channel>", b""),
    ]
    for document in unusual:
        assert fastfeed.read(document, headers) is None, document
