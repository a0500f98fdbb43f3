"""Dates from people and from text: relative ranges (`7d`), date lines in pasted articles."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from newsreader.errors import UsageError

_RELATIVE = re.compile(r"^\s*(\d+)\s*(m|min|h|d|w|mo|y)\s*$", re.IGNORECASE)
_UNITS = {"m": 60, "min": 60, "h": 3600, "d": 86400, "w": 7 * 86400, "mo": 30 * 86400, "y": 365 * 86400}


def parse_when(value: str, *, now: datetime | None = None, end_of_day: bool = False) -> datetime:
    """A --since/--until value: `24h`, `7d`, `2w`, `3mo`, `2026-02-01`, or a full ISO timestamp."""
    now = now or datetime.now(UTC)
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
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0)))


def _make(y: int, mo: int, d: int, h: int, mi: int, s: int, tz: timezone) -> datetime | None:
    try:
        return datetime(y, mo, d, h, mi, s, tzinfo=tz).astimezone(UTC)
    except (ValueError, OverflowError):
        return None
