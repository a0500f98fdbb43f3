"""Output for pipes and scripts: tab-separated lines, JSON, JSON Lines and the plain article view (no Rich).

Piped output is data: one line per article, fields separated by tabs, every value whole (no padding,
wrapping or ellipsis), so `grep`, `cut -f` and `awk -F'\\t'` work on it. This module imports only the
standard library, so `show | ...` and `--json` never pay for Rich.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from newsreader.models import Article
from newsreader.region_kinds import m49_regions, news_regions
from newsreader.sanitize import clean, clean_line


def iso_utc(when: datetime, timespec: str = "auto") -> str:
    """A timezone-aware datetime as ISO 8601 in UTC with a `Z`: `2026-02-03T17:50:00Z`."""
    return when.astimezone(UTC).isoformat(timespec=timespec).replace("+00:00", "Z")


def _joined(values: Iterable[str]) -> str:
    return ",".join(values)


# The fields of a plain line, in the order `--fields` may name them; each a cell of one line.
FIELDS: dict[str, Callable[[Article], str]] = {
    "id": lambda a: a.id,
    "published": lambda a: iso_utc(a.published, "seconds"),
    "source": lambda a: a.source,
    "title": lambda a: a.title,
    "regions": lambda a: _joined(news_regions(a.regions)),
    "url": lambda a: a.url,
    "countries": lambda a: _joined(a.country_codes),
    "regions_m49": lambda a: _joined(m49_regions(a.regions)),
    "author": lambda a: a.author,
    "source_country": lambda a: a.source_country,
    "origin": lambda a: a.origin,
    "language": lambda a: a.language,
    "read": lambda a: "read" if a.read else "unread",
    "starred": lambda a: "starred" if a.starred else "",
    # `published` of an undated entry is when it was first seen (the table's `~`, JSON's "dated": false).
    "dated": lambda a: "dated" if a.dated else "undated",
}
# The read state comes last, so the columns before it keep their numbers for `cut -f`.
DEFAULT_FIELDS = ("id", "published", "source", "title", "read")
WIDE_FIELDS = ("id", "published", "source", "title", "regions", "url", "read")


SNIPPET = "snippet"  # search only: the matched passage, its hits unmarked


def parse_fields(spec: str) -> tuple[str, ...]:
    """`id,title,url` -> the field names; ValueError naming the unknown ones and what is accepted."""
    names = tuple(f.strip().lower() for f in spec.split(",") if f.strip())
    unknown = [n for n in names if n not in FIELDS and n != SNIPPET]
    if unknown or not names:
        accepted = ", ".join([*FIELDS, SNIPPET])
        raise ValueError(f"unknown field {', '.join(map(repr, unknown)) or repr(spec)}; use any of: {accepted}")
    return names


def plain_line(article: Article, fields: Sequence[str] = DEFAULT_FIELDS, snippet: str = "") -> str:
    """One article as one tab-separated line; tabs and newlines inside values become spaces."""
    return "\t".join(clean_line(snippet if f == SNIPPET else FIELDS[f](article)) for f in fields)


def article_json(article: Article, *, with_body: bool = False) -> dict[str, Any]:
    """The documented, stable JSON shape of an article (raw text; JSON escaping keeps it inert).

    `regions` holds the news regions (Middle East, Sahel, ...) and the user's own; the UN M49 regions
    of the same places go to `regions_m49`, so a reader never sees a near-duplicate pair side by side.
    """
    data: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "author": article.author,
        "published": iso_utc(article.published),
        "dated": article.dated,
        "url": article.url,
        "countries": list(article.country_codes),
        "primary_countries": list(article.primary_codes),
        "regions": news_regions(article.regions),
        "regions_m49": m49_regions(article.regions),
        "summary": article.summary,
        "origin": article.origin,
        "origins": list(article.origins),
        "sources": list(article.sources),
        "source_country": article.source_country,
        "tags": list(article.tags),
        "language": article.language,
        "fetched_at": iso_utc(article.fetched_at),
        "read": article.read,
        "starred": article.starred,
    }
    if with_body:
        data["body"] = article.body
    return data


_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069]")


def to_json(items: list[dict[str, Any]] | dict[str, Any], *, indent: int | None = 2) -> str:
    """JSON with raw text intact; characters a terminal could act on are written as \\u escapes."""
    import json

    text = json.dumps(items, ensure_ascii=False, indent=indent)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def to_jsonl(item: dict[str, Any]) -> str:
    """One object on one line (JSON Lines): a stream a script can read as it arrives."""
    return to_json(item, indent=None)


def plain_article(article: Article, country_names: dict[str, str]) -> str:
    """One article in full for a pipe: `Key: value` facts, the whole link, then the body's paragraphs.

    Each paragraph is one line (never wrapped), so the text can be searched and re-flowed downstream.
    """
    lines = [clean_line(article.title), ""]
    for key, value in article_facts(article, country_names):
        lines.append(f"{key}: {value}")
    lines.append("")
    lines.extend(paragraphs(article) or [no_body_note(article)])
    return "\n".join(lines) + "\n"


def article_facts(article: Article, names: dict[str, str]) -> list[tuple[str, str]]:
    """The facts of the article view, in order, as plain sanitised text (the Rich view styles them)."""
    facts = [("Source", clean_line(article.source) + outlet_note(article, names))]
    if len(article.origins) > 1:
        facts.append(
            ("Carried by", "; ".join(f"{clean_line(s or '?')}  {clean_line(o)}" for o, s in carriers(article)))
        )
    if article.author:
        facts.append(("Author", clean_line(article.author)))
    facts.append(date_fact(article))
    if article.countries:
        labels = [f"{names.get(t.code, t.code)} ({t.code}){'*' if t.primary else ''}" for t in article.countries]
        facts.append(("Countries", ", ".join(labels)))
    regions = news_regions(article.regions)
    if regions:
        facts.append(("Regions", clean_line(", ".join(regions))))
    if article.tags:
        facts.append(("Tags", clean_line(", ".join(article.tags))))
    if article.language:
        facts.append(("Language", clean_line(article.language)))
    link = safe_link(article.url)
    if link:
        facts.append(("Link", link))
    facts.append(("ID", article.id))
    return facts


def date_fact(article: Article) -> tuple[str, str]:
    """The label and text of `show ID`'s date line."""
    when = article.published.astimezone().strftime("%Y-%m-%d %H:%M %Z")
    if article.dated:
        return "Published", when
    if article.date_clamped:
        return "First seen", f"{when}; the feed's date lies in the future"
    return "First seen", f"{when}; the feed gives no date"


def carriers(article: Article) -> list[tuple[str, str]]:
    """(origin, source) of every feed or file that carried the article, the first one first."""
    return [(article.origin, article.source), *((o, s) for o, s in article.carriers if o != article.origin)]


def outlet_note(article: Article, names: dict[str, str]) -> str:
    if not article.source_country:
        return ""
    return f"  (outlet in {names.get(article.source_country, article.source_country)})"


def paragraphs(article: Article) -> list[str]:
    """The body's paragraphs, each on one line, sanitised."""
    return [" ".join(p.split()) for p in clean(article.body).split("\n\n") if p.strip()]


def no_body_note(article: Article) -> str:
    """What the article view says in place of an empty body: where the text can be read."""
    link = safe_link(article.url)
    if link:
        return "(No text was stored for this article; read it at the link above.)"
    return "(No text was stored for this article.)"


def safe_link(url: str) -> str:
    """Only http(s) links are shown (and made clickable); anything else (javascript:, file:) is not."""
    cleaned = clean_line(url)
    return cleaned if cleaned.lower().startswith(("http://", "https://")) and " " not in cleaned else ""


def count_line(shown: int, total: int, offset: int = 0, noun: str = "articles") -> str:
    """The footer under a listing: `20 of 4,471 articles` (`21-40 of ...` past an offset)."""
    span = f"{offset + 1:,}-{offset + shown:,}" if offset and shown else f"{shown:,}"
    return f"{span} of {total:,} {noun}"


def source_json(source: Any) -> dict[str, Any]:
    """The `sources --json` shape of one source (a core.sources.SourceSummary)."""
    return {
        "source": source.name,
        "articles": source.articles,
        "latest": iso_utc(source.latest, "seconds") if source.latest else None,
        "country": source.country,
        "feeds": list(source.feeds),
        "files": source.files,
    }


def source_line(source: Any) -> str:
    """One source as a tab-separated line: name, articles, latest (ISO, UTC), country, feeds (comma-joined)."""
    latest = iso_utc(source.latest, "seconds") if source.latest else ""
    cells = [source.name, str(source.articles), latest, source.country, ",".join(source.feeds)]
    return "\t".join(clean_line(c) for c in cells)
