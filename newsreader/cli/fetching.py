"""Getting news in: fetch, and the configured feeds (list, export, import) and config file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from newsreader.cli.app import (
    JsonOpt,
    _err,
    _state,
    _warn,
    app,
    handle_errors,
)
from newsreader.cli.help import App, examples


@app.command(
    epilog=examples(
        "newsreader fetch seeds/",
        "newsreader fetch https://feeds.bbci.co.uk/news/world/rss.xml",
        "newsreader fetch --force",
    )
)
@handle_errors
def fetch(
    ctx: typer.Context,
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="TARGET",
            help="Files, folders, feed URLs, feed files or OPML lists. None: the configured feeds.",
        ),
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", metavar="NAME", help="Use this outlet name for everything loaded now.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Fetch even feeds that asked us to wait.")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Also print the run's report (per source, new article ids) on stdout.")
    ] = False,
) -> None:
    """Load articles from files, folders and feeds, tag them with countries and regions, store them."""
    from newsreader import core
    from newsreader.render import fetch_summary, stderr_console

    state = _state(ctx)
    config = state.config()
    targets = targets or []
    _retag_if_outdated(state.db_path)
    _restory_if_outdated(state.db_path)
    if sys.stderr.isatty():
        from newsreader.render import FetchProgress

        with FetchProgress() as bar:  # the core announces how many files and feeds are coming
            report = core.fetch(state.db_path, config, targets, source=source, force=force, progress=bar)
    else:
        report = core.fetch(state.db_path, config, targets, source=source, force=force)
    for item in report.sources:
        for warning in item.warnings:
            _warn(warning)
        if item.error:
            _err(f"error: {item.label}: {item.error}")
    stderr_console().print(fetch_summary(report))
    if any(s.new_ids for s in report.sources):
        from newsreader.core.watches import new_matches
        from newsreader.sanitize import clean_line

        for name, count in new_matches(state.db_path, config, report.run):
            sys.stderr.write(clean_line(f"{name}: {count} new") + "\n")
    if as_json:
        from newsreader.core.runs import report_dict
        from newsreader.render import to_json

        typer.echo(to_json(report_dict(report)))
    raise typer.Exit(report.exit_code)


def _retag_if_outdated(db_path: Path) -> None:
    """After an upgrade changed the gazetteer, bring the stored tags up to it first (one line on stderr)."""
    from newsreader.core.tagging import retag_if_outdated

    report = retag_if_outdated(db_path)
    if report is not None:
        _err(f"The gazetteer changed: retagged {report.total} stored articles ({report.changed} changed).")


def _restory_if_outdated(db_path: Path) -> None:
    """After an upgrade changed how stories are made, group the stored articles again first: the
    migration only marks them outdated, so no read command pays for it (a count on a terminal's stderr)."""
    from newsreader.cli.stories import _progress
    from newsreader.core.stories import restory_if_outdated

    counter = _progress("grouping stories")
    shown: list[bool] = []

    def progress(done: int, total: int) -> None:
        shown.append(True)
        counter(done, total)

    try:
        done = restory_if_outdated(db_path, progress if counter is not None else None)
    finally:
        if shown:
            sys.stderr.write("\n")
    if done is not None:
        _err(f"Stories were made by an older newsreader: grouped {done[0]} stored articles again.")


feeds_app = App(
    help="The configured feeds: list them, export them as OPML, import an OPML list.",
    epilog=examples("newsreader feeds", "newsreader feeds export -o feeds.opml", "newsreader feeds import list.opml"),
    no_args_is_help=False,
    invoke_without_command=True,
)
app.add_typer(feeds_app, name="feeds")
config_app = App(
    help="The config file: write a starter one.",
    epilog=examples("newsreader config init", "newsreader config init --force"),
    no_args_is_help=True,
)
app.add_typer(config_app, name="config")


@feeds_app.callback()
@handle_errors
def feeds_list(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """List the configured feeds: articles, unread, last fetch, last status, a pending Retry-After.

    Examples: newsreader feeds;  newsreader feeds --json;  newsreader feeds add URL --name NAME
    """
    if ctx.invoked_subcommand is not None:
        return
    from newsreader.core.feeds import feed_statuses

    state = _state(ctx)
    config = state.config()
    if not config.feeds:
        if as_json:
            typer.echo("[]")
            return
        _err(
            "No feeds configured. Run `newsreader config init` for a starter list, or "
            "`newsreader feeds import FILE.opml` to add an OPML list."
        )
        return
    statuses = feed_statuses(state.db_path, config)
    if as_json:
        from newsreader.render import to_json

        typer.echo(to_json([_feed_json(s) for s in statuses]))
        return
    from newsreader.render import feeds_table, stdout_console

    stdout_console().print(feeds_table(statuses))


def _feed_json(s: Any) -> dict[str, Any]:
    def when(value: Any) -> str | None:
        return value.isoformat().replace("+00:00", "Z") if value else None

    return {
        "url": s.feed.url,
        "name": s.feed.name,
        "country": s.feed.country,
        "tags": list(s.feed.tags),
        "enabled": s.feed.enabled,
        "articles": s.articles,
        "unread": s.unread,
        "last_fetched": when(s.last_fetched),
        "last_status": s.status,
        "last_error": s.error,
        "retry_after": when(s.retry_after),
        "moved_to": s.moved_to,
    }


@feeds_app.command("export", epilog=examples("newsreader feeds export", "newsreader feeds export -o feeds.opml"))
@handle_errors
def feeds_export(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to this file instead of stdout.", show_default=False
        ),
    ] = None,
) -> None:
    """Write the configured feeds as an OPML list."""
    from newsreader.core.feeds import export_opml

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


@feeds_app.command(
    "import",
    epilog=examples(
        "newsreader feeds import subscriptions.opml", "newsreader feeds import list.opml && newsreader fetch"
    ),
)
@handle_errors
def feeds_import(
    ctx: typer.Context,
    opml_file: Annotated[
        Path, typer.Argument(metavar="FILE", help="An OPML file listing feeds (outlines with xmlUrl).")
    ],
) -> None:
    """Add the feeds of an OPML list to your config file, keeping its comments."""
    from newsreader.core.feeds import import_opml
    from newsreader.core.settings import default_config_path
    from newsreader.errors import SourceError, UsageError

    state = _state(ctx)
    path = state.config_path or default_config_path()
    try:
        added, existing, notes = import_opml(path, opml_file)
    except SourceError as exc:
        raise UsageError(str(exc)) from None
    for note in notes:
        _warn(note)
    _err(f"added {len(added)} feeds to {path}" + (f" ({len(existing)} already there)" if existing else ""))


@config_app.command(
    "init", epilog=examples("newsreader config init", "newsreader config init --force && newsreader fetch")
)
@handle_errors
def config_init(
    ctx: typer.Context,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing config file.")] = False,
) -> None:
    """Write a starter config file (settings and a world-news feed list) to the config folder."""
    from newsreader.core.settings import init_config

    path = init_config(_state(ctx).config_path, force=force)
    _err(f"wrote {path}; edit its [[feeds]] list, then run `newsreader fetch`")
