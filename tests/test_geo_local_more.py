"""Rules found on the local news set (tests/data/geo_local_dev.jsonl: US, UK, Canadian and Indian local
news): regional names below the state, towns named as places, street-named suburbs, subdivisions that
are English words, clubs named after towns, languages, state and provincial leaders, and the outlet name
aggregators append to titles. Expected values are written from the labelling rules, not from the output."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from newsreader import geo
from newsreader.geo.tagger import without_outlet_suffix
from tests.geo_support import make_article

LOCAL = Path(__file__).parent / "data" / "geo_local_dev.jsonl"
REAL = [Path(__file__).parent / "data" / name for name in ("geo_real_dev.jsonl", "geo_real_test.jsonl")]


def codes(text: str, home: str = "", title: str = "", source: str = "test") -> set[str]:
    article = dataclasses.replace(make_article(text, title=title), source_country=home, source=source)
    return set(geo.tag(article).country_codes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Folks enjoy the solar eclipse in WNY", {"US"}),
        ("Six teachers at a Western New York elementary school", {"US"}),
        ("Traffic on Long Island was slow.", {"US"}),  # the island of New York, not the Bahamas' town
        ("Rents in the Bay Area rose again.", {"US"}),
        ("Californians and Ohioans voted on Tuesday.", {"US"}),
        ("Commuters across the GTA faced delays.", {"CA"}),
        ("Arrest after West Mercia Police say a man was held", {"GB"}),
        ("Flooding in the West Midlands and Merseyside", {"GB"}),  # England's, not Zimbabwe's Midlands
        ("Strike on the Elizabeth line on New Year's Eve", {"GB"}),
        ("wny in lower case is no place", set()),  # an upper-case key only in upper case
    ],
)
def test_regions_below_the_state_name_their_country(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 men shot overnight in South Buffalo", {"US"}),  # a compass word between "in" and the town
        ("A new movie tells the story of a Buffalo neighborhood.", {"US"}),
        ("Passengers complained at Leeds City Bus Station.", {"GB"}),  # "at" the town
        ("Rising costs squeeze Buffalo-area businesses", {"US"}),
        ("Police said the shooting was on Buffalo's east side.", {"US"}),
        ("The Buffalo Bills won again.", set()),  # a team, not the town
        ("Buffalo wings at the party", set()),  # the dish
    ],
)
def test_a_common_word_town_counts_where_it_is_named_as_a_place(text: str, expected: set[str]) -> None:
    assert codes(text, home="US" if "Leeds" not in text else "GB") == expected


def test_a_common_word_town_needs_an_outlet_of_its_country() -> None:
    assert codes("2 men shot overnight in South Buffalo", home="GB") == set()
    assert codes("2 men shot overnight in South Buffalo") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Since 1946, the shop on Park Avenue has served Easter treats.",  # Park Avenue, a suburb of Rockhampton
        "A fire broke out on Church Street overnight.",
        "The crossing at Abbey Road drew tourists.",
    ],
)
def test_a_street_is_not_a_suburb_named_like_it(text: str) -> None:
    assert codes(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Residents of the Villages of Cypress Lakes subdivision are on edge.", {"US"}),  # not South Sudan's Lakes
        ("Delta cancelled flights; the Midlands braced for snow.", {"GB"}),  # an airline; England's Midlands
        ("Bono sang and Batman returned; a sense of unity.", set()),
        ("Fighting in Unity State and Rivers State", {"SS", "NG"}),  # the state form still counts
    ],
)
def test_a_subdivision_named_by_an_english_word_needs_its_phrase_form(text: str, expected: set[str]) -> None:
    # "Cypress" is a US town of 50,000: the text names it
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Leicester City sack manager Cooper after 12 league games", set()),
        ("Ipswich Town and Derby County drew.", set()),
        ("Leicester City Council approved the budget.", {"GB"}),
        ("Police closed roads in Leicester city centre.", {"GB"}),
        ("Manchester City Council said the roads would reopen.", {"GB"}),
        ("A study in the New England Journal of Medicine", set()),
    ],
)
def test_a_club_named_after_its_town_names_no_place_but_its_council_does(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Immigrants have six months to learn French in Quebec.", {"CA"}),
        ("French-speaking parents in Ontario asked for schools.", {"CA"}),
        ("She speaks German; he is learning Italian.", set()),
        # not covered: a second language after "and" ("speaks German and Italian" still gives IT)
        ("The suspect is in French custody.", {"FR"}),  # "in French" alone is the country
        ("Latvia's Russian-speaking minority", {"LV", "RU"}),  # Russian speakers: the team set's rule
    ],
)
def test_a_language_is_not_its_country(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gov. Hochul updates on eclipse preparations", {"US"}),
        ("Kathy Hochul said the roads would be busy.", {"US"}),
        ("Delhi HC issues notice to Kejriwal", {"IN"}),
        ("Legault defends Bill 96", {"CA"}),
        ("Doug Ford announced a new highway.", {"CA"}),
        ("Ford recalled 10,000 trucks.", set()),  # a common surname alone is no premier
    ],
)
def test_state_and_provincial_heads_of_government_count_for_their_country(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("title", "source", "expected"),
    [
        (
            "Tech Talk - Epic vs. Apple lawsuit impact - FOX 13 News Utah",
            "Google News",
            "Tech Talk - Epic vs. Apple lawsuit impact",
        ),
        ("Ottawa man shot on Highway 417 | CTV News - CTV Edmonton", "CTV News", "Ottawa man shot on Highway 417"),
        (
            "Sask. vaccination age group extends today - moosejawtoday.com",
            "moosejawtoday.com",
            "Sask. vaccination age group extends today",
        ),
        ("Panic buying in Taiwan - Al Jazeera English", "Al Jazeera English", "Panic buying in Taiwan"),
        ("Storm warning - Portland Press Herald", "Google News", "Storm warning"),
        ("Markets rally - Reuters", "Reuters", "Markets rally"),  # the article's own source
        ("Russia - Ukraine", "test", "Russia - Ukraine"),  # a title's own dash stays
        ("Israel - USA", "test", "Israel - USA"),
        ("Talks in Oman - day two", "test", "Talks in Oman - day two"),
        ("No separator here", "test", "No separator here"),
        ("Talks resume | CTV News", "test", "Talks resume"),  # each separator alone
        ("Talks resume \u2013 BBC News", "test", "Talks resume"),
        ("Talks resume \u2014 BBC News", "test", "Talks resume"),
        ("Talks - One News - Two News - Three News", "test", "Talks - One News"),  # at most two cut
        ("Talks - The Kyiv Independent Online News Desk", "test", "Talks"),  # six words: still a name
        (
            "Talks - The Kyiv Independent Online News Desk Team",  # seven: a part of the title
            "test",
            "Talks - The Kyiv Independent Online News Desk Team",
        ),
        ("Talks  - BBC News", "test", "Talks"),  # the spaces before the separator go with it
    ],
)
def test_the_outlet_name_an_aggregator_appends_to_a_title_is_cut(title: str, source: str, expected: str) -> None:
    assert without_outlet_suffix(title, source) == expected


def test_without_a_source_only_a_media_name_is_cut() -> None:
    assert without_outlet_suffix("Talks - XX") == "Talks - XX"
    assert without_outlet_suffix("Talks - XX News") == "Talks"


def test_the_outlet_suffix_names_no_place_but_the_rest_of_the_title_does() -> None:
    assert codes("", title="Tech Talk - Epic vs. Apple lawsuit impact - FOX 13 News Utah") == set()
    assert codes("", title="The Oilers are back in the playoffs - Edmonton Journal") == set()
    assert codes("", title="Two hurt in Ottawa crash - CTV News") == {"CA"}
    assert codes("", title="Texas - Houston Chronicle") == {"US"}  # one segment left: never cut to nothing


def test_the_local_set_is_well_formed_and_apart_from_the_real_set() -> None:
    items = [json.loads(line) for line in LOCAL.read_text("utf-8").splitlines()]
    assert len(items) >= 120
    keys = {"id", "outlet", "language", "source", "text", "countries", "primary"}
    real_ids = {json.loads(line)["id"] for path in REAL for line in path.read_text("utf-8").splitlines()}
    real_titles = {
        json.loads(line)["text"].split("\n")[0] for path in REAL for line in path.read_text("utf-8").splitlines()
    }
    for item in items:
        assert set(item) == keys, item["id"]
        assert item["countries"] == sorted(set(item["countries"])), item["id"]
        assert set(item["primary"]) <= set(item["countries"]) and len(item["primary"]) <= 3, item["id"]
        assert bool(item["primary"]) == bool(item["countries"]), item["id"]
        assert item["id"] not in real_ids and item["text"].split("\n")[0] not in real_titles, item["id"]
        assert len(item["text"]) <= 400, item["id"]
    assert len({item["id"] for item in items}) == len(items)
    # every capture of the set is listed in the data README, as the real set's are
    readme = (LOCAL.parent / "README.md").read_text("utf-8")
    for capture in {item["source"].rpartition("#")[0] for item in items}:
        assert f"`{capture}`" in readme, capture


def test_the_data_file_splits_into_a_hot_part_and_the_cold_sections_the_tagger_reads_late() -> None:
    """load() parses only the part before the cold sections; together they are the whole file."""
    from newsreader.geo import gazetteer as gz

    raw = gz.data_bytes()
    hot, cold = gz.split_cold(raw)
    assert cold is not None and len(hot) < len(raw)
    whole = json.loads(raw)
    hot_part, cold_part = json.loads(hot), json.loads(cold)
    assert list(cold_part) == list(gz.COLD_KEYS)
    assert set(hot_part).isdisjoint(cold_part) and hot_part | cold_part == whole
    # an older file, written without the cold sections last, is read whole
    assert gz.split_cold(b'{"names":{}}') == (b'{"names":{}}', None)


def test_the_cold_sections_are_parsed_only_when_asked_for() -> None:
    from newsreader.geo import gazetteer as gz

    fresh = gz.load.__wrapped__()
    assert fresh.cold._data is None  # nothing read yet: a Latin-1 tagger never needs it
    tagged = geo.tag(make_article("Talks in Oman"))  # the process-wide gazetteer: tags as before
    assert {c.code for c in tagged.countries} == {"OM"}
    assert fresh.resolve["germany"] == "DE" and fresh.cold._data is not None
    gz.complete(fresh)
    assert fresh.pending is None and "россии" in fresh.table


def test_no_key_holds_the_separator_of_the_packed_sections() -> None:
    """Keys are normalised (every non-word character a space), so SEP can join them unescaped."""
    from newsreader.geo import gazetteer as gz

    assert gz.normalise(gz.SEP) == " "
    fresh = gz.load.__wrapped__()
    gz.complete(fresh)
    for table in (fresh.table, fresh.any_case, fresh.unspaced):
        assert not any(gz.SEP in key for key in table)
    assert b"\\n" not in gz.split_cold(gz.data_bytes())[0]  # no escape left for json.loads to decode
