"""The command line: parse options, call the core, render; the only package that knows Typer.

Each module of this package adds one group of commands to the app in `app.py`; importing them here
registers them in the order `--help` lists them.
"""

from __future__ import annotations

# isort: off
from newsreader.cli.app import app
from newsreader.cli import fetching  # noqa: F401  (registers fetch, feeds, config)
from newsreader.cli import reading  # noqa: F401  (registers show, search)
from newsreader.cli import sources  # noqa: F401  (registers sources)
from newsreader.cli import marks  # noqa: F401  (registers mark, star, unstar, open)
from newsreader.cli import watches  # noqa: F401  (registers watch)
from newsreader.cli import feedlist  # noqa: F401  (registers feeds add, remove, disable, enable)
from newsreader.cli import purging  # noqa: F401  (registers purge)
from newsreader.cli import admin  # noqa: F401  (registers regions, retag, paths)
from newsreader.cli import browse  # noqa: F401  (registers browse)
from newsreader.cli import stories  # noqa: F401  (registers stories, restory)
from newsreader.cli import trends  # noqa: F401  (registers trends)
# isort: on


def main() -> None:
    app()


__all__ = ["app", "main"]
