"""Read state in the read path, and watches after a fetch: in-process times on a synthetic store.

1. `show`/`search` (store.query / store.search) with and without --unread, on a store where none and where
   half of the articles are read: the state filter must not push them past the read-path targets.
2. Matching watches after a fetch: a fetch run of N new articles, 0 vs 50 watches (queries and filters),
   against the time the store takes to save those N articles (what a fetch costs anyway).

Runs on copies under $NEWSREADER_BENCH_CACHE/reading (the shared cached stores are never migrated in place).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from _common import CACHE, ROOT, machine, print_table, ratio_row, timed

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

WATCH_QUERIES = ["Iran", "nuclear talks", "sanctions", "election", "ceasefire", "oil", "Ukraine", "Gaza", "", ""]
WATCH_REGIONS = ["", "Middle East", "Europe", "", "Sahel"]


def _copy(n: int) -> Path:
    from bench_read import cached_store

    source = cached_store(n)
    target = CACHE / "reading" / f"store-{n}.db"
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        shutil.copy(source, target)
    return target


def read_path(path: Path) -> list[tuple[str, float, float]]:
    """(name, ms with nothing read, ms with half read) for each listing, with and without --unread."""
    from newsreader.core import quote_query
    from newsreader.models import Filters
    from newsreader.store import Store
    from newsreader.store import state as st

    def times(store: Store) -> dict[str, float]:
        plain, unread = Filters(limit=20), Filters(limit=20, unread=True)
        match = quote_query("Iran")
        return {
            "show": timed(store.query, plain) * 1000,
            "show --unread": timed(store.query, unread) * 1000,
            "search Iran": timed(store.search, match, plain) * 1000,
            "search Iran --unread": timed(store.search, match, unread) * 1000,
        }

    with Store.open(path) as store:
        with store.transaction() as conn:
            conn.execute("DELETE FROM article_reads")
        none_read = times(store)
        ids = store.matching_ids(Filters(limit=2**31))
        st.set_read(store, ids[::2], True)  # every other article, newest included
        half_read = times(store)
        with store.transaction() as conn:
            conn.execute("DELETE FROM article_reads")
    return [(name, none_read[name], half_read[name]) for name in none_read]


def cpu_timed(func: object, *args: object, repeat: int = 5) -> float:
    """Median CPU seconds of an in-process call (what other jobs on a shared machine do not inflate)."""
    assert callable(func)
    times = []
    for _ in range(repeat):
        start = time.process_time()
        func(*args)
        times.append(time.process_time() - start)
    return statistics.median(times)


def watches_after_fetch(path: Path, new: int) -> dict[str, float]:
    """Ms (wall and CPU) to save `new` articles as one fetch run, and to match 0 and 50 watches on that run:
    by the run's own index (what `fetch` does) and, for comparison, by counting over the store's index."""
    from newsreader.config import Config
    from newsreader.core.watches import Watch, _count, new_matches
    from newsreader.models import Filters
    from newsreader.store import Store
    from newsreader.store import purge as purging
    from newsreader.store import state as st
    from newsreader.store import watches as stored

    with Store.open(path) as store:
        with store.transaction() as conn:
            conn.execute("DELETE FROM watches")
        newest = store.query(Filters(limit=new))
        # Re-store the newest articles as a fetch run's new ones: delete them, then save them again.
        with store.reader() as conn:
            marks = ",".join("?" * len(newest))
            seqs = dict(conn.execute(f"SELECT id, seq FROM articles WHERE id IN ({marks})", [a.id for a in newest]))
        purging.delete(store, [(seqs[a.id], a.id) for a in newest])
        with store.transaction() as conn:
            conn.execute("DELETE FROM purged_articles")
        run = st.start_run(store, ["bench"])
        store.run = run
        wall, cpu = time.perf_counter(), time.process_time()
        store.save([replace(a, body=a.summary * 5) for a in newest])
        figures = {"save": (time.perf_counter() - wall) * 1000, "save_cpu": (time.process_time() - cpu) * 1000}
        store.run = None
    config = Config()
    figures["zero"] = timed(new_matches, path, config, run) * 1000
    with Store.open(path) as store:
        for i in range(50):
            query = WATCH_QUERIES[i % len(WATCH_QUERIES)]
            region = WATCH_REGIONS[i % len(WATCH_REGIONS)]
            stored.add(store, Watch(f"watch {i}", query, regions=(region,) if region else ()))
    figures["fifty"] = timed(new_matches, path, config, run) * 1000
    figures["fifty_cpu"] = cpu_timed(new_matches, path, config, run) * 1000

    def over_the_store_index() -> None:  # the previous way: each watch counted on the whole index from the run up
        with Store.open(path) as store:
            for watch in stored.all_watches(store):
                _count(store, config, watch, since_run=run)

    figures["fifty_before_cpu"] = cpu_timed(over_the_store_index) * 1000
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000", help="store sizes, comma-separated")
    parser.add_argument("--new", type=int, default=200, help="articles a fetch run brings")
    args = parser.parse_args(argv)
    for n in [int(s) for s in args.sizes.split(",")]:
        path = _copy(n)
        rows = []
        for name, none_read, half_read in read_path(path):
            rows.append(ratio_row(f"{name} ({n // 1000}k, half read)", half_read, "none read", none_read, 1.5, "ms"))
        print_table(f"Read state in the read path ({n:,} articles; in process)", rows, machine())
        w = watches_after_fetch(path, args.new)
        print_table(
            f"Watches after a fetch of {args.new} new articles ({n:,} stored)",
            [
                ratio_row("match 50 watches", w["fifty"], f"saving the {args.new}", w["save"], 0.5, "ms"),
                ratio_row("match 50 watches, CPU", w["fifty_cpu"], "saving, CPU", w["save_cpu"], 0.5, "ms"),
                ratio_row(
                    "  the same over the store's index (before), CPU",
                    w["fifty_before_cpu"],
                    "saving, CPU",
                    w["save_cpu"],
                    0.5,
                    "ms",
                ),
                ratio_row("match 0 watches", w["zero"], f"saving the {args.new}", w["save"], 0.5, "ms"),
            ],
            "target: matching 50 watches costs under half of what storing the fetch's articles costs",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
