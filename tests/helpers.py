"""Small builders shared by tests: article files with a header block, and CLI invocation."""

from __future__ import annotations

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
