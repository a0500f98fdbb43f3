"""User errors never print a traceback: one line on stderr and a usage or error exit code."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsreader.cli import app


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    article = tmp_path / "a.txt"
    article.write_text("Title: Talks in Geneva\nDate: 2026-02-03\n\nIran and the US met in Geneva.\n", encoding="utf-8")
    path = tmp_path / "news.db"
    assert CliRunner().invoke(app, ["--db", str(path), "fetch", str(article)]).exit_code == 0
    return path


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["show", "--since", "yesterday"], 2, "cannot read the date"),
        (["show", "--since", "99999999999d"], 2, "out of range"),
        (["show", "--until", "0001-01-01"], 2, "out of range"),
        (["show", "--since", "9999-12-31T23:59:59-12:00"], 2, "out of range"),
        (["show", "--since", "2026-02-01", "--until", "2026-01-01"], 2, "is after"),
        (["show", "--limit", "-1"], 2, "0 for all"),
        (["show", "--offset", "-1"], 2, "--offset must be 0 or more"),
        (["show", "--limit", "abc"], 2, "invalid value for --limit/-n: 'abc' is not a whole number"),
        (["show", "--since", "yesterdayish"], 2, "--since: cannot read the date 'yesterdayish'; use e.g."),
        (["show", "--json", "--jsonl"], 2, "cannot be used together"),
        (["show", "--fields", "id,colour"], 2, "--fields: unknown field 'colour'; use any of: id, published"),
        (["show", "--country", "Narnia"], 2, "unknown country"),
        (["show", "not-hex"], 1, "no article with id"),
        (["show", "ffffffffffff"], 1, "no article with id"),
        (["search", "--raw", "NEAR("], 2, "invalid search query"),
        (["search", "--raw", '"'], 2, "invalid search query"),
        (["search", "--raw", "a:b"], 2, "invalid search query"),
        (["search", "--", "---!!!"], 2, "has no words"),
    ],
)
def test_user_errors_are_one_line_without_traceback(db: Path, args: list[str], code: int, says: str) -> None:
    result = CliRunner().invoke(app, ["--db", str(db), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    assert result.exit_code == code, result.stderr
    assert result.stderr.count("\n") == 1 and says in result.stderr


@pytest.mark.parametrize(
    "args", [["show", "-n", "99999999999999999999"], ["search", "Iran", "-n", "99999999999999999999"]]
)
def test_a_huge_limit_means_everything(db: Path, args: list[str]) -> None:
    result = CliRunner().invoke(app, ["--db", str(db), *args])
    assert result.exit_code == 0, result.stderr
    assert "Geneva" in result.stdout
