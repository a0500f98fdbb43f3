"""parse_feed as a pure function: every feed format, HTML to text, links, and picklable output."""

from __future__ import annotations

import json
import pickle
from datetime import UTC, datetime

from newsreader.parse.feed import FeedInfo, parse_feed, to_articles
from newsreader.parse.html import html_to_line, html_to_text

RSS091 = b"""<?xml version="1.0"?><rss version="0.91"><channel><title>Old</title><link>https://old.example/</link>
<item><title>Old item</title><link>https://old.example/1</link><description>Text</description></item></channel></rss>"""

RSS10 = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example/"><title>RDF</title><link>https://rdf.example/</link><description>d</description></channel>
<item rdf:about="https://rdf.example/1"><title>RDF item</title><link>https://rdf.example/1</link>
<dc:date>2026-02-03T10:00:00+01:00</dc:date></item></rdf:RDF>"""

ATOM03 = b"""<?xml version="1.0"?><feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Atom03</title>
<link rel="alternate" type="text/html" href="https://a03.example/"/><modified>2026-02-03T10:00:00Z</modified>
<entry><title>Atom 0.3 item</title><link rel="alternate" type="text/html" href="https://a03.example/1"/>
<id>tag:a03,2026:1</id><issued>2026-02-03T10:00:00Z</issued><modified>2026-02-03T10:00:00Z</modified></entry></feed>"""


def test_rss_091_rss_10_and_atom_03() -> None:
    for data, title in ((RSS091, "Old item"), (RSS10, "RDF item"), (ATOM03, "Atom 0.3 item")):
        parsed = parse_feed(data, {"content-type": "application/xml"}, "https://feed.example/x")
        assert not parsed.error, parsed.error
        assert [e.title for e in parsed.entries] == [title]
    rdf = parse_feed(RSS10, {}, "https://rdf.example/feed")
    assert rdf.entries[0].published == datetime(2026, 2, 3, 9, 0, tzinfo=UTC)


def test_json_feed_10_and_item_fallbacks() -> None:
    doc = {
        "version": "https://jsonfeed.org/version/1",
        "title": "J",
        "author": {"name": "Feed Author"},
        "items": [
            {
                "id": 1,
                "content_text": "Plain body text.\n\nSecond.",
                "url": "/rel",
                "date_modified": "2026-02-03T10:00:00Z",
            },
            {"id": "2", "title": "Bad link", "url": "javascript:alert(1)", "summary": "<b>s</b>"},
        ],
    }
    parsed = parse_feed(json.dumps(doc).encode(), {"content-type": "application/json"}, "https://j.example/feed.json")
    first, second = parsed.entries
    assert first.title == "Plain body text." and first.link == "https://j.example/rel"
    assert first.author == "Feed Author" and first.published == datetime(2026, 2, 3, 10, 0, tzinfo=UTC)
    assert second.link == "" and second.summary == "s"


def test_json_that_is_not_a_feed_is_an_error() -> None:
    assert parse_feed(b'{"items": 3}', {}, "u").error
    assert parse_feed(b"{not json", {"content-type": "application/json"}, "u").error


def test_parsed_feed_pickles() -> None:
    parsed = parse_feed(RSS091, {}, "https://old.example/rss")
    assert pickle.loads(pickle.dumps(parsed)) == parsed


def test_to_articles_source_fallbacks_and_ids() -> None:
    parsed = parse_feed(RSS091, {}, "https://old.example/rss")
    now = datetime(2026, 2, 3, tzinfo=UTC)
    named = to_articles(parsed, FeedInfo("https://old.example/rss", "o", name="Given", country="GB"), now)
    assert named[0].source == "Given" and named[0].source_country == "GB" and named[0].published == now
    own = to_articles(parsed, FeedInfo("https://old.example/rss", "o"), now)
    assert own[0].source == "Old" and own[0].id == named[0].id
    untitled = parse_feed(RSS091.replace(b"<title>Old</title>", b""), {}, "https://old.example/rss")
    assert to_articles(untitled, FeedInfo("k", "o"), now)[0].source == "old.example"


def test_html_to_text_keeps_paragraphs_and_drops_scripts() -> None:
    text = html_to_text("<p>One &amp; <b>two</b></p><script>evil()</script><style>p{}</style><p>Three<br>four</p>")
    assert text == "One & two\n\nThree\nfour"
    assert html_to_line("A <i>title</i>\n with &lt;tags&gt;") == "A title with <tags>"
    assert html_to_text("a < b and c > d") == "a < b and c > d"
