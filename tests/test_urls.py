"""URL identity: the spellings of one feed or article link that newsreader treats as one (hand-written oracles)."""

from __future__ import annotations

import pytest

from newsreader import core
from newsreader.urls import is_url, normalise, same_except_scheme, url_key


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("HTTPS://Outlet.EXAMPLE/News/Feed.xml", "https://outlet.example/News/Feed.xml"),
        ("https://outlet.example:443/rss", "https://outlet.example/rss"),
        ("http://outlet.example:80/rss", "http://outlet.example/rss"),
        ("http://outlet.example:8080/rss", "http://outlet.example:8080/rss"),
        ("https://outlet.example/rss?", "https://outlet.example/rss"),
        ("https://outlet.example/a#section-2", "https://outlet.example/a"),
        ("https://outlet.example", "https://outlet.example/"),
        ("https://outlet.example/a?utm_source=rss&utm_medium=feed&id=7", "https://outlet.example/a?id=7"),
        ("https://outlet.example/a?fbclid=abc&gclid=x&msclkid=y", "https://outlet.example/a"),
        ("https://outlet.example/a?at_medium=RSS&at_campaign=KARANGA", "https://outlet.example/a"),
        ("https://outlet.example/a?CMP=twt_gu&page=2", "https://outlet.example/a?page=2"),
        ("  https://outlet.example/a  ", "https://outlet.example/a"),
        # Queries that pick a document are kept, in their order.
        ("https://x.example/spip.php?page=backend-fd&lang=en", "https://x.example/spip.php?page=backend-fd&lang=en"),
        ("https://x.example/feeds/posts/default?alt=rss", "https://x.example/feeds/posts/default?alt=rss"),
        # Paths keep their case: servers may tell /News from /news.
        ("https://x.example/News", "https://x.example/News"),
        ("/relative/path.xml", "/relative/path.xml"),
    ],
)
def test_normal_form(given: str, expected: str) -> None:
    assert normalise(given) == expected


def test_http_and_https_share_a_key_and_are_flagged() -> None:
    assert url_key("http://feeds.bbci.co.uk/news/world/rss.xml") == "feeds.bbci.co.uk/news/world/rss.xml"
    assert url_key("https://feeds.bbci.co.uk/news/world/rss.xml#x") == "feeds.bbci.co.uk/news/world/rss.xml"
    assert same_except_scheme("http://a.example/rss", "https://a.example/rss")
    assert not same_except_scheme("https://a.example/rss", "HTTPS://A.example/rss")
    assert not same_except_scheme("https://a.example/rss", "https://a.example/rss2")


def test_bbc_guid_fragments_name_one_story() -> None:
    assert url_key("https://www.bbc.com/news/articles/cj3rmjjgx6xo#0") == url_key(
        "https://www.bbc.com/news/articles/cj3rmjjgx6xo#10"
    )


def test_non_urls_have_no_key() -> None:
    assert url_key("") == ""
    assert url_key("feeds/world.xml") == ""
    assert url_key("javascript:alert(1)") == ""
    assert url_key("https://x.example:99999/a") == "x.example:99999/a"  # a broken port: compared as written


def test_is_url_lives_below_feeds_and_core_keeps_it() -> None:
    assert is_url("HTTP://x.example/") and not is_url("x.example/rss")
    assert core.is_url is is_url
