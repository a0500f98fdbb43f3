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


def watches_after_fetch(path: Path, new: int) -> tuple[float, float, float]:
    """(ms to save `new` articles, ms to match 0 watches, ms to match 50 watches) for one fetch run."""
    from newsreader.config import Config
    from newsreader.core.watches import Watch, new_matches
    from newsreader.models import Filters
    from newsreader.store import Store
    from newsreader.store import state as st
    from newsreader.store import watches as stored

    with Store.open(path) as store:
        with store.transaction() as conn:
            conn.execute("DELETE FROM watches")
        newest = store.query(Filters(limit=new))
        # Re-store the newest articles as a fetch run's new ones: delete them, then save them again.
        from newsreader.store import purge as purging

        rows = [(0, a.id) for a in newest]
        with store.reader() as conn:
            seqs = dict(
                conn.execute(
                    f"SELECT id, seq FROM articles WHERE id IN ({','.join('?' * len(rows))})", [i for _, i in rows]
                ).fetchall()
            )
        purging.delete(store, [(seqs[i], i) for _, i in rows])
        with store.transaction() as conn:
            conn.execute("DELETE FROM purged_articles")
        run = st.start_run(store, ["bench"])
        store.run = run
        start = time.perf_counter()
        store.save([replace(a, body=a.summary * 5) for a in newest])
        save_ms = (time.perf_counter() - start) * 1000
        store.run = None
    config = Config()
    zero = timed(new_matches, path, config, run) * 1000
    with Store.open(path) as store:
        for i in range(50):
            query = WATCH_QUERIES[i % len(WATCH_QUERIES)]
            region = WATCH_REGIONS[i % len(WATCH_REGIONS)]
            stored.add(store, Watch(f"watch {i}", query, regions=(region,) if region else ()))
    fifty = timed(new_matches, path, config, run) * 1000
    return save_ms, zero, fifty


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
        save_ms, zero, fifty = watches_after_fetch(path, args.new)
        print_table(
            f"Watches after a fetch of {args.new} new articles ({n:,} stored)",
            [
                ratio_row("match 50 watches", fifty, f"saving the {args.new}", save_ms, 0.5, "ms"),
                ratio_row("match 0 watches", zero, f"saving the {args.new}", save_ms, 0.5, "ms"),
            ],
            "target: matching 50 watches costs under half of what storing the fetch's articles costs",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
