"""Network: 200 feeds × 10 entries, 0.2 s server delay, 16 at a time, against bare httpx.AsyncClient + gather.

Targets: the first fetch within 1.1× the bare download; a second run where every feed answers 304 (no delay)
under 1.5× the bare download of the same URLs (no delay).
"""

from __future__ import annotations

import argparse
import sys

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
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    folder = cached_feeds(2, args.feeds, args.entries)
    nr = newsreader_cmd()
    env = bench_env(NEWSREADER_CONFIG=str(feed_config(args.concurrency)))
    db = CACHE / "network.db"
    bare_cmd = [sys.executable, "-c", BARE_HTTPX, str(args.concurrency)]
    firsts: list[Run] = []
    seconds: list[Run] = []
    with feed_server(folder, args.delay) as base:
        urls = [f"{base}/{p.name}" for p in sorted(folder.glob("*.xml"))]
        bare = run([*bare_cmd, *urls], repeat=args.repeat, env=env)
        for _ in range(args.repeat):
            for leftover in CACHE.glob("network.db*"):
                leftover.unlink()
            set_delay(base, args.delay)
            firsts.append(run([*nr, "--db", str(db), "fetch", *urls], repeat=1, warmup=0, env=env))
            set_delay(base, 0)
            seconds.append(run([*nr, "--db", str(db), "fetch", *urls], repeat=1, warmup=0, env=env))
        bare_nodelay = run([*bare_cmd, *urls], repeat=args.repeat, env=env)
    first = sorted(r.wall for r in firsts)[len(firsts) // 2]
    second = sorted(r.wall for r in seconds)[len(seconds) // 2]
    rows = [
        ratio_row(f"fetch {args.feeds} feeds, {args.delay:g} s delay", first, "bare httpx gather", bare.wall, 1.1),
        ratio_row("second run, all 304, no delay", second, "bare httpx, no delay", bare_nodelay.wall, 1.5),
    ]
    print_table(
        "Network (loopback)",
        rows,
        f"median of {args.repeat}; {args.concurrency} at a time; fresh processes incl. start-up; "
        f"{' '.join(nr)}; {machine()}",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
