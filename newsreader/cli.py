"""The command line: parse options, call the core, render; the only module that knows Typer."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from newsreader import _coercion

_coercion.install()

app = typer.Typer(
    name="newsreader",
    help="A command-line reader for geopolitical news: fetch feeds and local articles, then show and "
    "search them by country and region, offline.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PARTIAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(slots=True)
class State:
    db: Path | None
    config_path: Path | None

    @property
    def db_path(self) -> Path:
        from newsreader.config import default_db_path

        return self.db or default_db_path()

    def config(self) -> Any:
        from newsreader.config import load_config

        config = load_config(self.config_path)
        for warning in config.warnings:
            _warn(warning)
        return config


def _err(message: str) -> None:
    """One plain line on stderr (never Rich markup: messages may quote untrusted input)."""
    from newsreader.sanitize import clean_line

    sys.stderr.write(f"newsreader: {clean_line(message)}\n")
    sys.stderr.flush()


def _warn(message: str) -> None:
    _err(f"warning: {message}")


def handle_errors(func: F) -> F:
    """Turn our errors into one line on stderr and an exit code; Ctrl-C into exit 130."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from newsreader.errors import NewsreaderError

        try:
            return func(*args, **kwargs)
        except NewsreaderError as exc:
            _err(f"error: {exc}")
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            _err("interrupted; everything stored before that is kept")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:
            raise typer.Exit(EXIT_OK) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        from newsreader import __version__

        typer.echo(f"newsreader {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option("--db", help="Database file to use [env: NEWSREADER_DB].", show_default=False),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Config file to use [env: NEWSREADER_CONFIG].", show_default=False),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    ctx.obj = State(db=db, config_path=config)


def _state(ctx: typer.Context) -> State:
    state = ctx.find_object(State)
    return state if state is not None else State(None, None)


# -- shared filter options ----------------------------------------------------------------------------
SourceOpt = Annotated[list[str] | None, typer.Option("--source", help="Only this outlet (repeatable).")]
RegionOpt = Annotated[
    list[str] | None, typer.Option("--region", "-r", help="Only articles about this region (repeatable).")
]
CountryOpt = Annotated[
    list[str] | None,
    typer.Option("--country", "-c", help="Only articles about this country: code, name or demonym (repeatable)."),
]
PrimaryOpt = Annotated[
    bool, typer.Option("--primary", help="Country/region filters match only the countries a story is about.")
]
SourceCountryOpt = Annotated[
    list[str] | None,
    typer.Option("--source-country", help="Only outlets based in this country (repeatable)."),
]
SinceOpt = Annotated[str | None, typer.Option("--since", help="Published at or after: 2026-02-01, 24h, 7d.")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Published at or before: 2026-02-28, 2d.")]
LimitOpt = Annotated[int, typer.Option("--limit", "-n", help="At most this many articles.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Write a JSON array to stdout instead of a table.")]


def _filters(state: State, **options: Any) -> Any:
    from newsreader.core import build_filters

    for key in ("sources", "countries", "regions", "source_countries"):
        options[key] = options.get(key) or ()
    return build_filters(state.config(), **options)


# -- commands -------------------------------------------------------------------------------------------
@app.command()
@handle_errors
def fetch(
    ctx: typer.Context,
    targets: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders, feed URLs, feed files or OPML lists. None: the configured feeds."),
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Use this outlet name for everything loaded now.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Fetch even feeds that asked us to wait.")] = False,
) -> None:
    """Load articles from files, folders and feeds, tag them with countries and regions, store them.

    Example: newsreader fetch seeds/ https://feeds.bbci.co.uk/news/world/rss.xml
    """
    from newsreader import core
    from newsreader.render import fetch_summary, stderr_console

    state = _state(ctx)
    config = state.config()
    targets = targets or []
    if sys.stderr.isatty():
        from newsreader.render import FetchProgress

        with FetchProgress(total=sum(1 for t in targets if not core.is_url(t))) as bar:
            report = core.fetch(state.db_path, config, targets, source=source, force=force, progress=bar)
    else:
        report = core.fetch(state.db_path, config, targets, source=source, force=force)
    for item in report.sources:
        for warning in item.warnings:
            _warn(warning)
        if item.error:
            _err(f"error: {item.label}: {item.error}")
    stderr_console().print(fetch_summary(report))
    raise typer.Exit(report.exit_code)


@app.command()
@handle_errors
def show(
    ctx: typer.Context,
    article_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="Show this article in full (an id or its prefix).")
    ] = None,
    source: SourceOpt = None,
    region: RegionOpt = None,
    country: CountryOpt = None,
    primary: PrimaryOpt = False,
    source_country: SourceCountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: LimitOpt = 20,
    as_json: JsonOpt = False,
    no_pager: Annotated[
        bool, typer.Option("--no-pager", help="With ID: print the article even when it is taller than the screen.")
    ] = False,
) -> None:
    """List stored articles, newest first, or show one in full.

    Examples: newsreader show --region "Middle East" --since 7d;  newsreader show 3f2a9c1e
    """
    from newsreader import core
    from newsreader.render import article_json, to_json

    state = _state(ctx)
    if article_id is not None:
        article = core.get_article(state.db_path, article_id)
        if as_json:
            typer.echo(to_json(article_json(article, with_body=True)))
            return
        from newsreader import geo
        from newsreader.render import article_view, stdout_console

        names = {c: geo.country_name(c) for c in (*article.country_codes, article.source_country) if c}
        console = stdout_console()
        if console.is_terminal and not no_pager:
            # A pager only on a terminal: `less` keeps colours (-R), leaves short articles on screen
            # (-F quits at once when they fit, -X keeps them after it quits). $PAGER is honoured.
            os.environ.setdefault("LESS", "-FRX")
            with console.pager(styles=True):
                console.print(article_view(article, names))
        else:
            console.print(article_view(article, names))
        return
    filters = _filters(
        state,
        sources=source,
        regions=region,
        countries=country,
        primary=primary,
        source_countries=source_country,
        since=since,
        until=until,
        limit=limit,
    )
    articles = core.list_articles(state.db_path, filters)
    if as_json:
        typer.echo(to_json([article_json(a) for a in articles]))
        return
    if not articles:
        _say_nothing_found(state.db_path, "No articles match these filters.")
        return
    from newsreader.render import article_table, stdout_console

    console = stdout_console()
    console.print(article_table(articles, console.width))


@app.command()
@handle_errors
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Words to find (all must match); with --raw, FTS5 syntax.")],
    raw: Annotated[bool, typer.Option("--raw", help='Pass FTS5 syntax through: "a phrase", OR, NOT, prefix*.')] = False,
    source: SourceOpt = None,
    region: RegionOpt = None,
    country: CountryOpt = None,
    primary: PrimaryOpt = False,
    source_country: SourceCountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: LimitOpt = 20,
    as_json: JsonOpt = False,
) -> None:
    """Search stored articles, best match first, with the matched words highlighted.

    Examples: newsreader search Iran --country Israel;  newsreader search --raw '"nuclear talks" OR sanctions'
    """
    from newsreader import core
    from newsreader.render import article_json, to_json

    state = _state(ctx)
    filters = _filters(
        state,
        sources=source,
        regions=region,
        countries=country,
        primary=primary,
        source_countries=source_country,
        since=since,
        until=until,
        limit=limit,
    )
    hits = core.search(state.db_path, query, filters, raw=raw)
    if as_json:
        typer.echo(to_json([article_json(h.article) for h in hits]))
        return
    if not hits:
        _say_nothing_found(state.db_path, f"No articles match {query!r}.")
        return
    from newsreader.render import search_results, stdout_console

    stdout_console().print(search_results(hits))


@app.command()
@handle_errors
def regions(
    ctx: typer.Context,
    countries: Annotated[
        bool, typer.Option("--countries", help="List countries with their article counts instead.")
    ] = False,
    primary: Annotated[bool, typer.Option("--primary", help="With --countries: count only primary tags.")] = False,
    show_all: Annotated[bool, typer.Option("--all", help="Also list regions with no articles.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """List regions (news regions, UN M49 regions, yours) with article counts, most first.

    Examples: newsreader regions;  newsreader regions --countries --primary
    """
    from newsreader import core
    from newsreader.render import count_json, count_table, stdout_console, to_json

    state = _state(ctx)
    if countries:
        rows = core.country_counts(state.db_path, primary=primary)
        key, heading = "code", "Country"
    else:
        rows = core.region_counts(state.db_path, state.config())
        key, heading = "region", "Region"
    if not show_all:
        rows = [r for r in rows if r.count]
    if as_json:
        typer.echo(to_json(count_json(rows, key)))
        return
    if not rows:
        _say_nothing_found(state.db_path, "No tagged articles yet.")
        return
    stdout_console().print(count_table(rows, heading, show_key=countries))


@app.command()
@handle_errors
def retag(
    ctx: typer.Context,
    batch: Annotated[int, typer.Option("--batch", help="Articles per transaction.")] = 500,
) -> None:
    """Tag every stored article again with the current gazetteer; reports how many changed.

    Example: newsreader retag
    """
    from newsreader import core

    state = _state(ctx)
    report = core.retag(state.db_path, batch=batch)
    typer.echo(
        f"Retagged {report.total} articles: {report.changed} changed, {report.total - report.changed} unchanged."
    )


@app.command()
@handle_errors
def paths(ctx: typer.Context) -> None:
    """Print the config file, database and data folder in use.

    Example: newsreader paths
    """
    from newsreader.config import data_dir, default_config_path

    state = _state(ctx)
    config_path = state.config_path or default_config_path()
    exists = "" if config_path.exists() else "  (not created; run `newsreader config init`)"
    typer.echo(f"config:   {config_path}{exists}")
    typer.echo(f"database: {state.db_path}")
    typer.echo(f"data dir: {data_dir()}")


feeds_app = typer.Typer(
    help="The configured feeds: list them, export them as OPML, import an OPML list.",
    no_args_is_help=False,
    invoke_without_command=True,
    rich_markup_mode=None,
)
app.add_typer(feeds_app, name="feeds")
config_app = typer.Typer(help="The config file: write a starter one.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(config_app, name="config")


@feeds_app.callback()
@handle_errors
def feeds_list(ctx: typer.Context) -> None:
    """List the configured feeds with their last fetch time, status and article count.

    Example: newsreader feeds
    """
    if ctx.invoked_subcommand is not None:
        return
    from newsreader.feeds import feed_statuses

    state = _state(ctx)
    config = state.config()
    if not config.feeds:
        _err(
            "No feeds configured. Run `newsreader config init` for a starter list, or "
            "`newsreader feeds import FILE.opml` to add an OPML list."
        )
        return
    from newsreader.render import feeds_table, stdout_console

    stdout_console().print(feeds_table(feed_statuses(state.db_path, config)))


@feeds_app.command("export")
@handle_errors
def feeds_export(
    ctx: typer.Context,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.", show_default=False)
    ] = None,
) -> None:
    """Write the configured feeds as an OPML list.

    Example: newsreader feeds export -o feeds.opml
    """
    from newsreader.feeds import export_opml

    text = export_opml(_state(ctx).config())
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        from newsreader.errors import NewsreaderError

        raise NewsreaderError(f"{output}: cannot write ({exc.strerror or exc})") from exc
    _err(f"wrote {text.count('xmlUrl=')} feeds to {output}")


@feeds_app.command("import")
@handle_errors
def feeds_import(
    ctx: typer.Context,
    opml_file: Annotated[Path, typer.Argument(help="An OPML file listing feeds (outlines with xmlUrl).")],
) -> None:
    """Add the feeds of an OPML list to your config file, keeping its comments.

    Example: newsreader feeds import subscriptions.opml
    """
    from newsreader.config import default_config_path
    from newsreader.errors import SourceError, UsageError
    from newsreader.feeds import import_opml

    state = _state(ctx)
    path = state.config_path or default_config_path()
    try:
        added, existing, notes = import_opml(path, opml_file)
    except SourceError as exc:
        raise UsageError(str(exc)) from None
    for note in notes:
        _warn(note)
    typer.echo(f"added {len(added)} feeds to {path}" + (f" ({len(existing)} already there)" if existing else ""))


@config_app.command("init")
@handle_errors
def config_init(
    ctx: typer.Context,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing config file.")] = False,
) -> None:
    """Write a starter config file (settings and a world-news feed list) to the config folder.

    Example: newsreader config init && newsreader fetch
    """
    from newsreader.config import init_config

    path = init_config(_state(ctx).config_path, force=force)
    typer.echo(f"wrote {path}; edit its [[feeds]] list, then run `newsreader fetch`")


def _say_nothing_found(db_path: Path, message: str) -> None:
    from newsreader.core import store_is_empty

    if store_is_empty(db_path):
        _err(
            "The store is empty. Load the sample articles with `newsreader fetch seeds/`, a feed with "
            "`newsreader fetch URL`, or your configured feeds with `newsreader fetch`."
        )
    else:
        _err(message)


def main() -> None:
    app()
