"""Limits at their edges: connections at once (per host and in all), the total time a feed may take,
the size caps to the byte, and the schema version one past ours.

Concurrency is what the loopback servers saw: each counts the requests it is answering at the same moment.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsreader.local import MAX_TEXT_BYTES
from newsreader.store.schema import SCHEMA_VERSION
from tests.helpers import invoke, rss, summary_rows

HOLD = 0.25  # seconds each answer is held, so that requests that can overlap do


@dataclass
class Gauge:
    """Requests in flight, now and at most, per host and in all."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    now: dict[str, int] = field(default_factory=dict)
    peak: dict[str, int] = field(default_factory=dict)
    total_now: int = 0
    total_peak: int = 0

    def enter(self, host: str) -> None:
        with self.lock:
            self.now[host] = self.now.get(host, 0) + 1
            self.peak[host] = max(self.peak.get(host, 0), self.now[host])
            self.total_now += 1
            self.total_peak = max(self.total_peak, self.total_now)

    def leave(self, host: str) -> None:
        with self.lock:
            self.now[host] -= 1
            self.total_now -= 1


@contextlib.contextmanager
def gauged_server(host: str, gauge: Gauge, body: bytes) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            # In flight from the request until just before the body goes out: the client cannot end this
            # request (and free its slot for the next one) before it has the body, so a leave after the
            # write could race the next request's enter on a busy machine and count a peak of 2 for 1.
            gauge.enter(host)
            try:
                time.sleep(HOLD)
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
            finally:
                gauge.leave(host)
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer((host, 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def config(tmp_path: Path, **settings: object) -> Path:
    path = tmp_path / "limits.toml"
    path.write_text("[settings]\n" + "".join(f"{k} = {v}\n" for k, v in settings.items()), encoding="utf-8")
    return path


def test_per_host_and_total_connection_limits_hold_on_the_wire(tmp_path: Path) -> None:
    gauge = Gauge()
    body = rss("Busy", [("One", "https://busy.example/1", "b1", "Text.")])
    hosts = ["127.0.0.1", "127.0.0.2", "127.0.0.3"]
    with contextlib.ExitStack() as stack:
        bases = [stack.enter_context(gauged_server(h, gauge, body)) for h in hosts]
        urls = [f"{base}/feed{n}.xml" for base in bases for n in range(4)]
        code, _, err = invoke(
            tmp_path / "s.db", "--config", str(config(tmp_path, concurrency=3, per_host=2)), "fetch", *urls
        )
    assert code == 0, err
    assert gauge.total_peak == 3, gauge  # the total limit is reached, never passed
    assert max(gauge.peak.values()) == 2, gauge.peak  # and so is the per-host one
    assert summary_rows(err)["Total"][3] == "12 ok, 0 failed", err


def test_one_host_alone_gets_no_more_than_per_host_connections(tmp_path: Path) -> None:
    gauge = Gauge()
    body = rss("Busy", [("One", "https://busy.example/1", "b1", "Text.")])
    with gauged_server("127.0.0.1", gauge, body) as base:
        urls = [f"{base}/feed{n}.xml" for n in range(6)]
        code, _, err = invoke(
            tmp_path / "s.db", "--config", str(config(tmp_path, concurrency=16, per_host=1)), "fetch", *urls
        )
    assert code == 0, err
    assert gauge.peak == {"127.0.0.1": 1}


@contextlib.contextmanager
def drip_server(stop: threading.Event) -> Iterator[str]:
    """Answers at once, then sends one byte of the body every 0.1 s: never stalls, never finishes."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            self.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Drip</title>')
            for _ in range(300):  # bounded: 30 s at most
                if stop.is_set():
                    return
                try:
                    self.wfile.write(b" ")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.1)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        stop.set()
        server.shutdown()
        server.server_close()


def test_a_slow_drip_server_is_cut_off_at_the_total_timeout(tmp_path: Path) -> None:
    stop = threading.Event()
    with drip_server(stop) as base:
        started = time.monotonic()
        code, _, err = invoke(
            tmp_path / "s.db", "--config", str(config(tmp_path, timeout=1.0)), "fetch", f"{base}/drip.xml"
        )
        elapsed = time.monotonic() - started
    assert code == 1, err  # the only source failed
    # Every byte arrives well within any read timeout: only a limit on the whole download stops it.
    assert elapsed < 4.0, f"ran {elapsed:.1f}s with timeout = 1"
    assert "timed out" in err or "timeout" in err, err


@pytest.mark.parametrize(("extra", "accepted"), [(0, True), (1, False)])
def test_feed_size_limit_is_exact_to_the_byte(tmp_path: Path, extra: int, accepted: bool) -> None:
    item = rss("Sized", [("Sized item", "https://sized.example/1", "s1", "Body.")])
    limit = 4096
    document = item.replace(b"</channel>", b" " * (limit - len(item)) + b"</channel>")
    assert len(document) == limit
    documents = {"/f.xml": document + b" " * extra}

    from tests.helpers import serve_feeds

    with serve_feeds(documents) as base:
        code, _, err = invoke(
            tmp_path / "s.db", "--config", str(config(tmp_path, max_bytes=limit)), "fetch", f"{base}/f.xml"
        )
    if accepted:
        assert code == 0, err
        assert summary_rows(err)[f"{base}/f.xml"][0] == 1
    else:
        assert code == 1, err
        assert "4,096" in err or "4096" in err, err


@pytest.mark.parametrize(("extra", "accepted"), [(0, True), (1, False)])
def test_local_article_size_cap_is_exact_to_the_byte(tmp_path: Path, extra: int, accepted: bool) -> None:
    head = b"Title: Exactly at the cap\nDate: 2026-02-01\n\nText of the article.\n"
    path = tmp_path / "big.txt"
    path.write_bytes(head + b"x" * (5 * 1024 * 1024 - len(head) + extra))
    assert MAX_TEXT_BYTES == 5 * 1024 * 1024  # the README's documented cap
    code, _, err = invoke(tmp_path / "s.db", "fetch", str(path))
    assert (code == 0) is accepted, err


def test_a_database_one_schema_version_newer_is_refused_and_not_stamped_down(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    assert invoke(db, "show")[0] == 0  # creates the store at our version
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.commit()
    before = db.read_bytes()
    code, _, err = invoke(db, "show")
    assert code == 1 and "newer than this newsreader understands" in err
    with contextlib.closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    assert db.read_bytes() == before
