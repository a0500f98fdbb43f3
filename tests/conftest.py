"""Every test gets its own data and config dirs, so nothing reads or writes the user's real files."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "azernews-2026-02-03-israel-readiness.txt"

# Byte-code caches on, whatever the environment says (this project's machines set PYTHONDONTWRITEBYTECODE):
# without them every CLI subprocess the suite starts (several hundred) compiles newsreader's modules afresh,
# 60-100 ms each, and every run rewrites the test modules' asserts again. They go to __pycache__/, which git
# ignores; test modules collected after this point are cached too.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


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


SHARED_NEWS = REPO.parent / "shared" / "news"


@pytest.fixture(scope="session")
def shared_news_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One store of every file in ../shared/news/ (SOURCES.tsv's list: news/ and days/), fetched once a run.

    Fetching the 110 real files is one of the suite's slowest steps, so the tests over them share this
    store and only read it (a test that writes copies it first). The pytest-xdist workers share it too:
    the first to need it fetches it under a lock in the run's common temporary folder, the other waits and
    reuses it (xdist's `loadgroup` no longer keeps a group on one worker under pytest 9, so the lock, not
    the scheduler, is what makes it once). Skips when the shared data is absent.
    """
    import csv
    import fcntl

    from tests.helpers import invoke

    sources = SHARED_NEWS / "SOURCES.tsv"
    if not sources.exists():
        pytest.skip("../shared/news/ is not here")
    with sources.open(encoding="utf-8", newline="") as handle:
        files = sorted(str(SHARED_NEWS / row["local_path"]) for row in csv.DictReader(handle, delimiter="\t"))
    home = _run_folder(tmp_path_factory) / "shared_news"
    home.mkdir(exist_ok=True)
    db, done = home / "news.db", home / "fetched"
    with (home / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also if the fetch fails
        if not done.exists():
            db.unlink(missing_ok=True)  # a half-made store of a worker whose fetch failed
            with pytest.MonkeyPatch.context() as patch:  # session fixtures run before the per-test isolation
                patch.setenv("NEWSREADER_DATA_DIR", str(home / "data"))
                patch.setenv("XDG_CONFIG_HOME", str(home / "config"))
                patch.setenv("XDG_DATA_HOME", str(home / "share"))
                patch.delenv("NEWSREADER_CONFIG", raising=False)
                code, _, err = invoke(db, "fetch", *files)
            assert code == 0, err
            done.touch()
    return db


def _run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This run's temporary folder that every xdist worker shares (each worker's own is inside it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def isolated_env(home: Path) -> Iterator[str]:
    """What `isolated_dirs` and `local_zone` give a test, for a module fixture that builds a store once.

    Module and session fixtures run before the per-test isolation, so one that runs the CLI points the data
    and config dirs at its own folder with this (never the user's) and runs in the suite's zone."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWSREADER_DATA_DIR", str(home / "data"))
        patch.setenv("XDG_CONFIG_HOME", str(home / "config"))
        patch.setenv("XDG_DATA_HOME", str(home / "share"))
        patch.delenv("NEWSREADER_DB", raising=False)
        patch.delenv("NEWSREADER_CONFIG", raising=False)
        patch.setenv("NO_COLOR", "1")
        patch.setenv("COLUMNS", "200")
        yield from _in_zone(TEST_TZ)


def copy_store(built: Path, db: Path) -> Path:
    """A test's own copy of a store a module fixture built (SQLite's backup: whole, whatever the WAL holds)."""
    source, copy = sqlite3.connect(built), sqlite3.connect(db)
    try:
        source.backup(copy)
    finally:
        source.close()
        copy.close()
    return db
