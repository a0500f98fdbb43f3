"""Help is written for people: usage lines without type names, and every help ends with examples."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from newsreader.cli import app

# Typer's machine forms: `<list[str]>`, `<int>`, `{query}`, `[[ID]]`, `<path>`.
MACHINE_FORMS = re.compile(r"<[a-z][a-z_\[\], |]*>|\{[a-z_]+\}|\[\[[A-Za-z_]+\]\]")


def _command_paths() -> Iterator[list[str]]:
    """Every command and subcommand of the real app, walked from its click group."""

    def walk(command: object, path: list[str]) -> Iterator[list[str]]:
        yield path
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            if not getattr(sub, "hidden", False):
                yield from walk(sub, [*path, name])

    yield from walk(get_command(app), [])


PATHS = list(_command_paths())


def test_the_walk_finds_the_commands() -> None:
    names = {" ".join(p) for p in PATHS}
    assert {"", "show", "search", "fetch", "feeds", "feeds import", "config init", "sources"} <= names


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "newsreader")
def test_help_has_no_type_names_and_ends_with_two_or_three_examples(path: list[str]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert not MACHINE_FORMS.findall(text), MACHINE_FORMS.findall(text)
    tail = text.rstrip().rsplit("Examples:", 1)
    assert len(tail) == 2, f"no examples at the end of `{' '.join(path)} --help`"
    lines = [line.strip() for line in tail[1].strip().splitlines()]
    assert 2 <= len(lines) <= 3 and all(line.startswith("newsreader ") for line in lines), lines
    assert all(" ".join(["newsreader", *path]) in line or not path for line in lines[:1]), lines


@pytest.mark.parametrize(
    ("path", "usage"),
    [
        (["show"], "Usage: newsreader show [OPTIONS] [ID]\n"),
        (["fetch"], "Usage: newsreader fetch [OPTIONS] [TARGET]...\n"),
        (["feeds", "import"], "Usage: newsreader feeds import [OPTIONS] FILE\n"),
    ],
)
def test_usage_lines_name_arguments_as_people_write_them(path: list[str], usage: str) -> None:
    assert CliRunner().invoke(app, [*path, "--help"]).stdout.startswith(usage)


def test_a_mistyped_option_or_command_is_one_line(tmp_path: object) -> None:
    for args, says in ((["show", "--colour"], "No such option: --colour"), (["shwo"], "No such command 'shwo'")):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1 and says in result.stderr and "--help" in result.stderr
