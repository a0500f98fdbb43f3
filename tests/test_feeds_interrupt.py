"""Ctrl-C during a fetch: exit 130 promptly, and every feed stored before that stays stored."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

REPO = Path(__file__).resolve().parent.parent
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Quick</title>
<item><title>Stored before the interrupt</title><link>https://q.example/1</link><guid>q1</guid></item>
</channel></rss>"""


def test_ctrl_c_exits_130_and_keeps_stored_feeds(tmp_path: Path) -> None:
    release = threading.Event()

    def stall(request: Request) -> Response:
        release.wait(20)
        return Response(RSS, content_type="application/rss+xml")

    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        server.expect_request("/quick").respond_with_data(RSS, content_type="application/rss+xml")
        server.expect_request("/stall").respond_with_handler(stall)
        cfg = tmp_path / "c.toml"
        cfg.write_text("[settings]\ntimeout = 30.0\n", encoding="utf-8")
        db = tmp_path / "n.db"
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "newsreader",
                "--db",
                str(db),
                "--config",
                str(cfg),
                "fetch",
                server.url_for("/quick"),
                server.url_for("/stall"),
            ],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 15
        stored = 0
        while time.monotonic() < deadline and not stored:
            time.sleep(0.1)
            if db.exists():
                try:
                    with sqlite3.connect(db) as conn:
                        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
                except sqlite3.OperationalError:
                    pass
        assert stored == 1, "the quick feed was never stored"
        started = time.monotonic()
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=10)
        assert time.monotonic() - started < 5
        assert proc.returncode == 130, err
        assert "interrupted" in err
        with sqlite3.connect(db) as conn:
            assert conn.execute("SELECT title FROM articles").fetchall() == [("Stored before the interrupt",)]
    finally:
        release.set()
        server.stop()
