"""`trends --by` asks for a series: without one it says what to give, instead of silently listing what rose."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEED
from tests.helpers import run


@pytest.fixture
def seeded(db: Path) -> Path:
    assert run(db, "fetch", str(SEED)).exit_code == 0
    return db


@pytest.mark.parametrize(
    ("by", "says"),
    [
        ("source-country", "--by source-country needs a series: give --country, --region or words to count"),
        ("week", "a timeline needs a series: give --country, --region or words to count"),
        ("day", "a timeline needs a series: give --country, --region or words to count"),
    ],
)
def test_a_period_or_source_country_without_a_series_is_a_usage_error(seeded: Path, by: str, says: str) -> None:
    result = run(seeded, "trends", "--by", by)
    assert result.exit_code == 2, result.output
    assert says in result.stderr


def test_no_series_and_no_by_lists_what_rose_and_says_so_when_nothing_did(seeded: Path) -> None:
    # The seed is one article of February 2026: nothing in the 14 days before it to rise against.
    result = run(seeded, "trends")
    assert result.exit_code == 0, result.output
    # 3 February 2026 21:50 at UTC+04:00 is 17:50 UTC
    assert (
        "Only 1 article in the 48 hours to 2026-02-03 17:50 UTC (the newest stored), too few to tell what is rising"
        in result.stderr
    ), result.stderr


def test_who_is_talking_about_a_country(seeded: Path) -> None:
    result = run(seeded, "trends", "--country", "Iran", "--by", "source-country", "--plain")
    assert result.exit_code == 0, result.output
    # series, the outlets' home country (the seed's is not known), articles, their share of the series
    assert result.stdout.splitlines() == ["IR\t\t1\t1.000000"], result.stdout
