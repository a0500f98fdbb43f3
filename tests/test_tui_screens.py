"""The three main screens (list, reader, help) at 80x24 and 160x48: layout checked on the screen's text,
and each saved as an SVG screenshot by the app itself, compared with the one committed in tests/snapshots/.

After a deliberate change of what the screens show, write the snapshots again and look at them:
    NEWSREADER_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_tui_screens.py -n 0
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from newsreader.tui.app import BrowseApp
from tests.tui_support import config, drive, make_store, press, screen_lines, title, until

N = 30
SNAPSHOTS = Path(__file__).parent / "snapshots"


def same_as_snapshot(svg: str, name: str) -> None:
    """The screenshot equals the committed one (Rich names its CSS classes after a hash of the content:
    equal content, equal names), or becomes it when NEWSREADER_UPDATE_SNAPSHOTS is set."""
    path = SNAPSHOTS / f"browse-{name}.svg"
    if os.environ.get("NEWSREADER_UPDATE_SNAPSHOTS"):
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(svg, encoding="utf-8")
        return
    assert path.exists(), f"no snapshot {path.name}: run with NEWSREADER_UPDATE_SNAPSHOTS=1 and look at it"
    expected = path.read_text(encoding="utf-8")
    if svg != expected:

        def words(text: str) -> list[str]:
            return re.findall(r">([^<]+)</text>", text)

        assert words(svg) == words(expected), f"{path.name}: the text on the screen changed"
        raise AssertionError(f"{path.name}: the same text, other colours or positions")


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
def test_list_reader_and_help_screens(tmp_path: Path, size: tuple[int, int]) -> None:
    db = tmp_path / "news.db"
    make_store(db, N)
    width, height = size
    wide = width >= 100
    shots: dict[str, str] = {}

    async def script(pilot: Any, app: BrowseApp) -> None:
        await until(pilot, lambda: "Open" in screen_lines(app)[-1])
        lines = screen_lines(app)
        assert len(lines) == height
        shots["list"] = app.save_screenshot(path=str(tmp_path), filename=f"list-{width}.svg")
        assert lines[0].startswith("All articles 30")
        newest = next(i for i, line in enumerate(lines) if title(N - 1) in line)
        if wide:
            assert newest == 0  # the tree and the list side by side
            assert "Middle East" in lines[0] and "Gamma Times" in lines[0]
        else:
            assert newest > 3  # the list under the tree
            assert "Gamma Times" in lines[newest]
        assert "Open" in lines[-1] and "Back" in lines[-1]  # the footer lists the keys
        assert "1/30" in lines[-2]

        await press(pilot, "enter")
        lines = screen_lines(app)
        shots["reader"] = app.save_screenshot(path=str(tmp_path), filename=f"reader-{width}.svg")
        reader_row = next(i for i, line in enumerate(lines) if "Body of story 29." in line)
        if wide:
            assert title(N - 2) in "\n".join(lines)  # the list is still beside the reader
            assert "All articles" in lines[0]
        else:
            assert lines[0].strip() == title(N - 1)  # the reader takes the whole screen
            assert not any(title(N - 2) in line for line in lines)
        assert "Link" in "\n".join(lines[:reader_row]) and "https://example.org/29" in "\n".join(lines)

        await press(pilot, "question_mark")
        lines = screen_lines(app)
        shots["help"] = app.save_screenshot(path=str(tmp_path), filename=f"help-{width}.svg")
        text = "\n".join(lines)
        assert "newsreader browse: keys" in text
        for key in ("n / p", "toggle read / unread", "mark every article of this view read", "R"):
            assert key in text
        await press(pilot, "escape")
        assert "newsreader browse: keys" not in "\n".join(screen_lines(app))

    drive(BrowseApp(db, config()), script, size=size)
    for name, path in shots.items():
        svg = Path(path).read_text(encoding="utf-8")
        assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>"), name
        assert "Story&#160;00029&#160;headline" in svg or "Story 00029 headline" in svg or name == "help"
        same_as_snapshot(svg, f"{name}-{width}x{height}")


def test_browse_works_on_the_shipped_seeds_and_the_readme_shows_its_screenshot(tmp_path: Path) -> None:
    from tests.conftest import REPO
    from tests.helpers import invoke

    db = tmp_path / "news.db"
    code, _, err = invoke(db, "fetch", str(REPO / "seeds"))
    assert code == 0, err

    async def script(pilot: Any, app: BrowseApp) -> None:
        assert app.articles.total == 1
        await press(pilot, "enter")
        assert app.reader.article is not None and app.reader.article.source == "Azernews"
        assert "Israeli military sources" in "\n".join(screen_lines(app))

    drive(BrowseApp(db, config()), script)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "](docs/browse.svg)" in readme
    svg = (REPO / "docs" / "browse.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "Azernews" in svg
