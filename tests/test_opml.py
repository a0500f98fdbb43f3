"""Reading OPML lists forgivingly (real files have raw '&'), and the shared real-world lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.errors import SourceError
from newsreader.opml import OpmlFeed, parse_opml, read_opml, write_opml

SHARED = Path(__file__).resolve().parent.parent / ".." / "shared" / "feeds"


def test_well_formed_opml_with_folders() -> None:
    feeds, notes = parse_opml(
        b'<?xml version="1.0"?><opml version="2.0"><body><outline text="World">'
        b'<outline text="A" title="Alpha" xmlUrl="https://a.example/rss"/>'
        b'<outline text="B" xmlUrl="https://b.example/rss"/></outline>'
        b'<outline text="no feed"/><outline text="A again" xmlUrl="https://a.example/rss"/></body></opml>'
    )
    assert feeds == [
        OpmlFeed("https://a.example/rss", "Alpha", "World"),
        OpmlFeed("https://b.example/rss", "B", "World"),
    ]
    assert notes == []


def test_raw_ampersand_is_repaired_with_a_note() -> None:
    feeds, notes = parse_opml(
        b'<opml><body><outline text="Tom & Jerry &amp; Co" xmlUrl="https://t.example/rss?a=1&amp;b=2"/></body></opml>'
    )
    assert feeds == [OpmlFeed("https://t.example/rss?a=1&b=2", "Tom & Jerry & Co")]
    assert "stray '&'" in notes[0]


def test_badly_broken_file_falls_back_to_outline_attributes() -> None:
    feeds, notes = parse_opml(b'<opml><body><outline text="x" xmlUrl="https://x.example/rss"><b></opml>')
    assert [f.url for f in feeds] == ["https://x.example/rss"]
    assert "as written" in notes[0]


def test_nothing_readable_says_why() -> None:
    with pytest.raises(SourceError, match="not a readable OPML"):
        parse_opml(b"<html><p>hello</html")
    with pytest.raises(SourceError, match="no feeds"):
        parse_opml(b"<opml><body><outline text='folder'/></body></opml>")


def test_entities_do_not_expand_or_read_files() -> None:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<opml><body><outline text="&x;" xmlUrl="https://x.example/rss"/></body></opml>'
    )
    feeds, _ = parse_opml(xxe)
    assert all("root:" not in f.title for f in feeds)


def test_write_then_read_round_trip() -> None:
    feeds = [OpmlFeed("https://a.example/rss?x=1&y=2", "A & B", "Europe"), OpmlFeed("https://c.example/", "C")]
    again, notes = parse_opml(write_opml(feeds).encode())
    assert again == feeds and notes == []


def test_shared_world_news_list_gives_ten_feed_urls() -> None:
    path = SHARED / "world-news.opml"
    if not path.exists():
        pytest.skip("../shared/feeds/world-news.opml is not present in this checkout")
    feeds, _ = read_opml(path)
    assert len(feeds) >= 10
    assert all(f.url.startswith(("http://", "https://")) for f in feeds)


def test_every_shared_country_list_yields_feeds() -> None:
    folder = SHARED / "countries"
    if not folder.is_dir():
        pytest.skip("../shared/feeds/countries/ is not present in this checkout")
    for path in sorted(folder.glob("*.opml")):
        feeds, _ = read_opml(path)
        assert feeds, path
