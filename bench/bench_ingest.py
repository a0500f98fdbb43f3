"""Ingest: 200 feeds × 100 entries from files and over loopback HTTP against a serial feedparser.parse loop.

Targets (issue 16): `newsreader fetch DIR` within 0.65× the serial loop; the peak memory of the whole fetch
(the main process and its parse workers together) at 100k entries (200 × 500, `--memory-entries`) within
120 MB; the second update (every feed answers 304) within 1.5× the bare-httpx download of the same URLs
(see bench_network). Wall-clock ratios need a quiet machine; CPU seconds (all processes) are printed beside
them, as on a shared machine they are the steadier figure.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from _common import (
    BARE_HTTPX,
    CACHE,
    ROOT,
    bench_env,
    cached_feeds,
    feed_config,
    feed_server,
    limit_row,
    machine,
    newsreader_cmd,
    print_table,
    ratio_row,
    run,
)

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SERIAL = "import sys, feedparser\nfor p in sys.argv[1:]:\n    feedparser.parse(p)\n"
# `newsreader ...` in process, then the CPU seconds of this process and of its reaped parse workers.
SPLIT = """
import multiprocessing, resource, sys
from newsreader.cli import main
try:
    main()
except SystemExit:
    pass
for child in multiprocessing.active_children():
    child.join()
own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print("cpu-split", own.ru_utime + own.ru_stime, workers.ru_utime + workers.ru_stime, file=sys.__stderr__)
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=100, help="entries per feed")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--memory-entries", type=int, default=500, help="entries per feed of the memory run (0: none)")
    args = parser.parse_args(argv)
    folder = cached_feeds(1, args.feeds, args.entries)
    files = [str(p) for p in sorted(folder.glob("*.xml"))]
    nr = newsreader_cmd()
    env = bench_env(NEWSREADER_CONFIG=str(feed_config(args.concurrency)))
    db = CACHE / "ingest.db"

    def fresh_db() -> None:
        for leftover in CACHE.glob("ingest.db*"):
            leftover.unlink()

    serial = run([sys.executable, "-c", SERIAL, *files], repeat=args.repeat, env=env, warmup=0)
    from_files = _runs(
        lambda: run([*nr, "--db", str(db), "fetch", str(folder)], repeat=1, env=env, warmup=0), fresh_db, args.repeat
    )
    split = _split_cpu(env, [sys.executable, "-c", SPLIT, "--db", str(db), "fetch", str(folder)], fresh_db)
    with feed_server(folder) as base:
        urls = [f"{base}/{p.rsplit('/', 1)[1]}" for p in files]
        bare = run([sys.executable, "-c", BARE_HTTPX, str(args.concurrency), *urls], repeat=args.repeat, env=env)
        over_http = _runs(
            lambda: run([*nr, "--db", str(db), "fetch", *urls], repeat=1, env=env, warmup=0), fresh_db, args.repeat
        )
        # The store now holds every feed with its ETag: the next update is all 304s.
        second = run([*nr, "--db", str(db), "fetch", *urls], repeat=args.repeat, env=env, warmup=0)
    n = args.feeds * args.entries
    rows = [
        ratio_row(
            f"fetch DIR ({args.feeds} files, {n:,} entries)", from_files.wall, "serial feedparser", serial.wall, 0.65
        ),
        ratio_row(f"fetch URLs ({args.feeds} over loopback)", over_http.wall, "serial feedparser", serial.wall, 0.8),
        ratio_row("second update, all 304", second.wall, "bare httpx download", bare.wall, 1.5),
        # CPU seconds (all processes, workers included) say what the work costs whatever the machine's load.
        ratio_row("fetch DIR, CPU time", from_files.cpu, "serial feedparser CPU", serial.cpu, None),
        ratio_row("fetch URLs, CPU time", over_http.cpu, "serial feedparser CPU", serial.cpu, None),
        # Where the CPU goes: the main process stores (and makes derived parts while it keeps up), the
        # workers read, parse and tag (feeds._Balance); the slower of the two sets the pace on 2 cores.
        ("fetch DIR, CPU of the main process / the parse workers", f"{split[0]:.2f} s / {split[1]:.2f} s", "", "", ""),
        limit_row("peak RSS of fetch (largest process)", max(from_files.rss_mb, over_http.rss_mb), 300, "MB"),
        *_date_rows(files, from_files.wall),
    ]
    if args.memory_entries:
        rows.extend(_memory_rows(nr, env, args.feeds, args.memory_entries))
    print_table(
        "Ingest",
        rows,
        f"median of {args.repeat}, fresh store each time; concurrency {args.concurrency}, per_host lifted to it "
        f"(every feed is on one loopback host; bench_network.py shows the default too); {' '.join(nr)}; {machine()}",
    )
    shutil.rmtree(CACHE / "data", ignore_errors=True)
    return 0


# Date forms of the world press (see tests/test_dates.py), for the cost of the slower, worded paths.
WORLD_DATES = (
    "Seg, 24 Set 2018 19:42:40 -0300",
    "Пн, 24 сен 2018 19:42:40 +0300",
    "Montag, 24. September 2018 19:42",
    "24 de septiembre de 2018, 19h42",
    "Mon, 24 Sep 2018 19:42:40 CEST",
    "2018-09-24 19:42:40 +0200",
    "Sep 24, 2018 7:42 PM EDT",
    "2018年9月24日 19:42",
)


def _date_rows(files: list[str], ingest: float) -> list[tuple[str, str, str, str, str]]:
    """Date parsing (issue 9: under 5% of ingest): every date in the files, then as many worded ones."""
    import re
    import time

    from newsreader.dates import parse_feed_date

    dates = [m.decode() for f in files for m in re.findall(rb"<pubDate>([^<]*)</pubDate>", Path(f).read_bytes())]
    world = [WORLD_DATES[i % len(WORLD_DATES)] for i in range(len(dates))]
    parse_feed_date(WORLD_DATES[0])  # the name table's import is part of neither figure's steady state
    timings = []
    for batch in (dates, world):
        started = time.perf_counter()
        for value in batch:
            parse_feed_date(value)
        timings.append(time.perf_counter() - started)
    names = (f"date parsing, the files' {len(dates):,} dates", f"date parsing, {len(world):,} worded/odd dates")
    return [
        (
            name,
            f"{t:.3f} s",
            f"fetch DIR {ingest:.3f} s",
            f"{t / ingest:.1%}",
            "ok (< 5%)" if t < 0.05 * ingest else "MISSED (< 5%)",
        )
        for name, t in zip(names, timings, strict=True)
    ]


def _memory_rows(nr: list[str], env: dict[str, str], feeds: int, entries: int) -> list[tuple[str, str, str, str, str]]:
    """`fetch DIR` of feeds × entries into a fresh store, its whole process tree's memory sampled."""
    folder = cached_feeds(1, feeds, entries)
    db = CACHE / "ingest-memory.db"
    for leftover in CACHE.glob("ingest-memory.db*"):
        leftover.unlink()
    rss, pss, largest, cpu, wall = tree_memory([*nr, "--db", str(db), "fetch", str(folder)], env)
    n = f"{feeds * entries:,}"
    return [
        limit_row(f"peak memory of fetch DIR at {n}, main + workers (sum of RSS)", rss, 120, "MB"),
        limit_row(f"peak memory of fetch DIR at {n}, main + workers (sum of PSS)", pss, 120, "MB"),
        limit_row(f"peak memory of fetch DIR at {n}, largest process (RSS)", largest, 120, "MB"),
        ("fetch DIR at " + n + ", wall / CPU (all processes)", f"{wall:.1f} s / {cpu:.1f} s", "", "", ""),
    ]


def tree_memory(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float, float, float]:
    """Run `cmd` once, sampling every 20 ms the resident memory of it and all its descendants (Linux /proc):
    (peak sum of RSS, peak sum of PSS, peak RSS of one process, MB; CPU seconds of the tree; wall seconds).

    RSS counts pages shared by a forked worker and its parent twice; PSS divides them among the sharers,
    so their sum is what the tree takes from the machine. Peaks of the sums, not sums of the peaks."""
    import os
    import subprocess
    import threading
    import time

    def descendants(root: int) -> list[int]:
        parents: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                parents.setdefault(int(stat[1]), []).append(int(entry))
        found, i = [root], 0
        while i < len(found):
            found.extend(parents.get(found[i], []))
            i += 1
        return found

    def memory(pid: int) -> tuple[int, int]:
        sizes = {"Rss:": 0, "Pss:": 0}
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                key = line.split(":", 1)[0] + ":"
                if key in sizes:
                    sizes[key] = int(line.split()[1])
        except OSError:
            pass
        return sizes["Rss:"], sizes["Pss:"]

    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    peaks = [0, 0, 0]
    done = threading.Event()  # set once wait4 reaped the child (poll() here could reap it first)

    def sample() -> None:
        while not done.is_set():
            sizes = [memory(pid) for pid in descendants(proc.pid)]
            peaks[0] = max(peaks[0], sum(r for r, _ in sizes))
            peaks[1] = max(peaks[1], sum(p for _, p in sizes))
            peaks[2] = max(peaks[2], max((r for r, _ in sizes), default=0))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    proc.returncode = os.waitstatus_to_exitcode(status)
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}")
    return peaks[0] / 1024, peaks[1] / 1024, peaks[2] / 1024, usage.ru_utime + usage.ru_stime, wall


def _split_cpu(env: dict[str, str], cmd: list[str], reset) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """One run of `cmd` (SPLIT): (CPU seconds of the main process, of its parse workers)."""
    import subprocess

    reset()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    line = next(x for x in reversed(done.stderr.splitlines()) if x.startswith("cpu-split "))
    main, workers = (float(v) for v in line.split()[1:])
    return main, workers


def _runs(once, reset, repeat):  # type: ignore[no-untyped-def]
    """Median over `repeat` runs of `once`, calling `reset` before each (a fresh store)."""
    from _common import Run

    results = []
    for _ in range(repeat):
        reset()
        results.append(once())
    walls = sorted(r.wall for r in results)
    cpus = sorted(r.cpu for r in results)
    return Run(walls[len(walls) // 2], max(r.rss_mb for r in results), cpus[len(cpus) // 2])


if __name__ == "__main__":
    raise SystemExit(main())
