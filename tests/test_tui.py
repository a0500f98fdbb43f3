"""`newsreader browse`: the Textual app on real SQLite stores, driven by Textual's Pilot (headless)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsreader.tui.app import BrowseApp
from tests.helpers import invoke
from tests.tui_support import config, drive, make_store, press, screen_lines, settle, title, type_line

N = 30  # articles in the small store: 10 per source, newest is Story 00029


@pytest.fixture
def store(tmp_path: Path) -> Path:
    db = tmp_path / "news.db"
    make_store(db, N)
    return db


def app_for(db: Path, **kwargs: Any) -> BrowseApp:
    return BrowseApp(db, config(), **kwargs)


def test_list_is_newest_first_and_keys_move_the_cursor(store: Path) -> None:
    async def script(pilot: Any, app: BrowseApp) -> None:
        assert app.articles.total == N
        assert app.articles.current.title == title(N - 1)
        await press(pilot, "j", "j", "down")
        assert app.articles.cursor == 3 and app.articles.current.title == title(N - 4)
        await press(pilot, "k")
        assert app.articles.cursor == 2
        await press(pilot, "end")
        assert app.articles.current.title == title(0)
        await press(pilot, "home")
        assert app.articles.cursor == 0
        screen = "\n".join(screen_lines(app))
        assert title(N - 1) in screen and "Alpha Wire" in screen and "2026-01-02" in screen
        await pilot.click("#list", offset=(10, 4))  # the mouse: a click selects the row, a double click opens it
        await press(pilot)
        assert app.articles.current.title == title(N - 5)
        await pilot.click("#list", offset=(10, 6), times=2)
        await press(pilot)
        assert app.reading and app.reader.article is not None and app.reader.article.title == title(N - 7)

    drive(app_for(store), script)


def test_enter_opens_the_reader_and_q_goes_back_then_quits(store: Path) -> None:
    async def script(pilot: Any, app: BrowseApp) -> None:
        await press(pilot, "j", "enter")
        assert app.reading
        assert app.reader.article is not None and app.reader.article.title == title(N - 2)
        screen = "\n".join(screen_lines(app))
        assert f"Body of story {N - 2}." in screen and "https://example.org/28" in screen
        await press(pilot, "q")
        assert not app.reading and app.focused is app.articles
        await press(pilot, "q")
        assert app.focused is app.view_tree
        await press(pilot, "q")
        assert not app.is_running

    drive(app_for(store), script)


def test_the_tree_lists_views_with_counts_and_selecting_one_lists_it(store: Path) -> None:
    async def script(pilot: Any, app: BrowseApp) -> None:
        tree = app.view_tree
        labels = {str(node.label) for node in tree._view_nodes.values()}
        assert {"All articles 30", "Alpha Wire 10", "Beta Post 10", "Iran (IR) 20", "France (FR) 10"} <= labels
        assert "Middle East 20" in labels and "Europe 10" in labels
        tree.focus()
        tree.reveal("source:beta post")
        await press(pilot)
        await press(pilot, "enter")
        assert app.focused is app.articles
        assert app.articles.total == 10
        assert {app.articles.article_at(r).source for r in range(10)} == {"Beta Post"}
        assert app.articles.current.title == title(28)  # 28 % 3 == 1: the newest Beta Post story

    drive(app_for(store), script)


def test_source_region_and_country_filters_narrow_the_list(store: Path) -> None:
    async def script(pilot: Any, app: BrowseApp) -> None:
        await press(pilot, "f")
        await type_line(pilot, "Gamma Times")
        assert app.articles.total == 10
        await press(pilot, "f")
        await type_line(pilot, "")  # an empty answer clears the filter
        assert app.articles.total == N
        await press(pilot, "r")
        await type_line(pilot, "Europe")
        assert app.articles.total == 10 and app.articles.current.source == "Beta Post"
        await press(pilot, "r")
        await type_line(pilot, "")
        await press(pilot, "c")
        await type_line(pilot, "Israel")
        assert app.articles.total == 10 and app.articles.current.source == "Alpha Wire"
        status = screen_lines(app)[-2]
        assert "country IL" in status and "1/10" in status

    drive(app_for(store), script)


def test_an_unknown_country_is_reported_and_the_filter_left_alone(store: Path) -> None:
    async def script(pilot: Any, app: BrowseApp) -> None:
        await press(pilot, "c")
        await type_line(pilot, "Narnia")
        assert app.articles.total == N
        assert any("unknown country" in str(n.message) for n in app._notifications)

    drive(app_for(store), script)


def test_search_becomes_a_view_of_its_hits_newest_first(store: Path) -> None:
    async def script(pilot: Any, app: BrowseApp) -> None:
        await press(pilot, "slash")
        await type_line(pilot, "zebra")
        zebras = [i for i in range(N) if i % 5 == 0]
        assert app.articles.total == len(zebras)
        assert [app.articles.article_at(r).title for r in range(len(zebras))] == [title(i) for i in reversed(zebras)]
        assert "search:zebra" in app.view_tree._view_nodes

    drive(app_for(store), script)


def test_paging_keeps_few_rows_in_memory(tmp_path: Path) -> None:
    db = tmp_path / "big.db"
    total = 3000
    make_store(db, total)

    async def script(pilot: Any, app: BrowseApp) -> None:
        listing = app.articles
        assert listing.total == total
        seen = []
        for _ in range(12):
            await press(pilot, "pagedown")
            seen.append(listing.held_rows)
        await press(pilot, "end")
        assert listing.current.title == title(0)
        seen.append(listing.held_rows)
        listing.move_to(1500)
        await press(pilot)
        assert listing.current.title == title(total - 1 - 1500)
        seen.append(listing.held_rows)
        assert max(seen) <= 5 * 50  # MAX_PAGES pages of 50 rows, never the 3000

    drive(app_for(db, page_rows=50), script, size=(120, 40))


def test_browse_refuses_a_pipe_with_one_line(store: Path) -> None:
    code, out, err = invoke(store, "browse")
    assert code == 2
    assert out == ""
    assert err == "newsreader: error: browse needs an interactive terminal; in scripts use `show` or `search`\n"


def test_background_fetch_from_the_feed_server_while_navigating(store: Path, tmp_path: Path) -> None:
    import threading

    from tests.helpers import rss, serve_feeds

    items = [(f"Fresh item {i}", f"https://fresh.example/{i}", f"fresh-{i}", "Iran talks resumed.") for i in range(5)]
    documents = {"/a.xml": rss("Fresh Feed", items[:3]), "/b.xml": rss("Other Feed", items[3:])}
    release = threading.Event()

    def stall(path: str) -> None:
        if path == "/b.xml":
            release.wait(20)  # the second feed answers only once the test has navigated meanwhile

    with serve_feeds(documents, before=stall) as base:
        cfg = tmp_path / "config.toml"
        cfg.write_text(
            f'[[feeds]]\nurl = "{base}/a.xml"\nname = "Fresh"\n\n[[feeds]]\nurl = "{base}/b.xml"\nname = "Other"\n',
            encoding="utf-8",
        )

        async def script(pilot: Any, app: BrowseApp) -> None:
            await pilot.press("R")
            await pilot.pause(0.2)
            assert app.fetching.running
            await pilot.press("j", "j", "enter")  # the screen answers while the fetch runs
            await pilot.pause()
            assert app.reading and app.reader.article is not None
            assert app.reader.article.title == title(N - 3)
            assert "fetching" in screen_lines(app)[-2]
            await pilot.press("q")
            release.set()
            await settle(pilot)
            assert not app.fetching.running
            assert app.articles.total == N + 5  # the list was read again when the fetch ended
            assert any("Fetched: 5 new, 0 updated, 0 failed." in str(n.message) for n in app._notifications)
            labels = {str(node.label) for node in app.view_tree._view_nodes.values()}
            assert {"Fresh 3", "Other 2"} <= labels

        drive(BrowseApp(store, config(cfg)), script)


@pytest.mark.parametrize("width", [30, 80, 120])
def test_rows_fit_their_width_in_every_script(width: int) -> None:
    from dataclasses import replace

    from rich.cells import cell_len

    from newsreader.tui.article_list import row_text
    from tests.tui_support import article

    for headline in (
        "Переговоры в Женеве возобновились",
        "محادثات جنيف تستأنف",
        "日内瓦会谈恢复进行中国代表团",
        "Talks",
    ):
        row = row_text(replace(article(1), title=headline, source="新华社 Xinhua"), width)
        assert cell_len(row) == width, (headline, row)
        assert row.rstrip().endswith(headline[:3]) or headline[:3] in row


def test_only_the_tui_package_imports_textual_and_the_core_of_browse_no_terminal_library() -> None:
    import re
    import subprocess
    import sys

    from tests.conftest import REPO

    package = REPO / "newsreader"
    importers = {
        str(p.relative_to(package))
        for p in package.rglob("*.py")
        if re.search(r"^\s*(from|import) textual\b", p.read_text(encoding="utf-8"), re.MULTILINE)
    }
    assert importers and all(name.startswith("tui/") for name in importers), importers
    probe = "import sys, newsreader.core.browse, newsreader.store.pages\nprint(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich', 'typer'}))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_footer_lists_the_focused_panes_keys_and_a_click_on_one_presses_it(store: Path) -> None:
    from tests.tui_support import until

    async def script(pilot: Any, app: BrowseApp) -> None:
        await until(pilot, lambda: "Open" in screen_lines(app)[-1])
        footer = screen_lines(app)[-1]
        assert footer.startswith(" ⏎ Open  q Back  ? Help  n Next unread  N Read  A All read  s Star")
        await press(pilot, "enter")  # the reader has no Enter: the footer follows the focus
        await until(pilot, lambda: not screen_lines(app)[-1].startswith(" ⏎"))
        footer = screen_lines(app)[-1]
        assert footer.startswith(" q Back  ? Help")
        await pilot.click("#keys", offset=(footer.index("? Help"), 0))
        await press(pilot)
        assert "newsreader browse: keys" in "\n".join(screen_lines(app))

    drive(app_for(store), script)


def test_moving_through_the_list_costs_the_same_in_a_store_sixteen_times_larger(tmp_path: Path) -> None:
    """Paging, not loading: the SQL work of paging down, going to the end and paging up from there does not
    grow with the store (SQLite's virtual-machine steps, counted by its progress handler), and the list
    holds a few pages of rows. Only the count of the view (for the scroll bar) reads the whole index."""
    steps: dict[int, int] = {}
    held: dict[int, int] = {}
    for total in (500, 8000):
        db = tmp_path / f"{total}.db"
        made = make_store(db, total)

        async def script(pilot: Any, app: BrowseApp, total: int = total, made: list[Any] = made) -> None:
            listing = app.articles
            assert listing.total == total
            ticks = [0]

            def tick() -> int:
                ticks[0] += 1
                return 0

            store = app.pager._open()
            assert store is not None
            store._conn.set_progress_handler(tick, 100)  # a call every 100 steps
            for _ in range(4):
                await press(pilot, "pagedown")
            await press(pilot, "end")
            await press(pilot, "pageup")
            store._conn.set_progress_handler(None, 0)
            steps[total] = ticks[0]
            held[total] = listing.held_rows
            assert listing.current.title == made[listing.size.height - 1].title  # a page above the oldest

        drive(app_for(db, page_rows=50), script, size=(120, 40))
    assert steps[8000] <= 2 * steps[500] + 20, steps  # loading would cost 16 times as much
    assert max(held.values()) <= 5 * 50, held
