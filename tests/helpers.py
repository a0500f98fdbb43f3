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
