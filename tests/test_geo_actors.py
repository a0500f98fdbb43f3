"""State actors (data/actors.toml) and which countries are primary: what the story is about."""

from __future__ import annotations

import pytest

from newsreader import geo
from tests.geo_support import make_article


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Putin says talks will go on.", {"RU"}),
        ("Erdoğan warns of a new offensive.", {"TR"}),
        ("Netanyahu vows to press on.", {"IL"}),
        ("Путину доложили о ходе работ.", {"RU"}),
        ("习近平会见外宾", {"CN"}),
        ("بوتين يلتقي نظيره", {"RU"}),
        # a common surname alone names nobody; the full name does
        ("Johnson said the bill would pass.", set()),
        ("Boris Johnson said the bill would pass.", {"GB"}),
    ],
)
def test_state_actors_tag_their_country(text: str, expected: set[str]) -> None:
    assert set(geo.tag(make_article(text)).country_codes) == expected


def test_title_countries_are_primary_and_summary_extras_are_not() -> None:
    tagged = geo.tag(
        make_article(
            title="Three Western women killed in Afghanistan",
            summary="The victims were from the United States, Canada, Britain and Trinidad and Tobago.",
        )
    )
    assert set(tagged.country_codes) == {"AF", "US", "CA", "GB", "TT"}
    assert tagged.primary_codes == ("AF",)
    assert tagged.regions[0] != "North America"


def test_at_most_three_primary_countries() -> None:
    summary = "Iran, Iraq, Syria, Lebanon, Jordan and Egypt sent envoys to the talks."
    tagged = geo.tag(make_article(title="Regional talks open", summary=summary))
    assert len(tagged.country_codes) == 6
    assert set(tagged.primary_codes) == {"IR", "IQ", "SY"}  # the first named, all else equal


def test_a_lead_country_named_as_often_as_the_title_one_is_primary() -> None:
    tagged = geo.tag(
        make_article(
            title="Iran rejects the offer",
            summary="Iran said the US offer was late; the US said Iran had months. Oman mediated.",
        )
    )
    assert set(tagged.primary_codes) == {"IR", "US"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ministers and governors count for the state they serve (labelling rule 5), by distinctive surnames
        ("Söder und Pistorius streiten über die Wehrpflicht.", {"DE"}),
        ("Ayuso acusa a Puigdemont.", {"ES"}),
        ("Newsom signs the bill; Hegseth objects.", {"US"}),
        ("Apple Store opens a new shop.", set()),  # a common word is no surname key (Støre, not Store)
    ],
)
def test_ministers_and_governors_name_their_state(text: str, expected: set[str]) -> None:
    assert set(geo.tag(make_article(text)).country_codes) == expected
