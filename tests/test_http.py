"""The downloader's pieces that need no server: Retry-After, bounded decompression, the User-Agent."""

from __future__ import annotations

import gzip
import zlib
from datetime import UTC, datetime, timedelta

from newsreader.config import Settings
from newsreader.http import _Body, parse_retry_after, user_agent

NOW = datetime(2026, 2, 3, 12, 0, tzinfo=UTC)


def test_retry_after_seconds_and_http_date() -> None:
    assert parse_retry_after("120", NOW) == NOW + timedelta(seconds=120)
    assert parse_retry_after("Tue, 03 Feb 2026 13:00:00 GMT", NOW) == datetime(2026, 2, 3, 13, 0, tzinfo=UTC)
    assert parse_retry_after("", NOW) is None
    assert parse_retry_after("soon", NOW) is None
    assert parse_retry_after("Tue, 03 Feb 2026 11:00:00 GMT", NOW) is None  # already past
    assert parse_retry_after("999999999", NOW) == NOW + timedelta(days=7)  # capped


def test_body_limits_decompressed_size() -> None:
    body = _Body("gzip", limit=1000)
    assert not body.feed(gzip.compress(b"x" * 5000))
    assert "size limit" in body.error
    small = _Body("gzip", limit=1000)
    assert small.feed(gzip.compress(b"y" * 999)) and small.finish()
    assert small.data() == b"y" * 999


def test_body_accepts_zlib_and_raw_deflate() -> None:
    for data in (zlib.compress(b"hello"), zlib.compress(b"hello")[2:-4]):
        body = _Body("deflate", limit=100)
        assert body.feed(data) and body.finish(), body.error
        assert body.data() == b"hello"


def test_body_rejects_unknown_encoding_and_corrupt_data() -> None:
    assert "unsupported" in _Body("br", limit=100).error
    corrupt = _Body("gzip", limit=100)
    assert not corrupt.feed(b"not gzip at all")
    assert "corrupt" in corrupt.error


def test_user_agent_default_and_override() -> None:
    assert user_agent(Settings()).startswith("newsreader/")
    assert user_agent(Settings(user_agent="custom/1")) == "custom/1"
