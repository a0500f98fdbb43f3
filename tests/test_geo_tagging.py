"""Tagging: the seed article, the labelled set, each ambiguity rule, and merging declared tags."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from newsreader import geo
from newsreader.models import CountryTag
from tests.geo_support import make_article

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "azernews-2026-02-03-israel-readiness.txt"
LABELLED = ROOT / "tests" / "data" / "geo_labelled.jsonl"


def codes(text: str, title: str = "") -> set[str]:
    return set(geo.tag(make_article(text, title=title)).country_codes)


def test_seed_article() -> None:
    lines = SEED.read_text("utf-8").split("\n")
    body = "\n".join(lines[4:])  # after the date line and the author
    title = body.split(", according to the report")[0]
    tagged = geo.tag(make_article(body, title=title))
    assert set(tagged.country_codes) == {"IL", "IR", "US", "TR", "SA", "QA", "OM", "PK", "EG", "AE"}
    assert set(tagged.primary_codes) == {"IR", "US", "IL"}
    assert {"Middle East", "Gulf", "North America", "South Asia", "North Africa"} <= set(tagged.regions)


def test_seed_whole_file_as_body_ignores_publisher() -> None:
    tagged = geo.tag(make_article(SEED.read_text("utf-8")))
    assert "AZ" not in tagged.country_codes
    assert set(tagged.primary_codes) == {"IR", "US", "IL"}


def test_labelled_set_precision_and_recall() -> None:
    tp = fp = fn = 0
    items = [json.loads(line) for line in LABELLED.read_text("utf-8").splitlines()]
    assert len(items) >= 120
    for item in items:
        want, got = set(item["countries"]), codes(item["text"])
        tp, fp, fn = tp + len(want & got), fp + len(got - want), fn + len(want - got)
    assert tp / (tp + fp) >= 0.97
    assert tp / (tp + fn) >= 0.95


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # names, variants, abbreviations, possessives
        ("Türkiye and Turkey are the same country; so is Turkiye.", {"TR"}),
        ("Czechia, once the Czech Republic, hosted the talks.", {"CZ"}),
        ("Côte d'Ivoire, or Ivory Coast, exports cocoa.", {"CI"}),
        ("Burma, now Myanmar, held a vote.", {"MM"}),
        ("North Macedonia and Eswatini signed a treaty.", {"MK", "SZ"}),
        ("The US, the U.S.A. and the UAE met the DRC and the UK.", {"US", "AE", "CD", "GB"}),
        ("Iran's envoy and Iraq’s minister spoke.", {"IR", "IQ"}),
        ("IRAN SAYS TALKS WITH U.S. WILL GO ON", {"IR", "US"}),
        # demonyms
        ("Emirati, Saudi, Filipino and Burkinabè officials met.", {"AE", "SA", "PH", "BF"}),
        ("Malagasy, Dutch, Swiss and Kyrgyz diplomats attended.", {"MG", "NL", "CH", "KG"}),
        ("The Saudis and the Israelis disagreed; Filipinos protested.", {"SA", "IL", "PH"}),
        # capitals, cities, metonyms
        ("Talks in Tehran, Istanbul and São Paulo; shelling in Kiev and Kyiv.", {"IR", "TR", "BR", "UA"}),
        ("Washington and the Kremlin traded barbs.", {"US", "RU"}),
        ("The White House and Downing Street agreed; Whitehall was briefed.", {"US", "GB"}),
        ("Zhongnanhai ignored Foggy Bottom.", {"CN", "US"}),
        ("The Élysée and the Elysee Palace both denied it.", {"FR"}),
        # territories with own codes
        ("Gaza and the West Bank; Palestinian officials spoke.", {"PS"}),
        ("Taiwan and Hong Kong watched Kosovo's election.", {"TW", "HK", "XK"}),
        # sub-national places
        ("Floods in Sindh and West Bengal.", {"PK", "IN"}),
    ],
)
def test_names_demonyms_places(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Georgia: US state vs country
        ("Georgia's governor signed the bill in Atlanta.", {"US"}),
        ("Georgia's parliament in Tbilisi passed the law.", {"GE"}),
        ("Georgia's ruling party won the vote, and Moscow welcomed the result.", {"GE", "RU"}),
        # Jordan and Chad as first names
        ("Jordan Bardella led the polls in France.", {"FR"}),
        ("Rep. Jordan questioned the witness.", set()),
        ("Jordan closed its airspace to Iranian drones.", {"JO", "IR"}),
        ("Chad Smith said volumes fell.", set()),
        ("Chad closed its border with Sudan.", {"TD", "SD"}),
        ("The king of Jordan met the president of Chad.", {"JO", "TD"}),
        # Niger / Nigeria
        ("Niger and Nigeria agreed on a pipeline.", {"NE", "NG"}),
        ("Attacks in the Niger Delta cut output.", {"NG"}),
        # Guinea and its neighbours
        ("Guinea, Guinea-Bissau, Equatorial Guinea and Papua New Guinea.", {"GN", "GW", "GQ", "PG"}),
        ("Piracy in the Gulf of Guinea rose.", set()),
        # Congo
        ("Congo accused Rwanda of backing rebels near Goma.", {"CD", "RW"}),
        ("Congo's president spoke in Brazzaville.", {"CG"}),
        ("Congo's army advanced.", {"CD"}),
        # Sudan / South Sudan
        ("South Sudan and Sudan share oil revenue.", {"SS", "SD"}),
        ("South Sudanese refugees arrived.", {"SS"}),
        # Korea
        ("Korea's exports rose.", {"KR"}),
        ("Korea's leader Kim Jong Un visited Pyongyang's factories.", {"KP"}),
        ("North Korea and South Korea talked.", {"KP", "KR"}),
        # Dominica / Dominican Republic
        ("Dominica and the Dominican Republic signed a deal.", {"DM", "DO"}),
        # a country name inside a larger place or name
        ("New Mexico and New South Wales sent firefighters.", {"US", "AU"}),
        ("An earthquake hit East Azerbaijan.", {"IR"}),
        ("Farmers in the Jordan Valley protested.", set()),
        ("The South China Morning Post reported it.", set()),
        # turkey the bird
        ("We ate turkey and chad was a hanging chad.", set()),
        # organisation and newspaper names
        ("The Washington Post and the Wall Street Journal reported it.", set()),
        ("Turkish Airlines ordered jets.", set()),
        ("The Times of Israel and the Jerusalem Post agreed.", set()),
        # same-name places
        ("Clashes in Tripoli; the Lebanese army deployed.", {"LB"}),
        ("Clashes in Tripoli; Libyan militias fought.", {"LY"}),
        ("Tripoli airport reopened.", {"LY"}),
        ("Hyderabad in Sindh flooded.", {"PK"}),
        ("Hyderabad's tech sector grew.", {"IN"}),
        # a city followed by a state of another country is in that country
        ("A man from Moscow, Idaho, was charged.", {"US"}),
        ("Storms hit Paris, Texas.", {"US"}),
        ("Paris, Berlin and Rome agreed.", {"FR", "DE", "IT"}),
        # community names and "the Emirates" (not the airline)
        ("Turkish Cypriots and Greek Cypriots rallied.", {"CY"}),
        ("Bosnian Serb leaders met.", {"BA"}),
        ("Emirates cancelled flights; the Emirates denied it.", {"AE"}),
        # "us" the pronoun; all-caps headline
        ("Let us be clear, he told us.", set()),
        # word boundaries: names inside other words
        ("Romanian roman candles and a Germanic tribe in Omaha, Nebraska.", {"RO", "US"}),
        ("Malibu and Chadwick; Indiana Jones and Omanis.", {"OM"}),
        # a phrase key ending inside a word falls back to the longest whole-word key it starts with
        ("Washington posted a deficit; the Washington Post did not.", {"US"}),
        ("New Yorkers and New Zealanders; New York Times.", {"NZ"}),
        # hard cases found by the h2_ labelled texts
        ("Both reactors at the Turkey Point plant shut down.", set()),
        ("Pilgrims reached Santiago de Compostela; others marched in Santiago.", {"ES", "CL"}),
        ("Oil flowed from Erbil to Ceyhan.", {"IQ", "TR"}),
        ("The campus in Athens, Georgia, reopened.", {"US"}),
        ("Turkey Day sales rose.", set()),
        ("Sahrawi activists met off São Tomé.", {"EH", "ST"}),
    ],
)
def test_ambiguity_rules(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


def test_mentions_lead_and_primary() -> None:
    body = (
        "Iran and Israel traded strikes overnight, Iranian media said.\n\n"
        "Tehran said it would respond. Iran's army was on alert. Egypt called for calm.\n\n"
        "Later, Qatar offered to mediate."
    )
    tagged = geo.tag(make_article(body))
    by_code = {c.code: c for c in tagged.countries}
    assert by_code["IR"].mentions == 4 and by_code["IR"].in_lead and by_code["IR"].primary
    assert by_code["IL"].in_lead and by_code["IL"].primary
    assert not by_code["EG"].in_lead and not by_code["EG"].primary
    assert not by_code["QA"].primary
    assert tagged.countries[0].code == "IR"  # primary first, then by mentions


def test_title_makes_primary() -> None:
    tagged = geo.tag(make_article("Long story about many things, the economy and trade.", title="Chile votes"))
    assert tagged.primary_codes == ("CL",)


def test_declared_countries_are_kept_and_primary() -> None:
    declared = (CountryTag("AZ", declared=True), CountryTag("IR", declared=True))
    tagged = geo.tag(make_article("Iran and Turkey met in Ankara.", countries=declared, regions=("Caspian",)))
    by_code = {c.code: c for c in tagged.countries}
    assert set(by_code) == {"AZ", "IR", "TR"}
    assert by_code["AZ"].primary and by_code["IR"].primary
    assert by_code["AZ"].declared and by_code["IR"].declared and not by_code["TR"].declared
    assert by_code["IR"].mentions == 1 and by_code["IR"].in_lead
    assert tagged.regions[0] == "Caspian"
    assert {"Caucasus", "Middle East"} <= set(tagged.regions)


def test_undeclared_incoming_countries_are_recomputed() -> None:
    stale = (CountryTag("FR", mentions=9, in_lead=True, primary=True), CountryTag("TR", primary=True))
    tagged = geo.tag(
        make_article("Iran held talks with its neighbours, Iranian media said.\n\nTurkey commented.", countries=stale)
    )
    by_code = {c.code: c for c in tagged.countries}
    assert set(by_code) == {"IR", "TR"}
    assert by_code["IR"].primary and not by_code["TR"].primary


def test_tag_twice_changes_nothing() -> None:
    tagged = geo.tag(make_article(SEED.read_text("utf-8")))
    again = geo.tag(tagged)
    assert again == tagged
    assert [c.declared for c in again.countries] == [False] * len(again.countries)
    assert set(again.primary_codes) == {"IR", "US", "IL"}


def test_retag_is_stable() -> None:
    tagged = geo.tag(make_article(SEED.read_text("utf-8")))
    assert geo.retag(tagged) == tagged


def test_retag_drops_a_stale_found_primary() -> None:
    """An older tagger's false positive (read back from the store: no declared flag) does not stick."""
    tagged = geo.tag(make_article("Chad Smith said volumes fell in Ohio.", title="Chad Smith on trade"))
    stale = tagged.with_tags((CountryTag("TD", 2, True, True), *tagged.countries), ("Sahel", *tagged.regions))
    again = geo.retag(stale)
    assert again.country_codes == ("US",)
    assert "Sahel" not in again.regions


def test_retag_keeps_flagged_declared_countries_and_header_regions() -> None:
    declared = geo.tag(
        make_article("Talks in Ankara.", countries=(CountryTag("AZ", declared=True),), regions=("Arctic",))
    )
    again = geo.retag(declared)
    assert again == declared
    assert set(again.country_codes) == {"AZ", "TR"} and "Arctic" in again.regions
    assert [c.code for c in again.countries if c.declared] == ["AZ"]


def test_retag_reads_the_header_again_for_unflagged_local_articles(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from newsreader.local import header_countries, load_text_article

    path = tmp_path / "a.txt"
    path.write_text("Title: Caspian notes\nCountry: Azerbaijan\n\nTalks in Ankara went on for a day.\n", "utf-8")
    article, _ = load_text_article(path, str(path), None, datetime.now(UTC))
    tagged = geo.tag(article)
    # As the store returns it today: no declared flag, plus a stale primary from an older tagger.
    stored = tagged.with_tags(
        (
            CountryTag("FR", 1, True, True),
            *(CountryTag(c.code, c.mentions, c.in_lead, c.primary) for c in tagged.countries),
        ),
        tagged.regions,
    )
    again = geo.retag(stored, header_countries)
    assert {c.code: c.declared for c in again.countries} == {"AZ": True, "TR": False}
    path.write_text("Country: Azerbaijan\n\nA different text now.\n", "utf-8")
    # The file changed: its header says nothing about the stored text. A stored primary country the
    # tagger would not make primary is kept as declared (without the flag, a header fact is never lost).
    assert {c.code: c.declared for c in geo.retag(stored, header_countries).countries} == {
        "AZ": True,
        "TR": False,
        "FR": True,
    }


def test_retag_without_the_file_keeps_header_primaries_the_text_only_mentions() -> None:
    body = "Officials from many countries met for a long session on trade.\n\nLater, Iran sent a note."
    tagged = geo.tag(make_article(body, countries=(CountryTag("IR", declared=True),)))
    assert tagged.primary_codes == ("IR",)
    stored = replace(
        tagged.with_tags(tuple(replace(c, declared=False) for c in tagged.countries), tagged.regions),
        origin="moved-away/notes.txt",
    )
    # a local file no longer there: the primary IR (found, but not primary by the text) stays
    from newsreader.local import header_countries

    assert geo.retag(stored, header_countries).primary_codes == ("IR",)
    # a feed article cannot have a header: the same stored tags are simply recomputed
    assert geo.retag(replace(stored, origin="https://example.org/feed.xml"), header_countries).primary_codes == ()


def test_regions_named_in_text_and_eu_policy() -> None:
    tagged = geo.tag(make_article("Brussels warned the Balkans; the Sahel and the Middle East were also discussed."))
    assert tagged.country_codes == ()
    assert set(tagged.regions) == {"European Union", "Balkans", "Sahel", "Middle East"}


def test_regions_stored_include_m49_subregion() -> None:
    tagged = geo.tag(make_article("Kenya held elections."))
    assert tagged.regions == ("Sub-Saharan Africa",)  # news region and M49 sub-region share the name
    assert geo.tag(make_article("Iran held elections.")).regions == ("Middle East", "Southern Asia")


def test_region_order_news_first_by_centrality_then_m49() -> None:
    lines = SEED.read_text("utf-8").split("\n")
    body = "\n".join(lines[4:])
    tagged = geo.tag(make_article(body, title=body.split(", according to the report")[0]))
    assert tagged.regions == (
        "Middle East",  # IR, IL (primary) and TR, Gulf states, EG
        "North America",  # US (primary)
        "Gulf",  # four Gulf states, one mention each, and "Gulf" named
        "North Africa",  # EG once
        "South Asia",  # PK once
        "Southern Asia",  # M49 sub-regions after the news regions: IR (primary) and PK
        "Northern America",
        "Western Asia",
        "Northern Africa",
    )


def test_declared_region_without_support_comes_first_and_order_is_canonical() -> None:
    first = geo.tag(make_article("Kenya held elections.", regions=("Caspian", "Middle East")))
    assert first.regions == ("Caspian", "Middle East", "Sub-Saharan Africa")
    assert geo.tag(first.with_tags(first.countries, tuple(reversed(first.regions)))).regions == first.regions


@pytest.mark.parametrize(
    "text",
    [
        "A hurricane hit the Gulf Coast of Texas.",
        "Ships crossed the Gulf of Aqaba to Eilat.",
        "Divers searched the Gulf of Finland near Helsinki.",
        "A cable under the Baltic Sea was cut near Gotland.",
    ],
)
def test_other_gulfs_and_seas_name_no_region(text: str) -> None:
    regions = set(geo.tag(make_article(text)).regions)
    assert not regions & {"Gulf", "Baltic states"}


def test_arctic_is_named_only() -> None:
    assert "Arctic" not in geo.tag(make_article("Washington and Moscow traded barbs over Iran.")).regions
    assert "Arctic" in geo.tag(make_article("Russia expanded its Arctic fleet.")).regions
    assert geo.resolve_region("arctic").codes == frozenset()  # filters match it only where named
    assert "US" in geo.resolve_region("North America").codes


def test_empty_article() -> None:
    tagged = geo.tag(make_article(""))
    assert tagged.countries == () and tagged.regions == ()


def test_import_is_lazy() -> None:
    code = (
        "import sys, newsreader.geo; "
        "assert 'newsreader.geo.tagger' not in sys.modules; "
        "from newsreader.geo import gazetteer; assert gazetteer.load.cache_info().currsize == 0"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_load_tagger_is_cached() -> None:
    assert geo.load_tagger() is geo.load_tagger()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # national institutions that act for the state (legislatures, courts, forces, services)
        ("Das Bundesverfassungsgericht und der Verfassungsschutz warnen.", {"DE"}),
        ("La Guardia Civil detuvo a dos personas; el Congreso de los Diputados votó.", {"ES"}),
        ("I Carabinieri e la Farnesina hanno confermato.", {"IT"}),
        ("Госдума приняла закон, ВСУ отступили.", {"RU", "UA"}),
        ("Верховна Рада ухвалила закон, ЗСУ звітують.", {"UA"}),
        ("The Riksdag and the Storting debated the treaty.", {"SE", "NO"}),
    ],
)
def test_state_institutions_name_their_state(text: str, expected: set[str]) -> None:
    assert set(geo.tag(make_article(text)).country_codes) == expected
