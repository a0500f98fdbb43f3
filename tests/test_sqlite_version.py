"""An SQLite too old for the migrations is named in one clear line, and no store is touched.

The library's version cannot be changed in a running Python, so these tests set the two attributes
Python's sqlite3 module reports it by (the one thing here that cannot be real); every other part is real:
the CLI, the store file, the migrations.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from helpers import invoke, text_as_v15

from tests.conftest import REPO, SEED


def _pretend_sqlite(monkeypatch: pytest.MonkeyPatch, version: tuple[int, int, int]) -> None:
    monkeypatch.setattr(sqlite3, "sqlite_version_info", version)
    monkeypatch.setattr(sqlite3, "sqlite_version", ".".join(map(str, version)))


def test_a_new_store_on_sqlite_3_34_is_refused_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _pretend_sqlite(monkeypatch, (3, 34, 1))
    db = tmp_path / "new.db"
    code, out, err = invoke(db, "fetch", str(REPO / "seeds"))
    assert code == 1, (out, err)
    assert err.count("\n") == 1, err
    assert str(db) in err and "SQLite 3.35 or newer" in err and "SQLite 3.34.1" in err, err
    assert "syntax error" not in err


def test_sqlite_3_35_0_is_enough(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _pretend_sqlite(monkeypatch, (3, 35, 0))
    db = tmp_path / "new.db"
    code, _, err = invoke(db, "fetch", str(SEED))
    assert code == 0, err
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (1,)


def test_a_current_store_still_reads_on_an_old_sqlite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "news.db"
    assert invoke(db, "fetch", str(SEED))[0] == 0
    _pretend_sqlite(monkeypatch, (3, 26, 0))
    code, out, err = invoke(db, "show", "--json")
    assert code == 0, err
    assert '"Azernews"' in out


def test_an_older_store_is_left_as_it_was_when_its_upgrade_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "news.db"
    assert invoke(db, "fetch", str(SEED))[0] == 0
    conn = sqlite3.connect(db)
    with conn:
        text_as_v15(conn)
        conn.execute("PRAGMA user_version = 15")
    before = conn.execute("SELECT id, title, summary, body FROM articles").fetchall()
    conn.close()  # as a v15 newsreader leaves its store: the last connection's close writes the WAL back
    _pretend_sqlite(monkeypatch, (3, 31, 1))
    code, _, err = invoke(db, "show", "--json")  # the JSON needs the v16 text: it upgrades the store first
    assert code == 1 and "SQLite 3.31.1" in err, err
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (15,)
        assert conn.execute("SELECT id, title, summary, body FROM articles").fetchall() == before
