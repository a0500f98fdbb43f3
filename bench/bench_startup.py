"""Start-up: `newsreader --help` and `--version` against `python -c "import typer"` (target ≤ 1.3×)."""

from __future__ import annotations

import argparse
import sys

from _common import machine, newsreader_cmd, print_table, ratio_row, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    nr = newsreader_cmd()
    base = run([sys.executable, "-c", "import typer"], repeat=args.repeat)
    version = run([*nr, "--version"], repeat=args.repeat)
    help_ = run([*nr, "--help"], repeat=args.repeat)
    rows = [
        ratio_row("newsreader --version", version.wall, "import typer", base.wall, 1.3),
        ratio_row("newsreader --help", help_.wall, "import typer", base.wall, 1.3),
    ]
    print_table("Start-up", rows, f"median of {args.repeat} fresh processes; {' '.join(nr)}; {machine()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
