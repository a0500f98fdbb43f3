"""Messages on stderr, data on stdout; a progress bar that counts what the user gave; a pager that fails."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from tests.helpers import rss, run, serve_feeds


def _terminal(db: Path, cwd: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run newsreader with stdout and stderr on separate pseudo-terminals; (code, stdout, stderr)."""
    outputs = []
    ends = [pty.openpty(), pty.openpty()]
    full_env = {**os.environ, "COLUMNS": "100", "LINES": "10", "TERM": "xterm", **(env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "newsreader", "--db", str(db), *args],
        stdin=subprocess.DEVNULL,
        stdout=ends[0][1],
        stderr=ends[1][1],
        cwd=cwd,
        env={**full_env, "PYTHONPATH": str(REPO)},
    )
    for _, child in ends:
        os.close(child)
    for main, _ in ends:
        chunks = []
        while True:
            try:
                data = os.read(main, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        os.close(main)
        outputs.append(b"".join(chunks).decode("utf-8", "replace"))
    return process.wait(timeout=60), outputs[0], outputs[1]


def test_the_progress_bar_counts_each_file_and_feed_once_and_names_what_is_loading(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for i in range(3):
        (folder / f"feed{i}.xml").write_bytes(rss(f"Feed {i}", [(f"Item {i}", f"https://e.org/{i}", f"g{i}", "Text.")]))
    (folder / "note.txt").write_text("Title: A note\n\nSome text.\n", encoding="utf-8")
    lone = tmp_path / "lone.xml"
    lone.write_bytes(rss("Lone", [("Lone item", "https://e.org/lone", "lone", "Text.")]))
    code, _, err = _terminal(db, tmp_path, "fetch", str(folder), str(lone))
    assert code == 0, err
    totals = set(re.findall(r"\b\d+/(\d+)\b", err))
    assert totals == {"5"}, totals  # 3 feed files + the folder's text file + 1 feed file given
    assert "5/5" in err
    assert "feed0.xml" in err or "lone.xml" in err or "mixed" in err  # names what it is loading


def test_the_progress_bar_counts_the_feeds_an_opml_list_expands_to(db: Path, tmp_path: Path) -> None:
    feeds = {f"/f{i}": rss(f"F{i}", [(f"Story {i}", f"https://e.org/s{i}", f"s{i}", "Text.")]) for i in range(4)}
    with serve_feeds(feeds) as base:
        outlines = "".join(f'<outline text="F{i}" xmlUrl="{base}/f{i}"/>' for i in range(4))
        opml = tmp_path / "list.opml"
        opml.write_text(f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>', encoding="utf-8")
        code, _, err = _terminal(db, tmp_path, "fetch", str(opml))
    assert code == 0, err
    assert set(re.findall(r"\b\d+/(\d+)\b", err)) == {"4"}


def test_status_messages_go_to_stderr_and_leave_stdout_empty(db: Path, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    init = run(db, "--config", str(config), "config", "init")
    assert init.exit_code == 0 and init.stdout == "" and f"wrote {config}" in init.stderr
    opml = tmp_path / "list.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body><outline text="X" xmlUrl="https://x.example/rss"/>'
        "</body></opml>",
        encoding="utf-8",
    )
    imported = run(db, "--config", str(config), "feeds", "import", str(opml))
    assert imported.exit_code == 0 and imported.stdout == "" and "added 1 feeds" in imported.stderr
    (tmp_path / "a.txt").write_text("Title: Talks in Doha\n\nQatar hosted talks.\n", encoding="utf-8")
    fetched = run(db, "fetch", str(tmp_path / "a.txt"))
    assert fetched.stdout == "" and "Total" in fetched.stderr
    retagged = run(db, "retag")
    assert retagged.stdout == "" and "Retagged 1 articles" in retagged.stderr


def test_a_pager_that_cannot_start_falls_back_to_printing_with_a_warning(db: Path, tmp_path: Path) -> None:
    body = "\n\n".join(f"Paragraph {i} about the talks in Geneva." for i in range(40))
    (tmp_path / "long.txt").write_text(f"Title: Long read\n\n{body}\n", encoding="utf-8")
    assert run(db, "fetch", str(tmp_path / "long.txt")).exit_code == 0
    [item] = json.loads(run(db, "show", "--json").stdout)
    code, out, err = _terminal(db, tmp_path, "show", item["id"], env={"PAGER": "no-such-pager-here"})
    assert code == 0
    assert "Paragraph 39 about the talks" in out  # printed instead
    warning = [line for line in err.splitlines() if line.strip()]
    assert len(warning) == 1 and "cannot start the pager 'no-such-pager-here'" in warning[0]
