"""Feed dates in the world press's languages and malformed forms; the generated name table stays fresh."""

from __future__ import annotations

import importlib.util
from datetime import UTC, datetime

import pytest

from newsreader.dates import parse_feed_date
from tests.conftest import REPO

# Raw values as feeds write them, and the UTC moment each one names (worked out by hand).
READABLE = [
    ("Seg, 24 Set 2018 19:42:40 -0300", "2018-09-24T22:42:40"),  # Portuguese (UOL)
    ("Qua, 03 Out 2018 08:00:00 -0300", "2018-10-03T11:00:00"),  # Portuguese
    ("lun, 24 sep 2018 19:42:40 +0200", "2018-09-24T17:42:40"),  # Spanish
    ("mar, 25 sep 2018 10:00:00 +0200", "2018-09-25T08:00:00"),  # Spanish: `mar` is Tuesday here, not March
    ("24 de septiembre de 2018, 19h42", "2018-09-24T19:42:00"),  # Spanish, long form
    ("lun., 24 sept. 2018 19:42:40 +0200", "2018-09-24T17:42:40"),  # French
    ("ven., 14 févr. 2020 09:15:00 +0100", "2020-02-14T08:15:00"),  # French, accented
    ("Mo, 24 Sep 2018 19:42:40 +0200", "2018-09-24T17:42:40"),  # German
    ("Montag, 24. September 2018 19:42", "2018-09-24T19:42:00"),  # German, long form, no zone
    ("Do, 05 Mär 2020 12:00:00 +0100", "2020-03-05T11:00:00"),  # German abridged März
    ("lun, 24 set 2018 19:42:40 +0200", "2018-09-24T17:42:40"),  # Italian
    ("ma, 24 okt 2022 10:00:00 +0200", "2022-10-24T08:00:00"),  # Dutch
    ("Pzt, 24 Eyl 2018 19:42:40 +0300", "2018-09-24T16:42:40"),  # Turkish
    ("Пн, 24 сен 2018 19:42:40 +0300", "2018-09-24T16:42:40"),  # Russian
    ("24 сентября 2018 19:42", "2018-09-24T19:42:00"),  # Russian genitive
    ("Пт, 25 вер 2020 10:00:00 +0300", "2020-09-25T07:00:00"),  # Ukrainian
    ("pon, 24 wrz 2018 19:42:40 +0200", "2018-09-24T17:42:40"),  # Polish
    ("24 listopada 2021 08:00 +0100", "2021-11-24T07:00:00"),  # Polish genitive
    ("Δευ, 24 Σεπ 2018 19:42:40 +0300", "2018-09-24T16:42:40"),  # Greek
    ("mån, 24 sep 2018 19:42:40 +0200", "2018-09-24T17:42:40"),  # Swedish
    ("24 سبتمبر 2018 10:00 +0300", "2018-09-24T07:00:00"),  # Arabic month name
    ("2018年9月24日 19:42", "2018-09-24T19:42:00"),  # Japanese / Chinese
    # malformed forms
    ("Mon, 24 Sep 2018 19:42:40 EDT", "2018-09-24T23:42:40"),
    ("Mon, 24 Sep 2018 19:42:40 CEST", "2018-09-24T17:42:40"),  # feedparser reads CEST as UTC
    ("Mon, 24 Sep 2018 19:42:40 MSK", "2018-09-24T16:42:40"),
    ("Tue, 14 Jun 2016 23:45:57 +05:30", "2016-06-14T18:15:57"),
    ("Mon, 24 Sep 2018 19:42:40 GMT+3", "2018-09-24T16:42:40"),
    ("Mon, 24 Sep 2018 19:42:40 UTC-04:00", "2018-09-24T23:42:40"),
    ("Mon, 24 Sep 18 19:42:40 +0000", "2018-09-24T19:42:40"),  # two-digit year
    ("Mon, 24 Sep 98 19:42:40 GMT", "1998-09-24T19:42:40"),
    ("Mon,24 Sep 2018 19:42:40 +0000", "2018-09-24T19:42:40"),
    ("Sep 24, 2018 7:42 PM EDT", "2018-09-24T23:42:00"),
    ("2018-09-24 19:42:40", "2018-09-24T19:42:40"),  # ISO with a space, no zone
    ("2018-09-24 19:42:40 +0200", "2018-09-24T17:42:40"),
    ("2018-09-24T19:42:40.123+02:00", "2018-09-24T17:42:40"),
    ("2018-09-24", "2018-09-24T00:00:00"),
    ("24.09.2018 19:42", "2018-09-24T19:42:00"),
    ("Wed, 05 Oct 2022 01:02:10 Z", "2022-10-05T01:02:10"),
]

UNREADABLE = [
    "",
    "yesterday",
    "Mon, 31 Sep 2018 10:00:00 +0000",  # no 31 September
    "Mon, 24 Sep 2018 25:42:40 +0000",  # no hour 25
    "03/04/2018",  # March or April
    "Xyz, 24 Qqq 2018 10:00:00 +0000",
    "Mon, 24 Sep 2018 10:00:00 +2500",
]


@pytest.mark.parametrize(("raw", "expected"), READABLE)
def test_feed_dates_in_many_languages_and_forms_are_read(raw: str, expected: str) -> None:
    assert parse_feed_date(raw) == datetime.fromisoformat(expected).replace(tzinfo=UTC)


@pytest.mark.parametrize("raw", UNREADABLE)
def test_feed_dates_that_cannot_be_read_for_sure_give_none(raw: str) -> None:
    assert parse_feed_date(raw) is None


def test_the_shipped_name_table_is_what_the_script_makes_from_cldr() -> None:
    pytest.importorskip("babel")
    spec = importlib.util.spec_from_file_location("build_date_names", REPO / "scripts" / "build_date_names.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    shipped = (REPO / "newsreader" / "date_names.py").read_text(encoding="utf-8")
    assert script.render() == shipped, "run: python scripts/build_date_names.py"
