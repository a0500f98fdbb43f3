"""The `regions` and `retag` commands, end to end through the CLI with a temporary database."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.helpers import run, text_as_v15, write_article


@pytest.fixture
def tagged(db: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    write_article(folder, "a.txt", title="Iran talks resume in Oman", body="Envoys met in Muscat and Tehran.")
    write_article(folder, "b.txt", title="Strikes on Iran", body="Israeli jets struck Isfahan, Iran said.")
    write_article(folder, "c.txt", title="Japan election called", body="Tokyo votes in March.")
    write_article(folder, "d.txt", title="Caspian notes", body="Nothing named here.", country="AZ", region="Arctic")
    result = run(db, "fetch", str(folder))
    assert result.exit_code == 0, result.output
    return db


def test_regions_table_sorted_by_count_with_bars(tagged: Path) -> None:
    result = run(tagged, "regions")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["Region", "Articles"]
    assert lines[1].split()[:2] == ["Asia", "4"]  # IR, OM, IL, JP and AZ are all in M49 Asia
    assert "█" * 30 in lines[1]
    assert any(line.split()[:3] == ["Middle", "East", "2"] for line in lines)
    assert any(line.split()[:3] == ["East", "Asia", "1"] for line in lines)
    assert not any(line.startswith("Sahel") for line in lines)  # zero counts hidden without --all


def test_regions_json_and_all(tagged: Path) -> None:
    rows = json.loads(run(tagged, "regions", "--json").stdout)
    counts = {r["region"]: r["articles"] for r in rows}
    assert counts["Middle East"] == 2 and counts["Gulf"] == 1 and counts["Caucasus"] == 1
    assert [r["articles"] for r in rows] == sorted((r["articles"] for r in rows), reverse=True)
    every = {r["region"]: r["articles"] for r in json.loads(run(tagged, "regions", "--all", "--json").stdout)}
    assert every["Sahel"] == 0 and "Western Asia" in every


def test_regions_include_custom_regions_from_config(tagged: Path, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[regions]\n"Persian world" = ["IR", "AF", "TJ"]\n', encoding="utf-8")
    rows = json.loads(run(tagged, "--config", str(config), "regions", "--json").stdout)
    assert {"region": "Persian world", "name": "Persian world", "articles": 2} in rows


def test_regions_countries_view(tagged: Path) -> None:
    result = run(tagged, "regions", "--countries")
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[1].split()
    assert first[:3] == ["Iran", "IR", "2"]
    rows = json.loads(run(tagged, "regions", "--countries", "--json").stdout)
    assert {"code": "IL", "name": "Israel", "articles": 1} in rows
    primary = {r["code"] for r in json.loads(run(tagged, "regions", "--countries", "--primary", "--json").stdout)}
    assert {"IR", "JP", "AZ"} <= primary


def test_regions_on_empty_store_says_how_to_load(db: Path) -> None:
    result = run(db, "regions")
    assert result.exit_code == 0
    assert "The store is empty" in result.stderr


def test_retag_reports_changes_and_keeps_declared_tags(tagged: Path) -> None:
    first = run(tagged, "retag")
    assert first.exit_code == 0, first.output
    assert first.stderr.strip() == "newsreader: Retagged 4 articles: 0 changed, 4 unchanged."
    with sqlite3.connect(tagged) as conn:  # simulate tags written by an older tagger
        conn.execute("DELETE FROM article_countries WHERE code = 'IL'")
        conn.execute(
            "INSERT INTO article_countries VALUES ((SELECT seq FROM articles WHERE title LIKE 'Japan%'), 'FR', 1, 0, 0, 0)"
        )
    second = run(tagged, "retag", "--batch", "1")
    assert second.stderr.strip() == "newsreader: Retagged 4 articles: 2 changed, 2 unchanged."
    rows = {a["title"]: a for a in json.loads(run(tagged, "show", "--json").stdout)}
    assert set(rows["Strikes on Iran"]["countries"]) == {"IR", "IL"}
    assert rows["Japan election called"]["countries"] == ["JP"]
    assert rows["Caspian notes"]["countries"] == ["AZ"] and "Arctic" in rows["Caspian notes"]["regions"]
    assert run(tagged, "retag").stderr.strip().endswith("0 changed, 4 unchanged.")


def test_retag_rejects_bad_batch(tagged: Path) -> None:
    result = run(tagged, "retag", "--batch", "0")
    assert result.exit_code == 2
    assert "--batch must be at least 1" in result.stderr


def test_arctic_counts_only_articles_that_name_it(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "arctic"
    write_article(folder, "a.txt", title="US strikes Iran", body="Washington said the strikes on Iran were over.")
    write_article(folder, "b.txt", title="Arctic shipping", body="Russia and Norway expanded Arctic routes.")
    assert run(db, "fetch", str(folder)).exit_code == 0
    counts = {r["region"]: r["articles"] for r in json.loads(run(db, "regions", "--json").stdout)}
    assert counts["Arctic"] == 1 and counts["North America"] == 1
    shown = json.loads(run(db, "show", "--region", "Arctic", "--json").stdout)
    assert [a["title"] for a in shown] == ["Arctic shipping"]


def test_retag_drops_a_stale_primary_but_keeps_header_countries(tagged: Path) -> None:
    with sqlite3.connect(tagged) as conn:  # an older tagger's false positive, stored as primary
        conn.execute(
            "INSERT INTO article_countries VALUES ((SELECT seq FROM articles WHERE title LIKE 'Japan%'), 'TD', 2, 1, 1, 0)"
        )
    assert run(tagged, "retag").stderr.strip() == "newsreader: Retagged 4 articles: 1 changed, 3 unchanged."
    rows = {a["title"]: a for a in json.loads(run(tagged, "show", "--json").stdout)}
    assert rows["Japan election called"]["countries"] == ["JP"]
    assert rows["Caspian notes"]["countries"] == ["AZ"]  # from the Country: header, re-read from the file


def test_declared_countries_are_stored_and_survive_retag_after_the_file_is_gone(db: Path, tmp_path: Path) -> None:
    path = write_article(
        tmp_path / "gone", "a.txt", title="Caspian notes", body="Ferries sail to Kazakhstan.", country="AZ"
    )
    assert run(db, "fetch", str(path)).exit_code == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT code, declared FROM article_countries WHERE declared = 1").fetchall() == [("AZ", 1)]
    path.unlink()
    assert run(db, "retag").exit_code == 0
    [row] = json.loads(run(db, "show", "--json").stdout)
    assert "AZ" in row["primary_countries"]
    assert "KZ" in row["countries"]  # found by the tagger


def test_fetch_retags_the_store_once_after_the_gazetteer_changed(tagged: Path, tmp_path: Path) -> None:
    with sqlite3.connect(tagged) as conn:  # tags and version stamp as an older release left them
        conn.execute("DELETE FROM article_countries WHERE code = 'IL'")
        conn.execute("UPDATE store_meta SET value = 'old' WHERE key = 'gazetteer_version'")
    more = tmp_path / "more"
    write_article(more, "e.txt", title="Floods in Bavaria", body="Munich declared an emergency.")
    first = run(tagged, "fetch", str(more))
    assert first.exit_code == 0, first.output
    notice = "newsreader: The gazetteer changed: retagged 4 stored articles (1 changed)."
    assert first.stderr.splitlines()[0] == notice
    rows = {a["title"]: a for a in json.loads(run(tagged, "show", "--json").stdout)}
    assert set(rows["Strikes on Iran"]["countries"]) == {"IR", "IL"}
    assert rows["Floods in Bavaria"]["countries"] == ["DE"]
    again = run(tagged, "fetch", str(more))
    assert "gazetteer changed" not in again.stderr  # stamped: no second retag


def test_a_new_store_is_stamped_without_a_retag(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "new"
    write_article(folder, "a.txt", title="Talks in Oman", body="Envoys met in Muscat.")
    result = run(db, "fetch", str(folder))
    assert result.exit_code == 0 and "gazetteer changed" not in result.stderr
    with sqlite3.connect(db) as conn:
        (version,) = conn.execute("SELECT value FROM store_meta WHERE key = 'gazetteer_version'").fetchone()
    from newsreader.geo import RULES_VERSION

    assert version.startswith(f"{RULES_VERSION}-") and len(version) == len(RULES_VERSION) + 13


def test_a_store_from_before_the_version_stamp_migrates_and_retags_on_fetch(tagged: Path, tmp_path: Path) -> None:
    from newsreader.store.schema import SCHEMA_VERSION

    with sqlite3.connect(tagged) as conn:  # schema v7: no store_meta table yet
        text_as_v15(conn)  # (nor v16's one text)
        conn.execute("DROP TABLE store_meta")
        conn.execute("DROP TABLE story_members")  # and what came after it (v10: stories)
        conn.execute("DROP TABLE stories")
        conn.execute("PRAGMA user_version = 8")
    result = run(tagged, "fetch", str(tmp_path / "articles"))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == "newsreader: The gazetteer changed: retagged 4 stored articles (0 changed)."
    with sqlite3.connect(tagged) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("SELECT count(*) FROM store_meta WHERE key = 'gazetteer_version'").fetchone()[0] == 1
