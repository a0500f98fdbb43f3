"""The articles near an article in time, indexed by pairs of their heaviest terms: where links are looked for.

Two articles about one event share names: of the few heaviest terms of each (KEY_TERMS, the rarest words
of title and lead), at least two. So each article is indexed under every pair of its heaviest terms, and
an article's candidates are the members sharing one of its pairs. A pair of names is rare across events
(a single name, "Trump", is not), so a lookup touches a handful of members, not every article that
mentions Trump that week; the condition is symmetric, so which of two articles comes first never
matters. Members are kept in buckets of WINDOW seconds of publication time, each loaded from the store
(through `load`) the first time an article near it is grouped. Component numbers change when components
merge: `find` follows the merges.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import combinations
from typing import cast

from newsreader.stories.model import WINDOW, Member, link_score, threshold

KEY_TERMS = 8  # an article is indexed under the pairs of its this many heaviest terms
# A pair shared by more members than this in one bucket names no single event (a feed's boilerplate, a
# template repeated over thousands of items): it is not used to find candidates, which keeps grouping
# linear where it would be quadratic. The one place where arrival order can matter: a link found only
# through such a pair is found while the pair is still rare.
MAX_POSTINGS = 64
MAX_MEMBERS = 40_000  # members kept in memory (~100 MB at most); the least recently used buckets go first

Key = tuple[str, str]
Postings = Member | list[Member]  # the members indexed under one key


def keys(member: Member) -> Iterator[Key]:
    """The pairs of the member's heaviest terms (its vector is ordered heaviest first)."""
    return combinations(sorted(member.heaviest(KEY_TERMS)), 2)


class Window:
    def __init__(self, load: Callable[[float, float], Iterable[Member]]) -> None:
        self._load = load
        self._buckets: dict[int, dict[Key, Postings]] = {}
        self._sizes: dict[int, int] = {}  # members per bucket
        self._merged: dict[int, int] = {}
        self.max_seq = 0  # the highest member seq the store held when this window was last in step, or added
        self._oldest = 0  # the bucket forget_before last kept from

    def clear(self) -> None:
        self._buckets.clear()
        self._sizes.clear()
        self._merged.clear()
        self.max_seq = 0

    def held(self) -> int:
        """How many members the window holds."""
        return sum(self._sizes.values())

    def find(self, component: int) -> int:
        """The component a (possibly merged) component number now is."""
        seen = component
        while seen in self._merged:
            seen = self._merged[seen]
        if seen != component:
            self._merged[component] = seen
        return seen

    def merge(self, component: int, into: int) -> None:
        if component != into:
            self._merged[component] = into

    def _bucket(self, number: int) -> dict[Key, Postings]:
        bucket = self._buckets.get(number)
        if bucket is None:
            while self._buckets and sum(self._sizes.values()) > MAX_MEMBERS:
                oldest = next(iter(self._buckets))
                del self._buckets[oldest], self._sizes[oldest]
            bucket = self._buckets[number] = {}
            self._sizes[number] = 0
            for member in self._load(number * WINDOW, (number + 1) * WINDOW):
                _post(bucket, member)
                self._sizes[number] += 1
        else:  # most recently used last, for the eviction above
            self._buckets[number] = self._buckets.pop(number)
        return bucket

    def forget_before(self, ts: float) -> None:
        """Forget the buckets no article published at `ts` or later looks at (links() looks one back).

        Only for a pass in publication order (store/stories.py group_pending), which never comes back to
        them: that is what keeps its memory to a few buckets however long the span it walks."""
        oldest = int(ts // WINDOW) - 1
        if oldest != self._oldest:  # (a pass changes bucket a few hundred times a year, not per article)
            self._oldest = oldest
            for number in [n for n in self._buckets if n < oldest]:
                del self._buckets[number], self._sizes[number]

    def add(self, member: Member, own: Sequence[Key] | None = None) -> None:
        """Index a member; `own`: its keys, when links() was just given them (they are made once)."""
        number = int(member.ts // WINDOW)
        _post(self._bucket(number), member, own)
        self._sizes[number] += 1
        self.max_seq = max(self.max_seq, member.seq)

    def links(self, member: Member, own: Sequence[Key] | None = None) -> list[tuple[Member, float]]:
        """The members linked to `member` (and the score of each link), best first; `own`: its keys, if made.

        Most of an article's 28 keys are in no bucket: the lookups run in C (filter over map), and only
        the keys found come back to this loop (bench/README.md, "Stories, cost pass two")."""
        if own is None:
            own = list(keys(member))
        found: dict[int, Member] = {}
        here = int(member.ts // WINDOW)
        for number in (here - 1, here, here + 1):
            bucket = self._bucket(number)
            if not bucket:
                continue
            # (a posting is a Member or a non-empty list, never false; mypy cannot solve filter's union)
            for postings in cast("Iterator[Postings]", filter(None, map(bucket.get, own))):
                if isinstance(postings, Member):
                    found[postings.seq] = postings
                elif len(postings) <= MAX_POSTINGS:
                    for other in postings:
                        found[other.seq] = other
        found.pop(member.seq, None)
        scored = [(m, link_score(member, m)) for m in found.values()]
        return sorted(((m, s) for m, s in scored if s >= threshold(member, m)), key=lambda ms: (-ms[1], ms[0].seq))


def _post(bucket: dict[Key, Postings], member: Member, own: Iterable[Key] | None = None) -> None:
    """Index the member under its keys. Most keys name one member only: that member is the posting itself,
    not a list of one (a list per key was most of the objects the window held, and of the collector's work)."""
    for key in keys(member) if own is None else own:
        postings = bucket.get(key)
        if postings is None:
            bucket[key] = member
        elif isinstance(postings, Member):
            bucket[key] = [postings, member]
        else:
            postings.append(member)
