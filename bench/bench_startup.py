"""Start-up: `newsreader --help` and `--version` against `python -c "import typer"` (target ≤ 1.3×)."""

from __future__ import annotations

import argparse
import sys

from _common import bench_env, machine, newsreader_cmd, print_table, ratio_row, run
from bench_read import with_bytecode_cache


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    nr = newsreader_cmd()
    env = with_bytecode_cache(bench_env())  # as installed: bytecode compiled once, like typer's
    base = run([sys.executable, "-c", "import typer"], repeat=args.repeat, env=env)
    version = run([*nr, "--version"], repeat=args.repeat, env=env)
    help_ = run([*nr, "--help"], repeat=args.repeat, env=env)
    rows = [
        ratio_row("newsreader --version", version.wall, "import typer", base.wall, 1.3),
        ratio_row("newsreader --help", help_.wall, "import typer", base.wall, 1.3),
    ]
    print_table("Start-up", rows, f"median of {args.repeat} fresh processes; {' '.join(nr)}; {machine()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
