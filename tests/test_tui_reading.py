"""`browse` with read state and stars: opening marks read, N, s, A (exactly the view), u, n/p; all persisted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsreader.tui.app import BrowseApp
from tests.helpers import invoke
from tests.tui_support import config, drive, make_store, press, screen_lines, title, type_line

pytest.importorskip("newsreader.core.reading", reason="read state (issue 13) is not in this build")

N = 30


@pytest.fixture
def store(tmp_path: Path) -> Path:
    db = tmp_path / "news.db"
    make_store(db, N)
    return db


def unread_ids(db: Path, *filters: str) -> set[str]:
    """What `show --unread` lists: the oracle is the CLI, not the app."""
    code, out, err = invoke(db, "show", "--unread", "-n", "1000", "--json", *filters)
    assert code == 0, err
    return {item["id"] for item in json.loads(out)}


def starred_ids(db: Path) -> set[str]:
    code, out, err = invoke(db, "show", "--starred", "-n", "1000", "--json")
    assert code == 0, err
    return {item["id"] for item in json.loads(out)}


def test_opening_marks_read_n_toggles_and_s_stars_all_persisted(store: Path) -> None:
    async def script(pilot: Any, app: BrowseApp) -> None:
        newest = app.articles.current
        assert newest is not None and not newest.read
        await press(pilot, "enter")
        assert app.reader.article is not None and app.reader.article.read
        await press(pilot, "q", "j", "N")  # the second one marked read without opening it
        second = app.articles.current
        assert second is not None and second.read
        await press(pilot, "s")
        assert app.articles.current.starred
        row = app.articles.cursor
        assert "★" in screen_lines(app)[row] and "●" not in screen_lines(app)[row]
        await press(pilot, "k", "N")  # the first one unread again
        assert not app.articles.current.read

    drive(BrowseApp(store, config()), script)
    everything = {f"{i:016x}" for i in range(N)}
    assert unread_ids(store) == everything - {f"{N - 2:016x}"}
    assert starred_ids(store) == {f"{N - 2:016x}"}


def test_mark_all_marks_exactly_the_view_with_its_filter(store: Path) -> None:
    async def script(pilot: Any, app: BrowseApp) -> None:
        tree = app.view_tree
        tree.reveal("source:alpha wire")
        await press(pilot)
        tree.focus()
        await press(pilot, "enter")
        await press(pilot, "c")
        await type_line(pilot, "Israel")  # Alpha Wire articles are about Iran and Israel: all 10 stay
        await press(pilot, "A")
        assert any("Marked 10 articles read." in str(n.message) for n in app._notifications)
        labels = {str(node.label) for node in tree._view_nodes.values()}
        assert "Alpha Wire 0" in labels and "Beta Post 10" in labels and "Unread 20" in labels

    drive(BrowseApp(store, config()), script)
    alpha = {f"{i:016x}" for i in range(N) if i % 3 == 0}
    assert unread_ids(store) == {f"{i:016x}" for i in range(N)} - alpha
    assert unread_ids(store, "--source", "Alpha Wire") == set()


def test_mark_all_in_a_search_view_marks_its_hits_only(store: Path) -> None:
    async def script(pilot: Any, app: BrowseApp) -> None:
        await press(pilot, "slash")
        await type_line(pilot, "zebra")
        await press(pilot, "A")

    drive(BrowseApp(store, config()), script)
    zebras = {f"{i:016x}" for i in range(N) if i % 5 == 0}
    assert unread_ids(store) == {f"{i:016x}" for i in range(N)} - zebras


def test_unread_only_and_next_unread_skip_what_was_read(store: Path) -> None:
    invoke(store, "mark", "read", f"{N - 2:016x}", f"{N - 3:016x}")

    async def script(pilot: Any, app: BrowseApp) -> None:
        assert app.articles.current.title == title(N - 1)
        await press(pilot, "n")  # skips the two read ones
        assert app.articles.current.title == title(N - 4)
        await press(pilot, "p")
        assert app.articles.current.title == title(N - 1)
        await press(pilot, "u")
        assert app.articles.total == N - 2
        assert "unread only" in screen_lines(app)[-2]
        await press(pilot, "enter")
        await press(pilot, "n")  # in the reader, n opens the next unread one (and marks it read)
        assert app.reader.article is not None and app.reader.article.title == title(N - 4)
        await press(pilot, "q", "u")
        assert app.articles.total == N

    drive(BrowseApp(store, config()), script)
    assert unread_ids(store) == {f"{i:016x}" for i in range(N)} - {f"{i:016x}" for i in (N - 1, N - 2, N - 3, N - 4)}


def test_o_hands_the_link_to_the_browser_and_marks_it_read(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)

    async def script(pilot: Any, app: BrowseApp) -> None:
        await press(pilot, "o")
        assert opened == [f"https://example.org/{N - 1}"]  # the newest article's link (tui_support)
        assert app.articles.current.read

    drive(BrowseApp(store, config()), script)
    assert f"{N - 1:016x}" not in unread_ids(store)
