"""The read-state options every listing takes (--unread, --starred, --new, --new-since-fetch)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:  # models (nine slotted dataclasses, ~5 ms) is imported by the commands that read the store
    from newsreader.models import Filters

UnreadOpt = Annotated[bool, typer.Option("--unread", help="Only articles you have not read.")]
StarredOpt = Annotated[bool, typer.Option("--starred", help="Only starred articles.")]
NewOpt = Annotated[bool, typer.Option("--new", help="Only articles the last `fetch` stored for the first time.")]
NewSinceOpt = Annotated[
    str | None,
    typer.Option(
        "--new-since-fetch",
        metavar="N|@RUN",
        help="Only articles first stored by the N-th last fetch or later (1 = the last), or since run @RUN.",
    ),
]


def with_state(
    db_path: Path, filters: Filters, *, unread: bool, starred: bool, new: bool, new_since: str | None
) -> Filters:
    """The filters narrowed by the read-state options."""
    since_run = None
    if new_since is not None or new:
        from newsreader.core.runs import resolve_since_run

        since_run = resolve_since_run(db_path, new_since if new_since is not None else "1")
    return replace(filters, unread=unread, starred=starred, since_run=since_run)
