"""Real outlets' feeds (../shared/news/, skipped when absent): after fetching every file, one article per link.

The oracle is independent of newsreader: links are read with feedparser directly and compared in a simple
form written here (host in lower case, no fragment, no utm_/at_ tracking parameters, http = https)."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from tests.conftest import SHARED_NEWS
from tests.helpers import invoke, summary_rows

# Spelt as conftest.py spells the shared store's paths: an origin is the path as given, so another
# spelling of the same file (../shared against shared) would be another origin, a second carrier.
NEWS = SHARED_NEWS / "news"
pytestmark = [
    pytest.mark.skipif(not NEWS.is_dir(), reason="../shared/news/ is not here"),
]


def simple_form(link: str) -> str:
    parts = urlsplit(link.strip())
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.lower().startswith(("utm_", "at_"))
    ]
    return f"{(parts.hostname or '').lower()}{parts.path or '/'}?{urlencode(query)}"


def test_every_real_feed_file_gives_one_article_per_link(shared_news_db: Path, tmp_path: Path) -> None:
    import feedparser

    expected: set[str] = set()
    for path in sorted(NEWS.iterdir()):
        for entry in feedparser.parse(path.read_bytes()).entries:
            link = entry.get("link", "")
            if link.startswith(("http://", "https://")):
                expected.add(simple_form(link))
    db = tmp_path / "news.db"  # a copy of the shared store (news/ and days/ fetched): this test writes to it
    with sqlite3.connect(shared_news_db) as source, sqlite3.connect(db) as copy:
        source.backup(copy)
    code, out, err = invoke(db, "show", "--json", "-n", "100000")
    assert code == 0, err
    links = [simple_form(a["url"]) for a in json.loads(out) if a["url"]]
    twice = [link for link, n in Counter(links).items() if n > 1]
    assert twice == [], f"{len(twice)} links stored more than once, e.g. {twice[:3]}"
    found = set(links) & expected
    assert len(found) >= 0.97 * len(expected), (len(found), len(expected))
    # Fetching the same files again adds nothing and changes nothing: every entry is counted unchanged.
    before = _count(db)
    code, _, err = invoke(db, "fetch", str(NEWS))
    assert code == 0, err
    new, updated, unchanged, _ = summary_rows(err)["Total"]
    assert (new, updated) == (0, 0), err
    assert unchanged > 0 and _count(db) == before


def _count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
