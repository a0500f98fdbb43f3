"""geo/tagger.py case by case, in-process, with hand-worked expected values: the rules the mutation run of
2026-12-02 found untested (tests/MUTANTS.md): where hits start and end, person names, the language rules
of names whose meaning depends on the language, shared place names decided by the rest of the text or by
the outlet's home, Korean particles, katakana edges, and the order of regions.

The gazetteer's figures the cases rely on are asserted first (populations, candidates), so a data change
fails with its cause rather than as a wrong country.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsreader.geo import load_tagger, tagger
from newsreader.geo.gazetteer import complete
from newsreader.geo.tagger import (
    Found,
    _has_word,
    _is_person,
    _regions,
    find,
    hits,
    home_country,
    lead_end,
    primary_codes,
    tag_article,
)
from newsreader.models import Article, CountryTag

GAZ = load_tagger()
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def mentions(title: str, home: str = "", language: str = "") -> dict[str, int]:
    return find(GAZ, title, "", "", home, language).mentions


def test_has_word_looks_at_every_occurrence_in_order() -> None:
    assert _has_word("Iran and Iranian", "Iran")  # the first occurrence is the word
    assert _has_word("Iranian, Iran, Iranians", "Iran")  # only the middle one is
    assert not _has_word("Iranian, Iranians", "Iran")


def test_phrase_hits_start_and_end_where_the_phrase_stands() -> None:
    assert hits(GAZ, "Talks in South Sudan today") == [(9, 20, (0, 0, "SS"), "south sudan")]
    assert hits(GAZ, "visit to New York") == [(9, 17, (0, 0, "US"), "new york")]  # a prefix at the very end
    assert hits(GAZ, "talks in south sudan") == []  # a capitalised name in lower case is no name
    assert hits(GAZ, "Bahama s") == [(0, 8, (0, 0, "BS"), "bahama s")]  # a one-letter last word at the end
    assert hits(GAZ, "Talks in the U.S. now") == [(13, 16, (0, 1, "US"), "u s")]
    assert hits(GAZ, "the U.S now") == [(4, 7, (0, 1, "US"), "u s")]
    assert hits(GAZ, "the U.S. now")[0][:2] == (4, 7)
    assert hits(GAZ, "talks in Ada Co. today") == [(9, 15, (0, 5, "US"), "ada co")]  # "Co." with its dot
    assert hits(GAZ, "talks in Ada Co today") == []


def test_unspaced_hits_start_and_end_where_the_key_stands() -> None:
    complete(GAZ)
    assert GAZ.unspaced.get("美") is None and GAZ.unspaced.get("中") is None
    assert hits(GAZ, "中美 美国") == [(0, 2, (7, 3, "CN US"), "中美"), (3, 5, (0, 3, "US"), "美国")]
    # every occurrence of a key's first character is looked at, the adjacent and the middle ones too
    assert [h[:2] for h in hits(GAZ, "美美国")] == [(1, 3)]
    assert [h[3] for h in hits(GAZ, "美 美国 美")] == ["美国"]
    assert mentions("マン島ア") == {"IM": 1}  # マン島 ends in a kanji: the katakana after it is another word
    assert mentions("アマリ") == {}  # マリ (Mali) inside a longer katakana word


def test_korean_keys_with_particles() -> None:
    complete(GAZ)
    assert mentions("가봉의 대통령") == {"GA": 1}  # 가 is the first Hangul syllable
    assert mentions("그 미국의") == {"US": 1}  # a one-syllable word before the key
    assert mentions("미국 중국은") == {"US": 1, "CN": 1}  # a whole-word key does not end the scan


def test_names_that_are_country_names_only_in_some_languages() -> None:
    assert mentions("Island news", language="de") == {"IS": 1}
    assert mentions("Island news", language="en") == {}
    assert mentions("China talks", language="en") == {"CN": 1}  # capitalised: a country in any language
    assert mentions("china hoy", language="es") == {"CN": 1}
    assert mentions("china talks", language="en") == {}
    assert mentions("Palau today", language="en") == {"PW": 1}  # not excluded in English
    assert mentions("Palau hoy", language="es") == {}
    # undeclared: detected, and German makes Island Iceland
    assert mentions("Das Island liegt im Norden und ist schön, sagte er heute in der Zeitung.") == {"IS": 1}


def test_country_names_used_as_person_names() -> None:
    assert mentions("JORDAN TALKS") == {"JO": 1}  # not the name's case: no person
    assert mentions("In Jordan the king spoke") == {"JO": 1}  # "In" is no given name
    assert mentions("Rep. Jordan says") == {}  # a title at the very start of the text
    assert mentions("Talks with Michael Jordan today") == {}
    assert mentions("Xyz. Jordan says") == {"JO": 1}  # an abbreviation that is no title
    assert mentions("Jordan Said it") == {"JO": 1}  # the next word is one that follows a country
    assert mentions("Chad Smith said") == {}
    # a capitalised word right before the name counts only when it starts within 24 characters
    text = " Abcdefghijklmnopqrstuvw Jordan"
    assert _is_person(GAZ, text, 25, 31) is False
    assert _is_person(GAZ, text[:2] + text[3:], 24, 30) is True
    # the next word is looked at within 40 characters: a capital beyond them is not seen
    after = "Jordan A" + "b" * 37 + " X"
    assert _is_person(GAZ, after, 0, 6) is True
    assert _is_person(GAZ, after.replace("b", "", 1), 0, 6) is False


def test_shared_place_names_decided_by_the_countries_named() -> None:
    assert GAZ.places["paris"][:2] == [("FR", 2138551, ""), ("US", 24782, "TX")]
    assert GAZ.places["dunkirk"] == [("FR", 86263, ""), ("US", 12081, "NY")]
    assert GAZ.places["athlone"] == [("ZA", 237414, ""), ("IE", 22869, "")]
    # the US named: Dunkirk NY (a tenth of the French one's size or more), not Paris TX (a hundredth)
    assert mentions("Paris talks: the United States said") == {"FR": 1, "US": 1}
    assert mentions("Dunkirk talks: the United States said") == {"US": 2}
    assert mentions("Athlone talks in Ireland") == {"ZA": 1, "IE": 1}  # 228,690 < 237,414
    assert mentions("Paris, Texas talks") == {"US": 1}


def test_shared_place_names_decided_by_the_outlets_home() -> None:
    assert GAZ.places["san francisco"][:3] == [("US", 827526, "CA"), ("PH", 79718, ""), ("AR", 59062, "")]
    assert "san francisco" not in GAZ.prominent and "santiago" in GAZ.prominent
    assert mentions("San Francisco talks") == {"US": 1}
    assert mentions("San Francisco talks", home="AR") == {"AR": 1}  # 20 x 59,062 >= 827,526
    assert mentions("San Francisco talks", home="PH") == {"PH": 1}
    assert mentions("San Francisco talks", home="SV") == {"US": 1}  # 20 x 16,152 is too small
    assert mentions("San Francisco talks", home="US") == {"US": 1}
    # another candidate's country named: contested, the default stays
    assert mentions("San Francisco talks with the Philippines", home="AR") == {"US": 1, "PH": 1}
    assert mentions("Dunkirk talks", home="US") == {"US": 1}
    assert mentions("Dunkirk talks in France", home="US") == {"FR": 2}  # the default's country named
    assert mentions("Santiago talks", home="DO") == {"CL": 1}  # a prominent place keeps its default
    assert mentions("Dunkirk and San Francisco talks", home="AR") == {"FR": 1, "AR": 1}


def test_region_order_by_lead_then_support_then_name() -> None:
    def tag(code: str, count: int, primary: bool) -> CountryTag:
        return CountryTag(code, count, False, primary)

    assert GAZ.derived_regions["DE"] == ("Europe", "Western Europe")
    assert GAZ.derived_regions["JO"] == ("Middle East", "Western Asia")
    assert GAZ.derived_regions["RU"] == ("Europe", "Eastern Europe")
    # support summed over the countries: Europe 2 + 2 before the Middle East's 3
    support = (tag("DE", 2, False), tag("FR", 2, False), tag("JO", 3, False))
    assert _regions(GAZ, (), {}, support) == ("Europe", "Middle East", "Western Europe", "Western Asia")
    # lead summed over the primary countries: Europe 2 + 2 before the Middle East's 3
    lead = (tag("DE", 2, True), tag("FR", 2, True), tag("JO", 3, True))
    assert _regions(GAZ, (), {}, lead) == ("Europe", "Middle East", "Western Europe", "Western Asia")
    # a region with lead before one with more support and none
    assert _regions(GAZ, (), {}, (tag("DE", 5, False), tag("JO", 1, True))) == (
        "Middle East",
        "Europe",
        "Western Asia",
        "Western Europe",
    )
    # news regions before UN M49 ones, whatever the names
    assert _regions(GAZ, (), {}, (tag("RU", 1, True),)) == ("Europe", "Eastern Europe")
    assert GAZ.derived_regions.get("AQ") is None
    assert _regions(GAZ, (), {}, (tag("AQ", 1, True), tag("RU", 1, True))) == ("Europe", "Eastern Europe")


def test_declared_and_named_regions_get_their_members_support() -> None:
    def tag(code: str, count: int, primary: bool) -> CountryTag:
        return CountryTag(code, count, False, primary)

    mali = tag("ML", 2, True)
    assert not GAZ.regions["West Africa"].derived
    # declared West Africa: Mali's lead 2 and support 2, as Sahel and Sub-Saharan Africa: then by name
    assert _regions(GAZ, ("West Africa",), {}, (mali,)) == ("Sahel", "Sub-Saharan Africa", "West Africa")
    # an unknown declared region: first (nothing supports it), the others as before
    assert _regions(GAZ, ("Atlantis",), {}, (tag("RU", 1, True),)) == ("Atlantis", "Europe", "Eastern Europe")
    # named Levant: 1 + Israel's 2 + Jordan's 2 (lead 4) before the Middle East (lead 4, support 4)
    both = (tag("IL", 2, True), tag("JO", 2, True))
    assert _regions(GAZ, (), {"Levant": 1}, both) == ("Levant", "Middle East", "Western Asia")
    # a derived region named: its members' mentions already count once (support 1 + 2, not 1 + 2 + 2)
    assert GAZ.regions["Middle East"].derived
    jordan = (tag("JO", 2, False), tag("DE", 3, False))
    assert _regions(GAZ, (), {"Middle East": 1}, jordan) == ("Europe", "Middle East", "Western Europe", "Western Asia")
    # many unknown declared regions before a named one: each is looked up, none ends the look-ups
    unknown = tuple(f"Nowhere {i:02}" for i in range(40))
    named = _regions(GAZ, unknown, {"Levant": 1}, both)
    assert named == (*unknown, "Levant", "Middle East", "Western Asia")


def article(title: str = "", **fields: object) -> Article:
    values: dict[str, object] = {
        "id": "t",
        "title": title,
        "source": "test",
        "published": NOW,
        "fetched_at": NOW,
        "origin": "test",
    }
    values.update(fields)
    return Article(**values)  # type: ignore[arg-type]


def test_home_country_from_the_configured_country_or_the_domain() -> None:
    cases = {
        ("fr", ""): "FR",
        ("", ""): "",
        ("", "https://www.lemonde.fr/monde/article"): "FR",
        ("", "https://lemonde.fr./x"): "FR",  # the root's dot
        ("", "https://lemonde.fr:8443/x"): "FR",
        ("", "https://lemonde.fr"): "FR",
        ("", "https://NEWS.EXAMPLE.MX/"): "MX",
        ("", "https://www.bbc.co.uk/news"): "GB",
        ("", "https://news.yahoo.co.jp/a"): "JP",
        ("", "https://startup.io/a"): "",  # sold worldwide
        ("", "https://www.example.com/a"): "",
        ("", "http://10.0.0.1/feed"): "",
        ("", "https://xn--80aswg.xn--p1ai/"): "RU",  # .рф
        ("", "no-scheme.fr/x"): "",
    }
    for (country, url), expected in cases.items():
        assert home_country(article(source_country=country, url=url)) == expected, (country, url)


def test_primary_codes_weigh_the_title_three_mentions() -> None:
    # A, B, C in the title once each (weight 1 + 3 + 2); D in the lead five times (5 + 2): D and the first two
    found = Found({"A": 1, "B": 1, "C": 1, "D": 5}, {"A", "B", "C"}, {"A", "B", "C", "D"}, order=("A", "B", "C", "D"))
    assert primary_codes(found) == {"D", "A", "B"}


def test_tag_article_uses_the_outlets_home_and_declared_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tagger, "_REGIONS", {})
    monkeypatch.setattr(tagger, "_TAGS", {})
    tagged = tag_article(GAZ, article("San Francisco talks", source_country="AR"))
    assert tagged.countries == (CountryTag("AR", 1, True, True),)
    assert tagged.regions == ("Latin America", "Latin America and the Caribbean")
    german = "Das Island liegt im Norden und ist schön, sagte er heute in der Zeitung."
    assert tag_article(GAZ, article(german, language="en")).countries == ()  # declared English: no Iceland
    assert tag_article(GAZ, article(german)).country_codes == ("IS",)  # detected German


def test_tag_article_orders_declared_countries_among_the_primary_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tagger, "_REGIONS", {})
    monkeypatch.setattr(tagger, "_TAGS", {})
    declared = CountryTag("FR", 0, False, True, True)
    text = article("United States talks", body="A word on Germany.", countries=(declared,))
    tagged = tag_article(GAZ, text)
    assert [(c.code, c.mentions, c.primary, c.declared) for c in tagged.countries] == [
        ("US", 1, True, False),
        ("FR", 0, True, True),  # declared: primary, its stored count as the text names it not
        ("DE", 1, False, False),
    ]
    twice = tag_article(GAZ, article("France and the United States", body="France again.", countries=(declared,)))
    assert [(c.code, c.mentions, c.declared) for c in twice.countries] == [("FR", 2, True), ("US", 1, False)]


def test_tag_article_computes_regions_once_and_copies_only_on_change(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tagger, "_REGIONS", {})
    monkeypatch.setattr(tagger, "_TAGS", {})
    fresh = article("Talks in Jordan", regions=("Gulf",))
    tagged = tag_article(GAZ, fresh)
    assert tagged.country_codes == ("JO",)
    assert tagged.regions == ("Gulf", "Middle East", "Western Asia")  # declared Gulf first: nothing supports it
    assert tag_article(GAZ, tagged) is tagged  # already tagged so: no copy
    named = tag_article(GAZ, article("Talks in the Levant and Jordan"))
    assert named.regions == ("Levant", "Middle East", "Western Asia")
    # the regions already there, the countries not: the countries are still set
    regions_only = article("Talks in Jordan", regions=("Middle East", "Western Asia"))
    assert tag_article(GAZ, regions_only).country_codes == ("JO",)
    untagged = article("Nothing here")
    assert tag_article(GAZ, untagged) is untagged


def test_find_without_home_or_language() -> None:
    # an office named by its title stands for the outlet's country: none given, none counted
    assert find(GAZ, "Bundeskanzler spricht", "", "").mentions == {}
    assert find(GAZ, "Bundeskanzler spricht", "", "", home="DE").mentions == {"DE": 1}
    # no language given: detected (German: Island is Iceland)
    german = "Das Island liegt im Norden und ist schön, sagte er heute in der Zeitung."
    assert find(GAZ, german, "", "").mentions == {"IS": 1}


def test_font_lists_only_where_the_text_holds_css() -> None:
    assert mentions("font-family: Geneva") == {}
    assert mentions("Verdana, Geneva, sans-serif") == {}
    assert mentions("The font of wisdom in Geneva") == {"CH": 1}  # "font" without CSS
    assert mentions("Geneva talks") == {"CH": 1}


def test_an_office_stands_for_the_home_country_unless_a_country_stands_beside_it() -> None:
    home = "DE"
    assert mentions("Bundeskanzler spricht heute lange über Frankreich", home) == {"DE": 1, "FR": 1}
    assert mentions("Frankreich: heute spricht der Bundeskanzler", home) == {"FR": 1, "DE": 1}
    # a country ending (starting) eight characters or fewer before (after) it makes it that country's
    assert mentions("Frankreich. Heute Bundeskanzler", home) == {"FR": 1}
    assert mentions("Frankreich. Heute, Bundeskanzler", home) == {"FR": 1, "DE": 1}
    assert mentions("Bundeskanzler. Heute Frankreich", home) == {"FR": 1}
    assert mentions("Bundeskanzler. Heute, Frankreich", home) == {"DE": 1, "FR": 1}
    assert mentions("Bundeskanzler trifft Frankreich", home) == {"FR": 1}
    assert mentions("Bundeskanzler trifft Frankreich in der Europäischen Union", home) == {"FR": 1}
    # a region beside it is no country
    assert mentions("Europäische Union, Bundeskanzler spricht", home) == {"DE": 1}
    assert mentions("Bundeskanzler, Europäische Union", home) == {"DE": 1}
    # Japanese titles only in Japanese text (kana)
    assert mentions("官房長官が会見", "JP") == {"JP": 1}
    assert mentions("官房長官今日发表讲话", "JP") == {}


def test_a_common_word_town_at_the_start_of_the_text() -> None:
    assert GAZ.table.get("darwin") == (10, 0, "AU")
    assert mentions("In Darwin, rain fell", "AU") == {"AU": 1}
    assert mentions("Darwin said", "AU") == {}


def test_a_city_followed_by_its_us_state_counts_the_state_in_title_and_lead() -> None:
    found = find(GAZ, "France, Spain: Moscow, Idaho", "Germany talks.", "Italy.")
    assert found.mentions == {"FR": 1, "ES": 1, "US": 1, "DE": 1, "IT": 1}
    assert found.in_title == {"FR", "ES", "US"}
    assert found.in_lead == {"FR", "ES", "US", "DE"}
    both = find(GAZ, "France and Spain", "", "")
    assert both.in_title == {"FR", "ES"}


def test_a_name_skipped_does_not_end_the_pass() -> None:
    assert mentions("Lisa Respers France and Spain") == {"ES": 1}  # a person's name, then a country
    assert mentions("Lisa Respers. France wins") == {"FR": 1}  # a full stop ends the name
    assert mentions("font-family: Geneva" + " and more words" * 6 + " in France") == {"FR": 1}
    assert mentions("Bundeskanzler trifft Frankreich") == {"FR": 1}  # an office without a home
    assert mentions("Darwin said. France", "AU") == {"FR": 1}  # a town name not used as one
    assert mentions("Island news from France", language="en") == {"FR": 1}


def test_a_chinese_pair_stands_unless_a_hit_inside_it_runs_past_it() -> None:
    assert mentions("中美德国") == {"CN": 1, "US": 1, "DE": 1}  # 德国 starts where 中美 ends
    assert mentions("中美伊朗") == {"IR": 1}  # 美伊 (US-Iran) starts inside 中美 and ends after it
    assert mentions("其中美国") == {"US": 1}


def test_regions_named_ambiguous_names_actors_and_pairs_as_counted() -> None:
    assert find(GAZ, "Middle East talks", "The Middle East again.", "").regions == {"Middle East": 2}
    assert mentions("Europe, Idaho") == {"US": 1}  # a region, then a state after ", "
    # Georgia with both of its countries named: the default (the country) stays
    assert mentions("Georgia: Tbilisi and Atlanta") == {"GE": 2, "US": 1}
    assert find(GAZ, "Mohamed bin Zayed spoke", "", "").actors == {"AE"}
    pair = find(GAZ, "中美会谈", "德国", "英国和法国")
    assert pair.mentions == {"CN": 1, "US": 1, "DE": 1, "GB": 1, "FR": 1}
    assert pair.in_title == {"CN", "US"}
    assert pair.in_lead == {"CN", "US", "DE"}
    assert mentions("中印尼会谈") == {"CN": 1, "ID": 1}  # 印尼 ends where the pair ends: no outrun
    assert mentions("中美, Idaho") == {"CN": 1, "US": 2}  # a pair counts no city for a state to replace


def test_a_state_after_a_city_replaces_the_citys_count_deferred_or_not() -> None:
    assert mentions("Paris, Kentucky talks") == {"US": 1}  # Paris (deferred: FR or Paris TX) gives way
    assert mentions("France, Idaho") == {"US": 1}  # a name counted at once gives way too


def test_a_body_lead_counts_the_first_paragraphs_words_from_its_first_character() -> None:
    # "T" + "\n\n" + "" + "\n\n": the body starts at 5. "A b c d e f g h" is exactly LEAD_MIN_WORDS (8) words,
    # its one-letter first word included, so the lead ends with it (5 + 15).
    assert lead_end("T", "", "A b c d e f g h\n\nThe next paragraph has more than eight words in it, truly.") == 20


def test_a_body_lead_counts_each_short_paragraph_alone() -> None:
    # A six-word byline and a four-word dateline: each is short alone (together they are ten words), so the
    # lead is the third paragraph, which ends where "More." starts its own.
    body = "By Jo Smith and Ann Lee\n\nParis, Monday, 3 March\n\nThe lead paragraph has more than eight words in it.\n\nMore."
    assert lead_end("T", "", body) == 5 + body.index("\n\nMore")


def test_a_word_twice_in_a_row_is_two_hits() -> None:
    assert hits(GAZ, "France France talks.") == [(0, 6, (0, 0, "FR"), "france"), (7, 13, (0, 0, "FR"), "france")]
    assert mentions("France France talks.") == {"FR": 2}


def test_an_upper_case_name_in_lower_case_is_no_hit_even_where_the_text_has_it_in_capitals() -> None:
    assert mentions("The US said. Give us a break.") == {"US": 1}  # "us" is the pronoun
    assert hits(GAZ, "The US said. Give us a break.") == [(4, 6, (0, 1, "US"), "us")]


def test_a_pair_outrun_by_the_next_hit_gives_way_whatever_follows_later() -> None:
    # 中美 (China-US) at the text's start, 美国 (the US) running past it, 日本 (Japan) after both: the pair is
    # no pair, as in "其中美国", though a third hit follows.
    assert hits(GAZ, "中美国 日本") == [(1, 3, (0, 3, "US"), "美国"), (4, 6, (0, 3, "JP"), "日本")]
    assert mentions("中美国 日本") == {"US": 1, "JP": 1}


# --- boundaries of the rules added since 2026-12-02 (mut, 2026-12-04 evening) ----------------------------


def _codes(title: str, summary: str, *, source: str = "Wire", home: str = "", language: str = "") -> set[str]:
    article = Article(
        id="t" * 16,
        title=title,
        source=source,
        published=NOW,
        fetched_at=NOW,
        origin="https://wire.example/feed.xml",
        summary=summary,
        source_country=home,
        language=language,
    )
    return set(tag_article(GAZ, article).country_codes)


def test_a_title_suffix_naming_the_articles_own_source_is_no_place() -> None:
    # "Jamaica Gleaner" has no media word, so only being the article's source makes it the outlet's name.
    title = "Prices rise again - Jamaica Gleaner"
    assert _codes(title, "Shoppers pay more for rice.", source="Jamaica Gleaner") == set()
    assert _codes(title, "Shoppers pay more for rice.", source="Wire") == {"JM"}


def test_a_four_letter_dateline_in_the_outlets_country_counts_for_nothing() -> None:
    summary = "ROMA (ANSA) - Il governo ha approvato la manovra."
    assert _codes("Il governo approva la manovra", summary, home="IT", language="it") == set()
    written = "Roma (ANSA) - Il governo ha approvato la manovra."  # not in capitals: a place named
    assert _codes("Il governo approva la manovra", written, home="IT", language="it") == {"IT"}


def test_a_locative_at_the_very_start_of_the_text_keeps_a_clubs_home_a_place() -> None:
    # "Holstein Kiel" is a club; "In Kiel" opening the title is the city, the window reaching the text's start.
    assert _codes("In Kiel wird gefeiert", "Holstein Kiel steigt auf.", language="de") == {"DE"}


def test_a_locative_at_the_very_start_of_a_league_title_keeps_the_city_a_place() -> None:
    # A title naming a league makes a bare city the club, but not after a locative, even at the text's start.
    assert _codes("À Nice, la Ligue 1 reprend ses droits", "Le championnat reprend samedi.", language="fr") == {"FR"}


def test_only_a_league_in_the_title_itself_makes_its_cities_clubs() -> None:
    assert _codes("Ligue 1 : Bordeaux s'impose", "Victoire nette.", language="fr") == set()
    # the league named in the summary (its first of two lines): the title's city stays the place
    assert _codes("Bordeaux s'impose", "En Ligue 1, victoire nette.\nSuite samedi.", language="fr") == {"FR"}


def test_places_after_a_closing_byline_still_count() -> None:
    # "Jordan, Katharina" at a line's end is the author, not Jordan; the paragraph after it is read on.
    summary = "Die Lage ist alarmierend. Jordan, Katharina\nIn Paris wird weiter verhandelt."
    assert find(GAZ, "Bericht aus Berlin", summary, "", "", "de").mentions == {"DE": 1, "FR": 1}
