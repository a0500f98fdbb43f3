"""Places below the country (GeoNames, ISO 3166-2) and the rules that keep them from misfiring."""

from __future__ import annotations

import pytest

from newsreader import geo
from tests.geo_support import make_article


def codes(text: str) -> set[str]:
    return set(geo.tag(make_article(text)).country_codes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # towns, counties, states and provinces from GeoNames and ISO 3166-2
        ("A fire in Wolverhampton spread to Rotherham.", {"GB"}),
        ("Loudoun County schools reopened; Fort Lauderdale police arrested two.", {"US"}),
        ("Floods in Waikato and the Bay of Plenty.", {"NZ"}),
        ("Pilgrims gathered in Thiruvalla.", {"IN"}),
        ("Полиция задержала бизнесмена в Лондоне.", {"GB"}),
        ("Протесты в Белгороде и Курске.", {"RU"}),
        ("Inondations à Lyon et à Marseille.", {"FR"}),
        ("Hochwasser in Bayern und Sachsen.", {"DE"}),
        ("Protests in Ontario and Quebec.", {"CA"}),
    ],
)
def test_places_below_the_country(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # population and prominence priors, overridden by the place's own state
        ("Strikes in Paris closed the metro.", {"FR"}),
        ("A tornado hit Paris; Texas officials said damage was light.", {"US"}),
        ("Paris and Washington agreed on sanctions.", {"FR", "US"}),
        # a country's other places nearby decide a shared name
        ("Georgia's governor spoke in Savannah.", {"US"}),
        ("A coastal Georgia suburb flooded.", {"US"}),
        ("Georgia's Vogtle site added a reactor.", {"US"}),
        ("Georgia's president met officials in Tbilisi.", {"GE"}),
        ("Congo's army retook Goma.", {"CD"}),
        # a place name inside another place's name
        ("KuGompo City, formerly East London, hosted the meeting.", {"ZA"}),
    ],
)
def test_same_name_places_follow_context(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # phrases that are not places
        "The cast was made of plaster of Paris.",
        "They restored a late Georgian cottage with Georgian architecture.",
        "We had a Turkey dinner with French fries.",
        "Panama hats and Brussels sprouts were on sale.",
        # person names: a place word after a given name
        "By Lisa Respers France, CNN.",
        "Esteban Santiago-Ruiz was charged.",
        # teams and outlets named after their home
        "Real Madrid beat Manchester City; Paris Saint-Germain lost.",
        "The Chicago Tribune and the Sydney Morning Herald reported it.",
        # CSS font names
        "p { font-family: Geneva, Verdana, sans-serif; }",
        # common words that are also small towns' names
        "Welcome to yoga class; Bush officials said.",
    ],
)
def test_phrases_people_teams_and_fonts_name_no_place(text: str) -> None:
    assert codes(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # big cities whose names are frequent only in their own country's language, as city names
        ("Anschlag in Magdeburg: Zahl der Opfer gestiegen.", {"DE"}),
        ("Demonstration in Leipzig und Hamburg.", {"DE"}),
        ("Le maire de Lyon et le port de Rotterdam.", {"FR", "NL"}),
        ("Milano Cortina, la gara perfetta.", {"IT"}),
        # unless the name is a common word there too
        ("Das Essen in der Halle war gut.", set()),
    ],
)
def test_big_cities_named_in_their_own_language(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Violence in new york style pizza shops", set()),  # a capitalised-only phrase in lower case
        ("The court in New York ruled.", {"US"}),
        ("THE COURT IN NEW YORK RULED.", {"US"}),
        ("Talks In The United States Of America Resume", {"US"}),  # title case: phrases word by word
        ("St. Louis police and the Gulf of Guinea.", {"US"}),
    ],
)
def test_phrases_match_whole_words_in_their_case(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wildfires near Fresno, Calif., forced evacuations.", {"US"}),
        ("A man from Rochester, N.Y. was charged.", {"US"}),  # the state's mention, not Rochester, England
        ("Harrisburg, Pa. - The governor spoke.", {"US"}),
        ("Toronto, Ont. (CP) - Police said.", {"CA"}),
        ("S'pore's MRT delays.", {"SG"}),
        # abbreviations that are also words count only capitalised and followed by their full stop
        ("Pa said no, and the calif of old agreed.", set()),
    ],
)
def test_state_and_province_abbreviations(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # places in the languages of their own news: Ukrainian and Russian cases, regions by their own names
        ("Удар по Харкову: загинули двоє, у Львові тривога.", {"UA"}),
        ("Атака на Крым и Донбасс, взрыв в Подмосковье.", {"UA", "RU"}),
        ("Incendios en Galicia y Cataluña; maltempo in Sicilia; grève en Bretagne.", {"ES", "IT", "FR"}),
    ],
)
def test_regions_and_cities_in_their_own_languages(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # capitals and cities by their French, Spanish and German names, and city demonyms
        ("Le pape à Jérusalem; les Parisiens et les Londoniens.", {"IL", "FR", "GB"}),
        ("Los ministros en Roma y Atenas.", {"IT", "GR"}),
        ("Angriff auf Cherson und die Krim; Gipfel in Rom.", {"UA", "IT"}),
        ("Die Lage der Sinti und Roma.", set()),  # a people, not Rome
    ],
)
def test_cities_by_their_names_in_other_languages(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


def test_league_teams_name_no_place_but_their_home_town_does() -> None:
    assert codes("Orlando Magic beat the Charlotte Bobcats 89-77.") == set()
    assert codes("The Kansas City Chiefs won; Kansas City police said.") == {"US"}
