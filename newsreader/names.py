"""Country and region names as users type them: resolved to codes and filters without loading the gazetteer.

`show --country Iran` and `--region Sahel` need only names, never the tagging automaton: the tables in
name_tables.py (generated from geo/data/gazetteer.json by scripts/build_name_tables.py; a test keeps them
equal) are a few kilobytes of literals, where parsing the gazetteer costs tens of milliseconds.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from newsreader.errors import UnknownNameError
from newsreader.models import RegionFilter

_NON_WORD = re.compile(r"[^\w ]")


def strip_accents(text: str) -> str:
    """'Türkiye' -> 'Turkiye': lets users and texts drop diacritics."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def region_key(name: str) -> str:
    """What two spellings of a region share: lower case, punctuation as spaces, single spaces, no `the`."""
    lowered = name.lower()
    if len(lowered) != len(name):  # a character whose lower case is longer (e.g. "İ"): keep one per character
        lowered = "".join(c.lower()[0] for c in name)
    return " ".join(_NON_WORD.sub(" ", lowered).split()).removeprefix("the ")


def country_name(code: str) -> str:
    """Display name for an ISO code ("IR" -> "Iran"); the code itself if unknown."""
    from newsreader.name_tables import NAMES

    return NAMES.get(code.strip().upper(), code)


def resolve_country(name: str) -> str:
    """An ISO code for a code, name or demonym ("IR", "iran", "Iranian"), case-insensitive."""
    from newsreader.name_tables import NAMES, RESOLVE

    query = name.strip()
    for key in (query.casefold(), strip_accents(query).casefold(), query.casefold().removeprefix("the ")):
        code = RESOLVE.get(key)
        if code:
            return code
    choices = {n.casefold(): n for n in NAMES.values()}
    choices.update({k: NAMES.get(c, c) for k, c in RESOLVE.items() if len(k) > 3 and k not in choices})
    raise UnknownNameError(f"unknown country {name!r}{suggest(query, choices)}")


def resolve_region(name: str, custom: Mapping[str, Iterable[str]] | None = None) -> RegionFilter:
    """A region filter for a news region, UN M49 region/sub-region, alias, or a user-defined region.

    The name is the canonical one the tagger stores, so the store can match on stored regions too.
    """
    from newsreader.name_tables import REGION_KEYS, REGIONS

    key = region_key(name)
    for custom_name, codes in (custom or {}).items():
        if region_key(custom_name) == key:
            return RegionFilter(custom_name, frozenset(c.strip().upper() for c in codes))
    canonical = REGION_KEYS.get(key)
    if canonical is not None:
        return RegionFilter(canonical, frozenset(REGIONS[canonical].split()))
    choices = dict(REGION_KEYS)
    choices.update({region_key(c): c for c in custom or {}})
    raise UnknownNameError(f"unknown region {name!r}{suggest(key, choices)}")


def suggest(query: str, choices: Mapping[str, str]) -> str:
    """'; did you mean: A, B?' from the closest keys of `choices` (key -> display name), or ''.

    Ranked by similarity, ties broken by closeness in length, so "Iranx" suggests Iran, Iraq first.
    """
    import difflib  # only a misspelt name gets here; the filters of `show` and `search` should not pay for it

    wanted = query.casefold()
    matcher = difflib.SequenceMatcher(b=wanted)
    best: dict[str, tuple[float, int]] = {}
    for key, display in choices.items():
        matcher.set_seq1(key)
        if matcher.real_quick_ratio() < 0.6 or matcher.quick_ratio() < 0.6:
            continue
        rank = (matcher.ratio(), -abs(len(key) - len(wanted)))
        if rank[0] >= 0.6 and rank > best.get(display, (0.0, 0)):
            best[display] = rank
    found = sorted(best, key=lambda d: best[d], reverse=True)[:3]
    return f"; did you mean: {', '.join(found)}?" if found else ""
