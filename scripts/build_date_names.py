"""Builds newsreader/date_names.py (month and weekday names of the world press) from CLDR via babel.

Run after changing LANGUAGES:  python scripts/build_date_names.py   (needs the `data` extra: babel).
The output is committed; the app never imports babel (it costs ~0.2 s and 30 MB to load), and
tests/test_dates.py checks that the committed table is what this script makes from the installed babel.

Every name is lower-cased, with its dots removed, in its accented and unaccented spelling, and its
first three letters are added too (feeds write `Set`, `сен`, `Okt`). A spelling that means two different
months in two languages is left out: a date we cannot read for sure is shown as undated rather than a
month off. Croatian is not in the list for that reason: its `listopad` (October), `lipanj` (June) and
`srpanj` (July) would take November, July and August away from Polish and Czech.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "newsreader" / "date_names.py"

# The languages of the world press whose dates feeds write in words (CJK dates are numeric: 2018年9月24日).
LANGUAGES = [
    "en",
    "pt",
    "es",
    "fr",
    "de",
    "it",
    "nl",
    "ca",
    "ro",
    "tr",
    "ru",
    "uk",
    "be",
    "bg",
    "sr",
    "pl",
    "cs",
    "sk",
    "sl",
    "hu",
    "fi",
    "sv",
    "da",
    "nb",
    "el",
    "id",
    "ms",
    "ar",
    "fa",
    "he",
    "sq",
    "lt",
    "lv",
    "et",
]


def _spellings(name: str) -> set[str]:
    """The lower-cased forms a feed may write a CLDR name in: with and without accents and dots."""
    base = name.lower().replace(".", "").strip()
    plain = "".join(c for c in unicodedata.normalize("NFD", base) if not unicodedata.combining(c))
    return {f for f in (base, unicodedata.normalize("NFC", plain)) if f.isalpha()}


def _abridged(forms: Iterable[str]) -> set[str]:
    """First three letters, as feeds abridge (`Set`, `сен`, `Okt`)."""
    return {f[:3] for f in forms if len(f) > 3}


def _names(getter: str, language: str) -> Iterable[tuple[int, str]]:
    import babel.dates

    get = getattr(babel.dates, getter)
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            yield from get(width, context, language).items()


def build() -> tuple[dict[str, int], list[str], list[str]]:
    """Month number by spelling, the weekday spellings, and the spellings dropped as ambiguous."""
    exact: dict[str, set[int]] = {}
    abridged: dict[str, set[int]] = {}
    weekdays: set[str] = set()
    for language in LANGUAGES:
        for number, name in _names("get_month_names", language):
            forms = _spellings(name)
            for form in forms:
                exact.setdefault(form, set()).add(number)
            for form in _abridged(forms):
                abridged.setdefault(form, set()).add(number)
        for _, name in _names("get_day_names", language):
            weekdays.update(_spellings(name))
    # A CLDR spelling wins over an abridged one (English `mar` is March, not Finnish `marraskuu`).
    merged = {**{k: v for k, v in abridged.items() if k not in exact}, **exact}
    ambiguous = sorted(k for k, v in merged.items() if len(v) > 1)
    table = {k: next(iter(v)) for k, v in sorted(merged.items()) if len(v) == 1}
    return table, sorted(weekdays), ambiguous


def _quoted(name: str) -> str:
    """A string literal as `ruff format` writes it (double quotes, letters unescaped)."""
    return json.dumps(name, ensure_ascii=False)


def render() -> str:
    """The text of newsreader/date_names.py."""
    months, weekdays, ambiguous = build()
    lines = [
        '"""Month and weekday names in the languages of the world press (generated: do not edit).',
        "",
        f"Made by scripts/build_date_names.py from CLDR (via babel) for: {' '.join(LANGUAGES)}.",
        f"Left out as ambiguous (a different month in two languages): {', '.join(ambiguous) or 'none'}.",
        '"""',
        "",
        "MONTHS: dict[str, int] = {",
        *(f"    {_quoted(k)}: {v}," for k, v in months.items()),
        "}",
        "",
        "WEEKDAYS: frozenset[str] = frozenset(",
        "    (",
        *(f"        {_quoted(w)}," for w in weekdays),
        "    )",
        ")",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    OUTPUT.write_text(render(), encoding="utf-8")
    months, weekdays, ambiguous = build()
    print(f"{OUTPUT}: {len(months)} month spellings, {len(weekdays)} weekday spellings, {len(ambiguous)} ambiguous")
    return 0


if __name__ == "__main__":
    sys.exit(main())
