"""Shared test helpers for the geo tests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

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


@pytest.fixture
def article_factory():  # type: ignore[no-untyped-def]
    return make_article
