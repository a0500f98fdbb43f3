"""Everything the terminal sees: Rich tables, the article view, highlighted hits, JSON, fetch summaries."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.console import Console, Group
from rich.padding import Padding
from rich.style import Style
from rich.text import Text

from newsreader.models import HIT_END, HIT_START, Article, FetchReport, SearchHit, TagCount
from newsreader.sanitize import clean, clean_line

# Importing is most of the run time of `show` and `search`: rich.table (with fractions and decimal
# behind it) is imported by the functions that build tables, so `search` does not load it, and json
# only by to_json.
if TYPE_CHECKING:
    from rich.table import Table

ID_WIDTH = 8
TABLE_REGIONS = 2  # the most relevant regions; `show ID` lists them all


def safe(text: str) -> Text:
    """Untrusted text as a Rich Text: control sequences removed, square brackets never markup."""
    return Text(clean_line(text))


def local_time(when: datetime) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


UNDATED_MARK = "~"  # before the date of an article the feed gave no (usable) date for: it is the first-seen time
UNDATED_LEGEND = f"{UNDATED_MARK} first seen: the feed gives no date"


def listing_time(article: Article) -> str:
    """The listing's date cell: the local time, marked when it is only when the article was first seen."""
    mark = "" if article.dated else UNDATED_MARK
    return mark + local_time(article.published)


def date_fact(article: Article) -> tuple[str, str]:
    """The label and text of `show ID`'s date line."""
    when = article.published.astimezone().strftime("%Y-%m-%d %H:%M %Z")
    if article.dated:
        return "Published", when
    if article.date_clamped:
        return "First seen", f"{when}; the feed's date lies in the future"
    return "First seen", f"{when}; the feed gives no date"


def article_table(articles: Sequence[Article], width: int = 120) -> Table:
    """The listing; on a narrow terminal (< 100 columns) the Regions column gives way to the title."""
    from rich.table import Table

    ids = [a.id[:ID_WIDTH] for a in articles]
    dates = [listing_time(a) for a in articles]
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=False)
    if not all(a.dated for a in articles):
        table.caption, table.caption_justify = UNDATED_LEGEND, "left"
    # ID and Date are ASCII cells of known length: giving their width spares Rich measuring every
    # cell of them (a third of the time it takes to lay out the table); the widths are what it
    # would measure, so the output is the same.
    table.add_column("ID", style="cyan", no_wrap=True, width=max(map(len, ["ID", *ids])))
    table.add_column("Date", no_wrap=True, width=max(map(len, ["Date", *dates])))
    # The title matters most: it keeps at least 32 columns; source and regions give way with an ellipsis.
    table.add_column("Source", style="green", max_width=18, overflow="ellipsis", no_wrap=True)
    with_regions = width >= 100
    if with_regions:
        table.add_column("Regions", style="magenta", max_width=20, overflow="ellipsis", no_wrap=True)
    table.add_column("Title", overflow="fold", ratio=1, min_width=32)
    for a, short_id, date in zip(articles, ids, dates, strict=True):
        cells = [Text(short_id), Text(date), source_cell(a)]
        if with_regions:
            cells.append(safe(", ".join(a.regions[:TABLE_REGIONS])))
        table.add_row(*cells, safe(a.title))
    return table


def also_carried(article: Article) -> str:
    """` +N` for the N other outlets that carried the article too ('' when none did)."""
    others = len(article.sources) - 1
    return f" +{others}" if others else ""


def source_cell(article: Article) -> Text:
    """The first outlet that carried the article, then ` +N` for the others."""
    cell = safe(article.source)
    cell.append(also_carried(article), style="dim")
    return cell


def article_view(article: Article, country_names: dict[str, str]) -> Group:
    """One article in full: title, facts, link, body paragraphs wrapped to the terminal."""
    from rich.rule import Rule
    from rich.table import Table

    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold dim", no_wrap=True)
    facts.add_column()
    facts.add_row("Source", _source_line(article, country_names))
    if len(article.origins) > 1:
        facts.add_row("Carried by", _carriers_lines(article))
    if article.author:
        facts.add_row("Author", safe(article.author))
    facts.add_row(*date_fact(article))
    if article.countries:
        facts.add_row("Countries", _countries_line(article, country_names))
    if article.regions:
        facts.add_row("Regions", safe(", ".join(article.regions)))
    if article.tags:
        facts.add_row("Tags", safe(", ".join(article.tags)))
    if article.language:
        facts.add_row("Language", safe(article.language))
    link = safe_link(article.url)
    if link:
        facts.add_row("Link", Text(link, style=Style(link=link)))  # never parsed as a style string
    facts.add_row("ID", Text(article.id, style="cyan"))
    paragraphs = [" ".join(p.split()) for p in clean(article.body).split("\n\n") if p.strip()]
    return Group(Text(clean_line(article.title), style="bold"), facts, Rule(style="dim"), Text("\n\n".join(paragraphs)))


def _source_line(article: Article, names: dict[str, str]) -> Text:
    line = safe(article.source)
    if article.source_country:
        line.append(f"  (outlet in {names.get(article.source_country, article.source_country)})", style="dim")
    return line


def _carriers_lines(article: Article) -> Text:
    """Every feed or file that carried the article, one a line: `Outlet  origin`."""
    pairs = [(article.origin, article.source), *((o, src) for o, src in article.carriers if o != article.origin)]
    lines = Text()
    for i, (origin, source) in enumerate(pairs):
        if i:
            lines.append("\n")
        lines.append_text(safe(source or "?"))
        lines.append(f"  {clean_line(origin)}", style="dim")
    return lines


def _countries_line(article: Article, names: dict[str, str]) -> Text:
    line = Text()
    for i, tag in enumerate(article.countries):
        if i:
            line.append(", ")
        label = f"{names.get(tag.code, tag.code)} ({tag.code})"
        line.append(label, style="bold" if tag.primary else "")
    if any(t.primary for t in article.countries):
        line.append("  bold = primary", style="dim")
    return line


def safe_link(url: str) -> str:
    """Only http(s) links become clickable; anything else (javascript:, file:) is not shown."""
    cleaned = clean_line(url)
    return cleaned if cleaned.lower().startswith(("http://", "https://")) and " " not in cleaned else ""


def highlighted(snippet: str) -> Text:
    """A search snippet with the matched terms (between HIT markers) in bold yellow."""
    text = Text()
    for i, part in enumerate(snippet.split(HIT_START)):
        if i == 0:
            text.append(_flat(part))
            continue
        hit, _, rest = part.partition(HIT_END)
        text.append(_flat(hit), style="bold yellow")
        text.append(_flat(rest))
    return text


def _flat(text: str) -> str:
    """Sanitised, on one line, keeping the spaces at its ends (snippet pieces are glued together)."""
    return re.sub(r"\s+", " ", clean(text))


def search_results(hits: Sequence[SearchHit]) -> Group:
    rows: list[Any] = []
    for hit in hits:
        a = hit.article
        head = Text()
        head.append(a.id[:ID_WIDTH], style="cyan")
        head.append(f"  {listing_time(a)}  ")
        head.append(clean_line(a.source), style="green")
        head.append(also_carried(a), style="dim")
        if a.regions:
            head.append(f"  {clean_line(', '.join(a.regions[:TABLE_REGIONS]))}", style="magenta")
        rows.append(head)
        rows.append(Padding(Text(clean_line(a.title), style="bold"), (0, 0, 0, 2), expand=False))
        rows.append(Padding(highlighted(hit.snippet), (0, 0, 1, 2), expand=False))
    return Group(*rows)


def fetch_summary(report: FetchReport) -> Table:
    from rich.table import Table

    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, show_footer=True)
    table.add_column("Source", footer="Total", overflow="fold", ratio=1)
    totals = [sum(getattr(s, k) for s in report.sources) for k in ("new", "updated", "unchanged")]
    table.add_column("New", justify="right", footer=str(totals[0]))
    table.add_column("Updated", justify="right", footer=str(totals[1]))
    table.add_column("Unchanged", justify="right", footer=str(totals[2]))
    ok = len(report.sources) - len(report.failed)
    table.add_column("Status", footer=f"{ok} ok, {len(report.failed)} failed", overflow="fold", ratio=1)
    for s in report.sources:
        if s.error:
            status = Text(clean_line(s.error), style="red")
        elif s.not_modified:
            status = Text("not modified", style="dim")
        elif s.skipped:
            status = Text("skipped", style="yellow")
        else:
            status = Text("ok", style="green")
        table.add_row(safe(s.label), str(s.new), str(s.updated), str(s.unchanged), status)
    return table


BAR_WIDTH = 30


def count_table(rows: Sequence[TagCount], heading: str, *, show_key: bool = False) -> Table:
    """Regions or countries with article counts and an inline bar scaled to the largest count."""
    from rich.table import Table

    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=False)
    table.add_column(heading, overflow="fold")
    if show_key:
        table.add_column("Code", style="cyan", no_wrap=True)
    table.add_column("Articles", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    top = max((r.count for r in rows), default=0)
    for r in rows:
        width = round(r.count / top * BAR_WIDTH) if top else 0
        bar = Text("█" * width or ("▏" if r.count else ""), style="magenta")
        if show_key:
            table.add_row(safe(r.label), r.key, str(r.count), bar)
        else:
            table.add_row(safe(r.label), str(r.count), bar)
    return table


def count_json(rows: Sequence[TagCount], key: str) -> list[dict[str, Any]]:
    return [{key: r.key, "name": r.label, "articles": r.count} for r in rows]


def article_json(article: Article, *, with_body: bool = False) -> dict[str, Any]:
    """The documented, stable JSON shape of an article (raw text; JSON escaping keeps it inert)."""
    data: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "author": article.author,
        "published": article.published.isoformat().replace("+00:00", "Z"),
        "dated": article.dated,
        "url": article.url,
        "countries": list(article.country_codes),
        "primary_countries": list(article.primary_codes),
        "regions": list(article.regions),
        "summary": article.summary,
        "origin": article.origin,
        "origins": list(article.origins),
        "sources": list(article.sources),
        "source_country": article.source_country,
        "tags": list(article.tags),
        "language": article.language,
        "fetched_at": article.fetched_at.isoformat().replace("+00:00", "Z"),
    }
    if with_body:
        data["body"] = article.body
    return data


_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069]")


def to_json(items: list[dict[str, Any]] | dict[str, Any]) -> str:
    """JSON with raw text intact; characters a terminal could act on are written as \\u escapes."""
    import json

    text = json.dumps(items, ensure_ascii=False, indent=2)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# emoji=False: everything we print is Text or our own fixed strings, never ":name:" emoji codes, and
# replacing them would load Rich's 3,600-entry emoji table on every run.
def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, emoji=False)


def stdout_console() -> Console:
    return Console(highlight=False, emoji=False)


class FetchProgress:
    """A progress bar on stderr while fetching; the core calls it with each finished source's label."""

    def __init__(self, total: int = 0) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            TextColumn("Fetching"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}", style="dim", markup=False),  # labels are paths and URLs, not markup
            console=stderr_console(),
            transient=True,
        )
        self._task = self._progress.add_task("", total=total or None)
        self._total = total

    def __enter__(self) -> FetchProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def add_total(self, count: int) -> None:
        self._total += count
        self._progress.update(self._task, total=self._total or None)

    def __call__(self, label: str) -> None:
        self._progress.update(self._task, advance=1, description=clean_line(label)[:60])


def feeds_table(statuses: Sequence[Any]) -> Table:
    """The configured feeds with their last fetch, status and article count (rows: feeds.FeedStatus)."""
    from rich.table import Table

    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("Feed", style="green", overflow="fold", ratio=1)
    table.add_column("Country", no_wrap=True)
    table.add_column("Last fetch", no_wrap=True)
    table.add_column("Articles", justify="right")
    table.add_column("Status", overflow="fold", ratio=1)
    for s in statuses:
        name = Text(clean_line(s.feed.name or s.feed.url))
        if s.feed.name:
            name.append(f"\n{clean_line(s.feed.url)}", style="dim")
        if s.error:
            status = Text(clean_line(f"error: {s.error}"), style="red")
        elif s.status:
            status = Text(clean_line(s.status), style="dim" if s.status == "not modified" else "green")
        else:
            status = Text("never fetched", style="dim")
        if s.retry_after:
            status.append(f"\nwaiting until {local_time(s.retry_after)}", style="yellow")
        if s.moved_to:
            status.append(f"\nmoved to {clean_line(s.moved_to)}", style="yellow")
        table.add_row(
            name,
            s.feed.country,
            local_time(s.last_fetched) if s.last_fetched else "-",
            str(s.articles),
            status,
        )
    return table
