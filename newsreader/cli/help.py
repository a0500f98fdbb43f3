"""Help and usage errors written for people: no type names, examples at the end, one-line mistakes.

Typer prints `show [OPTIONS] [[ID]]`, `search [OPTIONS] {query}` and `--limit <int>`; these classes (the
documented `cls=` extension point of Typer commands and groups) print `show [OPTIONS] [ID]`,
`search [OPTIONS] QUERY...` and `--limit N`, end every help with its examples (the epilog), and turn a
bad option value into one line on stderr. `App` makes them the default for every command added to it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

F = TypeVar("F", bound=Callable[..., Any])

# Typer's type labels (`<int>`, `<list[str]>`, `<path>`) and what a person reads in their place.
_TYPE_LABEL = re.compile(r" <([^<>]+)>")
_PLACEHOLDER = {"int": "N", "float": "N", "path": "PATH", "file": "PATH", "directory": "PATH"}
# The base of typer.BadParameter: every usage error (bad value, unknown option, missing argument).
_USAGE_ERROR: type[Exception] = typer.BadParameter.__mro__[1]


def examples(*lines: str) -> str:
    """An epilog listing example command lines, printed as given (`\\b` stops the re-wrapping)."""
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)


def _placeholder(option_name: str, label: str) -> str:
    base = label.removeprefix("list[").removesuffix("]")
    return _PLACEHOLDER.get(base) or option_name.lstrip("-").upper().replace("-", "_")


def _argument_name(param: Any) -> str:
    name = str(param.metavar or param.name).upper()
    return name if param.nargs == 1 else f"{name}..."


def _usage_pieces(command: Any, ctx: Any) -> list[str]:
    """`[OPTIONS] [ID]`, `QUERY...`, `[TARGET]...`: the conventions of man pages and of click itself."""
    pieces = [command.options_metavar] if command.options_metavar else []
    for param in command.get_params(ctx):
        if param.param_type_name == "argument":
            name = str(param.metavar or param.name).upper()
            dots = "" if param.nargs == 1 else "..."
            pieces.append(f"{name}{dots}" if param.required else f"[{name}]{dots}")
    return pieces


def _format_params(command: Any, ctx: Any, formatter: Any) -> None:
    arguments: list[tuple[str, str]] = []
    options: list[tuple[str, str]] = []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is None:
            continue
        if param.param_type_name == "argument":
            arguments.append((_argument_name(param), record[1]))
        else:
            long_name = str(max(param.opts, key=len) if param.opts else param.name)

            def readable(match: re.Match[str], option: str = long_name) -> str:
                return f" {_placeholder(option, match.group(1))}"

            options.append((_TYPE_LABEL.sub(readable, record[0]), record[1]))
    for title, rows in (("Arguments", arguments), ("Options", options)):
        if rows:
            with formatter.section(title):
                formatter.write_dl(rows)


class OneLineUsageError(typer.BadParameter):
    """A usage error shown as one line naming the command, the input and where to read more."""

    def __init__(self, message: str, command_path: str) -> None:
        super().__init__(message)
        self.command_path = command_path

    def show(self, file: Any = None) -> None:
        text = " ".join(self.message.split())
        stream = file or sys.stderr
        stream.write(f"newsreader: error: {text} (see `{self.command_path} --help`)\n")
        stream.flush()


def _one_line(exc: Exception, ctx: Any) -> Exception:
    if type(exc).__name__ == "NoArgsIsHelpError" or not isinstance(exc, _USAGE_ERROR):
        return exc
    message = str(exc.format_message())  # type: ignore[attr-defined]
    message = re.sub(r"^Invalid value for '(.+?)': ", r"invalid value for \1: ", message.replace("' / '", "/"))
    path = getattr(getattr(exc, "ctx", None) or ctx, "command_path", "newsreader") or "newsreader"
    return OneLineUsageError(message, path)


class HelpCommand(TyperCommand):
    """A command whose help names arguments and values, not types, and whose usage errors are one line."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return _usage_pieces(self, ctx)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        _format_params(self, ctx, formatter)

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except _USAGE_ERROR as exc:
            raise _one_line(exc, parent) from None


class HelpGroup(TyperGroup):
    """A group (the app, `feeds`, `config`) with the same help and error conventions as its commands."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [*_usage_pieces(self, ctx), self.subcommand_metavar]

    def format_options(self, ctx: Any, formatter: Any) -> None:
        _format_params(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except _USAGE_ERROR as exc:
            raise _one_line(exc, parent) from None

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except _USAGE_ERROR as exc:
            raise _one_line(exc, ctx) from None


class App(typer.Typer):
    """A Typer app whose commands and groups default to the help conventions above."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", HelpGroup)
        kwargs.setdefault("rich_markup_mode", None)
        super().__init__(**kwargs)

    def command(self, name: str | None = None, **kwargs: Any) -> Callable[[F], F]:
        kwargs.setdefault("cls", HelpCommand)
        return super().command(name, **kwargs)
