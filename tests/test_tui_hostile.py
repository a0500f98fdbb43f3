"""The hostile-content cases against `browse`: what Textual writes to the terminal carries no sequence from a feed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from newsreader.tui.app import BrowseApp
from tests.helpers import invoke
from tests.test_hostile_content import ATTACKS, assert_inert, hostile_file
from tests.tui_support import config, drive, press, screen_lines, terminal_output, type_line

# What Textual itself writes for a redraw: cursor moves and SGR styling (no hyperlinks: these articles
# have no http link). Everything else would have come from the articles.
TEXTUAL_OWN = re.compile(r"\x1b\[\d+;\d+H|\x1b\[[0-9;]*m")


def loaded(tmp_path: Path) -> Path:
    db = tmp_path / "news.db"
    folder = tmp_path / "hostile"
    for name, attack in ATTACKS.items():
        hostile_file(folder, name, attack)
    hostile_file(folder, "all", " ".join(ATTACKS.values()))  # every attack in one article: one reader to open
    code, _, err = invoke(db, "fetch", str(folder))
    assert code == 0, err
    return db


def assert_screen_inert(app: BrowseApp) -> str:
    written = terminal_output(app)
    assert "\x1b[" in written, "nothing styled was written; this check would prove nothing"
    assert_inert(TEXTUAL_OWN.sub("", written))
    return "\n".join(screen_lines(app))


def test_list_tree_reader_and_search_show_hostile_text_inert_and_literal(tmp_path: Path) -> None:
    db = loaded(tmp_path)

    async def script(pilot: Any, app: BrowseApp) -> None:
        assert app.articles.total == len(ATTACKS) + 1
        app.view_tree.reveal(next(k for k in app.view_tree._view_nodes if k.startswith("source:")))
        await press(pilot)
        screen = assert_screen_inert(app)
        for word in ("RedAlert", "CursorMove", "ClipWrite", "EightBitCsi", "Outlet"):
            assert word in screen
        assert "pwned window title" not in screen
        assert "[bold red]MarkupText[/]" in screen  # titles in the list: markup shown as typed
        # Opening the reader is the slow step (a new screen and its styles), so it is opened once, on the
        # article that carries every attack in every field; the list above showed each attack on its own.
        titles = [app.articles.article_at(row).title for row in range(app.articles.total)]
        app.articles.move_to(next(row for row, t in enumerate(titles) if t.startswith("Hostile all ")))
        await press(pilot, "enter")
        article = app.reader.article
        assert article is not None and article.title.startswith("Hostile all ")
        screen = assert_screen_inert(app)
        assert "Writer" in screen and "second" in screen
        for word in ("RedAlert", "CursorMove", "ScreenClear", "HyperLink", "ClipWrite", "WinTitle", "EightBitOsc"):
            assert word in screen
        assert "pwned window title" not in screen
        assert screen.count("[link=file:///etc/passwd]FileLink[/link]") >= 2  # title, author, body
        await press(pilot, "q")
        await press(pilot, "slash")
        await type_line(pilot, "zebra")
        assert app.articles.total == len(ATTACKS) + 1
        assert_screen_inert(app)
        await press(pilot, "f")
        await type_line(pilot, f"Outlet {ATTACKS['markup']}")  # a source name that is markup
        assert app.articles.total == 1
        assert "[bold red]MarkupText[/]" in screen_lines(app)[-2]  # the status line shows it literally
        assert_screen_inert(app)

    drive(BrowseApp(db, config()), script, size=(200, 60))
