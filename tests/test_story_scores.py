"""The same-event scorer (bench/story_scores.py) against values worked by hand from the definitions.

Every expected figure below was computed on paper from the textbook definitions (pairs counted by
listing them; B-cubed per article, then averaged), not by running the code.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("story_scores", ROOT / "bench" / "story_scores.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["story_scores"] = module
    spec.loader.exec_module(module)
    return module


scores = _load()


def clusters(*groups: str) -> dict[str, str]:
    """{'abc', 'de'} -> {a: 'abc', b: 'abc', c: 'abc', d: 'de', e: 'de'} (one letter per article)."""
    return {article: group for group in groups for article in group}


def close(value: float, expected: float) -> bool:
    return value == pytest.approx(expected, abs=1e-12)


def test_symmetric_split_and_merge():
    # gold {a,b,c} {d,e} {f}; predicted {a,b} {c,d,e} {f}
    gold = clusters("abc", "de", "f")
    predicted = {"a": 1, "b": 1, "c": 2, "d": 2, "e": 2, "f": 3}
    # gold pairs ab ac bc de (4); predicted pairs ab cd ce de (4); shared ab de (2)
    pair = scores.pairwise(gold, predicted)
    assert close(pair.precision, 2 / 4) and close(pair.recall, 2 / 4) and close(pair.f1, 0.5)
    # per article (P, R): a (2/2, 2/3) b (2/2, 2/3) c (1/3, 1/3) d (2/3, 2/2) e (2/3, 2/2) f (1, 1)
    b3 = scores.bcubed(gold, predicted)
    assert close(b3.precision, 7 / 9) and close(b3.recall, 7 / 9) and close(b3.f1, 7 / 9)


def test_asymmetric_case_tells_precision_from_recall():
    # gold {a,b} {c,d,e}; predicted {a,b,c} {d} {e}
    gold = clusters("ab", "cde")
    predicted = clusters("abc", "d", "e")
    # gold pairs ab cd ce de (4); predicted ab ac bc (3); shared ab (1)
    pair = scores.pairwise(gold, predicted)
    assert close(pair.precision, 1 / 3) and close(pair.recall, 1 / 4) and close(pair.f1, 2 / 7)
    # a (2/3, 1) b (2/3, 1) c (1/3, 1/3) d (1, 1/3) e (1, 1/3): P = 11/15, R = 9/15, F1 = 33/50
    b3 = scores.bcubed(gold, predicted)
    assert close(b3.precision, 11 / 15) and close(b3.recall, 3 / 5) and close(b3.f1, 33 / 50)


def test_all_singletons_predicted_for_one_gold_event():
    gold = clusters("abcd")
    predicted = clusters("a", "b", "c", "d")
    # no predicted pair: precision 1 by convention, none of the 6 gold pairs found
    pair = scores.pairwise(gold, predicted)
    assert (pair.precision, pair.recall, pair.f1) == (1.0, 0.0, 0.0)
    # every article: P = 1, R = 1/4; F1 = 2 * 1 * 0.25 / 1.25 = 0.4
    b3 = scores.bcubed(gold, predicted)
    assert close(b3.precision, 1.0) and close(b3.recall, 0.25) and close(b3.f1, 0.4)


def test_one_big_cluster_predicted_for_all_singleton_gold():
    gold = clusters("a", "b", "c", "d")
    predicted = dict.fromkeys("abcd", "everything")
    # 6 predicted pairs, none gold; no gold pair to find: recall 1 by convention
    pair = scores.pairwise(gold, predicted)
    assert (pair.precision, pair.recall, pair.f1) == (0.0, 1.0, 0.0)
    # every article: P = 1/4, R = 1
    b3 = scores.bcubed(gold, predicted)
    assert close(b3.precision, 0.25) and close(b3.recall, 1.0) and close(b3.f1, 0.4)


def test_one_big_cluster_against_one_gold_event_is_perfect():
    gold = clusters("abcde")
    predicted = dict.fromkeys("abcde", 0)
    assert scores.pairwise(gold, predicted) == scores.Scores(1.0, 1.0)
    assert scores.bcubed(gold, predicted) == scores.Scores(1.0, 1.0)


def test_all_singletons_against_all_singletons_is_perfect():
    gold = clusters("a", "b", "c")
    predicted = {"a": "x", "b": "y", "c": "z"}
    assert scores.pairwise(gold, predicted).f1 == 1.0
    assert scores.bcubed(gold, predicted).f1 == 1.0


def test_articles_missing_from_the_prediction_are_singletons():
    gold = clusters("ab", "c")
    # b and c missing; c's id used as a predicted label must not pull anything together
    predicted = {"a": "c"}
    pair = scores.pairwise(gold, predicted)
    assert (pair.precision, pair.recall) == (1.0, 0.0)
    # a (1, 1/2) b (1, 1/2) c (1, 1): P = 1, R = 2/3, F1 = 0.8
    b3 = scores.bcubed(gold, predicted)
    assert close(b3.precision, 1.0) and close(b3.recall, 2 / 3) and close(b3.f1, 0.8)


def test_predicted_articles_outside_the_gold_set_are_ignored():
    gold = clusters("ab", "c")
    predicted = {"a": 1, "b": 1, "c": 2, "z": 1, "y": 2}
    assert scores.pairwise(gold, predicted) == scores.Scores(1.0, 1.0)
    assert scores.bcubed(gold, predicted) == scores.Scores(1.0, 1.0)


def test_labels_are_compared_within_one_mapping_only():
    # the same label strings mean different things in gold and prediction: only the grouping counts
    gold = {"a": "x", "b": "x", "c": "y"}
    predicted = {"a": "y", "b": "y", "c": "x"}
    assert scores.pairwise(gold, predicted) == scores.Scores(1.0, 1.0)


def test_empty_gold_set_is_refused():
    with pytest.raises(ValueError, match="empty"):
        scores.pairwise({}, {"a": 1})
    with pytest.raises(ValueError, match="empty"):
        scores.bcubed({}, {})


def test_title_tokens_are_lowercased_words_in_any_script():
    assert scores.title_tokens("Anschlag in Magdeburg: Zahl der Toten steigt") == {
        "anschlag",
        "in",
        "magdeburg",
        "zahl",
        "der",
        "toten",
        "steigt",
    }
    assert scores.title_tokens("Взрыв в Москве, взрыв!") == {"взрыв", "в", "москве"}


def test_jaccard_of_title_words():
    # {fire, at, istanbul, airport} vs {istanbul, airport, fire, damages}: 3 shared of 5
    a = scores.title_tokens("Fire at Istanbul airport")
    b = scores.title_tokens("Istanbul airport fire damages")
    assert scores.jaccard(a, b) == pytest.approx(3 / 5)
    assert scores.jaccard(frozenset(), frozenset()) == 0.0


def test_baseline_links_similar_titles_within_the_window_transitively():
    articles = [
        {"id": "a", "title": "Fire at Istanbul airport", "published": "2006-05-24T12:00:00+00:00"},
        {"id": "b", "title": "Istanbul airport fire", "published": "2006-05-24T20:00:00+02:00"},
        # shares 3 of 4 words with b: joins a through b
        {"id": "c", "title": "Istanbul airport fire contained", "published": "2006-05-25T09:00:00+00:00"},
        # same words as a, but 72 hours later: outside the 48-hour window of every other article
        {"id": "d", "title": "Fire at Istanbul airport", "published": "2006-05-27T12:00:00+00:00"},
        {"id": "e", "title": "Olmert addresses Congress", "published": "2006-05-24T12:00:00+00:00"},
    ]
    groups = scores.baseline(articles, threshold=0.5, hours=48)
    assert groups["a"] == groups["b"] == groups["c"]
    assert len({groups["a"], groups["d"], groups["e"]}) == 3
