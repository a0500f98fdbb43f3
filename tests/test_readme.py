"""Every command example in README.md runs against the seeds and does what the text beside it says.

The examples are read from the README's ```sh blocks (each line that starts with `newsreader`), so a new
command documented there is tested here without touching this file. `ID` stands for the seed's id,
looked up, never written down. Examples that need the network, a browser, a full-screen terminal or
the user's own files are listed in SKIP with the reason; EXPECT holds what the text promises for some.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

README = REPO / "README.md"

# Examples that cannot run here, by their first words after `newsreader`, with the reason.
SKIP = {
    "fetch https://": "needs the network",
    "fetch --force": "fetches the configured feeds over the network",
    "fetch ~/clippings": "the user's own file",
    "fetch saved/feed.xml": "the user's own files",
    "feeds import subscriptions.opml": "the user's own OPML file",
    "browse": "a full-screen terminal application",
    "open": "opens a web browser",
    "watch": "runs until interrupted",
}
NETWORK_ONLY = ("newsreader fetch", "newsreader fetch ")  # a bare `fetch` updates the configured feeds

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


def _skipped(command: str) -> str | None:
    rest = command.removeprefix("newsreader").strip()
    rest = re.sub(r"^--db \S+ ", "", rest)
    if rest == "fetch":
        return "fetches the configured feeds over the network"
    return next((why for start, why in SKIP.items() if rest.startswith(start)), None)


EXAMPLES = _examples()


def test_the_readme_has_examples_to_run() -> None:
    assert len(EXAMPLES) > 15
    assert "newsreader show ID" in EXAMPLES


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


@pytest.mark.parametrize("command", EXAMPLES)
def test_readme_example_runs_as_documented(command: str, seeded: tuple[Path, str], tmp_path: Path) -> None:
    why = _skipped(command)
    if why:
        pytest.skip(why)
    db, seed_id = seeded
    work = tmp_path / "cwd"
    work.mkdir()
    shutil.copytree(REPO / "seeds", work / "seeds")
    shutil.copy(db, tmp_path / "store.db")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "newsreader"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m newsreader "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    env = _env(tmp_path)
    env.update(NEWSREADER_DB=str(tmp_path / "store.db"), PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    if "config init" in command:  # it writes the config file, which must not exist yet
        env["NEWSREADER_CONFIG"] = str(tmp_path / "new" / "config.toml")
    line = re.sub(r"\bID\b", seed_id, command)
    done = subprocess.run(["bash", "-c", line], cwd=work, env=env, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    if command in EXPECT:
        stream, text = EXPECT[command]
        assert text in getattr(done, stream), f"{command}: {text!r} not in its {stream}"
