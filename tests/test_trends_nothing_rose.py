"""`trends` alone says why nothing is listed: too few articles, none sharing a place, or nothing rose."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import invoke, write_article

CHILE = "Protesters marched through Santiago as Chile's government met union leaders on Tuesday."
BAKERY = "The bakery on the corner reopened after the summer with a new oven and a longer queue."


def _store(tmp_path: Path, recent: list[str], before: list[str]) -> Path:
    """Articles dated 10 March 2026 (the last 48 hours before the newest) and 1 March (the 14 days before)."""
    folder = tmp_path / "articles"
    for i, body in enumerate(recent):
        write_article(folder, f"r{i}.txt", title=f"Recent {i}", body=body, date=f"2026-03-10 {10 + i}:00 UTC")
    for i, body in enumerate(before):
        write_article(folder, f"b{i}.txt", title=f"Earlier {i}", body=body, date=f"2026-03-01 {10 + i}:00 UTC")
    db = tmp_path / "news.db"
    code, _, err = invoke(db, "fetch", str(folder))
    assert code == 0, err
    return db


def test_the_same_share_in_both_windows_is_nothing_rising_with_both_counts(tmp_path: Path) -> None:
    db = _store(tmp_path, [CHILE, CHILE], [CHILE, CHILE, CHILE])
    code, out, err = invoke(db, "trends")
    assert (code, out) == (0, "")
    assert err.strip() == (
        "newsreader: No country or region rose in the 48 hours to 2026-03-10 11:00 UTC (2 articles) "
        "against the 14 days before (3 articles)."
    )
    code, out, _ = invoke(db, "trends", "--json")
    assert code == 0
    assert json.loads(out) == {
        "now": "2026-03-10T11:00:00Z",
        "recent_articles": 2,
        "before_articles": 3,
        "rising": [],
    }


def test_recent_articles_sharing_no_place_and_nothing_before(tmp_path: Path) -> None:
    db = _store(tmp_path, [BAKERY, BAKERY, BAKERY], [])
    code, out, err = invoke(db, "trends")
    assert (code, out) == (0, "")
    assert err.strip() == (
        "newsreader: No country or region is named in 2 or more of the 3 articles of the 48 hours to "
        "2026-03-10 12:00 UTC, and the 14 days before hold no articles to compare with."
    )


def test_one_recent_article_is_too_few_to_tell(tmp_path: Path) -> None:
    db = _store(tmp_path, [CHILE], [CHILE, BAKERY])
    code, out, err = invoke(db, "trends")
    assert (code, out) == (0, "")
    assert err.strip() == (
        "newsreader: Only 1 article in the 48 hours to 2026-03-10 10:00 UTC (the newest stored), too few to "
        "tell what is rising; chart a series over a longer time instead, e.g. "
        "`newsreader trends --country IR --since 30d`."
    )


def test_a_rise_is_listed_with_the_windows(tmp_path: Path) -> None:
    db = _store(tmp_path, [CHILE, CHILE], [BAKERY, BAKERY, BAKERY, BAKERY])
    code, out, _ = invoke(db, "trends", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["now"], data["recent_articles"], data["before_articles"]) == ("2026-03-10T11:00:00Z", 2, 4)
    chile = [r for r in data["rising"] if r["key"] == "CL"]
    assert [(r["recent"], r["before"]) for r in chile] == [
        ({"articles": 2, "share": 1.0}, {"articles": 0, "share": 0.0})
    ]
