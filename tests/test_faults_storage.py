"""A broken, newer, read-only or full database: one clear line, a non-zero exit, the file left as it was."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsreader.errors import StorageError
from newsreader.models import Article
from newsreader.store import Store
from tests.helpers import invoke as cli

REPO = Path(__file__).resolve().parent.parent
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def article_file(folder: Path, name: str, words: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(f"Title: Article {name}\nDate: 2026-02-03\n\nIran and Israel. {words}\n", encoding="utf-8")
    return path


@pytest.fixture()
def good_db(tmp_path: Path) -> Path:
    """A real store with articles in it, checkpointed so the main file holds everything."""
    db = tmp_path / "store" / "news.db"
    for i in range(30):
        article_file(tmp_path / "seed", f"seed{i}", "padding " * 200)
    assert cli(db, "fetch", str(tmp_path / "seed"))[0] == 0
    return db


def assert_refused_untouched(db: Path, expect: str, commands: list[list[str]], tmp_path: Path) -> None:
    """Every command fails with one line naming the file and the cause; the bytes stay the same."""
    before = digest(db)
    incoming = article_file(tmp_path / "incoming", "new")
    for args in commands:
        args = [str(incoming) if a == "NEW" else a for a in args]
        code, out, err = cli(db, *args)
        assert code == 1, (args, out, err)
        assert err.count("\n") == 1 and err.startswith("newsreader: error: "), err
        assert str(db) in err and expect in err, err
        assert digest(db) == before, f"{args} changed the file"
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0


ALL = [["show"], ["show", "0123abcd"], ["search", "Iran"], ["fetch", "NEW"]]


def test_garbage_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    db.write_bytes(os.urandom(8192))
    assert_refused_untouched(db, "not a readable newsreader database", ALL, tmp_path)


def test_text_file_given_as_db_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("my shopping list\n" * 100, encoding="utf-8")
    assert_refused_untouched(db, "not a readable newsreader database", ALL, tmp_path)


@pytest.mark.parametrize("keep", [0.9, 0.5, 0.2])
def test_truncated_database_is_refused_and_left_alone(good_db: Path, tmp_path: Path, keep: float) -> None:
    size = good_db.stat().st_size
    with good_db.open("r+b") as handle:
        handle.truncate(int(size * keep) // 4096 * 4096)
    assert_refused_untouched(good_db, "not a readable newsreader database", ALL, tmp_path)


def test_corrupt_header_is_refused_and_left_alone(good_db: Path, tmp_path: Path) -> None:
    with good_db.open("r+b") as handle:
        handle.seek(16)
        handle.write(b"\xff\xff\x07\x07\xff\xff\xff\xff")  # page size, versions, reserved: all nonsense
    assert_refused_untouched(good_db, "not a readable newsreader database", ALL, tmp_path)


def test_database_from_a_newer_version_is_refused_and_left_alone(good_db: Path, tmp_path: Path) -> None:
    with contextlib.closing(sqlite3.connect(good_db)) as conn:
        conn.execute("PRAGMA user_version = 99")
        conn.commit()
    assert_refused_untouched(good_db, "newer than this newsreader understands", ALL, tmp_path)


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make a file or folder read-only, even for root (chattr +i), or skip saying why not."""
    if not IS_ROOT:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False) if _has_chattr() else None
    if made is None or made.returncode != 0:
        pytest.skip("running as root, which ignores permissions, and `chattr +i` is unavailable here")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def _has_chattr() -> bool:
    from shutil import which

    return which("chattr") is not None


def test_read_only_database_file_can_be_read_but_not_written(good_db: Path, tmp_path: Path) -> None:
    with read_only(good_db):
        before = digest(good_db)
        code, out, _ = cli(good_db, "show", "-n", "3")
        assert code == 0 and "Article seed" in out
        assert cli(good_db, "search", "Iran", "-n", "3")[0] == 0
        code, _, err = cli(good_db, "fetch", str(article_file(tmp_path / "in", "new")))
        assert code == 1
        assert err.count("\n") == 1 and "the database is read-only" in err and str(good_db) in err
        assert digest(good_db) == before


def test_read_only_data_folder_gives_one_clear_line(good_db: Path, tmp_path: Path) -> None:
    folder = good_db.parent
    for leftover in folder.glob("news.db-*"):
        leftover.unlink()
    with read_only(folder):
        before = digest(good_db)
        code, out, _ = cli(good_db, "show", "-n", "3")
        assert code == 0 and "Article seed" in out  # reading needs no write access
        assert cli(good_db, "search", "Iran", "-n", "3")[0] == 0
        code, _, err = cli(good_db, "fetch", str(article_file(tmp_path / "in", "new")))
        assert code == 1, err
        assert err.count("\n") == 1 and "cannot open the database" in err and "writable" in err
        code, _, err = cli(folder / "other.db", "fetch", str(article_file(tmp_path / "in", "new")))
        assert code == 1 and "cannot open the database" in err
        assert digest(good_db) == before
        assert sorted(p.name for p in folder.iterdir()) == ["news.db"]


def test_data_folder_that_cannot_be_created_gives_one_clear_line(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    code, _, err = cli(blocker / "data" / "news.db", "fetch", str(article_file(tmp_path / "in", "new")))
    assert code == 1
    assert err.count("\n") == 1 and "cannot create the data folder" in err


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_full_disk_during_fetch_fails_cleanly_and_keeps_what_was_stored(good_db: Path, tmp_path: Path) -> None:
    import resource

    limit = good_db.stat().st_size + 64 * 1024  # room for little more than the file we have

    def small_disk() -> None:  # Python ignores SIGXFSZ, so writes past the limit fail with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    for i in range(200):  # texts that do not compress to nothing (v16 stores summary and body compressed)
        filler = " ".join(f"{(i * 7919 + j * 104729) ** 3 % 10**12:012d}" for j in range(300))
        article_file(tmp_path / "big", f"big{i}", filler)
    done = subprocess.run(
        [sys.executable, "-m", "newsreader", "--db", str(good_db), "fetch", str(tmp_path / "big")],
        env={**os.environ, "PYTHONPATH": str(REPO), "NEWSREADER_DATA_DIR": str(tmp_path / "data")},
        preexec_fn=small_disk,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and str(good_db) in done.stderr
    assert "disk" in done.stderr
    with contextlib.closing(sqlite3.connect(good_db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        titles = [r[0] for r in conn.execute("SELECT title FROM articles")]
    assert len(titles) == 30 and not any(t.startswith("Article big") for t in titles)
    assert cli(good_db, "show", "-n", "3")[0] == 0


def test_full_database_rolls_back_the_whole_batch(tmp_path: Path) -> None:
    now = datetime.now(UTC)

    def article(i: int, body: str) -> Article:
        return Article(id=f"{i:016x}", title=f"t{i}", source="s", published=now, fetched_at=now, origin="o", body=body)

    with Store.open(tmp_path / "news.db") as store:
        store.save([article(i, "short") for i in range(10)])
        pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
        store._conn.execute(f"PRAGMA max_page_count = {pages + 3}")  # the injected "full disk"
        with pytest.raises(StorageError, match="disk is full"):
            store.save([article(i, "long text " * 500) for i in range(100, 300)])
        assert store.count() == 10
        store.save([article(10, "still writable after the failure")])
        assert store.count() == 11
