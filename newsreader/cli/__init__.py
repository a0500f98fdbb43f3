"""The command line: parse options, call the core, render; the only package that knows Typer.

Each module of this package adds one group of commands to the app in `app.py`; importing them here
registers them in the order `--help` lists them.
"""

from __future__ import annotations

import copy
import inspect
import sys

import typer
import typer.main
import typer.models

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


# Global options that take a value: the word after them is not the command's name.
_GLOBAL_VALUE_OPTIONS = ("--db", "--config")
_GLOBAL_VALUE_PREFIXES = tuple(option + "=" for option in _GLOBAL_VALUE_OPTIONS)
# Global options that only print (eagerly, before any command runs): the top-level help and the version.
_LISTING_OPTIONS = ("--help", "-h", "--version")


def main() -> None:
    _app_for(sys.argv[1:])()


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command the arguments name, or the whole app when they name none.

    Typer builds every command's parameters from its signature on each run (~4 ms a command, ~110 ms
    for all of them), though one run uses one command. When the first word after the global options is
    a known command or group, a shallow copy of the app that holds only it parses the same arguments
    the same way; `--help`, `--version`, no command and unknown words get the whole app, so top-level
    help lists everything and a mistyped command is still named as Typer names it.
    """
    name = _invoked_name(args)
    if name is None:
        return _listing(app) if not args or _first_word(args) in _LISTING_OPTIONS else app
    commands = [info for info in app.registered_commands if _command_name(info) == name]
    groups = [info for info in app.registered_groups if info.name == name]
    if not commands and not groups:
        return app
    only = copy.copy(app)
    only.registered_commands = commands
    only.registered_groups = groups
    return only


def _invoked_name(args: list[str]) -> str | None:
    """The first word of the arguments that is not a global option or its value (None: an option first)."""
    word = _first_word(args)
    return None if word is None or word.startswith("-") else word


def _first_word(args: list[str]) -> str | None:
    """The first argument that is not --db or --config (or their values)."""
    index = 0
    while index < len(args):
        word = args[index]
        if word in _GLOBAL_VALUE_OPTIONS:
            index += 2
        elif word.startswith(_GLOBAL_VALUE_PREFIXES):
            index += 1
        else:
            return word
    return None


def _listing(typer_app: typer.Typer) -> typer.Typer:
    """A copy of the app whose commands keep their names and help but have no parameters.

    The top-level help lists each command's name and first help line, and `--version` prints and exits
    before any command is looked at, yet Typer would build every command's parameters from its signature
    first (~25 ms for the 28 commands). Nothing here can run a command: the runs that get this app end in
    an eager option (--help, -h, --version) or, with no arguments, in the help.
    """
    only = copy.copy(typer_app)
    only.registered_commands = [_listed(info) for info in typer_app.registered_commands]
    groups = []
    for info in typer_app.registered_groups:
        group = copy.copy(info)
        if isinstance(info.typer_instance, typer.Typer):
            group.typer_instance = _listing(info.typer_instance)
        groups.append(group)
    only.registered_groups = groups
    return only


def _listed(info: typer.models.CommandInfo) -> typer.models.CommandInfo:
    """The command as the help lists it: its name and help (as Typer reads them), no parameters to build."""
    listed = copy.copy(info)
    listed.name = _command_name(info)
    if listed.help is None and info.callback is not None:
        listed.help = inspect.getdoc(info.callback)
    listed.callback = _not_run
    return listed


def _not_run() -> None:
    """Never called (see _listing)."""


def _command_name(info: typer.models.CommandInfo) -> str:
    if info.name:
        return info.name
    callback = info.callback
    return typer.main.get_command_name(callback.__name__) if callback is not None else ""


__all__ = ["app", "main"]
