"""Rules found on the third batch of dev items (Ukrainian outlets, Spiegel, Courrier International, an
Argentine local paper, US local news): the outlet's home for shared town names, and the like."""

from __future__ import annotations

import dataclasses

import pytest

from newsreader import geo
from tests.geo_support import make_article


def codes(text: str, home: str = "", language: str = "") -> set[str]:
    article = dataclasses.replace(make_article(text), source_country=home, language=language)
    return set(geo.tag(article).country_codes)


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        # Argentina's San Francisco (Córdoba, 60,000 people) in a paper of that town
        ("Bomberos Voluntarios de San Francisco lanza la venta del bingo", "AR", {"AR"}),
        ("Bomberos Voluntarios de San Francisco lanza la venta del bingo", "", {"US"}),  # no home: the prior
        ("Bomberos Voluntarios de San Francisco lanza la venta del bingo", "ES", {"US"}),  # no Spanish one
        # Dunkirk, New York (12,000) in Buffalo's news; Dunkerque for everyone else
        ("Lanes closed on the I-90 between Westfield and Dunkirk on Friday.", "US", {"US"}),
        ("Lanes closed on the I-90 between Westfield and Dunkirk on Friday.", "GB", {"FR"}),
        # a capital is the capital, whatever the outlet: Athens, Georgia does not take it
        ("Protests in Athens over the new pension law.", "US", {"GR"}),
        # another country named in the text decides before the home does
        ("San Francisco and Oakland brace for the storm, California officials said.", "AR", {"US"}),
    ],
)
def test_a_shared_town_name_is_the_outlets_own_town_unless_the_other_is_a_capital_or_far_bigger(
    text: str, home: str, expected: set[str]
) -> None:
    assert codes(text, home) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 On Your Side sat down with the board chair from the Erie Co. Stadium Development Corp.", {"US"}),
        ("The Erie County legislature met on Monday.", {"US"}),
        ("The company co. founder said little.", set()),  # "co." in lower case is no county
    ],
)
def test_a_us_county_is_named_by_its_abbreviation_co_with_its_full_stop(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Через удар по Дружківці загинула жінка",  # Дружківка (55,000) in the locative: к -> ц
        "Обстріл Костянтинівки триває",  # Костянтинівка (67,000), below the big-city line
        "Обстріл Дружковки: есть погибшие",  # the Russian name of the same town, genitive
    ],
)
def test_ukrainian_towns_are_found_in_their_cases_in_ukrainian_and_russian(text: str) -> None:
    assert codes(text) == {"UA"}


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        ("El presidente de Gobierno ha destacado este sábado que no debe ser el camino", "ES", {"ES"}),
        ("В Повітряних силах додали, що зафіксовано влучання ракет", "UA", {"UA"}),
        ("Міноборони повідомило про нові поставки", "UA", {"UA"}),
        ("Der Bundesrat billigte das Gesetz am Freitag.", "CH", {"CH"}),  # Switzerland's, in a Swiss outlet
        ("Der Bundesrat billigte das Gesetz am Freitag.", "", set()),  # no home: whose Bundesrat?
    ],
)
def test_offices_named_by_title_in_spanish_ukrainian_and_german_stand_for_the_home(
    text: str, home: str, expected: set[str]
) -> None:
    assert codes(text, home) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DFB-Sieg über Ghana: Matchwinner Deniz Undav", {"DE", "GH"}),  # the national team by its federation
        ("Der Drittligist scheidet im DFB-Pokal aus.", set()),  # the cup is a competition, not the state
        ("The former DEA agent stands trial for taking bribes.", {"US"}),  # a national police service
    ],
)
def test_national_teams_and_police_services_by_their_abbreviations(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Vulkanausbruch auf Island: Tausende verlassen Grindavík", "de", {"IS"}),  # German: Iceland
        ("Islands Regierung ruft den Notstand aus", "de", {"IS"}),  # its genitive
        ("Ferry service to the Island resumes after the storm", "en", set()),  # English: an island
        # no language declared: detected from the text, only because it holds such a word
        ("Auf Island ist die Regierung nach der Wahl zurückgetreten, berichten Medien aus Reykjavík.", "", {"IS"}),
        ("They took the ferry to the Island and stayed until the storm had passed over the bay.", "", set()),
        ("Concert au Palau Sant Jordi de Barcelone", "fr", {"ES", "PW"}),  # French: the country
        ("Concierto en el Palau Sant Jordi de Barcelona", "es", {"ES"}),  # Spanish/Catalan: a palace
        ("Palau's president met the delegation.", "en", {"PW"}),
        ("La economía china crece un 5 %", "es", {"CN"}),  # the Spanish adjective
        ("Tariffs raise the price of fine bone china", "en", set()),  # English: porcelain
        ("China's exports grew", "en", {"CN"}),  # the name itself counts in every language
        ("Le Chili vote dimanche", "fr", {"CL"}),  # French for Chile
        ("Red Hot Chili Peppers drummer Chad Smith", "en", set()),  # the pepper
    ],
)
def test_a_word_that_is_a_country_only_in_some_languages_counts_in_those(
    text: str, language: str, expected: set[str]
) -> None:
    assert codes(text, language=language) == expected


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        ("The victim, a 24-year-old Buffalo man, was treated and released.", "US", {"US"}),
        ("The City of Buffalo has issued a Code Blue for Thursday.", "US", {"US"}),
        ("A new restaurant is coming to Fillmore Avenue in Buffalo.", "US", {"US"}),
        ("The Buffalo Bills confirmed the trade.", "US", set()),  # a team, not the town
        ("Add the Buffalo wings to the menu.", "US", set()),
        ("A 24-year-old Buffalo man was arrested.", "GB", set()),  # a British outlet: whose Buffalo?
        ("A 24-year-old Buffalo man was arrested.", "", set()),
        ("Flooding in Bath closed the Roman Baths on Sunday.", "GB", {"GB"}),
        ("Fresh Bath towels in every room.", "GB", set()),
    ],
)
def test_a_town_named_like_a_common_word_counts_in_its_own_countrys_news_named_as_a_place(
    text: str, home: str, expected: set[str]
) -> None:
    assert codes(text, home) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A Mexican restaurant operator is prepping for two new sites.", set()),
        ("Mexican troops were deployed to the border.", {"MX"}),
        ("Ці китайські знаки Зодіаку нарешті отримують заслужену нагороду", set()),
        ("Китайські війська провели навчання", {"CN"}),
    ],
)
def test_a_cuisine_or_a_zodiac_named_by_a_demonym_is_not_the_country(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


def test_the_keys_of_other_scripts_are_built_by_the_first_text_that_may_hold_them() -> None:
    from newsreader.geo import gazetteer
    from newsreader.geo.tagger import find

    fresh = gazetteer.load.__wrapped__()  # not the process's cached one: its state is this test's
    assert fresh.pending is not None and "россии" not in fresh.table
    assert find(fresh, "Talks in Oman", "", "").mentions == {"OM": 1}
    assert fresh.pending is not None  # Latin-1 text: nothing else was built
    assert find(fresh, "Переговоры в России", "", "").mentions == {"RU": 1}
    assert fresh.pending is None and "россии" in fresh.table
    assert find(fresh, "Talks in Oman and Łódź", "", "").mentions.keys() == {"OM", "PL"}
    assert find(fresh, "中美会谈在日本举行", "", "").mentions.keys() == {"CN", "US", "JP"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Friedrich Merz geht im Irankrieg auf Distanz zu Donald Trump.", {"DE", "IR", "US"}),
        ("Die Chinareise des Kanzlers ist abgesagt.", {"CN"}),
        ("Neue Russlandsanktionen beschlossen", {"RU"}),
        ("Ein Rezept für Chinakohl mit Sesam", set()),  # Chinese cabbage: a head not on the list
    ],
)
def test_a_german_compound_headed_by_a_country_name_names_that_country(text: str, expected: set[str]) -> None:
    assert codes(text, language="de") == expected
