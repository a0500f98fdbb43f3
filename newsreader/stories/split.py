"""The stories of one component: its articles in publication order, each joining the story whose centroid it is nearest.

Links (model.py) say which articles *may* report one event; followed from article to article they chain
an event into its follow-ups (the attack, then the minute of silence for its victims, then the politician
who demands a resignation over it), each similar to the one before. So the connected components of links
are only where stories are looked for: within one, the articles are taken in publication order (ties by
article id) and each joins the open story its vector is nearest to as a whole (the cosine with the sum of
the story's vectors, weighed by the time since the story's latest article and by the primary countries), or
starts a story when none reaches JOIN; a story it shares too few terms with (`needed`) is not a candidate. A story is open for WINDOW after its latest article and SPAN after
its first. An article with a lead is compared with the square root of that sum (model 6, `Story.score`).

The result depends only on the component's articles, never on the order they were stored in: the store
replays the pass over a component from the first article an arrival can change (store/stories.py).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsreader.stories.model import JOIN, MERGE, SPAN, WINDOW, Member, _adjusted

SHARED_TERMS = 3  # the most shared terms an article needs to join a story (model 3; read on the tune captures)
TERMS_PER_SHARED = 8  # one shared term needed per this many terms of the article
ROOT_TERMS = 16  # an article of more terms (a title with a lead) is compared with the story's damped sum (model 6)

Order = tuple[float, str]  # (published, article id): the order of the pass


@dataclass(slots=True)
class Story:
    """A story as the pass builds it: the sum of its vectors and what its openness is judged by."""

    key: Order  # its first article's place in the order (names it, breaks ties between stories)
    first: float
    last: float
    centroid: dict[str, float] = field(default_factory=dict)
    norm: float = 0.0
    root: float = 0.0  # the length of the centroid with each weight square-rooted: sqrt(sum of the weights)
    countries: set[str] = field(default_factory=set)

    def add(self, member: Member) -> None:
        self._sum(member.vector)
        self.last = max(self.last, member.ts)
        self.countries |= member.countries

    def absorb(self, other: Story) -> None:
        """Take in a story merged into this one."""
        self._sum(other.centroid)
        self.first = min(self.first, other.first)
        self.last = max(self.last, other.last)
        self.countries |= other.countries

    def _sum(self, vector: dict[str, float]) -> None:
        centroid = self.centroid
        for term, weight in vector.items():
            centroid[term] = centroid.get(term, 0.0) + weight
        self.norm = math.sqrt(sum(w * w for w in centroid.values()))
        self.root = math.sqrt(sum(centroid.values()))  # (every weight is positive)

    def closed_to(self, member: Member) -> bool:
        """Whether the member is too late for the story (then so is every later one)."""
        return member.ts - self.last > WINDOW or member.ts - self.first > SPAN

    def score(self, member: Member) -> float:
        """How near the member is to the story as a whole (0 when they share too few terms, see `needed`).

        The centroid is a sum: in a large story the terms every member has (the place, the event's name:
        "Magdeburg", "Anschlag", "Weihnachtsmarkt") grow with each article and outweigh the rest, so an
        article naming them is near the story through its topic alone, as the reactions to an event are (the
        minute of silence for its victims, a call for a resignation over it; rule 3 of the labels makes them
        events of their own). An article with a lead (more than ROOT_TERMS terms) is therefore compared with
        the centroid's square roots, which damps the terms all members share and leaves it to the event's
        own words. A shorter one, a bare headline, has little besides the topic words to share ("What We
        Know About the Fire"): it is compared with the plain sum (model 5). Read on the tune captures
        (bench/README.md, "Stories, model 6")."""
        if not self.norm:
            return 0.0
        centroid = self.centroid
        dot = 0.0
        shared = 0
        if len(member.vector) > ROOT_TERMS:
            sqrt = math.sqrt
            for term, weight in member.vector.items():
                found = centroid.get(term)
                if found is not None:
                    dot += weight * sqrt(found)
                    shared += 1
            length = self.root
        else:
            for term, weight in member.vector.items():
                found = centroid.get(term)
                if found is not None:
                    dot += weight * found
                    shared += 1
            length = self.norm
        if shared < needed(len(member.vector)):
            return 0.0
        return _adjusted(dot / length, max(0.0, member.ts - self.last), member.countries, self.countries)


def needed(terms: int) -> int:
    """How many of its terms an article of this many terms must share with a story to join it.

    A cosine can be reached through one or two heavy shared terms (a name, a place, "Trump"): that is a
    shared topic; two reports of one event agree on more of their words. One shared term per TERMS_PER_SHARED
    of the article's terms, at most SHARED_TERMS: an article with a lead (24 terms) needs 3, a bare headline
    (8 terms or fewer) 1, so headlines-only feeds keep what little evidence they have.
    """
    return min(SHARED_TERMS, -(-terms // TERMS_PER_SHARED))


def split(before: Sequence[tuple[Order, Member, Order]], replay: Sequence[tuple[Order, Member]]) -> dict[Order, Order]:
    """Assign the `replay` members (in order) to stories, after the `before` members, which keep theirs.

    `before` holds, in order, each earlier member of the component (its place, itself, its story's key: the
    place of the story's first article, which may be earlier than the members read back). Returns the story
    key of every member, before and replayed (an earlier story may have been merged into another); a story
    that begins in the replay is keyed by its first member's place.
    """
    stories: dict[Order, Story] = {}
    for _, member, key in before:
        story = stories.get(key)
        if story is None:
            story = stories[key] = Story(key, key[0], member.ts)
        story.add(member)
    merged: dict[Order, Order] = {}
    found = {place: key for place, _, key in before}
    open_stories = sorted(stories.values(), key=lambda story: story.key)
    for place, member in replay:
        open_stories = [story for story in open_stories if not story.closed_to(member)]
        near = [(s, story) for story in open_stories if (s := story.score(member)) >= JOIN]
        if not near:
            story = Story(place, member.ts, member.ts)
            open_stories.append(story)
        else:
            # The nearest story (the earlier of two as near); one as near as MERGE to several bridges them.
            top = max(s for s, _ in near)
            best = next(story for s, story in near if s == top)
            bridged = [best, *(other for s, other in near if s >= MERGE and other is not best)]
            story = min(bridged, key=lambda st: st.key)
            for other in bridged:
                if other is not story:
                    story.absorb(other)
                    merged[other.key] = story.key
            if len(bridged) > 1:
                open_stories = [st for st in open_stories if st.key not in merged]
        story.add(member)
        found[place] = story.key
    for place, key in found.items():
        while key in merged:
            key = merged[key]
        found[place] = key
    return found
