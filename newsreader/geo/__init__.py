"""Country and region tagging (placeholder until the gazetteer lands: keeps header tags only)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from newsreader.errors import UnknownNameError
from newsreader.models import Article, RegionFilter


def tag(article: Article) -> Article:
    """Return the article with its countries and regions found in its text."""
    return article


def resolve_country(name: str) -> str:
    """An ISO code for a code, name or demonym; UnknownNameError with suggestions otherwise."""
    code = name.strip().upper()
    if len(code) == 2 and code.isalpha():
        return code
    raise UnknownNameError(f"unknown country {name!r}")


def resolve_region(name: str, custom: Mapping[str, Iterable[str]] | None = None) -> RegionFilter:
    """A region filter for a region name or alias, built-in or from the user's config."""
    for key, codes in (custom or {}).items():
        if key.casefold() == name.strip().casefold():
            return RegionFilter(key, frozenset(c.upper() for c in codes))
    return RegionFilter(name.strip(), frozenset())


def country_name(code: str) -> str:
    """The display name of a country code."""
    return code
