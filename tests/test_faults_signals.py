"""Ctrl-C and SIGKILL in the middle of a fetch: prompt exit, an intact store, whole sources or none."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.helpers import make_folders, rss, serve_feeds

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

BODY = "Iran and Israel discussed the crisis in Tehran while diplomats met in Geneva. " * 40


def env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "NEWSREADER_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg"),
        "NEWSREADER_CONFIG": "",
    }


def start_fetch(tmp_path: Path, db: Path, targets: list[Path]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsreader", "--db", str(db), "fetch", *map(str, targets)],
        env=env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a shell gives a foreground job
    )


def stored_count(db: Path) -> int:
    """Articles committed so far, read without ever creating or writing the file."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0  # not created or migrated yet


def wait_for_first_commit(proc: subprocess.Popen[str], db: Path) -> None:
    deadline = time.monotonic() + 60
    while stored_count(db) == 0:
        assert proc.poll() is None, f"fetch ended before anything was stored: {proc.communicate()}"
        assert time.monotonic() < deadline, "nothing stored within a minute"
        time.sleep(0.005)


def per_folder(db: Path) -> Counter[str]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return Counter(row[0][: len("Folder 000")] for row in conn.execute("SELECT title FROM articles"))


def run_cli(tmp_path: Path, db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsreader", "--db", str(db), *args],
        env=env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_ctrl_c_mid_fetch_exits_130_promptly_and_keeps_whole_sources(tmp_path: Path) -> None:
    folders, per = 80, 60
    targets = make_folders(tmp_path / "in", folders, per, f"{BODY}\n\n{BODY}")
    db = tmp_path / "news.db"
    proc = start_fetch(tmp_path, db, targets)
    wait_for_first_commit(proc, db)
    interrupted_at = time.monotonic()
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the whole foreground group gets it
    out, err = proc.communicate(timeout=30)
    elapsed = time.monotonic() - interrupted_at
    assert proc.returncode == 130, (out, err)
    # The stalled feeds hold for 30 s: stopping within 5 s proves nobody waited for them, with room for a
    # loaded 2-core machine (under load, tearing down the workers alone has taken 3.6 s).
    assert elapsed < 5.0, f"took {elapsed:.2f}s to stop"
    assert "Traceback" not in err
    assert "interrupted" in err
    counts = per_folder(db)
    assert set(counts.values()) == {per}, f"a half-stored folder: {counts}"  # every source whole...
    assert len(counts) < folders, "fetch finished before the signal; make it longer"  # ...or absent
    again = run_cli(tmp_path, db, "show", "-n", "1")
    assert again.returncode == 0 and "Traceback" not in again.stderr


def test_sigkill_mid_write_leaves_a_store_that_opens_with_whole_sources(tmp_path: Path) -> None:
    folders, per = 3, 200  # big batches: each folder is one large transaction
    targets = make_folders(tmp_path / "in", folders, per, f"{BODY}\n\n{BODY}")
    db = tmp_path / "news.db"
    proc = start_fetch(tmp_path, db, targets)
    wait_for_first_commit(proc, db)
    proc.kill()
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    shown = run_cli(tmp_path, db, "show", "-n", "5")
    assert shown.returncode == 0, shown.stderr
    assert "Traceback" not in shown.stderr
    counts = per_folder(db)
    assert counts and set(counts.values()) == {per}, f"a partial batch is visible: {counts}"
    again = run_cli(tmp_path, db, "fetch", *map(str, targets))
    assert again.returncode == 0, again.stderr
    assert sum(per_folder(db).values()) == folders * per


def _feed(number: int, items: int) -> bytes:
    return rss(
        f"F{number}",
        [
            (f"Feed {number:03} item {i}", f"https://f{number}.example/{i}", f"f{number}-{i}", BODY[:400])
            for i in range(items)
        ],
    )


def test_ctrl_c_to_the_process_group_mid_http_fetch_keeps_whole_feeds(tmp_path: Path) -> None:
    """A real Ctrl-C reaches every process in the group (parse workers too), while feeds are in flight."""
    import threading

    feeds, items = 40, 150
    documents = {f"/feed{n}.xml": _feed(n, items) for n in range(feeds)}
    release = threading.Event()

    def stall_second_half(path: str) -> None:
        if int(path.removeprefix("/feed").removesuffix(".xml")) >= feeds // 2:
            release.wait(30)  # the fetch is surely mid-way when we interrupt

    with serve_feeds(documents, before=stall_second_half) as base:
        db = tmp_path / "news.db"
        proc = subprocess.Popen(
            [sys.executable, "-m", "newsreader", "--db", str(db), "fetch", *(f"{base}{p}" for p in documents)],
            env=env(tmp_path),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its own process group, as a shell gives a foreground job
        )
        try:
            wait_for_first_commit(proc, db)
            time.sleep(0.2)  # let more of the quick half land
            interrupted_at = time.monotonic()
            os.killpg(proc.pid, signal.SIGINT)
            _, err = proc.communicate(timeout=30)
            elapsed = time.monotonic() - interrupted_at
        finally:
            release.set()
    assert proc.returncode == 130, err
    # The stalled feeds hold for 30 s: stopping within 5 s proves nobody waited for them, with room for a
    # loaded 2-core machine (under load, tearing down the workers alone has taken 3.6 s).
    assert elapsed < 5.0, f"took {elapsed:.2f}s to stop"
    assert "Traceback" not in err and "interrupted" in err
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        counts = Counter(row[0][: len("Feed 000")] for row in conn.execute("SELECT title FROM articles"))
    assert counts and set(counts.values()) == {items}, f"a half-stored feed: {counts}"
    assert all(int(name.split()[1]) < feeds // 2 for name in counts)  # none of the stalled ones
