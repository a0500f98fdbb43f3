"""geo/gazetteer.py case by case, in-process, with hand-worked expected values.

The text functions are checked on strings whose normalised forms are written out by hand (same length,
punctuation to spaces); load() is checked against the data file read with plain json, not through the
gazetteer.
"""

from __future__ import annotations

import json

from newsreader.geo import gazetteer as gz
from newsreader.geo.gazetteer import ANY, CAP, PREFIX, UNSPACED, UPPER, Region


def test_latin1_tables() -> None:
    low, cased = gz._latin1_table(), gz._latin1_table(lower=False)
    assert len(low) == len(cased) == 256
    assert (low[ord("A")], low[ord("z")], low[ord("7")], low[ord("_")]) == (ord("a"), ord("z"), ord("7"), ord("_"))
    assert (low[ord(".")], low[ord(",")], low[0], low[0xA0]) == (32, 32, 32, 32)
    assert (low[0xC9], low[0xDF], low[0xFF]) == (0xE9, 0xDF, 0xFF)  # É -> é; ß and ÿ are their own lower case
    assert (cased[ord("A")], cased[0xC9], cased[ord("-")]) == (ord("A"), 0xC9, 32)


def test_normalise_keeps_the_length_and_spaces_punctuation() -> None:
    assert gz.normalise("Côte d\u2019Ivoire, N.Y.") == "côte d ivoire  n y "
    assert gz.normalise("\u201cParis\u201d \u2013 Lyon") == " paris    lyon"
    assert gz.normalise("Москва \u2014 столица!") == "москва   столица "
    assert gz.normalise("İstanbul'da") == "istanbul da"  # İ lowers to two characters: the first is kept


def test_scan_forms() -> None:
    assert gz.scan_forms("Paris, Texas") == ("paris  texas", "Paris  Texas", True)
    assert gz.scan_forms("Paris \u2014 Texas") == ("paris   texas", "Paris   Texas", True)
    assert gz.scan_forms("Путин в Киеве.") == ("путин в киеве ", "Путин в Киеве ", False)
    assert gz.scan_forms("İzmir, Türkiye") == ("izmir  türkiye", "İzmir  Türkiye", False)


def test_capitalised_words() -> None:
    cased = "Paris  and Georgia  paris"
    assert gz.capitalised(cased, gz.normalise(cased).split()) == {"paris", "georgia"}
    assert gz.capitalised("all lower case", ["all", "lower", "case"]) == set()
    assert gz.capitalised("NATO Côte", ["nato", "côte"]) == {"nato", "côte"}


def test_unspaced_bounds() -> None:
    inside = ["\u3040", "\u30ff", "\u3400", "\u9fff", "\uf900", "\ufaff", "東"]
    outside = ["\u303f", "\u3100", "\u33ff", "\ua000", "\uf8ff", "\ufb00", "a", "가"]
    assert [gz._unspaced(c) for c in inside] == [True] * len(inside)
    assert [gz._unspaced(c) for c in outside] == [False] * len(outside)


def test_case_rules() -> None:
    cases = {
        "東京": UNSPACED,
        "Tokyo 東京": UNSPACED,
        "カナダ": UNSPACED,
        "미국": PREFIX,
        "\uac00": PREFIX,
        "\ud7af": PREFIX,  # the last of the Hangul block (unassigned)
        "\uabff": ANY,  # just before it: no letter, no capital
        "USA": UPPER,
        "UK": UPPER,
        "N.Y.": UPPER,
        "ABCDE": UPPER,
        "ABCDEF": CAP,  # six capitals: a name, not an abbreviation
        "A": CAP,  # one capital letter: no abbreviation
        "Ab": CAP,
        "Paris": CAP,
        "paris": ANY,
        "": ANY,
    }
    assert {name: gz.case_rule(name) for name in cases} == cases


def test_strip_accents() -> None:
    assert gz.strip_accents("Türkiye, São Paulo, Łódź") == "Turkiye, Sao Paulo, Łodz"


def test_small_builders() -> None:
    assert gz._by_first_word(gz.SEP.join(["united states", "united kingdom", "south africa"])) == {
        "united": ("united states", "united kingdom"),
        "south": ("south africa",),
    }
    packed = {"names": gz.SEP.join("abc"), "runs": [[0, 1, "FR", 2], [1, 0, "X", 1]]}
    assert gz._section(packed) == {"a": (0, 1, "FR"), "b": (0, 1, "FR"), "c": (1, 0, "X")}
    spaced = {
        "names": gz.SEP.join(["united states", "new york"]),
        "runs": [[0, 0, "US", 2]],
    }  # keys hold spaces: SEP between them
    assert gz._section(spaced) == {"united states": (0, 0, "US"), "new york": (0, 0, "US")}
    assert gz._signals(["CD", "CG"], {"CG": ["Brazzaville"]}) == (("CD", ()), ("CG", ("Brazzaville",)))


def test_region_filter_codes() -> None:
    codes = frozenset({"FR", "DE"})
    assert Region("X", "news", "news", codes, False, ()).filter_codes == codes
    assert Region("X", "news", "news", codes, False, (), named_only=True).filter_codes == frozenset()


def test_load_against_the_data_file() -> None:
    data = json.loads(gz.data_path().read_text("utf-8"))
    assert gz.data_text() == gz.data_path().read_text("utf-8")
    assert gz.data_bytes() == gz.data_path().read_bytes()
    g = gz.load()
    regions = {r["name"]: r for r in data["regions"]}
    assert set(g.regions) == set(regions)
    for name, r in regions.items():
        region = g.regions[name]
        assert (region.name, region.scheme, region.level) == (r["name"], r["scheme"], r["level"])
        assert (region.codes, region.derived, region.aliases) == (
            frozenset(r["codes"]),
            r["derived"],
            tuple(r["aliases"]),
        )
        assert region.named_only == r.get("named_only", False)
        assert g.region_group[name] == (1 if r["scheme"] == "m49" else 0)
        assert g.region_lookup[name.casefold()] == name
    assert g.regions["Arctic"].named_only and not g.regions["Middle East"].named_only
    assert g.region_lookup["mideast"] == "Middle East"
    members = {code for r in data["regions"] for code in r["codes"]}
    assert set(g.member_of) == members
    assert g.member_of["IR"] == tuple(r["name"] for r in data["regions"] if "IR" in r["codes"])
    georgia = data["ambiguous"]["Georgia"]
    assert g.ambiguities["Georgia"].codes == ("GE", "US")
    assert g.ambiguities["Georgia"].signals == (
        ("GE", tuple(georgia["signals"]["GE"])),
        ("US", tuple(georgia["signals"]["US"])),
    )
    person = data["person"]
    assert g.person_names == frozenset(person["names"]) and g.first_names == frozenset(person["first_names"])
    assert g.person_allow == frozenset(person["allow"]) and g.person_titles == frozenset(person["titles"])
    assert g.given_names == frozenset(person["given"])
    assert g.person_keys == frozenset(gz.normalise(n) for n in person["names"])
    assert g.names == data["names"] and g.resolve == data["resolve"] and g.us_states == data["us_states"]
    assert g.prefixes >= frozenset(data["prefixes"].split(gz.SEP)) and g.starts >= frozenset(
        data["starts"].split(gz.SEP)
    )
    assert g.pairs >= frozenset(data["pairs"].split(gz.SEP))
    assert g.prefix_sizes == tuple(data["prefix_sizes"])
    assert g.unspaced_sizes == {c: tuple(s) for c, s in data["unspaced_sizes"].items()}
    assert g.places == {k: [tuple(c) for c in rows] for k, rows in data["places"].items()}
    assert g.derived_regions == {c: tuple(n) for c, n in data["derived_regions"].items()}
    gz.complete(g)  # the keys of other scripts, built on the first text beyond Latin-1
    assert len(g.table) + len(g.any_case) + len(g.unspaced) == sum(
        len(section["names"].split(gz.SEP))
        for part in (data, data["other"])
        for section in part["keys"].values()
        if section["names"]
    )


def test_retag_of_a_country_with_no_derived_regions() -> None:
    """Antarctica (AQ) is the one code the data derives no region for: retag must still read it."""
    from datetime import UTC, datetime

    from newsreader import geo
    from newsreader.models import Article, CountryTag

    assert "AQ" in gz.load().names and "AQ" not in gz.load().derived_regions
    when = datetime(2026, 3, 1, tzinfo=UTC)
    stored = Article(
        id="00000000000000aa",
        title="Research station report",
        source="Wire",
        published=when,
        fetched_at=when,
        origin="feed",
        body="The station's winter crew reported calm weather.",
        countries=(CountryTag("AQ", mentions=1, in_lead=True, primary=True, declared=True),),
        regions=("Polar research",),
    )
    again = geo.retag(stored)  # declared (a file header's): kept, and the text names no other place
    assert [(c.code, c.primary, c.declared) for c in again.countries] == [("AQ", True, True)]
    assert again.regions == ("Polar research",)
