"""Schema v16: each article's summary and body stored as one text, compressed together (issue 16, store size).

A store saved by this version is set back to v15's columns by tests/helpers.text_as_v15 (plain summary, the
body after its lead zlib'd on its own), then opened. Oracles: the articles as written here (their summary
and body), the index's own terms from before the migration, and the JSON a fresh store of the same
articles prints.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from helpers import invoke, stored_text, text_as_v15

from newsreader.errors import StorageError
from newsreader.models import Article
from newsreader.store import Store
from newsreader.store.schema import SCHEMA_VERSION

T0 = datetime(2026, 2, 3, 10, 0, tzinfo=UTC)
LONG = " ".join(f"Paragraph {i} on the ceasefire monitors in Hodeidah and the port of Aden." for i in range(30))
CASES = (  # (summary, body): every way a summary and a body relate (store/leads.py)
    ("Talks resume in Doha.", "Talks resume in Doha."),  # the description alone: the summary is the body
    ("Negotiators met in Geneva.", "Negotiators met in Geneva.\n\n" + LONG),  # the body's first paragraph
    ("Delegates from Oman spoke about shipping…", "Delegates from Oman spoke about shipping lanes, " + LONG),
    ("A summary of its own about Sudan.", "Wholly different text about Sudan. " + LONG),  # no lead
    ("", "No summary at all: the body about Yemen. " + LONG),
    ("Переговоры возобновились в Женеве.", "Переговоры возобновились в Женеве.\n\nДелегации встретились снова."),
    ("双方举行会谈。", "双方举行会谈。会谈持续两个小时。" * 20),  # not followed by a break: no lead
    ("Emoji 🕊️ and ✓ kept whole.", "Emoji 🕊️ and ✓ kept whole.\n\n" + LONG),  # beyond the BMP: lengths in characters
    ("Short.", ""),
)


def articles() -> list[Article]:
    return [
        Article(
            id=f"{i + 1:016x}",
            title=f"Story {i} about talks",
            source="Wire",
            published=T0 + timedelta(hours=i),
            fetched_at=T0,
            origin="feed.xml",
            url=f"https://wire.example/{i}",
            summary=summary,
            body=body,
        )
        for i, (summary, body) in enumerate(CASES)
    ]


def instances(path: Path) -> list[tuple[object, ...]]:
    """Every (term, row, column, offset) the full-text index holds."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, articles_fts, instance)")
        return sorted(conn.execute("SELECT term, doc, col, offset FROM temp.terms"))


def columns(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[1] for r in conn.execute("PRAGMA table_info(articles)")}


def v15_store(path: Path) -> None:
    with Store.open(path) as store:
        store.save(articles())
    with sqlite3.connect(path) as conn:
        text_as_v15(conn)
        conn.execute("PRAGMA user_version = 15")


def test_a_v15_store_migrates_to_one_text_and_reads_back_every_article(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    v15_store(path)
    assert {"summary", "body"} <= columns(path) and "text" not in columns(path)
    terms = instances(path)
    with Store.open(path) as store:
        for written in articles():
            got = store.get(written.id)
            assert (got.summary, got.body) == (written.summary, written.body)
    assert "summary" not in columns(path) and "body" not in columns(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0  # compacted after the rewrite
        rows = conn.execute("SELECT id, text, summary_len, lead, typeof(text) FROM articles ORDER BY seq").fetchall()
    assert [stored_text(t, n, lead) for _, t, n, lead, _ in rows] == list(CASES)
    kinds = [kind for *_, kind in rows]
    assert kinds == ["text", "blob", "blob", "blob", "blob", "text", "blob", "blob", "text"]  # short: plain
    assert instances(path) == terms  # the same terms: the index is not touched


def test_the_migrated_store_prints_what_a_fresh_store_of_the_same_articles_prints(tmp_path: Path) -> None:
    migrated, fresh = tmp_path / "migrated.db", tmp_path / "fresh.db"
    v15_store(migrated)
    with Store.open(fresh) as store:
        store.save(articles())
    assert instances(migrated) == instances(fresh)
    for args in (
        ("show", "--json"),
        ("show", f"{2:016x}", "--json"),
        ("show", f"{8:016x}", "--json"),
        ("search", "Hodeidah", "--json"),
        ("search", "Sudan", "--json"),
        ("search", "Женеве", "--json"),
        ("search", "会谈", "--json"),
    ):
        code, out, err = invoke(migrated, *args)
        assert code == 0, err
        assert (code, out) == invoke(fresh, *args)[:2], args
        assert json.loads(out)


def test_a_failed_v16_migration_leaves_the_v15_store_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsreader.store import schema

    path = tmp_path / "news.db"
    v15_store(path)
    with sqlite3.connect(path) as conn:
        before = conn.execute("SELECT * FROM articles ORDER BY seq").fetchall()

    def broken(*args: object) -> object:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(schema, "pack_text", broken)
    with pytest.raises((sqlite3.OperationalError, StorageError)):
        Store.open(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 15
        assert conn.execute("SELECT * FROM articles ORDER BY seq").fetchall() == before


def test_stories_and_purge_read_the_one_text(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    v15_store(path)
    code, _, err = invoke(path, "restory")  # regroups every article from its title and lead
    assert (code, err) == (0, f"newsreader: Grouped {len(CASES)} articles: 0 stories of two or more articles.\n")
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT terms) FROM story_members").fetchone() == (9, 9)
    code, _, err = invoke(path, "purge", "--older-than", "2100-01-01")
    assert code == 0, err
    assert instances(path) == []  # each entry deleted with the very terms it was indexed by


def test_the_upgrade_says_so_once_on_stderr_and_leaves_json_on_stdout_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsreader.store import schema

    path, fresh = tmp_path / "news.db", tmp_path / "fresh.db"
    v15_store(path)
    with Store.open(fresh) as store:
        store.save(articles())
    monkeypatch.setattr(schema, "NOTICE_MIN_ARTICLES", len(CASES))  # the real bound (5,000) takes a big store
    code, out, err = invoke(path, "show", "--json")
    assert code == 0
    assert err == (
        f"newsreader: upgrading the store at {path} to schema v{SCHEMA_VERSION} ({len(CASES)} articles), "
        "this runs once\n"
    )
    assert out == invoke(fresh, "show", "--json")[1]  # stdout is the listing alone
    assert invoke(path, "show", "--json")[2] == ""  # once: the store is now current


def test_a_small_store_upgrades_without_a_word(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsreader.store import schema

    path = tmp_path / "news.db"
    v15_store(path)
    monkeypatch.setattr(schema, "NOTICE_MIN_ARTICLES", len(CASES) + 1)
    code, out, err = invoke(path, "show", "--json")
    assert (code, err) == (0, "")
    assert len(json.loads(out)) == len(CASES)
