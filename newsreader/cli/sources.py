"""The `sources` command: every outlet in the store, with the names `--source` accepts for it."""

from __future__ import annotations

import sys

import typer

from newsreader.cli.app import JsonOpt, PlainOpt, _say_nothing_found, _state, app, handle_errors
from newsreader.cli.help import examples


@app.command(epilog=examples("newsreader sources", "newsreader sources --json", "newsreader show --source bbc"))
@handle_errors
def sources(ctx: typer.Context, as_json: JsonOpt = False, plain: PlainOpt = False) -> None:
    """List every source in the store: articles, latest article, home country and the feeds behind it.

    Piped (or with --plain): one tab-separated line per source (name, articles, latest, country, feeds).
    """
    from newsreader.cli.listing import stdout_is_terminal
    from newsreader.core.sources import list_sources

    state = _state(ctx)
    rows = list_sources(state.db_path)
    if as_json:
        from newsreader.formats import source_json, to_json

        typer.echo(to_json([source_json(r) for r in rows]))
        return
    if not rows:
        _say_nothing_found(state.db_path, "No sources yet.")
        return
    if plain or not stdout_is_terminal():
        from newsreader.formats import source_line

        sys.stdout.write("".join(source_line(r) + "\n" for r in rows))
        return
    from newsreader.core.names import country_names
    from newsreader.render import sources_table, stdout_console

    names = country_names(r.country for r in rows)
    stdout_console().print(sources_table(rows, names))
