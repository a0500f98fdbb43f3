"""Shared bench helpers: run a command N times for its median wall time and peak memory, print result tables."""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("NEWSREADER_BENCH_CACHE", Path(tempfile.gettempdir()) / "newsreader-bench"))


def newsreader_cmd() -> list[str]:
    """The installed `newsreader` script next to this Python, else `python -m newsreader` from the checkout."""
    script = Path(sys.executable).with_name("newsreader")
    if script.exists():
        return [str(script)]
    found = shutil.which("newsreader")
    if found and Path(found).resolve().parent == Path(sys.executable).resolve().parent:
        return [found]
    return [sys.executable, "-m", "newsreader"]


def bench_env(**extra: str) -> dict[str, str]:
    """An environment where newsreader sees no user config or database, and imports from this checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    CACHE.mkdir(parents=True, exist_ok=True)
    empty = CACHE / "empty-config.toml"
    empty.write_text("", "utf-8")
    env["NEWSREADER_CONFIG"] = str(empty)
    env["NEWSREADER_DATA_DIR"] = str(CACHE / "data")
    env.pop("NO_COLOR", None)
    env.update(extra)
    return env


@dataclass(frozen=True, slots=True)
class Run:
    wall: float  # seconds, median
    rss_mb: float  # peak resident set, MB, max over runs
    cpu: float = 0.0  # seconds of CPU (user + system, the process and its waited-for children), median


def run(cmd: Sequence[str], *, repeat: int = 7, env: dict[str, str] | None = None, warmup: int = 1) -> Run:
    """Median wall time and peak RSS of `cmd` as a fresh process (stdout discarded, failures raise)."""
    walls: list[float] = []
    cpus: list[float] = []
    rss = 0
    for i in range(warmup + repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env or bench_env())
        assert proc.stderr is not None
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {err.decode(errors='replace')[-500:]}")
        if i >= warmup:
            walls.append(elapsed)
            cpus.append(usage.ru_utime + usage.ru_stime)
            rss = max(rss, usage.ru_maxrss)
    return Run(statistics.median(walls), rss / 1024, statistics.median(cpus))


def timed(func: object, *args: object, repeat: int = 5) -> float:
    """Median seconds of an in-process call."""
    assert callable(func)
    walls = []
    for _ in range(repeat):
        start = time.perf_counter()
        func(*args)
        walls.append(time.perf_counter() - start)
    return statistics.median(walls)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import sqlite3

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    return (
        f"{os.cpu_count()} cores, {cpu}; Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"{platform.system()} {platform.release()}; {when}, load average {load} (1, 5, 15 min)"
    )


Row = tuple[str, str, str, str, str]  # figure, value, baseline, ratio (or limit), verdict


def ratio_row(name: str, value: float, base_name: str, base: float, target: float | None, unit: str = "s") -> Row:
    """One table row: the figure, its baseline, their ratio and whether it is within the target ratio."""
    ratio = value / base if base else float("inf")
    verdict = "" if target is None else ("ok" if ratio <= target else "MISSED") + f" (≤ {target:g}×)"
    return (name, f"{value:.3f} {unit}", f"{base_name} {base:.3f} {unit}", f"{ratio:.2f}×", verdict)


def limit_row(name: str, value: float, limit: float, unit: str) -> Row:
    verdict = ("ok" if value <= limit else "MISSED") + f" (< {limit:g} {unit})"
    return (name, f"{value:.1f} {unit}", "", "", verdict)


def print_table(title: str, rows: Sequence[Row], note: str = "") -> None:
    """A small Markdown table, so the output can be pasted into README.md as it is."""
    head = ("figure", "value", "baseline", "ratio", "target")
    widths = [max(len(str(r[i])) for r in (head, *rows)) for i in range(5)]
    print(f"\n### {title}\n")
    for i, r in enumerate((head, *rows)):
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) + " |")
        if i == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    if note:
        print(f"\n{note}")
    sys.stdout.flush()


@contextmanager
def feed_server(folder: Path, delay: float = 0.0) -> Iterator[str]:
    """bench/feedserver.py serving `folder` in its own process (so it never shares a GIL with what is measured)."""
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "feedserver.py"), str(folder), "--delay", str(delay)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    base = proc.stdout.readline().strip()
    try:
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


def set_delay(base: str, delay: float) -> None:
    import urllib.request

    with urllib.request.urlopen(f"{base}/__delay/{delay}") as response:
        response.read()


BARE_HTTPX = """
import asyncio, sys, httpx
urls = sys.argv[2:]
async def main():
    limit = asyncio.Semaphore(int(sys.argv[1]))
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=int(sys.argv[1]))) as client:
        async def get(url):
            async with limit:
                r = await client.get(url)
                return len(r.content)
        sizes = await asyncio.gather(*(get(u) for u in urls))
    assert all(sizes), "empty response"
asyncio.run(main())
"""


def cached_feeds(seed: int, feeds: int, entries: int) -> Path:
    """A folder of synthetic feed files, generated once per shape and kept in the bench cache."""
    from synth import Synth

    folder = CACHE / f"feeds-{feeds}x{entries}"
    if not folder.exists():
        Synth(seed).write_feeds(folder.with_suffix(".partial"), feeds, entries)
        folder.with_suffix(".partial").rename(folder)
    return folder


def feed_config(concurrency: int = 16, per_host: int | None = None) -> Path:
    """A config with these limits; `per_host` None lifts the per-host limit to `concurrency`, so newsreader may
    use every connection on the one loopback host (the polite default, 4, is what users get)."""
    per_host = concurrency if per_host is None else per_host
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"config-c{concurrency}-h{per_host}.toml"
    path.write_text(f"[settings]\nconcurrency = {concurrency}\nper_host = {per_host}\n", "utf-8")
    return path
