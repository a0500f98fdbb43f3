"""Network: 200 feeds × 10 entries, 0.2 s server delay, 16 at a time, against bare httpx.AsyncClient + gather.

Every feed is on one loopback host, so what newsreader may do at once is its per-host limit. Two settings,
side by side: the polite default users get (`per_host = 4`: 4 at a time to one outlet), against a bare
download that is also 4 at a time and one that is 16 at a time; and the limit lifted to the concurrency
(`per_host = 16`), against the bare download 16 at a time. Targets: the first fetch within 1.1× the bare
download at the same limit; a second run where every feed answers 304 (no delay) under 1.5× the bare
download of the same URLs (no delay).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from _common import (
    BARE_HTTPX,
    CACHE,
    ROOT,
    Run,
    bench_env,
    cached_feeds,
    feed_config,
    feed_server,
    machine,
    newsreader_cmd,
    print_table,
    ratio_row,
    run,
    set_delay,
)

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=10)
    parser.add_argument("--delay", type=float, default=0.2)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--per-host", type=int, default=4, help="the polite per-host limit (newsreader's default)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    folder = cached_feeds(2, args.feeds, args.entries)
    nr = newsreader_cmd()
    db = CACHE / "network.db"
    rows = []
    with feed_server(folder, args.delay) as base:
        urls = [f"{base}/{p.name}" for p in sorted(folder.glob("*.xml"))]
        env = bench_env()
        bare = {
            n: run([sys.executable, "-c", BARE_HTTPX, str(n), *urls], repeat=args.repeat, env=env)
            for n in sorted({args.per_host, args.concurrency})
        }
        polite, polite_304 = _fetches(nr, db, urls, base, args, args.per_host)
        lifted, lifted_304 = _fetches(nr, db, urls, base, args, args.concurrency)
        set_delay(base, 0)
        bare_nodelay = run(
            [sys.executable, "-c", BARE_HTTPX, str(args.concurrency), *urls], repeat=args.repeat, env=env
        )
    c, h = args.concurrency, args.per_host
    name = f"fetch {args.feeds} feeds, {args.delay:g} s delay"
    rows = [
        ratio_row(f"{name}, per_host {h} (default)", polite, f"bare httpx {h} at a time", bare[h].wall, 1.1),
        ratio_row(f"{name}, per_host {h} (default)", polite, f"bare httpx {c} at a time", bare[c].wall, None),
        ratio_row(f"{name}, per_host {c} (lifted)", lifted, f"bare httpx {c} at a time", bare[c].wall, 1.1),
        ratio_row(f"second run, all 304, per_host {h}", polite_304, "bare httpx, no delay", bare_nodelay.wall, 1.5),
        ratio_row(f"second run, all 304, per_host {c}", lifted_304, "bare httpx, no delay", bare_nodelay.wall, 1.5),
    ]
    print_table(
        "Network (loopback, every feed on one host)",
        rows,
        f"median of {args.repeat}; concurrency {c}; fresh processes incl. start-up; {' '.join(nr)}; {machine()}",
    )
    return 0


def _fetches(
    nr: list[str], db: Path, urls: list[str], base: str, args: argparse.Namespace, per_host: int
) -> tuple[float, float]:
    """Median wall times of a first fetch (server delay on) and of the all-304 second fetch (delay off)."""
    env = bench_env(NEWSREADER_CONFIG=str(feed_config(args.concurrency, per_host)))
    firsts: list[Run] = []
    seconds: list[Run] = []
    for _ in range(args.repeat):
        for leftover in CACHE.glob("network.db*"):
            leftover.unlink()
        set_delay(base, args.delay)
        firsts.append(run([*nr, "--db", str(db), "fetch", *urls], repeat=1, warmup=0, env=env))
        set_delay(base, 0)
        seconds.append(run([*nr, "--db", str(db), "fetch", *urls], repeat=1, warmup=0, env=env))
    set_delay(base, args.delay)
    return statistics.median(r.wall for r in firsts), statistics.median(r.wall for r in seconds)


if __name__ == "__main__":
    raise SystemExit(main())
