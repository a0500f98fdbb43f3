"""A story's representative article: the one whose vector is nearest all the others (the medoid).

Vectors written by hand and at random; the oracle is the definition computed here pair by pair
(the sum of an article's cosines with every other article), the earliest article winning a tie.
"""

from __future__ import annotations

import math
import random

from newsreader.core.stories import _representative
from newsreader.store.stories import MemberRow


def _row(seq: int, vector: dict[str, float]) -> MemberRow:
    return MemberRow(1, seq, f"{seq:016x}", "", f"title {seq}", "Outlet", "", "", (), (), vector)


def _unit(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {t: round(w / norm, 4) for t, w in weights.items()}


def _medoid(rows: list[MemberRow]) -> MemberRow:
    def closeness(r: MemberRow) -> float:
        return sum(sum(w * o.vector.get(t, 0.0) for t, w in r.vector.items()) for o in rows if o is not r)

    best = rows[0]
    for r in rows[1:]:
        if closeness(r) > closeness(best):
            best = r
    return best


def test_the_article_sharing_most_with_the_others_represents_the_story() -> None:
    rows = [
        _row(1, _unit({"quake": 1, "gaziantep": 1})),
        _row(2, _unit({"quake": 1, "gaziantep": 1, "rescue": 1, "rubble": 1})),  # shares with 1 and with 3
        _row(3, _unit({"rescue": 1, "rubble": 1, "night": 1})),
        _row(4, _unit({"aid": 1, "rubble": 1})),
    ]
    assert _representative(rows).seq == 2 == _medoid(rows).seq


def test_identical_articles_tie_and_the_earliest_wins() -> None:
    same = _unit({"flood": 2, "tisza": 1, "dam": 1})
    rows = [_row(1, _unit({"flood": 1})), _row(2, same), _row(3, same), _row(4, _unit({"dam": 1, "army": 1}))]
    assert _representative(rows).seq == 2 == _medoid(rows).seq


def test_random_stories_get_the_medoid() -> None:
    rng = random.Random(7)
    words = [f"w{i}" for i in range(40)]
    for _ in range(200):
        size = rng.randint(3, 70)  # beyond the 60 members looked at, too
        rows = [
            _row(i, _unit({w: rng.choice((1, 1, 2, 3)) for w in rng.sample(words, rng.randint(1, 12))}))
            for i in range(size)
        ]
        assert _representative(rows).seq == _medoid(rows[:60]).seq
