"""An outlet's home country from its links when the config gives none: the table of known outlets, the
country-code domain, and what the coverage view and `--source-country` make of it (expectations written by
hand from where each outlet is based)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from newsreader.outlet_home import home_of, home_of_link, host_of
from tests.helpers import invoke, serve_feeds, summary_rows
from tests.stories_support import feed


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.tagesschau.de/inland/x.html", "DE"),
        ("https://lenta.ru/news/2022/12/03/x/", "RU"),
        ("https://www.bbc.co.uk/news/world", "GB"),  # .uk is GB
        ("https://news.yahoo.co.jp/articles/1", "JP"),
        ("HTTPS://WWW.LEMONDE.FR/monde/", "FR"),
        ("https://www.lemonde.fr./monde/", "FR"),  # the root's dot
        ("https://user:pw@www.lemonde.fr:8443/x", "FR"),
        ("https://edition.cnn.com/2026/01/05/world/x", "US"),  # a known outlet, by its parent domain
        ("https://www.aljazeera.net/news/x", "QA"),
        ("https://www.dw.com/en/x", "DE"),
        ("https://abcnews.go.com/International/x", "US"),  # the outlet's own name inside a generic domain
        ("https://go.com/x", ""),
        ("https://www.example.com/x", ""),
        ("https://startup.io/post", ""),  # sold worldwide as a generic name
        ("https://www.eltiempo.com.co/mundo/x", "CO"),  # ... unless a registry's second level stands before it
        ("https://eltiempo.com.co/", "CO"),
        ("https://news.startup.co/", ""),
        ("http://lenta.ru/news", "RU"),
        ("HTTP://LENTA.RU/", "RU"),
        ("https://NEWS.EXAMPLE.MX/", "MX"),
        ("https://www.lemonde.fr?page=2", "FR"),
        ("https://www.lemonde.fr#top", "FR"),
        ("https://www.lemonde.fr/r?to=http://other.example.com/", "FR"),  # the first scheme is the link's
        ("https://x.\u0131e/", ""),  # dotless i: not the ASCII code IE
        ("https://x.ss/", "SS"),
        ("https://news.am/eng/news/1.html", "AM"),  # Armenian outlets use their country's domain
        ("https://www.politico.eu/article/x", ""),  # two letters, but no country
        ("https://xn--80aswg.xn--p1ai/", "RU"),  # .рф in its ASCII form
        ("https://кремль.рф/events", "RU"),
        ("https://xinhua.中国/x", "CN"),
        ("http://10.0.0.1/feed", ""),
        ("ftp://files.example.de/feed", ""),  # not a web link
        ("lemonde.fr/monde", ""),  # no scheme: a path, not a link
        ("", ""),
    ],
)
def test_the_home_of_a_link(url: str, expected: str) -> None:
    assert home_of_link(url) == expected


@pytest.mark.parametrize(
    ("declared", "url", "expected"),
    [
        ("DE", "https://edition.cnn.com/x", "DE"),  # the config's word beats the link's
        ("fr", "", "FR"),  # in the upper case every stored code has
        ("", "https://lenta.ru/news/x", "RU"),  # no word: the link's
        ("", "https://example.com/x", ""),  # neither says
    ],
)
def test_the_declared_home_beats_the_link(declared: str, url: str, expected: str) -> None:
    assert home_of(declared, url) == expected


def test_the_host_of_a_link() -> None:
    assert host_of("https://User@News.Example.DE.:8080/a?b#c") == "news.example.de"
    assert host_of("ftp://news.example.de/feed") == ""
    assert host_of("news.example.de/feed") == ""


def _write(folder: Path, outlet: str, domain: str) -> Path:
    """The story fixture's feed of `outlet` with its links on `domain` (a file, so no config names it)."""
    path = folder / f"{outlet}.xml"
    path.write_bytes(feed(outlet).replace(f"https://{outlet}.example/".encode(), f"https://{domain}/".encode()))
    return path


def test_fetched_files_take_their_outlets_home_from_the_links(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    files = [_write(tmp_path, "a", "edition.cnn.com"), _write(tmp_path, "c", "www.aljazeera.net")]
    files.append(_write(tmp_path, "d", "news.example.org"))
    code, _, err = invoke(db, "fetch", *map(str, files))
    assert code == 0, err
    _, out, _ = invoke(db, "show", "--json", "--limit", "0")
    homes = {(a["source"], a["source_country"]) for a in json.loads(out)}
    assert homes == {("Wire A", "US"), ("Gulf C", "QA"), ("Euro D", "")}
    _, out, _ = invoke(db, "show", "--source-country", "QA", "--json", "--limit", "0")
    assert {a["source"] for a in json.loads(out)} == {"Gulf C"}
    # The quake was reported by Wire A, Gulf C and Euro D (whose links say nothing): two regions, no blindspot.
    _, out, _ = invoke(db, "stories", "--json", "--country", "Turkey")
    quake = json.loads(out)[0]
    assert quake["source_countries"] == ["US", "QA"] or quake["source_countries"] == ["QA", "US"]
    _, out, _ = invoke(db, "stories", quake["id"], "--json")
    coverage = json.loads(out)["coverage"]
    assert sorted((r["region"], r["articles"]) for r in coverage["regions"]) == [
        ("Middle East", 1),
        ("North America", 1),
        ("unknown", 1),
    ]
    assert coverage["blindspot"] is None


def test_the_configured_country_beats_the_links(tmp_path: Path) -> None:
    db, cfg = tmp_path / "news.db", tmp_path / "config.toml"
    body = feed("a").replace(b"https://a.example/", b"https://www.lemonde.fr/")
    other = feed("b").replace(b"https://b.example/", b"https://www.lemonde.fr/b/")
    with serve_feeds({"/a.xml": body, "/b.xml": other}) as base:
        cfg.write_text(f'[[feeds]]\nurl = "{base}/a.xml"\nname = "Wire A"\ncountry = "SN"\n', encoding="utf-8")
        code, _, err = invoke(db, "--config", str(cfg), "fetch", f"{base}/a.xml")
        assert code == 0, err
        code, _, err = invoke(db, "--config", str(cfg), "fetch", f"{base}/b.xml")  # not in the config
        assert code == 0, err
    _, out, _ = invoke(db, "show", "--json", "--limit", "0")
    homes = {(a["source"], a["source_country"]) for a in json.loads(out)}
    assert homes == {("Wire A", "SN"), ("Daily B", "FR")}


def test_retag_gives_a_store_of_an_earlier_version_its_outlets_homes(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    files = [_write(tmp_path, "a", "www.tagesschau.de"), _write(tmp_path, "d", "news.example.org")]
    code, _, err = invoke(db, "fetch", *map(str, files))
    assert code == 0, err
    conn = sqlite3.connect(db)
    with conn:  # as an earlier newsreader stored them: no home, and a content hash made without one
        conn.execute("UPDATE articles SET source_country = '', content_hash = 0")
    conn.close()
    code, out, err = invoke(db, "retag")
    assert code == 0, err
    assert err == "newsreader: Retagged 6 articles: 3 changed, 3 unchanged.\n"  # Wire A's 3 got a home, not D's
    _, out, _ = invoke(db, "show", "--json", "--limit", "0")
    assert {(a["source"], a["source_country"]) for a in json.loads(out)} == {("Wire A", "DE"), ("Euro D", "")}
    code, _, err = invoke(db, "fetch", *map(str, files))  # the stored hashes were made again with the homes
    assert code == 0, err
    rows = summary_rows(err)
    assert rows[str(files[0])][:3] == (0, 0, 3)
