"""A loopback feed server for the network benchmarks: ETag/Last-Modified, optional delay, a deep listen backlog."""

from __future__ import annotations

import hashlib
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FeedServer(ThreadingHTTPServer):
    """Serves `documents` (path -> bytes) from memory; each response waits `delay` seconds first."""

    daemon_threads = True
    request_queue_size = 1024  # listen backlog: far above any concurrency we test, so no connect is refused

    def __init__(self, documents: dict[str, bytes], delay: float = 0.0) -> None:
        self.documents = documents
        self.delay = delay
        self.last_modified = formatdate(time.time() - 3600, usegmt=True)
        self.etags = {path: '"' + hashlib.sha1(body).hexdigest()[:16] + '"' for path, body in documents.items()}
        self.hits = {"200": 0, "304": 0, "404": 0}
        self._lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def urls(self) -> list[str]:
        return [self.base_url + path for path in sorted(self.documents)]

    def count(self, status: str) -> None:
        with self._lock:
            self.hits[status] += 1


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real feed servers do
    server: FeedServer

    def do_GET(self) -> None:
        server = self.server
        if self.path.startswith("/__delay/"):  # lets a bench change the delay between runs on the same URLs
            server.delay = float(self.path.rsplit("/", 1)[1])
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if server.delay:
            time.sleep(server.delay)
        body = server.documents.get(self.path)
        if body is None:
            server.count("404")
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        etag = server.etags[self.path]
        if self.headers.get("If-None-Match") == etag or self.headers.get("If-Modified-Since") == server.last_modified:
            server.count("304")
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        server.count("200")
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", server.last_modified)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(documents: dict[str, bytes], delay: float = 0.0) -> Iterator[FeedServer]:
    """A running FeedServer in a background thread, shut down on exit."""
    server = FeedServer(documents, delay)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def main() -> int:
    """Serve a folder of feed files until Ctrl-C: python bench/feedserver.py FOLDER [--delay 0.2]."""
    import argparse
    from pathlib import Path

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()
    docs = {f"/{p.name}": p.read_bytes() for p in sorted(args.folder.glob("*.xml"))}
    with serving(docs, args.delay) as server:
        print(server.base_url, flush=True)
        print(f"serving {len(docs)} feeds at {server.base_url}/ (Ctrl-C stops)", file=sys.stderr, flush=True)
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
