"""Dates from people and from text: relative ranges (`7d`), date lines in pasted articles."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from newsreader.errors import UsageError

_RELATIVE = re.compile(r"^\s*(\d+)\s*(m|min|h|d|w|mo|y)\s*$", re.IGNORECASE)
_UNITS = {"m": 60, "min": 60, "h": 3600, "d": 86400, "w": 7 * 86400, "mo": 30 * 86400, "y": 365 * 86400}


def parse_when(value: str, *, now: datetime | None = None, end_of_day: bool = False) -> datetime:
    """A --since/--until value: `24h`, `7d`, `2w`, `3mo`, `2026-02-01`, or a full ISO timestamp."""
    try:
        return _parse_when(value, now or datetime.now(UTC), end_of_day)
    except (OverflowError, ValueError):  # `99999999999d`, or year 1 or 9999 pushed off the calendar by a zone
        raise UsageError(f"the date {value!r} is out of range") from None


def _parse_when(value: str, now: datetime, end_of_day: bool) -> datetime:
    rel = _RELATIVE.match(value)
    if rel:
        return now - timedelta(seconds=int(rel.group(1)) * _UNITS[rel.group(2).lower()])
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"cannot read the date {value!r}; use e.g. 2026-02-01, 2026-02-01T12:00, 24h, 7d, 2w"
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.astimezone()  # a bare date means the user's local calendar day
        if end_of_day and len(text) <= 10:
            parsed += timedelta(days=1, microseconds=-1)
    return parsed.astimezone(UTC)


_ISO_FULL = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DOTTED = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")
_TIME = re.compile(r"\b(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?", re.IGNORECASE)
_OFFSET = re.compile(r"(?:UTC|GMT)\s*([+-−])\s*(\d{1,2})(?::?(\d{2}))?|(?<![\d:])([+-])(\d{2}):?(\d{2})\b")
_UTC_WORD = re.compile(r"\b(?:UTC|GMT|Z)\b")
_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|"
    "september|october|november|december"
)
_HUMAN = re.compile(
    rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTHS})\.?,?\s+(\d{{4}})|({_MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}}))\b",
    re.IGNORECASE,
)
_MONTH_NUMBER = {
    name: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


def find_date(line: str) -> datetime | None:
    """The moment a date line names, as aware UTC; None when the line holds no date.

    Understands ` date 2026-02-03 3 February 2026 21:50 (UTC+04:00)`, `2026-02-03T21:50:00+04:00`,
    `February 3, 2026`, `3 February 2026, 21:50 GMT` and `03.02.2026 21:50`. No offset means UTC.
    """
    try:
        return _find_date(line)
    except (ValueError, OverflowError):  # an offset of 24 hours or more, a year 0: not a date we can use
        return None


def _find_date(line: str) -> datetime | None:
    full = _ISO_FULL.search(line)
    if full:
        y, mo, d, h, mi, s, off = full.groups()
        tz = _tz(off) if off else _line_tz(line)
        return _make(int(y), int(mo), int(d), int(h), int(mi), int(s or 0), tz)
    day = _calendar_day(line)
    if day is None:
        return None
    y, mo, d = day
    h = mi = s = 0
    rest = _ISO_DATE.sub(" ", _DOTTED.sub(" ", line))
    clock = _TIME.search(rest)
    if clock:
        h, mi, s = int(clock.group(1)), int(clock.group(2)), int(clock.group(3) or 0)
        meridiem = (clock.group(4) or "").lower().replace(".", "")
        if meridiem == "pm" and h < 12:
            h += 12
        elif meridiem == "am" and h == 12:
            h = 0
    return _make(y, mo, d, h, mi, s, _line_tz(rest))


def _calendar_day(line: str) -> tuple[int, int, int] | None:
    iso = _ISO_DATE.search(line)
    if iso:
        return int(iso.group(1)), int(iso.group(2)), int(iso.group(3))
    dotted = _DOTTED.search(line)
    if dotted:  # day first, as written outside the US
        return int(dotted.group(3)), int(dotted.group(2)), int(dotted.group(1))
    human = _HUMAN.search(line)
    if human:
        g = human.groups()
        if g[0]:
            return int(g[2]), _MONTH_NUMBER[g[1].lower()], int(g[0])
        return int(g[5]), _MONTH_NUMBER[g[3].lower()], int(g[4])
    return None


def _line_tz(line: str) -> timezone:
    off = _OFFSET.search(line)
    if off:
        if off.group(2):
            sign, hours, minutes = off.group(1), off.group(2), off.group(3)
        else:
            sign, hours, minutes = off.group(4), off.group(5), off.group(6)
        delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
        return timezone(-delta if sign in "-−" else delta)
    return UTC


def _tz(text: str) -> timezone:
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    return timezone(sign * timedelta(hours=int(text[1:3]), minutes=int(text[-2:])))  # +04:00 or +0400


def _make(y: int, mo: int, d: int, h: int, mi: int, s: int, tz: timezone) -> datetime | None:
    try:
        return datetime(y, mo, d, h, mi, s, tzinfo=tz).astimezone(UTC)
    except (ValueError, OverflowError):
        return None


# -- dates in feeds -------------------------------------------------------------------------------------

# Zone abbreviations feeds write. RFC 822's own, then the press's: feedparser reads CEST or MSK as UTC.
# Ambiguous ones take the reading of the outlets that use them: IST is India, CST is US Central (RFC 822).
# An unknown alphabetic zone counts as UTC, as RFC 2822 section 4.3 asks.
ZONES: dict[str, float] = {
    "ut": 0, "utc": 0, "gmt": 0, "z": 0, "wet": 0, "bst": 1, "west": 1, "cet": 1, "met": 1, "cest": 2, "mest": 2,
    "eet": 2, "eest": 3, "sast": 2, "cat": 2, "eat": 3, "msk": 3, "msd": 4, "trt": 3, "ast": -4, "adt": -3,
    "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7, "akst": -9,
    "akdt": -8, "hst": -10, "art": -3, "brt": -3, "pkt": 5, "ist": 5.5, "npt": 5.75, "ict": 7, "wib": 7,
    "hkt": 8, "sgt": 8, "pht": 8, "awst": 8, "kst": 9, "jst": 9, "acst": 9.5, "aest": 10, "aedt": 11,
    "nzst": 12, "nzdt": 13,
}  # fmt: skip

_FEED_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*"
    r"(z|utc|gmt|[+-−]\d{2}(?::?\d{2})?)?",
    re.IGNORECASE,
)
# 19:42:40, 7:42 pm, 19h42 (French, Portuguese); seconds may carry a fraction.
_FEED_TIME = re.compile(
    r"(?<![\d.])(\d{1,2})(?::|h(?=\d\d))(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:\s*([ap])\.?\s?m\b\.?)?", re.IGNORECASE
)
# After the clock: +0300, -03:00, +05:30, GMT+3, UTC-04:00, GMT+03, or a zone name.
_FEED_OFFSET = re.compile(r"^\s*(?:(?:gmt|utc|ut)\s*)?([+-−])\s*(\d{1,2})(?::?(\d{2}))?(?!\d)", re.IGNORECASE)
_FEED_ZONE_NAME = re.compile(r"^\s*\(?([a-z]{1,5})\b", re.IGNORECASE)
_NUMERIC_DAY = re.compile(r"(?<!\d)(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(?!\d)")
_CJK_DAY = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?")
_WORDS = re.compile(r"[^\W\d_]+|\d+")
# The shape nine feed dates in ten have (RFC 822, in any language): a fast path before the general one.
_FEED_RFC822 = re.compile(
    r"(?:[^\W\d_]+\.?,?\s*)?(\d{1,2})\s+([^\W\d_]+)\.?\s+(\d{4}|\d{2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(.*)"
)
_names: tuple[dict[str, int], frozenset[str]] | None = None


def _date_names() -> tuple[dict[str, int], frozenset[str]]:
    """The generated name tables, loaded on the first worded date (`show --since` never needs them)."""
    global _names
    if _names is None:
        from newsreader.date_names import MONTHS, WEEKDAYS

        _names = MONTHS, WEEKDAYS
    return _names


def parse_feed_date(raw: str) -> datetime | None:
    """A feed's date value as aware UTC, or None when it cannot be read for sure.

    Reads RFC 822 dates in any of the languages of `date_names` (`Seg, 24 Set 2018 19:42:40 -0300`,
    `Пн, 24 сен 2018`, `24 de septiembre de 2018`), W3C/ISO dates with a `T` or a space, odd zones
    (`EDT`, `CEST`, `+05:30`, `GMT+3`, none: UTC), two-digit years (RFC 2822: 00-49 are 20xx), `24.09.2018`
    (day first) and `2018年9月24日`. A value naming an impossible day or hour gives None, never a guess.
    """
    text = raw.strip()
    if not text or len(text) > 120:
        return None
    try:
        return _feed_date(text)
    except (ValueError, OverflowError):
        return None


def _feed_date(text: str) -> datetime | None:
    iso = _FEED_ISO.fullmatch(text)
    if iso:
        y, mo, d, h, mi, s, zone = iso.groups()
        return _aware(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0), _feed_zone_offset(zone or ""))
    lowered = text.lower()
    rfc = _FEED_RFC822.fullmatch(lowered)
    if rfc:
        d, word, y, h, mi, s, rest = rfc.groups()
        month = _date_names()[0].get(word)
        if month and not _without_zone(rest).strip():
            return _aware(_full_year(y), month, int(d), int(h), int(mi), int(s or 0), _feed_zone_offset(rest))
    clock = _FEED_TIME.search(lowered)
    h = mi = s = 0
    offset = 0.0
    date_part = lowered
    if clock:
        h, mi, s = int(clock.group(1)), int(clock.group(2)), int(clock.group(3) or 0)
        if clock.group(4):
            if not 1 <= h <= 12:
                return None
            h = h % 12 + (12 if clock.group(4) == "p" else 0)
        offset = _feed_zone_offset(lowered[clock.end() :])
        date_part = lowered[: clock.start()] + " " + _without_zone(lowered[clock.end() :])
    day = _feed_day(date_part)
    if day is None:
        return None
    return _aware(*day, h, mi, s, offset)


def _feed_day(text: str) -> tuple[int, int, int] | None:
    """Year, month and day from the date words and numbers of a feed's date (the clock taken out)."""
    iso = _ISO_DATE.search(text)
    if iso:
        return int(iso.group(1)), int(iso.group(2)), int(iso.group(3))
    cjk = _CJK_DAY.search(text)
    if cjk:
        return int(cjk.group(1)), int(cjk.group(2)), int(cjk.group(3))
    numeric = _NUMERIC_DAY.search(text)
    if numeric:
        first, second, year = int(numeric.group(1)), int(numeric.group(2)), _full_year(numeric.group(3))
        if "." in numeric.group(0) or first > 12:  # dotted dates are day first everywhere
            return year, second, first
        if second > 12:
            return year, first, second  # US order, 09/24/2018
        return None  # 03/04/2018: March or April? Undated beats a month off.
    return _worded_day(_WORDS.findall(text))


def _worded_day(tokens: list[str]) -> tuple[int, int, int] | None:
    months, weekdays = _date_names()
    words = [t for t in tokens if not t.isdigit() and t in months]
    if len(words) > 1:  # `mar, 24 sep 2018`: Spanish Tuesday, then the month
        words = [w for w in words if w not in weekdays] or words[-1:]
    if not words:
        return None
    numbers = [t for t in tokens if t.isdigit()]
    years = [n for n in numbers if len(n) == 4]
    days = [n for n in numbers if len(n) <= 2]
    if years and days:
        return int(years[0]), months[words[0]], int(days[0])
    if len(days) >= 2 and not years:  # `24 Sep 18`: day first, then a two-digit year
        return _full_year(days[1]), months[words[0]], int(days[0])
    return None


def _full_year(digits: str) -> int:
    year = int(digits)
    if len(digits) > 2:
        return year
    return year + (2000 if year < 50 else 1900)


def _feed_zone_offset(rest: str) -> float:
    """Hours east of UTC named at the start of `rest` (what follows the clock); 0 when none or unknown."""
    if not rest:
        return 0.0
    numeric = _FEED_OFFSET.match(rest)
    if numeric:
        sign, hours, minutes = numeric.groups()
        value = int(hours) + int(minutes or 0) / 60
        if value >= 24:
            raise ValueError("offset of a day or more")
        return -value if sign in "-−" else value
    name = _FEED_ZONE_NAME.match(rest)
    return ZONES.get(name.group(1).lower(), 0.0) if name else 0.0


def _without_zone(rest: str) -> str:
    """What follows the clock, less the zone (so `-0300` is never read as a day or year)."""
    numeric = _FEED_OFFSET.match(rest)
    if numeric:
        return rest[numeric.end() :]
    name = _FEED_ZONE_NAME.match(rest)
    return rest[name.end() :] if name and name.group(1).lower() in ZONES else rest


def _aware(y: int, mo: int, d: int, h: int, mi: int, s: int, offset_hours: float) -> datetime | None:
    if s == 60:
        s = 59  # a leap second: a second early beats no date
    when = datetime(y, mo, d, h, mi, s, tzinfo=UTC)
    return when - timedelta(hours=offset_hours) if offset_hours else when
