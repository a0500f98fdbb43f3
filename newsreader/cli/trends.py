"""The `trends` command: counts and shares of the news over time, drawn as bars in the terminal."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsreader.cli.app import (
    CountryOpt,
    JsonOpt,
    PlainOpt,
    PrimaryOpt,
    RegionOpt,
    SinceOpt,
    SourceCountryOpt,
    SourceOpt,
    UntilOpt,
    _filters,
    _say_nothing_found,
    _state,
    app,
    handle_errors,
)
from newsreader.cli.help import examples
from newsreader.cli.reading import LangOpt

if TYPE_CHECKING:
    from newsreader.core.trends import Rising, Series, Timeline

BAR = 16  # cells of the widest bar
BLOCKS = " ▏▎▍▌▋▊▉█"  # eighths of a cell
SPARKS = "▁▂▃▄▅▆▇█"


@app.command(
    epilog=examples(
        "newsreader trends --country IR --country IL --since 30d",
        "newsreader trends --region Sahel --by week",
        "newsreader trends ceasefire --by source-country --json",
    )
)
@handle_errors
def trends(
    ctx: typer.Context,
    words: Annotated[
        list[str] | None, typer.Argument(metavar="WORDS", help="Also count the articles matching these words.")
    ] = None,
    country: CountryOpt = None,
    region: RegionOpt = None,
    primary: PrimaryOpt = False,
    source: SourceOpt = None,
    source_country: SourceCountryOpt = None,
    lang: LangOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by", metavar="PERIOD", help="day (the default), week, or source-country (who is talking about it)."
        ),
    ] = None,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
) -> None:
    """Chart how much of the news is about countries, regions or words, per day or week.

    Each count comes with its share of all stored articles of that period (from the same outlets, if
    --source or --source-country is given), so more feeds do not look like more news. Each --country,
    --region and the words are one series, side by side. With no series: the countries and regions
    whose share rose most in the last 48 hours against the 14 days before, with their top stories.
    Piped (or with --plain): tab-separated lines.
    """
    from newsreader.core import trends as ct

    state = _state(ctx)
    from dataclasses import replace

    given = _filters(
        state,
        sources=source,
        countries=country,
        regions=region,
        source_countries=source_country,
        languages=lang or (),
        since=since,
        until=until,
        primary=primary,
        limit=0,
    )
    base = replace(given, countries=(), regions=())
    series = ct.series_of(given.countries, given.regions, " ".join(words or []), base.languages)
    if not series and by is None:  # a --by asks for a series: without one it says so, never the rising list
        report = ct.rising_report(state.db_path, base)
        _out(
            ct.rising_json(report) if as_json else None,
            list(report.rows),
            _write_rising,
            plain,
            state,
            ct.nothing_rose(report),
        )
        return
    if by == "source-country":
        counted = ct.by_source_country(state.db_path, base, series)
        _out(ct.source_countries_json(counted) if as_json else None, counted, _write_sources, plain, state, "")
        return
    line = ct.timeline(state.db_path, base, series, by or "day")
    _out(ct.timeline_json(line) if as_json else None, line, _write_timeline, plain, state, "")


def _out(data: Any, result: Any, writer: Any, plain: bool, state: Any, empty: str) -> None:
    """JSON when asked; else the writer, told whether the output is a terminal."""
    if data is not None:
        from newsreader.formats import to_json

        typer.echo(to_json(data))
        return
    if empty and not result:
        _say_nothing_found(state.db_path, empty)
        return
    from newsreader.cli.listing import stdout_is_terminal

    writer(result, terminal=not plain and stdout_is_terminal())


def bar(share: float, top: float, width: int = BAR) -> str:
    """A horizontal bar of `share` against `top` (the longest), in eighths of a cell."""
    if top <= 0 or share <= 0:
        return ""
    eighths = max(1, round(share / top * width * 8))
    return "█" * (eighths // 8) + (BLOCKS[eighths % 8] if eighths % 8 else "")


def sparkline(values: Sequence[float]) -> str:
    top = max(values, default=0.0)
    if top <= 0:
        return SPARKS[0] * len(values)
    return "".join(SPARKS[min(len(SPARKS) - 1, int(v / top * (len(SPARKS) - 1) + 0.5))] for v in values)


def _percent(share: float) -> str:
    return f"{share * 100:.1f}%"


def _period(line: Timeline, j: int) -> str:
    return line.periods[j].strftime("%Y-%m-%d") if line.by == "day" else line.periods[j].strftime("%G-W%V")


def _write_timeline(line: Timeline, *, terminal: bool) -> None:
    if not terminal:
        for j in range(len(line.periods)):
            row = [_period(line, j), str(line.totals[j])]
            for i in range(len(line.series)):
                row += [str(line.counts[i][j]), f"{line.share(i, j):.6f}"]
            sys.stdout.write("\t".join(row) + "\n")
        return
    from rich.table import Table
    from rich.text import Text

    from newsreader.render import safe, stdout_console

    console = stdout_console()
    for i, s in enumerate(line.series):
        shares = [line.share(i, j) for j in range(len(line.periods))]
        peak = max(range(len(shares)), key=lambda j: (shares[j], -j)) if shares else 0
        console.print(
            Text.assemble(
                (f"{safe(s.label).plain:<16} ", "bold"),
                (sparkline(shares), "magenta"),
                f"  {sum(line.counts[i])} articles, peak {_percent(shares[peak])} on {_period(line, peak)}",
            )
        )
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=False)
    table.add_column("Week" if line.by == "week" else "Day", no_wrap=True)
    table.add_column("All", justify="right", no_wrap=True)
    tops = []
    for i, s in enumerate(line.series):
        table.add_column(safe(s.key if s.kind == "country" else s.label), justify="right", no_wrap=True)
        table.add_column("share", justify="right", no_wrap=True, style="dim")
        table.add_column("", no_wrap=True, style="magenta", min_width=BAR if len(line.series) < 3 else 8)
        tops.append(max((line.share(i, j) for j in range(len(line.periods))), default=0.0))
    width = BAR if len(line.series) < 3 else 8
    for j in range(len(line.periods)):
        cells: list[Any] = [_period(line, j), str(line.totals[j])]
        for i in range(len(line.series)):
            share = line.share(i, j)
            cells += [str(line.counts[i][j]), _percent(share), bar(share, tops[i], width)]
        table.add_row(*cells)
    console.print()
    console.print(table)


def _write_sources(rows: Sequence[tuple[Series, list[tuple[str, int]]]], *, terminal: bool) -> None:
    from newsreader.core.names import country_names

    if not terminal:
        for s, counts in rows:
            total = sum(n for _, n in counts)
            for code, n in counts:
                sys.stdout.write(f"{s.key}\t{code}\t{n}\t{n / total if total else 0:.6f}\n")
        return
    from rich.table import Table
    from rich.text import Text

    from newsreader.render import safe, stdout_console

    console = stdout_console()
    for s, counts in rows:
        total = sum(n for _, n in counts)
        console.print(Text(f"{safe(s.label).plain}: {total} articles, by the home country of their outlets", "bold"))
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=False)
        table.add_column("Outlets in", no_wrap=True)
        table.add_column("Articles", justify="right", no_wrap=True)
        table.add_column("Share", justify="right", no_wrap=True)
        table.add_column("", no_wrap=True, style="magenta")
        top = max((n for _, n in counts), default=0)
        for code, n in counts:
            name = f"{country_names([code])[code]} ({code})" if code else "unknown"
            table.add_row(name, str(n), _percent(n / total if total else 0), bar(n, top))
        console.print(table)
        console.print()


def _write_rising(rows: Sequence[Rising], *, terminal: bool) -> None:
    if not terminal:
        for r in rows:
            cells = [r.kind, r.key, str(r.recent), f"{r.recent_share:.6f}", str(r.before), f"{r.before_share:.6f}"]
            sys.stdout.write("\t".join(cells) + "\n")
        return
    from rich.text import Text

    from newsreader.render import safe, stdout_console

    console = stdout_console()
    console.print(Text("Rising in the last 48 hours: share of all articles, against the 14 days before", "bold"))
    console.print()
    top = max((r.rise for r in rows), default=0.0)
    names = [f"{r.label} ({r.key})" if r.kind == "country" else r.label for r in rows]
    wide = max((len(n) for n in names), default=0)
    for r, name in zip(rows, names, strict=True):
        console.print(
            Text.assemble(
                (f"{safe(name).plain:<{wide}}", "bold"),
                f"  {r.recent:>4} {_percent(r.recent_share):>6}",
                (f"  before {_percent(r.before_share):>6}", "dim"),
                f"  +{r.rise * 100:.1f} ",
                (bar(r.rise, top), "magenta"),
            )
        )
        for story in r.stories:
            line = Text("    ")
            line.append(story.id[:8], "cyan")
            line.append(f"  {len(story.sources)} outlets  ")
            line.append_text(safe(story.title))
            console.print(line, no_wrap=True, overflow="ellipsis")
