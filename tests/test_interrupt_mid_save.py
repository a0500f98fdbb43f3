"""Ctrl-C and SIGKILL while a feed's transaction is open, rows written, not yet committed: whole feeds only.

A signal at a random moment mostly lands between transactions, so these tests stop the fetch at a known
point: the test hook in newsreader/store/pause.py holds the third save's transaction open (after its rows
are written) and says so by creating a file; the test checks from outside that a write transaction really
is open, sends the signal, lets the save go on (removes the file) and reads the store. Ctrl-C lands in
asyncio's handler, which cancels the fetch at its next await, so the save under way completes (or, were it
interrupted inside, rolls back): either way each feed is whole or absent.
"""

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

from newsreader.store.pause import VARIABLE
from tests.helpers import rss
from tests.test_faults_signals import env

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
FEEDS, ITEMS = 5, 30


def feed_files(folder: Path) -> list[Path]:
    folder.mkdir()
    made = []
    for n in range(FEEDS):
        items = [
            (f"Feed {n} item {i}", f"https://f{n}.example/{i}", f"f{n}-{i}", "Talks in Geneva.") for i in range(ITEMS)
        ]
        path = folder / f"feed{n}.xml"
        path.write_bytes(rss(f"Feed {n}", items))
        made.append(path)
    return made


def per_feed(db: Path) -> Counter[str]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return Counter(title.rsplit(" item ", 1)[0] for (title,) in conn.execute("SELECT title FROM articles"))


def paused_fetch(tmp_path: Path, files: list[Path]) -> tuple[subprocess.Popen[str], Path, Path]:
    db = tmp_path / "news.db"
    marker = tmp_path / "paused"
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsreader", "--db", str(db), "fetch", *map(str, files)],
        env={**env(tmp_path), VARIABLE: f"3:{marker}"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a shell gives a foreground job
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert proc.poll() is None, f"fetch ended before the third save: {proc.communicate()}"
        assert time.monotonic() < deadline, "the third save never started"
        time.sleep(0.01)
    # From outside: a write transaction is open (no other writer may begin), and it is not visible yet.
    with sqlite3.connect(db, timeout=0) as other, pytest.raises(sqlite3.OperationalError, match="locked"):
        other.execute("BEGIN IMMEDIATE")
    assert sorted(per_feed(db).values()) == [ITEMS, ITEMS], "two feeds committed before the paused one"
    return proc, db, marker


@pytest.mark.parametrize("how", ["SIGINT", "SIGKILL"])
def test_a_signal_inside_a_feeds_open_transaction_leaves_whole_feeds_only(how: str, tmp_path: Path) -> None:
    files = feed_files(tmp_path / "in")
    proc, db, marker = paused_fetch(tmp_path, files)
    if how == "SIGINT":
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: the whole foreground group gets it
        time.sleep(0.2)  # let the signal land while the transaction is still held open
        marker.unlink()
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 130, err
        assert "Traceback" not in err and "interrupted" in err
        stored = per_feed(db)
        assert len(stored) in (2, 3), stored  # the save under way completed or rolled back, nothing after
    else:
        proc.kill()
        proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        stored = per_feed(db)
        assert len(stored) == 2, stored  # the open transaction is gone
    assert set(stored.values()) == {ITEMS}, f"a half-stored feed: {stored}"
    with sqlite3.connect(db) as conn:  # the full-text index holds exactly the stored rows, no orphans
        assert conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == sum(stored.values())
    if how == "SIGKILL":  # the store the kill left (a WAL with an unfinished transaction) takes the next fetch
        again = subprocess.run(
            [sys.executable, "-m", "newsreader", "--db", str(db), "fetch", *map(str, files)],
            env=env(tmp_path),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert again.returncode == 0, again.stderr
        assert per_feed(db) == {f"Feed {n}": ITEMS for n in range(FEEDS)}
