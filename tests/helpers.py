"""Small builders shared by tests: article files with a header block, and CLI invocation."""

from __future__ import annotations

import re
import sqlite3
import threading
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from typer.testing import CliRunner, Result

from newsreader.cli import app


def write_article(
    folder: Path,
    name: str,
    *,
    title: str,
    body: str,
    source: str = "Test Wire",
    date: str = "2026-02-01 12:00 UTC",
    country: str = "",
    region: str = "",
    author: str = "",
) -> Path:
    lines = [f"Title: {title}", f"Source: {source}", f"Date: {date}"]
    if country:
        lines.append(f"Country: {country}")
    if region:
        lines.append(f"Region: {region}")
    if author:
        lines.append(f"Author: {author}")
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n\n" + body + "\n", encoding="utf-8")
    return path


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["--db", str(db), *args])


def invoke(db: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run the CLI and check it failed, if at all, as a user error: never a traceback."""
    result = CliRunner(env=env).invoke(app, ["--db", str(db), *args])
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def make_folders(root: Path, folders: int, per_folder: int, body: str, dates: int = 1) -> list[Path]:
    """Folders of text articles (a folder is one source, stored in one transaction)."""
    made = []
    for d in range(folders):
        folder = root / f"folder{d:03}"
        folder.mkdir(parents=True)
        for i in range(per_folder):
            (folder / f"a{i:04}.txt").write_text(
                f"Title: Folder {d:03} article {i}\nDate: 2026-01-0{1 + i % dates}\n\n{body}\n", encoding="utf-8"
            )
        made.append(folder)
    return made


def rss(title: str, items: list[tuple[str, str, str, str]]) -> bytes:
    """An RSS 2.0 document from (title, link, guid, description) items."""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{guid}</guid><description>{d}</description></item>"
        for t, link, guid, d in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{entries}</channel></rss>'.encode()


@contextmanager
def serve_feeds(documents: dict[str, bytes], before: Callable[[str], None] | None = None) -> Iterator[str]:
    """Serve documents (path -> RSS bytes) on 127.0.0.1 in a thread; yields the base URL.

    A plain threaded stdlib server, for tests that run newsreader in a subprocess; `before(path)` runs
    ahead of each answer (to stall some of them)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if before is not None:
                before(self.path)
            body = documents[self.path]
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


_SUMMARY_ROW = re.compile(
    r"^(?P<label>\S.*?)\s+(?P<new>\d+)\s+(?P<updated>\d+)\s+(?P<unchanged>\d+)\s+(?P<status>\S.*?)\s*$"
)


def summary_rows(out: str) -> dict[str, tuple[int, int, int, str]]:
    """The fetch summary table as {source label: (new, updated, unchanged, status)}; 'Total' is the footer.

    Parsed from the printed text (at the suite's 200 columns no cell wraps), so tests assert each cell
    exactly instead of looking for a digit anywhere in the output.
    """
    found: dict[str, tuple[int, int, int, str]] = {}
    for line in out.splitlines():
        match = _SUMMARY_ROW.match(line)
        if match:
            found[match["label"]] = (int(match["new"]), int(match["updated"]), int(match["unchanged"]), match["status"])
    return found


def stored_text(stored: str | bytes, summary_len: int, lead: int) -> tuple[str, str]:
    """(summary, body) of a row from its stored `text`, `summary_len` and `lead` (schema v16), read back
    here with zlib rather than by the code under test: the summary, then the body after its lead."""
    text = zlib.decompress(stored).decode("utf-8", "surrogatepass") if isinstance(stored, bytes) else stored
    summary = text[:summary_len]
    return summary, summary[:lead] + text[summary_len:]


def text_as_v15(conn: sqlite3.Connection) -> None:
    """Undo schema v16 on a store written by this version: `summary` plain and `body` (the rest after the
    lead) as v15 stored it, zlib level 1 from 600 characters when shorter. Leaves user_version alone."""
    rows = conn.execute("SELECT seq, text, summary_len, lead FROM articles").fetchall()
    conn.execute("ALTER TABLE articles RENAME COLUMN text TO body")
    conn.execute("ALTER TABLE articles ADD COLUMN summary TEXT NOT NULL DEFAULT ''")
    for seq, stored, summary_len, lead in rows:
        summary, body = stored_text(stored, summary_len, lead)
        rest: str | bytes = body[lead:]
        packed = zlib.compress(str(rest).encode("utf-8", "surrogatepass"), 1)
        if len(str(rest)) >= 600 and len(packed) < len(str(rest)):
            rest = packed
        conn.execute("UPDATE articles SET summary = ?, body = ? WHERE seq = ?", (summary, rest, seq))
    conn.execute("ALTER TABLE articles DROP COLUMN summary_len")
