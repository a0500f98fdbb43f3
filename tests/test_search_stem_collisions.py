"""A query word stemmed by one language must not find another language's unrelated word.

Turkish's stemmer makes `Iran` into `ira` (Spanish for anger; the Roth IRA), Spanish's makes `China`
into `chin`, Turkish's `Putin` into `put`, Danish's `Biden` into `bid`. Each form counts only in
articles of the language that made it. The expected titles are written by hand from the articles below.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import invoke

ARTICLES = {
    "tr.txt": ("İran'ın açıklaması", "İran'ın dışişleri bakanı Tahran'da konuştu ve yeni görüşmeler istedi.", "tr"),
    "tr2.txt": ("Putin'in ziyareti", "Putin'in Ankara ziyareti ertelendi, bakanlık açıklama yaptı.", "tr"),
    "es.txt": ("La ira de los vecinos", "Los vecinos expresaron su ira por el cierre del mercado municipal.", "es"),
    "es2.txt": ("Viaje a China", "El ministro viaja a China para hablar de comercio con sus socios.", "es"),
    "en_ira.txt": ("Roth IRA rules change", "Savers can move more money into a Roth IRA from next year.", "en"),
    "en_chin.txt": ("Boxer hurt", "The boxer broke his chin and will put off the next bout; his bid failed.", "en"),
    "en_iran.txt": ("Iran talks resume", "Envoys from Iran and the EU met in Geneva to resume talks.", "en"),
    "da.txt": ("Biden i København", "Præsident Biden besøgte København og talte om Ukraine.", "da"),
}


def write(folder: Path, name: str, title: str, body: str, language: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = f"Title: {title}\nSource: Wire {name}\nDate: 2026-02-01 12:00 UTC\nLanguage: {language}\n\n{body}\n"
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def store(db: Path, tmp_path: Path) -> Path:
    for name, (title, body, language) in ARTICLES.items():
        write(tmp_path / "a", name, title, body, language)
    code, _, err = invoke(db, "fetch", str(tmp_path / "a"))
    assert code == 0, err
    return db


def found(db: Path, *args: str) -> list[str]:
    code, out, err = invoke(db, "search", *args, "--json")
    assert code == 0, err
    return sorted(a["title"] for a in json.loads(out))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Iran", ["Iran talks resume", "İran'ın açıklaması"]),  # not the anger, not the IRA
        ("China", ["Viaje a China"]),  # not the boxer's chin
        ("Putin", ["Putin'in ziyareti"]),  # not "put off"
        ("Biden", ["Biden i København"]),  # not "his bid"
    ],
)
def test_a_form_counts_only_in_the_language_that_made_it(store: Path, query: str, expected: list[str]) -> None:
    assert found(store, query) == expected


def test_the_newest_first_order_and_phrases_keep_to_the_languages_too(store: Path) -> None:
    assert found(store, "Iran", "--sort", "newest") == ["Iran talks resume", "İran'ın açıklaması"]
    assert found(store, '"Roth IRA"') == ["Roth IRA rules change"]
    # Danish and Spanish both make `bid` of Biden: one group of two languages, newest first too.
    assert found(store, "Biden", "--sort", "newest") == ["Biden i København"]


def test_filters_and_exclusions_apply_per_language(store: Path) -> None:
    assert found(store, "Iran", "--lang", "tr") == ["İran'ın açıklaması"]
    assert found(store, "Iran", "--source", "Wire en_iran.txt") == ["Iran talks resume"]
    assert found(store, "Iran -Geneva") == ["İran'ın açıklaması"]


def test_a_word_typed_as_it_is_still_finds_its_own_language(store: Path) -> None:
    """`ira` finds the anger and the IRA (and, as Turkish stems `İran` to `ira` too, that article)."""
    assert found(store, "ira", "--lang", "es") == ["La ira de los vecinos"]
    assert found(store, "ira", "--lang", "en") == ["Roth IRA rules change"]


def test_trends_count_the_same_matches(store: Path) -> None:
    code, out, err = invoke(store, "trends", "Iran", "--since", "2026-01-30", "--until", "2026-02-03", "--json")
    assert code == 0, err
    periods = json.loads(out)["periods"]
    assert sum(p["counts"][0] for p in periods) == 2


def test_a_watch_counts_the_same_matches(store: Path) -> None:
    code, _, err = invoke(store, "watch", "add", "iran", "Iran")
    assert code == 0, err
    code, out, err = invoke(store, "watch", "--json")
    assert code == 0, err
    [watch] = json.loads(out)
    assert (watch["unread"], watch["new"]) == (2, 2)


def test_the_browser_search_view_lists_and_counts_the_same_matches(store: Path) -> None:
    from newsreader.lang.query import compile_plain
    from newsreader.models import Filters
    from newsreader.store import pages
    from newsreader.store.db import Store

    opened = Store.open_existing(store)
    assert opened is not None
    with opened:
        match = compile_plain("Iran", tuple(opened.languages())).match
        assert pages.count(opened, Filters(), match) == 2
        listed = sorted(a.title for a in pages.page(opened, Filters(), 0, 10, match))
    assert listed == ["Iran talks resume", "İran'ın açıklaması"]
