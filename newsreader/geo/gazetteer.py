"""The compiled gazetteer: loads data/gazetteer.json once into the look-up tables the tagger scans with."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, repeat
from pathlib import Path
from typing import Any

# Entry kinds (first field of a key's value).
# PLACE: a place name several countries have (Paris FR, Paris US): the default unless context says otherwise.
# ACTOR: a person acting for a state (a head of state or government, a foreign minister).
# PAIR: one key naming several countries, its payload their codes space-separated ("中美": CN US).
# HOME: an office or body named by its title alone ("首相", "Cumhurbaşkanı"): the outlet's own country.
# LANG: a country's name only in some languages (German "Island" is Iceland, English "island" is not);
# its payload is the code, then the languages it counts in ("IS de da sv"), or those it does not
# ("PW -es -ca"), and "*" when its capitalised form counts in every language ("china": CN "es *").
# TOWN: a town whose name is also a common word or a name ("Buffalo", "Bath"): it counts only in news of an
# outlet of its own country (the payload: the codes of the countries that have one) and named as a place
# there ("in Buffalo", "a Buffalo man", "City of Buffalo"), never "Buffalo wings" or "the Buffalo Bills".
# A TOWN payload may end in "|", a code and languages ("US|US de es fr it nl pt"): in text of those
# languages, where the name is no common word, the town counts outright (Baltimore in French news).
COUNTRY, REGION, STOP, AMBIGUOUS, SUBNATIONAL, PLACE, ACTOR, PAIR, HOME, LANG, TOWN = 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
# Case rules: the text must show the key capitalised, in upper case, or in any case. Text without
# spaces between words (Chinese, Japanese) matches anywhere (UNSPACED); Korean spaces its words but
# glues particles on (미국은, 미국의), so its keys must start a word but may end inside one (PREFIX).
# Abbreviations that are also words or names ("Calif.", "Pa.", "N.Y.") count only capitalised and
# followed by their full stop (DOTTED).
CAP, UPPER, ANY, UNSPACED, PREFIX, DOTTED = 0, 1, 2, 3, 4, 5
# The payload of a STOP key that names a club or team after its home ("Holstein Kiel", "Buffalo Bills"):
# in a text that names one, the home's name alone is the club too, unless it follows a locative word.
CLUB = "club"

_NON_WORD = re.compile(r"[^\w ]")


def _latin1_table(lower: bool = True) -> bytes:
    """Byte -> byte: Latin-1 word characters (as re's \\w sees them) lower-cased (or kept), all else a space."""
    out = bytearray(range(256))
    for b in range(256):
        char = chr(b)
        low = char.lower() if lower else char
        word = char.isalnum() or char == "_"
        out[b] = ord(low) if word and len(low) == 1 and ord(low) < 256 else (b if word else 32)
    return bytes(out)


_LATIN1 = _latin1_table()
_LATIN1_CASED = _latin1_table(lower=False)
_COMMON_NON_ASCII = ("\u2019", "\u2018", "\u201c", "\u201d", "\u2013", "\u2014")


def _plain(text: str) -> str:
    if not text.isascii():
        for char in _COMMON_NON_ASCII:  # cheap to drop, and often the only non-Latin-1 characters
            if char in text:
                text = text.replace(char, " ")
    return text


def scan_forms(text: str) -> tuple[str, str, bool]:
    """The text lower-cased and in its own case, punctuation to spaces in both (same length as
    `text`, so offsets map back), and whether it is all Latin-1 (then it holds no CJK or Hangul)."""
    plain = _plain(text)
    try:
        raw = plain.encode("latin-1")
    except UnicodeEncodeError:
        cased = _NON_WORD.sub(" ", text)
        lowered = cased.lower()
        if len(lowered) != len(text):  # rare: a character whose lower case is longer (e.g. "İ")
            lowered = "".join(c.lower()[0] for c in cased)
        return lowered, cased, False
    return raw.translate(_LATIN1).decode("latin-1"), raw.translate(_LATIN1_CASED).decode("latin-1"), True


def capitalised(cased: str, words: list[str]) -> set[str]:
    """The words of a text (`words`: the split of its normalised form; `cased`: the same in the
    text's own case) that it writes at least once with a capital: only those can start a key that
    must be capitalised. Set operations in C: the cased words minus the lower-case ones, lowered."""
    capitals = set(cased.split()).difference(words)
    return set(normalise(" ".join(capitals)).split()) if capitals else set()


def normalise(text: str) -> str:
    """Lower-case, punctuation to spaces, same length as `text` so offsets map back to the original.

    Keys are stored with a leading space and hits are checked for a space after them, so every
    match is a whole word or phrase. Fast path (nearly all news text): within Latin-1 once curly
    quotes and dashes are dropped, one bytes.translate does both jobs; other text pays for a regex.
    """
    plain = _plain(text)
    try:
        return plain.encode("latin-1").translate(_LATIN1).decode("latin-1")
    except UnicodeEncodeError:
        pass
    lowered = text.lower()
    if len(lowered) != len(text):  # rare: a character whose lower case is longer (e.g. "İ")
        lowered = "".join(c.lower()[0] for c in text)
    return _NON_WORD.sub(" ", lowered)


def _unspaced(char: str) -> bool:
    """Han ideographs and Japanese kana: scripts written without spaces between words."""
    return "\u3040" <= char <= "\u30ff" or "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def case_rule(name: str) -> int:
    """How a key must be written in the text: abbreviations in upper case, names capitalised."""
    if any(_unspaced(c) for c in name):
        return UNSPACED
    if any("\uac00" <= c <= "\ud7af" for c in name):
        return PREFIX
    letters = [c for c in name if c.isalpha()]
    if len(letters) <= 5 and all(c.isupper() for c in letters) and len(letters) > 1:
        return UPPER
    return CAP if name[:1].isupper() else ANY


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """A name shared by several countries; `codes[0]` unless only another code's signals appear."""

    codes: tuple[str, ...]
    signals: tuple[tuple[str, tuple[str, ...]], ...]  # (code, words) in `codes` order, default first


@dataclass(frozen=True, slots=True)
class Region:
    """One region of either scheme, as stored in gazetteer.json."""

    name: str
    scheme: str  # "news" or "m49"
    level: str  # news | region | sub-region | intermediate
    codes: frozenset[str]
    derived: bool
    aliases: tuple[str, ...]
    named_only: bool = False  # matched by filters only where named in the text, not via member countries

    @property
    def filter_codes(self) -> frozenset[str]:
        """The member countries a --region filter matches on (none for a named-only region)."""
        return frozenset() if self.named_only else self.codes


Value = tuple[int, int, str]  # (kind, case rule, payload) of one key


@dataclass(slots=True)
class Gazetteer:
    """Everything the tagger and the resolvers need, built once per process."""

    table: dict[str, Value]  # normalised key (words spaced as normalise() leaves them) -> value, for keys
    # the text must write capitalised or in capitals (CAP, UPPER rules)
    any_case: dict[str, Value]  # the same for keys matched in any case (ANY, PREFIX rules)
    prefixes: frozenset[str]  # every proper prefix of 2+ words of a phrase key ("united states")
    starts: frozenset[str]  # first words of the phrase keys
    lower_starts: dict[str, tuple[str, ...]]  # first word of a phrase key matched in any case (ANY, PREFIX
    # rules) -> the first two words of such phrases, single-spaced
    pairs: frozenset[str]  # the first two words of every phrase key, one space between them
    unspaced: dict[str, Value]  # keys in scripts written without spaces (Chinese, Japanese)
    unspaced_sizes: dict[str, tuple[int, ...]]  # first character -> lengths of its unspaced keys, longest first
    prefix_sizes: tuple[int, ...]  # lengths of the keys that may end inside a word (Korean), longest first
    person_keys: frozenset[str]
    names: dict[str, str]  # code -> display name
    ambiguities: dict[str, Ambiguity]
    person_names: frozenset[str]
    first_names: frozenset[str]
    person_allow: frozenset[str]
    person_titles: frozenset[str]
    given_names: frozenset[str]  # a place word after one of these is part of a person's name
    places: dict[str, list[tuple[str, int, str]]]  # shared place name -> (code, population, US state), default first
    prominent: frozenset[str]  # shared place names whose default is a capital or metonym: never the outlet's home
    us_states: dict[str, str]  # US state code -> its name, as context for same-name places
    regions: dict[str, Region]  # canonical name -> region
    region_lookup: dict[str, str]  # casefolded name or alias -> canonical name
    derived_regions: dict[str, tuple[str, ...]]  # code -> regions stored for it
    member_of: dict[str, tuple[str, ...]]  # code -> every region listing it (for ordering regions)
    region_group: dict[str, int]  # region -> 0 for news regions, 1 for UN M49 ones
    cold: Cold  # the sections parsed only when asked for (COLD_KEYS)
    # the packed keys no Latin-1 text can hold, until the first text that is not Latin-1 (see complete())
    pending: Cold | None = None
    club_homes: frozenset[str] = frozenset()  # cities that stand for their club after "el", "il", "ex"
    sport_cues: tuple[str, ...] = ()  # words of a text about a match: a fixture "A - B" names two clubs
    leagues: tuple[str, ...] = ()  # league and cup names: in a title, the text's club cities are clubs
    _resolve: dict[str, str] | None = None

    @property
    def resolve(self) -> dict[str, str]:
        """Casefolded name, demonym or code -> code: parsed on first use (the tagger never needs it;
        newsreader.names resolves users' names from its own tables)."""
        if self._resolve is None:
            self._resolve = self.cold.section("resolve")
        return self._resolve


# Top-level sections of gazetteer.json a process tagging Latin-1 text never reads: the resolver's names and
# the keys of the other scripts (complete()). The build writes them last, in this order (render() in
# scripts/build_geo_data.py), so load() parses only the part before them (about half of json.loads's time)
# and keeps the rest as bytes until it is asked for.
COLD_KEYS = ("resolve", "other")
_COLD_MARK = b',"resolve":'


class Cold:
    """The cold sections of the data file: raw bytes, parsed once on the first section asked for."""

    __slots__ = ("_data", "_raw")

    def __init__(self, raw: bytes | None, data: dict[str, Any] | None = None) -> None:
        self._raw = raw
        self._data = data

    def section(self, name: str) -> Any:
        if self._data is None:
            self._data = json.loads(self._raw or b"{}")
            self._raw = None
        return self._data[name]


def split_cold(raw: bytes) -> tuple[bytes, bytes | None]:
    """The data file as its hot part (a JSON object of every section but COLD_KEYS) and its cold part
    (a JSON object of those), or the whole file and None when it is not written so (an older build)."""
    at = raw.rfind(_COLD_MARK)
    if at < 0:
        return raw, None
    return raw[:at] + b"}", b"{" + raw[at + 1 :]


# Between the packed keys of a section: normalise() turns every character that is not a word character
# into a space, so no key holds one, and JSON writes it as it is ("\n", the separator before, is an escape
# json.loads decodes one by one: ~5 ms of the load for 130k of them).
SEP = "|"


def _by_first_word(joined: str) -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = {}
    for pair in joined.split(SEP) if joined else ():
        grouped.setdefault(pair[: pair.index(" ")], []).append(pair)
    return {first: tuple(pairs) for first, pairs in grouped.items()}


def _lines(joined: str) -> frozenset[str]:
    return frozenset(joined.split(SEP)) if joined else frozenset()


def complete(gaz: Gazetteer) -> Gazetteer:
    """Add the keys of the other scripts (Cyrillic, Arabic, CJK, Hangul, Latin beyond Latin-1) to the
    tables: done once, by the first text that may hold them. About a third of the keys: a process that
    tags only Western-European text never builds them."""
    if gaz.pending is None:
        return gaz
    rest = gaz.pending.section("other")
    gaz.pending = None
    keys = rest["keys"]
    gaz.table.update(_section(keys["cased"]))
    gaz.any_case.update(_section(keys["any"]))
    gaz.unspaced.update(_section(keys["unspaced"]))
    gaz.prefixes = gaz.prefixes | _lines(rest["prefixes"])
    gaz.starts = gaz.starts | _lines(rest["starts"])
    gaz.pairs = gaz.pairs | _lines(rest["pairs"])
    lower = dict(gaz.lower_starts)
    for first, pairs in _by_first_word(rest["lower_pairs"]).items():
        lower[first] = lower.get(first, ()) + pairs
    gaz.lower_starts = lower
    return gaz


def _section(packed: dict[str, Any]) -> dict[str, Value]:
    """One look-up table from its packed keys and runs of values, zipped in C (~80k keys in a few ms)."""
    if not packed["names"]:
        return {}
    values = chain.from_iterable(repeat((kind, rule, payload), count) for kind, rule, payload, count in packed["runs"])
    return dict(zip(packed["names"].split(SEP), values, strict=False))


def _signals(codes: list[str], signals: dict[str, list[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((code, tuple(signals.get(code, ()))) for code in codes)


def data_path() -> Path:
    # A plain path, not importlib.resources: that import alone costs a few ms (zipfile, tempfile).
    return Path(__file__).parent / "data" / "gazetteer.json"


def data_text() -> str:
    return data_path().read_text("utf-8")


def data_bytes() -> bytes:
    """The raw file: json.loads decodes UTF-8 bytes itself, faster than a text read (2 MB)."""
    return data_path().read_bytes()


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """Parse the JSON (its hot part: COLD_KEYS wait) and build the look-up tables; cached for the process."""
    hot, cold_raw = split_cold(data_bytes())
    data = json.loads(hot)
    cold = Cold(cold_raw) if cold_raw is not None else Cold(None, {key: data.get(key) for key in COLD_KEYS})
    keys = data["keys"]
    person = data["person"]
    person_keys = frozenset(normalise(name) for name in person["names"])
    ambiguities = {
        name: Ambiguity(
            tuple(spec["codes"]),
            _signals(spec["codes"], spec["signals"]),
        )
        for name, spec in data["ambiguous"].items()
    }
    regions = {
        r["name"]: Region(
            r["name"],
            r["scheme"],
            r["level"],
            frozenset(r["codes"]),
            r["derived"],
            tuple(r["aliases"]),
            r.get("named_only", False),
        )
        for r in data["regions"]
    }
    lookup = {region.name.casefold(): region.name for region in regions.values()}  # names beat aliases
    for region in regions.values():
        for alias in region.aliases:
            lookup.setdefault(alias.casefold(), region.name)
    member_of: dict[str, list[str]] = {}
    for region in regions.values():
        for code in region.codes:
            member_of.setdefault(code, []).append(region.name)
    return Gazetteer(
        table=_section(keys["cased"]),
        any_case=_section(keys["any"]),
        prefixes=_lines(data["prefixes"]),
        starts=_lines(data["starts"]),
        lower_starts=_by_first_word(data["lower_pairs"]),
        pairs=_lines(data["pairs"]),
        unspaced=_section(keys["unspaced"]),
        unspaced_sizes={char: tuple(sizes) for char, sizes in data["unspaced_sizes"].items()},
        prefix_sizes=tuple(data["prefix_sizes"]),
        person_keys=person_keys,
        names=data["names"],
        ambiguities=ambiguities,
        person_names=frozenset(person["names"]),
        first_names=frozenset(person["first_names"]),
        person_allow=frozenset(person["allow"]),
        person_titles=frozenset(person["titles"]),
        given_names=frozenset(person.get("given", ())),
        places={key: [(c[0], c[1], c[2]) for c in rows] for key, rows in data.get("places", {}).items()},
        prominent=frozenset(data.get("prominent", ())),
        us_states=data.get("us_states", {}),
        regions=regions,
        region_lookup=lookup,
        derived_regions={code: tuple(names) for code, names in data["derived_regions"].items()},
        member_of={code: tuple(names) for code, names in member_of.items()},
        region_group={name: int(region.scheme == "m49") for name, region in regions.items()},
        cold=cold,
        pending=cold if cold_raw is not None or data.get("other") is not None else None,
        club_homes=frozenset(data.get("club_homes", {}).get("homes", ())),
        sport_cues=tuple(data.get("club_homes", {}).get("cues", ())),
        leagues=tuple(data.get("club_homes", {}).get("leagues", ())),
    )


def strip_accents(text: str) -> str:
    """'Türkiye' -> 'Turkiye': lets users and texts drop diacritics."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
