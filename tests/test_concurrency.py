"""Two fetches at once, with show and search running beside them: no lock errors, no duplicates."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.helpers import make_folders, rss, serve_feeds

REPO = Path(__file__).resolve().parent.parent
BODY = "Ministers from Iran and Turkey met in Ankara to discuss trade and the war in Syria. " * 20


def command(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "newsreader", "--db", str(db), *args]


def test_two_fetches_and_readers_at_once_never_lock_or_duplicate(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "NEWSREADER_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg"),
        "NEWSREADER_CONFIG": "",
    }
    folders = make_folders(tmp_path / "in", 30, 30, BODY, dates=9)
    db = tmp_path / "news.db"  # not created yet: both fetches race to create and migrate it
    first = [str(f) for f in folders[:20]]
    second = [str(f) for f in folders[10:]]  # 10 folders overlap: the same articles written twice
    pipe = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True, "env": env}
    fetches = [
        subprocess.Popen(command(db, "fetch", *first), **pipe),
        subprocess.Popen(command(db, "fetch", *second), **pipe),
    ]  # type: ignore[call-overload]
    readers: list[tuple[list[str], subprocess.CompletedProcess[str]]] = []
    while any(p.poll() is None for p in fetches) or len(readers) < 4:
        for args in (["show", "-n", "5"], ["search", "Ankara", "-n", "5"]):
            readers.append(
                (args, subprocess.run(command(db, *args), capture_output=True, text=True, env=env, timeout=120))
            )
    for proc in fetches:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert "locked" not in err and "busy" not in err and "Traceback" not in err
    for args, done in readers:
        assert done.returncode == 0, (args, done.stderr)
        assert "locked" not in done.stderr and "Traceback" not in done.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        total, distinct = conn.execute("SELECT count(*), count(DISTINCT title) FROM articles").fetchone()
        fts = conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Ankara'").fetchone()[0]
    assert total == distinct == 30 * 30
    assert fts == total  # the full-text index holds each article once


def test_two_fetches_of_the_same_feeds_at_once_store_each_item_once(tmp_path: Path) -> None:
    feeds, items = 16, 40
    documents = {
        f"/f{n}.xml": rss(
            f"F{n}",
            [(f"Feed {n:02} item {i}", f"https://f{n}.example/{i}", f"g{n}-{i}", BODY[:300]) for i in range(items)],
        )
        for n in range(feeds)
    }
    env = {**os.environ, "PYTHONPATH": str(REPO), "NEWSREADER_DATA_DIR": str(tmp_path / "data")}
    db = tmp_path / "news.db"
    with serve_feeds(documents) as base:
        urls = [f"{base}{p}" for p in documents]
        pipe = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True, "env": env}
        runs = [
            subprocess.Popen(command(db, "fetch", *urls), **pipe),  # type: ignore[call-overload]
            subprocess.Popen(command(db, "fetch", *reversed(urls)), **pipe),  # type: ignore[call-overload]
        ]
        searches = []
        while any(p.poll() is None for p in runs) or not searches:
            searches.append(subprocess.run(command(db, "search", "Ankara"), capture_output=True, text=True, env=env))
        results = [p.communicate(timeout=120) for p in runs]
    for proc, (_, err) in zip(runs, results, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err and "Traceback" not in err
    for done in searches:
        assert done.returncode == 0 and "locked" not in done.stderr, done.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        total, distinct = conn.execute("SELECT count(*), count(DISTINCT title) FROM articles").fetchone()
        states = conn.execute("SELECT count(*) FROM feeds").fetchone()[0]
    assert total == distinct == feeds * items
    assert states == feeds
