"""Display names of countries for what the CLI shows (from the generated name tables: no gazetteer)."""

from __future__ import annotations

from collections.abc import Iterable

from newsreader.models import Article


def country_names(codes: Iterable[str]) -> dict[str, str]:
    """code -> display name ("IR" -> "Iran") for each non-empty code; unknown codes name themselves."""
    from newsreader.names import country_name

    return {code: country_name(code) for code in codes if code}


def article_country_names(article: Article) -> dict[str, str]:
    """Display names for the article's countries and its outlet's country (the article view's facts)."""
    return country_names((*article.country_codes, article.source_country))
