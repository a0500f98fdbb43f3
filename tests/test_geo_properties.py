"""Property tests: the tagger never crashes and offsets stay aligned on any Unicode text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader import geo
from newsreader.geo.gazetteer import normalise
from newsreader.models import CountryTag
from tests.geo_support import make_article

WORDS = st.sampled_from(["Iran", "İstanbul", "U.S.", "Georgia", "Chad", "the", "ẞ", "’s", "Kyiv", "\n\n", "-", "ǅ"])


@given(st.text())
def test_normalise_keeps_length(text: str) -> None:
    assert len(normalise(text)) == len(text)


@given(st.text(alphabet=st.characters(max_codepoint=0x17F)) | st.text())
def test_normalise_fast_paths_match_the_regex(text: str) -> None:
    """The ASCII and Latin-1 fast paths give what the plain rule gives: lower case, non-word to space."""
    if len(text.lower()) == len(text):
        assert normalise(text) == re.sub(r"[^\w ]", " ", text.lower())


@settings(max_examples=200)
@given(st.lists(st.one_of(WORDS, st.text(max_size=5)), max_size=30).map(" ".join), st.text(max_size=40))
def test_tag_never_crashes_and_codes_are_known(body: str, title: str) -> None:
    tagged = geo.tag(make_article(body, title=title))
    names = geo.load_tagger().names
    assert all(c.code in names and c.mentions >= 1 for c in tagged.countries)
    assert len(set(tagged.regions)) == len(tagged.regions)
    assert geo.retag(tagged) == tagged


TAGS = st.builds(
    CountryTag,
    st.sampled_from(["IR", "US", "FR", "AZ", "TD", "JO"]),
    st.integers(1, 9),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)


def _full(tags: tuple[CountryTag, ...]) -> list[tuple[str, int, bool, bool, bool]]:
    return [(c.code, c.mentions, c.in_lead, c.primary, c.declared) for c in tags]


@settings(max_examples=200)
@given(
    st.lists(st.one_of(WORDS, st.text(max_size=5)), max_size=30).map(" ".join),
    st.lists(TAGS, max_size=4, unique_by=lambda c: c.code).map(tuple),
    st.lists(st.sampled_from(["Caspian", "Arctic", "Middle East", "Gulf"]), max_size=2, unique=True).map(tuple),
)
def test_tagging_is_idempotent(body: str, incoming: tuple[CountryTag, ...], regions: tuple[str, ...]) -> None:
    """tag(tag(a)) == tag(a), declared flags included; only declared incoming countries survive."""
    once = geo.tag(make_article(body, countries=incoming, regions=regions))
    twice = geo.tag(once)
    assert twice == once and _full(twice.countries) == _full(once.countries)
    assert {c.code for c in once.countries if c.declared} == {c.code for c in incoming if c.declared}
    assert geo.retag(once) == once


def test_dotted_capital_i_does_not_shift_offsets() -> None:
    tagged = geo.tag(make_article("İİİİ İstanbul and Iran met; Chad Smith said."))
    assert set(tagged.country_codes) == {"TR", "IR"}
