"""Scores of a predicted grouping of articles into stories against the labelled same-event set.

Two standard measures, both over the articles of the gold set:

- **pairwise**: every unordered pair of articles is a decision "same event or not"; precision is the
  share of predicted same-event pairs that are gold pairs, recall the share of gold pairs predicted.
  It weighs big events quadratically, so it is the strict one for dense streams.
- **B-cubed** (Bagga and Baldwin 1998): for each article, precision is the share of its predicted
  cluster that shares its gold event, recall the share of its gold event that is in its predicted
  cluster; both averaged over articles. Every article counts once, whatever its event's size.

Both take two mappings ``{article_id: cluster_label}``. Labels are compared only for equality within
one mapping (gold labels and predicted labels never meet). Articles of the gold set missing from the
prediction count as singletons; predicted articles that are not in the gold set are ignored.

Conventions for the pairwise ratios when nothing is there to count: a prediction with no same-event
pair has precision 1.0 (it claimed nothing, so nothing it claimed is wrong), and a gold set with no
pair gives recall 1.0 (there was nothing to find). F1 is 0.0 when precision and recall are both 0.

Run ``python bench/story_scores.py`` for the baseline's scores on ``tests/data/stories_real.jsonl``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Scores:
    """Precision, recall and their harmonic mean."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (0.0 when both are 0)."""
        total = self.precision + self.recall
        return 0.0 if total == 0 else 2 * self.precision * self.recall / total


def _cells(gold: Mapping[str, Hashable], predicted: Mapping[str, Hashable]) -> list[tuple[Hashable, object]]:
    """One (gold label, predicted cluster key) per gold article; a missing prediction is its own cluster."""
    if not gold:
        raise ValueError("the gold clustering is empty: there is nothing to score")
    cells: list[tuple[Hashable, object]] = []
    for article_id, label in gold.items():
        # Tag the two kinds of key so that a predicted label can never equal a missing article's key.
        key: object = ("predicted", predicted[article_id]) if article_id in predicted else ("missing", article_id)
        cells.append((label, key))
    return cells


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise(gold: Mapping[str, Hashable], predicted: Mapping[str, Hashable]) -> Scores:
    """Pairwise precision and recall over unordered pairs of gold articles."""
    cells = _cells(gold, predicted)
    both = sum(_pairs(n) for n in Counter(cells).values())
    gold_pairs = sum(_pairs(n) for n in Counter(label for label, _ in cells).values())
    predicted_pairs = sum(_pairs(n) for n in Counter(key for _, key in cells).values())
    precision = 1.0 if predicted_pairs == 0 else both / predicted_pairs
    recall = 1.0 if gold_pairs == 0 else both / gold_pairs
    return Scores(precision, recall)


def bcubed(gold: Mapping[str, Hashable], predicted: Mapping[str, Hashable]) -> Scores:
    """B-cubed precision and recall, averaged over the gold articles."""
    cells = _cells(gold, predicted)
    overlap = Counter(cells)
    gold_sizes = Counter(label for label, _ in cells)
    predicted_sizes = Counter(key for _, key in cells)
    precision = sum(overlap[cell] / predicted_sizes[cell[1]] for cell in cells) / len(cells)
    recall = sum(overlap[cell] / gold_sizes[cell[0]] for cell in cells) / len(cells)
    return Scores(precision, recall)
