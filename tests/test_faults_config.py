"""A bad config file: unknown keys are warned about by name; bad values are refused with file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsreader.cli import app


def run(tmp_path: Path, config_text: str | bytes, *args: str) -> tuple[int, str, str, Path]:
    config = tmp_path / "config.toml"
    if isinstance(config_text, bytes):
        config.write_bytes(config_text)
    else:
        config.write_text(config_text, encoding="utf-8")
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "news.db"), "--config", str(config), *(args or ("show",))])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr, config


def test_unknown_keys_are_warned_about_by_name_and_line(tmp_path: Path) -> None:
    text = (
        'colour = "red"\n'
        "[settings]\n"
        "timeout = 5\n"
        "speed = 3\n"
        "\n"
        "[[feeds]]\n"
        'url = "https://example.com/rss"\n'
        'nmae = "Example"\n'
    )
    code, _, err, config = run(tmp_path, text)
    assert code == 0  # warnings only: the command still runs
    assert f"warning: {config}:1: key 'colour': unknown key 'colour' ignored" in err
    assert f"{config}:4: key 'speed': unknown setting 'speed' ignored" in err
    assert f"{config}:8: key 'nmae': unknown feed key 'nmae' ignored" in err


@pytest.mark.parametrize(
    ("text", "line", "key", "says"),
    [
        ('[settings]\ntimeout = "fast"\n', 2, "timeout", "must be a positive float"),
        ("[settings]\nconcurrency = true\n", 2, "concurrency", "must be a positive int"),
        ("[settings]\nper_host = -4\n", 2, "per_host", "must be a positive int"),
        ("[settings]\ntimeout = nan\n", 2, "timeout", "must be a positive float"),
        ("[settings]\ntimeout = inf\n", 2, "timeout", "must be a positive float"),
        ("settings = 5\n", 1, "settings", "must be a table"),
        ('[[feeds]]\nname = "A"\nurl = "ftp://example.com/rss"\n', 3, "url", "must be an http(s) URL"),
        ('[[feeds]]\nurl = "not a url"\n', 2, "url", "must be an http(s) URL"),
        ('[[feeds]]\nurl = "javascript:alert(1)"\n', 2, "url", "must be an http(s) URL"),
        ('[[feeds]]\nurl = "https://example.com/rss"\ncountry = 5\n', 3, "country", "two-letter ISO code"),
        ('[[feeds]]\nurl = "https://example.com/rss"\nregions = "Europe"\n', 3, "regions", "list of strings"),
        ('feeds = "https://example.com/rss"\n', 1, "feeds", "array of tables"),
        ('[regions]\nGulf = "IR"\n', 2, "Gulf", "list of two-letter country codes"),
    ],
)
def test_bad_values_are_refused_with_file_line_and_key(
    tmp_path: Path, text: str, line: int, key: str, says: str
) -> None:
    for command in (("show",), ("search", "Iran"), ("fetch", str(tmp_path / "nothing.txt"))):
        code, _, err, config = run(tmp_path, text, *command)
        assert code == 2, err
        assert err.count("\n") == 1
        assert err.startswith(f"newsreader: error: {config}:{line}: key '{key}': "), err
        assert says in err


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("feeds = [\n", "invalid TOML"),
        ("[settings\n", "invalid TOML"),
        (b"\xff\xfe[settings]\n", "not UTF-8"),
    ],
)
def test_unreadable_config_is_one_line_naming_the_file(tmp_path: Path, content: str | bytes, says: str) -> None:
    code, _, err, config = run(tmp_path, content)
    assert code == 2
    assert err.count("\n") == 1 and str(config) in err and says in err


def test_missing_or_folder_config_is_one_line(tmp_path: Path) -> None:
    for path, says in ((tmp_path / "absent.toml", "config file not found"), (tmp_path, "cannot read the config")):
        result = CliRunner().invoke(app, ["--db", str(tmp_path / "news.db"), "--config", str(path), "show"])
        assert result.exit_code == 2
        assert "Traceback" not in result.stderr
        assert result.stderr.count("\n") == 1 and str(path) in result.stderr and says in result.stderr
