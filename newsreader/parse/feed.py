"""Feed documents (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.x) turned into plain entries, then Articles."""

from __future__ import annotations

import calendar
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import PurePath
from typing import Any
from urllib.parse import urljoin, urlsplit

from newsreader.dates import parse_feed_date
from newsreader.lang import normalise
from newsreader.models import Article, make_id
from newsreader.outlet_home import home_of
from newsreader.parse.html import html_to_line, html_to_text
from newsreader.sanitize import clean, clean_line
from newsreader.text import clean_author, clean_body, clean_tag, clean_title

SUMMARY_CHARS = 400  # a summary made from the body when the feed gives none
# A date this far after the fetch is a feed's mistake (a wrong year, a zone sign flipped), not news.
FUTURE_SLACK = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Entry:
    """One feed item as plain text; everything here is picklable so parsing can run in another process."""

    guid: str
    link: str
    title: str
    author: str = ""
    summary: str = ""
    body: str = ""
    published: datetime | None = None
    tags: tuple[str, ...] = ()
    # Why `published` is None although the feed gave a date: "unreadable" or "future"; `date_raw` is the value.
    date_problem: str = ""
    date_raw: str = ""
    language: str = ""  # as declared (xml:lang, dc:language), not yet normalised


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A whole feed: its own title and link, its entries, notes for the user, or why it could not be read."""

    url: str
    title: str = ""
    link: str = ""
    entries: tuple[Entry, ...] = ()
    warnings: tuple[str, ...] = ()
    error: str = ""
    language: str = ""  # the feed's <language>, dc:language or xml:lang, as declared


def parse_feed(data: bytes, headers: Mapping[str, str], url: str, now: datetime | None = None) -> ParsedFeed:
    """Parse one feed document. Pure and picklable (bytes, headers and URL in; plain data out).

    `headers` are the response headers (lower-case names); `url` is the document's address, the base
    for relative links. Malformed XML whose entries could still be recovered gives those entries and a
    warning; a document with nothing recoverable gives `error`. Dates more than a day after `now` (the
    fetch time, default the clock) are dropped as impossible, with a warning, like unreadable ones.
    """
    headers = {k.lower(): v for k, v in headers.items()}
    if _looks_like_json(data, headers.get("content-type", "")):
        parsed = _parse_json_feed(data, url)
    else:
        parsed = _parse_xml_feed(data, headers, url)
    return _fold_copies(_check_dates(parsed, now or datetime.now(UTC)))


def _looks_like_json(data: bytes, content_type: str) -> bool:
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") or ("json" in content_type.lower() and not head.startswith(b"<"))


# -- XML feeds ------------------------------------------------------------------------------------------


def _parse_xml_feed(data: bytes, headers: dict[str, str], url: str) -> ParsedFeed:

    response_headers = dict(headers)
    base = urljoin(url, headers.get("content-location", "")) if url else headers.get("content-location", "")
    remote = (base or url).lower().startswith(("http://", "https://"))
    # feedparser resolves xml:base (feed, item, entry and link level, RFC 3986) only from an absolute base:
    # without one it carries an item's base over to the next item. A local file gets a stand-in base,
    # replaced after parsing by the site the feed names (see _from_local).
    response_headers["content-location"] = base if remote else _LOCAL_BASE
    parsed = _feedparser(data, response_headers)
    feed = parsed.get("feed", {})
    link = _safe_link(_from_local(feed.get("link", ""), ""), base or url)
    if not remote:
        base = link  # a local file: relative entry links are relative to the site the feed names
    entries = [e for e in (_xml_entry(raw, base or url, remote) for raw in parsed.get("entries", [])) if e is not None]
    warnings: list[str] = []
    title = clean_title(html_to_line(feed.get("title", "")))
    if parsed.get("bozo"):
        cause = _bozo_cause(parsed.get("bozo_exception"))
        if not entries:
            if parsed.get("version") and not _is_fatal(parsed.get("bozo_exception")):
                # a media-type or charset note says nothing about why there are no entries: not shown
                note = "" if _is_encoding_note(parsed.get("bozo_exception")) else f" ({cause})"
                return ParsedFeed(url, title, link, warnings=(f"feed has no entries{note}",))
            return ParsedFeed(url, title, link, error=f"not a readable feed: {cause}")
        if not _is_encoding_note(parsed.get("bozo_exception")):
            warnings.append(f"malformed feed, kept the {_entries(len(entries))} that could be read: {cause}")
    elif not parsed.get("version") and not entries:
        return ParsedFeed(url, title, link, error="not an RSS, Atom or JSON feed")
    language = str(feed.get("language", "") or (feed.get("title_detail") or {}).get("language", "") or "")
    return ParsedFeed(url, title, link, tuple(entries), tuple(warnings), language=language)


# An xml:base (or `base`) attribute anywhere, or a guid that is not an absolute URL (feedparser resolves a
# permalink guid against the base, and whether a guid is one is not in its result): the document is read
# with its base given, as feedparser needs it for those. Anything else reads the same without.
_BASE_ATTRIBUTE = re.compile(rb"base\s*=")
_RELATIVE_GUID = re.compile(rb"<guid\b[^>]*>\s*(?![A-Za-z][A-Za-z0-9+.-]*:)", re.IGNORECASE)


def _feedparser(data: bytes, headers: dict[str, str]) -> Any:
    """feedparser's reading of the document, links resolved against headers["content-location"].

    feedparser strips DOCTYPE entity declarations itself (no billion laughs, no external entities);
    sanitising and URI resolution inside HTML are skipped because the HTML becomes plain text anyway.
    Given a base, feedparser joins it with every start tag's (a third of its time), although only the
    links and permalink guids need it: a document without xml:base and relative guids is read without
    one and its links joined here, by feedparser's own join, giving what it gives (tests/test_feed_base.py
    holds the two readings equal on every feed of ../shared/).
    """
    base = headers["content-location"]
    if not _BASE_ATTRIBUTE.search(data):
        if not _RELATIVE_GUID.search(data):
            plain = {**headers, "content-location": ""}  # headers as given otherwise: they decide bozo notes
            parsed = _fast_read(data, plain)
            if parsed is None:
                import feedparser

                parsed = feedparser.parse(
                    data, response_headers=plain, sanitize_html=False, resolve_relative_uris=False
                )
            entries = parsed.get("entries", [])
            if all(_urljoin(base, e["id"]) == e["id"] for e in entries if e.get("id")):
                for item in (parsed.get("feed", {}), *entries):
                    if item.get("link"):
                        item["link"] = _urljoin(base, item["link"])
                return parsed
        parsed = _fast_read(data, headers)  # the base alone (no xml:base): the fast reading resolves it too
        if parsed is not None:
            return parsed
    import feedparser

    return feedparser.parse(data, response_headers=headers, sanitize_html=False, resolve_relative_uris=False)


def _fast_read(data: bytes, headers: dict[str, str]) -> Any:
    """parse.fastfeed's lxml reading of a plain RSS 2.0 document (what feedparser gives, 10-20x faster), or
    None for anything else. A module attribute, so the differential test can switch it off."""
    from newsreader.parse import fastfeed

    return fastfeed.read(data, headers)


_URI_FIXER = re.compile("^([A-Za-z][A-Za-z0-9+-.]*://)(/*)(.*?)")


def _urljoin(base: str, uri: str) -> str:
    """feedparser.urls._urljoin (which its reading of links uses), without importing feedparser."""
    uri = _URI_FIXER.sub(r"\1\3", uri)
    try:
        return urljoin(base, uri)
    except ValueError:
        return ""


_LOCAL_ORIGIN = "http://newsreader.invalid"
_LOCAL_BASE = f"{_LOCAL_ORIGIN}/.document/"


def _from_local(link: str, site: str) -> str:
    """A link feedparser resolved against _LOCAL_BASE, resolved against the feed's site instead.

    `.document/story` was relative to the file, so it is relative to the site's link; `/world/story`
    came from an absolute path (`xml:base="/world/"`), so it keeps its path on the site's host. Without a
    site there is nothing to resolve against: ''."""
    if not link.startswith(_LOCAL_ORIGIN):
        return link
    path = link[len(_LOCAL_ORIGIN) :]
    if not site:
        return ""
    return urljoin(site, path[len(_LOCAL_BASE) - len(_LOCAL_ORIGIN) :] if path.startswith("/.document/") else path)


def _xml_entry(raw: Mapping[str, Any], base: str, remote: bool = True) -> Entry | None:
    summary_html = raw.get("summary", "") or ""
    content_html = ""
    for part in raw.get("content", []) or []:
        value = part.get("value", "") if isinstance(part, Mapping) else ""
        if len(value) > len(content_html):
            content_html = value
    title = html_to_line(raw.get("title", "") or "")
    body = html_to_text(content_html) if content_html else ""
    summary = html_to_text(summary_html) if summary_html and summary_html != content_html else ""
    published, date_raw = _xml_date(raw)
    tags = tuple(
        dict.fromkeys(
            clean_line(t.get("term", "") or t.get("label", "") or "")
            for t in raw.get("tags", []) or []
            if isinstance(t, Mapping)
        )
    )
    author = ", ".join(_author_names(raw)) or raw.get("author") or ""
    return _entry(
        guid=str(raw.get("id", "") or ""),
        link=_safe_link(raw.get("link", "") if remote else _from_local(raw.get("link", "") or "", base), base),
        title=title,
        author=html_to_line(author),
        summary=summary,
        body=body,
        published=published,
        tags=tuple(t for t in tags if t),
        date_raw=date_raw,
        language=_xml_language(raw),
    )


def _xml_language(raw: Mapping[str, Any]) -> str:
    """An entry's own language: dc:language, else the xml:lang of its content, summary or title."""
    details = [*(raw.get("content", []) or []), raw.get("summary_detail"), raw.get("title_detail")]
    for value in (raw.get("language"), *(d.get("language") for d in details if isinstance(d, Mapping))):
        if isinstance(value, str) and value.strip():
            return value
    return ""


_DATE_KEYS = ("published", "updated", "created")  # pubDate / Atom published; updated / dc:date; dcterms:created


def _xml_date(raw: Mapping[str, Any]) -> tuple[datetime | None, str]:
    """The entry's date and, when none could be read, the first raw value it gave ('' if none).

    Our own reading comes first (it knows localised names and zones such as CEST, which feedparser reads
    as UTC); feedparser's is the fallback for the rarer forms it knows (asctime, Korean, Greek handlers).
    """
    first_raw = ""
    for key in _DATE_KEYS:
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            continue
        when = parse_feed_date(value) or _struct_time(_feedparser_date(raw, key, value))
        if when is not None:
            return when, ""
        first_raw = first_raw or value.strip()
    return None, first_raw


def _feedparser_date(raw: Mapping[str, Any], key: str, value: str) -> Any:
    """feedparser's struct_time for the date: from its result, or (for parse.fastfeed's, which has none)
    from its date parser, so both readings fall back alike."""
    if f"{key}_parsed" in raw:
        return raw[f"{key}_parsed"]
    from feedparser.datetimes import _parse_date

    return _parse_date(value)


def _struct_time(value: Any) -> datetime | None:
    """feedparser's UTC struct_time as an aware datetime (None for missing or absurd values)."""
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC)
    except (OverflowError, ValueError, OSError, TypeError):
        return None


def _bozo_cause(exc: Any) -> str:
    """The parser's complaint in words. expat's `<unknown>:2:1: not well-formed (invalid token)` names no file
    (the caller names it) and its place is not the user's: feedparser rewrites the XML declaration before parsing,
    so lines and columns are shifted. Say what is wrong, as the OPML reader does."""
    if _is_fatal(exc) and hasattr(exc, "getMessage"):
        message = clean_line(str(exc.getMessage())).removeprefix("not well-formed").strip(" ()")
        return f"not well-formed XML ({message})"  # expat's messages are short fixed phrases
    text = clean_line(str(exc or "malformed document"))
    return text[:200]


def _is_fatal(exc: Any) -> bool:
    return exc is not None and "SAX" in type(exc).__name__ and "Parse" in type(exc).__name__


def _is_encoding_note(exc: Any) -> bool:
    """feedparser flags a charset mismatch it worked around; the entries are fine, no need to alarm anyone."""
    return type(exc).__name__ in ("CharacterEncodingOverride", "NonXMLContentType")


# -- JSON Feed ------------------------------------------------------------------------------------------


def _parse_json_feed(data: bytes, url: str) -> ParsedFeed:
    """JSON Feed 1.0/1.1 (feedparser 6 does not read it), mapped field by field."""
    try:
        doc = json.loads(data.decode("utf-8-sig", errors="replace"))
    except ValueError as exc:
        return ParsedFeed(url, error=f"not a readable JSON feed: {clean_line(str(exc))[:200]}")
    if not isinstance(doc, dict) or not isinstance(doc.get("items", []), list):
        return ParsedFeed(url, error="not a JSON Feed (no 'items' list)")
    version = str(doc.get("version", ""))
    warnings: list[str] = []
    if "jsonfeed.org/version/1" not in version:
        if "items" not in doc:
            return ParsedFeed(url, error="not a JSON Feed (no 'version' or 'items')")
        warnings.append("JSON feed without a JSON Feed 1.x version; read it anyway")
    base = _text(doc.get("feed_url")) or url
    feed_authors = _json_authors(doc)
    entries: list[Entry] = []
    for item in doc.get("items", []):
        if not isinstance(item, dict):
            continue
        body_html = _text(item.get("content_html"))
        body = html_to_text(body_html) if body_html else clean(_text(item.get("content_text"))).strip()
        summary = html_to_text(_text(item.get("summary")))
        published, date_raw = _json_date(item)
        entry = _entry(
            guid=_text(item.get("id")),
            link=_safe_link(_text(item.get("url")) or _text(item.get("external_url")), base),
            title=html_to_line(_text(item.get("title"))),
            author=_json_authors(item) or feed_authors,
            summary=summary,
            body=body,
            published=published,
            tags=tuple(dict.fromkeys(clean_line(_text(t)) for t in item.get("tags", []) or [] if _text(t))),
            date_raw=date_raw,
            language=_text(item.get("language")),
        )
        if entry is not None:
            entries.append(entry)
    return ParsedFeed(
        url,
        title=clean_title(html_to_line(_text(doc.get("title")))),
        link=_safe_link(_text(doc.get("home_page_url")), base),
        entries=tuple(entries),
        warnings=tuple(warnings),
        language=_text(doc.get("language")),
    )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else str(value) if isinstance(value, int | float) else ""


def _author_names(raw: Mapping[str, Any]) -> list[str]:
    """Every author's name: feedparser's `author` holds only the last of several (and mixes in e-mails).

    A name that is the rest of its own e-mail address is left out: feedparser's address pattern takes
    top-level domains of at most four letters, so `news@outlet.example` becomes the address
    `news@outlet.exam` and the "name" `ple`.
    """
    written = str(raw.get("author") or "")
    names = []
    for detail in raw.get("authors") or []:
        if not isinstance(detail, Mapping) or not detail.get("name"):
            continue
        name, email = str(detail["name"]), str(detail.get("email") or "")
        if not (email and email + name in written):
            names.append(name)
    return names


def _json_authors(obj: Mapping[str, Any]) -> str:
    authors = obj.get("authors")
    if not isinstance(authors, list):
        authors = [obj["author"]] if isinstance(obj.get("author"), dict) else []
    names = [_text(a.get("name")) for a in authors if isinstance(a, dict)]
    return html_to_line(", ".join(n for n in names if n))


def _json_date(item: Mapping[str, Any]) -> tuple[datetime | None, str]:
    """date_published, else date_modified (RFC 3339 by the spec, anything in practice); see _xml_date."""
    first_raw = ""
    for key in ("date_published", "date_modified"):
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            when = parse_feed_date(value)
            if when is not None:
                return when, ""
            first_raw = first_raw or value.strip()
    return None, first_raw


def _check_dates(parsed: ParsedFeed, now: datetime) -> ParsedFeed:
    """Undate entries dated beyond tomorrow; one warning per feed for those and for unreadable dates."""
    horizon = now + FUTURE_SLACK
    entries: list[Entry] = []
    future: list[str] = []
    for entry in parsed.entries:
        if entry.published is not None and entry.published > horizon:
            future.append(entry.published.isoformat().replace("+00:00", "Z"))
            entry = replace(entry, published=None, date_problem="future", date_raw=future[-1])
        elif entry.published is None and entry.date_raw:
            entry = replace(entry, date_problem="unreadable")
        entries.append(entry)
    unreadable = [e.date_raw for e in entries if e.date_problem == "unreadable"]
    warnings = list(parsed.warnings)
    if unreadable:
        warnings.append(
            f"{_entries(len(unreadable))} with unreadable dates, e.g. {clean_line(unreadable[0])[:60]!r}; "
            "dated by when they were first seen"
        )
    if future:
        warnings.append(
            f"{_entries(len(future))} dated more than a day in the future, e.g. {future[0]}; "
            "dated by when they were first seen"
        )
    if not (unreadable or future):
        return parsed
    return replace(parsed, entries=tuple(entries), warnings=tuple(warnings))


# A copy is the same title, date, summary and body under another link; a summary this short ("Read the
# letters", "Today's cartoon") may head different items of one day, so it does not make two entries one.
COPY_MIN_SUMMARY = 80


def _fold_copies(parsed: ParsedFeed) -> ParsedFeed:
    """One entry for a story a feed lists twice under two links (Telegraph's `/news/` and `/global/` paths of
    one dispatch, the same text and time): the first is kept. Undated entries and short summaries are
    never folded, as nothing then shows that they are one story."""
    seen: set[tuple[str, str, str, datetime]] = set()
    kept: list[Entry] = []
    for entry in parsed.entries:
        if entry.published is not None and len(entry.summary) >= COPY_MIN_SUMMARY and entry.title:
            key = (entry.title, entry.summary, entry.body, entry.published)
            if key in seen:
                continue
            seen.add(key)
        kept.append(entry)
    if len(kept) == len(parsed.entries):
        return parsed
    return replace(parsed, entries=tuple(kept))


def _entries(count: int) -> str:
    return "1 entry" if count == 1 else f"{count} entries"


# -- shared ---------------------------------------------------------------------------------------------


def _entry(
    *,
    guid: str,
    link: str,
    title: str,
    author: str,
    summary: str,
    body: str,
    published: datetime | None,
    tags: tuple[str, ...],
    date_raw: str = "",
    language: str = "",
) -> Entry | None:
    """Clean every field (newsreader.text), then fill gaps the way a reader expects: a summary from the
    body, a title from the summary."""
    title, author = clean_title(title), clean_author(author)
    summary, body = clean_body(summary), clean_body(body) if body != summary else ""
    tags = tuple(dict.fromkeys(t for t in map(clean_tag, tags) if t))
    if not body:
        body = summary
    if not summary and body:
        summary = _shorten(body.split("\n\n", 1)[0], SUMMARY_CHARS)
    if not title:
        title = _shorten(" ".join(summary.split()), 120)
    if not (title or body or link):
        return None
    return Entry(
        clean_line(guid),
        link,
        clean_line(title),
        clean_line(author),
        clean(summary),
        clean(body),
        published,
        tags,
        date_raw="" if published else date_raw,
        language=clean_line(language),
    )


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _safe_link(link: str, base: str) -> str:
    """An absolute http(s) link, or '' (javascript:, data:, file: and unresolvable links are dropped)."""
    link = "".join(link.split())  # whitespace and control characters inside URLs are never meaningful
    if not link:
        return ""
    if not _SCHEME.match(link):
        if not base.lower().startswith(("http://", "https://")):
            return ""
        link = urljoin(base, link)
    parts = urlsplit(link)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return link


# -- Articles -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FeedInfo:
    """What the caller knows about the feed beyond its document: identity, naming and the outlet's country."""

    key: str  # the feed's URL (or a file's absolute path): part of every article id
    origin: str  # as the user gave it
    name: str = ""  # the config's name, else --source
    country: str = ""
    tags: Sequence[str] = ()


def to_articles(
    parsed: ParsedFeed,
    info: FeedInfo,
    fetched_at: datetime,
    first_seen: Mapping[str, datetime] | None = None,
) -> list[Article]:
    """Articles for the feed's entries; `first_seen` keeps an undated entry's date stable across fetches."""
    # A feed file without a title is named after the file, not after its whole path.
    source = info.name or parsed.title or urlsplit(parsed.url).hostname or PurePath(info.origin).stem or info.origin
    articles: list[Article] = []
    for entry in parsed.entries:
        article_id = article_id_for(info.key, entry)
        published = entry.published or (first_seen or {}).get(article_id) or fetched_at
        dated = entry.published is not None
        articles.append(
            Article(
                id=article_id,
                title=entry.title,
                source=clean_line(source),
                published=published,
                fetched_at=fetched_at,
                origin=info.origin,
                author=entry.author,
                url=entry.link,
                summary=entry.summary,
                body=entry.body,
                tags=tuple(dict.fromkeys((*entry.tags, *info.tags))),
                source_country=home_of(info.country, entry.link),
                dated=dated,
                date_clamped=entry.date_problem == "future",
                language=normalise(entry.language or parsed.language),
            )
        )
    return articles


def article_id_for(feed_key: str, entry: Entry) -> str:
    """Stable across fetches: the guid (or Atom id), else the link, else a hash of title and summary."""
    if entry.guid:
        return make_id("feed", feed_key, entry.guid)
    if entry.link:
        return make_id("feed", feed_key, entry.link)
    digest = hashlib.sha1(f"{entry.title}\x1f{entry.summary}".encode("utf-8", "surrogatepass")).hexdigest()
    return make_id("feed", feed_key, digest)


def undated_ids(parsed: ParsedFeed, feed_key: str) -> list[str]:
    """Ids of entries without a date, whose first-seen time must come from the store."""
    return [article_id_for(feed_key, e) for e in parsed.entries if e.published is None]
