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
    assert got.headers == {
        "content-type": "application/rss+xml",
        "content-location": httpserver.url_for("/feed"),
        "etag": '"v1"',
        "last-modified": "Tue, 03 Feb 2026",
    }
    request, _ = httpserver.log[0]
    assert request.headers["User-Agent"] == f"newsreader/{__version__} (+https://github.com/newsreader/newsreader)"
    assert request.headers["Accept-Encoding"] == "gzip, deflate"
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
    assert get(httpserver.url_for("/loop")).error == "more than 5 redirects (a redirect loop?)"
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
