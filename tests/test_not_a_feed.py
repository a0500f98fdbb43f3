"""Documents that are not feeds get one plain reason; gzip files are read; an HTML page's feeds are found and
fetched (real loopback HTTP, real SQLite, through the CLI)."""

from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from newsreader.parse.sniff import GZIP, HTML, OPML, SITEMAP, discover_feeds, sniff
from tests.helpers import invoke, rss

NOISE = ("junk after document element", "mismatched tag", "is not an XML media type", "not well-formed")
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Outlet</title>
<link rel="stylesheet" href="/site.css">
<link rel="alternate" type="application/rss+xml" title="Outlet - World" href="/rss.xml">
<link rel="alternate" type="application/rss+xml" title="Outlet &raquo; Comments Feed" href="/comments/feed/">
<link rel="alternate" hreflang="fr" href="/fr/">
</head><body><p>Read the news<br><p>unclosed</body></html>"""
SITEMAP_DOC = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://outlet.example/a</loc><news:news><news:title>A</news:title></news:news></url></urlset>"""
FEED = rss("Outlet World", [("Talks resume", "https://outlet.example/talks", "urn:o:1", "Delegates met.")])


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    srv = HTTPServer(host="127.0.0.1", port=0)
    srv.start()
    yield srv
    srv.stop()


def _no_noise(err: str) -> None:
    for noise in NOISE:
        assert noise not in err, err


def titles(db: Path) -> list[str]:
    code, out, err = invoke(db, "show", "--json", "-n", "50")
    assert code == 0, err
    return sorted(a["title"] for a in json.loads(out))


# -- sniffing, on documents written here --------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "kind"),
    [
        (PAGE.encode(), HTML),
        (b"\xef\xbb\xbf  <html><body>x</body></html>", HTML),
        (b"<!-- generated --><!doctype HTML><title>x</title>", HTML),
        (SITEMAP_DOC.encode(), SITEMAP),
        (b'<?xml version="1.0"?><sitemapindex xmlns="x"><sitemap/></sitemapindex>', SITEMAP),
        (b'<?xml version="1.0"?><opml version="2.0"><body/></opml>', OPML),
        (gzip.compress(FEED), GZIP),
        (FEED, ""),
        (b'<?xml version="1.0"?><!-- c --><feed xmlns="http://www.w3.org/2005/Atom"/>', ""),
        (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>', ""),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', ""),
        ("<html><body>ok</body></html>".encode("utf-16"), HTML),
    ],
)
def test_what_a_document_is(doc: bytes, kind: str) -> None:
    assert sniff(doc) == kind


def test_discovery_finds_feed_links_resolved_against_the_page() -> None:
    assert discover_feeds(PAGE.encode(), "https://outlet.example/world/") == ["https://outlet.example/rss.xml"]
    page = (
        b'<html><head><base href="https://cdn.example/site/">'
        b'<link rel="Alternate" type="application/atom+xml" href="atom.xml">'
        b"<link rel='alternate feed' type='application/feed+json' href='//json.example/feed.json'>"
        b'<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">'
        b"</head></html>"
    )
    assert discover_feeds(page, "https://outlet.example/") == [
        "https://cdn.example/site/atom.xml",
        "https://json.example/feed.json",
    ]


# -- over HTTP -------------------------------------------------------------------------------------------


def test_html_page_over_http_leads_to_its_feed(db: Path, server: HTTPServer) -> None:
    server.expect_request("/").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    server.expect_request("/rss.xml").respond_with_data(FEED, content_type="application/rss+xml")
    page = server.url_for("/")
    code, _, err = invoke(db, "fetch", page)
    assert code == 0, err
    assert f"{page} is an HTML page; fetching its feed {server.url_for('/rss.xml')}" in err
    assert all(request.path != "/comments/feed/" for request, _ in server.log)
    _no_noise(err)
    assert titles(db) == ["Talks resume"]


def test_html_page_without_feeds_says_so(db: Path, server: HTTPServer) -> None:
    server.expect_request("/plain").respond_with_data("<html><body><p>Hi</body></html>", content_type="text/html")
    url = server.url_for("/plain")
    code, _, err = invoke(db, "fetch", url)
    assert code == 1
    assert f"error: {url}: is an HTML page, not a feed (it links to no RSS, Atom or JSON feed)" in err
    _no_noise(err)


def test_sitemap_over_http_is_named_as_such(db: Path, server: HTTPServer) -> None:
    server.expect_request("/sitemap.xml").respond_with_data(SITEMAP_DOC, content_type="application/xml")
    url = server.url_for("/sitemap.xml")
    code, _, err = invoke(db, "fetch", url)
    assert code == 1
    assert f"error: {url}: is a sitemap, not a feed" in err
    _no_noise(err)


def test_gzip_body_without_content_encoding_is_read(db: Path, server: HTTPServer) -> None:
    server.expect_request("/feed.xml.gz").respond_with_data(gzip.compress(FEED), content_type="application/gzip")
    code, _, err = invoke(db, "fetch", server.url_for("/feed.xml.gz"))
    assert code == 0, err
    assert "gzip" not in err.lower() or "error" not in err.lower()
    assert titles(db) == ["Talks resume"]


# -- files -----------------------------------------------------------------------------------------------


def test_local_html_sitemap_and_gzip_files(db: Path, tmp_path: Path) -> None:
    page = tmp_path / "saved-page.xml"
    page.write_text(PAGE, encoding="utf-8")
    sitemap = tmp_path / "news-sitemap.xml"
    sitemap.write_text(SITEMAP_DOC, encoding="utf-8")
    zipped = tmp_path / "feed.xml"
    zipped.write_bytes(gzip.compress(FEED))
    code, _, err = invoke(db, "fetch", str(page), str(sitemap), str(zipped))
    assert code == 3, err  # two of three failed, the gzip one was stored
    assert f"error: {page}: is an HTML page, not a feed" in err
    assert "it names the feed /rss.xml" not in err  # a relative link from a file has no site to resolve against
    assert f"error: {sitemap}: is a sitemap, not a feed" in err
    assert str(zipped) not in err.split("Source")[0]  # nothing to say about the gzip file
    _no_noise(err)
    assert titles(db) == ["Talks resume"]


def test_broken_gzip_file_is_one_line(db: Path, tmp_path: Path) -> None:
    broken = tmp_path / "feed.xml"
    broken.write_bytes(gzip.compress(FEED)[:30])
    code, _, err = invoke(db, "fetch", str(broken))
    assert code == 1
    assert f"error: {broken}: is gzip-compressed but truncated" in err
