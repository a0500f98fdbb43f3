"""Story commands: `stories` (the list, or one story with its coverage) and `restory` (group everything again)."""

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
    _err,
    _say_nothing_found,
    _state,
    app,
    handle_errors,
)
from newsreader.cli.help import examples
from newsreader.cli.reading import LangOpt

if TYPE_CHECKING:
    from rich.console import Console

    from newsreader.core.stories import Coverage, Story

StoryLimitOpt = Annotated[int, typer.Option("--limit", "-n", metavar="N", help="At most this many stories; 0: all.")]
MinArticlesOpt = Annotated[
    int, typer.Option("--min-articles", metavar="N", help="Only stories of at least this many articles (1: all).")
]


@app.command(
    epilog=examples(
        "newsreader stories --since 3d",
        'newsreader stories --region "Middle East" --limit 50 --json',
        "newsreader stories ID",
    )
)
@handle_errors
def stories(
    ctx: typer.Context,
    story_id: Annotated[
        str | None,
        typer.Argument(metavar="ID", help="Show this story: its id, or the id of one of its articles (or a prefix)."),
    ] = None,
    source: SourceOpt = None,
    region: RegionOpt = None,
    country: CountryOpt = None,
    primary: PrimaryOpt = False,
    source_country: SourceCountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    lang: LangOpt = None,
    limit: StoryLimitOpt = 20,
    min_articles: MinArticlesOpt = 2,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
) -> None:
    """List stories: articles from several outlets about one event, best covered first.

    Each row: the story's id, a representative title, its outlets and articles, the outlets' home
    countries, and when it was first and last seen. A story passes the filters when one of its
    articles does. With ID: every article of the story and who covered it.
    Piped (or with --plain): tab-separated lines (id, outlets, articles, first seen, last seen, title,
    outlets' countries).
    """
    from newsreader.core import stories as cs

    state = _state(ctx)
    if cs.stories_outdated(state.db_path):
        _err(
            "note: the stories were made by an older newsreader; the next fetch (or `newsreader restory`) makes them again"
        )
    if story_id is not None:
        story, cover = cs.get_story(state.db_path, story_id)
        _write_story(story, cover, as_json=as_json, plain=plain)
        return
    from newsreader.cli.reading import _listing_filters

    # The filters `show` takes (one mapping for both); a story has no read state.
    no_state = {"unread": False, "starred": False, "new": False, "new_since": None}
    filters = _listing_filters(
        state, source, region, country, primary, source_country, since, until, limit, lang, 0, **no_state
    )
    found = cs.list_stories(state.db_path, filters, min_articles=min_articles)
    if as_json:
        from newsreader.formats import to_json

        typer.echo(to_json([cs.story_json(s) for s in found]))
        return
    if not found:
        _say_nothing_found(state.db_path, "No stories match these filters (try --min-articles 1 or a longer --since).")
        return
    from newsreader.cli.listing import stdout_is_terminal

    if plain or not stdout_is_terminal():
        sys.stdout.write("".join(_story_line(s) + "\n" for s in found))
        return
    from newsreader.render import stdout_console

    console = stdout_console()
    console.print(_stories_table(found, console.width))


def _story_line(story: Story) -> str:
    from newsreader.formats import iso_utc
    from newsreader.sanitize import clean_line

    cells = [
        story.id,
        str(len(story.sources)),
        str(len(story.articles)),
        iso_utc(story.first_seen, "seconds"),
        iso_utc(story.last_seen, "seconds"),
        story.title,
        ",".join(story.source_countries),
    ]
    return "\t".join(clean_line(c) for c in cells)


def _stories_table(found: Sequence[Story], width: int) -> Any:
    from rich.table import Table

    from newsreader.render import ID_WIDTH, local_time, safe

    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=False)
    table.add_column("ID", style="cyan", no_wrap=True, min_width=ID_WIDTH)
    table.add_column("Outlets", justify="right", no_wrap=True, min_width=7)
    table.add_column("Articles", justify="right", no_wrap=True, min_width=8)
    table.add_column("Last seen", no_wrap=True, min_width=16)
    table.add_column("Title", overflow="ellipsis", no_wrap=True)
    if width >= 100:
        table.add_column("From", no_wrap=True, overflow="ellipsis", min_width=4, max_width=12)
        table.add_column("About", no_wrap=True, overflow="ellipsis", min_width=5, max_width=12)
    for s in found:
        cells: list[Any] = [
            s.id[:ID_WIDTH],
            str(len(s.sources)),
            str(len(s.articles)),
            local_time(s.last_seen),
            safe(s.title),
        ]
        if width >= 100:
            cells += [safe(",".join(s.source_countries)), safe(",".join(s.countries))]
        table.add_row(*cells)
    return table


def _write_story(story: Story, cover: Coverage, *, as_json: bool, plain: bool) -> None:
    from newsreader.core.stories import coverage_json, story_json

    if as_json:
        from newsreader.formats import to_json

        typer.echo(to_json({**story_json(story), "coverage": coverage_json(cover)}))
        return
    from newsreader.cli.listing import stdout_is_terminal

    if plain or not stdout_is_terminal():
        sys.stdout.write(_plain_story(story, cover))
        return
    from newsreader.render import stdout_console

    _print_story(stdout_console(), story, cover)


def _facts(story: Story, cover: Coverage) -> list[tuple[str, str]]:
    """The lines above a story's articles, as plain sanitised text (the terminal view styles them)."""
    from newsreader.core.names import country_names
    from newsreader.formats import iso_utc
    from newsreader.sanitize import clean_line

    known = country_names(story.countries)
    names = ", ".join(f"{known[c]} ({c})" for c in story.countries)
    facts = [
        ("Articles", f"{len(story.articles)} from {len(story.sources)} outlets"),
        ("Seen", f"{iso_utc(story.first_seen, 'minutes')} to {iso_utc(story.last_seen, 'minutes')}"),
    ]
    if names:
        facts.append(("Countries", names))
    if story.regions:
        facts.append(("Regions", clean_line(", ".join(story.regions))))
    facts.append(("Covered from", ", ".join(f"{r} ({n})" for r, n in cover.regions)))
    if cover.missing:
        facts.append(("Not covered from", ", ".join(cover.missing)))
    if cover.blindspot:
        facts.append(("Blindspot", cover.blindspot))
    facts.append(("ID", story.id))
    return facts


def _plain_story(story: Story, cover: Coverage) -> str:
    from newsreader.formats import iso_utc, safe_link
    from newsreader.sanitize import clean_line

    lines = [clean_line(story.title), ""]
    lines += [f"{k}: {v}" for k, v in _facts(story, cover)]
    lines.append("")
    for a in story.articles:
        cells = [iso_utc(a.published, "seconds"), a.source, a.source_country, a.title, safe_link(a.url), a.id]
        lines.append("\t".join(clean_line(c) for c in cells))
    return "\n".join(lines) + "\n"


def _print_story(console: Console, story: Story, cover: Coverage) -> None:
    from rich.table import Table
    from rich.text import Text

    from newsreader.formats import safe_link
    from newsreader.render import local_time, safe

    console.print(Text(safe(story.title).plain, style="bold"))
    for key, value in _facts(story, cover):
        style = "bold red" if key == "Blindspot" else ""
        console.print(Text.assemble((f"{key}: ", "dim"), (value, style)))
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=False)
    table.add_column("Published", no_wrap=True)
    table.add_column("Outlet", no_wrap=True, overflow="ellipsis", max_width=24)
    table.add_column("From", no_wrap=True)
    table.add_column("Title", overflow="fold", ratio=1)
    for a in story.articles:
        link = safe_link(a.url)
        title = safe(a.title)
        if link:
            title.stylize(f"link {link}")
        table.add_row(local_time(a.published), safe(a.source), a.source_country, title)
    console.print()
    console.print(table)


@app.command(epilog=examples("newsreader restory", "newsreader --db archive.db restory"))
@handle_errors
def restory(ctx: typer.Context) -> None:
    """Group every stored article into stories again (after upgrading newsreader), with progress."""
    from newsreader.core.stories import restory as run

    state = _state(ctx)
    progress = _progress()
    try:
        done, grouped = run(state.db_path, progress)
    finally:
        if progress is not None:
            sys.stderr.write("\n")
    _err(f"Grouped {done} articles: {grouped} stories of two or more articles.")


def _progress(label: str = "restory") -> Any:
    """A counter on a terminal's stderr (`restory: 12,000 / 100,000 articles`); none when not a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        sys.stderr.write(f"\r{label}: {done:,} / {total:,} articles")
        sys.stderr.flush()

    return show


# -- `show --stories` and `search --stories`: one row per story -------------------------------------------

WIDER = 5  # a listing one row per story reads this many times its limit of articles, then keeps the stories


def wider(filters: Any) -> Any:
    """The filters of a listing that will be folded to one row per story: more articles, from the start."""
    from dataclasses import replace

    return replace(filters, limit=filters.limit * WIDER if filters.limit else 0)


def fold_articles(db_path: Any, articles: Sequence[Any], limit: int) -> tuple[list[Any], list[Any]]:
    """The articles standing for their stories (the story's other outlets as carriers, so the table shows
    `Source +N`), at most `limit`, and each one's story (None for an article in no story)."""
    from dataclasses import replace

    from newsreader.core.stories import one_per_story

    keep, rows = one_per_story(db_path, [a.id for a in articles])
    if limit:
        keep = keep[:limit]
    folded, stories = [], []
    for position in keep:
        article, row = articles[position], rows.get(position)
        if row is not None:
            others = tuple(("", s) for s in row.sources if s != article.source)
            article = replace(article, carriers=others)
        folded.append(article)
        stories.append(row)
    return folded, stories


def write_folded(articles: Sequence[Any], stories: Sequence[Any], output: Any, hits: Sequence[Any] = ()) -> None:
    """A listing one row per story: JSON objects gain `story` ({id, articles, sources}); the rest as usual."""
    from newsreader.cli.listing import write_articles, write_hits

    if output.kind in ("json", "jsonl"):
        from newsreader.formats import article_json, to_json, to_jsonl

        data = [
            {
                **article_json(a),
                "story": {"id": s.id, "articles": s.articles, "sources": list(s.sources)} if s else None,
            }
            for a, s in zip(articles, stories, strict=True)
        ]
        text = to_json(data) if output.kind == "json" else "\n".join(to_jsonl(d) for d in data)
        sys.stdout.write(text + "\n" if text else "")
        return
    if hits:
        write_hits(hits, output, noun="stories")
    else:
        write_articles(articles, output)
