"""Write docs/browse.svg: `newsreader browse` on the shipped seeds, an article open, as the app itself saves it."""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


async def _shoot(db: Path, out: Path, size: tuple[int, int]) -> None:
    from newsreader.config import Config
    from newsreader.tui.app import BrowseApp

    app = BrowseApp(db, Config())
    async with app.run_test(size=size) as pilot:
        while not app.views_loaded:
            await pilot.pause(0.05)
        await pilot.press("enter")
        await pilot.pause()
        app.save_screenshot(filename=out.name, path=str(out.parent))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path, nargs="?", default=ROOT / "docs" / "browse.svg")
    parser.add_argument("--size", default="120x30", help="terminal size, COLUMNSxROWS")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.split("x"))
    from newsreader import core
    from newsreader.config import Config

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "seeds.db"
        report = core.fetch(db, Config(), [str(ROOT / "seeds")])
        assert not report.failed, report
        args.out.parent.mkdir(parents=True, exist_ok=True)
        asyncio.run(_shoot(db, args.out, (width, height)))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
