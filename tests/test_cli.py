"""The command line end to end: fetch local articles, show, search, JSON, errors and exit codes."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from newsreader import __version__
from tests.conftest import SEED
from tests.helpers import run, write_article


@pytest.fixture
def seeded(db: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    result = run(db, "fetch", str(folder))
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def corpus(db: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    write_article(
        folder,
        "a.txt",
        title="Iran talks resume in Oman",
        body="Envoys met in Muscat.",
        source="Gulf Daily",
        date="2026-02-05 10:00 UTC",
        country="IR, OM",
        region="Middle East",
    )
    write_article(
        folder,
        "b.txt",
        title="Markets slide",
        body="Traders cited Iran tensions and oil.",
        source="Money Wire",
        date="2026-02-04 10:00 UTC",
        country="US",
    )
    write_article(
        folder,
        "sub/c.md",
        title="Japan election called",
        body="Tokyo votes in March.",
        source="NHK World",
        date="2026-01-20 10:00 UTC",
        country="JP",
    )
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    result = run(db, "fetch", str(folder))
    assert result.exit_code == 0, result.output
    return db


def test_fetch_then_show_lists_the_seed(seeded: Path) -> None:
    result = run(seeded, "show")  # CliRunner's stdout is not a terminal: plain tab-separated lines
    assert result.exit_code == 0
    [line] = result.stdout.splitlines()
    article_id, published, source, title, read = line.split("\t")
    assert len(article_id) == 16 and int(article_id, 16) >= 0
    assert (published, source, read) == ("2026-02-03T17:50:00Z", "Azernews", "unread")
    assert title.startswith("Israeli military sources")


def test_fetch_then_show_on_a_terminal_lists_the_seed_in_a_table(seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # what Rich and newsreader take for a terminal
    result = run(seeded, "show")
    assert result.exit_code == 0
    assert "Azernews" in result.stdout
    assert "Israeli military sources" in result.stdout
    assert "2026-02-03 23:20" in result.stdout  # 17:50 UTC, shown in the suite's zone (Asia/Kolkata, +05:30)
    assert result.stderr == "1 of 1 article\n"


def test_refetch_never_duplicates_and_reports_unchanged(seeded: Path, tmp_path: Path) -> None:
    result = run(seeded, "fetch", str(tmp_path / "seeds"))
    assert result.exit_code == 0
    assert len(json.loads(run(seeded, "show", "--json").stdout)) == 1
    assert "Unchanged" in result.stderr


def test_changed_file_updates_its_article(db: Path, tmp_path: Path) -> None:
    path = write_article(tmp_path, "x.txt", title="First title", body="Text.")
    run(db, "fetch", str(path))
    write_article(tmp_path, "x.txt", title="Second title", body="Text.")
    run(db, "fetch", str(path))
    items = json.loads(run(db, "show", "--json").stdout)
    assert [i["title"] for i in items] == ["Second title"]


def test_show_id_renders_the_article_in_full(seeded: Path) -> None:
    article_id = json.loads(run(seeded, "show", "--json").stdout)[0]["id"]
    result = run(seeded, "show", article_id[:6])
    assert result.exit_code == 0
    out = result.stdout
    assert "Akbar Novruz" in out
    assert "Azernews" in out
    assert "Supreme Leader has warned" in out
    assert article_id in out


def test_show_json_carries_the_documented_values(seeded: Path) -> None:
    [item] = json.loads(run(seeded, "show", "--json").stdout)
    for key in ("id", "title", "source", "author", "published", "url", "countries", "regions", "summary", "origin"):
        assert key in item
    assert item["published"] == "2026-02-03T17:50:00Z"
    assert item["author"] == "Akbar Novruz"
    assert item["source"] == "Azernews"
    assert item["url"] == ""
    assert item["origin"].endswith(SEED.name)
    assert "body" not in item
    full = json.loads(run(seeded, "show", item["id"], "--json").stdout)
    assert full["body"].startswith("Israeli military sources")


def test_search_finds_the_seed_and_highlights_the_term(seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    result = run(seeded, "search", "Iran")
    assert result.exit_code == 0
    assert "Azernews" in result.stdout
    assert "Iran" in result.stdout
    colour = run(seeded, "search", "Iran", "--json")
    assert json.loads(colour.stdout)[0]["source"] == "Azernews"


def test_search_highlight_is_styled_on_a_colour_terminal(seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    result = run(seeded, "search", "Iran")
    assert "\x1b[1;33mIran\x1b[0m" in result.stdout


def test_search_with_no_hits_says_so_and_exits_zero(seeded: Path) -> None:
    result = run(seeded, "search", "Zanzibar")
    assert result.exit_code == 0
    assert "No articles match 'Zanzibar'" in result.stderr


# query -> the exit code: 0 for a search (with or without hits), 2 when it has no words to search for
@pytest.mark.parametrize(("query", "code"), [("U.S.", 0), ("Iran's", 0), ('"', 2), ("-", 2), ("NOT", 0), ("Iran -", 0)])
def test_awkward_queries_search_or_say_there_are_no_words(seeded: Path, query: str, code: int) -> None:
    result = run(seeded, "search", query)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert ("has no words" in result.stderr) == (code == 2)


def test_raw_query_passes_fts_syntax_and_rejects_bad_syntax(seeded: Path) -> None:
    ok = run(seeded, "search", "--raw", '"nuclear negotiations" OR zanzibar', "--json")
    assert ok.exit_code == 0
    assert len(json.loads(ok.stdout)) == 1
    bad = run(seeded, "search", "--raw", '"nuclear')
    assert bad.exit_code == 2
    assert bad.stderr.count("\n") == 1
    assert "invalid search query" in bad.stderr


def test_filters_on_show_and_search(corpus: Path) -> None:
    def titles(*args: str) -> list[str]:
        result = run(corpus, *args, "--json")
        assert result.exit_code == 0, result.output
        return [i["title"] for i in json.loads(result.stdout)]

    assert titles("show") == ["Iran talks resume in Oman", "Markets slide", "Japan election called"]
    assert titles("show", "--source", "nhk world") == ["Japan election called"]
    assert titles("show", "--country", "jp", "--country", "us") == ["Markets slide", "Japan election called"]
    assert titles("show", "--since", "2026-02-01") == ["Iran talks resume in Oman", "Markets slide"]
    assert titles("show", "--until", "2026-02-04") == ["Markets slide", "Japan election called"]
    assert titles("show", "--limit", "1") == ["Iran talks resume in Oman"]
    assert titles("search", "Iran") == ["Iran talks resume in Oman", "Markets slide"]
    assert titles("search", "Iran", "--country", "US") == ["Markets slide"]
    assert titles("search", "Iran", "--source", "GULF DAILY") == ["Iran talks resume in Oman"]
    # "Markets slide" mentions Iran in its body, so the tagger puts it in the Middle East too
    assert titles("show", "--region", "middle east") == ["Iran talks resume in Oman", "Markets slide"]
    assert titles("show", "--region", "east asia") == ["Japan election called"]


def test_fetch_skips_other_files_with_a_note(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    write_article(folder, "a.txt", title="One", body="Text.")
    (folder / "image.png").write_bytes(b"\x89PNG")
    result = run(db, "fetch", str(folder))
    assert result.exit_code == 0
    assert "image.png: skipped" in result.stderr


def test_fetch_source_option_overrides_every_source(db: Path, tmp_path: Path) -> None:
    write_article(tmp_path / "f", "a.txt", title="One", body="Text.", source="Somebody")
    run(db, "fetch", "--source", "My Clippings", str(tmp_path / "f"))
    assert json.loads(run(db, "show", "--json").stdout)[0]["source"] == "My Clippings"


def test_file_without_a_date_uses_its_mtime_with_a_note(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_text("Protesters gathered in Nairobi on Tuesday.\n", encoding="utf-8")
    os.utime(path, (1767225600, 1767225600))  # 2026-01-01T00:00:00Z
    result = run(db, "fetch", str(path))
    assert result.exit_code == 0
    assert "no date found" in result.stderr
    assert json.loads(run(db, "show", "--json").stdout)[0]["published"] == "2026-01-01T00:00:00Z"


def test_fetch_of_a_missing_path_fails_with_one_line(db: Path, tmp_path: Path) -> None:
    result = run(db, "fetch", str(tmp_path / "nope"))
    assert result.exit_code == 1
    assert "no such file or folder" in result.stderr
    assert "Traceback" not in result.output


def test_fetch_with_one_good_and_one_missing_source_exits_3(db: Path, tmp_path: Path) -> None:
    good = write_article(tmp_path, "a.txt", title="One", body="Text.")
    result = run(db, "fetch", str(good), str(tmp_path / "missing.txt"))
    assert result.exit_code == 3
    assert len(json.loads(run(db, "show", "--json").stdout)) == 1


def test_empty_store_says_how_to_fetch(db: Path) -> None:
    result = run(db, "show")
    assert result.exit_code == 0
    assert "newsreader fetch" in result.stderr
    assert json.loads(run(db, "show", "--json").stdout) == []


def test_unknown_id_exits_1_with_one_line(seeded: Path) -> None:
    result = run(seeded, "show", "ffffffff")
    assert result.exit_code == 1
    assert result.stderr == "newsreader: error: no article with id 'ffffffff'\n"


def test_bad_date_is_a_usage_error(seeded: Path) -> None:
    result = run(seeded, "show", "--since", "last tuesday")
    assert result.exit_code == 2
    assert "cannot read the date 'last tuesday'" in result.stderr


def test_version_and_paths(db: Path) -> None:
    result = run(db, "--version")
    assert result.stdout.strip() == f"newsreader {__version__}"
    paths = run(db, "paths")
    assert f"database: {db}" in paths.stdout
    assert "config:" in paths.stdout


def test_db_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from newsreader.cli import app

    target = tmp_path / "env.db"
    monkeypatch.setenv("NEWSREADER_DB", str(target))
    CliRunner().invoke(app, ["fetch", str(SEED)])
    assert target.exists()
    assert f"database: {target}" in CliRunner().invoke(app, ["paths"]).stdout


def test_custom_region_from_config_filters_show_and_search(corpus: Path, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[regions]\n"Arabian Sea" = ["OM", "PK", "IN"]\n', encoding="utf-8")
    shown = run(corpus, "--config", str(config), "show", "--region", "arabian sea", "--json")
    assert [i["title"] for i in json.loads(shown.stdout)] == ["Iran talks resume in Oman"]
    found = run(corpus, "--config", str(config), "search", "Iran", "--region", "Arabian Sea", "--json")
    assert [i["title"] for i in json.loads(found.stdout)] == ["Iran talks resume in Oman"]


def test_country_filter_takes_names_and_demonyms(corpus: Path) -> None:
    for spelling in ("IR", "iran", "Iranian"):
        result = run(corpus, "show", "--country", spelling, "--json")
        assert "Iran talks resume in Oman" in [i["title"] for i in json.loads(result.stdout)]


def test_unknown_region_and_country_exit_2_with_suggestions(corpus: Path) -> None:
    region = run(corpus, "show", "--region", "Midle East")
    assert region.exit_code == 2
    assert region.stderr.count("\n") == 1 and "did you mean" in region.stderr and "Middle East" in region.stderr
    country = run(corpus, "search", "talks", "--country", "Irann")
    assert country.exit_code == 2
    assert "unknown country 'Irann'" in country.stderr and "Iran" in country.stderr


def _run_on_a_terminal(db: Path, tmp_path: Path, *args: str) -> tuple[int, str]:
    """Run the CLI with stdout on a pseudo-terminal and a pager that copies what it gets to a file."""
    import pty
    import subprocess
    import sys

    from tests.conftest import REPO

    paged = tmp_path / "paged.txt"
    main, child = pty.openpty()
    env = {**os.environ, "PAGER": f"cat > '{paged}'", "TERM": "xterm", "LINES": "10"}
    env.pop("LESS", None)
    done = subprocess.run(
        [sys.executable, "-m", "newsreader", "--db", str(db), *args],
        stdin=child,
        stdout=child,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=env,
        timeout=60,
        check=False,
    )
    os.close(child)
    os.close(main)
    return done.returncode, paged.read_text(encoding="utf-8") if paged.exists() else ""


def test_show_id_uses_a_pager_only_on_a_terminal(seeded: Path, tmp_path: Path) -> None:
    article_id = json.loads(run(seeded, "show", "--json").stdout)[0]["id"]
    code, paged = _run_on_a_terminal(seeded, tmp_path, "show", article_id)
    assert code == 0
    assert "Supreme Leader has warned" in paged
    code, paged = _run_on_a_terminal(seeded, tmp_path / "no", "show", article_id, "--no-pager")
    assert code == 0 and paged == ""
    assert "Supreme Leader has warned" in run(seeded, "show", article_id).stdout  # a pipe: no pager
