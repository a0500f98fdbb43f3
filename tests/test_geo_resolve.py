"""resolve_country, resolve_region, list_regions, country_name."""

from __future__ import annotations

import pytest

from newsreader import geo
from newsreader.errors import UnknownNameError, UsageError


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("IR", "IR"),
        ("ir", "IR"),
        ("iran", "IR"),
        ("Iranian", "IR"),
        ("IRN", "IR"),
        ("Türkiye", "TR"),
        ("turkiye", "TR"),
        ("turkey", "TR"),
        ("Ivory Coast", "CI"),
        ("burma", "MM"),
        ("Emirati", "AE"),
        ("UAE", "AE"),
        ("DRC", "CD"),
        ("Kosovo", "XK"),
        ("the Netherlands", "NL"),
        ("Dutch", "NL"),
        ("Swiss", "CH"),
        ("United States", "US"),
        ("u.s.", "US"),
        ("UK", "GB"),
        ("Britain", "GB"),
        ("south korea", "KR"),
        ("North Korea", "KP"),
        ("Palestine", "PS"),
    ],
)
def test_resolve_country(name: str, code: str) -> None:
    assert geo.resolve_country(name) == code


def test_resolve_country_unknown_suggests() -> None:
    with pytest.raises(UnknownNameError) as info:
        geo.resolve_country("Iranx")
    message = str(info.value)
    assert message.startswith("unknown country 'Iranx'; did you mean: Iran")
    assert "Iraq" in message and "\n" not in message
    assert isinstance(info.value, UsageError) and info.value.exit_code == 2


def test_resolve_country_unknown_without_suggestion() -> None:
    with pytest.raises(UnknownNameError, match="unknown country 'zzzzqqq'"):
        geo.resolve_country("zzzzqqq")


def test_country_name() -> None:
    assert geo.country_name("IR") == "Iran"
    assert geo.country_name("us") == "United States"
    assert geo.country_name("XK") == "Kosovo"
    assert geo.country_name("CD") == "DR Congo"
    assert geo.country_name("TR") == "Turkey"
    assert geo.country_name("ZZ") == "ZZ"


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("middle east", "Middle East"),
        ("Mideast", "Middle East"),
        ("the Middle East", "Middle East"),
        ("MENA", "Middle East and North Africa"),
        ("gulf", "Gulf"),
        ("GCC", "Gulf"),
        ("sahel", "Sahel"),
        ("Horn of Africa", "Horn of Africa"),
        ("balkans", "Balkans"),
        ("south-east asia", "Southeast Asia"),
        ("EU", "European Union"),
        ("Western Asia", "Western Asia"),
        ("northern africa", "Northern Africa"),
        ("Sub-Saharan Africa", "Sub-Saharan Africa"),
        ("latam", "Latin America"),
        ("Caribbean", "Caribbean"),
        ("Africa", "Africa"),
        ("Americas", "Americas"),
        ("Eastern Africa", "Eastern Africa"),
        ("Melanesia", "Melanesia"),
    ],
)
def test_resolve_region(name: str, canonical: str) -> None:
    region = geo.resolve_region(name)
    assert region.name == canonical
    assert region.codes


def test_resolve_region_codes() -> None:
    assert geo.resolve_region("Middle East").codes == frozenset(
        ["AE", "BH", "EG", "IL", "IQ", "IR", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR", "YE"]
    )
    assert geo.resolve_region("MENA").codes >= geo.resolve_region("North Africa").codes
    assert "IR" in geo.resolve_region("Southern Asia").codes
    assert "IR" not in geo.resolve_region("South Asia").codes


def test_resolve_region_custom() -> None:
    custom = {"Five Eyes": ["us", "GB", "CA", "AU", "NZ"], "Middle East": ["IL"]}
    region = geo.resolve_region("five eyes", custom)
    assert region.name == "Five Eyes" and region.codes == frozenset({"US", "GB", "CA", "AU", "NZ"})
    assert geo.resolve_region("middle east", custom).codes == frozenset({"IL"})  # user's definition wins


def test_resolve_region_unknown_suggests() -> None:
    with pytest.raises(UnknownNameError) as info:
        geo.resolve_region("Midle East")
    assert str(info.value).startswith("unknown region 'Midle East'; did you mean: Middle East")
    with pytest.raises(UnknownNameError, match="did you mean: Five Eyes"):
        geo.resolve_region("five eye", {"Five Eyes": ["US"]})


def test_regions_stored_by_tag_resolve_to_themselves() -> None:
    for region in geo.list_regions():
        assert geo.resolve_region(region.name).name == region.name


def test_list_regions() -> None:
    regions = {r.name: r for r in geo.list_regions({"Five Eyes": ["US", "GB"]})}
    for name in (
        "Middle East",
        "Gulf",
        "Sahel",
        "Europe",
        "Western Asia",
        "Northern Africa",
        "Asia",
        "Five Eyes",
    ):
        assert name in regions
    assert regions["Five Eyes"].codes == frozenset({"US", "GB"})
    every_code = set().union(*(r.codes for r in regions.values()))
    assert {"XK", "TW", "PS", "HK"} <= every_code
