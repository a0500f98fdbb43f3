"""The Typer app: its callback, shared options, error handling and exit codes; command groups add to it."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from newsreader import _coercion
from newsreader.cli.help import App, examples

_coercion.install()

app = App(
    name="newsreader",
    help="A command-line reader for geopolitical news: fetch feeds and local articles, then show and "
    "search them by country and region, offline.",
    epilog=examples("newsreader fetch seeds/", "newsreader show --region Sahel", "newsreader search Iran --since 7d"),
    no_args_is_help=True,
    add_completion=False,
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
        from newsreader.core.settings import default_db_path

        return self.db or default_db_path()

    def config(self) -> Any:
        from newsreader.core.settings import load_config

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
        typer.Option("--db", metavar="PATH", help="Database file to use [env: NEWSREADER_DB].", show_default=False),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config", metavar="PATH", help="Config file to use [env: NEWSREADER_CONFIG].", show_default=False
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    ctx.obj = State(db=db, config_path=config)
    from newsreader import notices

    notices.handler = _err  # the core's rare "this takes a while" lines (a store's upgrade) go to stderr


def _state(ctx: typer.Context) -> State:
    state = ctx.find_object(State)
    return state if state is not None else State(None, None)


# -- shared filter options ----------------------------------------------------------------------------
SourceOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--source",
        metavar="NAME",
        help="Only this outlet: its name, a word of it (reuters, bbc) or its feed's host (repeatable).",
    ),
]
RegionOpt = Annotated[
    list[str] | None,
    typer.Option("--region", "-r", metavar="REGION", help="Only articles about this region (repeatable)."),
]
CountryOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--country",
        "-c",
        metavar="COUNTRY",
        help="Only articles about this country: code, name or demonym (repeatable).",
    ),
]
PrimaryOpt = Annotated[
    bool, typer.Option("--primary", help="Country/region filters match only the countries a story is about.")
]
SourceCountryOpt = Annotated[
    list[str] | None,
    typer.Option("--source-country", metavar="COUNTRY", help="Only outlets based in this country (repeatable)."),
]
SinceOpt = Annotated[
    str | None, typer.Option("--since", metavar="WHEN", help="Published at or after: 2026-02-01, 24h, 7d.")
]
UntilOpt = Annotated[
    str | None, typer.Option("--until", metavar="WHEN", help="Published at or before: 2026-02-28, 2d.")
]
LimitOpt = Annotated[int, typer.Option("--limit", "-n", metavar="N", help="At most this many articles; 0: all.")]
OffsetOpt = Annotated[int, typer.Option("--offset", metavar="N", help="Skip this many articles first (paging).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Write a JSON array to stdout instead of a table.")]
JsonlOpt = Annotated[bool, typer.Option("--jsonl", help="Write one JSON object per line (JSON Lines), as found.")]
PlainOpt = Annotated[bool, typer.Option("--plain", help="Tab-separated lines, as when piped, even on a terminal.")]
WideOpt = Annotated[bool, typer.Option("--wide", help="Plain lines also carry regions and url.")]
FieldsOpt = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="LIST",
        help="Plain lines carry these fields, e.g. id,title,url (id, published, source, title, regions, url, "
        "countries, regions_m49, author, source_country, origin; search: snippet).",
    ),
]


def _filters(state: State, **options: Any) -> Any:
    from newsreader.core import build_filters

    for key in ("sources", "countries", "regions", "source_countries"):
        options[key] = options.get(key) or ()
    filters = build_filters(state.config(), **options)
    if filters.sources:  # loose outlet names (`reuters`, `bbc`) become the stored names they stand for
        from newsreader.core.sources import resolve_sources

        filters = resolve_sources(state.db_path, filters)
    return filters


def _say_nothing_found(db_path: Path, message: str) -> None:
    from newsreader.core import store_is_empty

    if store_is_empty(db_path):
        _err(
            "The store is empty. Load the sample articles with `newsreader fetch seeds/`, a feed with "
            "`newsreader fetch URL`, or your configured feeds with `newsreader fetch`."
        )
    else:
        _err(message)
