"""Every command example in README.md runs against the seeds and does what the text beside it says.

The examples are read from the README's ```sh blocks (each line that starts with `newsreader`), so a new
command documented there is tested here without touching this file. `ID` stands for the seed's id,
looked up, never written down. What an example needs from outside runs against a local stand-in: the
network is a feed server on 127.0.0.1 (the configured feeds and the one outlet address point there), the
user's files are written into the test's home and working folders, the browser is a script that records
the link. Only the full-screen browser is left out, in NOT_RUN with the reason (it is not collected: it
is driven headless in tests/test_tui*.py). EXPECT holds what the text promises for some.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.helpers import rss, serve_feeds

README = REPO / "README.md"

# Examples not run here, by their first words after `newsreader`, with the reason (left out of collection).
NOT_RUN = {
    "browse": "a full-screen terminal application; tests/test_tui*.py drive it headless",
}
# The README's one real outlet address; the example fetches the loopback server's feed instead.
OUTLET = "https://www.aljazeera.com/xml/rss/all.xml"
STAND_IN_FEED = rss(
    "Stand-in Wire",
    [("Sahel ministers meet in Niamey", "https://stand-in.example/1", "stand-in-1", "Talks in Niger.")],
)

# What the README's text says an example does, as (stream, text that must appear).
EXPECT = {
    "newsreader show ID": ("stdout", "Israeli military sources"),
    "newsreader search Iran": ("stdout", "Azernews"),
    "newsreader paths": ("stdout", "database:"),
    "newsreader sources": ("stdout", "Azernews"),
    "newsreader regions": ("stdout", "Middle East"),
}


def _examples() -> list[str]:
    text = README.read_text(encoding="utf-8")
    found: list[str] = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.splitlines():
            command = re.sub(r"\s+#.*$", "", line).strip()  # an example's trailing comment
            if command.startswith("newsreader ") or command == "newsreader":
                found.append(command)
    return list(dict.fromkeys(found))


def _not_run(command: str) -> str | None:
    rest = command.removeprefix("newsreader").strip()
    rest = re.sub(r"^--db \S+ ", "", rest)
    return next((why for start, why in NOT_RUN.items() if rest.startswith(start)), None)


EXAMPLES = _examples()
RUN = [command for command in EXAMPLES if not _not_run(command)]
# A watch example that names a watch needs the README's own `watch add` examples to have run first.
WATCH_ADDS = [command for command in EXAMPLES if command.startswith("newsreader watch add ")]


def test_the_readme_has_examples_to_run() -> None:
    assert len(EXAMPLES) > 15
    assert "newsreader show ID" in EXAMPLES
    assert len(EXAMPLES) - len(RUN) <= 3, "only the full-screen browser is left out"
    assert any(OUTLET in command for command in EXAMPLES), "the outlet example changed: update OUTLET"


@pytest.fixture(scope="module")
def feed_server() -> Iterator[str]:
    """The network's stand-in: one RSS feed on 127.0.0.1; yields its URL."""
    with serve_feeds({"/world.xml": STAND_IN_FEED}) as base:
        yield f"{base}/world.xml"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A store of the shipped seeds, and the seed's id (looked up)."""
    import json

    home = tmp_path_factory.mktemp("readme")
    env = _env(home)
    db = home / "seed.db"
    subprocess.run(
        _cli("fetch", str(REPO / "seeds")), env={**env, "NEWSREADER_DB": str(db)}, check=True, capture_output=True
    )
    listing = subprocess.run(
        _cli("show", "--json"), env={**env, "NEWSREADER_DB": str(db)}, check=True, capture_output=True, text=True
    )
    return db, json.loads(listing.stdout)[0]["id"]


@pytest.fixture(scope="module")
def watched(seeded: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeded store with the README's own `watch add` examples run (once, for the examples after them)."""
    home = tmp_path_factory.mktemp("readme_watches")
    db = home / "watched.db"
    shutil.copy(seeded[0], db)
    env = {**_env(home), "NEWSREADER_DB": str(db), "PATH": _shim_path(home)}
    line = " && ".join(WATCH_ADDS)
    subprocess.run(["bash", "-c", line], env=env, check=True, capture_output=True, timeout=120)
    return db


def _shim_path(home: Path) -> str:
    """PATH with a `newsreader` command that runs this checkout (as the README's examples call it)."""
    bin_dir = home / "bin"
    bin_dir.mkdir(exist_ok=True)
    shim = bin_dir / "newsreader"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m newsreader "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    return f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsreader", *args]


def _env(home: Path) -> dict[str, str]:
    config = home / "config.toml"
    if not config.exists():
        config.write_text("", encoding="utf-8")  # no feeds configured: nothing reaches the network
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSREADER_")}
    env.update(
        NEWSREADER_CONFIG=str(home / "config.toml"), NEWSREADER_DATA_DIR=str(home / "data"), PYTHONPATH=str(REPO)
    )
    env.pop("TTY_COMPATIBLE", None)
    env.pop("FORCE_COLOR", None)
    return env


def _stand_ins(tmp_path: Path, work: Path, feed_url: str) -> dict[str, str]:
    """The user's files and browser, as the examples name them; returns the environment they need."""
    (tmp_path / "config.toml").write_text(f'[[feeds]]\nurl = "{feed_url}"\n', encoding="utf-8")
    home = tmp_path / "home"
    clipping = home / "clippings" / "2026-02-03-gaza.txt"
    clipping.parent.mkdir(parents=True)
    clipping.write_text("Title: Aid convoy reaches Gaza\nDate: 2026-02-03\n\nTrucks crossed at Rafah.\n", "utf-8")
    (work / "saved").mkdir()
    (work / "saved" / "feed.xml").write_bytes(STAND_IN_FEED)
    (work / "subscriptions.opml").write_text(
        f'<?xml version="1.0"?><opml version="2.0"><body><outline text="World" xmlUrl="{feed_url}"/></body></opml>',
        encoding="utf-8",
    )
    browser = tmp_path / "bin" / "browser"
    browser.parent.mkdir(exist_ok=True)
    browser.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{tmp_path / "opened"}"\n', encoding="utf-8")
    browser.chmod(0o755)
    return {"HOME": str(home), "BROWSER": str(browser)}


@pytest.mark.parametrize("command", RUN)
def test_readme_example_runs_as_documented(
    command: str, seeded: tuple[Path, str], watched: Path, feed_server: str, tmp_path: Path
) -> None:
    db, seed_id = seeded
    work = tmp_path / "cwd"
    work.mkdir()
    shutil.copytree(REPO / "seeds", work / "seeds")
    names_a_watch = command.startswith("newsreader watch") and command not in WATCH_ADDS
    shutil.copy(watched if names_a_watch else db, tmp_path / "store.db")
    env = {**_env(tmp_path), **_stand_ins(tmp_path, work, feed_server)}
    env.update(NEWSREADER_DB=str(tmp_path / "store.db"), PATH=_shim_path(tmp_path))
    if "config init" in command:  # it writes the config file, which must not exist yet
        env["NEWSREADER_CONFIG"] = str(tmp_path / "new" / "config.toml")
    if command.startswith("newsreader open "):  # the seed has no web link: open the stand-in feed's article
        subprocess.run(_cli("fetch", "saved/feed.xml"), cwd=work, env=env, check=True, capture_output=True)
        with sqlite3.connect(tmp_path / "store.db") as conn:
            seed_id = conn.execute("SELECT id FROM articles WHERE url LIKE 'https://stand-in.example/%'").fetchone()[0]
    line = re.sub(r"\bID\b", seed_id, command).replace(OUTLET, feed_server)
    done = subprocess.run(["bash", "-c", line], cwd=work, env=env, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    if command in EXPECT:
        stream, text = EXPECT[command]
        assert text in getattr(done, stream), f"{command}: {text!r} not in its {stream}"
    if command.startswith("newsreader open "):
        assert (tmp_path / "opened").read_text(encoding="utf-8") == "https://stand-in.example/1"
    stored = _stored_titles(tmp_path / "store.db")
    if re.match(r"newsreader fetch( --force| saved/| https://|$)", command):  # what the stand-ins serve
        assert "Sahel ministers meet in Niamey" in stored, (command, done.stderr)
    if command.startswith("newsreader fetch ~/clippings/"):
        assert "Aid convoy reaches Gaza" in stored, (command, done.stderr)


def _stored_titles(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("SELECT title FROM articles")}
