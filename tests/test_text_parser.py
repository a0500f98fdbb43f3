"""The plain-text article parser on the seed and on every documented form."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsreader.dates import find_date
from newsreader.parse.text import derive_title, parse_text
from tests.conftest import SEED


def test_seed_article_yields_documented_metadata() -> None:
    parsed = parse_text(SEED.read_text(encoding="utf-8"))
    assert parsed.published == datetime(2026, 2, 3, 17, 50, tzinfo=UTC)
    assert parsed.author == "Akbar Novruz"
    assert parsed.source == "Azernews"
    assert parsed.title.startswith("Israeli military sources have told the Maariv newspaper")
    assert len(parsed.title) <= 101
    assert parsed.title.endswith("…")
    assert not parsed.title[:-1].endswith(" ")
    assert parsed.body.startswith("Israeli military sources")
    assert parsed.body.count("\n\n") == 9  # ten paragraphs kept apart
    assert "Akbar Novruz" not in parsed.body
    assert "2026-02-03" not in parsed.body


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (" date 2026-02-03 3 February 2026 21:50 (UTC+04:00)", datetime(2026, 2, 3, 17, 50, tzinfo=UTC)),
        ("February 3, 2026", datetime(2026, 2, 3, tzinfo=UTC)),
        ("2026-02-03T21:50:00+04:00", datetime(2026, 2, 3, 17, 50, tzinfo=UTC)),
        ("03.02.2026 21:50", datetime(2026, 2, 3, 21, 50, tzinfo=UTC)),
        ("3 Feb 2026, 9:50 pm GMT-5", datetime(2026, 2, 4, 2, 50, tzinfo=UTC)),
        ("Published: Tuesday 3rd February 2026", datetime(2026, 2, 3, tzinfo=UTC)),
    ],
)
def test_date_lines_in_common_forms(line: str, expected: datetime) -> None:
    assert find_date(line) == expected


def test_date_line_absent_gives_none() -> None:
    assert find_date("Officials met in Istanbul on Tuesday.") is None
    assert find_date("2026-13-45") is None


@pytest.mark.parametrize("date_line", ["February 3, 2026", "2026-02-03T21:50:00+04:00", "03.02.2026 21:50"])
def test_pasted_text_with_other_date_forms_and_by_line(date_line: str) -> None:
    text = f"{date_line}\n\nBy Jane Doe\n\nKenya's parliament passed the budget on Monday. More follows.\n"
    parsed = parse_text(text)
    assert parsed.published is not None and parsed.published.date().isoformat() == "2026-02-03"
    assert parsed.author == "Jane Doe"
    assert parsed.title == "Kenya's parliament passed the budget on Monday"
    assert parsed.body.startswith("Kenya's parliament")


def test_header_block_wins_over_heuristics() -> None:
    text = (
        "Title: Talks resume in Doha\n"
        "Source: Example Wire\n"
        "Author: A. Writer\n"
        "Date: 2026-03-01 08:00 UTC+03:00\n"
        "URL: https://example.org/doha\n"
        "Country: Qatar, US\n"
        "Region: Gulf\n"
        "\n"
        "Negotiators met again on Sunday, Other Outlet reports.\n"
    )
    parsed = parse_text(text)
    assert parsed.title == "Talks resume in Doha"
    assert parsed.source == "Example Wire"
    assert parsed.author == "A. Writer"
    assert parsed.published == datetime(2026, 3, 1, 5, 0, tzinfo=UTC)
    assert parsed.url == "https://example.org/doha"
    assert parsed.countries == ["Qatar", "US"]
    assert parsed.regions == ["Gulf"]
    assert parsed.body == "Negotiators met again on Sunday, Other Outlet reports."


def test_body_line_with_colon_is_not_taken_for_a_header() -> None:
    parsed = parse_text("However: the talks failed.\n\nSecond paragraph here.")
    assert parsed.body.startswith("However: the talks failed.")


def test_markdown_heading_becomes_the_title() -> None:
    parsed = parse_text("# Floods in Pakistan\n\nHeavy rain hit Sindh on Friday.\n")
    assert parsed.title == "Floods in Pakistan"
    assert parsed.body == "Heavy rain hit Sindh on Friday."


def test_title_is_cut_at_a_word_boundary() -> None:
    lead = "word " * 60
    title = derive_title(lead)
    assert len(title) <= 100
    assert title.endswith("word…")


def test_title_does_not_stop_at_abbreviations() -> None:
    assert derive_title("The U.S. Navy moved ships. Then more.") == "The U.S. Navy moved ships"


def test_wire_dateline_names_the_source() -> None:
    parsed = parse_text("KYIV (Reuters) - Ukraine said on Monday it had struck a depot.\n")
    assert parsed.source == "Reuters"
