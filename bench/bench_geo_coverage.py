"""Coverage of country tagging on real feeds: the share of items (title + summary) with no country.

Run: python bench/bench_geo_coverage.py [--show N]   (from the repository root; reads ../shared/news/)
Prints the share per language and overall; --show N prints N untagged items per language, to find misses.
"""

from __future__ import annotations

import argparse
import csv
import html
import re
import sys
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsreader import geo  # noqa: E402
from newsreader.models import Article  # noqa: E402

# ../shared beside the checkout (a worktree one level deeper looks one level further up)
NEWS = next(
    (p / "shared" / "news" for p in ROOT.parents if (p / "shared" / "news").exists()), ROOT.parent / "shared" / "news"
)
NOW = datetime(2026, 1, 1, tzinfo=UTC)
_TAG = re.compile(r"<[^>]+>")


def items() -> list[tuple[str, str, str, str]]:
    """(language, file, title, summary) for every feed item of ../shared/news/news/."""
    import feedparser

    out = []
    with (NEWS / "SOURCES.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for row in rows:
        path = NEWS / row["local_path"]
        if not path.exists():
            continue
        for entry in feedparser.parse(path.read_bytes()).entries:
            title = html.unescape(_TAG.sub(" ", entry.get("title", "")))
            summary = html.unescape(_TAG.sub(" ", entry.get("summary", "")))[:1500]
            out.append((row["language"], row["local_path"], title, summary))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    if not NEWS.exists():
        sys.exit(f"{NEWS} is absent")
    total: dict[str, int] = defaultdict(int)
    empty: dict[str, list[str]] = defaultdict(list)
    for lang, _path, title, summary in items():
        art = Article(id="c", title=title, source="c", published=NOW, fetched_at=NOW, origin="c", summary=summary)
        total[lang] += 1
        if not geo.tag(art).countries:
            empty[lang].append(f"{title} | {summary[:160]}")
    n, e = sum(total.values()), sum(len(v) for v in empty.values())
    print(f"items {n}, no country {e} ({e / n:.1%})")
    for lang in sorted(total, key=lambda k: -total[k]):
        print(f"  {lang}: {total[lang]} items, no country {len(empty[lang]) / total[lang]:.1%}")
        for line in empty[lang][: args.show]:
            print("     ", line.replace("\n", " ")[:200])


if __name__ == "__main__":
    main()
