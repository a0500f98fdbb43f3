"""parse/fastfeed.py in-process, case by case, on small hand-written RSS 2.0 documents.

Each accepted document's reading is compared with the dictionary written out by hand here from feedparser's
rules (what feedparser 6.0 gives for the keys newsreader reads), and parse_feed's result with the fast
reading is compared with parse_feed's result with feedparser alone (the reference). Each declined document
must give None: it is one feedparser would read otherwise, or one the fast reading does not mirror.
tests/test_fast_feed.py holds the two readings equal on every shared feed; this file is the fast one that
mutation testing can run per mutant.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from newsreader.parse import fastfeed
from newsreader.parse import feed as feed_module
from newsreader.parse.feed import parse_feed

NOW = datetime(2026, 12, 1, tzinfo=UTC)
FAST_READ = feed_module._fast_read  # before any test switches it off
RSS = "application/rss+xml"
PLAIN = {"content-type": RSS, "content-location": ""}
NS = (
    b' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
    b' xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"'
)


def rss(items: bytes = b"", channel: bytes = b"", *, head: bytes = b"", root: bytes = b"") -> bytes:
    """A UTF-8 RSS 2.0 document: `channel` elements first, then `items` (each a whole <item>)."""
    return (
        b'<?xml version="1.0" encoding="utf-8"?>\n' + head + b'<rss version="2.0"' + NS + root + b"><channel>"
        b"<title>World</title><link>https://news.example/</link>" + channel + items + b"</channel></rss>"
    )


def item(inner: bytes, attributes: bytes = b"") -> bytes:
    return b"<item" + attributes + b">" + inner + b"</item>"


def read(document: bytes, headers: dict[str, str] | None = None) -> dict[str, Any]:
    result = fastfeed.read(document, PLAIN if headers is None else headers)
    assert result is not None, document
    return result


def entry(inner: bytes, attributes: bytes = b"", channel: bytes = b"", root: bytes = b"") -> dict[str, Any]:
    [one] = read(rss(item(inner, attributes), channel, root=root))["entries"]
    return dict(one)


def note(result: dict[str, Any]) -> tuple[str, str] | None:
    """The bozo note as (class name, message), None when there is none."""
    if not result["bozo"]:
        assert "bozo_exception" not in result
        return None
    assert result["bozo"] == 1
    exception = result["bozo_exception"]
    return type(exception).__name__, str(exception)


def same_as_feedparser(document: bytes, headers: dict[str, str], url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """parse_feed with the fast reading (which must be used) equals parse_feed with feedparser alone."""
    used: list[bool] = []
    fast_read = FAST_READ

    def spy(data: bytes, given: dict[str, str]) -> object:
        result = fast_read(data, given)
        used.append(result is not None)
        return result

    monkeypatch.setattr(feed_module, "_fast_read", spy)
    quick = parse_feed(document, headers, url, NOW)
    assert any(used), document
    monkeypatch.setattr(feed_module, "_fast_read", lambda data, given: None)
    assert quick == parse_feed(document, headers, url, NOW)


RICH = rss(
    item(
        b"<title>Erste</title><title>Zweite</title><link>a/b?x=1&amp;amp;y=2</link><guid>g/1</guid>"
        b"<description>Sum</description><description>Second</description>"
        b"<pubDate>Tue, 10 Feb 2026 05:44:12 GMT</pubDate><dc:date>2026-02-10</dc:date>"
        b'<category domain="d">Politik</category><category>Politik</category><dc:subject>Wirtschaft</dc:subject>'
        b"<author>ann@example.com (Ann Lee)</author><dc:creator>Bob</dc:creator>"
        b'<media:content url="x"><media:title>Mt</media:title></media:content>'
    ),
    b'<atom:link rel="self" href="https://news.example/rss"/><language>de</language>'
    b"<image><url>u</url><title>t</title></image><skipHours><hour>1</hour></skipHours>"
    b"<lastBuildDate>x</lastBuildDate>",
).replace(b"<channel>", b'<channel xml:lang="de_AT">')
RICH_ENTRY = {
    "title": "Erste",  # a second title as deep is ignored; media:title is deeper
    "link": "a/b?x=1&y=2",
    "id": "g/1",
    "summary": "Sum",
    "content": [{"value": "Second", "language": "de-AT"}],  # the second description becomes the content
    "published": "Tue, 10 Feb 2026 05:44:12 GMT",
    "updated": "2026-02-10",
    "tags": [
        {"term": "Politik", "scheme": "d", "label": None},
        {"term": "Politik", "scheme": None, "label": None},
        {"term": "Wirtschaft", "scheme": None, "label": None},
    ],
    "author": "Bob",
    "authors": [{"name": "Ann Lee", "email": "ann@example.com"}, {"name": "Bob"}],
    "language": "de-AT",
}


def test_a_rich_item_reads_as_feedparser_reads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    result = read(RICH)
    assert result == {
        "feed": {
            "title": "World",
            "title_detail": {"language": "de-AT"},
            "link": "https://news.example/",
            "language": "de",
        },
        "entries": [RICH_ENTRY],
        "version": "rss20",
        "bozo": 0,
    }
    based = read(RICH, {**PLAIN, "content-location": "https://news.example/base/"})
    assert based["entries"][0]["link"] == "https://news.example/base/a/b?x=1&y=2"
    assert based["entries"][0]["id"] == "https://news.example/base/g/1"
    assert based["feed"]["link"] == "https://news.example/"
    same_as_feedparser(RICH, {"content-type": RSS}, "https://news.example/base/rss", monkeypatch)
    same_as_feedparser(
        RICH, {"content-type": "text/xml", "content-language": "en_GB"}, "https://news.example/rss", monkeypatch
    )


def test_the_channel_link_is_fixed_joined_and_unescaped_as_feedparser_does() -> None:
    document = rss(channel=b"").replace(b"https://news.example/", b"http:///news.example/de/?a=1&amp;b=2")
    assert read(document)["feed"]["link"] == "http://news.example/de/?a=1&b=2"
    relative = rss().replace(b"https://news.example/", b"de/")
    based = {**PLAIN, "content-location": "https://news.example/x/"}
    assert read(relative, based)["feed"]["link"] == "https://news.example/x/de/"
    assert read(relative)["feed"]["link"] == "de/"
    empty = rss().replace(b"https://news.example/", b"")
    assert read(empty, based)["feed"]["link"] == ""
    entity = rss().replace(b"https://news.example/", b"https://news.example/?a=1&amp;amp;b=2")
    assert read(entity)["feed"]["link"] == "https://news.example/?a=1&ampb=2"  # feedparser's too


def test_item_links_and_guids() -> None:
    based = {**PLAIN, "content-location": "https://news.example/x/"}
    one = read(rss(item(b"<link>https:////news.example/a</link><guid isPermaLink='false'>a/1</guid>")), based)
    assert one["entries"] == [{"link": "https://news.example/a", "id": "a/1"}]
    # a permalink guid is the link when there is no <link>, joined against the base
    guid = read(rss(item(b"<guid>a/1</guid>")), based)["entries"]
    assert guid == [{"id": "https://news.example/x/a/1", "link": "https://news.example/x/a/1"}]
    assert entry(b'<guid isPermaLink="true">https://news.example/p</guid>') == {
        "id": "https://news.example/p",
        "link": "https://news.example/p",
    }
    assert entry(b"<guid></guid>") == {"id": "", "link": ""}
    assert read(rss(item(b"<guid></guid>")), based)["entries"] == [{"id": "", "link": ""}]
    assert entry(b'<guid isPermaLink="false">x</guid><link></link>') == {"id": "x", "link": ""}
    assert read(rss(item(b"<link></link>")), based)["entries"] == [{"link": ""}]
    assert entry(b"<link>https://news.example/a?b=1&amp;c=2&amp;amp;d</link>") == {
        "link": "https://news.example/a?b=1&c=2&d"
    }
    assert entry(b"<link>https://news.example/a&amp;lt;</link>") == {"link": "https://news.example/a&lt"}
    assert entry(b"<link>https://news.example/\xc3\xa9</link>") == {"link": "https://news.example/\xe9"}
    assert entry(b"<guid isPermaLink='false'>\xc3\x83\xc2\xa9</guid>") == {"id": "\xe9"}
    assert entry(b"<title>x</title>") == {"title": "x"}


def test_titles_by_depth() -> None:
    assert entry(b"<title></title><title>Second</title>")["title"] == "Second"  # an empty title blocks nothing
    assert entry(b"<title>First</title><title>Second</title>")["title"] == "First"
    media = b'<media:content url="x"><media:title>Media</media:title></media:content>'
    assert entry(media + b"<title>Own</title>")["title"] == "Own"  # media:title never blocks
    assert entry(media)["title"] == "Media"
    assert entry(b"<title>Own</title>" + media)["title"] == "Own"
    assert entry(b"<media:title>Top</media:title><title>Own</title>")["title"] == "Own"
    assert entry(b"<title>Own</title><media:title>Top</media:title>")["title"] == "Own"
    group = b'<media:group><media:content url="x"><media:title>Deep</media:title></media:content></media:group>'
    assert entry(group + media)["title"] == "Media"  # as shallow or shallower than the last kept one
    assert entry(media + group)["title"] == "Media"
    # <image> and <source> reset the depth: feedparser's _start_image and _start_source
    assert entry(b"<title>First</title><image><url>u</url></image><title>Second</title>")["title"] == "Second"
    assert entry(b"<title>First</title><source>S</source><title>Second</title>")["title"] == "Second"
    assert entry(b'<title type="text">A</title>') == {"title": "A"}
    assert entry(b'<title type="HTML">A</title>') == {"title": "A"}


def test_summaries_and_content() -> None:
    assert entry(b"<description>One</description>") == {"summary": "One"}
    assert entry(b"<dc:description>One</dc:description>") == {"summary": "One"}
    assert entry(b"<content:encoded>Body</content:encoded><description>One</description>") == {
        "content": [{"value": "Body", "language": None}],
        "summary": "Body",  # the content fills an absent summary; a later description replaces it
    } | {"summary": "One"}
    assert entry(b"<description>One</description><content:encoded>Body</content:encoded>") == {
        "summary": "One",
        "content": [{"value": "Body", "language": None}],
    }
    assert entry(b"<description>One</description><description>Two</description><description>Three</description>") == {
        "summary": "Three",
        "content": [{"value": "Two", "language": None}],
    }
    media = b'<media:content url="x"><media:description>Deep</media:description></media:content>'
    assert entry(media)["summary"] == "Deep"
    # with content already there, a deeper description does not replace the item's own
    assert entry(b"<description>One</description><content:encoded>B</content:encoded>" + media) == {
        "summary": "One",
        "content": [{"value": "B", "language": None}],
    }
    assert entry(b'<description type="html">A</description>') == {"summary": "A"}
    assert entry(b"<content:encoded>A</content:encoded><content:encoded>B</content:encoded>") == {
        "content": [{"value": "A", "language": None}, {"value": "B", "language": None}],
        "summary": "A",
    }
    assert entry(b'<content:encoded type="text/html">A</content:encoded>')["summary"] == "A"


def test_dates_categories_and_authors() -> None:
    assert entry(b"<pubDate> Mon </pubDate>") == {"published": "Mon"}
    assert entry(b"<dc:date>2026</dc:date>") == {"updated": "2026"}
    assert entry(b'<category domain="s"></category>') == {"tags": [{"term": None, "scheme": "s", "label": None}]}
    assert entry(b"<category></category>") == {}
    assert entry(b"<category>A</category><category>A</category><dc:subject>B</dc:subject>") == {
        "tags": [{"term": "A", "scheme": None, "label": None}, {"term": "B", "scheme": None, "label": None}]
    }
    assert entry(b'<category domain="s">A</category><category domain="s">B</category>')["tags"] == [
        {"term": "A", "scheme": "s", "label": None},
        {"term": "B", "scheme": "s", "label": None},
    ]
    assert entry(b"<category>A</category><category domain='s'>A</category>")["tags"] == [
        {"term": "A", "scheme": None, "label": None},
        {"term": "A", "scheme": "s", "label": None},
    ]
    assert entry(b"<author>Ann</author>") == {"author": "Ann", "authors": [{"name": "Ann"}]}
    assert entry(b"<author></author>") == {"author": "", "authors": [{}]}
    cases = {
        b"ann@example.com": {"email": "ann@example.com"},
        b"Ann Lee &lt;ann@example.com&gt;": {"name": "Ann Lee", "email": "ann@example.com"},
        b"(Ann Lee) ann@example.com": {"name": "Ann Lee", "email": "ann@example.com"},
        b"ann@example.com (Ann)": {"name": "Ann", "email": "ann@example.com"},
        b"Ann (ann@example.com)": {"name": "Ann", "email": "ann@example.com"},
        b"Ann &amp;lt;&amp;gt; ann@example.com": {"name": "Ann", "email": "ann@example.com"},
        b"(Ann": {"name": "(Ann"},
        b"Ann)": {"name": "Ann)"},
        b"(Ann) x@example.org (": {"name": "Ann)  (", "email": "x@example.org"},
        b"Ann ann@example.com?subject=Hi": {"name": "Ann", "email": "ann@example.com?subject=Hi"},
    }
    for text, detail in cases.items():
        assert entry(b"<author>" + text + b"</author>")["authors"] == [detail], text


def test_languages() -> None:
    assert entry(b"<title>A</title>", b' xml:lang="fr_CA"') == {"title": "A", "language": "fr-CA"}
    assert entry(b"<title>A</title>", b' lang="fr"') == {"title": "A", "language": "fr"}
    assert entry(b"<link>x</link>", b' xml:lang="fr"') == {"link": "x"}  # no detail carries the language
    assert entry(b"<description>A</description>", b' xml:lang="fr"')["language"] == "fr"
    assert entry(b"<content:encoded>A</content:encoded>", b' xml:lang="fr"')["language"] == "fr"
    assert entry(b"<title>A</title><language>de</language>", b' xml:lang="fr"')["language"] == "de"
    assert entry(b"<dc:language>de</dc:language>") == {"language": "de"}
    assert entry(b"<title>A</title><language></language>", b' xml:lang="fr"')["language"] == "fr"
    channel = read(rss().replace(b"<channel>", b'<channel lang="pt_BR">'))["feed"]
    assert channel == {"title": "World", "title_detail": {"language": "pt-BR"}, "link": "https://news.example/"}
    root = read(rss(root=b' xml:lang="es_MX"'))["feed"]
    assert root["language"] == "es-MX"
    assert root["title_detail"] == {"language": "es-MX"}
    both = read(rss(root=b' xml:lang="es"', channel=b"<dc:language>ca</dc:language>"))["feed"]
    assert both["language"] == "ca"
    header = read(rss(item(b"<title>A</title>")), {**PLAIN, "content-language": "en_GB"})
    assert header["feed"] == {
        "title": "World",
        "title_detail": {"language": "en-GB"},
        "link": "https://news.example/",
        "language": "en-GB",
    }
    assert header["entries"] == [{"title": "A", "language": "en-GB"}]
    empty = read(rss(), {**PLAIN, "content-language": ""})["feed"]
    assert empty["title_detail"] == {"language": None}
    assert "language" not in empty


def test_texts_get_feedparsers_fixes() -> None:
    assert entry(b"<title>Caf\xc3\x83\xc2\xa9</title>")["title"] == "Caf\xe9"  # UTF-8 read as Latin-1, undone
    assert entry(b"<title>&#128; &#151;</title>")["title"] == "\u20ac \u2014"  # C1 controls as cp1252
    assert entry(b"<title>\xc3\xa9\xe2\x82\xac</title>")["title"] == "\xe9\u20ac"  # not Latin-1: left as is
    assert entry(b"<title>\xd0\x9c\xd0\xb8\xd1\x80</title>")["title"] == "\u041c\u0438\u0440"
    assert entry(b"<title>  <![CDATA[<b>x</b>]]>  </title>")["title"] == "<b>x</b>"


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, None),
        ({"content-type": "application/xml"}, None),
        ({"content-type": "application/atom+xml; charset=utf-8"}, None),
        ({"content-type": 'text/xml; charset="UTF-8"'}, None),
        ({"content-type": "text/xml"}, None),
        ({"content-type": "text/vnd.x+xml"}, None),
        ({"content-type": "text/html"}, ("NonXMLContentType", "text/html is not an XML media type")),
        (
            {"content-type": "text/plain;charset=utf-8"},
            ("NonXMLContentType", "text/plain;charset=utf-8 is not an XML media type"),
        ),
        ({"content-type": "application/json"}, ("NonXMLContentType", "application/json is not an XML media type")),
        ({"content-type": ""}, ("NonXMLContentType", " is not an XML media type")),
        ({"content-location": ""}, ("NonXMLContentType", "no Content-type specified")),
        ({"content-type": "application/x+xml; charset=ascii"}, None),
        ({"content-type": "application/xml-dtd"}, None),
        ({"content-type": "application/xml-external-parsed-entity"}, None),
        ({"content-type": "text/xml-external-parsed-entity"}, None),
    ],
)
def test_the_encoding_note_of_an_ascii_document(headers: dict[str, str], expected: tuple[str, str] | None) -> None:
    assert note(read(rss(), headers)) == expected


def test_the_encoding_note_of_a_utf8_document() -> None:
    document = rss(item(b"<title>\xc3\xa9</title>"))
    override = ("CharacterEncodingOverride", "document declared as us-ascii, but parsed as utf-8")
    assert note(read(document, {"content-type": "text/xml"})) == override
    assert note(read(document, {"content-type": "text/xml; charset=nope"})) == (
        "CharacterEncodingOverride",
        "document declared as nope, but parsed as utf-8",
    )
    assert note(read(document, {"content-type": "text/xml; charset=utf-8"})) is None
    assert note(read(document, {"content-type": "application/xml; charset=ascii"})) == (
        "CharacterEncodingOverride",
        "document declared as ascii, but parsed as utf-8",
    )
    assert note(read(document, {"content-type": "application/xml"})) is None
    assert note(read(document, {"content-type": "text/html"})) == override
    assert read(document, {"content-type": "text/xml"})["entries"] == [{"title": "\xe9"}]
    bom = b"\xef\xbb\xbf" + document.replace(b' encoding="utf-8"', b"")
    assert note(read(bom, {"content-type": "text/xml"})) == override
    assert note(read(bom, {"content-type": "application/xml"})) is None
    assert read(bom)["entries"] == [{"title": "\xe9"}]
    undeclared = document.replace(b' encoding="utf-8"', b"")
    assert note(read(undeclared, {"content-type": "application/xml"})) is None
    upper = document.replace(b"utf-8", b"UTF-8")
    assert note(read(upper, {"content-type": "text/xml"})) == (
        "CharacterEncodingOverride",
        "document declared as us-ascii, but parsed as utf-8",  # the declaration as feedparser lower-cases it
    )
    assert read(document.replace(b"utf-8", b"utf8"), {"content-type": "application/xml"})["entries"]
    assert fastfeed.read(document.replace(b"utf-8", b"u8"), {"content-type": "application/xml"}) is None  # lxml


def test_the_encoding_decides_whether_feedparser_would_read_it_otherwise() -> None:
    latin = rss(item(b"<title>\xe9</title>"))
    assert fastfeed.read(latin, {"content-type": "application/xml"}) is None  # not UTF-8, then a guess
    ascii_declared = rss(item(b"<title>\xc3\xa9</title>")).replace(b"utf-8", b"us-ascii")
    assert fastfeed.read(ascii_declared, {"content-type": "application/xml"}) is None
    assert fastfeed.read(rss().replace(b"utf-8", b"ascii"), {"content-type": "application/xml"}) is not None
    assert fastfeed.read(rss(), {"content-type": "application/xml; charset=iso-8859-1"}) is None
    assert fastfeed.read(rss(), {"content-type": "text/xml; charset=windows-1252"}) is None
    assert fastfeed.read(rss(), {"content-location": ""}) is not None  # declared UTF-8 before Latin-1
    undeclared = rss().replace(b' encoding="utf-8"', b"")
    assert fastfeed.read(undeclared, {"content-location": ""}) is None  # feedparser tries Latin-1 first
    assert fastfeed.read(undeclared, {}) is not None
    assert note(read(undeclared, {"content-type": "application/json"})) == (
        "NonXMLContentType",
        "application/json is not an XML media type",
    )  # served as something else: UTF-8, with the note
    assert fastfeed.read(b"\xef\xbb\xbf" + undeclared, {"content-location": ""}) is None  # Latin-1 first
    assert fastfeed.read(rss().replace(b"utf-8", b"iso-8859-1"), {}) is None
    assert fastfeed.read(rss().replace(b"utf-8", b"\xff"), {}) is None
    assert fastfeed.read(rss(item(b"<title>\xc3\xa9</title>")), {"content-type": "text/xml; charset=ascii"}) is not None
    assert fastfeed.read(undeclared.replace(b"<title>World", b"<title>\xc3\xa9"), {"content-type": "text/xml"}) is None


def test_documents_that_are_not_plain_rss_2_are_declined() -> None:
    plain = rss(item(b"<title>A</title>"))
    assert fastfeed.read(plain, PLAIN) is not None
    declined = {
        "UTF-16 BOM": b"\xff\xfe" + plain,
        "UTF-16 BE BOM": b"\xfe\xff" + plain,
        "NUL first": b"\x00" + plain,
        "EBCDIC <": b"\x4c" + plain,
        "text first": b"x" + plain,
        "Atom": b'<feed xmlns="http://www.w3.org/2005/Atom"><title>World</title></feed>',
        "RSS 0.91": plain.replace(b'version="2.0"', b'version="0.91"'),
        "no version": plain.replace(b' version="2.0"', b""),
        "RDF": b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rss version="2.0"/></rdf:RDF>',
        "doctype": plain.replace(b"<rss", b"<!DOCTYPE rss><rss"),
        "entity named in a comment": plain.replace(b"<rss", b"<!-- <!ENTITY --><rss"),
        "entity": plain.replace(b"<rss", b"<!ENTITY x 'y'><rss"),
        "broken": plain.replace(b"</channel>", b""),
        "undefined entity": plain.replace(b"<title>A", b"<title>&nbsp;A"),
        "rss late": b'<?xml version="1.0"?><!--' + b" " * 4100 + b"-->" + plain[plain.index(b"<rss") :],
        "two channels": plain.replace(b"</rss>", b"<channel/></rss>"),
        "no channel": b'<rss version="2.0"><item/></rss>',
        "channel attribute": plain.replace(b"<channel>", b'<channel id="c">'),
        "two titles": rss(channel=b"<title>Again</title>"),
        "two links": rss(channel=b"<link>https://news.example/2</link>"),
        "channel title attribute": plain.replace(b"<title>World", b'<title type="text">World'),
        "channel link attribute": plain.replace(b"<link>https://news.example/", b'<link rel="x">https://news.example/'),
        "alternate atom:link": rss(channel=b'<atom:link href="https://news.example/"/>'),
        "atom:link without href": rss(channel=b'<atom:link rel="self"/>'),
        "atom:link with xml:lang": rss(channel=b'<atom:link rel="self" href="h" xml:lang="fr"/>'),
        "atom:link with lang": rss(channel=b'<atom:link rel="self" href="h" lang="fr"/>'),
        "atom:link with a child": rss(channel=b'<atom:link rel="self" href="h"><b/></atom:link>'),
        "image child": rss(channel=b"<image><foo>u</foo></image>"),
        "image grandchild": rss(channel=b"<image><url><b/></url></image>"),
        "textinput child": rss(channel=b"<textInput><url>u</url></textInput>"),
        "skipdays child": rss(channel=b"<skipDays><minute>1</minute></skipDays>"),
        "handled channel element": rss(channel=b"<subtitle>s</subtitle>"),
        "handled, capitalised": rss(channel=b"<Subtitle>s</Subtitle>"),
        "read key": rss(channel=b"<summary_detail>s</summary_detail>"),
        "atom element": rss(channel=b"<atom:foo>s</atom:foo>"),
        "harmless with a child": rss(channel=b"<generator><b/></generator>"),
        "harmless with xml:lang": rss(channel=b'<generator xml:lang="fr">g</generator>'),
        "harmless with lang": rss(channel=b'<generator lang="fr">g</generator>'),
        "empty xml:lang": plain.replace(b"<item>", b'<item xml:lang="">'),
        "empty root lang": plain.replace(b"<rss", b'<rss xml:lang=""'),
        "item about": plain.replace(
            b"<item>", b'<item rdf:about="x" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        ),
        "item href": plain.replace(b"<item>", b'<item HREF="x">'),
        "item namespaced attribute": plain.replace(b"<item>", b'<item dc:x="x">'),
        "item base": plain.replace(b"<item>", b'<item xml:base="https://x/">'),
        "item href after xml:lang": plain.replace(b"<item>", b'<item xml:lang="fr" href="x">'),
        "title xml:lang": rss(item(b'<title xml:lang="fr">A</title>')),
        "channel title lang": plain.replace(b"<title>World", b'<title lang="fr">World'),
        "two item links": rss(item(b"<link>a</link><link>b</link>")),
        "two guids": rss(item(b"<guid>a</guid><guid>b</guid>")),
        "guid attribute": rss(item(b'<guid x="1">a</guid>')),
        "link attribute": rss(item(b'<link x="1">a</link>')),
        "two pubDates": rss(item(b"<pubDate>a</pubDate><pubDate>b</pubDate>")),
        "two dc:dates": rss(item(b"<dc:date>a</dc:date><dc:date>b</dc:date>")),
        "title markup": rss(item(b"<title>A <b>B</b></title>")),
        "xhtml title": rss(item(b'<title type="xhtml">A</title>')),
        "title attribute": rss(item(b'<title mode="escaped">A</title>')),
        "description type": rss(item(b'<description type="xhtml">A</description>')),
        "content type": rss(item(b'<content:encoded type="xhtml">A</content:encoded>')),
        "category attribute": rss(item(b'<category x="1">A</category>')),
        "dc:subject domain": rss(item(b'<dc:subject domain="d">A</dc:subject>')),
        "author attribute": rss(item(b'<author x="1">A</author>')),
        "media:content xml:lang": rss(
            item(b'<media:content xml:lang="fr"><media:title>T</media:title></media:content>')
        ),
        "media:content lang": rss(item(b'<media:content lang="fr"><media:title>T</media:title></media:content>')),
        "media:group child": rss(item(b"<media:group><title>T</title></media:group>")),
        "item image child": rss(item(b"<image><title>T</title></image>")),
        "item source child": rss(item(b"<source><b/></source>")),
        "item alternate atom:link": rss(item(b'<atom:link href="https://x/"/>')),
        "item ALTERNATE atom:link": rss(item(b'<atom:link rel="ALTERNATE" href="https://x/"/>')),
        "item atom:link without href": rss(item(b'<atom:link rel="enclosure"/>')),
        "item atom:link child": rss(item(b'<atom:link rel="enclosure" href="h"><b/></atom:link>')),
        "item handled element": rss(item(b"<summary>s</summary>")),
        "item harmless with lang": rss(item(b'<enclosure lang="fr"/>')),
        "RSS 1.0 element": rss(item(b'<x:title xmlns:x="http://purl.org/rss/1.0/">T</x:title>')),
        "unknown default namespace": rss(item(b'<x xmlns="http://unknown.example/">T</x>')),
        "unknown namespace, known prefix": rss(item(b'<Media:x xmlns:Media="http://unknown.example/">T</Media:x>')),
        "prefix bound twice": plain.replace(b"<item>", b'<item xmlns:dc="http://other.example/">'),
        "feedparser prefix elsewhere": plain.replace(b"<rss", b'<x xmlns:itunes="http://other.example/"/><rss'),
        "feedparser prefix, capitalised": plain.replace(b"<item>", b"<item xmlns:DC='http://other.example/'>"),
    }
    for cause, document in declined.items():
        assert fastfeed.read(document, PLAIN) is None, cause


def test_elements_it_mirrors_are_accepted() -> None:
    """Harmless elements and attributes leave the entry as feedparser gives it."""
    accepted = [
        b"<enclosure url='x'/>",
        b"<source url='x'>S</source>",
        b"<comments>c</comments>",
        b'<x:thing xmlns:x="http://unknown.example/">T</x:thing>',
        b'<atom:link rel="enclosure" href="https://x/"/>',
        b"<image><url>u</url><link>l</link><width>1</width><height>2</height></image>",
        b'<media:thumbnail url="x"/>',
        b'<media:group><media:content url="x"/><media:thumbnail url="y"/></media:group>',
        b"<copyright>c</copyright><dc:rights>r</dc:rights>",
    ]
    for inner in accepted:
        assert entry(b"<title>A</title>" + inner) == {"title": "A"}, inner
    assert entry(b"<title>A</title>", b' id="1" ') == {"title": "A"}
    channel = (
        b"<description>d</description><pubDate>p</pubDate><generator>g</generator><ttl>5</ttl>"
        b"<textInput><title>t</title><description>d</description><name>n</name><link>l</link></textInput>"
        b"<skipDays><day>Monday</day></skipDays><category>c</category><cloud/>"
        b'<atom:link rel="hub" href="https://hub.example/"/><Generator>g</Generator>'
        b"<image><url>u</url><title>t</title><link>l</link><width>1</width><height>2</height>"
        b"<description>d</description></image>"
    )
    assert read(rss(channel=channel))["feed"] == {
        "title": "World",
        "title_detail": {"language": None},
        "link": "https://news.example/",
    }
    twice = rss(item(b"<title>A</title>", b' xmlns:dc="http://purl.org/dc/elements/1.1/"'))
    assert fastfeed.read(twice, PLAIN) is not None  # the same prefix bound twice to the same namespace
    single = rss().replace(
        b'xmlns:dc="http://purl.org/dc/elements/1.1/"', b"xmlns:dc='http://purl.org/dc/elements/1.1/'"
    )
    assert fastfeed.read(single + b"", PLAIN) is not None
    long_head = rss(channel=b"<generator>" + b"g" * 5000 + b"</generator>")
    assert fastfeed.read(long_head, PLAIN) is not None


def test_the_rss_element_must_start_in_the_first_4096_bytes() -> None:
    body = rss(item(b"<title>A</title>"))
    body = body[body.index(b"<rss") :]
    for size, accepted in ((4092, True), (4093, False)):  # "<rss" ends at byte 4096, or one past it
        head = b'<?xml version="1.0" encoding="utf-8"?><!--'
        head += b" " * (size - len(head) - 3) + b"-->"
        assert len(head) == size
        assert (fastfeed.read(head + body, PLAIN) is not None) is accepted, size


def test_without_a_content_location_links_stay_as_written() -> None:
    document = rss(item(b"<link>?x=1</link><guid isPermaLink='false'>g</guid>"))
    assert read(document, {"content-type": RSS})["entries"] == [{"link": "?x=1", "id": "g"}]
    undeclared = rss().replace(b' encoding="utf-8"', b"")
    undeclared = undeclared[undeclared.index(b"<rss") :]
    assert read(b"\n  " + undeclared, {})["feed"]["title"] == "World"  # white space before the root


def test_a_base_feedparser_would_change_is_declined() -> None:
    assert fastfeed.read(rss(), {**PLAIN, "content-location": "https:///news.example/"}) is None
    assert fastfeed.read(rss(), {**PLAIN, "content-location": "https://news.example/a/"}) is not None
    assert fastfeed.read(rss(), {**PLAIN, "content-location": "https://[x"}) is None  # urljoin refuses it


def test_the_parser_is_made_once_drops_comments_and_pis_and_recovers_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastfeed, "_PARSERS", [])  # made afresh here, by this test
    assert entry_of(rss(item(b"<title>A<!-- c --></title>"))) == {"title": "A"}
    assert entry_of(rss(item(b"<title>A<?pi x?></title><?pi y?>"))) == {"title": "A"}
    parser = fastfeed._parser()
    assert fastfeed._parser() is parser
    assert len(fastfeed._PARSERS) == 1
    assert fastfeed.read(rss(item(b"<title>A</title>")).replace(b"</channel>", b""), PLAIN) is None
    # libxml2's limit on one text node (10,000,000 bytes) stays: such a document is feedparser's
    huge = rss(item(b"<description>" + b"x" * 10_000_001 + b"</description>"))
    assert fastfeed.read(huge, PLAIN) is None


def entry_of(document: bytes) -> dict[str, Any]:
    [one] = read(document)["entries"]
    return dict(one)


def test_content_type_and_helpers_case_by_case() -> None:
    assert fastfeed._content_type('text/xml; Charset = "utf-8" ; x=1') == ("text/xml", "utf-8")
    assert fastfeed._content_type("text/xml;charset='ascii'") == ("text/xml", "ascii")
    assert fastfeed._content_type(" text/xml ") == ("text/xml", "")
    assert fastfeed._content_type("text/xml; x=charset") == ("text/xml", "")
    assert fastfeed._content_type("text/xml; charset=a=b") == ("text/xml", "a=b")
    assert fastfeed._content_type('text/xml; charset="X-SJIS"') == ("text/xml", "X-SJIS")
    assert fastfeed._urljoin("https://a.example/x/", "https:///b.example/y") == "https://b.example/y"
    assert fastfeed._urljoin("https://a.example/x/", "y") == "https://a.example/x/y"
    assert fastfeed._urljoin("https://[x", "y") == ""
    assert fastfeed._fix("plain") == "plain"
    assert fastfeed._fix("\x80\x9f") == "\u20ac\u0178"
    assert fastfeed._fix("\u0100") == "\u0100"


@pytest.mark.parametrize(
    "inner",
    [
        b"<title>Erste</title><title>Zweite</title><guid isPermaLink='false'>g-1</guid>",
        b"<title></title><title>Second</title><link>https://news.example/a?b=1&amp;c=2&amp;amp;d</link>",
        b'<media:content url="x"><media:title>Media</media:title></media:content><title>Own</title>',
        b"<title>First</title><image><url>u</url></image><title>Second</title><source>S</source><title>T</title>",
        b"<content:encoded>Body</content:encoded><description>One</description>",
        b"<description>One</description><description>Two</description><description>Three</description>",
        b"<description>One</description><content:encoded>Body</content:encoded><content:encoded>B</content:encoded>",
        b'<category domain="s">A</category><category>A</category><dc:subject>B</dc:subject><category/>',
        b"<author>Ann Lee &lt;ann@example.com&gt;</author><dc:creator>(Bob) bob@example.org</dc:creator>",
        b"<pubDate>Tue, 10 Feb 2026 05:44:12 GMT</pubDate><dc:date>2026-02-11T00:00:00Z</dc:date>",
        b"<title>Caf\xc3\x83\xc2\xa9 &#128;</title><dc:language>fr</dc:language>",
        b"<guid>https://news.example/p</guid><title>\xd0\x9c\xd0\xb8\xd1\x80</title>",
    ],
)
def test_parse_feed_reads_each_item_as_feedparser_does(inner: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    document = rss(item(inner, b' xml:lang="fr_CA"'))
    same_as_feedparser(document, {"content-type": RSS}, "https://news.example/rss", monkeypatch)
    same_as_feedparser(
        document, {"content-type": "text/xml", "content-language": "de"}, "https://news.example/", monkeypatch
    )
