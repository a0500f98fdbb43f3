"""Two fetches at once, with show and search running beside them: no lock errors, no duplicates."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.helpers import make_folders

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
    folders = make_folders(tmp_path / "in", 40, 50, BODY, dates=9)
    db = tmp_path / "news.db"  # not created yet: both fetches race to create and migrate it
    first = [str(f) for f in folders[:28]]
    second = [str(f) for f in folders[12:]]  # 16 folders overlap: the same articles written twice
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
    assert total == distinct == 40 * 50
    assert fts == total  # the full-text index holds each article once


def test_two_fetches_of_the_same_feeds_at_once_store_each_item_once(tmp_path: Path) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    feeds, items = 24, 60

    def document(n: int) -> bytes:
        entries = "".join(
            f"<item><title>Feed {n:02} item {i}</title><link>https://f{n}.example/{i}</link><guid>g{n}-{i}</guid>"
            f"<description>{BODY[:300]}</description></item>"
            for i in range(items)
        )
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>F{n}</title>{entries}</channel></rss>'.encode()

    documents = {f"/f{n}.xml": document(n) for n in range(feeds)}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = documents[self.path]
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {**os.environ, "PYTHONPATH": str(REPO), "NEWSREADER_DATA_DIR": str(tmp_path / "data")}
    db = tmp_path / "news.db"
    urls = [f"http://127.0.0.1:{server.server_address[1]}{p}" for p in documents]
    try:
        pipe = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True, "env": env}
        runs = [
            subprocess.Popen(command(db, "fetch", *urls), **pipe),  # type: ignore[call-overload]
            subprocess.Popen(command(db, "fetch", *reversed(urls)), **pipe),  # type: ignore[call-overload]
        ]
        searches = []
        while any(p.poll() is None for p in runs) or not searches:
            searches.append(subprocess.run(command(db, "search", "Ankara"), capture_output=True, text=True, env=env))
        results = [p.communicate(timeout=120) for p in runs]
    finally:
        server.shutdown()
        server.server_close()
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
