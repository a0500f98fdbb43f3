"""Watches: `watch` (list with counts), `watch NAME` (its matches), `watch add|edit|remove`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from newsreader.cli.app import (
    CountryOpt,
    JsonOpt,
    LimitOpt,
    PrimaryOpt,
    RegionOpt,
    SourceCountryOpt,
    SourceOpt,
    _err,
    _state,
    app,
    handle_errors,
)
from newsreader.cli.help import App, examples
from newsreader.cli.reading import LangOpt
from newsreader.cli.stateopts import UnreadOpt

if TYPE_CHECKING:
    from newsreader.core.watches import Watch


class _WatchGroup(TyperGroup):
    """`watch NAME` is short for `watch show NAME`: a first word that is no subcommand names a watch."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            return "show", self.commands["show"], args
        return super().resolve_command(ctx, args)


watch_app = App(
    epilog=examples(
        "newsreader watch",
        'newsreader watch add "Iran nuclear" "nuclear talks" --country Iran; newsreader watch "Iran nuclear"',
    ),
    cls=_WatchGroup,
    help="Follow topics: saved searches with unread and new counts (`watch NAME` lists a watch's matches).",
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode=None,
)
app.add_typer(watch_app, name="watch")

NameArg = Annotated[str, typer.Argument(metavar="NAME", help="The watch's name (case-insensitive).")]
QueryArg = Annotated[
    str | None, typer.Argument(metavar="QUERY", help="Words to find, as `search` takes them; none: filters only.")
]


def _watch_json(watch: Watch) -> dict[str, Any]:
    return {
        "name": watch.name,
        "query": watch.query,
        "sources": list(watch.sources),
        "regions": list(watch.regions),
        "countries": list(watch.countries),
        "source_countries": list(watch.source_countries),
        "languages": list(watch.languages),
        "primary": watch.primary,
    }


def _describe(watch: Watch) -> str:
    parts = [f'"{watch.query}"'] if watch.query else []
    for label, values in (
        ("source", watch.sources),
        ("region", watch.regions),
        ("country", watch.countries),
        ("source country", watch.source_countries),
        ("lang", watch.languages),
    ):
        if values:
            parts.append(f"{label} {' or '.join(values)}")
    if watch.primary:
        parts.append("primary")
    return "; ".join(parts) or "everything"


@watch_app.callback()
@handle_errors
def watch_list(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """List your watches with their unread matches and what the last fetch brought them."""
    if ctx.invoked_subcommand is not None:
        return
    from newsreader.core.watches import watch_statuses
    from newsreader.render import safe, stdout_console, to_json

    state = _state(ctx)
    rows = watch_statuses(state.db_path, state.config())
    if as_json:
        typer.echo(to_json([{**_watch_json(r.watch), "unread": r.unread, "new": r.new} for r in rows]))
        return
    if not rows:
        _err('No watches yet. Add one: newsreader watch add "Iran nuclear" "nuclear talks" --country Iran')
        return
    from rich.table import Table

    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("Watch", style="green", overflow="fold")
    table.add_column("Unread", justify="right")
    table.add_column("New", justify="right")
    table.add_column("Matches", overflow="fold", ratio=1)
    for r in rows:
        table.add_row(safe(r.watch.name), str(r.unread), str(r.new), safe(_describe(r.watch)))
    stdout_console().print(table)


@watch_app.command(
    "show",
    epilog=examples(
        'newsreader watch show "Iran nuclear"',
        'newsreader watch "Iran nuclear" --unread --json',
    ),
)
@handle_errors
def watch_show(
    ctx: typer.Context,
    name: NameArg,
    limit: LimitOpt = 20,
    unread: UnreadOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """List a watch's matches, newest first, unread ones marked (`watch NAME` does the same)."""
    from newsreader.core.watches import watch_articles
    from newsreader.render import article_json, article_table, stdout_console, to_json

    state = _state(ctx)
    _, articles = watch_articles(state.db_path, state.config(), name, limit=limit, unread=unread)
    if as_json:
        typer.echo(to_json([article_json(a) for a in articles]))
        return
    if not articles:
        _err(f"No articles match the watch {name!r} yet.")
        return
    console = stdout_console()
    console.print(article_table(articles, console.width))


@watch_app.command(
    "add",
    epilog=examples(
        'newsreader watch add "Iran nuclear" "nuclear talks" --country Iran',
        "newsreader watch add Sahel --region Sahel",
        'newsreader watch add "Ukraine (ru)" Украина --lang ru',
    ),
)
@handle_errors
def watch_add(
    ctx: typer.Context,
    name: NameArg,
    query: QueryArg = None,
    source: SourceOpt = None,
    region: RegionOpt = None,
    country: CountryOpt = None,
    source_country: SourceCountryOpt = None,
    lang: LangOpt = None,
    primary: PrimaryOpt = False,
) -> None:
    """Save a search to follow: a query (as `search` takes it) and/or the filters of `show`.

    After every fetch, a line on stderr tells how many new articles each watch got.
    """
    from newsreader.core.watches import Watch, add_watch

    state = _state(ctx)
    watch = Watch(
        name,
        query or "",
        sources=tuple(source or ()),
        regions=tuple(region or ()),
        countries=tuple(country or ()),
        source_countries=tuple(source_country or ()),
        languages=tuple(lang or ()),
        primary=primary,
    )
    saved = add_watch(state.db_path, state.config(), watch)
    _err(f"watching {saved.name!r}: {_describe(saved)}")


@watch_app.command(
    "edit",
    epilog=examples(
        'newsreader watch edit "Iran nuclear" --query "nuclear deal"',
        'newsreader watch edit Sahel --region Sahel --region "West Africa" --name "West Africa"',
    ),
)
@handle_errors
def watch_edit(
    ctx: typer.Context,
    name: NameArg,
    query: Annotated[str | None, typer.Option("--query", "-q", help="A new query ('' for filters only).")] = None,
    rename: Annotated[str | None, typer.Option("--name", help="A new name.")] = None,
    source: SourceOpt = None,
    region: RegionOpt = None,
    country: CountryOpt = None,
    source_country: SourceCountryOpt = None,
    lang: LangOpt = None,
    primary: Annotated[
        bool | None, typer.Option("--primary/--any", help="Match only primary countries, or any mention.")
    ] = None,
    clear: Annotated[bool, typer.Option("--clear-filters", help="Drop every filter before applying these.")] = False,
) -> None:
    """Change a watch: a filter given replaces that filter; the others stay (--clear-filters drops them)."""
    from newsreader.core.watches import edit_watch

    state = _state(ctx)
    changes: dict[str, Any] = {"name": rename, "query": query, "primary": primary}
    if clear:
        changes.update(sources=(), regions=(), countries=(), source_countries=(), languages=())
    given = {
        "sources": source,
        "regions": region,
        "countries": country,
        "source_countries": source_country,
        "languages": lang,
    }
    changes.update({k: tuple(v) for k, v in given.items() if v})
    saved = edit_watch(state.db_path, state.config(), name, **changes)
    _err(f"watching {saved.name!r}: {_describe(saved)}")


@watch_app.command(
    "remove",
    epilog=examples(
        'newsreader watch remove "Iran nuclear"',
        "newsreader watch remove Sahel",
    ),
)
@handle_errors
def watch_remove(ctx: typer.Context, name: NameArg) -> None:
    """Stop following a watch (its articles stay stored)."""
    from newsreader.core.watches import remove_watch

    remove_watch(_state(ctx).db_path, name)
    _err(f"removed the watch {name!r}")
