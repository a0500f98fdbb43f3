"""Authors as written in RSS and Atom, read through feedparser (parse_feed), against hand-written names.

feedparser splits an RSS `<author>` string into an address and a name with a pattern that only knows
top-level domains of up to four letters, so `desk@outlet.example` gives the "name" `ple`: such a piece
of an address is no name.
"""

from __future__ import annotations

from datetime import UTC, datetime

from newsreader.parse.feed import parse_feed

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)

RSS = b"""<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title>
<item><title>A</title><guid>a</guid><author>desk@outlet.example</author></item>
<item><title>B</title><guid>b</guid><author>desk@outlet.example (Ana Ruiz)</author></item>
<item><title>C</title><guid>c</guid><author>ana@outlet.org</author></item>
<item><title>D</title><guid>d</guid><dc:creator>Ana Ruiz</dc:creator><dc:creator>Li Wei</dc:creator></item>
</channel></rss>"""


def test_an_address_cut_short_by_feedparser_gives_no_name() -> None:
    a, b, c, d = parse_feed(RSS, {}, "https://outlet.example/feed.xml", NOW).entries
    assert [a.author, b.author, c.author, d.author] == ["", "Ana Ruiz", "", "Ana Ruiz, Li Wei"]
