"""Store.save keys each article's link once (urls.url_key parses the URL) and uses that one key for the
three things that need it: one article per link in the batch, the stored row found by link, and the row.

Oracles: the URLs given (the keys made are counted through the module's own name for the function) and
save()'s documented counts: a second link of one story in a batch is folded into the first, and the same
links from another feed only add that feed to the articles' carriers (updated the first time).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsreader.models import Article
from newsreader.store import Store
from newsreader.store import db as store_db

T0 = datetime(2026, 2, 3, 10, 0, tzinfo=UTC)


def _articles() -> list[Article]:
    found = [
        Article(
            id=f"{i + 1:016x}",
            title=f"Talks resume, day {i}",
            source="Wire",
            published=T0 + timedelta(hours=i),
            fetched_at=T0,
            origin="https://wire.example/feed",
            url=f"https://Wire.example/story/{i}?utm_source=rss",
            summary=f"Delegates met again on day {i}.",
        )
        for i in range(5)
    ]
    # the same story under a second guid, its link spelled another way (no tracking, http): folded into the first
    found.append(replace(found[0], id=f"{99:016x}", url="http://wire.example/story/0"))
    return found


def test_each_link_is_keyed_once_per_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []
    real = store_db.url_key

    def counted(url: str) -> str:
        made.append(url)
        return real(url)

    monkeypatch.setattr(store_db, "url_key", counted)
    given = _articles()
    with Store.open(tmp_path / "news.db") as store:
        first = store.save(given)
        assert sorted(made) == sorted(a.url for a in given)
        made.clear()
        elsewhere = [
            replace(a, id=f"{i + 101:016x}", origin="https://other.example/rss") for i, a in enumerate(given[:5])
        ]
        second = store.save(elsewhere)
        assert sorted(made) == sorted(a.url for a in elsewhere)
    assert (first.new, first.updated, first.unchanged) == (5, 0, 0)
    assert (second.new, second.updated, second.unchanged) == (0, 5, 0)
