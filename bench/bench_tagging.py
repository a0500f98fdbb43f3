"""Benchmark for country tagging: precision/recall/F1 on the labelled set, throughput and load time.

Run: python bench/bench_tagging.py   (from the repository root)
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsreader import geo  # noqa: E402
from newsreader.models import Article  # noqa: E402

LABELLED = ROOT / "tests" / "data" / "geo_labelled.jsonl"
SEED = ROOT / "seeds" / "azernews-2026-02-03-israel-readiness.txt"
NOW = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def article(text: str, title: str = "") -> Article:
    return Article(id="bench", title=title, source="bench", published=NOW, fetched_at=NOW, origin="bench", body=text)


def evaluate(path: Path = LABELLED, prefix: str = "") -> Score:
    """Micro-averaged scores over every (text, country) pair whose id starts with `prefix`; each
    wrong item is listed in `misses`."""
    score = Score()
    for line in path.read_text("utf-8").splitlines():
        item = json.loads(line)
        if not item["id"].startswith(prefix):
            continue
        want = set(item["countries"])
        got = set(geo.tag(article(item["text"])).country_codes)
        score.tp += len(want & got)
        score.fp += len(got - want)
        score.fn += len(want - got)
        if want != got:
            score.misses.append(
                f"{item['id']}: missing {sorted(want - got)} extra {sorted(got - want)} | {item['text'][:90]}"
            )
    return score


def corpora() -> dict[str, list[Article]]:
    """Two ~2.5 KB workloads: the real seed article, and labelled snippets stitched together (about
    75 place mentions per article, far denser than real news: a worst case)."""
    texts = [json.loads(line)["text"] for line in LABELLED.read_text("utf-8").splitlines()]
    seed = SEED.read_text("utf-8")
    realistic = [article(seed[:2500]), article(seed[-2500:])]
    articles: list[Article] = []
    chunk: list[str] = []
    for text in texts:
        chunk.append(text)
        if sum(map(len, chunk)) >= 2500:
            articles.append(article("\n\n".join(chunk)))
            chunk = []
    return {"seed article": realistic, "dense snippets": articles}


def throughput(articles: list[Article], rounds: int = 7, seconds: float = 0.25) -> tuple[float, int]:
    """Articles per second, one core: the best of several short rounds (other processes on a shared
    machine only ever slow a round down, so the best round is the least disturbed estimate)."""
    size = sum(len(a.body) for a in articles) // len(articles)
    geo.load_tagger()
    best = 0.0
    for _ in range(rounds):
        done, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            for a in articles:
                geo.tag(a)
            done += len(articles)
        best = max(best, done / (time.perf_counter() - start))
    return best, size


def load_time_ms(runs: int = 5) -> float:
    """Best-of-N time to build the tagger in a fresh interpreter (import of newsreader.geo excluded)."""
    code = (
        "import time, newsreader.geo as g; t = time.perf_counter(); g.load_tagger(); "
        "print((time.perf_counter() - t) * 1000)"
    )
    times = [
        float(subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout)
        for _ in range(runs)
    ]
    return min(times)


def main() -> None:
    for label, prefix in (("labelled set", ""), ("hard cases (h2_)", "h2_")):
        score = evaluate(prefix=prefix)
        print(
            f"{label}: precision {score.precision:.3f}  recall {score.recall:.3f}  F1 {score.f1:.3f}  "
            f"(tp {score.tp}, fp {score.fp}, fn {score.fn})"
        )
    for miss in evaluate().misses:
        print("  miss", miss)
    for name, articles in corpora().items():
        rate, size = throughput(articles)
        print(f"throughput ({name}): {rate:,.0f} articles/s (avg {size} chars, one core)")
    print(f"tagger load: {load_time_ms():.1f} ms (fresh subprocess, best of 5)")


if __name__ == "__main__":
    main()
