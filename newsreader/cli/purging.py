"""Housekeeping of the archive: purge old articles."""

from __future__ import annotations

from typing import Annotated

import typer

from newsreader.cli.app import (
    CountryOpt,
    JsonOpt,
    PrimaryOpt,
    RegionOpt,
    SourceCountryOpt,
    SourceOpt,
    _state,
    app,
    handle_errors,
)
from newsreader.cli.help import examples
from newsreader.cli.reading import LangOpt


@app.command(
    epilog=examples(
        "newsreader purge --older-than 180d --dry-run",
        'newsreader purge --older-than 30d --source "Daily Wire"',
    )
)
@handle_errors
def purge(
    ctx: typer.Context,
    older_than: Annotated[
        str, typer.Option("--older-than", help="Delete articles published before this age: 180d, 26w, 6mo, 1y.")
    ],
    source: SourceOpt = None,
    region: RegionOpt = None,
    country: CountryOpt = None,
    primary: PrimaryOpt = False,
    source_country: SourceCountryOpt = None,
    lang: LangOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only say how many articles would go.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Delete old articles (never starred ones) and reclaim the space; a re-fetch will not bring them back."""
    from newsreader.cli.app import _filters
    from newsreader.core.purge import purge as run_purge

    state = _state(ctx)
    filters = _filters(
        state,
        sources=source,
        regions=region,
        countries=country,
        primary=primary,
        source_countries=source_country,
        languages=lang or (),
    )
    report = run_purge(state.db_path, filters, older_than, dry_run=dry_run)
    if as_json:
        from newsreader.render import to_json

        typer.echo(
            to_json(
                {
                    "deleted": 0 if dry_run else report.deleted,
                    "would_delete": report.deleted if dry_run else 0,
                    "starred_kept": report.starred_kept,
                    "cutoff": report.cutoff.isoformat().replace("+00:00", "Z"),
                    "dry_run": dry_run,
                }
            )
        )
        return
    verb = "would delete" if dry_run else "deleted"
    kept = f"; kept {report.starred_kept} starred" if report.starred_kept else ""
    typer.echo(f"{verb} {report.deleted} articles published before {report.cutoff:%Y-%m-%d %H:%M} UTC{kept}")
