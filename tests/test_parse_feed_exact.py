"""parse/feed.py case by case, in-process, every field of every entry against hand-written values.

The documents are small and written here so each expected value can be read off the document itself
(feedparser is the reader underneath; what is pinned is what newsreader makes of its reading).
"""

from __future__ import annotations

import hashlib
import json
import time
from datetime import UTC, datetime

from newsreader.models import make_id
from newsreader.parse.feed import (
    Entry,
    FeedInfo,
    ParsedFeed,
    _safe_link,
    _shorten,
    _struct_time,
    article_id_for,
    parse_feed,
    to_articles,
    undated_ids,
)

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
URL = "https://example.org/feed.xml"

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>World &amp;amp; News</title><link>https://example.org/</link><language>fr</language>
<item><title>Talks &lt;b&gt;resume&lt;/b&gt;</title><link>/a/1</link><guid isPermaLink="false">id-1</guid>
<description>&lt;p&gt;Short one.&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>Long body first.</p><p>Second.</p>]]></content:encoded>
<pubDate>Tue, 01 Dec 2026 10:00:00 +0000</pubDate>
<category>Politics</category><category>Politics</category><category>Gulf</category><category> </category>
<dc:creator>Jane Doe</dc:creator></item>
<item><link>https://example.org/b</link><description>A summary only, and it names no title.</description></item>
<item><guid isPermaLink="false">empty</guid></item>
<item><title>Unreadable</title><link>https://example.org/c</link><pubDate>someday</pubDate></item>
<item><title>Future</title><link>https://example.org/d</link><pubDate>Fri, 01 Jan 2027 00:00:00 +0000</pubDate></item>
</channel></rss>"""


def test_rss_every_field() -> None:
    parsed = parse_feed(RSS, {"Content-Type": "application/rss+xml"}, URL, NOW)
    assert parsed.error == ""
    assert (parsed.url, parsed.title, parsed.link, parsed.language) == (
        URL,
        "World & News",
        "https://example.org/",
        "fr",
    )
    first, second, unreadable, future = parsed.entries
    assert first == Entry(
        guid="id-1",
        link="https://example.org/a/1",
        title="Talks resume",
        author="Jane Doe",
        summary="Short one.",
        body="Long body first.\n\nSecond.",
        published=datetime(2026, 12, 1, 10, 0, tzinfo=UTC),
        tags=("Politics", "Gulf"),
    )
    assert second == Entry(
        guid="",
        link="https://example.org/b",
        title="A summary only, and it names no title.",
        summary="A summary only, and it names no title.",
        body="A summary only, and it names no title.",
    )
    assert (unreadable.title, unreadable.published, unreadable.date_problem, unreadable.date_raw) == (
        "Unreadable",
        None,
        "unreadable",
        "someday",
    )
    assert (future.title, future.published, future.date_problem, future.date_raw) == (
        "Future",
        None,
        "future",
        "2027-01-01T00:00:00Z",
    )
    assert parsed.warnings == (
        "1 entry with unreadable dates, e.g. 'someday'; dated by when they were first seen",
        "1 entry dated more than a day in the future, e.g. 2027-01-01T00:00:00Z; dated by when they were first seen",
    )


def _rss_items(*items: str) -> bytes:
    return ("<rss version='2.0'><channel><title>F</title>" + "".join(items) + "</channel></rss>").encode()


def _dated(title: str, when: str) -> str:
    return f"<item><title>{title}</title><link>https://example.org/{title}</link><pubDate>{when}</pubDate></item>"


def test_future_horizon_is_one_day_after_now() -> None:
    data = _rss_items(
        _dated("edge", "Thu, 03 Dec 2026 12:00:00 +0000"), _dated("over", "Thu, 03 Dec 2026 12:00:01 +0000")
    )
    edge, over = parse_feed(data, {}, URL, NOW).entries
    assert edge.published == datetime(2026, 12, 3, 12, 0, tzinfo=UTC) and edge.date_problem == ""
    assert over.published is None and over.date_problem == "future" and over.date_raw == "2026-12-03T12:00:01Z"


def test_dates_fine_leave_no_warning_and_default_now_is_the_clock() -> None:
    data = _rss_items(_dated("a", "Tue, 01 Dec 2026 10:00:00 +0000"))
    parsed = parse_feed(data, {}, URL, NOW)
    assert parsed.warnings == () and parsed.entries[0].date_problem == ""
    far = _rss_items(_dated("a", "Tue, 01 Dec 2026 10:00:00 +0000"), _dated("b", "Sat, 01 Jan 2100 00:00:00 +0000"))
    clock = parse_feed(far, {}, URL)  # no `now`: the clock, which is before 2100 and after 2026-12-01
    assert [e.date_problem for e in clock.entries] == ["", "future"]


def test_two_unreadable_dates_and_a_long_raw_value() -> None:
    raw = "x" * 70
    data = _rss_items(
        _dated("a", raw), _dated("b", "nope"), _dated("c", "zz"), _dated("d", "Tue, 01 Jan 2100 00:00:00 +0000")
    )
    parsed = parse_feed(data, {}, URL, NOW)
    assert parsed.warnings == (
        f"3 entries with unreadable dates, e.g. {'x' * 60!r}; dated by when they were first seen",
        "1 entry dated more than a day in the future, e.g. 2100-01-01T00:00:00Z; dated by when they were first seen",
    )
    assert [e.date_raw for e in parsed.entries] == [raw, "nope", "zz", "2100-01-01T00:00:00Z"]


def test_two_future_dates() -> None:
    data = _rss_items(_dated("a", "Sat, 01 Jan 2100 00:00:00 +0000"), _dated("b", "Sun, 02 Jan 2100 00:00:00 +0000"))
    assert parse_feed(data, {}, URL, NOW).warnings == (
        "2 entries dated more than a day in the future, e.g. 2100-01-01T00:00:00Z; dated by when they were first seen",
    )


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de"><title type="html">A &lt;i&gt;tom&lt;/i&gt;</title>
<link rel="alternate" href="https://atom.example/"/><id>urn:feed</id><updated>2026-12-01T00:00:00Z</updated>
<entry><title>One</title><id>urn:1</id><link href="https://atom.example/1"/>
<published>not a date</published><updated>2026-12-01T08:00:00+02:00</updated>
<summary>Short</summary><content type="html">&lt;p&gt;Long text&lt;/p&gt;</content>
<category term="" label="Labelled"/><category term="Termed"/><author><name>Ann Lee</name></author></entry>
<entry><title>Two</title><id>urn:2</id><link href="https://atom.example/2"/>
<published>bad one</published><updated>bad two</updated>
<content type="html" xml:lang="ar">&lt;p&gt;Same&lt;/p&gt;</content><summary type="html">&lt;p&gt;Same&lt;/p&gt;</summary></entry>
</feed>"""


def test_atom_dates_content_categories_and_languages() -> None:
    parsed = parse_feed(ATOM, {}, "https://atom.example/feed", NOW)
    assert (parsed.title, parsed.link, parsed.language) == ("A tom", "https://atom.example/", "de")
    one, two = parsed.entries
    assert one.published == datetime(2026, 12, 1, 6, 0, tzinfo=UTC) and one.date_raw == ""
    assert (one.summary, one.body, one.tags, one.author) == ("Short", "Long text", ("Labelled", "Termed"), "Ann Lee")
    assert one.language == "de"
    assert two.published is None and two.date_raw == "bad one" and two.date_problem == "unreadable"
    assert (two.summary, two.body, two.language) == ("Same", "Same", "ar")


def test_dc_language_of_an_entry_wins() -> None:
    data = b"""<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>F</title>
    <item><title>T</title><link>https://example.org/t</link><dc:language>uk</dc:language></item>
    <item><title>U</title><link>https://example.org/u</link><dc:language> </dc:language></item></channel></rss>"""
    first, second = parse_feed(data, {}, URL, NOW).entries
    assert (first.language, second.language) == ("uk", "")


def test_struct_time_fallback() -> None:
    assert _struct_time(None) is None
    assert _struct_time(()) is None
    assert _struct_time(time.struct_time((2026, 1, 2, 3, 4, 5, 0, 0, 0))) == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert _struct_time((10**12, 1, 1, 0, 0, 0, 0, 0, 0)) is None
    assert _struct_time("junk") is None


def test_xml_errors_and_notes() -> None:
    page = parse_feed(b"<html><body><p>hi</p></body></html>", {"content-type": "application/xml"}, URL, NOW)
    assert page.error == "not an RSS, Atom or JSON feed" and page.entries == ()
    untyped = parse_feed(b"<html><body><p>hi</p></body></html>", {}, URL, NOW)
    assert untyped.error == "not a readable feed: no Content-type specified"
    broken = parse_feed(b"<rss version='2.0'><channel><title>x</title>", {}, URL, NOW)
    assert broken.error == "not a readable feed: not well-formed XML (no element found)" and broken.warnings == ()
    # expat's own text names no file and a place shifted by feedparser's rewritten declaration: neither is shown
    entity = parse_feed(b"<rss version='2.0'><channel><title>&bad;</title></channel></rss>", {}, URL, NOW)
    assert entity.error == "not a readable feed: not well-formed XML (undefined entity)"
    token = parse_feed(b"<rss version='2.0'>\x01</rss>", {}, URL, NOW)
    assert token.error == "not a readable feed: not well-formed XML (invalid token)"
    empty = parse_feed(
        b"<rss version='2.0'><channel><title>E</title></channel></rss>", {"content-type": "text/html"}, URL, NOW
    )
    assert empty.error == "" and empty.title == "E"
    assert empty.warnings == ("feed has no entries",)  # the media-type note is not the reason: left out
    bogus = b"<?xml version='1.0' encoding='bogus'?><rss version='2.0'><channel><title>E</title></channel></rss>"
    assert parse_feed(bogus, {}, URL, NOW).warnings == ("feed has no entries",)  # nor the charset note
    items = _rss_items(_dated("a", "Tue, 01 Dec 2026 10:00:00 +0000"))
    assert parse_feed(items, {"content-type": "text/html"}, URL, NOW).warnings == ()  # charset/type note: fine
    junk = items + b"<junk"
    kept = parse_feed(junk, {}, URL, NOW)
    assert [e.title for e in kept.entries] == ["a"]
    junk_note = "malformed feed, kept the 1 entry that could be read: not well-formed XML (junk after document element)"
    assert kept.warnings == (junk_note,)
    two = parse_feed(
        _rss_items(_dated("a", "Tue, 01 Dec 2026 10:00:00 +0000"), _dated("b", "x")) + b"<junk", {}, URL, NOW
    )
    assert two.warnings[0] == junk_note.replace("the 1 entry", "the 2 entries")


def test_json_detection() -> None:
    feed = b'{"version": "https://jsonfeed.org/version/1.1", "items": []}'
    assert parse_feed(b" \r\n\t" + feed, {}, URL, NOW).error == ""
    assert parse_feed(b"\xef\xbb\xbf" + feed, {}, URL, NOW).error == ""
    assert parse_feed(b"[1]", {"Content-Type": "Application/Feed+JSON"}, URL, NOW).error == (
        "not a JSON Feed (no 'items' list)"
    )
    xml = parse_feed(_rss_items(_dated("a", "x")), {"content-type": "application/json"}, URL, NOW)
    assert [e.title for e in xml.entries] == ["a"]
    padded = parse_feed(b" " * 64 + feed, {}, URL, NOW)  # only the first 64 bytes are looked at
    assert padded.error != "" and "JSON" not in padded.error


def test_json_errors() -> None:
    assert parse_feed(b"{not json", {}, URL, NOW).error == (
        "not a readable JSON feed: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"
    )
    assert parse_feed(b'{"items": 3}', {}, URL, NOW).error == "not a JSON Feed (no 'items' list)"
    assert parse_feed(b'{"title": "x"}', {}, URL, NOW).error == "not a JSON Feed (no 'version' or 'items')"
    loose = parse_feed(b'{"version": "2", "items": []}', {}, URL, NOW)
    assert loose.error == "" and loose.warnings == ("JSON feed without a JSON Feed 1.x version; read it anyway",)
    bad_byte = parse_feed(
        b'{"version": "https://jsonfeed.org/version/1", "title": "a\xffb", "items": []}', {}, URL, NOW
    )
    assert bad_byte.error == "" and bad_byte.title == "a\ufffdb"


JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "<b>J</b> &amp; co",
    "home_page_url": "/home",
    "feed_url": "https://j.example/feeds/main.json",
    "language": "en",
    "authors": [{"name": "A"}, {"name": "B"}, {"url": "x"}, "str"],
    "items": [
        {
            "id": 7,
            "url": "post/7",
            "title": "T1",
            "content_html": "<p>P1</p><p>P2</p>",
            "summary": "S &amp; s",
            "date_published": "2026-12-01T10:00:00Z",
            "tags": ["a", "a", "", 5, None],
            "language": "de",
        },
        {
            "id": "2",
            "external_url": "https://ext.example/y",
            "content_text": "  Text body.  ",
            "authors": [{"name": "C"}],
            "date_published": "  ",
            "date_modified": "bad date",
        },
        "not an item",
        {"id": "4", "author": {"name": "D"}},
        {"id": "5", "title": "T5", "author": {"name": "D"}, "date_modified": "2026-11-30T00:00:00Z"},
        {"id": 6.5, "title": "T6", "authors": "not a list", "author": {"name": "E"}},
    ],
}


def test_json_feed_every_field() -> None:
    parsed = parse_feed(json.dumps(JSON_FEED).encode(), {}, "https://j.example/", NOW)
    assert (parsed.title, parsed.link, parsed.language) == ("J & co", "https://j.example/home", "en")
    assert parsed.warnings == ("1 entry with unreadable dates, e.g. 'bad date'; dated by when they were first seen",)
    first, second, fifth, sixth = parsed.entries
    assert first == Entry(
        guid="7",
        link="https://j.example/feeds/post/7",
        title="T1",
        author="A, B",
        summary="S & s",
        body="P1\n\nP2",
        published=datetime(2026, 12, 1, 10, 0, tzinfo=UTC),
        tags=("a", "5"),
        language="de",
    )
    assert second == Entry(
        guid="2",
        link="https://ext.example/y",
        title="Text body.",
        author="C",
        summary="Text body.",
        body="Text body.",
        date_problem="unreadable",
        date_raw="bad date",
    )
    assert (fifth.guid, fifth.author, fifth.published) == ("5", "D", datetime(2026, 11, 30, tzinfo=UTC))
    assert (sixth.guid, sixth.author) == ("6.5", "E")


def test_json_feed_without_feed_url_resolves_against_the_document() -> None:
    doc = {"version": "https://jsonfeed.org/version/1", "home_page_url": "/", "items": [{"id": "1", "url": "a"}]}
    parsed = parse_feed(json.dumps(doc).encode(), {}, "https://j.example/x/feed.json", NOW)
    assert parsed.link == "https://j.example/"
    assert parsed.entries[0].link == "https://j.example/x/a"
    assert parsed.entries[0].title == ""  # a link alone is enough to keep an entry


def test_content_location_is_the_base() -> None:
    data = _rss_items("<item><title>a</title><link>x</link></item>")
    parsed = parse_feed(data, {"Content-Location": "/moved/feed.xml"}, "https://example.org/feed.xml", NOW)
    assert parsed.entries[0].link == "https://example.org/moved/x"


LOCAL = b"""<rss version="2.0"><channel><title>L</title><link>https://site.example/news/</link>
<item><title>rel</title><link>story/1</link></item>
<item xml:base="/world/"><title>abs</title><link>x</link></item>
<item><title>full</title><link>https://other.example/z</link></item>
</channel></rss>"""


def test_local_file_links_resolve_against_the_site() -> None:
    parsed = parse_feed(LOCAL, {}, "/home/u/feeds/local.xml", NOW)
    assert parsed.link == "https://site.example/news/"
    assert [e.link for e in parsed.entries] == [
        "https://site.example/news/story/1",
        "https://site.example/world/x",
        "https://other.example/z",
    ]


def test_local_file_without_a_site_drops_relative_links() -> None:
    data = LOCAL.replace(b"<link>https://site.example/news/</link>", b"")
    parsed = parse_feed(data, {}, "/home/u/feeds/local.xml", NOW)
    assert parsed.link == ""
    assert [e.link for e in parsed.entries] == ["", "", "https://other.example/z"]


def test_safe_link() -> None:
    assert _safe_link(" https://a.example/x\n y ", "") == "https://a.example/xy"
    assert _safe_link("", "https://b.example/") == ""
    assert _safe_link(" \t", "https://b.example/") == ""
    assert _safe_link("/p", "https://b.example/dir/") == "https://b.example/p"
    assert _safe_link("p", "HTTP://b.example/dir/") == "http://b.example/dir/p"
    assert _safe_link("/p", "file:///x/") == ""
    assert _safe_link("/p", "") == ""
    assert _safe_link("javascript:alert(1)", "https://b.example/") == ""
    assert _safe_link("mailto:x@y.example", "https://b.example/") == ""
    assert _safe_link("http:///nohost", "") == ""
    assert _safe_link("HTTP://A.example/x", "") == "HTTP://A.example/x"
    assert _safe_link("HTTPS://A.example/x", "") == "HTTPS://A.example/x"


def test_shorten() -> None:
    assert _shorten("abc", 3) == "abc"
    assert _shorten("abcd", 3) == "abc…"
    assert _shorten("one two, three", 9) == "one two…"  # "one two, " cut at the last space, then "," stripped
    assert _shorten("one two. three", 8) == "one…"
    assert _shorten("one two; three", 12) == "one two…"


def test_summary_made_from_a_long_body_and_title_from_the_summary() -> None:
    words = " ".join(f"w{n:03d}" for n in range(100))  # 499 characters
    data = _rss_items(f"<item><link>https://example.org/l</link><content:encoded>{words}</content:encoded></item>")
    data = data.replace(
        b"<rss version='2.0'>", b"<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
    )
    (entry,) = parse_feed(data, {}, URL, NOW).entries
    assert entry.body == words
    assert entry.summary == " ".join(f"w{n:03d}" for n in range(80)) + "…"  # 80 words fill 399 characters
    assert entry.title == " ".join(f"w{n:03d}" for n in range(24)) + "…"  # 24 words fill 119 of 120


def test_first_paragraph_only_makes_the_summary() -> None:
    data = _rss_items(
        "<item><link>https://example.org/l</link><description>&lt;p&gt;One.&lt;/p&gt;&lt;p&gt;Two.&lt;/p&gt;</description></item>"
    )
    (entry,) = parse_feed(data, {}, URL, NOW).entries
    assert (entry.summary, entry.body) == ("One.\n\nTwo.", "One.\n\nTwo.")


def test_to_articles_every_field() -> None:
    parsed = parse_feed(RSS, {}, URL, NOW)
    info = FeedInfo(key=URL, origin="example", name="", country="FR", tags=("Gulf", "mine"))
    fetched = datetime(2026, 12, 2, 11, 0, tzinfo=UTC)
    second_id = make_id("feed", URL, "https://example.org/b")
    seen = {second_id: datetime(2026, 11, 1, tzinfo=UTC)}
    first, second, unreadable, future = to_articles(parsed, info, fetched, seen)
    assert first.id == make_id("feed", URL, "id-1")
    assert (first.title, first.source, first.published, first.fetched_at, first.origin) == (
        "Talks resume",
        "World & News",
        datetime(2026, 12, 1, 10, 0, tzinfo=UTC),
        fetched,
        "example",
    )
    assert (first.author, first.url, first.summary, first.body) == (
        "Jane Doe",
        "https://example.org/a/1",
        "Short one.",
        "Long body first.\n\nSecond.",
    )
    assert (first.tags, first.source_country, first.dated, first.date_clamped, first.language) == (
        ("Politics", "Gulf", "mine"),
        "FR",
        True,
        False,
        "fr",
    )
    assert (second.id, second.published, second.dated) == (second_id, datetime(2026, 11, 1, tzinfo=UTC), False)
    assert (unreadable.published, unreadable.dated, unreadable.date_clamped) == (fetched, False, False)
    assert (future.published, future.dated, future.date_clamped) == (fetched, False, True)
    assert to_articles(parsed, info, fetched)[1].published == fetched


def test_to_articles_source_names() -> None:
    entry = Entry(guid="g", link="", title="t")
    fetched = NOW

    def source(parsed: ParsedFeed, info: FeedInfo) -> str:
        return to_articles(parsed, info, fetched)[0].source

    assert source(ParsedFeed("https://h.example/f", title="T", entries=(entry,)), FeedInfo("k", "o", name="N")) == "N"
    assert source(ParsedFeed("https://h.example/f", title="T", entries=(entry,)), FeedInfo("k", "o")) == "T"
    assert source(ParsedFeed("https://Host.Example/f", entries=(entry,)), FeedInfo("k", "o")) == "host.example"
    assert source(ParsedFeed("/d/My Feed.xml", entries=(entry,)), FeedInfo("k", "/d/My Feed.xml")) == "My Feed"
    assert source(ParsedFeed("/d/x.xml", entries=(entry,)), FeedInfo("k", "")) == ""
    assert source(ParsedFeed("", entries=(entry,)), FeedInfo("k", "/")) == "/"
    lang = to_articles(ParsedFeed("u", language="pt-BR", entries=(entry,)), FeedInfo("k", "o"), fetched)[0]
    assert lang.language == "pt"
    own = Entry(guid="g", link="", title="t", language="en-GB")
    assert to_articles(ParsedFeed("u", language="pt", entries=(own,)), FeedInfo("k", "o"), fetched)[0].language == "en"


def test_article_ids_and_undated_ids() -> None:
    by_guid = Entry(guid="g", link="https://l.example/", title="t", summary="s")
    by_link = Entry(guid="", link="https://l.example/", title="t", summary="s")
    by_hash = Entry(guid="", link="", title="t", summary="s", published=NOW)
    digest = hashlib.sha1(b"t\x1fs").hexdigest()
    assert article_id_for("k", by_guid) == make_id("feed", "k", "g")
    assert article_id_for("k", by_link) == make_id("feed", "k", "https://l.example/")
    assert article_id_for("k", by_hash) == make_id("feed", "k", digest)
    parsed = ParsedFeed("u", entries=(by_guid, by_link, by_hash))
    assert undated_ids(parsed, "k") == [make_id("feed", "k", "g"), make_id("feed", "k", "https://l.example/")]


ATOM_MORE = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><title>One</title><id>/post/1</id><link href="/p1"/>
<author><name>Ann Lee</name></author><author><name>Bob Ray</name></author>
<category term=""/><category term="T"/></entry>
<entry><title>Two</title><id>urn:2</id><author><email>x@y.example</email></author><author><name>Cy Dee</name></author></entry>
<entry><title>Three</title><id>urn:3</id><author><email>z@y.example</email></author></entry>
</feed>"""


def test_atom_authors_relative_ids_and_empty_categories() -> None:
    one, two, three = parse_feed(ATOM_MORE, {}, "https://example.org/feed.atom", NOW).entries
    assert (one.guid, one.link, one.author, one.tags) == (
        "https://example.org/post/1",
        "https://example.org/p1",
        "Ann Lee, Bob Ray",
        ("T",),
    )
    assert (two.guid, two.link, two.author, two.tags) == ("urn:2", "", "Cy Dee", ())
    assert three.author == ""  # a bare address is no name


RSS_MORE = b"""<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>
<link>/</link>
<item><title>a</title><guid>/p/1</guid><link>?p=1</link>
<content:encoded>&lt;p&gt;AAA&lt;/p&gt;</content:encoded><content:encoded>&lt;p&gt;BBB&lt;/p&gt;</content:encoded></item>
<item><title>b</title><content:encoded>&lt;p&gt;short&lt;/p&gt;</content:encoded>
<content:encoded>&lt;p&gt;much longer&lt;/p&gt;</content:encoded></item>
</channel></rss>"""


def test_rss_relative_guid_channel_link_query_link_and_longest_content() -> None:
    parsed = parse_feed(RSS_MORE, {}, "https://example.org/feed.xml", NOW)
    assert (parsed.url, parsed.title, parsed.link, parsed.language) == (URL, "T", "https://example.org/", "")
    a, b = parsed.entries
    assert (a.guid, a.link, a.body) == ("https://example.org/p/1", "https://example.org/feed.xml?p=1", "AAA")
    assert (b.guid, b.link, b.body) == ("", "", "much longer")


def test_base_from_content_location_and_plain_http() -> None:
    data = _rss_items("<item><title>a</title><link>?p=2</link></item>")
    moved = parse_feed(data, {"content-location": "https://cdn.example/x/"}, "https://example.org/feed.xml", NOW)
    assert (moved.link, moved.entries[0].link) == ("", "https://cdn.example/x/?p=2")
    no_url = parse_feed(data, {"content-location": "https://cdn.example/x/"}, "", NOW)
    assert (no_url.url, no_url.entries[0].link) == ("", "https://cdn.example/x/?p=2")
    plain_http = parse_feed(_rss_items("<item><title>a</title><link>a</link></item>"), {}, "http://example.org/f", NOW)
    assert plain_http.entries[0].link == "http://example.org/a"
    channel = _rss_items("").replace(b"<title>F</title>", b"<title>F</title><link>/home</link>")
    relative = parse_feed(channel, {"content-location": "https://cdn.example/x/"}, "https://example.org/feed.xml", NOW)
    assert relative.link == "https://cdn.example/home"


def test_channel_language_from_xml_lang() -> None:
    data = b'<rss version="2.0"><channel xml:lang="pt"><title>T</title><item><title>a</title></item></channel></rss>'
    assert parse_feed(data, {}, URL, NOW).language == "pt"


def test_clean_empty_feed_is_no_error() -> None:
    empty = parse_feed(
        b"<rss version='2.0'><channel><title>E</title></channel></rss>",
        {"content-type": "application/rss+xml"},
        URL,
        NOW,
    )
    assert (empty.url, empty.title, empty.link, empty.entries, empty.warnings, empty.error) == (
        URL,
        "E",
        "",
        (),
        (),
        "",
    )


def test_error_results_keep_url_title_and_link() -> None:
    broken = parse_feed(b"<rss version='2.0'><channel><title>x</title><link>https://example.org/</link>", {}, URL, NOW)
    assert (broken.url, broken.title, broken.link) == (URL, "x", "https://example.org/")
    page = parse_feed(b"<html><body><p>hi</p></body></html>", {"content-type": "application/xml"}, URL, NOW)
    assert (page.url, page.title, page.link) == (URL, "", "")
    typed = b"<rss version='2.0'><channel><title>E</title><link>https://example.org/</link></channel></rss>"
    noted = parse_feed(typed, {"content-type": "text/html"}, URL, NOW)
    assert (noted.url, noted.title, noted.link, noted.error) == (URL, "E", "https://example.org/", "")


def test_local_entry_without_a_link() -> None:
    data = LOCAL.replace(
        b"<item><title>full</title><link>https://other.example/z</link></item>", b"<item><title>none</title></item>"
    )
    assert [e.link for e in parse_feed(data, {}, "/home/u/feeds/local.xml", NOW).entries] == [
        "https://site.example/news/story/1",
        "https://site.example/world/x",
        "",
    ]


def test_dates_ours_first_then_feedparsers() -> None:
    data = _rss_items(_dated("cest", "Tue, 01 Dec 2026 10:00:00 CEST"), _dated("asctime", "Tue Dec  1 10:00:00 2026"))
    cest, asctime = parse_feed(data, {}, URL, NOW).entries
    assert cest.published == datetime(2026, 12, 1, 8, 0, tzinfo=UTC)  # feedparser would read it as UTC
    assert asctime.published == datetime(2026, 12, 1, 10, 0, tzinfo=UTC)  # only feedparser reads asctime


def test_entry_language_from_summary_or_title() -> None:
    data = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
    <entry><title>x</title><id>u1</id><summary xml:lang="fa">s</summary></entry>
    <entry><title xml:lang="ur">y</title><id>u2</id></entry></feed>"""
    assert [e.language for e in parse_feed(data, {}, URL, NOW).entries] == ["fa", "ur"]


def test_charset_override_is_no_warning() -> None:
    data = (
        b'<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>T</title>'
        b"<item><title>caf\xe9</title></item></channel></rss>"
    )
    parsed = parse_feed(data, {"content-type": "application/rss+xml; charset=utf-8"}, URL, NOW)
    assert (parsed.warnings, parsed.error, [e.title for e in parsed.entries]) == ((), "", ["café"])


def test_json_results_keep_the_url() -> None:
    for data in (b"{not json", b'{"items": 3}', b'{"title": "x"}'):
        assert parse_feed(data, {}, URL, NOW).url == URL
    bare = parse_feed(b'{"version": "https://jsonfeed.org/version/1"}', {}, URL, NOW)
    assert (bare.url, bare.entries, bare.warnings, bare.error) == (URL, (), (), "")
    assert "JSON" not in parse_feed(b'X{"items": []}', {}, URL, NOW).error


def test_json_summary_title_and_undated_fields() -> None:
    doc = {
        "version": "https://jsonfeed.org/version/1",
        "items": [
            {"id": "1", "content_text": "P1\n\nP2\n\nP3"},
            {"id": "2", "content_text": "a" * 121},
            {"id": "3", "content_text": "a" * 120},
        ],
    }
    first, long, exact = parse_feed(json.dumps(doc).encode(), {}, URL, NOW).entries
    assert first == Entry(guid="1", link="", title="P1", summary="P1", body="P1\n\nP2\n\nP3")
    assert (long.title, exact.title) == ("a" * 120 + "…", "a" * 120)
    assert _shorten("Malcolm X said more", 10) == "Malcolm X…"


def test_hash_id_of_text_with_a_lone_surrogate() -> None:
    entry = Entry(guid="", link="", title="\ud800", summary="s")
    digest = hashlib.sha1("\ud800\x1fs".encode("utf-8", "surrogatepass")).hexdigest()
    assert article_id_for("k", entry) == make_id("feed", "k", digest)


def test_a_date_only_feedparser_reads_is_read_on_either_reading() -> None:
    # asctime ("Sun Mar  1 10:00:00 2026") is no form of ours: feedparser's date parser reads it, whether the
    # plain RSS 2.0 reader or feedparser itself read the document.
    doc = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><guid isPermaLink="false">g1'
        b"</guid><title>A</title><link>https://w.example/a</link><pubDate>Sun Mar  1 10:00:00 2026</pubDate>"
        b"</item></channel></rss>"
    )
    parsed = parse_feed(doc, {"content-type": "application/rss+xml"}, "https://w.example/feed")
    assert [e.published for e in parsed.entries] == [datetime(2026, 3, 1, 10, 0, tzinfo=UTC)]


def test_a_link_urljoin_cannot_read_is_no_link() -> None:
    from newsreader.parse.feed import _urljoin

    assert _urljoin("https://w.example/", "http://[oops/x") == ""  # an unclosed IPv6 host: ValueError
    assert _urljoin("https://w.example/a/", "b") == "https://w.example/a/b"


def test_a_story_listed_twice_is_kept_once_and_the_entries_after_it_are_kept() -> None:
    text = "The talks resumed in Doha on Monday with both delegations present and a mediator from Qatar at the table."
    items = "".join(
        f'<item><guid isPermaLink="false">{guid}</guid><title>{title}</title><link>https://w.example/{path}</link>'
        f"<description>{summary}</description><pubDate>Tue, 01 Dec 2026 10:00:00 +0000</pubDate></item>"
        for guid, title, path, summary in [
            ("g1", "Talks", "news/1", text),
            ("g2", "Talks", "global/1", text),  # the same dispatch under another path
            ("g3", "Other", "news/2", text + " Later."),
        ]
    )
    doc = f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()
    parsed = parse_feed(doc, {"content-type": "application/rss+xml"}, "https://w.example/feed")
    assert [e.link for e in parsed.entries] == ["https://w.example/news/1", "https://w.example/news/2"]
