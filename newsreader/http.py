"""Downloading feeds: one pooled async httpx client, politeness limits, conditional GET, bounded bodies."""

from __future__ import annotations

import asyncio
import itertools
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newsreader.config import Settings

if TYPE_CHECKING:
    import httpx

PROJECT_URL = "https://github.com/newsreader/newsreader"
MAX_REDIRECTS = 5
MAX_RETRY_AFTER = timedelta(days=7)  # a server asking for longer is mistaken; try again in a week anyway
_PERMANENT = (301, 308)
_REDIRECTS = (301, 302, 303, 307, 308)


def user_agent(settings: Settings) -> str:
    if settings.user_agent:
        return settings.user_agent
    from newsreader import __version__

    return f"newsreader/{__version__} (+{PROJECT_URL})"


@dataclass(slots=True)
class Download:
    """What one GET produced: a body to parse, a 304, or an error (one line, for people)."""

    url: str
    status: int = 0
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names, for the parser
    final_url: str = ""
    etag: str = ""
    last_modified: str = ""
    moved_to: str = ""  # where a permanent redirect (301/308) sent us: the config should say so
    retry_after: datetime | None = None
    not_modified: bool = False
    error: str = ""


class Downloader:
    """One connection pool for a whole run; a global and a per-host limit so no outlet is hammered."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._client: httpx.AsyncClient | None = None
        self._all = asyncio.Semaphore(settings.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = {}

    async def __aenter__(self) -> Downloader:
        import httpx

        s = self.settings
        self._client = httpx.AsyncClient(
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            timeout=httpx.Timeout(s.timeout, connect=min(s.connect_timeout, s.timeout)),
            # Idle connections kept alive count towards max_connections, so they too stay within it.
            limits=httpx.Limits(max_connections=s.concurrency),
            headers={
                "User-Agent": user_agent(s),
                # We decompress ourselves (see _Body) so a compressed body is bounded after decompression.
                "Accept-Encoding": "gzip, deflate",
                "Accept": "application/rss+xml, application/atom+xml, application/feed+json, "
                "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5",
            },
            trust_env=True,
        )
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._client is not None:
            await self._client.aclose()

    async def get(self, url: str, *, etag: str = "", last_modified: str = "") -> Download:
        """GET `url` within the limits and the total timeout; never raises for network trouble."""
        import httpx

        host = urlsplit(url).hostname or ""
        per_host = self._hosts.setdefault(host, asyncio.Semaphore(self.settings.per_host))
        async with self._all, per_host:
            try:
                async with asyncio.timeout(self.settings.timeout):
                    return await self._get(url, etag, last_modified)
            except TimeoutError:
                return Download(url, error=f"timed out after {self.settings.timeout:g} s")
            except httpx.TooManyRedirects:
                return Download(url, error=f"more than {MAX_REDIRECTS} redirects (a redirect loop?)")
            except httpx.TimeoutException as exc:
                return Download(url, error=f"timed out ({_kind(exc)})")
            except httpx.HTTPError as exc:
                return Download(url, error=_describe(exc))

    async def _get(self, url: str, etag: str, last_modified: str) -> Download:
        assert self._client is not None, "use Downloader as an async context manager"
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        async with self._client.stream("GET", url, headers=headers) as response:
            result = Download(url, status=response.status_code, final_url=str(response.url))
            result.moved_to = _moved_to(url, response)
            if response.status_code == 304:
                result.not_modified = True
                result.etag, result.last_modified = etag, last_modified
                return result
            if response.status_code in (429, 503):
                result.retry_after = parse_retry_after(response.headers.get("retry-after", ""))
                wait = f"; retry after {result.retry_after:%Y-%m-%d %H:%M} UTC" if result.retry_after else ""
                result.error = f"HTTP {response.status_code} {response.reason_phrase}{wait}"
                return result
            if response.status_code >= 400 or response.status_code in _REDIRECTS:
                result.error = f"HTTP {response.status_code} {response.reason_phrase}".strip()
                return result
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.settings.max_bytes and _identity(response):
                result.error = _too_big(self.settings.max_bytes, f"declares {int(declared):,} bytes")
                return result
            body = _Body(response.headers.get("content-encoding", ""), self.settings.max_bytes)
            if body.error:
                result.error = body.error
                return result
            async for chunk in response.aiter_raw():
                if not body.feed(chunk):
                    result.error = body.error
                    return result
            if not body.finish():
                result.error = body.error
                return result
            result.body = body.data()
            result.etag = response.headers.get("etag", "")
            result.last_modified = response.headers.get("last-modified", "")
            result.headers = {
                "content-type": response.headers.get("content-type", ""),
                "content-location": result.final_url,
            }
            if result.etag:
                result.headers["etag"] = result.etag
            if result.last_modified:
                result.headers["last-modified"] = result.last_modified
            return result


class _Body:
    """Accumulates a body, decompressing as it goes, and stops once the DECOMPRESSED size passes the limit."""

    def __init__(self, content_encoding: str, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.error = ""
        self._parts: list[bytes] = []
        self._raw = 0
        encodings = [e.strip().lower() for e in content_encoding.split(",") if e.strip()]
        encodings = [e for e in encodings if e != "identity"]
        self._inflate: zlib._Decompress | None = None
        # deflate is zlib-wrapped by the standard, raw from some servers: a failing first chunk is retried raw.
        self._deflate = encodings == ["deflate"]
        if len(encodings) > 1 or (encodings and encodings[0] not in ("gzip", "x-gzip", "deflate")):
            self.error = f"unsupported Content-Encoding {content_encoding!r}"
        elif encodings:
            self._inflate = zlib.decompressobj(16 + zlib.MAX_WBITS if "gzip" in encodings[0] else zlib.MAX_WBITS)

    def feed(self, chunk: bytes) -> bool:
        if self._inflate is None:
            return self._add(chunk)
        self._raw += len(chunk)
        if self._raw > self.limit:
            self.error = _too_big(self.limit, "compressed body alone is larger")
            return False
        try:
            # max_length bounds the output, so a gzip bomb never inflates past the limit in memory. One call
            # is enough: zlib stops short of max_length only once the chunk is used up, and output reaching
            # max_length (the limit + 1) fails _add, so input left unconsumed is never wanted.
            out = self._inflate.decompress(chunk, self.limit - self.size + 1)
        except zlib.error as exc:
            if self._deflate and self.size == 0 and self._raw == len(chunk):
                self._inflate = zlib.decompressobj(-zlib.MAX_WBITS)
                self._deflate = False
                self._raw = 0
                return self.feed(chunk)
            self.error = f"corrupt compressed body ({exc})"
            return False
        return self._add(out)

    def finish(self) -> bool:
        if self._inflate is not None and not self._inflate.eof and self.size == 0 and self._raw > 0:
            self.error = "truncated compressed body"
            return False
        return True

    def _add(self, data: bytes) -> bool:
        self.size += len(data)
        if self.size > self.limit:
            self.error = _too_big(self.limit, "body is larger")
            return False
        if data:
            self._parts.append(data)
        return True

    def data(self) -> bytes:
        return b"".join(self._parts)


def _too_big(limit: int, detail: str) -> str:
    return f"response over the {limit:,}-byte size limit ({detail}); raise settings.max_bytes to allow it"


def _identity(response: httpx.Response) -> bool:
    return response.headers.get("content-encoding", "").strip().lower() in ("", "identity")


def _moved_to(url: str, response: httpx.Response) -> str:
    """The URL a chain of permanent redirects from `url` leads to; '' if the first hop is temporary."""
    hops = [*response.history, response]
    moved = ""
    for hop, nxt in itertools.pairwise(hops):
        if hop.status_code not in _PERMANENT:
            break
        moved = str(nxt.url)
    return moved if moved != url else ""


def parse_retry_after(value: str, now: datetime | None = None) -> datetime | None:
    """Retry-After as an aware UTC moment: delay-seconds or an HTTP date; None when absent or unreadable."""
    now = now or datetime.now(UTC)
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        when = now + min(timedelta(seconds=int(value)), MAX_RETRY_AFTER)
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        when = min(when.astimezone(UTC), now + MAX_RETRY_AFTER)
    return when if when > now else None


def _kind(exc: Exception) -> str:
    name = type(exc).__name__
    return {"ConnectTimeout": "connecting", "ReadTimeout": "reading", "PoolTimeout": "waiting for a connection"}.get(
        name, name
    )


def _describe(exc: Exception) -> str:
    """One line for a network failure, without the stack of wrapped exceptions."""
    name = type(exc).__name__
    text = str(exc).strip() or name
    if name == "ConnectError":
        return f"cannot connect ({text})"
    if name in ("RemoteProtocolError", "LocalProtocolError"):
        return f"protocol error ({text})"
    if name == "UnsupportedProtocol":
        return f"unsupported URL ({text})"
    return f"{name}: {text}" if text != name else name
