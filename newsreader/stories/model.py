"""What a story is: article vectors, their similarity, and when two articles report the same event."""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from itertools import chain, islice
from pathlib import Path

WINDOW = 72 * 3600.0  # seconds: articles further apart in publication time are never linked
SIGMA = 36 * 3600.0  # the Gaussian over the time between two articles
THRESHOLD = 0.35  # the linked similarity (tuned on the labelled set: bench/bench_stories.py)
# A bare headline has few terms (model 5): see `threshold`. Read on the tune captures (bench/README.md).
HEADLINE_TERMS = 8  # an article of at most this many terms is a headline without a lead
HEADLINE_THRESHOLD = 0.25  # the linked similarity when one of the two is such a headline
UPDATE = 0.5  # one outlet's two articles are linked only when this similar (follow-ups, versions of a report)
JOIN = 0.15  # an article joins a story of its component when this similar to the story's centroid
MERGE = 0.5  # an article this similar to two stories' centroids merges them
SPAN = 7 * 86400.0  # seconds: a story takes no article published this long after its first one
MODEL = "6"  # the version of the grouping: a store grouped by another one is grouped again (store/stories.py)
TERMS = 24  # the heaviest terms kept per article
TITLE_WEIGHT = 2  # a title word counts as much as two lead words
LEAD_TERMS = 50  # the lead: this many terms of the summary (or the body when there is none)
SHARED_COUNTRY = 0.05  # added (times the Gaussian) when the primary countries meet
OTHER_COUNTRIES = 0.75  # the factor when both have primary countries and none is shared

_common: dict[str, str] = {}
_weights: dict[str, dict[str, float]] = {}
_LOG = [0.0, *(1.0 + math.log(n) for n in range(1, 64))]  # 1 + ln(count), for the counts of one article


def _table(language: str) -> dict[str, int]:
    """Zipf frequency x 10 of the language's common stems (data/common.json, scripts/build_story_weights.py)."""
    if not _common:
        # A plain path, not importlib.resources: that import alone costs ~8 ms (tempfile, zipfile) on every
        # command that reads stories, and the package is always installed as files.
        text = (Path(__file__).parent / "data" / "common.json").read_text(encoding="utf-8")
        _common.update(json.loads(text))
    parts = _common.get(language, "").split()
    return {parts[i]: int(parts[i + 1]) for i in range(0, len(parts) - 1, 2)}


def rarity(zipf: int) -> float:
    """The weight of a common word from its Zipf frequency (x 10): 1 at 3 (as rare as any listed word
    gets), near 0 for "the" (7.7). Cubed, so that the words that tell events apart carry the similarity;
    a word not listed at all weighs 1."""
    r = min(1.0, max(0.0, (90 - zipf) / 60))
    return r * r * r


def weights(language: str) -> dict[str, float]:
    """Term -> weight for the language's common terms; any other term weighs 1 (numbers NUMBER, years YEAR)."""
    found = _weights.get(language)
    if found is None:
        found = _weights[language] = {term: rarity(zipf) for term, zipf in _table(language).items()}
    return found


# A number is common in news ("10", "40 dead") yet can name an event ("7.1", "Flight 370"): less than a
# word. A year is weaker still: at any time most articles name this year or the last ("the best films of
# 2025", "what 2026 holds"), so a shared year says next to nothing about a shared event, while two
# articles years apart are never compared at all (WINDOW). Model 2 weighed both 0.5; read on the dense
# capture (tests/data/stories_dense.jsonl) and the tune captures, never on the test ones.
NUMBER = 0.3
YEAR = 0.1  # a number from 1900 to 2099 written in full


def _number_weight(term: str) -> float:
    """The weight of an all-digit term (the common-word table lists no numbers)."""
    return YEAR if len(term) == 4 and term[:2] in ("19", "20") else NUMBER


def make_vector(title_terms: str, lead_terms: str, language: str) -> dict[str, float]:
    """The unit vector of an article's title and lead (index terms, space-separated), heaviest TERMS kept.

    Each term weighs its rarity times 1 + ln(count), a title word counting TITLE_WEIGHT times. Called for
    every stored article, so the loop is kept to a dict lookup and a multiplication per distinct term.
    """
    table = weights(language)
    counts = Counter(lead_terms.split(None, LEAD_TERMS)[:LEAD_TERMS])
    for term in title_terms.split():
        counts[term] += TITLE_WEIGHT
    log = _LOG
    scored = [
        (-w, term)
        for term, count in counts.items()
        if len(term) > 1
        and (
            w := table.get(term, _number_weight(term) if term.isdigit() else 1.0)
            * (log[count] if count < 64 else 1 + math.log(count))
        )
        >= 0.02
    ]
    scored.sort()
    kept = scored[:TERMS]
    # Unit length, to 4 decimals (what is stored, so a vector read back is the very one grouped with).
    scale = -10000 / (math.sqrt(sum(w * w for w, _ in kept)) or 1.0)
    return {t: int(w * scale + 0.5) / 10000 for w, t in kept}


class _Texts(dict[float, str]):
    """Each weight's text (`str`, as f"{w}" writes a float), made once per distinct weight: a weight has 4
    decimals (make_vector), so a few thousand texts serve the 24 weights of every stored article, where
    formatting each float again was most of what encoding a vector cost (bench/README.md, "Stories cost,
    pass nine"). Zero is never remembered: 0.0 and -0.0 are one key but two texts."""

    def __missing__(self, weight: float) -> str:
        text = str(weight)
        if weight and type(weight) is float and len(self) < 65536:  # (bounded, whatever vectors it is given)
            self[weight] = text
        return text


_TEXTS = _Texts()


def encode(vector: dict[str, float]) -> str:
    """A vector as stored: `term weight` pairs, space-separated; one runs for every stored article, so the
    pairs are laid out by zip and chain and each weight's text comes from _TEXTS, all in C but a new weight."""
    return " ".join(chain.from_iterable(zip(vector, map(_TEXTS.__getitem__, vector.values()), strict=True)))


class _Weights(dict[str, float]):
    """Stored weights read back, one float object per distinct spelling: a weight has 4 decimals (make_vector),
    so a few thousand spellings stand for the millions of weights a window holds."""

    def __missing__(self, text: str) -> float:
        value = float(text)
        if len(self) < 65536:  # (bounded, whatever a store holds)
            self[text] = value
        return value


_WEIGHTS = _Weights()


def decode(text: str) -> dict[str, float]:
    """A stored vector (encode) read back, its order kept; zip and map leave the loop to C. Its terms are
    interned and its weights shared (_Weights): a grouping window holds tens of thousands of vectors whose
    terms repeat, and each copy of a term or weight was ~55 bytes (bench/README.md, "Ingest, round six")."""
    parts = text.split()
    if len(parts) % 2:  # (a stray term without its weight is dropped, as before)
        parts.pop()
    return dict(zip(map(sys.intern, parts[::2]), map(_WEIGHTS.__getitem__, parts[1::2]), strict=True))


class Member:
    """One article as the grouping sees it: its row, publication time (seconds since the epoch), outlet
    (case-folded), term vector, primary countries and component (a number in the store).

    The vector may be given as stored (encode's text): it is decoded when first asked for. Grouping reads
    every member's few heaviest terms (`heaviest`, the window's keys) but the whole vector only of the
    members some article is compared with, and most articles are compared with none (bench/README.md,
    "Stories cost, pass nine")."""

    __slots__ = ("_text", "_vector", "component", "countries", "seq", "source", "ts")
    _vector: dict[str, float] | None

    def __init__(
        self,
        seq: int,
        ts: float,
        source: str,
        vector: dict[str, float] | str,
        countries: frozenset[str] = frozenset(),
        component: int = 0,
    ) -> None:
        self.seq = seq
        self.ts = ts
        self.source = source
        if isinstance(vector, str):
            self._vector, self._text = None, vector
        else:
            self._vector, self._text = vector, ""
        self.countries = countries
        self.component = component

    @property
    def vector(self) -> dict[str, float]:
        found = self._vector
        if found is None:
            found = self._vector = decode(self._text)
            self._text = ""
        return found

    def heaviest(self, n: int) -> list[str]:
        """The first n terms of the vector (the heaviest), as the decoded vector has them, without decoding it."""
        if self._vector is not None:
            return list(islice(self._vector, n))
        parts = self._text.split(None, 2 * n)
        if len(parts) > 2 * n:
            del parts[-1]  # (the rest of the text, unsplit)
        elif len(parts) % 2:
            del parts[-1]  # a stray term without its weight, which decode drops too
        terms = parts[::2]
        if len(set(terms)) < len(terms):  # (a term twice, which encode never writes: decode says which stay)
            return list(islice(self.vector, n))
        return list(map(sys.intern, terms))

    def __repr__(self) -> str:
        return f"Member({self.seq}, {self.ts}, {self.source!r}, {self.vector!r}, {self.countries!r}, {self.component})"


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def link_score(a: Member, b: Member, dot: float | None = None) -> float:
    """How surely two articles report the same event (0 when they cannot be linked at all).

    `dot` is their cosine when the caller has it already (window.py accumulates it over postings).
    """
    gap = abs(a.ts - b.ts)
    if gap > WINDOW:
        return 0.0
    sim = cosine(a.vector, b.vector) if dot is None else dot
    if a.source == b.source and sim < UPDATE:
        return 0.0
    return _adjusted(sim, gap, a.countries, b.countries)


def _adjusted(sim: float, gap: float, countries: frozenset[str] | set[str], others: frozenset[str] | set[str]) -> float:
    """A similarity weighed by the time between (a Gaussian) and by whether the primary countries meet."""
    gauss = math.exp(-(gap * gap) / (2 * SIGMA * SIGMA))
    score = sim * gauss
    if countries and others:
        if not countries.isdisjoint(others):
            score += SHARED_COUNTRY * gauss
        else:
            score *= OTHER_COUNTRIES
    return score


def threshold(a: Member, b: Member) -> float:
    """The similarity two articles must reach to be linked: lower when one of them is a bare headline.

    A headline of a few words shares at most those few with a report: its cosine with another headline on
    the same event ("What We Know About the Fire", "What to know about the deadly fire": 0.27) or with a
    report's 24 terms is spread over them and stays low, where two reports with leads agree on many words.
    The evidence is still asked for: a candidate shares two of its heaviest terms with the article
    (window.py), and a link only says where stories are looked for (split.py decides them). Read on the
    tune captures: tune pair F1 0.689 -> 0.702, the dense capture 0.704 -> 0.738, no capture worse."""
    return HEADLINE_THRESHOLD if min(len(a.vector), len(b.vector)) <= HEADLINE_TERMS else THRESHOLD


def linked(a: Member, b: Member, dot: float | None = None) -> bool:
    return link_score(a, b, dot) >= threshold(a, b)
