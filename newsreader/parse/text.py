"""Plain-text and Markdown articles: a `Key: value` header block, or pasted text read by heuristics."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from newsreader.dates import find_date
from newsreader.text import clean_author, clean_body, clean_tag, clean_title

HEADER_KEYS = {
    "title": "title",
    "headline": "title",
    "source": "source",
    "publisher": "source",
    "outlet": "source",
    "author": "author",
    "by": "author",
    "byline": "author",
    "date": "date",
    "published": "date",
    "updated": "date",
    "url": "url",
    "link": "url",
    "country": "countries",
    "countries": "countries",
    "region": "regions",
    "regions": "regions",
    "tags": "tags",
    "summary": "summary",
    "language": "language",
    "lang": "language",
}
# The value is stripped in Python: `(.*?)\s*$` is quadratic on a long run of spaces.
_HEADER_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z ]{0,15}?)\s*:(.*)$")
_DATE_LABEL = re.compile(r"^\s*(?:date|published|updated|posted|on)\b[:\s]*", re.IGNORECASE)
_BY_LINE = re.compile(r"^\s*by\s+(.{2,80}?)\s*$", re.IGNORECASE)
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|de|da|del|der|van|von|al|bin|ibn|el|la|le|di|du)$")
# "..., Azernews reports." / "..., Reuters reported." / "(AP) —" / "WASHINGTON (Reuters) -"
_ATTRIBUTION = re.compile(
    r",\s+([A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3})\s+(?:reports|reported|writes|wrote|informs)\b"
)
_WIRE_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]*\((Reuters|AP|AFP|Xinhua|Bloomberg|dpa|TASS|Anadolu)\)\s*[-—–]")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])")
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|St|Jr|Sr|No|vs|etc)\.)$")
TITLE_MAX = 100


@dataclass(slots=True)
class ParsedText:
    """What a text file says about itself; fields left empty were not found."""

    title: str = ""
    source: str = ""
    author: str = ""
    published: datetime | None = None
    url: str = ""
    summary: str = ""
    body: str = ""
    countries: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    language: str = ""  # the Language: header, as written
    notes: list[str] = field(default_factory=list)


def parse_text(text: str) -> ParsedText:
    """Read an article's metadata and body from its text; header values win over heuristics."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    result = ParsedText()
    rest = _read_header(lines, result)
    if rest is lines:
        rest = _read_pasted_preamble(lines, result)
    paragraphs = [p for p in (clean_body(p) for p in _paragraphs(rest)) if p]
    if paragraphs and not result.title and paragraphs[0].startswith("#"):
        result.title = paragraphs.pop(0).lstrip("#").strip()
    result.body = "\n\n".join(paragraphs)
    lead = paragraphs[0] if paragraphs else ""
    if not result.summary:
        result.summary = lead
    if not result.title:
        result.title = derive_title(lead)
    if not result.source:
        result.source = find_publisher(lead) or find_publisher(result.body)
    return _cleaned(result)


def _cleaned(result: ParsedText) -> ParsedText:
    """The fields through the cleaning every source shares (mojibake, entities, bylines, boilerplate, cap)."""
    result.title, result.source = clean_title(result.title), clean_title(result.source)
    result.author = clean_author(result.author)
    result.summary, result.body = clean_body(result.summary), clean_body(result.body)
    result.tags = [t for t in map(clean_tag, result.tags) if t]
    return result


def _read_header(lines: list[str], result: ParsedText) -> list[str]:
    """Consume a `Key: value` block ended by a blank line; return the lines after it (or `lines`)."""
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    values: dict[str, str] = {}
    end = start
    while end < len(lines) and lines[end].strip():
        match = _HEADER_LINE.match(lines[end])
        key = HEADER_KEYS.get(match.group(1).lower()) if match else None
        if match is None or key is None:
            return lines
        values[key] = match.group(2).strip()
        end += 1
    if not values:  # (then end == start too)
        return lines
    result.title = values.get("title", "")
    result.source = values.get("source", "")
    result.author = _strip_by(values.get("author", ""))
    result.url = values.get("url", "")
    result.summary = values.get("summary", "")
    result.countries = _split_list(values.get("countries", ""))
    result.regions = _split_list(values.get("regions", ""))
    result.tags = _split_list(values.get("tags", ""))
    result.language = values.get("language", "")
    if "date" in values:
        result.published = find_date(values["date"])
        if result.published is None:
            result.notes.append(f"cannot read the Date header {values['date']!r}")
    return lines[end:]


def _read_pasted_preamble(lines: list[str], result: ParsedText) -> list[str]:
    """Pasted text: an optional date line, then an optional author line, then the body."""
    index = _next_filled(lines, 0)
    if index < len(lines) and _looks_like_date_line(lines[index]):
        result.published = find_date(lines[index])
        index = _next_filled(lines, index + 1)
    if index < len(lines):
        author = _author_from(lines[index])
        if author and _is_own_paragraph(lines, index):
            result.author = author
            index = _next_filled(lines, index + 1)
    if result.published is None and index < len(lines) and _looks_like_date_line(lines[index]):
        result.published = find_date(lines[index])  # the date came after the byline
        index += 1
    return lines[index:]


def _looks_like_date_line(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > 80:
        return False
    found = find_date(stripped)
    if found is None:
        return False
    # A date line is mostly date: few words left once numbers, months and labels are gone.
    words = re.sub(r"[\d:.,()/+\-−]+", " ", _DATE_LABEL.sub("", stripped)).split()
    return len(words) <= 6


def _author_from(line: str) -> str:
    by = _BY_LINE.match(line)
    candidate = by.group(1) if by else line.strip()
    # A name is at most 60 characters, so only the line's start matters (and long lines stay linear).
    candidate = re.split(r"\s*[,|]\s*|\s+[-—–]\s+", candidate[:120])[0].strip()
    words = candidate.split()
    if not 1 < len(words) <= 5 or len(candidate) > 60 or any(ch.isdigit() for ch in candidate):
        return ""
    if candidate[-1] in ".!?:;" or not all(_NAME_WORD.match(w) for w in words):
        return ""
    return candidate


def _is_own_paragraph(lines: list[str], index: int) -> bool:
    return index + 1 >= len(lines) or not lines[index + 1].strip() or bool(_BY_LINE.match(lines[index]))


def _next_filled(lines: list[str], index: int) -> int:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index


def _paragraphs(lines: list[str]) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def derive_title(lead: str) -> str:
    """The lead sentence, cut at a word boundary to at most TITLE_MAX characters."""
    sentence = first_sentence(lead)
    if len(sentence) <= TITLE_MAX:
        return sentence.rstrip(".")
    cut = sentence[: TITLE_MAX - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:—–-") + "…"


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    for match in _SENTENCE_END.finditer(text):
        # Look at the last few characters only: slicing or searching all of the head is quadratic.
        if not _ABBREVIATION_END.search(text[max(0, match.start() - 12) : match.start()]):
            return text[: match.start()]
    return text


def find_publisher(text: str) -> str:
    """The outlet a pasted article credits itself to ("..., Azernews reports.")."""
    wire = _WIRE_DATELINE.match(text)
    if wire:
        return wire.group(1)
    attribution = _ATTRIBUTION.search(text)
    return attribution.group(1) if attribution else ""


def _strip_by(value: str) -> str:
    by = _BY_LINE.match(value)
    return by.group(1) if by else value.strip()


def _split_list(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;]", value) if part.strip()]
