"""Finding countries and regions in article text: automaton hits, boundary/case checks and ambiguity rules."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsreader.geo.gazetteer import (
    AMBIGUOUS,
    CAP,
    REGION,
    STOP,
    SUBNATIONAL,
    UPPER,
    Gazetteer,
    normalise,
)
from newsreader.models import Article, CountryTag

_PREV_WORD = re.compile(r"(?:^|\s)([A-Z][a-z]+\.?) $")
_NEXT_WORDS = re.compile(r" ([A-Z][a-z]+)(?!\w)(\s*)(\S?)")
_PARAGRAPH = re.compile(r"\n\s*\n")
LEAD_MIN_WORDS = 8  # a first "paragraph" shorter than this is a dateline or byline, not the lead


@dataclass(slots=True)
class Found:
    """What one text yields: per-country evidence and the regions it names outright."""

    mentions: dict[str, int] = field(default_factory=dict)
    in_title: set[str] = field(default_factory=set)
    in_lead: set[str] = field(default_factory=set)
    regions: dict[str, int] = field(default_factory=dict)  # region named outright -> times named


def _is_person(gaz: Gazetteer, text: str, start: int, end: int, word: str) -> bool:
    """'Jim Jordan', 'Rep. Jordan', 'Chad Smith said': a country name used as a person's name."""
    prev = _PREV_WORD.search(text, max(0, start - 24), start)
    if prev:
        token = prev.group(1)
        if token in gaz.person_titles or (token.rstrip(".") not in gaz.person_allow and not token.endswith(".")):
            return True
    if word in gaz.first_names:
        nxt = _NEXT_WORDS.match(text, end, min(len(text), end + 40))
        if nxt and nxt.group(1) not in gaz.person_allow and not nxt.group(3)[:1].isupper():
            return True
    return False


def _in_state_of_other_country(text: str, end: int, following: tuple[int, int, int, str], code: str) -> bool:
    start2, _, kind2, code2 = following
    return kind2 == SUBNATIONAL and code2 != code and text[end:start2] == ", "


def _resolve_ambiguity(gaz: Gazetteer, name: str, text: str, cache: dict[str, str]) -> str:
    if name not in cache:
        amb = gaz.ambiguities[name]
        seen = {m.lastgroup for m in amb.signals.finditer(text)}
        default = amb.codes[0]
        cache[name] = default if default in seen or not seen else next(c for c in amb.codes if c in seen)
    return cache[name]


def scan(gaz: Gazetteer, text: str) -> list[tuple[int, int, int, str]]:
    """Whole-word hits that pass their case rule, leftmost-longest, as (start, end, kind, payload).

    Longest match wins, so "South Sudan" is not Sudan and stop-phrases ("Washington Post") shadow places.
    """
    padded = " " + normalise(text) + " "
    hits: list[tuple[int, int, int, str]] = []
    pos = 0
    while pos >= 0:
        pos = _scan_from(padded, text, pos, gaz, hits)
    return hits


def _scan_from(padded: str, text: str, pos: int, gaz: Gazetteer, hits: list[tuple[int, int, int, str]]) -> int:
    """Collect hits from `pos`; on a hit that starts inside a word (which would shadow real matches,
    e.g. "e u" in "the u s"), return the next word start to rescan from; -1 when done."""
    for last, (kind, rule, payload, size) in gaz.automaton.iter_long(padded, pos):
        first = last - size  # padded index of the key's first char; the original index is one less
        if padded[first - 1] != " ":
            after = padded.index(" ", first) + 1
            return after if after < len(padded) else -1  # "Furious" at the very end: nothing left to scan
        start, end = first - 1, first - 1 + size
        if rule == CAP:
            if text[start].islower():
                continue
        elif rule == UPPER:
            segment = text[start:end]
            if segment != segment.upper():
                continue
        hits.append((start, end, kind, payload))
    return -1


def lead_end(title: str, summary: str, body: str) -> int:
    """Offset in the joined text where the lead (title + summary, or the body's first real paragraph) ends."""
    offset = len(title) + 2
    if summary.strip():
        return offset + len(summary)
    offset += len(summary) + 2
    pos = 0
    for match in _PARAGRAPH.finditer(body):
        if len(body[pos : match.start()].split()) >= LEAD_MIN_WORDS:
            return offset + match.start()
        pos = match.end()
    return offset + len(body)


def find(gaz: Gazetteer, title: str, summary: str, body: str) -> Found:
    text = f"{title}\n\n{summary}\n\n{body}"
    lead = lead_end(title, summary, body)
    found = Found()
    cache: dict[str, str] = {}
    hits = scan(gaz, text)
    for index, (start, end, kind, payload) in enumerate(hits):
        if kind == REGION:
            found.regions[payload] = found.regions.get(payload, 0) + 1
            continue
        if kind == STOP:
            continue
        if index + 1 < len(hits) and _in_state_of_other_country(text, end, hits[index + 1], payload):
            continue  # "Moscow, Idaho": the state's mention counts, the city's country does not
        word = text[start:end]
        if word in gaz.person_names and _is_person(gaz, text, start, end, word):
            continue
        code = _resolve_ambiguity(gaz, payload, text, cache) if kind == AMBIGUOUS else payload
        found.mentions[code] = found.mentions.get(code, 0) + 1
        if start < len(title):
            found.in_title.add(code)
        if start < lead:
            found.in_lead.add(code)
    return found


def is_primary(found: Found, code: str, top: int) -> bool:
    """The story is about a country if the title names it, the lead names it and it is among the most
    mentioned (at least a quarter of the top count), or it is mentioned often (3+ and half the top count)."""
    count = found.mentions[code]
    return code in found.in_title or (code in found.in_lead and count * 4 >= top) or (count >= 3 and count * 2 >= top)


def tag_article(gaz: Gazetteer, article: Article) -> Article:
    """Countries found in the text, plus the article's declared ones (kept, always primary).

    Undeclared countries already on the article are dropped and found again, so tagging is
    idempotent: tag(tag(a)) == tag(a), and an old tagger's guesses never harden into facts.
    """
    found = find(gaz, article.title, article.summary, article.body)
    top = max(found.mentions.values(), default=0)
    tags: dict[str, CountryTag] = {}
    for code, count in found.mentions.items():
        tags[code] = CountryTag(code, count, code in found.in_lead, is_primary(found, code, top))
    for old in article.countries:
        if not old.declared:
            continue
        code = old.code.upper()
        new = tags.get(code)
        tags[code] = CountryTag(
            code,
            new.mentions if new else old.mentions,
            old.in_lead or bool(new and new.in_lead),
            True,  # declared by the user in the file header: the story is about it
            True,
        )
    ordered = sorted(tags.values(), key=lambda t: (not t.primary, -t.mentions, t.code))
    regions = _regions(gaz, article.regions, found.regions, ordered)
    return article.with_tags(tuple(ordered), regions)


def _regions(
    gaz: Gazetteer, incoming: Iterable[str], named: dict[str, int], countries: list[CountryTag]
) -> tuple[str, ...]:
    """Incoming (header) regions, regions named in the text and those of the tagged countries, in a
    reading order that depends only on that set and the evidence (so re-tagging keeps it):
    news regions before UN M49 ones; within each, a region nothing in the text supports (the user
    declared it) first, then by the mentions of its primary countries, then by all its evidence
    (member mentions plus times named), then by name.
    """
    weight = {c.code: c.mentions for c in countries}
    primary = {c.code: c.mentions for c in countries if c.primary}
    candidates = dict.fromkeys(incoming)
    candidates.update(named)
    for c in countries:
        candidates.update(dict.fromkeys(gaz.derived_regions.get(c.code, ())))

    def key(name: str) -> tuple[int, bool, int, int, str]:
        region = gaz.regions.get(name)
        codes = region.codes if region is not None else frozenset()
        support = named.get(name, 0) + sum(weight.get(code, 0) for code in codes)
        lead = sum(primary.get(code, 0) for code in codes)
        group = 1 if region is not None and region.scheme == "m49" else 0
        return (group, support > 0, -lead, -support, name)

    return tuple(sorted(candidates, key=key))
