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


def cached_store(n: int, seed: int = 1, *, mixed: bool = False) -> Path:
    """A store of n synthetic articles, built on first use; `mixed`: outlets in many languages (synth.LANGUAGES),
    tagged with the countries the generator planted (the geo tagger knows only some of their scripts' names,
    and at 1M its time would dominate the build).

    The build's figures (seconds of ingest, wall and CPU, the load average, the schema version) are kept
    beside it in a .json file, so a later run can still report them.
    """
    import json
    import os

    from synth import build_store

    path = CACHE / f"store-{n}-seed{seed}{'-mixed' if mixed else ''}.db"
    if not path.exists():
        partial = path.with_suffix(".partial")
        for leftover in CACHE.glob(partial.name + "*"):
            leftover.unlink()
        print(f"building {path} ({n:,} articles, once)…", file=sys.stderr, flush=True)
        start = time.perf_counter()
        times = build_store(partial, n, seed=seed, quiet=True, mixed=mixed, tagger="planted" if mixed else "auto")
        import sqlite3

        conn = sqlite3.connect(partial)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        schema = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.close()
        info = {**times, "wall_s": time.perf_counter() - start, "schema": schema, "load": os.getloadavg()}
        info["size_mb"] = partial.stat().st_size / 1e6
        info["when"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        path.with_suffix(".json").write_text(json.dumps(info, indent=1), "utf-8")
        partial.rename(path)
        print(f"  built in {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    return path


def build_info(path: Path) -> dict[str, object]:
    """What cached_store recorded about the build of this store ({} for a store built before it did)."""
    import json

    info = path.with_suffix(".json")
    return json.loads(info.read_text("utf-8")) if info.exists() else {}


YEAR = 365 * 86400


def grown_store(base: Path, years: int) -> Path:
    """The `base` store with `years - 1` earlier years of the same outlets: a store kept for `years` years.

    A shortcut for sizes this machine cannot build through Store.save in a session (1M articles: hours on
    a shared 2-core machine). Year k's rows are the base's with new ids and links, their dates k years
    earlier, every tag, story and index entry copied (index terms made once per base article: the same
    text gives the same terms). So every table, index and doclist grows as a real store's would, except
    the vocabulary, which is the base's. The build's figures are recorded as cached_store's are.
    """
    import hashlib
    import json
    import os
    import sqlite3
    import time
    from datetime import UTC, datetime

    from newsreader.store.schema import index_row, register_functions, unpack

    path = base.with_name(base.stem + f"-x{years}y.db")
    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    for leftover in CACHE.glob(partial.name + "*"):
        leftover.unlink()
    print(f"building {path} ({years} years of {base.name}, once)…", file=sys.stderr, flush=True)
    start, cpu = time.perf_counter(), time.process_time()
    src = sqlite3.connect(base)
    src.execute(f"VACUUM INTO '{partial}'")
    src.close()
    conn = sqlite3.connect(partial, isolation_level=None)
    register_functions(conn)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.create_function(
        "bench_id", 2, lambda i, k: hashlib.sha1(f"{i}/{k}".encode()).hexdigest()[:16], deterministic=True
    )
    conn.create_function("bench_iso", 1, lambda ts: datetime.fromtimestamp(ts, UTC).isoformat(), deterministic=True)
    n = conn.execute("SELECT max(seq) FROM articles").fetchone()[0]
    stories = conn.execute("SELECT coalesce(max(story), 0) FROM stories").fetchone()[0]
    index = [
        index_row(seq, t, su, unpack(b), so, lang)
        for seq, t, su, b, so, lang in conn.execute("SELECT seq, title, summary, body, source, language FROM articles")
    ]
    columns = [r[1] for r in conn.execute("PRAGMA table_info(articles)")]
    changed = {
        "seq": "seq + :off",
        "id": "bench_id(id, :k)",
        "published": "bench_iso(published_ts - :shift)",
        "published_ts": "published_ts - :shift",
        "fetched_at": "bench_iso(strftime('%s', fetched_at) - :shift)",
        "url": "url || '?y=' || :k",
        "url_key": "CASE WHEN url_key = '' THEN '' ELSE url_key || '?y=' || :k END",
    }
    select = ", ".join(changed.get(c, c) for c in columns)
    for k in range(1, years):
        p = {"k": k, "off": k * n, "shift": k * YEAR, "soff": k * stories}
        conn.execute("BEGIN")
        conn.execute(f"INSERT INTO articles ({', '.join(columns)}) SELECT {select} FROM articles WHERE seq <= {n}", p)
        for table, cols in (
            ("article_countries", "article, code, mentions, in_lead, is_primary, declared"),
            ("article_regions", "article, region"),
            ("article_origins", "article, origin, source"),
        ):
            rest = cols.split(", ", 1)[1]
            conn.execute(
                f"INSERT INTO {table} ({cols}) SELECT article + :off, {rest} FROM {table} WHERE article <= {n}", p
            )
        conn.execute(
            "INSERT INTO story_members (article, story, published_ts, source, countries, terms) "
            f"SELECT article + :off, story + :soff, published_ts - :shift, source, countries, terms FROM story_members "
            f"WHERE article <= {n}",
            p,
        )
        conn.execute(
            "INSERT INTO stories (story, id, articles, sources, first_ts, last_ts) "
            "SELECT story + :soff, bench_id(id, :k), articles, sources, first_ts - :shift, last_ts - :shift "
            f"FROM stories WHERE story <= {stories}",
            p,
        )
        conn.executemany(
            "INSERT INTO articles_fts (rowid, title, summary, body, source) VALUES (?, ?, ?, ?, ?)",
            [(row[0] + k * n, *row[1:]) for row in index],
        )
        conn.execute("COMMIT")
        print(f"  year {k + 1} of {years}", file=sys.stderr, flush=True)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    info = {
        "from": base.name,
        "years": years,
        "wall_s": time.perf_counter() - start,
        "cpu_s": time.process_time() - cpu,
        "load": os.getloadavg(),
        "size_mb": partial.stat().st_size / 1e6,
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    path.with_suffix(".json").write_text(json.dumps(info, indent=1), "utf-8")
    partial.rename(path)
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


SCALE_COMMANDS = {
    "show --limit 20": ["show", "--limit", "20"],
    "search Iran --limit 20": ["search", "Iran", "--limit", "20"],
    "show --region 'Middle East'": ["show", "--region", "Middle East", "--limit", "20"],
    "show --country Iran": ["show", "--country", "Iran", "--limit", "20"],
    "search Iran --region 'Middle East'": ["search", "Iran", "--region", "Middle East", "--limit", "20"],
    "stories --limit 20": ["stories", "--limit", "20"],
    "trends --country Iran": ["trends", "--country", "Iran"],
    "trends (rising)": ["trends"],
}
SCALE_TARGET = {"show --limit 20": 1.5, "search Iran --limit 20": 1.5}  # at 1M, against --version


def scale(sizes: list[int], repeat: int, grow_from: int) -> None:
    """Mixed-language stores of each size: build, file size, and every read command in fresh processes.

    Sizes above `grow_from` are that store with earlier years (grown_store), the rest built through
    Store.save. Each size's --version is measured right before its commands, so ratios share the minutes.
    """
    stores: dict[int, Path] = {}
    for n in sizes:
        if n > grow_from and n % grow_from == 0:
            stores[n] = grown_store(cached_store(grow_from, mixed=True), n // grow_from)
        else:
            stores[n] = cached_store(n, mixed=True)
    nr = newsreader_cmd()
    env = with_bytecode_cache(bench_env())
    walls: dict[tuple[int, str], float] = {}
    cpus: dict[tuple[int, str], float] = {}
    build_rows = []
    for n, path in stores.items():
        info = build_info(path)
        label = f"{n // 1000}k"
        if "from" in info:
            base = build_info(CACHE / str(info["from"]))
            how = f"{info['from']} + {int(info['years']) - 1} earlier years: {float(info['wall_s']):.0f} s, CPU {float(info['cpu_s']):.0f} s"
            how += f" (the base: Store.save, ingest {float(base.get('ingest_s', 0)):.0f} s, CPU {float(base.get('ingest_cpu_s', 0)):.0f} s)"
        elif info:
            how = f"Store.save: ingest {float(info['ingest_s']):.0f} s, CPU {float(info['ingest_cpu_s']):.0f} s"
        else:
            how = "built before build figures were kept"
        build_rows.append((f"store at {label}", f"{path.stat().st_size / 1e6:.0f} MB", how, "", ""))
    print_table("Mixed-language stores", build_rows, machine())
    for n, path in stores.items():
        label = f"{n // 1000}k"
        version = run([*nr, "--version"], repeat=repeat, env=env)
        rows = [ratio_row(f"--version ({label})", version.wall, "", version.wall, None)]
        for name, cmd in SCALE_COMMANDS.items():
            result = run([*nr, "--db", str(path), *cmd], repeat=repeat, env=env)
            walls[n, name], cpus[n, name] = result.wall, result.cpu
            target = SCALE_TARGET.get(name) if n >= 1_000_000 else None
            rows.append(ratio_row(f"{name} ({label})", result.wall, "--version", version.wall, target))
            rows.append(ratio_row(f"{name} ({label}), CPU", result.cpu, "--version", version.cpu, target))
        print_table(f"Reading a {label} mixed store (fresh processes)", rows, f"median of {repeat}; {machine()}")
    small = sizes[0]
    growth = [
        row
        for name in SCALE_COMMANDS
        for n in sizes[1:]
        for row in (
            ratio_row(f"{name} at {n // 1000}k", walls[n, name], f"{small // 1000}k", walls[small, name], n / small),
            ratio_row(f"{name} at {n // 1000}k, CPU", cpus[n, name], f"{small // 1000}k", cpus[small, name], n / small),
        )
    ]
    print_table("Growth of whole runs with the store (target: below the size ratio)", growth, machine())
    times = {n: query_times(p) for n, p in stores.items()}
    inner = [
        ratio_row(
            f"{name} at {n // 1000}k",
            times[n][name] * 1000,
            f"{small // 1000}k",
            times[small][name] * 1000,
            n / small,
            "ms",
        )
        for name in QUERIES
        for n in sizes[1:]
    ]
    print_table("Query-only time growth, mixed stores (in process; target: below the size ratio)", inner, machine())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="store sizes for the growth table")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument(
        "--scale",
        action="store_true",
        help="mixed-language stores at every size: build, size, show/search/filters/stories/trends (see scale())",
    )
    parser.add_argument(
        "--grow-from", type=int, default=100_000, help="with --scale: larger sizes are this store grown"
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.scale:
        scale(sizes, args.repeat, args.grow_from)
        return 0
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
