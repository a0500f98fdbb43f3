"""Where the stories model goes wrong on the tune part: missed pairs and false merges, by kind, with counts.

Each tune capture (and the dense capture) is stored in a store of its own through `Store.save`, one outlet
per transaction as the quality bench does, and every pair of its articles is compared with the labels
(tests/data/stories_real.jsonl, stories_dense.jsonl). A *missed* pair (one event, two stories) is put in the
first kind that fits: across languages, one outlet's two items, more than 24 hours apart (a long-running
event), a paraphrase (the two vectors share at most one term), 2-3 shared terms, 4+ shared terms; and it
is told whether the two articles are in one component of links (the pass within the component split them)
or not (no chain of links joins them: no story merge can reach them). A *false* pair (two events, one
story) is one outlet's or two outlets'; the stories holding false pairs are listed, largest first (what
they hold besides their main event). Also printed: the pairs of articles in two components that share a
key pair (window.py candidates) or reach the link threshold, gold and not, which is what a wider link rule
would add. The test captures are never read here.

    python bench/story_errors.py            # tune part and dense capture
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
from collections import Counter, defaultdict
from datetime import datetime
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import bench_stories as bs  # noqa: E402
from story_scores import _by_capture  # noqa: E402

Row = dict[str, str]
Grouped = dict[str, tuple[int, int, dict[str, float]]]  # article id -> (story, component, vector)

# The cosine bands of the pairs of two outlets' articles that no chain of links joins (lower bounds, 0.05 wide)
COSINE_BANDS = tuple(f"{k * 0.05:.2f}" + (f"-{(k + 1) * 0.05:.2f}" if k < 7 else "+") for k in range(8))

MISSED_KINDS = (
    "across languages",
    "one outlet's two items",
    "over 24 h apart (long-running)",
    "paraphrase (at most 1 shared term)",
    "2-3 shared terms",
    "4+ shared terms",
)


def group(rows: list[Row]) -> Grouped:
    """The stories, components and vectors a store makes of these articles (one outlet per transaction)."""
    from newsreader import geo
    from newsreader.models import Article
    from newsreader.store import Store
    from newsreader.store.stories import unpack_terms

    by_source: dict[str, list[Article]] = {}
    for r in rows:
        published = datetime.fromisoformat(r["published"].replace("Z", "+00:00"))
        article = Article(
            id=r["id"],
            title=r["title"],
            source=r["source"],
            published=published,
            fetched_at=published,
            origin=f"bench:{r['source']}",
            url=r.get("link", ""),
            summary=r.get("summary", ""),
            source_country=r.get("source_country", ""),
            language=r.get("lang", ""),
        )
        by_source.setdefault(r["source"], []).append(geo.tag(article))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stories.db"
        with Store.open(path) as store:
            for source in sorted(by_source):
                store.save(by_source[source])
        conn = sqlite3.connect(path)
        found = {
            aid: (story, component, unpack_terms(terms))
            for aid, story, component, terms in conn.execute(
                "SELECT a.id, m.story, m.component, m.terms FROM story_members m JOIN articles a ON a.seq = m.article"
            )
        }
        conn.close()
    return found


def _ts(row: Row) -> float:
    return datetime.fromisoformat(row["published"].replace("Z", "+00:00")).timestamp()


def missed_kind(a: Row, b: Row, shared: int) -> str:
    if a.get("lang") != b.get("lang"):
        return MISSED_KINDS[0]
    if a["source"] == b["source"]:
        return MISSED_KINDS[1]
    if abs(_ts(a) - _ts(b)) > 86400:
        return MISSED_KINDS[2]
    if shared <= 1:
        return MISSED_KINDS[3]
    return MISSED_KINDS[4] if shared <= 3 else MISSED_KINDS[5]


def analyse(name: str, rows: list[Row]) -> None:
    from newsreader.stories.model import HEADLINE_TERMS, THRESHOLD, WINDOW, Member, cosine, threshold
    from newsreader.stories.window import keys

    missed: Counter[tuple[str, str]] = Counter()
    false: Counter[str] = Counter()
    wider: Counter[tuple[str, str, bool]] = Counter()  # (kind of pair, what it reaches, gold)
    merges: list[tuple[int, str, int, list[tuple[str, int]]]] = []
    bands: Counter[tuple[int, bool]] = Counter()  # two outlets' articles in two components: (cosine band, gold)
    for part in _parts(rows):
        got = group(part)
        info = {r["id"]: r for r in part}
        for a, b in combinations(sorted(info), 2):
            ra, rb = info[a], info[b]
            (sa, ca, va), (sb, cb, vb) = got[a], got[b]
            gold = ra["event"] == rb["event"]
            if gold and sa != sb:
                kind = missed_kind(ra, rb, len(va.keys() & vb.keys()))
                missed[(kind, "one component" if ca == cb else "no link path")] += 1
            elif not gold and sa == sb:
                false["one outlet's two items" if ra["source"] == rb["source"] else "two outlets"] += 1
            if ca != cb and abs(_ts(ra) - _ts(rb)) <= WINDOW:
                if ra["source"] != rb["source"]:
                    bands[(min(int(cosine(va, vb) / 0.05), len(COSINE_BANDS) - 1), gold)] += 1
                ma, mb = Member(0, 0.0, "", va), Member(0, 0.0, "", vb)
                candidate = bool(set(keys(ma)) & set(keys(mb)))
                near = cosine(va, vb) >= threshold(ma, mb)
                if candidate or near:
                    head = (
                        "one of 8 terms or fewer" if min(len(va), len(vb)) <= HEADLINE_TERMS else "both of more terms"
                    )
                    reach = ("candidate, " if candidate else "no candidate, ") + ("at" if near else "below")
                    wider[(head, reach + " the threshold", gold)] += 1
        stories: dict[int, list[str]] = defaultdict(list)
        for aid, (story, _, _) in got.items():
            stories[story].append(aid)
        for members in stories.values():
            events = Counter(info[a]["event"] for a in members)
            if len(events) > 1:
                main, size = events.most_common(1)[0]
                pairs = sum(x * y for x, y in combinations(events.values(), 2))
                merges.append((pairs, main, size, [(e, n) for e, n in events.items() if e != main]))
    total = sum(missed.values())
    print(f"\n### {name}: {len(rows)} articles; missed pairs {total}, false pairs {sum(false.values())}\n")
    print("| missed pairs: kind | no link path | one component | all |\n|---|---|---|---|")
    for kind in MISSED_KINDS:
        apart, within = missed[(kind, "no link path")], missed[(kind, "one component")]
        print(f"| {kind} | {apart} | {within} | {apart + within} |")
    print("\n| false pairs (topic, not event) | pairs |\n|---|---|")
    for kind, n in false.most_common():
        print(f"| {kind} | {n} |")
    print("\n| false pairs | story's main event (its articles) | other events (their articles) |\n|---|---|---|")
    for pairs, main, size, others in sorted(merges, reverse=True)[:12]:
        rest = "; ".join(f"{e[:50]} ({n})" for e, n in others[:3]) + (" ..." if len(others) > 3 else "")
        print(f"| {pairs} | {main[:60]} ({size}) | {rest} |")
    print("\nTwo outlets' articles in two components, within WINDOW, by cosine: what any lower link threshold")
    print("would take in (the odds of a gold pair in each band):\n")
    print("| cosine | gold | not gold |\n|---|---|---|")
    for k, band in enumerate(COSINE_BANDS):
        print(f"| {band} | {bands[(k, True)]} | {bands[(k, False)]} |")
    print(f"\nPairs in two components a wider link rule would reach (threshold {THRESHOLD}, headlines lower):\n")
    print("| pair | reaches | gold | not gold |\n|---|---|---|---|")
    for head, reach in sorted({(h, r) for h, r, _ in wider}):
        print(f"| {head} | {reach} | {wider[(head, reach, True)]} | {wider[(head, reach, False)]} |")


def _parts(rows: list[Row]) -> list[list[Row]]:
    return [list(part) for _, part in sorted(_by_capture(rows).items())]  # type: ignore[misc]


def main() -> int:
    rows, _ = bs.labelled_set()
    dense = [json.loads(line) for line in bs.DENSE.read_text(encoding="utf-8").splitlines() if line.strip()]
    tune = [r for name, part in _by_capture(rows).items() if name not in bs.TEST_CAPTURES for r in part]
    analyse("Tune: the four captures", tune)  # type: ignore[arg-type]
    analyse("Tune: the dense capture", dense)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
