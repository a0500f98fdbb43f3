"""Property tests: the tagger never crashes and offsets stay aligned on any Unicode text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader import geo
from newsreader.geo.gazetteer import normalise
from tests.geo_support import make_article

WORDS = st.sampled_from(["Iran", "İstanbul", "U.S.", "Georgia", "Chad", "the", "ẞ", "’s", "Kyiv", "\n\n", "-", "ǅ"])


@given(st.text())
def test_normalise_keeps_length(text: str) -> None:
    assert len(normalise(text)) == len(text)


@settings(max_examples=200)
@given(st.lists(st.one_of(WORDS, st.text(max_size=5)), max_size=30).map(" ".join), st.text(max_size=40))
def test_tag_never_crashes_and_codes_are_known(body: str, title: str) -> None:
    tagged = geo.tag(make_article(body, title=title))
    names = geo.load_tagger().names
    assert all(c.code in names and c.mentions >= 1 for c in tagged.countries)
    assert len(set(tagged.regions)) == len(tagged.regions)
    assert geo.retag(tagged) == tagged


def test_dotted_capital_i_does_not_shift_offsets() -> None:
    tagged = geo.tag(make_article("İİİİ İstanbul and Iran met; Chad Smith said."))
    assert set(tagged.country_codes) == {"TR", "IR"}
