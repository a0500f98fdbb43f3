"""The CLI builds only the command a run names: the same parsing, without every other command's cost."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer.main
from typer.testing import CliRunner

from newsreader.cli import _app_for, app

ALL_COMMANDS = len(app.registered_commands)
ALL_GROUPS = len(app.registered_groups)


def names(typer_app: object) -> list[str]:
    commands = [info.name or info.callback.__name__ for info in typer_app.registered_commands]  # type: ignore[attr-defined]
    return commands + [info.name for info in typer_app.registered_groups]  # type: ignore[attr-defined]


def test_a_named_command_gets_an_app_holding_only_it() -> None:
    assert names(_app_for(["show", "--limit", "5"])) == ["show"]
    assert names(_app_for(["--db", "x.db", "--config", "c.toml", "search", "Iran"])) == ["search"]
    assert names(_app_for(["--db=x.db", "stories"])) == ["stories"]


def test_a_named_group_gets_an_app_holding_only_that_group() -> None:
    assert names(_app_for(["watch", "add", "Iran", "Iran"])) == ["watch"]
    assert names(_app_for(["--config", "c.toml", "feeds", "add", "http://x"])) == ["feeds"]


def test_options_first_or_an_unknown_word_get_the_whole_app() -> None:
    for args in (["--db", "x.db"], ["bogus"], ["--db", "show"], ["--limit", "5"]):
        assert _app_for(args) is app, args


@pytest.mark.parametrize(
    "args", [["--help"], ["-h"], [], ["--version"], ["--db", "x.db", "--help"], ["--config=c.toml", "--version"]]
)
def test_help_and_version_print_what_the_whole_app_prints_from_a_listing_of_every_command(args: list[str]) -> None:
    listing = _app_for(args)
    assert listing is not app
    assert sorted(names(listing)) == sorted(
        [typer.main.get_command_name(i.callback.__name__) if not i.name else i.name for i in app.registered_commands]  # type: ignore[union-attr]
        + [i.name for i in app.registered_groups]  # type: ignore[misc]
    )
    runner = CliRunner()
    whole, listed = runner.invoke(app, args), runner.invoke(listing, args)
    assert (listed.exit_code, listed.output) == (whole.exit_code, whole.output)
    assert listed.output.strip()


def test_the_shared_app_keeps_every_command() -> None:
    _app_for(["show"])
    _app_for(["watch"])
    assert len(app.registered_commands) == ALL_COMMANDS and ALL_COMMANDS > 10
    assert len(app.registered_groups) == ALL_GROUPS and ALL_GROUPS >= 3


def test_top_level_help_still_lists_every_command_and_a_typo_is_refused(tmp_path: object) -> None:
    run = [sys.executable, "-m", "newsreader"]
    help_text = subprocess.run([*run, "--help"], capture_output=True, text=True, check=True).stdout
    for command in ("fetch", "show", "search", "stories", "trends", "watch", "feeds", "browse"):
        assert f" {command} " in help_text or f" {command}\n" in help_text, command
    typo = subprocess.run([*run, "shwo"], capture_output=True, text=True)
    assert typo.returncode == 2
    assert "shwo" in typo.stderr
