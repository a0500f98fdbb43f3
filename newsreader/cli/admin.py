"""Housekeeping: regions overview, retag, paths."""

from __future__ import annotations

from typing import Annotated

import typer

from newsreader.cli.app import (
    JsonOpt,
    _err,
    _say_nothing_found,
    _state,
    app,
    handle_errors,
)
from newsreader.cli.help import examples


@app.command(
    epilog=examples("newsreader regions", "newsreader regions --countries --primary", "newsreader regions --json")
)
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
    """List regions (news regions, UN M49 regions, yours) with article counts, most first."""
    from newsreader import core
    from newsreader.formats import to_json
    from newsreader.render import count_json, count_table, stdout_console

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


@app.command(epilog=examples("newsreader retag", "newsreader retag --batch 2000"))
@handle_errors
def retag(
    ctx: typer.Context,
    batch: Annotated[int, typer.Option("--batch", metavar="N", help="Articles per transaction.")] = 500,
) -> None:
    """Tag every stored article again with the current gazetteer; reports how many changed."""
    from newsreader import core

    state = _state(ctx)
    report = core.retag(state.db_path, batch=batch)
    _err(f"Retagged {report.total} articles: {report.changed} changed, {report.total - report.changed} unchanged.")


@app.command(epilog=examples("newsreader paths", "newsreader --db /tmp/test.db paths"))
@handle_errors
def paths(ctx: typer.Context) -> None:
    """Print the config file, database and data folder in use."""
    from newsreader.core.settings import data_dir, default_config_path

    state = _state(ctx)
    config_path = state.config_path or default_config_path()
    exists = "" if config_path.exists() else "  (not created; run `newsreader config init`)"
    typer.echo(f"config:   {config_path}{exists}")
    typer.echo(f"database: {state.db_path}")
    typer.echo(f"data dir: {data_dir()}")
