"""Driving the browser in tests: real stores, Textual's headless Pilot, and what reaches the screen."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsreader.config import Config, load_config
from newsreader.models import Article, CountryTag
from newsreader.store import Store

START = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
# (source, countries, regions) cycled over the articles; article i is published i hours after START.
KINDS = (
    ("Alpha Wire", ("IR", "IL"), ("Middle East",)),
    ("Beta Post", ("FR",), ("Europe",)),
    ("Gamma Times", ("IR",), ("Middle East",)),
)


def title(i: int) -> str:
    return f"Story {i:05d} headline"


def article(i: int, *, body: str = "") -> Article:
    source, countries, regions = KINDS[i % len(KINDS)]
    when = START + timedelta(hours=i)
    return Article(
        id=f"{i:016x}",
        title=title(i),
        source=source,
        published=when,
        fetched_at=START + timedelta(days=365),
        origin="test",
        url=f"https://example.org/{i}",
        summary=f"Summary of story {i}.",
        body=body or f"Body of story {i}." + (" The zebra crossed." if i % 5 == 0 else ""),
        countries=tuple(CountryTag(c, primary=n == 0) for n, c in enumerate(countries)),
        regions=regions,
    )


def make_store(db: Path, count: int) -> list[Article]:
    """A store of `count` articles, newest last (ids are the index in hex)."""
    made = [article(i) for i in range(count)]
    with Store.open(db) as store:
        for start in range(0, count, 1000):
            store.save(made[start : start + 1000])
    return made


def config(path: Path | None = None) -> Config:
    """The config file at `path`, else the defaults (no feeds, no own regions)."""
    return load_config(path) if path is not None else Config()


Script = Callable[..., Awaitable[None]]


def drive(app: object, script: Script, size: tuple[int, int] = (120, 30)) -> None:
    """Run `script(pilot, app)` against the app under Textual's headless driver, views loaded first."""
    from newsreader.tui.app import BrowseApp

    assert isinstance(app, BrowseApp)

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await script(pilot, app)

    asyncio.run(main())


async def settle(pilot: object) -> None:
    """Let background workers (view counts, fetches) finish and the screen catch up."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    app = pilot.app
    for _ in range(500):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if getattr(app, "views_loaded", True) and not any(w.is_running for w in app.workers):
            return
    raise AssertionError("the app did not settle")


async def until(pilot: object, ready: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait for something the app does on a timer (the footer fills in its keys a moment after start)."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    for _ in range(int(timeout / 0.05)):
        if ready():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out waiting for the screen")


async def press(pilot: object, *keys: str) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await pilot.press(*keys)
    await settle(pilot)


async def type_line(pilot: object, text: str) -> None:
    """Replace what the open prompt holds with `text` and submit it (Enter, as a user does)."""
    from textual.pilot import Pilot
    from textual.widgets import Input

    assert isinstance(pilot, Pilot)
    pilot.app.screen.query_one(Input).value = text  # typing key by key costs ~0.1 s a key under load
    await press(pilot, "enter")


def screen_lines(app: object) -> list[str]:
    """The screen as text, one string per terminal row (what a user reads)."""
    update = _update(app)
    return ["".join(segment.text for strip in line for segment in strip) for line in update.strips]


def terminal_output(app: object) -> str:
    """The bytes Textual would write to a colour terminal for a full redraw of the screen."""
    update = _update(app)
    return str(update.render_segments(app.console))  # type: ignore[attr-defined]


def _update(app: object):  # type: ignore[no-untyped-def]
    screen = app.screen  # type: ignore[attr-defined]
    return screen._compositor.render_update(full=True, screen_stack=app._background_screens)  # type: ignore[attr-defined]


def listed_titles(app: object, rows: Sequence[int]) -> list[str]:
    """The titles of these rows of the article list."""
    articles = app.articles  # type: ignore[attr-defined]
    return [articles.article_at(r).title for r in rows]
