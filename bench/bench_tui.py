"""`newsreader browse` at 100k articles: start-up to first paint, page moves, memory (Textual's headless driver).

Each figure comes from a fresh process that builds the app on the cached 100k store (bench/synth.py, as
bench_read.py builds it) and drives it with Textual's Pilot, headless. Nothing here loads the listing
whole: the figures show it (memory stays flat from the first screen to the 1,000th page).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from _common import ROOT, bench_env, limit_row, machine, print_table

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# What every child shares: its clocks, and a hook on the app's display that times the frames it is handed.
# Times are measured from the child's first line (imports included) and, for the first paint, also from the
# parent's spawning of the process (interpreter start-up included: perf_counter is CLOCK_MONOTONIC, one
# clock for every process of the machine). The headless driver writes nothing, so the hook renders each
# frame to the bytes a real terminal would get (that cost counts) and looks for the first article's title.
PRELUDE = r"""
import time
t0 = time.perf_counter()
cpu0 = time.process_time()
import asyncio, importlib.util, json, os, random, resource, sys
spawned = float(sys.argv[1])
out = {}

def frame_hook(cls, looked_for):
    seen = set()
    class Timed(cls):
        def _display(self, screen, renderable):
            super()._display(screen, renderable)
            if renderable is None or "settled_s" in out and "whole_s" in out:
                return
            now, cpu = time.perf_counter(), time.process_time()
            text = renderable.render_segments(self.console) if hasattr(renderable, "render_segments") else ""
            first, whole = looked_for(self)
            if first and first in text and "first_paint_s" not in out:
                out.update(first_paint_s=now - t0, first_paint_cpu_s=cpu - cpu0, first_paint_spawn_s=now - spawned)
            if "first_paint_s" in out and "whole_s" not in out:
                seen.update(w for w in whole if w in text)  # a partial frame redraws only what changed
                if seen >= set(whole):
                    out.update(whole_s=now - t0, whole_cpu_s=cpu - cpu0)

        def on_mount(self):  # Textual calls the base class's on_mount too: this one only adds the timer
            self.call_after_refresh(self._settled)

        def _settled(self):  # the bench's figure until issue 14's last pass: the screen has no work left
            out.setdefault("settled_s", time.perf_counter() - t0)
            out.setdefault("settled_cpu_s", time.process_time() - cpu0)

    return Timed

def pyc_cached(*names):
    return all(os.path.exists(sys.modules[n].__spec__.cached or "") for n in names)
"""

# The browser on the 100k store: the frames, then page moves, jumps and memory.
CHILD = (
    PRELUDE
    + r"""
from pathlib import Path
from newsreader.config import Config
from newsreader.tui.app import BrowseApp
out.update(import_s=time.perf_counter() - t0, import_cpu_s=time.process_time() - cpu0)
db = Path(sys.argv[2]); moves = int(sys.argv[3])

def looked_for(app):
    listing = app.articles
    first = listing.article_at(0) if listing.total else None
    # the first row's title (as the list draws it), then the tree's top views and the footer's keys
    return (first.title[:12] if first else None), ("Starred", "Back", "Help")

Timed = frame_hook(BrowseApp, looked_for)
def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

async def main() -> None:
    app = Timed(db, Config())
    async with app.run_test(size=(160, 48)) as pilot:
        while not {"first_paint_s", "settled_s", "whole_s"} <= set(out):
            await asyncio.sleep(0.001)
        out["pyc"] = pyc_cached("textual.app", "newsreader.tui.app")
        out["rows"] = app.articles.total
        while not app.views_loaded:
            await asyncio.sleep(0.005)
        out["views_s"] = time.perf_counter() - t0
        out["rss_first_mb"] = rss_mb()
        listing = app.articles
        def drawn() -> None:  # what a refresh costs: every visible line of the list, rendered
            listing.render_lines(listing.scrollable_content_region.reset_offset)
        pages, pages_cpu = [], []
        for _ in range(moves):  # PgDn: the next page of rows, read as the cursor reaches it
            start, cpu = time.perf_counter(), time.process_time()
            listing.action_page(1)
            drawn()
            pages.append(time.perf_counter() - start)
            pages_cpu.append(time.process_time() - cpu)
        jumps, jumps_cpu = [], []
        rnd = random.Random(7)
        for _ in range(moves):  # anywhere in the listing (a scroll-bar drag): a page never read before
            start, cpu = time.perf_counter(), time.process_time()
            listing.move_to(rnd.randrange(listing.total))
            drawn()
            jumps.append(time.perf_counter() - start)
            jumps_cpu.append(time.process_time() - cpu)
        keys = []
        for _ in range(20):  # the whole path of a key press, through Textual's event loop and compositor
            start = time.perf_counter()
            await pilot.press("pagedown")
            keys.append(time.perf_counter() - start)
        out.update(page_s=pages, jump_s=jumps, page_cpu_s=pages_cpu, jump_cpu_s=jumps_cpu, key_s=keys, held_rows=listing.held_rows)
        for name, view_key in (("region", "region:Middle East"), ("country", "country:IR")):
            view = next(v for v in app.views if v.key == view_key)
            start, cpu = time.perf_counter(), time.process_time()
            app.select_view(view)
            drawn()
            out[f"{name}_open_s"] = time.perf_counter() - start
            out[f"{name}_open_cpu_s"] = time.process_time() - cpu
            start, cpu = time.perf_counter(), time.process_time()
            listing.move_to(listing.total - 1)
            drawn()
            out[f"{name}_end_s"] = time.perf_counter() - start
            out[f"{name}_end_cpu_s"] = time.process_time() - cpu
            start, cpu = time.perf_counter(), time.process_time()
            listing.action_page(-1)  # a page up from the end: read by key, from the row below it
            drawn()
            out[f"{name}_up_cpu_s"] = time.process_time() - cpu
        out["rss_peak_mb"] = rss_mb()
        app.exit()

asyncio.run(main())
print(json.dumps(out))
"""
)


# `newsreader browse` as typed in a shell: the CLI (Typer, the config, the filters, the store check) and
# then the app, on a pseudo-terminal (browse refuses a pipe), with Textual's headless driver. The app's
# run() is the one line changed: headless, 160x48, and it quits once the frames were timed.
CLI = (
    PRELUDE
    + r"""
import newsreader.tui.app as tui_app  # what the command imports anyway: patched before it runs
result = sys.argv[2]

def looked_for(app):
    listing = app.articles
    first = listing.article_at(0) if listing.total else None
    return (first.title[:12] if first else None), ("Starred", "Back", "Help")

class Headless(frame_hook(tui_app.BrowseApp, looked_for)):
    def run(self, **kwargs):
        async def timed(pilot):
            while not {"first_paint_s", "settled_s", "whole_s"} <= set(out):
                await asyncio.sleep(0.001)
            self.exit()
        return super().run(headless=True, size=(160, 48), auto_pilot=timed)

tui_app.BrowseApp = Headless
sys.argv = ["newsreader", "browse"]
from newsreader.cli import main
try:
    main()
except SystemExit as exc:
    if exc.code:
        raise
with open(result, "w") as f:
    json.dump(out, f)
"""
)


# The floor no Textual app goes below: a bare app (a tree, a line of text, the footer), same driver, size
# and clocks.
BARE = (
    PRELUDE
    + r"""
from textual.app import App
from textual.widgets import Footer, Static, Tree
out.update(import_s=time.perf_counter() - t0, import_cpu_s=time.process_time() - cpu0)

class Bare(App):
    def compose(self):
        yield Tree("Views")
        yield Static("hello")
        yield Footer()

Timed = frame_hook(Bare, lambda app: ("hello", ("hello",)))

async def main() -> None:
    app = Timed()
    async with app.run_test(size=(160, 48)):
        while not {"first_paint_s", "settled_s"} <= set(out):
            await asyncio.sleep(0.001)
        out["pyc"] = pyc_cached("textual.app")
        app.exit()

asyncio.run(main())
print(json.dumps(out))
"""
)


def planted_store(n: int, seed: int = 1) -> Path:
    """A store of n synthetic articles with the tags the generator planted (no tagger run: the browser
    reads tags, it does not make them, and this builds several times faster), cached like bench_read's."""
    import sqlite3
    import time

    from _common import CACHE
    from synth import build_store

    path = CACHE / f"store-{n}-seed{seed}-planted.db"
    if not path.exists():
        partial = path.with_suffix(".building")
        for leftover in CACHE.glob(partial.name + "*"):
            leftover.unlink()
        print(f"building {path} ({n:,} articles, once)…", file=sys.stderr, flush=True)
        start = time.perf_counter()
        build_store(partial, n, seed=seed, tagger="planted", quiet=True)
        conn = sqlite3.connect(partial)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        partial.rename(path)
        print(f"  built in {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    return path


def run_child(db: Path | None, moves: int) -> dict[str, object]:
    """One fresh process: the browser on `db`, or (db None) the bare Textual app of the baseline."""
    env = bench_env()
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    import time

    argv = [sys.executable, "-c", CHILD if db else BARE, "", str(db), str(moves)]
    argv[3] = repr(time.perf_counter())  # read last, just before the spawn
    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def run_cli(db: Path) -> dict[str, object]:
    """One fresh `newsreader browse` on `db`, its standard streams a pseudo-terminal."""
    import pty
    import tempfile
    import time

    env = bench_env(NEWSREADER_DB=str(db))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    master, slave = pty.openpty()
    with tempfile.TemporaryDirectory() as tmp:
        result = Path(tmp) / "out.json"
        argv = [sys.executable, "-c", CLI, "", str(result)]
        argv[3] = repr(time.perf_counter())
        child = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=subprocess.PIPE, env=env)
        os.close(slave)
        _, err = child.communicate(timeout=600)
        os.close(master)
        if child.returncode != 0 or not result.exists():
            raise RuntimeError(err.decode(errors="replace")[-2000:])
        return dict(json.loads(result.read_text()))


def ms(values: list[float]) -> tuple[float, float]:
    """Median and worst, in ms."""
    return statistics.median(values) * 1000, max(values) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="fresh processes (figures are their medians)")
    parser.add_argument("--moves", type=int, default=50, help="page moves and random jumps per process")
    args = parser.parse_args(argv)
    db = planted_store(args.articles)
    runs, bare = [], []
    run_child(None, 0)  # a warm-up of each, not counted: the first run may write the checkout's .pyc files
    run_child(db, 1)
    run_cli(db)
    clis = []
    for _ in range(args.repeat):  # interleaved, so the machine's load weighs on all alike
        bare.append(run_child(None, 0))
        runs.append(run_child(db, args.moves))
        clis.append(run_cli(db))

    def med(key: str) -> float:
        return statistics.median(float(r[key]) for r in runs)  # type: ignore[arg-type]

    def pooled(key: str) -> list[float]:
        return [v for r in runs for v in r[key]]  # type: ignore[attr-defined]

    page_med, page_max = ms(pooled("page_s"))
    jump_med, jump_max = ms(pooled("jump_s"))
    page_cpu, _ = ms(pooled("page_cpu_s"))
    jump_cpu, _ = ms(pooled("jump_cpu_s"))
    key_med, _ = ms(pooled("key_s"))

    def bare_med(key: str) -> float:
        return statistics.median(float(r[key]) for r in bare) * 1000  # type: ignore[arg-type]

    def cli_med(key: str) -> float:
        return statistics.median(float(r[key]) for r in clis) * 1000  # type: ignore[arg-type]

    rows = [
        limit_row(
            "`newsreader browse` from the shell: its first frame, from the spawn",
            cli_med("first_paint_spawn_s"),
            500,
            "ms",
        ),
        limit_row("  the same in CPU time (the CLI and Typer included)", cli_med("first_paint_cpu_s"), 500, "ms"),
        limit_row("  its whole screen, from the child's first line", cli_med("whole_s"), 500, "ms"),
        limit_row(
            "first paint: the first frame with the list (from the child's first line)",
            med("first_paint_s") * 1000,
            500,
            "ms",
        ),
        limit_row(
            "  the same from the spawn of the process (interpreter start-up included)",
            med("first_paint_spawn_s") * 1000,
            500,
            "ms",
        ),
        limit_row(
            "  the same in CPU time (what the machine's load does not inflate)",
            med("first_paint_cpu_s") * 1000,
            500,
            "ms",
        ),
        limit_row("  of which importing Textual and newsreader (CPU)", med("import_cpu_s") * 1000, 500, "ms"),
        limit_row(
            "  a bare Textual app (tree, text, footer), its first frame: the floor",
            bare_med("first_paint_s"),
            500,
            "ms",
        ),
        limit_row("  the bare app from its spawn", bare_med("first_paint_spawn_s"), 500, "ms"),
        limit_row("  the bare app's first frame, CPU", bare_med("first_paint_cpu_s"), 500, "ms"),
        limit_row(
            "  browse's first frame minus the bare app's, CPU",
            med("first_paint_cpu_s") * 1000 - bare_med("first_paint_cpu_s"),
            500,
            "ms",
        ),
        limit_row("the whole screen: tree, list, footer drawn", med("whole_s") * 1000, 500, "ms"),
        limit_row("  the same in CPU time", med("whole_cpu_s") * 1000, 500, "ms"),
        limit_row(
            "the screen settled (no layout or repaint pending; the figure before)", med("settled_s") * 1000, 500, "ms"
        ),
        limit_row("  the same in CPU time", med("settled_cpu_s") * 1000, 500, "ms"),
        limit_row("  the bare app settled, CPU", bare_med("settled_cpu_s"), 500, "ms"),
        limit_row("tree with every view and unread count", med("views_s") * 1000, 5000, "ms"),
        limit_row(f"page down (median of {len(pooled('page_s'))})", page_med, 50, "ms"),
        limit_row("page down (worst)", page_max, 50, "ms"),
        limit_row("page down, CPU time (median)", page_cpu, 50, "ms"),
        limit_row("jump to a random row: a new page (median)", jump_med, 50, "ms"),
        limit_row("jump to a random row (worst)", jump_max, 50, "ms"),
        limit_row("jump to a random row, CPU time (median)", jump_cpu, 50, "ms"),
        limit_row("PgDn key via Pilot (its own waits included; median)", key_med, 50, "ms"),
        limit_row("open view Middle East / its last row", med("region_open_s") * 1000, 500, "ms"),
        limit_row("  … its last row", med("region_end_s") * 1000, 500, "ms"),
        limit_row("  open it, CPU", med("region_open_cpu_s") * 1000, 500, "ms"),
        limit_row("  … its last row, CPU", med("region_end_cpu_s") * 1000, 50, "ms"),
        limit_row("  … a page up from there, CPU", med("region_up_cpu_s") * 1000, 50, "ms"),
        limit_row("open view Iran", med("country_open_s") * 1000, 500, "ms"),
        limit_row("  … its last row", med("country_end_s") * 1000, 500, "ms"),
        limit_row("  open it, CPU", med("country_open_cpu_s") * 1000, 500, "ms"),
        limit_row("  … its last row, CPU", med("country_end_cpu_s") * 1000, 50, "ms"),
        limit_row("  … a page up from there, CPU", med("country_up_cpu_s") * 1000, 50, "ms"),
        limit_row("memory after the first screen (peak RSS)", med("rss_first_mb"), 150, "MB"),
        limit_row("memory after every move above (peak RSS)", med("rss_peak_mb"), 150, "MB"),
    ]
    held = max(int(r["held_rows"]) for r in runs)  # type: ignore[call-overload]
    print_table(
        f"browse at {int(runs[0]['rows']):,} articles",  # type: ignore[call-overload]
        rows,
        f"{machine()}; load average {os.getloadavg()[0]:.1f}; {args.repeat} fresh processes, 160x48; "
        f"rows held by the list at the end: {held}; bytecode cached for every run: "
        f"{all(r.get('pyc') for r in (*runs, *bare))}.",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
