"""Everything a terminal sees: Rich tables, the article view, highlighted hits, fetch summaries (pipes: formats.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.console import Console, Group
from rich.padding import Padding
from rich.style import Style
from rich.text import Text

from newsreader.formats import article_facts, carriers, no_body_note, paragraphs
from newsreader.formats import article_json as article_json  # moved to formats.py; importable here too
from newsreader.formats import date_fact as date_fact
from newsreader.formats import safe_link as safe_link
from newsreader.formats import to_json as to_json
from newsreader.models import HIT_END, HIT_START, Article, FetchReport, SearchHit, TagCount
from newsreader.region_kinds import news_regions
from newsreader.sanitize import clean, clean_line

# Importing is most of the run time of `show` and `search`: rich.table (with fractions and decimal
# behind it) is imported by the functions that build tables, so `search` does not load it. Piped
# output and JSON never import this module (formats.py writes them).
if TYPE_CHECKING:
    from rich.table import Table

ID_WIDTH = 8  # the id prefix the listing shows: never cut, it is what people type back
TABLE_REGIONS = 2  # the most relevant regions; `show ID` lists them all
READING_WIDTH = 100  # the article view's body is wrapped at most this wide, for reading
# Columns give way as the terminal narrows, in this order (documented in README.md): Regions below
# REGIONS_FROM columns, then Source below SOURCE_FROM; the date shortens to month-day below SOURCE_FROM.
REGIONS_FROM, SOURCE_FROM = 100, 60
_GAP = 2  # columns between two cells (padding 1 on each side, none at the table's edges)


def safe(text: str) -> Text:
    """Untrusted text as a Rich Text: control sequences removed, square brackets never markup."""
    return Text(clean_line(text))


def local_time(when: datetime, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return when.astimezone().strftime(fmt)


UNDATED_MARK = "~"  # before the date of an article the feed gave no (usable) date for: it is the first-seen time
UNDATED_LEGEND = f"{UNDATED_MARK} first seen: the feed gives no date"


def listing_time(article: Article, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """The listing's date cell: the local time, marked when it is only when the article was first seen."""
    mark = "" if article.dated else UNDATED_MARK
    return mark + local_time(article.published, fmt)


def _widest(cells: Sequence[str], heading: str) -> int:
    from rich.cells import cell_len

    return max([cell_len(heading), *(cell_len(c) for c in cells)])


def article_table(articles: Sequence[Article], width: int = 120) -> Table:
    """The listing, fitted to `width` columns (40 and up): one line per article, ID whole, title cut with `…`.

    Widths are computed here rather than left to Rich, so what gives way is decided, not measured:
    the ID and date never shrink, source and regions take a share of the room left (as much of the
    name as fits), the title takes the rest, and columns drop in the documented order.
    """
    from rich.table import Table

    with_source, with_regions = width >= SOURCE_FROM, width >= REGIONS_FROM
    ids = [a.id[:ID_WIDTH] for a in articles]
    dates = [listing_time(a, "%Y-%m-%d %H:%M" if with_source else "%m-%d %H:%M") for a in articles]
    sources = [clean_line(a.source) + also_carried(a) for a in articles]
    regions = [clean_line(", ".join(news_regions(a.regions)[:TABLE_REGIONS])) for a in articles]
    titles = [f"{state_mark(a).plain} {clean_line(a.title)}" for a in articles]  # the read-state mark leads
    columns = 3 + with_source + with_regions
    room = width - _widest(ids, "ID") - _widest(dates, "Date") - _GAP * (columns - 1)
    source_width = min(_widest(sources, "Source"), max(10, room // 4)) if with_source else 0
    region_width = min(_widest(regions, "Regions"), max(10, room // 5)) if with_regions else 0
    title_width = max(8, min(_widest(titles, "Title"), room - source_width - region_width))
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=False)
    if not all(a.dated for a in articles):
        table.caption, table.caption_justify = UNDATED_LEGEND, "left"
    table.add_column("ID", style="cyan", no_wrap=True, width=_widest(ids, "ID"))
    table.add_column("Date", no_wrap=True, width=_widest(dates, "Date"))
    if with_source:
        table.add_column("Source", style="green", width=source_width, overflow="ellipsis", no_wrap=True)
    if with_regions:
        table.add_column("Regions", style="magenta", width=region_width, overflow="ellipsis", no_wrap=True)
    table.add_column("Title", width=title_width, overflow="ellipsis", no_wrap=True)
    for i, (short_id, date, title) in enumerate(zip(ids, dates, titles, strict=True)):
        cells = [Text(short_id), Text(date)]
        if with_source:
            cells.append(Text(sources[i]))
        if with_regions:
            cells.append(Text(regions[i]))
        table.add_row(*cells, Text(title, style="" if articles[i].read else "bold"))
    return table


UNREAD_MARK, STARRED_MARK = "•", "★"


def state_mark(article: Article) -> Text:
    """How the article stands: ★ starred, • unread, a space when read."""
    if article.starred:
        return Text(STARRED_MARK, style="yellow")
    return Text(" " if article.read else UNREAD_MARK, style="bold cyan")


def also_carried(article: Article) -> str:
    """` +N` for the N other outlets that carried the article too ('' when none did)."""
    others = len(article.sources) - 1
    return f" +{others}" if others else ""


def _view_parts(article: Article, country_names: dict[str, str], width: int) -> tuple[Group, Text | None, Any]:
    """The article view's pieces: title and facts, the link line (or None), the body wrapped for reading."""
    from rich.constrain import Constrain
    from rich.table import Table

    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold dim", no_wrap=True)
    facts.add_column()
    for key, value in article_facts(article, country_names):
        if key == "Source":
            facts.add_row(key, _source_line(article, country_names))
        elif key == "Carried by":
            facts.add_row(key, _carriers_lines(article))
        elif key == "Countries":
            facts.add_row(key, _countries_line(article, country_names))
        elif key == "ID":
            facts.add_row(key, Text(value, style="cyan"))
        elif key != "Link":
            facts.add_row(key, Text(value))
    link = safe_link(article.url)
    # The style's link is an OSC 8 hyperlink, never parsed as a style string.
    link_line = Text.assemble(("Link", "bold dim"), "  ", (link, Style(link=link))) if link else None
    body = "\n\n".join(paragraphs(article)) or no_body_note(article)
    return (
        Group(Text(clean_line(article.title), style="bold"), facts),
        link_line,
        Constrain(Text(body), width=min(width, READING_WIDTH)),
    )


def article_view(article: Article, country_names: dict[str, str], width: int = READING_WIDTH) -> Group:
    """One article in full as one renderable (for the browser): title, facts, link, body."""
    from rich.rule import Rule

    head, link, body = _view_parts(article, country_names, width)
    return Group(head, *([link] if link else []), Rule(style="dim"), body)


def print_article(console: Console, article: Article, country_names: dict[str, str]) -> None:
    """One article in full on a terminal: title, facts, the whole link on its own line, the body wrapped
    at min(width, 100) for reading."""
    from rich.rule import Rule

    head, link, body = _view_parts(article, country_names, console.width)
    console.print(head)
    if link is not None:
        # soft_wrap: printed whole, never cut or broken by Rich (the terminal may fold it; copying gets it whole).
        console.print(link, soft_wrap=True)
    console.print(Rule(style="dim"))
    console.print(body)


def _source_line(article: Article, names: dict[str, str]) -> Text:
    line = safe(article.source)
    if article.source_country:
        line.append(f"  (outlet in {names.get(article.source_country, article.source_country)})", style="dim")
    return line


def _carriers_lines(article: Article) -> Text:
    """Every feed or file that carried the article, one a line: `Outlet  origin`."""
    lines = Text()
    for i, (origin, source) in enumerate(carriers(article)):
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
        shown = news_regions(a.regions)[:TABLE_REGIONS]
        if shown:
            head.append(f"  {clean_line(', '.join(shown))}", style="magenta")
        if a.starred or not a.read:  # the read-state mark ends the header: the ID stays its first field
            head.append("  ")
            head.append_text(state_mark(a))
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

    def fetching(self, label: str) -> None:
        """Name the source being loaded now (the core calls this before each one)."""
        self._progress.update(self._task, description=clean_line(label)[:60])

    def __call__(self, label: str) -> None:
        """One source done (the core calls this with its label after each one)."""
        self._progress.update(self._task, advance=1)


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


def sources_table(rows: Sequence[Any], country_names: dict[str, str]) -> Table:
    """The `sources` overview (rows: core.sources.SourceSummary): names whole, as `--source` takes them."""
    from rich.table import Table

    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("Source", style="green", overflow="fold")
    table.add_column("Articles", justify="right", no_wrap=True)
    table.add_column("Latest", no_wrap=True)
    table.add_column("Country", no_wrap=True)
    table.add_column("Feeds", overflow="fold", ratio=1)
    for r in rows:
        feeds = "\n".join(clean_line(f) for f in r.feeds)
        if r.files:
            feeds += ("\n" if feeds else "") + f"{r.files} local file{'s' if r.files != 1 else ''}"
        country = f"{country_names.get(r.country, r.country)} ({r.country})" if r.country else ""
        table.add_row(
            safe(r.name),
            f"{r.articles:,}",
            local_time(r.latest) if r.latest else "-",
            country,
            Text(feeds, style="dim"),
        )
    return table
