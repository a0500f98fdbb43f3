"""Search in every language through the real CLI on real SQLite files: stemming, CJK, prefixes, queries."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SEED
from tests.helpers import invoke


def write(
    folder: Path, name: str, title: str, body: str, *, language: str = "", date: str = "2026-02-01 12:00 UTC"
) -> None:
    header = [f"Title: {title}", "Source: Test Wire", f"Date: {date}"]
    if language:
        header.append(f"Language: {language}")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("\n".join(header) + "\n\n" + body + "\n", encoding="utf-8")


ARTICLES = {
    "zh.txt": ("外交部发言人答记者问", "中国外交部发言人表示，习近平将访问北京以外的城市。", "zh"),
    "ja.txt": ("首相が会見", "日本の首相は東京で記者会見を開いた。", "ja"),
    "ko.txt": ("정상회담 개최", "서울에서 정상회담이 열렸다.", "ko"),
    "ru.txt": ("Переговоры в Москве", "Встреча с Путиным прошла в Кремле. Позиция Путина не изменилась.", "ru"),
    "de.txt": ("Russlands Haltung", "Die Bundesregierung kritisierte Russlands Vorgehen an der Grenze.", "de"),
    "fr.txt": ("Reprise à Genève", "Les négociations reprennent entre les délégations à Genève.", "fr"),
    "ar.txt": ("بيان رسمي", "أعلنت وزارة الخارجية الأمريكية عن جولة جديدة من المحادثات.", "ar"),
    "en1.txt": ("Envoys meet", "The U.S. and the U.K. asked the U.N. to mediate nuclear talks with Erdoğan.", "en"),
    "en2.txt": ("Markets calm", "Oil prices held steady as talks on nuclear energy stalled.", "en"),
}


@pytest.fixture
def store(db: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    for name, (title, body, language) in ARTICLES.items():
        write(folder, name, title, body, language=language)
    code, _, err = invoke(db, "fetch", str(folder))
    assert code == 0, err
    return db


def titles(db: Path, *args: str) -> list[str]:
    code, out, err = invoke(db, "search", *args, "--json")
    assert code == 0, err
    return sorted(a["title"] for a in json.loads(out))


@pytest.mark.parametrize("query", ["中国", "外交部", "习近平", "北京", "发言人表示"])
def test_chinese_strings_of_two_or_more_characters_find_the_article(store: Path, query: str) -> None:
    assert titles(store, query) == ["外交部发言人答记者问"]


@pytest.mark.parametrize(
    ("query", "title"), [("首相", "首相が会見"), ("東京", "首相が会見"), ("서울", "정상회담 개최")]
)
def test_japanese_and_korean_strings_find_the_article(store: Path, query: str, title: str) -> None:
    assert titles(store, query) == [title]


def test_cjk_characters_that_are_not_adjacent_in_the_text_do_not_match(store: Path) -> None:
    assert titles(store, "中京") == []


def test_russian_name_finds_its_inflected_forms(store: Path) -> None:
    assert titles(store, "Путин") == ["Переговоры в Москве"]
    assert titles(store, "Путина") == ["Переговоры в Москве"]


def test_german_word_finds_its_genitive(store: Path) -> None:
    assert titles(store, "Russland") == ["Russlands Haltung"]


def test_french_singular_finds_the_plural_with_or_without_accents(store: Path) -> None:
    assert titles(store, "négociation") == ["Reprise à Genève"]
    assert titles(store, "negociation") == ["Reprise à Genève"]
    assert titles(store, "Geneve") == ["Reprise à Genève"]


def test_arabic_word_is_found_with_and_without_its_article(store: Path) -> None:
    assert titles(store, "الخارجية") == ["بيان رسمي"]
    assert titles(store, "خارجية") == ["بيان رسمي"]


@pytest.mark.parametrize("query", ["US", "UK", "UN", "U.S.", "u.n."])
def test_acronyms_match_with_or_without_dots(store: Path, query: str) -> None:
    assert titles(store, query) == ["Envoys meet"]


def test_diacritics_are_folded(store: Path) -> None:
    assert titles(store, "Erdogan") == ["Envoys meet"]
    assert titles(store, "Erdoğan") == ["Envoys meet"]


def test_several_arguments_are_one_query_of_all_words(store: Path) -> None:
    assert titles(store, "nuclear", "talks") == ["Envoys meet", "Markets calm"]
    assert titles(store, "nuclear", "mediate") == ["Envoys meet"]


def test_quotes_make_a_phrase(store: Path) -> None:
    assert titles(store, '"nuclear talks"') == ["Envoys meet"]
    assert titles(store, '"talks nuclear"') == []


def test_minus_excludes_a_word(store: Path) -> None:
    assert titles(store, "nuclear", "-oil") == ["Envoys meet"]
    assert titles(store, 'nuclear -"nuclear talks"') == ["Markets calm"]


def test_or_between_words_means_either(store: Path) -> None:
    assert titles(store, "Путин OR Russland") == ["Russlands Haltung", "Переговоры в Москве"]
    assert titles(store, "oil OR mediate", "nuclear") == ["Envoys meet", "Markets calm"]


def test_plain_mode_never_fails_on_fts_syntax(store: Path) -> None:
    # query -> its exit code: 2 where no word is left to search for, else 0 (a search ran)
    for query, expected in {'"': 2, "(": 2, "*": 2, "NOT": 0, "a:b": 0, "^x": 0, "NEAR(": 0, "-": 2, "OR": 0}.items():
        code, _, err = invoke(store, "search", query)
        assert code == expected, (query, err)
        assert (code == 2) == ("no words" in err), (query, err)


def test_only_excluded_words_is_a_usage_error(store: Path) -> None:
    code, _, err = invoke(store, "search", "-oil")
    assert code == 2
    assert "no words to search for" in err


@pytest.fixture
def seeded(db: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    code, _, err = invoke(db, "fetch", str(folder))
    assert code == 0, err
    return db


@pytest.mark.parametrize("args", [("negotiat*",), ("--raw", "negotiat*"), ("--raw", "negotiat* AND Israel")])
def test_prefix_query_matches_unstemmed_words_as_in_the_readme(seeded: Path, args: tuple[str, ...]) -> None:
    assert "negotiations" in SEED.read_text(encoding="utf-8")
    code, out, err = invoke(seeded, "search", *args, "--json")
    assert code == 0, err
    assert len(json.loads(out)) == 1


def test_raw_mode_keeps_fts5_syntax(store: Path) -> None:
    assert titles(store, "--raw", '"nuclear talks" OR Путин') == ["Envoys meet", "Переговоры в Москве"]
    assert titles(store, "--raw", "nuclear NOT oil") == ["Envoys meet"]
    assert titles(store, "--raw", "NEAR(nuclear mediate, 5)") == ["Envoys meet"]
    code, _, err = invoke(store, "search", "--raw", '"nuclear')
    assert code == 2
    assert "invalid search query" in err


def test_lang_filters_show_and_search(store: Path) -> None:
    code, out, err = invoke(store, "show", "--lang", "ru", "--lang", "DE", "--json")
    assert code == 0, err
    assert sorted(a["title"] for a in json.loads(out)) == ["Russlands Haltung", "Переговоры в Москве"]
    assert titles(store, "nuclear", "--lang", "en") == ["Envoys meet", "Markets calm"]
    assert titles(store, "nuclear", "--lang", "fr") == []
    assert titles(store, "nuclear", "--language", "en") == ["Envoys meet", "Markets calm"]  # the long name too
    code, _, err = invoke(store, "show", "--lang", "xx-nope")
    assert code == 2
    assert "--lang 'xx-nope' is not a language code" in err


def test_language_is_in_json_and_in_the_article_view(store: Path) -> None:
    code, out, _ = invoke(store, "search", "Путин", "--json")
    found = json.loads(out)[0]
    assert found["language"] == "ru"
    code, out, _ = invoke(store, "show", found["id"], "--no-pager")
    assert code == 0
    assert re.search(r"^\W*Language\W+ru\W*$", out, re.M), out  # the Language row holds ru, and only ru


def test_language_is_detected_when_undeclared(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "undeclared"
    write(
        folder, "de.txt", "Bericht", "Die Bundesregierung hat am Montag neue Maßnahmen gegen die Inflation beschlossen."
    )
    write(folder, "en.txt", "Report", "The government announced new measures against inflation on Monday morning.")
    invoke(db, "fetch", str(folder))
    _code, out, _ = invoke(db, "show", "--json")
    assert {a["title"]: a["language"] for a in json.loads(out)} == {"Bericht": "de", "Report": "en"}


def test_feed_language_is_stored(db: Path, tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><language>de-DE</language>'
        "<item><title>Russlands Präsident</title><guid>a</guid><description>Text</description></item>"
        '<item xml:lang="fr"><title>Les négociations</title><guid>b</guid><description>Texte</description></item>'
        "</channel></rss>",
        encoding="utf-8",
    )
    code, _, err = invoke(db, "fetch", str(feed))
    assert code == 0, err
    code, out, _ = invoke(db, "show", "--json")
    assert {a["title"]: a["language"] for a in json.loads(out)} == {
        "Russlands Präsident": "de",
        "Les négociations": "fr",
    }
    assert titles(db, "Russland") == ["Russlands Präsident"]


def test_snippet_shows_the_body_passage_not_the_title(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "a"
    filler = " ".join(f"word{i}" for i in range(60))
    write(
        folder, "a.txt", "Sanctions on Iran", f"{filler} The sanctions were extended by a year. {filler}", language="en"
    )
    invoke(db, "fetch", str(folder))
    code, out, _ = invoke(db, "search", "sanctions", "--fields", "title,snippet")
    assert code == 0
    [(title, snippet)] = [line.split("\t") for line in out.splitlines()]
    assert title == "Sanctions on Iran"  # the title, once
    assert "sanctions were extended" in snippet
    assert "Sanctions on Iran" not in snippet


def test_sort_newest_orders_by_date(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "a"
    write(folder, "old.txt", "Iran Iran Iran talks", "Iran Iran Iran.", language="en", date="2026-01-01 12:00 UTC")
    write(folder, "new.txt", "Weather", "Also Iran.", language="en", date="2026-03-01 12:00 UTC")
    invoke(db, "fetch", str(folder))
    code, out, _ = invoke(db, "search", "Iran", "--sort", "newest", "--json")
    assert [a["title"] for a in json.loads(out)] == ["Weather", "Iran Iran Iran talks"]
    code, out, _ = invoke(db, "search", "Iran", "--json")
    assert [a["title"] for a in json.loads(out)] == ["Iran Iran Iran talks", "Weather"]
    code, _, err = invoke(db, "search", "Iran", "--sort", "oldest")
    assert code == 2
    assert "--sort must be one of relevance, newest" in err


def test_no_hits_names_the_filter_that_hid_the_matches(store: Path) -> None:
    code, _, err = invoke(store, "search", "nuclear", "--since", "2030-01-01")
    assert code == 0
    assert err.strip().endswith("No articles match 'nuclear' since 2030-01-01; 2 match without the date filter.")
    code, _, err = invoke(store, "search", "Путин", "--lang", "de")
    assert err.strip().endswith("No articles match 'Путин' in de; 1 matches without the language filter.")
    code, _, err = invoke(store, "search", "zanzibar")
    assert err.strip().endswith("No articles match 'zanzibar'.")


def test_footer_on_a_terminal_counts_all_matches(store: Path, tmp_path: Path) -> None:
    """stderr on a real pseudo-terminal: "1 of 2 matches"; piped, no footer."""
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "newsreader", "--db", str(store), "search", "nuclear", "-n", "1"],
        stdout=subprocess.PIPE,
        stderr=follower,
        env=env,
        timeout=60,
    )
    os.close(follower)
    err = os.read(leader, 4096).decode()
    os.close(leader)
    assert done.returncode == 0
    assert "1 of 2 matches" in err
    piped = subprocess.run(
        [sys.executable, "-m", "newsreader", "--db", str(store), "search", "nuclear", "-n", "1"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert "matches" not in piped.stderr


def test_a_fresh_search_marks_the_inflected_form_in_the_body(db: Path, tmp_path: Path) -> None:
    """The snippet of a new process: "election" finds "elections" deep in the body and shows that passage.

    The fetch runs here (its words are then known to this process's stemming cache); the search runs in a
    process of its own, as a user's does, where no word of the body has been stemmed before.
    """
    folder = tmp_path / "a"
    filler = " ".join(f"filler{i}" for i in range(80))
    write(
        folder,
        "a.txt",
        "Vote in Ruritania",
        f"{filler} Regional elections were postponed again. {filler}",
        language="en",
    )
    code, _, err = invoke(db, "fetch", str(folder))
    assert code == 0, err
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "newsreader", "--db", str(db), "search", "election", "--fields", "snippet"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Regional elections were postponed" in done.stdout
    assert done.stdout.startswith("…")  # a passage from inside the body, not its start
