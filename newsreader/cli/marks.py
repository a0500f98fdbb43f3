"""Read state and stars: mark read|unread, star, unstar, open."""

from __future__ import annotations

from typing import Annotated

import typer

from newsreader.cli.app import (
    CountryOpt,
    PrimaryOpt,
    RegionOpt,
    SinceOpt,
    SourceCountryOpt,
    SourceOpt,
    UntilOpt,
    _err,
    _filters,
    _state,
    app,
    handle_errors,
)
from newsreader.cli.help import App, examples
from newsreader.cli.reading import LangOpt
from newsreader.cli.stateopts import NewOpt, NewSinceOpt, StarredOpt, UnreadOpt, with_state

mark_app = App(
    epilog=examples("newsreader mark read 3f2a9c1e", 'newsreader mark read --all --source "BBC World"'),
    help="Mark articles read or unread: by id, or everything a `show`/`search` would list (--all).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(mark_app, name="mark")

IdsArg = Annotated[list[str] | None, typer.Argument(metavar="ID", help="Article ids or unique prefixes.")]
AllOpt = Annotated[
    bool, typer.Option("--all", help="Every article the same `show` (or `search` with --query) lists, all pages.")
]
QueryOpt = Annotated[
    str | None, typer.Option("--query", "-q", help="With --all: what `search QUERY` finds, instead of `show`.")
]
RawOpt = Annotated[bool, typer.Option("--raw", help="With --query: FTS5 syntax, as `search --raw`.")]


def _mark(
    ctx: typer.Context,
    read: bool,
    ids: list[str] | None,
    every: bool,
    query: str | None,
    raw: bool,
    options: dict[str, object],
) -> None:
    from newsreader.core import reading
    from newsreader.errors import UsageError

    state = _state(ctx)
    word = "read" if read else "unread"
    if every == bool(ids):
        raise UsageError(f"give article ids, or --all with filters: newsreader mark {word} --all --source BBC")
    if ids:
        changed = (reading.mark_read if read else reading.mark_unread)(state.db_path, ids)
        _err(f"marked {changed} article{'s' if changed != 1 else ''} {word}")
        return
    unread, starred, new, new_since = (options.pop(k) for k in ("unread", "starred", "new", "new_since"))
    filters = _filters(state, **options)
    since_run = new_since if isinstance(new_since, str) else None
    filters = with_state(
        state.db_path, filters, unread=bool(unread), starred=bool(starred), new=bool(new), new_since=since_run
    )
    changed = reading.mark_all(state.db_path, filters, query, raw=raw, read=read)
    _err(f"marked {changed} article{'s' if changed != 1 else ''} {word}")


def _mark_command(read: bool, doc: str, example_lines: tuple[str, ...]) -> None:
    """Register `mark read` or `mark unread`: the same options, the opposite state."""

    def command(
        ctx: typer.Context,
        ids: IdsArg = None,
        every: AllOpt = False,
        query: QueryOpt = None,
        raw: RawOpt = False,
        source: SourceOpt = None,
        region: RegionOpt = None,
        country: CountryOpt = None,
        primary: PrimaryOpt = False,
        source_country: SourceCountryOpt = None,
        since: SinceOpt = None,
        until: UntilOpt = None,
        lang: LangOpt = None,
        unread: UnreadOpt = False,
        starred: StarredOpt = False,
        new: NewOpt = False,
        new_since: NewSinceOpt = None,
    ) -> None:
        _mark(ctx, read, ids, every, query, raw, _options(locals()))

    command.__doc__ = doc
    mark_app.command("read" if read else "unread", epilog=examples(*example_lines))(handle_errors(command))


_mark_command(
    True,
    """Mark articles read: the ids given, or with --all everything that listing shows (all pages).""",
    (
        "newsreader mark read 3f2a9c1e 77b0",
        'newsreader mark read --all --region "Middle East" --since 2d',
        'newsreader mark read --all --query "nuclear talks" --new',
    ),
)
_mark_command(
    False,
    """Mark articles unread again: the ids given, or with --all everything that listing shows.""",
    ("newsreader mark unread 3f2a9c1e", "newsreader mark unread --all --new"),
)


def _options(given: dict[str, object]) -> dict[str, object]:
    """The filter options of a mark command, named as `_filters` and `with_state` take them."""
    names = {"source": "sources", "region": "regions", "country": "countries", "source_country": "source_countries"}
    keep = ("primary", "since", "until", "unread", "starred", "new", "new_since")
    options = {names[k]: v for k, v in given.items() if k in names}
    options.update({k: given[k] for k in keep})
    options["languages"] = given["lang"] or ()
    return options


@app.command(
    epilog=examples(
        "newsreader star 3f2a9c1e",
        "newsreader show --starred",
    )
)
@handle_errors
def star(ctx: typer.Context, ids: Annotated[list[str], typer.Argument(help="Article ids or unique prefixes.")]) -> None:
    """Star articles: `show --starred` lists them, and no purge ever deletes them."""
    from newsreader.core.reading import star as star_ids

    changed = star_ids(_state(ctx).db_path, ids)
    _err(f"starred {changed} article{'s' if changed != 1 else ''}")


@app.command(
    epilog=examples(
        "newsreader unstar 3f2a9c1e",
        "newsreader unstar $(newsreader show --starred --fields id)",
    )
)
@handle_errors
def unstar(
    ctx: typer.Context, ids: Annotated[list[str], typer.Argument(help="Article ids or unique prefixes.")]
) -> None:
    """Remove the star from articles."""
    from newsreader.core.reading import unstar as unstar_ids

    changed = unstar_ids(_state(ctx).db_path, ids)
    _err(f"unstarred {changed} article{'s' if changed != 1 else ''}")


@app.command(
    "open",
    epilog=examples(
        "newsreader open 3f2a9c1e",
        "newsreader open 3f2a  # with BROWSER=w3m set, in the terminal",
    ),
)
@handle_errors
def open_(
    ctx: typer.Context, article_id: Annotated[str, typer.Argument(metavar="ID", help="An article id or its prefix.")]
) -> None:
    """Open an article's link in your browser ($BROWSER is honoured) and mark it read.

    Without a browser (a headless machine, ssh) the link is printed instead, to copy.
    """
    from newsreader.core.reading import open_article
    from newsreader.sanitize import clean_line

    opened = open_article(_state(ctx).db_path, article_id)
    if opened.in_browser:
        _err(f"opened {opened.url}")
    else:
        _err("no browser found; here is the link:")
        typer.echo(clean_line(opened.url))
