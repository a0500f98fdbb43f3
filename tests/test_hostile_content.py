"""Hostile text in articles never reaches the terminal as escape sequences, controls, bidi or Rich markup."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.helpers import invoke as cli
from tests.test_properties import forbidden

ESC = "\x1b"
# One hostile string per attack; each also carries a plain marker word so we can find what is left of it.
ATTACKS = {
    "colour": f"{ESC}[31;1mRedAlert{ESC}[0m",
    "cursor": f"{ESC}[2A{ESC}[10;10HCursorMove{ESC}[K",
    "clear": f"{ESC}[2J{ESC}[3J{ESC}cScreenClear",
    "osc8": f"{ESC}]8;;https://evil.example/{ESC}\\HyperLink{ESC}]8;;{ESC}\\",
    "osc52": f"{ESC}]52;c;cm0gLXJmIH4K\x07ClipWrite",
    "title_osc": f"{ESC}]0;pwned window title\x07WinTitle",
    "c1_csi": "\u009b31mEightBitCsi\u009b0m",
    "c1_osc": "\u009d52;c;cm0=\u009cEightBitOsc",
    "c0": "Back\x08\x08space\x01Soh\x1fUs\x07Bell\x0bVtab\x0cFeed\x7fDel\x85NextLine\u2028LineSep",
    "bidi": "Bidi\u202eevil\u202c\u2066iso\u2069\u200fmark\u061cArabic",
    "markup": "[bold red]MarkupText[/] [link=file:///etc/passwd]FileLink[/link]",
}
# The only escape sequences Rich itself may write when colour is forced: SGR colours and OSC 8 for http links.
RICH_OWN = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x07\x1b]*(?:\x1b\\|\x07)")


@pytest.fixture(autouse=True)
def _wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # no wrapping: markers stay whole on one line


def hostile_file(folder: Path, name: str, attack: str) -> Path:
    """A text article whose header fields and body all carry the attack."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(
        f"Title: Hostile {name} {attack} zebra\n"
        f"Source: Outlet {attack}\n"
        f"Author: Writer {attack}\n"
        "Date: 2026-02-03 10:00 UTC\n"
        f"Tags: tag {attack}\n"
        f"Summary: Summary {attack} zebra\n"
        "\n"
        f"The body says zebra {attack} and more zebra.\n\nA second {attack} paragraph.\n",
        encoding="utf-8",
    )
    return path


def assert_inert(output: str, *, coloured: bool = False) -> None:
    """No escape sequence, control or bidi character, except (with colour forced) Rich's own styling."""
    if coloured:
        output = RICH_OWN.sub("", output)
    assert ESC not in output, repr(output)
    bad = [ch for ch in output if forbidden(ch)]  # from Unicode categories and bidi classes, not sanitize.py
    assert not bad, f"{bad!r} in {output!r}"


@pytest.fixture()
def loaded(tmp_path: Path) -> Path:
    db = tmp_path / "news.db"
    folder = tmp_path / "hostile"
    for name, attack in ATTACKS.items():
        hostile_file(folder, name, attack)
    code, out, err = cli(db, "fetch", str(folder))
    assert code == 0, err
    assert_inert(out + err)
    return db


def test_show_table_neutralises_every_attack(loaded: Path) -> None:
    code, out, err = cli(loaded, "show", "-n", "50")
    assert code == 0, err
    assert_inert(out)
    for word in ("RedAlert", "CursorMove", "HyperLink", "ClipWrite", "EightBitCsi", "Bell"):
        assert word in out
    assert "pwned window title" not in out  # the OSC payload goes with its sequence


def test_markup_in_titles_shows_literally(loaded: Path) -> None:
    code, out, _ = cli(loaded, "show", "-n", "50")
    assert code == 0
    assert "[bold red]MarkupText[/]" in out
    assert "[link=file:///etc/passwd]FileLink[/link]" in out


def test_show_id_neutralises_title_author_source_tags_and_body(loaded: Path) -> None:
    listing = json.loads(cli(loaded, "show", "-n", "50", "--json")[1])
    assert len(listing) == len(ATTACKS)
    for item in listing:
        code, out, err = cli(loaded, "show", item["id"])
        assert code == 0, err
        assert_inert(out)
        assert "Hostile" in out and "Writer" in out and "Outlet" in out and "second" in out


def test_show_id_markup_is_literal(loaded: Path) -> None:
    listing = json.loads(cli(loaded, "show", "-n", "50", "--json")[1])
    markup = next(i for i in listing if "MarkupText" in i["title"])
    out = cli(loaded, "show", markup["id"])[1]
    assert "[bold red]MarkupText[/]" in out
    assert out.count("[link=file:///etc/passwd]FileLink[/link]") >= 3  # title, author, body


def test_search_hits_neutralise_attacks_and_keep_spaces_around_hits(loaded: Path) -> None:
    code, out, err = cli(loaded, "search", "zebra", "-n", "50", env={"TTY_COMPATIBLE": "1"})  # the terminal view
    assert code == 0, err
    assert_inert(out, coloured=True)  # a terminal gets Rich's bold, and nothing else
    out = re.sub("\x1b\\[[0-9;]*m", "", out)
    assert out.count("Hostile") == len(ATTACKS)
    assert "The body says zebra " in out and " and more zebra." in out  # spaces around hits survive
    code, piped, err = cli(loaded, "search", "zebra", "-n", "50", "--fields", "id,title,snippet")
    assert code == 0, err
    assert_inert(piped)
    assert len(piped.splitlines()) == len(ATTACKS)
    assert "The body says zebra " in piped and " and more zebra." in piped


def test_forced_colour_output_has_only_richs_own_sequences(loaded: Path) -> None:
    env = {"FORCE_COLOR": "1", "TERM": "xterm-256color"}
    listing = json.loads(cli(loaded, "show", "-n", "50", "--json")[1])
    outputs = [cli(loaded, "show", "-n", "50", env=env)[1], cli(loaded, "search", "zebra", env=env)[1]]
    outputs += [cli(loaded, "show", item["id"], env=env)[1] for item in listing]
    assert any(ESC in o for o in outputs), "colour was not forced; this test would prove nothing"
    for output in outputs:
        assert_inert(output, coloured=True)
        # Rich's own links point only where we allow (http/https article links; these articles have none).
        assert "evil.example" not in output and "file:///etc/passwd\x1b" not in output


def test_json_keeps_raw_text_escaped(loaded: Path) -> None:
    for args in (("show", "-n", "50", "--json"), ("search", "zebra", "-n", "50", "--json")):
        code, out, _ = cli(loaded, *args)
        assert code == 0
        assert_inert(out)  # JSON escapes every control and bidi character
        titles = {item["title"] for item in json.loads(out)}
        for name, attack in ATTACKS.items():
            assert f"Hostile {name} {attack} zebra" in titles  # byte for byte what the file said
    listing = json.loads(cli(loaded, "show", "-n", "50", "--json")[1])
    for item in listing:
        full = json.loads(cli(loaded, "show", item["id"], "--json")[1])
        assert full["author"].startswith("Writer ")
        assert any(attack in full["body"] for attack in ATTACKS.values() if "\r" not in attack)


def test_raw_text_is_stored_intact(loaded: Path) -> None:
    import sqlite3

    with sqlite3.connect(loaded) as conn:
        titles = {row[0] for row in conn.execute("SELECT title FROM articles")}
    assert f"Hostile osc52 {ATTACKS['osc52']} zebra" in titles
    assert f"Hostile bidi {ATTACKS['bidi']} zebra" in titles


def test_fetch_summary_and_error_lines_are_inert(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    attack = ATTACKS["osc52"] + ATTACKS["bidi"] + ATTACKS["colour"]
    folder = tmp_path / f"dir{attack}"
    hostile_file(folder, "ok", "fine")
    (folder / f"empty{attack}.txt").write_text("\n\n", encoding="utf-8")  # an error naming a hostile path
    (folder / f"binary{attack}.txt").write_bytes(b"\x00\x01\x02" * 10)
    missing = str(tmp_path / f"missing{attack}.txt")
    code, out, err = cli(db, "fetch", str(folder), missing)
    assert code == 3  # the folder loaded, the missing file failed
    assert_inert(out + err)
    assert "ClipWrite" in err and "RedAlert" in err
    assert "no such file or folder" in err


def test_error_line_for_unknown_id_is_inert(loaded: Path) -> None:
    code, out, err = cli(loaded, "show", f"{ESC}]52;c;eA==\x07abc")
    assert code != 0
    assert_inert(out + err)
    assert err.count("\n") == 1 and err.startswith("newsreader: error:")


def test_search_query_echo_is_inert(loaded: Path) -> None:
    code, _, err = cli(loaded, "search", f"nothingmatches{ESC}[2J\u202e", "-n", "5")
    assert code == 0
    assert_inert(err)
    assert "No articles match" in err


@pytest.mark.parametrize("label", ["feeds[/]", "[link=file:///etc/passwd]x[/link]", f"a{ESC}]52;c;eA==\x07b[bold]c"])
def test_progress_bar_shows_hostile_labels_literally(monkeypatch: pytest.MonkeyPatch, label: str) -> None:
    import io

    from rich.console import Console

    from newsreader import render

    stream = io.StringIO()
    console = Console(file=stream, force_terminal=True, width=200, color_system=None)
    monkeypatch.setattr(render, "stderr_console", lambda: console)
    with render.FetchProgress(total=2) as bar:
        bar.fetching(label)  # "feeds[/]" as markup would raise MarkupError; [link=...] would become a hyperlink
        bar(label)
        bar._progress.refresh()
    written = stream.getvalue()
    assert "52;c" not in written and "\x07" not in written
    assert "]8;" not in written  # no OSC 8 hyperlink
    assert label.split(ESC)[0] in written


def test_unterminated_escape_string_does_not_swallow_the_article(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    path = tmp_path / "stray.txt"
    path.write_text(
        f"Title: Stray escape\nDate: 2026-02-03\n\nIntro {ESC}]8;;https://evil.example/ never closed\n\n"
        "The second paragraph survives.\n",
        encoding="utf-8",
    )
    assert cli(db, "fetch", str(path))[0] == 0
    item = json.loads(cli(db, "show", "--json")[1])[0]
    code, out, _ = cli(db, "show", item["id"])
    assert code == 0
    assert_inert(out)
    assert "Intro" in out and "The second paragraph survives." in out
    assert "evil.example" not in out
