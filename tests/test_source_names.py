"""--source takes outlet names as people say them in every language: without a leading article, accents optional."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import copy_store, isolated_env
from tests.helpers import rss, run

OUTLETS = [
    "DIE ZEIT: Homepage",
    "Le Monde.fr - Actualités et Infos en France et dans le monde",
    "EL PAÍS: el periódico global",
    "L'Express",
    "Al Jazeera English",
    "O Globo",
    "Süddeutsche Zeitung",
    "De Standaard",
    "Lenta.ru : Новости",
    "The Guardian",
    "Zeitgeist Weekly",
]


@pytest.fixture(scope="module")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The outlets' store, fetched once for the module: the fetch was most of every test's time (0.5 s each).

    The tests read copies of it (the `store` fixture)."""
    home = tmp_path_factory.mktemp("source_names")
    folder = home / "feeds"
    folder.mkdir()
    for n, title in enumerate(OUTLETS):
        items = [(f"Story {n}", f"https://example.org/{n}/1", f"{n}-1", "Text.")]
        (folder / f"outlet{n}.xml").write_bytes(rss(title, items))
    db = home / "store.db"
    with isolated_env(home):
        assert run(db, "fetch", str(folder)).exit_code == 0
    return db


@pytest.fixture
def store(built_store: Path, db: Path) -> Path:
    return copy_store(built_store, db)


def _matched(db: Path, name: str) -> set[str]:
    result = run(db, "show", "-n", "0", "--source", name, "--json")
    assert result.exit_code == 0, result.output
    return {a["source"] for a in json.loads(result.stdout)}


@pytest.mark.parametrize(
    ("query", "outlet"),
    [
        ("zeit", "DIE ZEIT: Homepage"),
        ("Zeit", "DIE ZEIT: Homepage"),
        ("monde", "Le Monde.fr - Actualités et Infos en France et dans le monde"),
        ("pais", "EL PAÍS: el periódico global"),
        ("País", "EL PAÍS: el periódico global"),
        ("el pais", "EL PAÍS: el periódico global"),
        ("express", "L'Express"),
        ("jazeera", "Al Jazeera English"),
        ("al jazeera", "Al Jazeera English"),
        ("globo", "O Globo"),
        ("suddeutsche", "Süddeutsche Zeitung"),
        ("Süddeutsche", "Süddeutsche Zeitung"),
        ("standaard", "De Standaard"),
        ("lenta", "Lenta.ru : Новости"),
        ("guardian", "The Guardian"),
    ],
)
def test_an_outlet_is_found_without_its_article_and_without_accents(store: Path, query: str, outlet: str) -> None:
    assert _matched(store, query) == {outlet}


@pytest.mark.parametrize("query", ["homepage", "zeitung", "jazeera english x", "новости", "mondé x"])
def test_words_past_the_first_ones_match_nothing(store: Path, query: str) -> None:
    result = run(store, "show", "-n", "0", "--source", query)
    assert result.exit_code == 2
    assert f"no source matches {query!r}" in result.stderr


def test_only_a_first_word_is_left_out(store: Path) -> None:
    """ "Zeitgeist Weekly" starts with no article: `weekly` names no outlet, `zeitgeist` names it alone."""
    assert _matched(store, "zeitgeist") == {"Zeitgeist Weekly"}
    assert run(store, "show", "--source", "weekly").exit_code == 2


def test_a_name_of_no_letters_matches_no_outlet(store: Path) -> None:
    result = run(store, "show", "-n", "0", "--source", "« — »")
    assert result.exit_code == 2
    assert "no source matches '« — »'" in result.stderr
