"""OPML feed lists: a forgiving reader (real files are often not well-formed) and a writer."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from newsreader.errors import SourceError

MAX_OPML_BYTES = 5 * 1024 * 1024
# A bare & that does not start an entity or character reference: the most common defect in real OPML.
_RAW_AMP = re.compile(rb"&(?!(?:[A-Za-z][A-Za-z0-9._-]*|#[0-9]+|#x[0-9A-Fa-f]+);)")
_OUTLINE = re.compile(rb"<outline\b([^>]*)>", re.IGNORECASE | re.DOTALL)
_ATTR = re.compile(rb"""([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.DOTALL)


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    """One outline with an xmlUrl."""

    url: str
    title: str = ""
    category: str = ""  # the enclosing folder outline's text, if any


def read_opml(path: Path) -> tuple[list[OpmlFeed], list[str]]:
    """Feeds listed in an OPML file and notes on what was repaired; SourceError when none can be found."""
    try:
        if path.stat().st_size > MAX_OPML_BYTES:
            raise SourceError(str(path), f"OPML file over the {MAX_OPML_BYTES:,}-byte limit")
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(str(path), f"cannot read ({exc.strerror or exc})") from exc
    return parse_opml(data, str(path))


def parse_opml(data: bytes, label: str = "OPML") -> tuple[list[OpmlFeed], list[str]]:
    notes: list[str] = []
    try:
        feeds = _from_tree(ET.fromstring(data))
    except ET.ParseError as first:
        repaired = _RAW_AMP.sub(b"&amp;", data)
        try:
            feeds = _from_tree(ET.fromstring(repaired))
            notes.append(f"{label}: not well-formed XML ({first}); read it after escaping stray '&' characters")
        except ET.ParseError:
            feeds = _by_pattern(data)
            if not feeds:
                raise SourceError(label, f"not a readable OPML file ({first}) and no xmlUrl outlines found") from None
            notes.append(f"{label}: not well-formed XML ({first}); took the xmlUrl of each <outline> as written")
    if not feeds:
        raise SourceError(label, "no feeds in this OPML file (no <outline> with an xmlUrl)")
    from newsreader.urls import url_key

    unique: dict[str, OpmlFeed] = {}
    for feed in feeds:
        unique.setdefault(url_key(feed.url) or feed.url, feed)  # the first listing of a feed wins
    return list(unique.values()), notes


def _from_tree(root: ET.Element) -> list[OpmlFeed]:
    found: list[OpmlFeed] = []

    def visit(node: ET.Element, category: str) -> None:
        for child in node:
            if not isinstance(child.tag, str) or child.tag.split("}")[-1].lower() != "outline":
                visit(child, category)
                continue
            attrs = {k.lower(): v for k, v in child.attrib.items()}
            url = attrs.get("xmlurl", "").strip()
            title = (attrs.get("title") or attrs.get("text") or "").strip()
            if url:
                found.append(OpmlFeed(url, title, category))
            visit(child, category if url else (title or category))

    visit(root, "")
    return found


def _by_pattern(data: bytes) -> list[OpmlFeed]:
    """Last resort for badly broken files: read each <outline ...> tag's attributes with a pattern."""
    found: list[OpmlFeed] = []
    for match in _OUTLINE.finditer(data):
        attrs = {
            m.group(1).decode().lower(): (m.group(2) if m.group(2) is not None else m.group(3))  # ASCII: _ATTR
            for m in _ATTR.finditer(match.group(1))
        }
        raw_url = attrs.get("xmlurl")
        if not raw_url:
            continue
        title = attrs.get("title") or attrs.get("text") or b""
        found.append(OpmlFeed(_decode(raw_url).strip(), _decode(title).strip()))
    return found


def _decode(value: bytes) -> str:
    return unescape(value.decode("utf-8", errors="replace"))


def write_opml(feeds: Sequence[OpmlFeed], title: str = "newsreader feeds") -> str:
    """An OPML 2.0 document listing the feeds (folders by category when there are any)."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    body = ET.SubElement(root, "body")
    folders: dict[str, ET.Element] = {}
    for feed in feeds:
        parent = body
        if feed.category:
            if feed.category not in folders:
                folders[feed.category] = ET.SubElement(body, "outline", text=feed.category, title=feed.category)
            parent = folders[feed.category]
        name = feed.title or feed.url
        ET.SubElement(parent, "outline", type="rss", text=name, title=name, xmlUrl=feed.url)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
