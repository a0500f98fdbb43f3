"""Start-up stays light: heavy modules load only in the commands that use them (checked in fresh processes)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = (
    "feedparser",
    "httpx",
    "ahocorasick",
    "rich",
    "pydantic",
    "sqlite3",
    "inscriptis",
    "charset_normalizer",
    "textual",
)


def loaded_after(code: str, tmp_path: Path) -> list[str]:
    """Run `code` in a fresh interpreter; return which of HEAVY it left in sys.modules."""
    probe = f"import sys, json\n{code}\nprint(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    env = {"PYTHONPATH": str(ROOT), "NEWSREADER_CONFIG": str(tmp_path / "none.toml"), "PATH": ""}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


def run_cli(args: list[str]) -> str:
    return (
        "from newsreader.cli import app\n"
        "try:\n"
        f"    app({args!r}, standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
    )


def test_importing_the_cli_loads_no_heavy_module(tmp_path: Path) -> None:
    assert loaded_after("import newsreader.cli", tmp_path) == []


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_load_no_feed_network_or_gazetteer_module(flag: str, tmp_path: Path) -> None:
    loaded = loaded_after(run_cli([flag]), tmp_path)
    assert not {"feedparser", "httpx", "ahocorasick", "sqlite3"} & set(loaded), loaded


def test_core_never_imports_typer_or_rich(tmp_path: Path) -> None:
    loaded = loaded_after("import newsreader.core\nimport newsreader.store", tmp_path)
    assert "rich" not in loaded
    probe = "import sys\nimport newsreader.core\nprint(sorted({'typer', 'rich'} & set(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env={"PYTHONPATH": str(ROOT)}, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_show_and_search_do_not_load_feed_or_network_modules(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    for args in (["--db", str(db), "show"], ["--db", str(db), "search", "Iran"]):
        loaded = loaded_after(run_cli(args), tmp_path)
        assert not {"feedparser", "httpx", "textual"} & set(loaded), (args, loaded)


def test_only_browse_imports_textual(tmp_path: Path) -> None:
    """Textual costs ~0.3 s to import: every command but `browse` (and its help) must do without it."""
    db = tmp_path / "news.db"
    (tmp_path / "seed.txt").write_text("Title: Talks\nDate: 2026-02-01\n\nIran talks.\n", encoding="utf-8")
    commands = (
        ["fetch", str(tmp_path / "seed.txt")],
        ["show"],
        ["search", "Iran"],
        ["regions"],
        ["retag"],
        ["paths"],
        ["feeds"],
        ["browse", "--help"],
    )
    for args in commands:
        loaded = loaded_after(run_cli(["--db", str(db), *args]), tmp_path)
        assert "textual" not in loaded, (args, loaded)


def test_plain_parameter_conversion_keeps_typer_errors_and_values(tmp_path: Path) -> None:
    """The pydantic-free conversion of simple options still rejects bad values the way typer does."""
    from typer.testing import CliRunner

    from newsreader.cli import app

    db = str(tmp_path / "news.db")
    bad = CliRunner().invoke(app, ["--db", db, "show", "--limit", "abc"])
    assert bad.exit_code == 2
    assert bad.stderr == (
        "newsreader: error: invalid value for --limit/-n: 'abc' is not a whole number (e.g. 20) "
        "(see `newsreader show --help`)\n"
    )
    good = CliRunner().invoke(app, ["--db", db, "show", "-n", "3", "--source", "A", "--source", "B", "--json"])
    assert good.exit_code == 0, good.output
    assert good.output.strip() == "[]"


def test_unfiltered_show_and_search_load_only_what_they_use(tmp_path: Path) -> None:
    """No gazetteer, config parser, date parser or local-file loader unless a filter or file needs it; no
    language detector (only storing needs it) and, for `show`, no stemmer (only a query's words need it)."""
    from newsreader.models import Article
    from newsreader.store import Store

    db = tmp_path / "news.db"
    when = datetime(2026, 2, 1, tzinfo=UTC)
    with Store.open(db) as store:
        store.save([Article("0123456789abcdef", "Iran talks resume", "Wire", when, when, "test", body="Iran.")])
    (tmp_path / "empty.toml").write_text("", encoding="utf-8")
    code = "import os\nos.environ['NEWSREADER_CONFIG'] = 'empty.toml'\n"
    unused = ["newsreader.geo", "ahocorasick", "tomllib", "newsreader.dates", "newsreader.local", "pycld2"]
    for args, also_unused in ((["show"], ["Stemmer"]), (["search", "Iran"], ["rich.table"])):
        probe = code + run_cli(["--db", str(db), *args]) + "import sys\nprint([m for m in %r if m in sys.modules])\n"
        done = subprocess.run(
            [sys.executable, "-c", probe % (unused + also_unused)],
            capture_output=True,
            text=True,
            env={"PYTHONPATH": str(ROOT), "PATH": ""},
            cwd=tmp_path,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        assert "Iran talks resume" in done.stdout, done.stdout  # the command did run
        assert done.stdout.strip().splitlines()[-1] == "[]", (args, done.stdout)


def test_piped_and_json_output_never_import_rich(tmp_path: Path) -> None:
    """Plain lines, JSON and JSON Lines are written by formats.py; Rich is only for a terminal."""
    from newsreader.models import Article
    from newsreader.store import Store

    db = tmp_path / "news.db"
    when = datetime(2026, 2, 1, tzinfo=UTC)
    with Store.open(db) as store:
        store.save([Article("0123456789abcdef", "Iran talks resume", "Wire", when, when, "test", body="Iran.")])
    (tmp_path / "empty.toml").write_text("", encoding="utf-8")
    runs = (
        ["show"],
        ["show", "--json"],
        ["show", "--jsonl"],
        ["show", "--wide"],
        ["show", "0123"],
        ["show", "0123", "--json"],
        ["search", "Iran"],
        ["search", "Iran", "--jsonl"],
    )
    for args in runs:
        probe = (
            run_cli(["--db", str(db), *args]) + "import sys\nprint([m for m in sys.modules if m.startswith('rich')])\n"
        )
        env = {"PYTHONPATH": str(ROOT), "NEWSREADER_CONFIG": str(tmp_path / "empty.toml"), "PATH": ""}
        done = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60
        )
        assert done.returncode == 0, done.stderr
        assert "Iran talks resume" in done.stdout, (args, done.stdout, done.stderr)  # the command did run
        assert done.stdout.strip().splitlines()[-1] == "[]", (args, done.stdout)


def test_country_and_region_filters_and_the_article_view_never_load_the_gazetteer(tmp_path: Path) -> None:
    """Names resolve from the generated tables (newsreader/name_tables.py): no geo package, no automaton."""
    from newsreader.models import Article, CountryTag
    from newsreader.store import Store

    db = tmp_path / "news.db"
    when = datetime(2026, 2, 1, tzinfo=UTC)
    iran = (CountryTag("IR", primary=True),)
    with Store.open(db) as store:
        store.save([Article("0123456789abcdef", "Iran talks resume", "Wire", when, when, "test", countries=iran)])
    (tmp_path / "empty.toml").write_text("", encoding="utf-8")
    runs = (
        ["show", "--country", "Iranian"],
        ["show", "--region", "Middle East", "--json"],
        ["search", "Iran", "--region", "the middle east", "--source-country", "IR"],
        ["show", "0123"],
    )
    for args in runs:
        probe = (
            run_cli(["--db", str(db), *args])
            + "import sys\nprint([m for m in sys.modules if m.startswith(('newsreader.geo', 'ahocorasick'))])\n"
        )
        env = {"PYTHONPATH": str(ROOT), "NEWSREADER_CONFIG": str(tmp_path / "empty.toml"), "PATH": ""}
        done = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60
        )
        assert done.returncode == 0, done.stderr
        assert "Iran talks resume" in done.stdout or args[1] == "Iran", (args, done.stdout, done.stderr)
        assert done.stdout.strip().splitlines()[-1] == "[]", (args, done.stdout)
    assert "Countries: Iran (IR)*" in done.stdout  # the article view still names its countries
