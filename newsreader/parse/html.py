"""HTML fragments from feeds (titles, summaries, content) turned into plain, readable text."""

from __future__ import annotations

import re

# Block-level tags end a paragraph; <br> ends a line. Markers are private-use characters that never
# survive sanitising, put into the markup before parsing because lexbor's text() flattens structure.
_PARA = "\ue010"
_LINE = "\ue011"
_BLOCK_TAGS = (
    "p|div|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|pre|table|tr|section|article|aside|header|footer|"
    "figure|figcaption|hr|address|details|summary|main|nav"
)
_BLOCK = re.compile(rf"<\s*/?\s*(?:{_BLOCK_TAGS})\b[^>]*>", re.IGNORECASE)
_BR = re.compile(r"<\s*br\b[^>]*>", re.IGNORECASE)
_LOOKS_LIKE_HTML = re.compile(r"<[A-Za-z!/?]|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
_DROP = "script, style, noscript, template, iframe, object, embed, svg, math, head"
_WS = r"[ \t\r\n\f\v\u00a0\u2000-\u200a\u3000]"
# Runs of whitespace other than a lone space (which is already what a run becomes): matching every
# single space between words made the substitution several times slower.
_SPACES = re.compile(rf"(?! ){_WS}+| {_WS}+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def html_to_text(fragment: str) -> str:
    """Readable text: paragraphs as blank-line-separated blocks, scripts and styles dropped, entities decoded.

    selectolax (lexbor) is used rather than inscriptis: on feed-sized fragments it measured about 14x
    faster (19 µs against 261 µs per 2 KB fragment), and ingest speed matters more than layout fidelity.
    """
    if not fragment:
        return ""
    if not _LOOKS_LIKE_HTML.search(fragment):
        return _tidy(fragment)  # plain text: no markup, no entities, nothing to decode
    from selectolax.lexbor import LexborHTMLParser

    marked = _BR.sub(_LINE, _BLOCK.sub(lambda m: _PARA + m.group(0), fragment))
    tree = LexborHTMLParser(marked)
    for node in tree.css(_DROP):
        node.decompose()
    root = tree.body or tree.root
    text = root.text(separator="") if root is not None else ""
    return _tidy(text)


def html_to_line(fragment: str) -> str:
    """One line of text (for titles): tags removed, entities decoded, whitespace collapsed."""
    return " ".join(html_to_text(fragment).split())


def _tidy(text: str) -> str:
    """Collapse whitespace inside lines, keep paragraph breaks (markers or blank lines in plain text)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _BLANK_LINE.sub(_PARA, text)
    paragraphs: list[str] = []
    for block in text.split(_PARA):
        lines = [_collapse(line) for line in block.split(_LINE)]
        joined = "\n".join(line for line in lines if line)
        if joined:
            paragraphs.append(joined)
    return "\n\n".join(paragraphs)


def _collapse(line: str) -> str:
    """The line with each run of whitespace as one space, stripped.

    Most lines of feed text have single spaces only: for those (printable, so no tab, newline or other
    separator than the ASCII space, and no double space) the substitution would change nothing, and
    two C-level scans cost a fraction of the regex.
    """
    if line.isprintable() and "  " not in line:
        return line.strip()
    return _SPACES.sub(" ", line).strip()
