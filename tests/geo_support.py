"""Helpers for the geo tests: a minimal Article around a text."""

from __future__ import annotations

from datetime import UTC, datetime

from newsreader.models import Article, CountryTag

NOW = datetime(2026, 2, 3, tzinfo=UTC)


def make_article(
    body: str = "",
    title: str = "",
    summary: str = "",
    countries: tuple[CountryTag, ...] = (),
    regions: tuple[str, ...] = (),
) -> Article:
    return Article(
        id="t",
        title=title,
        source="test",
        published=NOW,
        fetched_at=NOW,
        origin="test",
        summary=summary,
        body=body,
        countries=countries,
        regions=regions,
    )
