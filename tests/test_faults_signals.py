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

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

BODY = "Iran and Israel discussed the crisis in Tehran while diplomats met in Geneva. " * 40


def make_folders(root: Path, folders: int, per_folder: int) -> list[Path]:
    """Folders of text articles; a folder is one source, stored in one transaction."""
    made = []
    for d in range(folders):
        folder = root / f"folder{d:03}"
        folder.mkdir(parents=True)
        for i in range(per_folder):
            (folder / f"a{i:04}.txt").write_text(
                f"Title: Folder {d:03} article {i}\nDate: 2026-01-01\n\n{BODY}\n\n{BODY}\n", encoding="utf-8"
            )
        made.append(folder)
    return made


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
    targets = make_folders(tmp_path / "in", folders, per)
    db = tmp_path / "news.db"
    proc = start_fetch(tmp_path, db, targets)
    wait_for_first_commit(proc, db)
    interrupted_at = time.monotonic()
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    elapsed = time.monotonic() - interrupted_at
    assert proc.returncode == 130, (out, err)
    assert elapsed < 1.0, f"took {elapsed:.2f}s to stop"
    assert "Traceback" not in err
    assert "interrupted" in err
    counts = per_folder(db)
    assert set(counts.values()) == {per}, f"a half-stored folder: {counts}"  # every source whole...
    assert len(counts) < folders, "fetch finished before the signal; make it longer"  # ...or absent
    again = run_cli(tmp_path, db, "show", "-n", "1")
    assert again.returncode == 0 and "Traceback" not in again.stderr


def test_sigkill_mid_write_leaves_a_store_that_opens_with_whole_sources(tmp_path: Path) -> None:
    folders, per = 6, 700  # big batches: each folder is one large transaction
    targets = make_folders(tmp_path / "in", folders, per)
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
