"""The interactive browser command: `browse` (Textual is imported here, inside the command, and nowhere else)."""

from __future__ import annotations

import sys

import typer

from newsreader.cli.app import (
    EXIT_USAGE,
    CountryOpt,
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


@app.command(epilog=examples("newsreader browse", 'newsreader browse --region "Middle East" --since 7d'))
@handle_errors
def browse(
    ctx: typer.Context,
    source: SourceOpt = None,
    region: RegionOpt = None,
    country: CountryOpt = None,
    primary: PrimaryOpt = False,
    source_country: SourceCountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
) -> None:
    """Browse stored articles full-screen: views, the list, the reader; newsboat's keys (? for help).

    The filters narrow every view, as they narrow `show`.
    """
    from newsreader.core import build_filters, store_is_empty

    state = _state(ctx)
    config = state.config()
    filters = build_filters(
        config,
        sources=source or (),
        regions=region or (),
        countries=country or (),
        primary=primary,
        source_countries=source_country or (),
        since=since,
        until=until,
    )
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        _err("error: browse needs an interactive terminal; in scripts use `show` or `search`")
        raise typer.Exit(EXIT_USAGE)
    if store_is_empty(state.db_path):
        _say_nothing_found(state.db_path, "")
        return
    from newsreader.tui.app import BrowseApp

    BrowseApp(state.db_path, config, filters).run()
