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

from tests.helpers import invoke

NEWS = Path(__file__).resolve().parent.parent / ".." / "shared" / "news" / "news"
pytestmark = [
    pytest.mark.skipif(not NEWS.is_dir(), reason="../shared/news/ is not here"),
    pytest.mark.xdist_group("shared_news"),  # one worker fetches the shared store once (conftest.py)
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
    # Fetching everything again adds nothing.
    code, _, err = invoke(db, "fetch", str(NEWS))
    total = next(line for line in err.splitlines() if line.startswith("Total")).split()
    assert total[1] == "0", total
