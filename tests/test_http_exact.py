"""http.py in process against a loopback server: each status, limit, encoding and failure, exactly.

Expected values are written by hand from what each handler sends; the server is pytest-httpserver's.
"""

from __future__ import annotations

import asyncio
import gzip
import socket
import zlib
from datetime import UTC, datetime, timedelta

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsreader import __version__
from newsreader.config import Settings
from newsreader.http import MAX_RETRY_AFTER, Download, Downloader, _Body, parse_retry_after

NOW = datetime(2026, 2, 3, 12, 0, tzinfo=UTC)


def get(url: str, settings: Settings | None = None, **conditional: str) -> Download:
    async def run() -> Download:
        async with Downloader(settings or Settings()) as downloader:
            return await downloader.get(url, **conditional)

    return asyncio.run(run())


def test_a_plain_200_gives_the_body_validators_and_parser_headers(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed").respond_with_data(
        b"<rss/>", content_type="application/rss+xml", headers={"ETag": '"v1"', "Last-Modified": "Tue, 03 Feb 2026"}
    )
    got = get(httpserver.url_for("/feed"))
    assert (got.status, got.body, got.error, got.moved_to, got.not_modified) == (200, b"<rss/>", "", "", False)
    assert (got.etag, got.last_modified) == ('"v1"', "Tue, 03 Feb 2026")
    assert (got.url, got.final_url) == (httpserver.url_for("/feed"), httpserver.url_for("/feed"))
    assert got.headers == {
        "content-type": "application/rss+xml",
        "content-location": httpserver.url_for("/feed"),
        "etag": '"v1"',
        "last-modified": "Tue, 03 Feb 2026",
    }
    request, _ = httpserver.log[0]
    assert request.method == "GET"
    assert request.headers["User-Agent"] == f"newsreader/{__version__} (+https://github.com/newsreader/newsreader)"
    assert request.headers["Accept-Encoding"] == "gzip, deflate"
    assert request.headers["Accept"] == (
        "application/rss+xml, application/atom+xml, application/feed+json, "
        "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
    )
    assert "If-None-Match" not in request.headers and "If-Modified-Since" not in request.headers


def test_no_validators_means_no_validator_headers(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed").respond_with_data(b"<rss/>")
    got = get(httpserver.url_for("/feed"))
    assert got.headers == {"content-type": "text/plain; charset=utf-8", "content-location": httpserver.url_for("/feed")}
    assert (got.etag, got.last_modified) == ("", "")


def test_a_conditional_get_sends_both_validators_and_a_304_keeps_them(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed").respond_with_data(b"", status=304)
    got = get(httpserver.url_for("/feed"), etag='"v1"', last_modified="Mon, 02 Feb 2026 10:00:00 GMT")
    assert got.not_modified and got.status == 304 and got.error == "" and got.body == b""
    assert (got.etag, got.last_modified) == ('"v1"', "Mon, 02 Feb 2026 10:00:00 GMT")
    request, _ = httpserver.log[0]
    assert request.headers["If-None-Match"] == '"v1"'
    assert request.headers["If-Modified-Since"] == "Mon, 02 Feb 2026 10:00:00 GMT"


def test_only_the_etag_is_sent_when_only_the_etag_is_known(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed").respond_with_data(b"", status=304)
    get(httpserver.url_for("/feed"), etag='"v2"')
    request, _ = httpserver.log[0]
    assert request.headers["If-None-Match"] == '"v2"' and "If-Modified-Since" not in request.headers


@pytest.mark.parametrize(("status", "phrase"), [(429, "TOO MANY REQUESTS"), (503, "SERVICE UNAVAILABLE")])
def test_429_and_503_carry_retry_after_into_the_error(httpserver: HTTPServer, status: int, phrase: str) -> None:
    httpserver.expect_request("/feed").respond_with_data(
        b"", status=status, headers={"Retry-After": "Wed, 04 Feb 2099 10:30:00 GMT"}
    )
    got = get(httpserver.url_for("/feed"))
    assert got.status == status and got.retry_after is not None
    assert got.retry_after <= datetime.now(UTC) + MAX_RETRY_AFTER  # capped at a week
    assert got.error == f"HTTP {status} {phrase}; retry after {got.retry_after:%Y-%m-%d %H:%M} UTC"
    httpserver.clear()
    httpserver.expect_request("/plain").respond_with_data(b"", status=status)
    assert get(httpserver.url_for("/plain")).error == f"HTTP {status} {phrase}"


@pytest.mark.parametrize(
    ("status", "phrase"), [(404, "NOT FOUND"), (500, "INTERNAL SERVER ERROR"), (400, "BAD REQUEST")]
)
def test_error_statuses_are_one_line(httpserver: HTTPServer, status: int, phrase: str) -> None:
    httpserver.expect_request("/feed").respond_with_data(b"gone", status=status)
    got = get(httpserver.url_for("/feed"))
    assert (got.status, got.error, got.body, got.retry_after) == (status, f"HTTP {status} {phrase}", b"", None)


def test_a_redirect_without_a_location_is_an_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed").respond_with_data(b"", status=302)
    assert get(httpserver.url_for("/feed")).error == "HTTP 302 FOUND"


def test_permanent_redirects_are_reported_temporary_ones_not(httpserver: HTTPServer) -> None:
    def to(path: str, status: int) -> Response:
        return Response("", status=status, headers={"Location": httpserver.url_for(path)})

    httpserver.expect_request("/old").respond_with_response(to("/older", 301))
    httpserver.expect_request("/older").respond_with_response(to("/new", 308))
    httpserver.expect_request("/temp").respond_with_response(to("/new", 302))
    httpserver.expect_request("/mixed").respond_with_response(to("/temp", 301))
    httpserver.expect_request("/new").respond_with_data(b"<rss/>")
    moved = get(httpserver.url_for("/old"))
    assert (moved.body, moved.moved_to, moved.final_url) == (b"<rss/>", httpserver.url_for("/new"), moved.final_url)
    assert moved.final_url == httpserver.url_for("/new")
    assert get(httpserver.url_for("/temp")).moved_to == ""
    assert get(httpserver.url_for("/mixed")).moved_to == httpserver.url_for("/temp")  # up to the first temporary


def test_a_redirect_loop_stops_after_five(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/loop").respond_with_response(Response("", status=302, headers={"Location": "/loop"}))
    looped = get(httpserver.url_for("/loop"))
    assert (looped.url, looped.error) == (httpserver.url_for("/loop"), "more than 5 redirects (a redirect loop?)")
    assert len(httpserver.log) == 6  # the first request and five redirects followed


def test_the_size_limit_is_exact_for_declared_streamed_and_compressed_bodies(httpserver: HTTPServer) -> None:
    limit = Settings(max_bytes=1000)
    httpserver.expect_request("/at").respond_with_data(b"x" * 1000)
    httpserver.expect_request("/over").respond_with_data(b"x" * 1001)
    httpserver.expect_request("/gz").respond_with_data(gzip.compress(b"y" * 1000), headers={"Content-Encoding": "gzip"})
    httpserver.expect_request("/gzover").respond_with_data(
        gzip.compress(b"y" * 1001), headers={"Content-Encoding": "gzip"}
    )
    assert get(httpserver.url_for("/at"), limit).body == b"x" * 1000
    assert get(httpserver.url_for("/over"), limit).error == (
        "response over the 1,000-byte size limit (declares 1,001 bytes); raise settings.max_bytes to allow it"
    )
    assert get(httpserver.url_for("/gz"), limit).body == b"y" * 1000
    assert get(httpserver.url_for("/gzover"), limit).error == (
        "response over the 1,000-byte size limit (body is larger); raise settings.max_bytes to allow it"
    )


def test_a_body_without_a_length_is_cut_at_the_limit(httpserver: HTTPServer) -> None:
    def chunked(request: Request) -> Response:
        return Response((b"z" * 100 for _ in range(11)), direct_passthrough=True)

    httpserver.expect_request("/stream").respond_with_handler(chunked)
    got = get(httpserver.url_for("/stream"), Settings(max_bytes=1000))
    assert got.error == "response over the 1,000-byte size limit (body is larger); raise settings.max_bytes to allow it"
    assert got.body == b""


def test_unsupported_encodings_are_refused_by_name(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/br").respond_with_data(b"...", headers={"Content-Encoding": "br"})
    assert get(httpserver.url_for("/br")).error == "unsupported Content-Encoding 'br'"


def test_network_failures_are_one_line() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    refused = get(f"http://127.0.0.1:{port}/feed")
    assert refused.error.startswith("cannot connect (") and refused.status == 0
    assert refused.url == f"http://127.0.0.1:{port}/feed"
    assert get("ftp://127.0.0.1/feed").error.startswith("unsupported URL (")


def test_the_total_timeout_is_named_in_seconds(httpserver: HTTPServer) -> None:
    import threading

    release = threading.Event()

    def slow(request: Request) -> Response:
        release.wait(5)
        return Response("late")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    try:
        got = get(httpserver.url_for("/slow"), Settings(timeout=0.3, connect_timeout=0.3))
    finally:
        release.set()
    assert got.error in ("timed out after 0.3 s", "timed out (reading)")
    assert got.url == httpserver.url_for("/slow")


def test_retry_after_boundaries() -> None:
    assert parse_retry_after("0", NOW) is None  # now is not later
    assert parse_retry_after("1", NOW) == NOW + timedelta(seconds=1)
    assert parse_retry_after(" 60 ", NOW) == NOW + timedelta(seconds=60)
    assert parse_retry_after(str(7 * 86400), NOW) == NOW + timedelta(days=7)
    assert parse_retry_after(str(7 * 86400 + 1), NOW) == NOW + timedelta(days=7)
    assert parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", NOW) == NOW + timedelta(days=7)
    assert parse_retry_after("Tue, 03 Feb 2026 12:00:01 GMT", NOW) == NOW + timedelta(seconds=1)
    assert parse_retry_after("Tue, 03 Feb 2026 12:00:00 GMT", NOW) is None
    assert parse_retry_after("Tue, 03 Feb 2026 15:00:00 +0300", NOW) is None  # 12:00 UTC: not later
    assert parse_retry_after("Tue, 03 Feb 2026 16:00:00 +0300", NOW) == NOW + timedelta(hours=1)
    assert parse_retry_after("Tue, 03 Feb 2026 13:00:00 -0000", NOW) == NOW + timedelta(hours=1)  # naive: UTC
    assert parse_retry_after("-5", NOW) is None
    assert parse_retry_after("Tue, 99 Foo 2026", NOW) is None
    later = parse_retry_after("120")
    assert later is not None and later.tzinfo is not None  # without `now`: the clock's


def test_body_pieces_exactly() -> None:
    assert _Body("", 10).error == "" and _Body("identity", 10).error == ""
    assert _Body(" GZIP ", 10).error == ""
    assert _Body("x-gzip", 10).error == ""
    assert _Body("gzip, deflate", 10).error == "unsupported Content-Encoding 'gzip, deflate'"
    plain = _Body("identity", 5)
    assert plain.feed(b"abc") and plain.feed(b"de") and plain.finish() and plain.data() == b"abcde"
    assert not plain.feed(b"f") and plain.error.endswith("(body is larger); raise settings.max_bytes to allow it")
    packed = zlib.compress(b"q" * 50)
    raw_limit = _Body("deflate", len(packed) - 1)
    assert not raw_limit.feed(packed)
    assert raw_limit.error == (
        f"response over the {len(packed) - 1:,}-byte size limit (compressed body alone is larger); "
        "raise settings.max_bytes to allow it"
    )
    truncated = _Body("gzip", 1000)
    whole = gzip.compress(b"w" * 500)
    assert truncated.feed(whole[:8])  # only the header: nothing out yet
    assert not truncated.finish() and truncated.error == "truncated compressed body"
    split = _Body("gzip", 1000)
    assert split.feed(whole[:20]) and split.feed(whole[20:]) and split.finish() and split.data() == b"w" * 500
    corrupt = _Body("gzip", 100)
    assert not corrupt.feed(b"not gzip at all")
    assert corrupt.error.startswith("corrupt compressed body (")


def test_the_connect_timeout_is_its_own_and_named(httpserver: HTTPServer) -> None:
    # A listening socket whose accept queue is full drops new SYNs: connecting hangs, on loopback.
    with socket.socket() as full:
        full.bind(("127.0.0.1", 0))
        full.listen(0)
        port = full.getsockname()[1]
        waiting = []
        for _ in range(3):
            client = socket.socket()
            client.setblocking(False)
            client.connect_ex(("127.0.0.1", port))
            waiting.append(client)
        try:
            got = get(f"http://127.0.0.1:{port}/feed", Settings(timeout=3, connect_timeout=0.3))
            assert got.error == "timed out (connecting)"  # after 0.3 s, not the 3 s of the whole fetch
            assert got.url == f"http://127.0.0.1:{port}/feed"
            capped = get(f"http://127.0.0.1:{port}/feed", Settings(timeout=0.3, connect_timeout=10))
            assert capped.error in ("timed out (connecting)", "timed out after 0.3 s")
        finally:
            for client in waiting:
                client.close()


def test_timeout_kinds_and_network_errors_are_named_for_people() -> None:
    import httpx

    from newsreader.http import _describe, _kind

    assert _kind(httpx.ConnectTimeout("x")) == "connecting"
    assert _kind(httpx.ReadTimeout("x")) == "reading"
    assert _kind(httpx.PoolTimeout("x")) == "waiting for a connection"
    assert _kind(httpx.WriteTimeout("x")) == "WriteTimeout"
    assert _describe(httpx.ConnectError("")) == "cannot connect (ConnectError)"
    assert _describe(httpx.ConnectError(" refused ")) == "cannot connect (refused)"
    assert _describe(httpx.RemoteProtocolError("peer closed")) == "protocol error (peer closed)"
    assert _describe(httpx.LocalProtocolError("bad header")) == "protocol error (bad header)"
    assert _describe(httpx.UnsupportedProtocol("ftp")) == "unsupported URL (ftp)"
    assert _describe(httpx.ReadError("")) == "ReadError"
    assert _describe(httpx.ReadError("  ")) == "ReadError"
    assert _describe(httpx.ReadError("reset")) == "ReadError: reset"


def test_a_connection_cut_mid_body_is_a_protocol_error() -> None:
    import threading

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)

        def answer() -> None:
            conn, _ = server.accept()
            with conn:
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc")

        thread = threading.Thread(target=answer)
        thread.start()
        got = get(f"http://127.0.0.1:{server.getsockname()[1]}/feed")
        thread.join()
    assert got.error.startswith("protocol error (") and got.body == b""


def test_the_downloader_outside_its_context_says_so() -> None:
    downloader = Downloader(Settings())
    with pytest.raises(AssertionError) as caught:
        asyncio.run(downloader._get("http://127.0.0.1:9/feed", "", ""))
    assert str(caught.value) == "use Downloader as an async context manager"
    asyncio.run(downloader.__aexit__(None, None, None))  # never opened: nothing to close


def test_leaving_the_context_closes_the_client(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed").respond_with_data(b"<rss/>")

    async def run() -> Downloader:
        async with Downloader(Settings()) as downloader:
            assert (await downloader.get(httpserver.url_for("/feed"))).body == b"<rss/>"
        return downloader

    downloader = asyncio.run(run())
    assert downloader._client is not None and downloader._client.is_closed


def test_the_proxy_from_the_environment_is_used(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    # The loopback server plays the proxy; the feed's own address has nobody listening.
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", httpserver.url_for("/"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    httpserver.expect_request("/feed").respond_with_data(b"<rss/>")
    got = get(f"http://127.0.0.1:{port}/feed")
    assert (got.error, got.body) == ("", b"<rss/>")
    request, _ = httpserver.log[0]
    assert request.host == f"127.0.0.1:{port}"


def test_a_permanent_redirect_back_to_the_same_url_is_no_move(httpserver: HTTPServer) -> None:
    # A server that redirects to itself once (setting a cookie, say) has not moved the feed.
    here = httpserver.url_for("/self")
    httpserver.expect_oneshot_request("/self").respond_with_response(
        Response("", status=301, headers={"Location": here})
    )
    httpserver.expect_request("/self").respond_with_data(b"<rss/>")
    got = get(here)
    assert (got.body, got.moved_to, got.final_url) == (b"<rss/>", "", here)


def test_the_declared_length_check_is_for_identity_bodies_only(httpserver: HTTPServer) -> None:
    import random

    noise = random.Random(17).randbytes(1500)  # incompressible: gzip makes it larger, not smaller
    packed = gzip.compress(noise)
    assert len(packed) > 1500
    httpserver.expect_request("/gz").respond_with_data(packed, headers={"Content-Encoding": "gzip"})
    httpserver.expect_request("/empty").respond_with_data(b"x" * 1001, headers={"Content-Encoding": ""})
    httpserver.expect_request("/ident").respond_with_data(b"x" * 1001, headers={"Content-Encoding": " Identity "})
    limit = Settings(max_bytes=1000)
    assert get(httpserver.url_for("/gz"), limit).error == (
        "response over the 1,000-byte size limit (compressed body alone is larger); raise settings.max_bytes to allow it"
    )
    assert get(httpserver.url_for("/empty"), limit).error == (
        "response over the 1,000-byte size limit (declares 1,001 bytes); raise settings.max_bytes to allow it"
    )
    assert get(httpserver.url_for("/ident"), limit).error == (
        "response over the 1,000-byte size limit (declares 1,001 bytes); raise settings.max_bytes to allow it"
    )


def test_body_encodings_are_split_on_commas() -> None:
    assert _Body("gzip,identity", 10).error == ""
    assert _Body("identity , gzip", 10).error == ""
    assert _Body("gzip,deflate", 10).error == "unsupported Content-Encoding 'gzip,deflate'"


def test_gzip_is_gzip_only_and_deflate_falls_back_to_raw_once() -> None:
    wrapped = _Body("gzip", 100)
    assert not wrapped.feed(zlib.compress(b"abc"))  # zlib data is not a gzip body
    assert wrapped.error == "corrupt compressed body (Error -3 while decompressing data: incorrect header check)"
    garbage = _Body("gzip", 100)
    assert not garbage.feed(b"not gzip at all")
    assert garbage.error == "corrupt compressed body (Error -3 while decompressing data: incorrect header check)"
    neither = _Body("deflate", 100)  # not zlib, then not raw deflate either: one retry, then the raw error
    assert not neither.feed(b"not gzip at all")
    assert neither.error == "corrupt compressed body (Error -3 while decompressing data: invalid block type)"


def test_the_compressed_size_limit_counts_every_chunk_and_is_inclusive() -> None:
    import random

    noise = random.Random(5).randbytes(1000)
    raw = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    packed = raw.compress(noise) + raw.flush()  # raw deflate: the retry path
    exact = _Body("deflate", len(packed))  # compressed size == the limit, decompressed 1000 <= it
    assert exact.feed(packed) and exact.finish() and exact.data() == noise
    gz = gzip.compress(noise)
    split = _Body("gzip", len(gz) - 1)  # 1000 bytes fit, the compressed ones do not
    half = len(gz) // 2
    assert split.feed(gz[:half])
    assert not split.feed(gz[half:])
    assert "(compressed body alone is larger)" in split.error


def test_a_gzip_bomb_is_never_inflated_in_memory() -> None:
    import tracemalloc

    bomb = gzip.compress(bytes(20_000_000), compresslevel=9)  # 20 MB of zeros in about 20 kB
    assert len(bomb) < 100_000
    body = _Body("gzip", 100_000)
    tracemalloc.start()
    try:
        assert not body.feed(bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert body.error == (
        "response over the 100,000-byte size limit (body is larger); raise settings.max_bytes to allow it"
    )
    assert peak < 1_000_000  # the limit and a byte, not 20 MB


def test_finishing_a_compressed_body_empty_cut_or_whole() -> None:
    assert _Body("gzip", 100).finish()  # no bytes at all: an empty body, not a truncated one
    empty = _Body("gzip", 100)
    assert empty.feed(gzip.compress(b"")) and empty.finish() and empty.data() == b""
    one = _Body("gzip", 100)
    assert one.feed(gzip.compress(b"abc")[:1])
    assert not one.finish() and one.error == "truncated compressed body"


def test_per_host_and_total_limits_as_the_servers_see_them() -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    lock = threading.Lock()
    now: dict[str, int] = {}
    peak: dict[str, int] = {}
    total = [0, 0]  # in flight now, at most

    def handler_for(host: str) -> type[BaseHTTPRequestHandler]:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with lock:
                    now[host] = now.get(host, 0) + 1
                    peak[host] = max(peak.get(host, 0), now[host])
                    total[0] += 1
                    total[1] = max(total[1], total[0])
                try:
                    threading.Event().wait(0.15)  # held, so requests that may overlap do
                    self.send_response(200)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok")
                finally:
                    with lock:
                        now[host] -= 1
                        total[0] -= 1

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler

    servers = [ThreadingHTTPServer((h, 0), handler_for(h)) for h in ("127.0.0.1", "127.0.0.2", "127.0.0.3")]
    for server in servers:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    urls = [f"http://{s.server_address[0]}:{s.server_address[1]}/f{n}" for s in servers for n in range(3)]

    async def run(settings: Settings) -> list[Download]:
        async with Downloader(settings) as downloader:
            return list(await asyncio.gather(*(downloader.get(u) for u in urls)))

    try:
        got = asyncio.run(run(Settings(concurrency=3, per_host=2)))
        assert [g.body for g in got] == [b"ok"] * 9
        assert (total[1], max(peak.values())) == (3, 2)  # each limit reached, never passed
        peak.clear()
        total[1] = 0
        asyncio.run(run(Settings(concurrency=9, per_host=1)))
        assert (total[1], peak) == (3, {"127.0.0.1": 1, "127.0.0.2": 1, "127.0.0.3": 1})  # hosts apart
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def test_the_total_timeout_cuts_a_server_that_drips() -> None:
    import threading
    import time

    stop = threading.Event()
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)

        def drip() -> None:
            conn, _ = server.accept()
            with conn:
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 60\r\n\r\n")
                for _ in range(60):  # a byte every 0.05 s: never idle long enough for the read timeout
                    if stop.wait(0.05):
                        return
                    conn.sendall(b"x")

        thread = threading.Thread(target=drip)
        thread.start()
        started = time.monotonic()
        try:
            got = get(f"http://127.0.0.1:{server.getsockname()[1]}/feed", Settings(timeout=0.5, connect_timeout=0.5))
        finally:
            stop.set()
            thread.join()
    assert (got.error, got.body) == ("timed out after 0.5 s", b"")
    assert got.url.endswith("/feed")
    assert time.monotonic() - started < 2.5  # the 3 s the whole body takes would be past it


def raw_server(answer: bytes) -> tuple[socket.socket, str]:
    """A one-shot server that sends `answer` as it is (headers a werkzeug server would add, left out)."""
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(answer)

    threading.Thread(target=serve, daemon=True).start()
    return server, f"http://127.0.0.1:{server.getsockname()[1]}/feed"


def test_a_response_without_a_content_type_gives_an_empty_one() -> None:
    server, url = raw_server(b"HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\n<rss/>")
    with server:
        got = get(url)
    assert (got.body, got.headers) == (b"<rss/>", {"content-type": "", "content-location": url})


def test_compressed_bodies_cut_short_or_corrupt_over_http(httpserver: HTTPServer) -> None:
    whole = gzip.compress(b"w" * 500)
    httpserver.expect_request("/cut").respond_with_data(whole[:5], headers={"Content-Encoding": "gzip"})
    httpserver.expect_request("/bad").respond_with_data(b"not gzip at all", headers={"Content-Encoding": "gzip"})
    cut = get(httpserver.url_for("/cut"))
    assert (cut.error, cut.body) == ("truncated compressed body", b"")
    bad = get(httpserver.url_for("/bad"))
    assert (bad.error, bad.body) == (
        "corrupt compressed body (Error -3 while decompressing data: incorrect header check)",
        b"",
    )


def test_idle_kept_alive_connections_stay_within_the_concurrency() -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    lock = threading.Lock()
    open_now = [0]

    class KeepAlive(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # connections stay open between requests

        def setup(self) -> None:
            super().setup()
            with lock:
                open_now[0] += 1

        def finish(self) -> None:
            with lock:
                open_now[0] -= 1
            super().finish()

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, format: str, *args: object) -> None:
            pass

    servers = [ThreadingHTTPServer(("127.0.0.1", 0), KeepAlive) for _ in range(4)]  # four origins
    for server in servers:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()

    async def run() -> int:
        async with Downloader(Settings(concurrency=2)) as downloader:
            for server in servers:  # one after another: each leaves its connection idle in the pool
                assert (await downloader.get(f"http://127.0.0.1:{server.server_address[1]}/f")).body == b"ok"
            await asyncio.sleep(0.3)  # the servers see the closed ones go
            with lock:
                return open_now[0]

    try:
        assert asyncio.run(run()) == 2
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
