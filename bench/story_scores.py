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

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "stories_real.jsonl"


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


# --- baseline --------------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+")


def title_tokens(title: str) -> frozenset[str]:
    """The title's distinct words, lowercased (Unicode word characters; no stemming, no stop words)."""
    return frozenset(_TOKEN.findall(title.casefold()))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the two sets' words that they have in common (0.0 for two empty sets)."""
    union = len(a | b)
    return 0.0 if union == 0 else len(a & b) / union


def baseline(articles: Sequence[Mapping[str, str]], threshold: float = 0.5, hours: float = 48.0) -> dict[str, int]:
    """Group articles whose titles share >= threshold of their words (Jaccard) and lie within hours of each other.

    Groups are the connected components of that "similar" relation (union-find), so A~B and B~C put A and C
    together. A deliberately simple floor for the stories model: exact words only, titles only.
    """
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    tokens = [title_tokens(article["title"]) for article in articles]
    times = [datetime.fromisoformat(article["published"]) for article in articles]
    window = timedelta(hours=hours)
    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            if abs(times[i] - times[j]) <= window and jaccard(tokens[i], tokens[j]) >= threshold:
                parent[find(i)] = find(j)
    return {article["id"]: find(i) for i, article in enumerate(articles)}


def load_set(path: Path) -> list[dict[str, str]]:
    """The labelled same-event set: one JSON object a line."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _members(gold: Mapping[str, str]) -> dict[str, list[str]]:
    members: dict[str, list[str]] = {}
    for article_id, label in gold.items():
        members.setdefault(label, []).append(article_id)
    return members


def _by_capture(articles: Sequence[Mapping[str, str]]) -> dict[str, list[Mapping[str, str]]]:
    """Articles by the capture they came from: the origin's folder (single feed files by their year)."""
    captures: dict[str, list[Mapping[str, str]]] = {}
    for article in articles:
        origin = article["origin"]
        # `owner/repo@commit:path#entry` names a capture by its repository; a shared file by its folder.
        folder = origin.split("@", 1)[0] if "@" in origin else origin.rsplit("/", 1)[0]
        if folder == "shared/news/news":
            folder += f" ({article['published'][:4]})"
        captures.setdefault(folder, []).append(article)
    return captures


def _row(name: str, pair: Scores, b3: Scores) -> str:
    figures = (pair.precision, pair.recall, pair.f1, b3.precision, b3.recall, b3.f1)
    return f"| {name:<34} | " + " | ".join(f"{value:.3f}" for value in figures) + " |"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score the title-Jaccard baseline on the same-event set.")
    parser.add_argument("--set", type=Path, default=SET, help="labelled set (default: %(default)s)")
    parser.add_argument("--threshold", type=float, default=0.5, help="title-word Jaccard to link two articles")
    parser.add_argument("--hours", type=float, default=48.0, help="largest time gap between linked articles")
    args = parser.parse_args(argv)

    articles = load_set(args.set)
    gold = {article["id"]: article["event"] for article in articles}
    outlets_per_event: dict[str, set[str]] = {}
    for article in articles:
        outlets_per_event.setdefault(article["event"], set()).add(article["source"])
    print(
        f"{len(articles)} articles, {len(outlets_per_event)} events "
        f"({sum(len(o) >= 2 for o in outlets_per_event.values())} with 2+ outlets), "
        f"{len({a['source'] for a in articles})} outlets\n"
    )
    pairs = sum(len(members) * (len(members) - 1) // 2 for members in _members(gold).values())
    print(f"gold same-event pairs: {pairs}\n")
    shared = {article["id"] for article in articles if len(_members(gold)[article["event"]]) >= 2}
    for title, subset in (
        ("whole set", articles),
        ("articles of events with 2+ articles", [a for a in articles if a["id"] in shared]),
    ):
        sub_gold = {article["id"]: article["event"] for article in subset}
        print(f"{title} ({len(subset)} articles):\n")
        print("| grouping                           | pair P | pair R | pair F1 | B3 P  | B3 R  | B3 F1 |")
        print("|------------------------------------|--------|--------|---------|-------|-------|-------|")
        for threshold in dict.fromkeys((args.threshold, 0.3, 0.2)):
            predicted = baseline(subset, threshold, args.hours)
            name = f"title Jaccard >= {threshold:g}, {args.hours:g} h"
            print(_row(name, pairwise(sub_gold, predicted), bcubed(sub_gold, predicted)))
        alone = {article["id"]: article["id"] for article in subset}
        print(_row("every article alone (reference)", pairwise(sub_gold, alone), bcubed(sub_gold, alone)))
        print()
    largest = max(_members(gold).values(), key=len)
    print(
        f"largest event: {len(largest)} articles, {len(largest) * (len(largest) - 1) // 2} of the {pairs} gold pairs\n"
    )
    print(f"by capture, title Jaccard >= {args.threshold:g}:\n")
    print("| capture                                          | articles | events | pair F1 | B3 F1 |")
    print("|--------------------------------------------------|----------|--------|---------|-------|")
    for name, capture in sorted(_by_capture(articles).items()):
        capture_gold = {article["id"]: article["event"] for article in capture}
        predicted = baseline(capture, args.threshold, args.hours)
        pair, b3 = pairwise(capture_gold, predicted), bcubed(capture_gold, predicted)
        events = len(set(capture_gold.values()))
        print(f"| {name:<48} | {len(capture):>8} | {events:>6} | {pair.f1:>7.3f} | {b3.f1:.3f} |")
    print()
    start = time.perf_counter()
    baseline(articles, args.threshold, args.hours)
    print(f"baseline ({args.threshold:g}) grouped {len(articles)} articles in {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
