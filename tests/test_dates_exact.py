"""dates.py case by case: date lines in pasted articles, --since/--until values, feed-date edge cases.

Every expected moment is worked out by hand (the suite runs in Asia/Kolkata, UTC+05:30: conftest.py).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsreader.dates import find_date, parse_feed_date, parse_when
from newsreader.errors import UsageError


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


FOUND = [
    ("2026-02-03T21:50:00+04:00", "2026-02-03T17:50:00"),
    ("2026-02-03T10:00:00-0200", "2026-02-03T12:00:00"),
    ("2026-02-03 10:00 +0530", "2026-02-03T04:30:00"),
    ("2026-02-03T21:50Z", "2026-02-03T21:50:00"),
    ("2026-02-03 21:50", "2026-02-03T21:50:00"),  # no offset: UTC
    ("2026-02-03 9:05:07.250", "2026-02-03T09:05:07"),
    ("2026-02-03 10:00 GMT-03:30", "2026-02-03T13:30:00"),  # the zone further on the line
    (" date 2026-02-03 3 February 2026 21:50 (UTC+04:00)", "2026-02-03T17:50:00"),
    ("February 3, 2026", "2026-02-03T00:00:00"),
    ("Feb. 3rd, 2026 9:05 pm", "2026-02-03T21:05:00"),
    ("3 February 2026, 21:50 GMT", "2026-02-03T21:50:00"),
    ("3rd Sept 2026", "2026-09-03T00:00:00"),
    ("3 Feb 2026 12:30 am", "2026-02-03T00:30:00"),
    ("3 Feb 2026 12:30 p.m.", "2026-02-03T12:30:00"),
    ("3 Feb 2026 1:30 PM", "2026-02-03T13:30:00"),
    ("3 Feb 2026 10:00:30 UTC−5", "2026-02-03T15:00:30"),  # a Unicode minus
    ("3 Feb 2026 10:00 GMT +3", "2026-02-03T07:00:00"),
    ("3 Feb 2026 10:00 +05:45", "2026-02-03T04:15:00"),
    ("03.02.2026 21:50", "2026-02-03T21:50:00"),  # day first
    ("3/2/2026", "2026-02-03T00:00:00"),
    ("Published 2026-2-3", "2026-02-03T00:00:00"),
    ("Feb. 3, 2026 1:30 p.m.", "2026-02-03T13:30:00"),
    ("3 Feb 2026 10:00 -03:00", "2026-02-03T13:00:00"),  # a bare offset west of UTC
    ("21:50 GMT 03.02.2026+4", "2026-02-03T17:50:00"),  # the zone read once the date is taken out
    ("21:50 GMT 2026-02-03+4", "2026-02-03T17:50:00"),
]


@pytest.mark.parametrize(("line", "expected"), FOUND)
def test_find_date_reads_the_moment_a_line_names(line: str, expected: str) -> None:
    assert find_date(line) == utc(expected)


@pytest.mark.parametrize(
    "line",
    ["no date here", "", "2026-02-30", "31.02.2026", "2026-02-03 25:00", "2026-02-03T10:00+24:00", "Febtober 3, 2026"],
)
def test_find_date_gives_none_for_no_date_or_an_impossible_one(line: str) -> None:
    assert find_date(line) is None


NOW = datetime(2026, 2, 10, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "ago"),
    [
        ("30m", timedelta(minutes=30)),
        ("30min", timedelta(minutes=30)),
        ("24h", timedelta(hours=24)),
        (" 7 D ", timedelta(days=7)),
        ("2w", timedelta(days=14)),
        ("3mo", timedelta(days=90)),
        ("1y", timedelta(days=365)),
        ("0d", timedelta(0)),
    ],
)
def test_relative_values_count_back_from_now(value: str, ago: timedelta) -> None:
    assert parse_when(value, now=NOW) == NOW - ago


def test_calendar_values_are_the_users_local_day() -> None:
    assert parse_when("2026-02-01", now=NOW) == utc("2026-01-31T18:30:00")  # local midnight, +05:30
    assert parse_when("2026-02-01", now=NOW, end_of_day=True) == utc("2026-02-01T18:29:59.999999")
    assert parse_when("2026-02-01T12:00", now=NOW) == utc("2026-02-01T06:30:00")
    assert parse_when("2026-02-01T12:00", now=NOW, end_of_day=True) == utc("2026-02-01T06:30:00")  # a moment
    assert parse_when("2026-02-01T12:00+00:00", now=NOW) == utc("2026-02-01T12:00:00")
    assert parse_when(" 2026-02-01T12:00-03:00 ", now=NOW) == utc("2026-02-01T15:00:00")
    assert parse_when("24h").tzinfo == UTC  # without `now`: the clock's, in UTC
    assert parse_when("2026-02-01", now=NOW).tzinfo is UTC  # a calendar value too, not the local zone
    # A basic-format moment is 11 characters: a moment, not a day, so end_of_day leaves it alone.
    assert parse_when("20260201T12", now=NOW, end_of_day=True) == utc("2026-02-01T06:30:00")


def test_unreadable_and_out_of_range_values_are_usage_errors() -> None:
    with pytest.raises(UsageError) as caught:
        parse_when("yesterday", now=NOW)
    assert str(caught.value) == "cannot read the date 'yesterday'; use e.g. 2026-02-01, 2026-02-01T12:00, 24h, 7d, 2w"
    with pytest.raises(UsageError) as caught:
        parse_when("99999999999d", now=NOW)
    assert str(caught.value) == "the date '99999999999d' is out of range"
    with pytest.raises(UsageError, match="out of range"):
        parse_when("0001-01-01", now=NOW)  # local midnight of year 1 is before UTC's year 1


FEED = [
    ("Mon, 24 Sep 2018 23:59:60 +0000", "2018-09-24T23:59:59"),  # a leap second
    ("Mon, 24 Sep 2018 12:00 am", "2018-09-24T00:00:00"),
    ("Mon, 24 Sep 2018 12:15 pm", "2018-09-24T12:15:00"),
    ("09/24/2018 10:00", "2018-09-24T10:00:00"),  # US order, told apart by the 24
    ("24/09/18 10:00", "2018-09-24T10:00:00"),
    ("24-09-2018", "2018-09-24T00:00:00"),
    ("Mon, 24 Sep 49 10:00:00 GMT", "2049-09-24T10:00:00"),
    ("Mon, 24 Sep 50 10:00:00 GMT", "1950-09-24T10:00:00"),
    ("Mon, 24 Sep 2018 10:00:00 +2359", "2018-09-23T10:01:00"),
    ("Mon, 24 Sep 2018 10:00:00 (EDT)", "2018-09-24T14:00:00"),
    ("Mon, 24 Sep 2018 10:00:00 XYZT", "2018-09-24T10:00:00"),  # unknown zone name: UTC (RFC 2822)
    ("Mon, 24 Sep 2018 10:00:00 IST", "2018-09-24T04:30:00"),
    ("Mon, 24 Sep 2018 10:00:00 NPT", "2018-09-24T04:15:00"),
    ("Mon, 24 Sep 2018 10:00:00 −0300", "2018-09-24T13:00:00"),  # a Unicode minus
    ("2018-09-24T10:00:00,5 UTC", "2018-09-24T10:00:00"),
    ("2018-09-24 10:00 −03", "2018-09-24T13:00:00"),
    ("24 Sep 2018 10h05", "2018-09-24T10:05:00"),
    ("Sep 24 2018 10:00:00 GMT+0530", "2018-09-24T04:30:00"),
    ("2018년 9월 24일 10:00", "2018-09-24T10:00:00"),  # Korean
    ("monday 2018-09-24 10:00", "2018-09-24T10:00:00"),  # an ISO day after a word: the general path
    ("Published 2018-9-4 10:00", "2018-09-04T10:00:00"),
    ("03.04.2018 10:00", "2018-04-03T10:00:00"),  # dotted: day first
    ("13/05/2018 10:00", "2018-05-13T10:00:00"),  # 13 cannot be a month
    ("05/13/2018 10:00", "2018-05-13T10:00:00"),  # US order
    ("mar, 24 sep 2018", "2018-09-24T00:00:00"),  # Spanish Tuesday (also March), then the month
    ("No. 123, 24 sep 2018", "2018-09-24T00:00:00"),  # a three-digit number is neither day nor year
    ("24 sep 18", "2018-09-24T00:00:00"),  # day, month, two-digit year
    ("sht, 29 sht 2018", "2018-09-29T00:00:00"),  # Albanian: Saturday and September share `sht`
    ("Mon, 24 Sep 2018 1:30 pm", "2018-09-24T13:30:00"),  # 1 pm, the first hour of the clock
    ("Mon, 24 Sep 2018 10:00:00 *", "2018-09-24T10:00:00"),  # something after the clock that is no zone
    # Every month word here is also a weekday (`mar`: Spanish Tuesday and March; `sze`: Hungarian Wednesday
    # and September; `paz`: Turkish Sunday and Polish October): the last one is the month.
    ("mar, 24 sze 2018", "2018-09-24T00:00:00"),
    ("mar sze, 24 paz 2018", "2018-10-24T00:00:00"),
    # A month word glued to the clock: the clock is cut out and the word stays a word of its own.
    ("2018 24 Sept10:00", "2018-09-24T10:00:00"),
    ("10:00Sept 24 2018", "2018-09-24T10:00:00"),
]


@pytest.mark.parametrize(("raw", "expected"), FEED)
def test_feed_date_edge_cases(raw: str, expected: str) -> None:
    assert parse_feed_date(raw) == utc(expected)


@pytest.mark.parametrize(
    "raw",
    [
        "   ",
        "Mon, 24 Sep 2018 13:00 pm",  # no 13 pm
        "Mon, 24 Sep 2018 0:30 am",
        "Mon, 24 Sep 2018 10:00:00 +2400",
        "Mon, 24 Sep 10:00",  # no year
        "2018-13-01",
        "12/05/2018 10:00",  # December or May? undated beats a month off
        "05/12/2018 10:00",
    ],
)
def test_feed_dates_that_cannot_be_read_give_none(raw: str) -> None:
    assert parse_feed_date(raw) is None


def test_the_length_limit_is_120_characters() -> None:
    base = "2018-09-24T10:00:00Z"
    assert parse_feed_date(base + " " * 100) == utc("2018-09-24T10:00:00")  # stripped first
    start = "Mon, 24 Sep 2018 10:00:00 +0000 "
    assert parse_feed_date(start + "x" * (120 - len(start))) == utc("2018-09-24T10:00:00")
    assert parse_feed_date(start + "x" * (121 - len(start))) is None


def test_the_name_tables_load_on_the_first_worded_date(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsreader.dates

    monkeypatch.setattr(newsreader.dates, "_names", None)  # as in a fresh process
    assert parse_feed_date("24 de septiembre de 2018") == utc("2018-09-24T00:00:00")
    assert newsreader.dates._names is not None
