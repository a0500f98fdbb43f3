"""Places one level below the ISO 3166-2 top level (England's counties, London's boroughs, Ireland's
counties, the Philippines' and Indonesia's provinces) and names made of an article and a word ("La Unión",
"La Libertad"), found by reading the real store of ../shared/news and Spanish sentence openings. Expected
tags are written by hand on sentences written for the test."""

from __future__ import annotations

import dataclasses

import pytest

from newsreader import geo
from tests.geo_support import make_article


def codes(text: str, home: str = "", language: str = "en") -> set[str]:
    """The tags of a feed item: the text's first line its title, the rest its summary."""
    title, _, summary = text.partition("\n")
    article = dataclasses.replace(make_article(title=title, summary=summary), source_country=home, language=language)
    return set(geo.tag(article).country_codes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seal pup rescued from a Cambridgeshire river bank", {"GB"}),
        ("Gangster shot dead outside his Essex cottage", {"GB"}),
        ("Bodies found on the Pembrokeshire coast path", {"GB"}),
        ("Council tax rises in Lewisham and Hackney", {"GB"}),
        ("Two-tier county: Gloucestershire police name the victim", {"GB"}),
        ("Typhoon makes landfall in Bohol", {"PH"}),
        ("Floods in Kalimantan Timur displace thousands", {"ID"}),
        ("Storm warning for County Donegal", {"IE"}),
    ],
)
def test_a_county_or_province_below_the_top_level_names_its_country(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


def test_norfolk_alone_is_the_english_county_not_the_island() -> None:
    # Dutch and Polish CLDR call Norfolk Island "Norfolk"; English news means the county (or Norfolk, Va.)
    assert codes("Storm hits Cambridgeshire and Norfolk") == {"GB"}
    assert codes("Norfolk, Va., police said on Monday") == {"US"}
    assert codes("Norfolk Island votes on self-government") == {"NF"}


@pytest.mark.parametrize(
    "text",
    [
        "Clare Balding presents the coverage",  # Co. Clare: a given name far more often
        "A Sutton Trust report on schools",  # the London borough: a surname and a charity
        "Antique dealers gather for the annual fair",  # Antique, the Philippine province
        "Bury the past, says the minister",  # Bury, a metropolitan district: a verb
        "Sian Berry said the Greens would vote against",  # Sian, an old spelling of Xi'an: a given name
    ],
)
def test_a_unit_named_like_a_person_or_a_word_is_not_read_as_a_place(text: str) -> None:
    assert codes(text) == set()


def test_a_unit_named_after_its_town_is_that_town() -> None:
    # Derby, the unitary authority, is the town: "Derby" is a common word in German, as before
    assert codes("Im Derby gegen den Rivalen fiel das Siegtor spät", language="de") == set()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("La Unión Europea aprobó nuevas sanciones", "es"),  # El Salvador's department La Unión
        ("La Unión Africana pide un alto el fuego", "es"),
        ("La libertad de prensa, en peligro", "es"),  # La Libertad, the Ecuadorian town
        ("La paz sigue lejos, dicen los negociadores", "es"),  # La Paz, only with a capital P
        ("Le havre de paix des randonneurs", "fr"),  # Le Havre, only with a capital H
        ("Dijo el ministro: La paz llegará pronto", "es"),  # the article is found from the name's start
        ("LA paz sigue lejos", "es"),  # the word after the article, not the article's last letter
    ],
)
def test_an_article_and_a_common_word_at_a_sentences_start_is_no_place(text: str, language: str) -> None:
    assert codes(text, language=language) == set()


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Estudiantes de La Plata ganó el clásico", "es", {"AR"}),
        ("Llegan los observadores a La Paz", "es", {"BO"}),
        ("Le Havre accueille la Transat", "fr", {"FR"}),
    ],
)
def test_an_article_and_a_capitalised_name_is_still_the_place(text: str, language: str, expected: set[str]) -> None:
    assert codes(text, language=language) == expected
