"""One feed under several spellings is one feed: config, `feeds import` and fetch targets (loopback HTTP)."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.helpers import invoke, rss

FEED = rss("Dedupe Wire", [("Talks resume", "https://wire.example/a1", "w1", "Delegations met.")])


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # its request log would land in the CLI's stderr
    srv = HTTPServer(host="127.0.0.1", port=0)
    srv.start()
    yield srv
    srv.stop()


def _requests(server: HTTPServer, path: str) -> int:
    return sum(1 for request, _ in server.log if request.path == path)


def _count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def test_two_spellings_of_one_url_are_fetched_once(db: Path, server: HTTPServer) -> None:
    server.expect_request("/feed.xml").respond_with_data(FEED, content_type="application/rss+xml")
    base = server.url_for("/feed.xml")
    spelled = base.replace("http://", "HTTP://") + "?utm_source=x#top"
    code, _, err = invoke(db, "fetch", base, spelled)
    assert code == 0, err
    assert _requests(server, "/feed.xml") == 1
    assert _count(db) == 1


def test_http_and_https_of_one_feed_warn_and_keep_the_first(db: Path, server: HTTPServer) -> None:
    server.expect_request("/feed.xml").respond_with_data(FEED, content_type="application/rss+xml")
    http = server.url_for("/feed.xml")
    https = http.replace("http://", "https://")
    code, _, err = invoke(db, "fetch", http, https)
    assert code == 0, err
    assert f"{https} and {http} are the same feed (http and https); fetching {http}" in err
    assert _requests(server, "/feed.xml") == 1


def test_config_with_one_feed_twice_warns_and_fetches_once(db: Path, tmp_path: Path, server: HTTPServer) -> None:
    server.expect_request("/feed.xml").respond_with_data(FEED, content_type="application/rss+xml")
    url = server.url_for("/feed.xml")
    config = tmp_path / "config.toml"
    config.write_text(
        f'[[feeds]]\nurl = "{url}"\nname = "Wire"\n\n[[feeds]]\nurl = "{url}?utm_campaign=feed"\nname = "Again"\n',
        encoding="utf-8",
    )
    code, _, err = invoke(db, "--config", str(config), "fetch")
    assert code == 0, err
    assert f"{url}?utm_campaign=feed is the same feed as {url}, listed earlier; ignored" in err
    assert _requests(server, "/feed.xml") == 1
    code, out, _ = invoke(db, "--config", str(config), "feeds")
    assert out.count("Wire") == 1 and "Again" not in out
    # A target spelled differently from the config still gets the config's name.
    code, out, err = invoke(db, "--config", str(config), "fetch", url.replace("http://", "HTTP://"), "--force")
    assert code == 0, err
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT DISTINCT source FROM articles").fetchall() == [("Wire",)]


def test_import_after_config_init_does_not_subscribe_bbc_twice(db: Path, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    code, _, err = invoke(db, "--config", str(config), "config", "init")
    assert code == 0, err
    opml = tmp_path / "list.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline text="BBC News - World" xmlUrl="http://feeds.bbci.co.uk/news/world/rss.xml"/>'
        '<outline text="BBC again" xmlUrl="https://FEEDS.bbci.co.uk:443/news/world/rss.xml?utm_source=opml"/>'
        '<outline text="New outlet" xmlUrl="https://new.example/rss"/>'
        "</body></opml>",
        encoding="utf-8",
    )
    code, _, err = invoke(db, "--config", str(config), "feeds", "import", str(opml))
    assert code == 0, err
    assert "added 1 feeds" in err and "(1 already there)" in err  # a status message: stderr
    assert (
        "http://feeds.bbci.co.uk/news/world/rss.xml is already configured as "
        "https://feeds.bbci.co.uk/news/world/rss.xml; kept that one"
    ) in err
    text = config.read_text(encoding="utf-8")
    assert text.count("feeds.bbci.co.uk/news/world/rss.xml") == 1
    assert "https://new.example/rss" in text
    # Importing the same list again adds nothing.
    code, _, err = invoke(db, "--config", str(config), "feeds", "import", str(opml))
    assert "added 0 feeds" in err
