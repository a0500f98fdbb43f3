"""Times are stored in UTC and shown in the user's zone: tested east and west of UTC, by half hours.

The expected local times are worked out by hand from each zone's offset on the article's date
(Asia/Kolkata is +05:30 all year; America/St_Johns is -03:30 in February, before its summer time).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run, write_article

# 2026-02-03 20:00 UTC: still 3 February in St John's (16:30), already 4 February in Kolkata (01:30).
LOCAL = {"Asia/Kolkata": "2026-02-04 01:30", "America/St_Johns": "2026-02-03 16:30"}


@pytest.fixture
def store(tmp_path: Path) -> Path:
    db = tmp_path / "tz.db"
    write_article(
        tmp_path / "in", "a.txt", title="Evening talks in Doha", body="Talks went on.", date="2026-02-03 20:00 UTC"
    )
    assert run(db, "fetch", str(tmp_path / "in")).exit_code == 0
    return db


def test_listing_shows_the_local_time(store: Path, any_zone: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # the terminal table (piped lines are ISO 8601 in UTC)
    out = run(store, "show").stdout
    assert LOCAL[any_zone] in out
    assert "2026-02-03 20:00" not in out


def test_article_view_shows_the_local_time(store: Path, any_zone: str) -> None:
    article_id = json.loads(run(store, "show", "--json").stdout)[0]["id"]
    out = run(store, "show", article_id, "--no-pager").stdout
    assert LOCAL[any_zone] in out


def test_json_stays_in_utc_whatever_the_zone(store: Path, any_zone: str) -> None:
    (item,) = json.loads(run(store, "show", "--json").stdout)
    assert item["published"] == "2026-02-03T20:00:00Z"


@pytest.mark.parametrize(
    ("option", "day", "listed_in"),
    [
        ("--since", "2026-02-04", {"Asia/Kolkata"}),  # a bare date starts at local midnight
        ("--until", "2026-02-03", {"America/St_Johns"}),  # and ends at local midnight after it
        ("--since", "2026-02-03", {"Asia/Kolkata", "America/St_Johns"}),
    ],
)
def test_bare_dates_in_filters_are_local_calendar_days(
    store: Path, any_zone: str, option: str, day: str, listed_in: set[str]
) -> None:
    found = json.loads(run(store, "show", option, day, "--json").stdout)
    assert [a["title"] for a in found] == (["Evening talks in Doha"] if any_zone in listed_in else [])


def test_an_explicit_offset_in_a_filter_wins_over_the_zone(store: Path, any_zone: str) -> None:
    assert json.loads(run(store, "show", "--since", "2026-02-03T19:59+00:00", "--json").stdout)
    assert not json.loads(run(store, "show", "--since", "2026-02-03T20:01+00:00", "--json").stdout)
