"""geo/tagger.py's rules case by case, in-process, with hand-worked expected values.

The pure helpers (lead boundary, whole-word test, case rules, katakana edges, CSS font lists, the
person-name guard, primary countries) are pinned at their boundaries; the gazetteer-driven paths are
covered by tests/test_geo_tagging.py and the other test_geo_* files.
"""

from __future__ import annotations

from datetime import UTC, datetime

from newsreader.geo import load_tagger, tagger
from newsreader.geo.gazetteer import ANY, CAP, DOTTED, PREFIX, UPPER
from newsreader.geo.tagger import (
    MAX_PRIMARY,
    Found,
    _after_given,
    _case_ok,
    _has_word,
    _in_font_list,
    _kana_ok,
    _katakana,
    _regions,
    find,
    hits,
    lead_end,
    primary_codes,
    tag_article,
)
from newsreader.models import Article, CountryTag

EIGHT = "one two three four five six seven eight"  # 39 characters, eight words


def test_lead_end_with_a_summary() -> None:
    assert lead_end("Title", "Sum", "body text") == 5 + 2 + 3
    assert lead_end("", "S", "") == 3


def test_lead_end_from_the_body_first_real_paragraph() -> None:
    # title 5 + 2, blank summary "  " + 2: the body starts at 11.
    body = f"Dateline\n\n{EIGHT}\n\nmore"
    assert lead_end("Title", "  ", body) == 11 + 10 + 39
    assert lead_end("Title", "", f"{EIGHT}\n\nmore") == 9 + 39
    seven = "one two three four five six seven"
    assert lead_end("Title", "", f"{seven}\n\nmore") == 9 + len(f"{seven}\n\nmore")
    assert lead_end("Title", "", "no breaks at all") == 9 + 16
    assert lead_end("T", "", f"a\n \nb\n\n{EIGHT}\n\nz") == 5 + len("a\n \nb\n\n") + 39


def test_has_word() -> None:
    assert _has_word("in Iran today", "Iran")
    assert _has_word("Iran", "Iran")
    assert _has_word("Iran's oil", "Iran")
    assert not _has_word("Iranian", "Iran")
    assert not _has_word("xIran", "Iran")
    assert not _has_word("Iran_x", "Iran")
    assert not _has_word("_Iran", "Iran")
    assert not _has_word("Iran2", "Iran")
    assert _has_word("Iranian and Iran", "Iran")
    assert _has_word("IranIran Iran", "Iran")
    assert not _has_word("iran", "Iran")
    assert not _has_word("", "Iran")


def test_case_rules() -> None:
    assert _case_ok(CAP, "Chad", 0, 4)
    assert not _case_ok(CAP, "chad", 0, 4)
    assert _case_ok(CAP, "CHAD", 0, 4)
    assert _case_ok(UPPER, "the US said", 4, 6)
    assert not _case_ok(UPPER, "the Us said", 4, 6)
    assert not _case_ok(UPPER, "the uS said", 4, 6)
    assert _case_ok(DOTTED, "U.S. forces", 0, 3)
    assert not _case_ok(DOTTED, "U.S forces", 0, 3)
    assert not _case_ok(DOTTED, "U.S", 0, 3)
    assert not _case_ok(DOTTED, "u.s. forces", 0, 3)
    assert _case_ok(ANY, "anything", 0, 3) and _case_ok(PREFIX, "x", 0, 1)


def test_katakana_edges() -> None:
    assert _katakana("\u30a0") and _katakana("\u30ff") and _katakana("マ")
    assert not _katakana("\u309f") and not _katakana("\u3100") and not _katakana("a")
    assert not _kana_ok("マリオ", 0, 2)  # Mali inside Mario
    assert _kana_ok("マリで", 0, 2)  # a hiragana particle after it
    assert not _kana_ok("オマリ", 1, 3)
    assert _kana_ok("のマリ", 1, 3)
    assert _kana_ok("マリ", 0, 2)
    assert _kana_ok("中国", 0, 2)  # not katakana: no check
    assert _kana_ok("マ中国", 1, 3)


def test_css_font_lists() -> None:
    assert _in_font_list("font-family: Geneva", 13, 19)
    assert _in_font_list("Geneva" + " " * 55 + "serif", 0, 6)
    assert not _in_font_list("Geneva" + " " * 56 + "serif", 0, 6)
    assert _in_font_list("font" + " " * 56 + "Geneva", 60, 66)
    assert not _in_font_list("font" + " " * 57 + "Geneva", 61, 67)
    assert not _in_font_list("talks in Geneva", 9, 15)


def test_after_given_name() -> None:
    given = frozenset({"Lisa", "Esteban"})
    assert _after_given(given, "Lisa Respers France", 13)
    assert _after_given(given, "Lisa France", 5)
    assert _after_given(given, "(Esteban Santiago", 9)
    assert not _after_given(given, "Ms Respers France", 11)
    assert not _after_given(given, "Paris and France", 10)
    far = "Lisa " + "x" * 40 + " Respers France"
    assert not _after_given(given, far, far.index("France"))


def test_primary_with_a_title() -> None:
    found = Found(mentions={"FR": 3, "DE": 1}, in_title={"FR"}, in_lead={"FR", "DE"})
    assert primary_codes(found) == {"FR"}
    found = Found(mentions={"FR": 3, "DE": 2}, in_title={"FR"}, in_lead={"FR", "DE"})
    assert primary_codes(found) == {"FR", "DE"}  # twice, and half the title's best (4 >= 3)
    found = Found(mentions={"FR": 5, "DE": 2}, in_title={"FR"}, in_lead={"FR", "DE"})
    assert primary_codes(found) == {"FR"}
    found = Found(mentions={"FR": 4, "DE": 2}, in_title={"FR"}, in_lead={"FR", "DE"})
    assert primary_codes(found) == {"FR", "DE"}
    found = Found(mentions={"FR": 1, "DE": 1}, in_title={"FR"}, in_lead={"DE"})
    assert primary_codes(found) == {"FR"}
    found = Found(mentions={"FR": 1, "DE": 9}, in_title={"FR"}, in_lead=set())
    assert primary_codes(found) == {"FR"}


def test_primary_without_a_title() -> None:
    assert primary_codes(Found()) == set()
    found = Found(mentions={"A": 4, "B": 1}, in_lead={"B"})
    assert primary_codes(found) == {"A", "B"}  # B in the lead with a quarter of the top count
    found = Found(mentions={"A": 5, "B": 1}, in_lead={"B"})
    assert primary_codes(found) == {"A"}
    found = Found(mentions={"A": 6, "C": 3})
    assert primary_codes(found) == {"A", "C"}  # three times and half the top
    found = Found(mentions={"A": 7, "C": 3})
    assert primary_codes(found) == {"A"}
    found = Found(mentions={"A": 4, "C": 2})
    assert primary_codes(found) == {"A"}
    found = Found(mentions={"A": 2})
    assert primary_codes(found) == set()  # neither in the lead nor three times
    found = Found(mentions={"A": 3, "B": 3, "C": 3}, in_lead={"A"})
    assert primary_codes(found) == {"A", "B", "C"}


def test_primary_at_most_three_by_evidence_then_first_mention() -> None:
    assert MAX_PRIMARY == 3
    mentions = {"A": 4, "B": 1, "C": 3, "D": 2}
    # weights: A 4, B 1 + 2 (lead), C 3, D 2 + 2 (lead); ties by first mention (order C, A, D, B)
    found = Found(mentions=mentions, in_lead={"B", "D"}, order=("C", "A", "D", "B"))
    assert primary_codes(found) == {"A", "D", "C"}
    acting = Found(mentions=mentions, in_lead={"B", "D"}, actors={"B"}, order=("C", "A", "D", "B"))
    assert primary_codes(acting) == {"A", "D", "B"}  # a state actor adds one
    reordered = Found(mentions=mentions, in_lead={"B", "D"}, order=("C", "D", "B", "A"))
    assert primary_codes(reordered) == {"A", "D", "C"}
    titled = Found(
        mentions={"A": 1, "B": 1, "C": 1, "D": 1},
        in_title={"A", "B", "C", "D"},
        in_lead={"D"},
        order=("A", "B", "C", "D"),
    )
    assert primary_codes(titled) == {"D", "A", "B"}  # D's lead mention outweighs; then first mentions


def test_primary_ties_with_a_title_prefer_evidence() -> None:
    # A in the title once; B, C, D in the lead twice each (each at least half the title's best): four
    # chosen; weights A 1 + 3, B, C, D 2 + 2, all 4: the first three mentioned stay.
    found = Found(
        mentions={"A": 1, "B": 2, "C": 2, "D": 2}, in_title={"A"}, in_lead={"B", "C", "D"}, order=("A", "B", "C", "D")
    )
    assert primary_codes(found) == {"A", "B", "C"}


def test_after_given_looks_forty_characters_back() -> None:
    given = frozenset({"Lisa"})
    near = "Lisa R" + "x" * 33 + " France"  # "Lisa Rxx…x " is 40 characters
    assert _after_given(given, near, near.index("France"))
    far = "Lisa R" + "x" * 34 + " France"
    assert not _after_given(given, far, far.index("France"))


def test_case_and_script_rules_through_the_gazetteer() -> None:
    gaz = load_tagger()
    assert find(gaz, "Let us go now.", "", "").mentions == {}  # "us" is a key in capitals only
    assert find(gaz, "The US said no.", "", "").mentions == {"US": 1}
    assert find(gaz, "中国和中国", "", "").mentions == {"CN": 2}  # every occurrence, not the last only
    assert find(gaz, "中国日本", "", "").mentions == {"CN": 1, "JP": 1}  # a key right after another


def test_tag_article_builds_its_tags() -> None:
    tagger._TAGS.clear()  # the tags are interned: build them, not just look them up
    gaz = load_tagger()
    article = Article(
        id="x",
        title="Talks in France",
        source="s",
        published=datetime(2026, 1, 1, tzinfo=UTC),
        fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
        origin="o",
        body="France and Germany met. France agreed.",
    )
    tagged = tag_article(gaz, article)
    assert tagged.countries == (CountryTag("FR", 3, True, True), CountryTag("DE", 1, True, False))
    assert tag_article(gaz, article).countries == tagged.countries


def test_a_shared_place_name_after_an_ambiguous_one_is_still_decided() -> None:
    # Congo (ambiguous: CD by default) comes first in the decisions; Paris must still go to Texas.
    gaz = load_tagger()
    assert find(gaz, "Talks in Congo and Paris. Texas is next.", "", "").mentions == {"CD": 1, "US": 2}


def test_a_korean_key_with_a_particle_is_found_where_it_stands() -> None:
    gaz = load_tagger()
    # "회담 미국은 말했다": 미국 (the US) with the particle 은, the third word's first two characters
    assert [hit[:2] for hit in hits(gaz, "회담 미국은 말했다")] == [(3, 5)]
    assert [(hit[0], hit[1], hit[3]) for hit in hits(gaz, "미국은")] == [(0, 2, "미국")]


def test_a_named_region_is_supported_by_its_member_countries_only() -> None:
    gaz = load_tagger()
    mali, france = CountryTag("ML", 2, True, True), CountryTag("FR", 5, False, False)
    assert "ML" in gaz.regions["West Africa"].codes and "FR" not in gaz.regions["West Africa"].codes
    # West Africa, named once: support 1 + Mali's 2, lead 2 (Mali is primary); France's 5 mentions are
    # no evidence for it. Sahel and Sub-Saharan Africa (Mali's): lead 2, support 2, then by name; Europe
    # (France's): lead 0, support 5; Western Europe is a UN M49 region, last.
    assert _regions(gaz, (), {"West Africa": 1}, (mali, france)) == (
        "West Africa",
        "Sahel",
        "Sub-Saharan Africa",
        "Europe",
        "Western Europe",
    )
