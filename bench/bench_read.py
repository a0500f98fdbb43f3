"""Reading at scale: `show` and `search` on a 100k store against `newsreader --version`, query growth 10k→1M, memory.

Stores are built once (bench/synth.py, through Store.save) and cached under $NEWSREADER_BENCH_CACHE
(default: <tmp>/newsreader-bench); delete that folder to rebuild.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from _common import CACHE, ROOT, bench_env, limit_row, machine, newsreader_cmd, print_table, ratio_row, run, timed

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def with_bytecode_cache(env: dict[str, str]) -> dict[str, str]:
    """Let Python keep compiled bytecode (under the bench cache, not in the checkout).

    An installed newsreader has its modules compiled once by pip; with PYTHONDONTWRITEBYTECODE set
    (as in some CI and sandbox shells) every run would compile them again, which costs `show` and
    `search` (which import more of our modules) several ms that users never pay.
    """
    env = dict(env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(CACHE / "pycache")
    return env


def cached_store(n: int, seed: int = 1) -> Path:
    """A store of n synthetic articles, built on first use."""
    from synth import build_store

    path = CACHE / f"store-{n}-seed{seed}.db"
    if not path.exists():
        partial = path.with_suffix(".partial")
        for leftover in CACHE.glob(partial.name + "*"):
            leftover.unlink()
        print(f"building {path} ({n:,} articles, once)…", file=sys.stderr, flush=True)
        start = time.perf_counter()
        build_store(partial, n, seed=seed, quiet=True)
        import sqlite3

        conn = sqlite3.connect(partial)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        partial.rename(path)
        print(f"  built in {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    return path


QUERIES = {
    "show (newest 20)": ("show", {}),
    "show --region 'Middle East'": ("show", {"regions": ("Middle East",)}),
    "show --country IR": ("show", {"countries": ("IR",)}),
    "search Iran": ("search", {}),
    "search Iran --region 'Middle East'": ("search", {"regions": ("Middle East",)}),
    "search 'nuclear talks'": ("search2", {}),
}


def query_times(path: Path) -> dict[str, float]:
    """In-process query time (store open excluded), median of 5, for each of QUERIES."""
    from newsreader import geo
    from newsreader.core import quote_query
    from newsreader.models import Filters
    from newsreader.store import Store

    out: dict[str, float] = {}
    with Store.open(path) as store:
        for name, (kind, opts) in QUERIES.items():
            filters = Filters(
                limit=20,
                regions=tuple(geo.resolve_region(r) for r in opts.get("regions", ())),
                countries=tuple(opts.get("countries", ())),
            )
            if kind == "show":
                out[name] = timed(store.query, filters)
            else:
                match = quote_query("Iran" if kind == "search" else "nuclear talks")
                out[name] = timed(store.search, match, filters)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="store sizes for the growth table")
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    main_size = 100_000 if 100_000 in sizes else sizes[len(sizes) // 2]
    stores = {n: cached_store(n) for n in sizes}
    db = str(stores[main_size])
    nr = newsreader_cmd()
    env = with_bytecode_cache(bench_env())
    version = run([*nr, "--version"], repeat=args.repeat, env=env)
    commands = {
        "show --limit 20": (["show", "--limit", "20"], 1.3),
        "search Iran --limit 20": (["search", "Iran", "--limit", "20"], 1.3),
        "search Iran --region 'Middle East'": (["search", "Iran", "--region", "Middle East", "--limit", "20"], 1.4),
        "show --region 'Middle East'": (["show", "--region", "Middle East", "--limit", "20"], 1.4),
        "show --country Iran": (["show", "--country", "Iran", "--limit", "20"], 1.4),
        "show --unread --limit 20": (["show", "--unread", "--limit", "20"], 1.3),  # read state in the query (#13)
        "search Iran --unread": (["search", "Iran", "--unread", "--limit", "20"], 1.3),
    }
    rows = []
    cpu_rows = []
    peak = 0.0
    for name, (cmd, target) in commands.items():
        result = run([*nr, "--db", db, *cmd], repeat=args.repeat, env=env)
        rows.append(ratio_row(f"{name} ({main_size // 1000}k)", result.wall, "--version", version.wall, target))
        cpu_rows.append(ratio_row(f"{name} ({main_size // 1000}k), CPU", result.cpu, "--version", version.cpu, target))
        peak = max(peak, result.rss_mb)
    rows.extend(cpu_rows)  # CPU seconds: what a run costs, whatever else the machine is doing
    rows.append(limit_row(f"peak RSS of show/search ({main_size // 1000}k)", peak, 100, "MB"))
    print_table(
        "Reading at scale (fresh processes)",
        rows,
        f"median of {args.repeat}; {' '.join(nr)}; {machine()}",
    )

    times = {n: query_times(p) for n, p in stores.items()}
    small = sizes[0]
    growth_rows = []
    for name in QUERIES:
        for n in sizes[1:]:
            t, base = times[n][name], times[small][name]
            growth_rows.append(
                ratio_row(f"{name} at {n // 1000}k", t * 1000, f"{small // 1000}k", base * 1000, n / small, "ms")
            )
    print_table(
        "Query-only time growth (in process; target: sub-linear, ratio below the size ratio)",
        growth_rows,
        "sizes: " + ", ".join(f"{n:,} ({stores[n].stat().st_size / 1e6:.0f} MB)" for n in sizes),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
