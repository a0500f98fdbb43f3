"""What a fetched document is before the feed parser sees it: a feed, gzip, an HTML page, a sitemap, an OPML list.

The feed parser answers anything else with XML noise (`junk after document element`, `mismatched tag`,
`is not an XML media type`, `not well-formed`); looking at the first bytes first lets newsreader say what the
document is instead, decompress a gzip file saved as `.xml`, and find the feeds an HTML page links to.
"""

from __future__ import annotations

import re
import zlib
from html.parser import HTMLParser
from urllib.parse import urljoin

GZIP, HTML, SITEMAP, OPML = "gzip", "html", "sitemap", "opml"
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml")
MAX_DISCOVERED = 10  # an outlet's page may list a feed per section; more than this is a directory, not a page
_HEAD = 8192
# A doctype other than HTML's (RSS 0.91's <!DOCTYPE rss ...>, OPML's) is prologue, not the root.
_PROLOGUE = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!(?!doctype\s+html)[^>]*>)", re.IGNORECASE | re.DOTALL)
_ROOT = re.compile(r"\s*<(!doctype\s+html|[A-Za-z_][\w:.-]*)", re.IGNORECASE)
_HTML_ROOTS = {"html", "head", "body", "div", "p", "meta", "title", "script", "!doctype html"}


def sniff(data: bytes, content_type: str = "") -> str:
    """GZIP, HTML, SITEMAP or OPML for documents that are not feeds; '' for a feed (or anything else,
    left to the feed parser to judge)."""
    if data[:2] == b"\x1f\x8b":
        return GZIP
    head = _text(data[:_HEAD])
    if head.startswith("{"):
        return ""
    root = _root(head)
    if root in _HTML_ROOTS:
        return HTML
    if root in ("urlset", "sitemapindex"):
        return SITEMAP
    if root == "opml":
        return OPML
    if not root and "html" in content_type.lower():
        return HTML
    return ""


def _text(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore").lstrip("\ufeff")
    return head.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")


def _root(head: str) -> str:
    """The first element's local name, lower-case ('' when the head holds none)."""
    position = 0
    while match := _PROLOGUE.match(head, position):  # every alternative is at least 3 characters long
        position = match.end()
    found = _ROOT.match(head, position)
    if found is None:
        return ""
    return found.group(1).lower().rpartition(":")[2]  # "!doctype html" has no colon


def gunzip(data: bytes, limit: int) -> bytes:
    """A gzip file's content, at most `limit` bytes of it; ValueError (for people) when it cannot be read."""
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflate.decompress(data, limit + 1)
    except zlib.error as exc:
        raise ValueError(f"is gzip-compressed but cannot be decompressed ({exc})") from None
    if len(out) > limit:
        raise ValueError(f"is gzip-compressed and over the {limit:,}-byte limit once decompressed")
    if not inflate.eof:
        raise ValueError("is gzip-compressed but truncated")
    return out


def discover_feeds(page: bytes, page_url: str) -> list[str]:
    """The feeds an HTML page names (`<link rel="alternate" type="application/rss+xml" href=...>`, Atom and
    JSON Feed too), as absolute http(s) URLs in page order; comment feeds (WordPress lists one on every
    post) are left out."""
    finder = _LinkFinder()
    try:
        finder.feed(page[: 2 * 1024 * 1024].decode("utf-8", errors="replace"))
        finder.close()
    except AssertionError:  # html.parser gives up on some broken markup; keep what it found so far
        pass
    base = urljoin(page_url, finder.base)  # no <base>: urljoin gives the page's URL
    found: list[str] = []
    for href, title in finder.links:
        url = urljoin(base, "".join(href.split()))
        if not url.lower().startswith(("http://", "https://")) or "comment" in f"{title} {url}".lower():
            continue
        if url not in found:
            found.append(url)
    return found[:MAX_DISCOVERED]


class _LinkFinder(HTMLParser):
    """Collects feed <link>s and the <base href> of a page (stops caring after </head>)."""

    def __init__(self) -> None:
        super().__init__()  # attribute values come unescaped whatever convert_charrefs says
        self.links: list[tuple[str, str]] = []
        self.base = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "base" and values.get("href") and not self.base:
            self.base = values["href"]
        if tag != "link" or "alternate" not in values.get("rel", "").lower().split():
            return
        kind = values.get("type", "").lower().split(";")[0].strip()
        if kind in FEED_TYPES and values.get("href"):
            self.links.append((values["href"], values.get("title", "")))
