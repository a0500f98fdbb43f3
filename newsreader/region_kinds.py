"""Which stored region names are UN M49 regions: the listing shows news regions, JSON keeps both apart.

The set mirrors the regions of scheme "m49" in geo/data/gazetteer.json (a test keeps them equal), so
the read path can tell the two kinds apart without loading the gazetteer. A name both schemes use
("Central Asia", "Caribbean") is the news region: the gazetteer keeps one entry per name.
"""

from __future__ import annotations

from collections.abc import Iterable

M49_REGIONS = frozenset(
    {
        "Africa",
        "Northern Africa",
        "Eastern Africa",
        "Middle Africa",
        "Southern Africa",
        "Western Africa",
        "Americas",
        "Latin America and the Caribbean",
        "Northern America",
        "Central America",
        "South America",
        "Asia",
        "Eastern Asia",
        "South-eastern Asia",
        "Southern Asia",
        "Western Asia",
        "Eastern Europe",
        "Northern Europe",
        "Southern Europe",
        "Western Europe",
        "Australia and New Zealand",
        "Melanesia",
        "Micronesia",
        "Polynesia",
    }
)


def news_regions(regions: Iterable[str]) -> list[str]:
    """The news regions (and the user's own) among stored region names, in their stored order."""
    return [r for r in regions if r not in M49_REGIONS]


def m49_regions(regions: Iterable[str]) -> list[str]:
    """The UN M49 regions and sub-regions among stored region names, in their stored order."""
    return [r for r in regions if r in M49_REGIONS]
