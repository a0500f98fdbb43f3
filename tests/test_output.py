"""What show and search print: plain whole lines into pipes, JSON Lines, tables fitted to 40-200 columns,
the article view's whole link and readable body, regions shown once, paging and the count footer."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.helpers import run

NEWS = REPO.parent / "shared" / "news" / "news"
LONG_URL = "https://www.example.org/world/middle-east/2026/02/05/" + "very-long-slug-" * 8 + "end.html"
BODY = "Envoys met in Muscat about Iran. " * 60
LONG_TITLE = "Envoys from nine countries meet in Muscat as talks on the nuclear file resume after a long pause"


def _article(folder: Path, name: str, header: dict[str, str], body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = "".join(f"{k}: {v}\n" for k, v in header.items()) + "\n" + body + "\n"
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def store(db: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    _article(
        folder,
        "a.txt",
        {
            "Title": LONG_TITLE,
            "Source": "Gulf Daily International Edition",
            "Date": "2026-02-05 10:00 UTC",
            "Country": "IR, OM",
            "URL": LONG_URL,
        },
        BODY,
    )
    _article(
        folder,
        "b.txt",
        {"Title": "Markets slide", "Source": "Money Wire", "Date": "2026-02-04 10:00 UTC", "Country": "US"},
        "Traders cited Iran tensions and oil.",
    )
    _article(
        folder,
        "c.txt",
        {"Title": "日本の選挙　東京で投票", "Source": "NHK World", "Date": "2026-01-20 10:00 UTC", "Country": "JP"},
        "Tokyo votes in March.",
    )
    # A feed item with a link and no text at all, and a tab in its title.
    (folder / "wire.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item>'
        "<title>Sahel&#9;junta&#9;announces vote</title><link>https://example.net/sahel</link>"
        "<guid>sahel-1</guid><pubDate>Sat, 10 Jan 2026 10:00:00 GMT</pubDate></item></channel></rss>",
        encoding="utf-8",
    )
    result = run(db, "fetch", str(folder))
    assert result.exit_code == 0, result.output
    return db


def _json(db: Path, *args: str) -> list[dict[str, object]]:
    result = run(db, *args, "--json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    return items if isinstance(items, list) else [items]


def _on_a_terminal(db: Path, columns: int, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run newsreader with stdout and stderr on a pseudo-terminal of `columns` columns; returns (code, output)."""
    main, child = pty.openpty()
    full_env = {**os.environ, "COLUMNS": str(columns), "LINES": "200", "TERM": "xterm", **(env or {})}
    full_env.pop("TTY_COMPATIBLE", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "newsreader", "--db", str(db), *args],
        stdin=child,
        stdout=child,
        stderr=child,
        cwd=REPO,
        env=full_env,
    )
    os.close(child)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(main)
    return process.wait(timeout=60), b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


# -- piped output ------------------------------------------------------------------------------------


def test_piped_show_writes_one_whole_tab_separated_line_per_article(store: Path) -> None:
    items = _json(store, "show")
    result = run(store, "show")
    lines = result.stdout.splitlines()
    assert len(lines) == len(items) == 4
    for line, item in zip(lines, items, strict=True):
        fields = line.split("\t")
        # The title's own tabs became spaces: still exactly five fields, the values whole.
        title = " ".join(str(item["title"]).split())
        assert fields == [item["id"], item["published"], item["source"], title, "unread"]
    assert LONG_TITLE in result.stdout and "Gulf Daily International Edition" in result.stdout
    assert "…" not in result.stdout and not any(line.endswith(" ") for line in lines)


def test_wide_and_fields_choose_the_columns_of_plain_lines(store: Path) -> None:
    [first] = _json(store, "show", "-n", "1")
    wide = run(store, "show", "-n", "1", "--wide").stdout.rstrip("\n").split("\t")
    assert wide[:4] == [first["id"], first["published"], first["source"], first["title"]]
    assert wide[4].split(",")[0] == "Middle East" and wide[5] == LONG_URL
    chosen = run(store, "show", "-n", "1", "--fields", "url,id,countries,regions_m49").stdout
    url, article_id, countries, regions_m49 = chosen.rstrip("\n").split("\t")
    assert (url, article_id) == (LONG_URL, first["id"])
    assert sorted(countries.split(",")) == ["IR", "OM"]
    assert sorted(regions_m49.split(",")) == ["Southern Asia", "Western Asia"]


def test_jsonl_streams_one_object_per_line_with_the_json_keys(store: Path) -> None:
    items = _json(store, "show")
    lines = run(store, "show", "--jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == items
    [hit] = [json.loads(line) for line in run(store, "search", "Muscat", "--jsonl").stdout.splitlines()]
    assert hit["title"] == LONG_TITLE


def test_piped_search_writes_the_same_lines_as_show(store: Path) -> None:
    shown = run(store, "show", "--source", "Money Wire").stdout
    found = run(store, "search", "Traders").stdout
    assert found == shown and found.count("\n") == 1


@pytest.mark.skipif(not NEWS.is_dir(), reason="../shared/news is not here")
def test_grep_on_piped_show_finds_every_stored_title_whole(db: Path) -> None:
    files = sorted(NEWS.iterdir())[:12]
    assert run(db, "fetch", *map(str, files)).exit_code == 0  # every shared file is a readable feed
    titles = [" ".join(str(i["title"]).split()) for i in _json(db, "show", "-n", "0")]
    assert len(titles) > 200
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    piped = subprocess.run(
        [sys.executable, "-m", "newsreader", "--db", str(db), "show", "-n", "0"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    lines = piped.splitlines()
    assert len(lines) == len(titles)
    stored = {line.split("\t")[3] for line in lines}
    assert not [t for t in titles if t not in stored]  # every title whole, on its article's line


# -- the terminal table ----------------------------------------------------------------------------------


@pytest.mark.parametrize("columns", [40, 60, 80, 120, 200])
def test_the_table_fits_any_width_keeping_ids_whole_and_titles_cut_with_an_ellipsis(
    store: Path, columns: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", str(columns))
    items = _json(store, "show")
    result = run(store, "show")
    assert result.exit_code == 0
    lines = _strip_escapes(result.stdout).splitlines()
    header, rows = lines[0], lines[1:]
    assert len(rows) == len(items)
    ascii_rows = [line for line in lines if line.isascii()]
    assert max(len(line) for line in ascii_rows) <= columns
    for row, item in zip(rows, items, strict=True):
        assert row.startswith(f"{str(item['id'])[:8]}  ")  # the id people type back, never cut
    long_row = rows[0]
    title_shown = long_row.split("  ")[-1].strip() if columns < 60 else long_row.rstrip()
    assert "Envoys from" in title_shown
    assert ("…" in long_row) == (columns < 200)  # the long title is cut with an ellipsis, never silently
    assert ("Source" in header) == (columns >= 60)  # columns give way in the documented order
    assert ("Regions" in header) == (columns >= 100)
    if columns >= 100:
        assert "Middle East" in long_row and "Asia" not in long_row.replace("Asia-Pacific", "")
    if columns == 200:
        assert "Gulf Daily International Edition" in long_row and LONG_TITLE in long_row
    assert result.stderr == "4 of 4 articles\n"


def test_a_real_terminal_gets_the_table_and_plain_forces_lines(store: Path) -> None:
    code, table = _on_a_terminal(store, 80, "show")
    assert code == 0
    assert table.startswith("\x1b[") or table.startswith("ID")  # Rich's table, header first
    assert "\t" not in table and "4 of 4 articles" in table
    code, plain = _on_a_terminal(store, 80, "show", "--plain")
    assert code == 0 and plain.count("\t") == 16  # 4 lines of 5 fields


# -- the article view ----------------------------------------------------------------------------------


def test_show_id_prints_the_link_whole_and_wraps_the_body_for_reading(store: Path) -> None:
    [item] = [i for i in _json(store, "show") if i["url"] == LONG_URL]
    code, out = _on_a_terminal(store, 60, "show", str(item["id"]), "--no-pager", env={"NO_COLOR": "1"})
    assert code == 0
    plain = _strip_escapes(out)
    assert f"Link  {LONG_URL}\n" in plain  # its own line, whole, though longer than the terminal
    assert f"8;;{LONG_URL}" in out or f";{LONG_URL}\x1b\\" in out  # an OSC 8 hyperlink to it
    code, wide = _on_a_terminal(store, 200, "show", str(item["id"]), "--no-pager", env={"NO_COLOR": "1"})
    body = [line for line in _strip_escapes(wide).splitlines() if "Envoys met" in line]
    assert len(body) > 5 and max(len(line.rstrip()) for line in body) <= 100


def test_piped_show_id_has_the_link_whole_and_paragraphs_on_one_line(store: Path) -> None:
    [item] = [i for i in _json(store, "show") if i["url"] == LONG_URL]
    out = run(store, "show", str(item["id"])).stdout
    assert f"\nLink: {LONG_URL}\n" in out
    assert BODY.strip() in out


def test_an_article_without_a_body_says_so_and_points_at_the_link(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    [item] = [i for i in _json(store, "show") if i["url"] == "https://example.net/sahel"]
    for terminal in ("0", "1"):
        monkeypatch.setenv("TTY_COMPATIBLE", terminal)
        out = run(store, "show", str(item["id"]), "--no-pager").stdout
        assert "No text was stored for this article; read it at the link above." in " ".join(out.split())
        assert "https://example.net/sahel" in out


def test_regions_are_shown_once_news_regions_in_views_m49_in_their_own_json_key(store: Path) -> None:
    [item] = [i for i in _json(store, "show") if i["url"] == LONG_URL]
    assert item["regions"] == ["Middle East", "Gulf"] or "Middle East" in item["regions"]
    assert "Southern Asia" in item["regions_m49"] and "Western Asia" in item["regions_m49"]
    assert not set(item["regions"]) & set(item["regions_m49"])
    view = run(store, "show", str(item["id"])).stdout
    [regions_line] = [line for line in view.splitlines() if line.startswith("Regions: ")]
    assert "Middle East" in regions_line and "Southern Asia" not in regions_line and "Western Asia" not in regions_line
    # The M49 regions still filter; Japan's news region is East Asia, its M49 sub-region Eastern Asia.
    [japan] = _json(store, "show", "--region", "Eastern Asia")
    assert (
        japan["source"] == "NHK World" and "East Asia" in japan["regions"] and japan["regions_m49"] == ["Eastern Asia"]
    )


# -- paging ------------------------------------------------------------------------------------------------


def test_offset_and_limit_page_through_show_and_search(store: Path) -> None:
    everything = [i["id"] for i in _json(store, "show", "-n", "0")]
    assert len(everything) == 4
    assert [i["id"] for i in _json(store, "show", "-n", "2", "--offset", "1")] == everything[1:3]
    assert [i["id"] for i in _json(store, "show", "--offset", "3")] == everything[3:]
    assert _json(store, "show", "--offset", "10") == []
    hits = [i["id"] for i in _json(store, "search", "Iran", "-n", "0")]
    assert len(hits) == 2
    assert [i["id"] for i in _json(store, "search", "Iran", "--offset", "1")] == hits[1:]


def test_the_footer_counts_all_matches_on_a_terminal_only(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(store, "show", "-n", "2").stderr == ""  # a pipe: data only
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    assert run(store, "show", "-n", "2").stderr == "2 of 4 articles\n"
    assert run(store, "show", "-n", "2", "--offset", "2").stderr == "3-4 of 4 articles\n"
    assert run(store, "search", "Iran", "-n", "1").stderr == "1 of 2 matches\n"


def _strip_escapes(text: str) -> str:
    import re

    return re.sub(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-9;?]*[A-Za-z]", "", text)


def test_the_read_paths_table_of_m49_regions_matches_the_gazetteer() -> None:
    """region_kinds.M49_REGIONS mirrors the gazetteer's scheme "m49" regions (so views need not load it)."""
    from newsreader.region_kinds import M49_REGIONS

    data = json.loads((REPO / "newsreader" / "geo" / "data" / "gazetteer.json").read_text(encoding="utf-8"))
    assert {r["name"] for r in data["regions"] if r["scheme"] == "m49"} == M49_REGIONS


def test_the_dated_field_tells_an_undated_entry_in_plain_lines(db: Path, tmp_path: Path) -> None:
    """An item with no date gets its first-seen time as `published`; `--fields ...,dated` says so."""
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>'
        "<item><title>Dated item</title><link>https://wire.example/1</link>"
        "<pubDate>Thu, 05 Feb 2026 10:00:00 GMT</pubDate></item>"
        "<item><title>Undated item</title><link>https://wire.example/2</link></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    assert run(db, "fetch", str(feed)).exit_code == 0
    lines = run(db, "show", "--fields", "title,published,dated").stdout.splitlines()
    cells = {title: (published, dated) for title, published, dated in (line.split("\t") for line in lines)}
    assert cells["Dated item"] == ("2026-02-05T10:00:00Z", "dated")
    assert cells["Undated item"][1] == "undated"
