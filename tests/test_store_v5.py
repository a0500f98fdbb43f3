"""Schema v5: a v3 store gains languages and a re-built index, in one transaction, losing nothing."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsreader.core import quote_query
from newsreader.models import Filters
from newsreader.store import Store
from newsreader.store.schema import MIGRATIONS, _apply, register_functions

ROWS = [
    ("a1", "Переговоры в Москве", "Встреча с Путиным прошла в Кремле. Позиция Путина не изменилась, сказал он."),
    ("a2", "外交部发言人", "中国外交部发言人表示，习近平将访问北京以外的城市。"),
    ("a3", "Talks resume", "The negotiations over the nuclear programme resumed in Vienna on Monday, diplomats said."),
]


def _v3_database(path: Path) -> None:
    """A store as newsreader wrote it at schema v3 (porter index over the text through a view)."""
    conn = sqlite3.connect(path, isolation_level=None)
    register_functions(conn)
    for step in MIGRATIONS[:3]:
        _apply(conn, step)
    when = datetime(2026, 2, 1, tzinfo=UTC).isoformat()
    for seq, (aid, title, body) in enumerate(ROWS, 1):
        conn.execute(
            "INSERT INTO articles (seq, id, title, source, published, published_ts, summary, body, origin, "
            "fetched_at, content_hash) VALUES (?, ?, ?, 'Wire', ?, ?, '', ?, 'test', ?, ?)",
            (seq, aid, title, when, 1.7e9 + seq, body, when, seq),
        )
        conn.execute("INSERT INTO article_countries (article, code) VALUES (?, 'RU')", (seq,))
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
    conn.execute("PRAGMA user_version = 3")
    conn.close()


def test_v3_store_migrates_with_languages_and_finds_every_language(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    _v3_database(db)
    with Store.open(db) as store:
        assert store.count() == 3
        by_id = {a.id: a for a in store.query(Filters())}
        assert {k: a.language for k, a in by_id.items()} == {"a1": "ru", "a2": "zh", "a3": "en"}
        assert by_id["a1"].country_codes == ("RU",)
        assert store.get("a2").body == ROWS[1][2]
        assert [h.article.id for h in store.search(quote_query("Путин", ("ru", "en")), Filters())] == ["a1"]
        assert [h.article.id for h in store.search(quote_query("习近平"), Filters())] == ["a2"]
        assert [h.article.id for h in store.search(quote_query("negotiat*"), Filters())] == ["a3"]
        assert store.languages() == ["en", "ru", "zh"]
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_failed_migration_leaves_the_v3_store_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "old.db"
    _v3_database(db)
    before = db.read_bytes()

    def broken(*args: object) -> tuple[object, ...]:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr("newsreader.store.schema.index_row", broken)
    with pytest.raises(Exception, match="disk I/O error"):
        Store.open(db)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    assert "language" not in [r[1] for r in conn.execute("PRAGMA table_info(articles)")]
    conn.close()
    assert len(db.read_bytes()) == len(before)


def test_updating_an_article_replaces_its_index_terms(tmp_path: Path) -> None:
    from newsreader.models import Article

    when = datetime(2026, 2, 1, tzinfo=UTC)
    with Store.open(tmp_path / "s.db") as store:
        store.save([Article("b1", "Путин в Кремле", "Wire", when, when, "t", body="Путина ждали.", language="ru")])
        store.save([Article("b1", "Merkel in Berlin", "Wire", when, when, "t", body="Russlands Rolle.", language="de")])
        assert store.search(quote_query("Путин", ("ru",)), Filters()) == []
        assert [h.article.id for h in store.search(quote_query("Russland", ("de",)), Filters())] == ["b1"]
        conn = sqlite3.connect(tmp_path / "s.db")
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
