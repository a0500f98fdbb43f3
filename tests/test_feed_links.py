"""xml:base at feed, item, entry and link level, resolved as RFC 3986 says, over HTTP and from a file.

Expected links are worked out by hand from the documents below.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pytest_httpserver import HTTPServer

from tests.helpers import invoke

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>R</title><link>https://site.example/de/</link>
<item xml:base="/world/"><title>Item base</title><link>story1.html</link><guid>g1</guid></item>
<item><title>No base</title><link>story2.html</link><guid>g2</guid></item>
<item xml:base="https://other.example/x/"><title>Absolute base</title><link>story3.html</link><guid>g3</guid></item>
<item><title>Absolute path</title><link>/abs/story4.html</link><guid>g4</guid></item>
</channel></rss>"""
ATOM = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="/news/">
<title>A</title><id>urn:a</id><link href="https://site.example/de/"/>
<entry xml:base="world/"><title>Entry base</title><id>urn:1</id><link href="story1.html"/></entry>
<entry><title>Feed base</title><id>urn:2</id><link href="../story2.html"/></entry>
<entry><title>Link base</title><id>urn:3</id><link xml:base="https://linkbase.example/x/" href="story3.html"/></entry>
</feed>"""


def links(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT title, url FROM articles").fetchall())


def test_xml_base_over_http_resolves_against_the_document(db: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feeds/rss.xml").respond_with_data(RSS, content_type="application/rss+xml")
    httpserver.expect_request("/feeds/atom.xml").respond_with_data(ATOM, content_type="application/atom+xml")
    host = httpserver.url_for("/").rstrip("/")
    code, _, err = invoke(db, "fetch", f"{host}/feeds/rss.xml", f"{host}/feeds/atom.xml")
    assert code == 0, err
    assert links(db) == {
        "Item base": f"{host}/world/story1.html",
        "No base": f"{host}/feeds/story2.html",  # the previous item's base does not carry over
        "Absolute base": "https://other.example/x/story3.html",
        "Absolute path": f"{host}/abs/story4.html",
        "Entry base": f"{host}/news/world/story1.html",
        "Feed base": f"{host}/story2.html",
        "Link base": "https://linkbase.example/x/story3.html",
    }


def test_xml_base_in_a_feed_file_resolves_against_the_site_it_names(db: Path, tmp_path: Path) -> None:
    (tmp_path / "rss.xml").write_bytes(RSS)
    (tmp_path / "atom.xml").write_bytes(ATOM)
    code, _, err = invoke(db, "fetch", str(tmp_path / "rss.xml"), str(tmp_path / "atom.xml"))
    assert code == 0, err
    assert links(db) == {
        "Item base": "https://site.example/world/story1.html",
        "No base": "https://site.example/de/story2.html",
        "Absolute base": "https://other.example/x/story3.html",
        "Absolute path": "https://site.example/abs/story4.html",
        "Entry base": "https://site.example/news/world/story1.html",
        "Feed base": "https://site.example/story2.html",
        "Link base": "https://linkbase.example/x/story3.html",
    }
