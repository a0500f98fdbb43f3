"""The English offices named by title alone ("the foreign secretary") stand for the outlet's home only where
that government has them: Britain and South Asia, not the United States, Australia or Qatar (expectations
from who holds such an office)."""

from __future__ import annotations

import dataclasses

import pytest

from newsreader import geo
from tests.geo_support import make_article


@pytest.mark.parametrize(
    ("home", "expected"),
    [("GB", {"GB"}), ("IN", {"IN"}), ("PK", {"PK"}), ("US", set()), ("AU", set()), ("QA", set()), ("", set())],
)
def test_a_foreign_secretary_is_the_outlets_own_only_where_there_is_one(home: str, expected: set[str]) -> None:
    for text in ("The foreign secretary said talks would resume.", "The Home Secretary announced new asylum rules."):
        article = dataclasses.replace(make_article(text), source_country=home, language="en")
        assert set(geo.tag(article).country_codes) == expected, (home, text)


def test_other_languages_offices_still_stand_for_any_home_of_that_language() -> None:
    article = dataclasses.replace(make_article("Le Premier ministre a présenté son plan."), source_country="BE")
    assert set(geo.tag(dataclasses.replace(article, language="fr")).country_codes) == {"BE"}
