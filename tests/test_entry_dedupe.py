"""One article per link: within a feed (two guids), across feeds and outlets, and on re-fetch (loopback HTTP,
real SQLite). Ids are re-derived here by hand (sha1 of "feed", feed URL and guid), never by the code under test."""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.helpers import invoke, rss


def feed_id(feed_url: str, guid: str) -> str:
    return hashlib.sha1(f"feed\x1f{feed_url}\x1f{guid}".encode()).hexdigest()[:16]


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # its request log would land in the CLI's stderr
    srv = HTTPServer(host="127.0.0.1", port=0)
    srv.start()
    yield srv
    srv.stop()


def serve(server: HTTPServer, path: str, body: bytes) -> str:
    server.expect_request(path).respond_with_data(body, content_type="application/rss+xml")
    return server.url_for(path)


def listing(db: Path, *args: str) -> list[dict[str, object]]:
    code, out, err = invoke(db, "show", "--json", "-n", "100", *args)
    assert code == 0, err
    result: list[dict[str, object]] = json.loads(out)
    return result


def fetch(db: Path, *urls: str) -> str:
    code, _, err = invoke(db, "fetch", *urls)
    assert code == 0, err
    return err


STORY = "https://www.bbc.com/news/articles/cj3rmjjgx6xo"


def test_one_feed_two_guids_for_one_link_is_one_article(db: Path, server: HTTPServer) -> None:
    url = serve(
        server,
        "/bbc.xml",
        rss(
            "BBC News",
            [
                ("First celestial image", STORY, f"{STORY}#0", "The telescope."),
                ("First celestial image", STORY, f"{STORY}#10", "The telescope."),
                ("Nato summit", "https://www.bbc.com/news/articles/cqjqvr75v1jo", "n#1", "Europe braces."),
            ],
        ),
    )
    err = fetch(db, url)
    got = listing(db)
    assert sorted(a["title"] for a in got) == ["First celestial image", "Nato summit"]
    story = next(a for a in got if a["url"] == STORY)
    assert story["id"] == feed_id(url, f"{STORY}#0")  # the first guid in the feed names it
    assert story["origins"] == [url] and story["sources"] == ["BBC News"]
    assert "Total" in err
    # The second guid still finds the article.
    code, out, _ = invoke(db, "show", feed_id(url, f"{STORY}#10"), "--json")
    assert code == 0 and json.loads(out)["id"] == story["id"]


def test_same_feed_renumbering_its_guid_updates_the_article(db: Path, server: HTTPServer) -> None:
    url = serve(server, "/bbc.xml", rss("BBC News", [("Old title", STORY, f"{STORY}#0", "Text.")]))
    fetch(db, url)
    server.clear()
    serve(server, "/bbc.xml", rss("BBC News", [("New title", STORY, f"{STORY}#1", "Text.")]))
    fetch(db, url)
    got = listing(db)
    assert [(a["id"], a["title"]) for a in got] == [(feed_id(url, f"{STORY}#0"), "New title")]


def test_same_link_from_two_outlets_is_one_article_with_both(db: Path, server: HTTPServer) -> None:
    link = "https://news.example/2026/02/03/talks"
    alpha = serve(
        server, "/alpha.xml", rss("Alpha Wire", [("Talks resume in Geneva", link, "urn:alpha:1", "Delegates.")])
    )
    beta = serve(
        server,
        "/beta.xml",
        rss(
            "Beta News",
            [
                (
                    "Talks resume",
                    link.replace("https", "http") + "?utm_source=rss&amp;utm_medium=feed",
                    "urn:beta:9",
                    "Met.",
                ),
                ("Only in Beta", "https://beta.example/only", "urn:beta:10", "Other."),
            ],
        ),
    )
    fetch(db, alpha)
    first = listing(db)
    assert len(first) == 1
    code, _, err = invoke(db, "fetch", beta)
    assert code == 0, err
    # Beta's copy is not new: Beta's row of the summary says 1 new (its own story), 1 updated (carried).
    beta_row = next(line for line in err.splitlines() if "/beta.xml" in line or "Beta News" in line)
    assert beta_row.split()[-4:-1] == ["1", "1", "0"], err
    got = listing(db)
    assert sorted(a["title"] for a in got) == ["Only in Beta", "Talks resume in Geneva"]
    story = next(a for a in got if a["title"] == "Talks resume in Geneva")
    assert story["id"] == first[0]["id"] == feed_id(alpha, "urn:alpha:1")
    assert story["origin"] == alpha
    assert story["origins"] == [alpha, beta]
    assert story["sources"] == ["Alpha Wire", "Beta News"]
    # The listing shows the first outlet and +1; show ID lists both feeds.
    code, out, _ = invoke(db, "show", env={"TTY_COMPATIBLE": "1"})  # the terminal table
    assert "Alpha Wire +1" in out
    code, out, _ = invoke(db, "show", str(story["id"]), "--no-pager")
    assert "Carried by" in out and alpha in out and beta in out and "Beta News" in out
    # Beta's own id for the story leads to the same article.
    code, out, _ = invoke(db, "show", feed_id(beta, "urn:beta:9"), "--json")
    assert code == 0 and json.loads(out)["id"] == story["id"]
    # Fetching both again: nothing new, nothing updated, still one row for the link.
    code, _, err = invoke(db, "fetch", alpha, beta)
    assert code == 0, err
    assert next(line for line in err.splitlines() if line.startswith("Total")).split()[1:4] == ["0", "0", "3"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2


def test_local_file_with_the_same_url_joins_the_feed_article(db: Path, tmp_path: Path, server: HTTPServer) -> None:
    link = "https://news.example/story"
    feed = serve(server, "/f.xml", rss("Feed Outlet", [("Story", link, "g1", "Text.")]))
    fetch(db, feed)
    clip = tmp_path / "clip.txt"
    clip.write_text(
        f"Title: Story (clipped)\nSource: My clippings\nURL: {link}#comments\n\nThe text.\n", encoding="utf-8"
    )
    fetch(db, str(clip))
    got = listing(db)
    assert len(got) == 1 and got[0]["sources"] == ["Feed Outlet", "My clippings"]
    assert got[0]["origins"] == [feed, str(clip)]


def test_feeds_command_counts_articles_a_feed_carried(db: Path, tmp_path: Path, server: HTTPServer) -> None:
    link = "https://news.example/shared"
    a = serve(server, "/a.xml", rss("A", [("Shared", link, "1", "x")]))
    b = serve(server, "/b.xml", rss("B", [("Shared", link, "2", "x")]))
    config = tmp_path / "config.toml"
    config.write_text(f'[[feeds]]\nurl = "{a}"\n\n[[feeds]]\nurl = "{b}"\n', encoding="utf-8")
    code, _, err = invoke(db, "--config", str(config), "fetch")
    assert code == 0, err
    code, out, _ = invoke(db, "--config", str(config), "feeds")
    rows = [line.split() for line in out.splitlines() if "/a.xml" in line or "/b.xml" in line]
    assert [r[r.index("ok") - 1] for r in rows] == ["1", "1"], out
