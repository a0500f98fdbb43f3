"""Every test gets its own data and config dirs, so nothing reads or writes the user's real files."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "azernews-2026-02-03-israel-readiness.txt"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "home"
    monkeypatch.setenv("NEWSREADER_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "share"))
    monkeypatch.delenv("NEWSREADER_DB", raising=False)
    monkeypatch.delenv("NEWSREADER_CONFIG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    yield home


# The suite runs in a zone that is neither UTC nor a whole number of hours from it, so a test can tell
# local time from UTC. time.tzset() makes the C library (and so datetime.astimezone()) re-read TZ:
# setting the variable alone changes nothing in this process. Subprocesses inherit TZ.
TEST_TZ = "Asia/Kolkata"  # UTC+05:30, no daylight saving time


@pytest.fixture(autouse=True)
def local_zone() -> Iterator[str]:
    yield from _in_zone(TEST_TZ)


def _in_zone(zone: str) -> Iterator[str]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        yield zone
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


@pytest.fixture(params=["Asia/Kolkata", "America/St_Johns"])
def any_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """For tests that must hold in a zone east (+05:30) and west (-03:30 / -02:30 in summer) of UTC."""
    yield from _in_zone(str(request.param))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
