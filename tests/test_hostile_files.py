"""Bad local files (binary, huge, not UTF-8, loops, pipes, unreadable) are reported and skipped; the rest load."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from newsreader.local import MAX_TEXT_BYTES
from newsreader.parse.text import parse_text
from tests.helpers import invoke as cli

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def good(folder: Path, name: str = "good") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(
        f"Title: A good article {name}\nDate: 2026-02-03\n\nIran and Israel held talks.\n", encoding="utf-8"
    )
    return path


def titles(db: Path) -> list[str]:
    return sorted(item["title"] for item in json.loads(cli(db, "show", "-n", "100", "--json")[1]))


def fetch_folder_with(tmp_path: Path, make_bad: object) -> tuple[int, str, list[str]]:
    """Fetch a folder holding two good articles and whatever make_bad(folder) adds."""
    folder = tmp_path / "articles"
    good(folder, "first")
    good(folder, "second")
    assert callable(make_bad)
    make_bad(folder)
    db = tmp_path / "news.db"
    code, _, err = cli(db, "fetch", str(folder))
    return code, err, titles(db)


def test_binary_file_is_skipped_with_a_note(tmp_path: Path) -> None:
    def bad(folder: Path) -> None:
        (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40)

    code, err, stored = fetch_folder_with(tmp_path, bad)
    assert code == 0
    assert stored == ["A good article first", "A good article second"]
    assert "image.txt: looks like a binary file" in err


def test_huge_file_over_the_cap_is_skipped(tmp_path: Path) -> None:
    def bad(folder: Path) -> None:
        with (folder / "huge.txt").open("wb") as handle:
            handle.truncate(MAX_TEXT_BYTES + 1)  # sparse: no need to write megabytes

    code, err, stored = fetch_folder_with(tmp_path, bad)
    assert code == 0
    assert len(stored) == 2
    assert "huge.txt" in err and f"{MAX_TEXT_BYTES:,}-byte limit" in err


def test_huge_file_given_alone_fails_with_one_line(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"word " * (MAX_TEXT_BYTES // 5 + 10))
    code, _, err = cli(tmp_path / "news.db", "fetch", str(huge))
    assert code == 1
    assert "huge.txt" in err and "limit" in err


def test_non_utf8_text_is_detected_and_noted(tmp_path: Path) -> None:
    text = (
        "Title: Переговоры в Москве\nDate: 2026-02-03\n\n"
        "Министры иностранных дел России и Ирана провели переговоры в Москве. "
        "Стороны обсудили ядерную программу и санкции, а также региональную безопасность.\n"
    )

    def bad(folder: Path) -> None:
        (folder / "cyrillic.txt").write_bytes(text.encode("cp1251"))

    code, err, stored = fetch_folder_with(tmp_path, bad)
    assert code == 0
    assert "Переговоры в Москве" in stored
    assert "cyrillic.txt: not UTF-8, read as" in err


def test_undecodable_bytes_are_replaced_with_a_note(tmp_path: Path) -> None:
    def bad(folder: Path) -> None:
        (folder / "mixed.txt").write_bytes(b"Title: Caf\xe9 \xff\xfe\x81 talks\n\nThe body \x80\x81\x82 text.\n")

    code, err, stored = fetch_folder_with(tmp_path, bad)
    assert code == 0
    assert len(stored) == 3
    assert "mixed.txt: not UTF-8" in err


def test_symlink_loop_and_dangling_link_are_skipped(tmp_path: Path) -> None:
    def bad(folder: Path) -> None:
        (folder / "loop.txt").symlink_to(folder / "loop.txt")
        (folder / "a.txt").symlink_to(folder / "b.txt")
        (folder / "b.txt").symlink_to(folder / "a.txt")
        (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
        (folder / "sub").mkdir()
        (folder / "sub" / "up").symlink_to(folder, target_is_directory=True)  # a folder loop

    code, err, stored = fetch_folder_with(tmp_path, bad)
    assert code == 0
    assert stored == ["A good article first", "A good article second"]
    for name in ("loop.txt", "a.txt", "b.txt", "dangling.txt"):
        assert f"{name}: cannot read" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_is_skipped_without_blocking(tmp_path: Path) -> None:
    def bad(folder: Path) -> None:
        os.mkfifo(folder / "pipe.txt")  # reading it would wait for a writer forever

    started = time.monotonic()
    code, err, stored = fetch_folder_with(tmp_path, bad)
    assert time.monotonic() - started < 10
    assert code == 0
    assert len(stored) == 2
    assert "pipe.txt: not a regular file" in err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_link_to_an_endless_device_is_skipped(tmp_path: Path) -> None:
    def bad(folder: Path) -> None:
        (folder / "zero.txt").symlink_to("/dev/zero")

    code, err, stored = fetch_folder_with(tmp_path, bad)
    assert code == 0
    assert len(stored) == 2
    assert "zero.txt: not a regular file" in err


@pytest.mark.skipif(IS_ROOT, reason="running as root: chmod 000 does not stop root from reading")
def test_unreadable_file_and_folder_are_skipped(tmp_path: Path) -> None:
    def bad(folder: Path) -> None:
        secret = folder / "secret.txt"
        good(folder, "secret")
        secret.chmod(0)
        locked = folder / "locked"
        good(locked, "inside")
        locked.chmod(0)

    try:
        code, err, stored = fetch_folder_with(tmp_path, bad)
    finally:
        (tmp_path / "articles" / "locked").chmod(0o755)
    assert code == 0
    assert stored == ["A good article first", "A good article second"]
    assert "secret.txt: cannot read" in err
    assert "locked: cannot read" in err


def test_only_bad_files_means_exit_1_and_every_file_named(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "one.txt").write_bytes(b"\x00" * 100)
    (folder / "two.txt").write_text("   \n\n", encoding="utf-8")
    (folder / "three.txt").symlink_to(folder / "gone.txt")
    code, _, err = cli(tmp_path / "news.db", "fetch", str(folder))
    assert code == 1
    for name in ("one.txt", "two.txt", "three.txt"):
        assert name in err


@pytest.mark.parametrize(
    "text",
    [
        "Title: a" + " " * 200_000 + "b\n\nbody",  # quadratic `(.*?)\s*$` in the header pattern
        "a" + " " * 200_000 + "b\n\nbody",  # quadratic split in the byline heuristic
        "Mr. " * 200_000,  # quadratic abbreviation check in the first-sentence finder
        "Date: 2026-02-03T10:00:00+99:00\n\nAn offset of 99 hours once raised ValueError.",
        "2026-02-03 10:00 (UTC+30:00)\n\nAn offset of 30 hours.",
    ],
    ids=["header-spaces", "byline-spaces", "abbreviations", "iso-offset", "utc-offset"],
)
def test_pathological_text_parses_quickly_without_raising(text: str) -> None:
    started = time.monotonic()
    parsed = parse_text(text)
    assert time.monotonic() - started < 5
    assert parsed.body or parsed.title


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_named_like_a_feed_in_a_folder_is_skipped_without_blocking(tmp_path: Path) -> None:
    def bad(folder: Path) -> None:
        os.mkfifo(folder / "feed.xml")
        (folder / "null.rss").symlink_to("/dev/null")

    started = time.monotonic()
    code, err, stored = fetch_folder_with(tmp_path, bad)
    assert time.monotonic() - started < 10
    assert code == 0
    assert len(stored) == 2
    assert "feed.xml: skipped (not a regular file" in err
    assert "null.rss: skipped (not a regular file" in err


def test_fifo_given_as_a_feed_file_fails_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.xml"
    os.mkfifo(pipe)
    article = good(tmp_path / "articles")
    started = time.monotonic()
    code, _, err = cli(tmp_path / "news.db", "fetch", str(pipe), str(article))
    assert time.monotonic() - started < 10
    assert code == 3
    assert f"{pipe}: not a regular file" in err
    assert titles(tmp_path / "news.db") == ["A good article good"]


def test_local_feed_file_warnings_name_the_file(tmp_path: Path) -> None:
    feed = tmp_path / "loose.xml"
    feed.write_text(
        '<rss version="2.0"><channel><title>T & U</title>'
        "<item><title>Talks in Oman</title><link>https://example.org/a</link></item></channel></rss>",
        encoding="utf-8",
    )
    code, _, err = cli(tmp_path / "news.db", "fetch", str(feed))
    assert f"{feed}: malformed feed, kept the 1 entry that could be read" in err
    assert "warning: : " not in err
    assert code == 0
