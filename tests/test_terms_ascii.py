"""ASCII text is tokenised by ASCII expressions (no compile of the Unicode ranges): the same tokens as the
Unicode expressions give, which are the reference (compiled here afresh, not through the module's cache)."""

from __future__ import annotations

import random
import re

import pytest

from newsreader.lang import terms

SAMPLES = [
    "The U.S. and the U.K. said e.g. talks resume.",
    "Iran's nuclear talks: 3 rounds, 2025-06-01; U.N.-backed plan (a.b.c.d) x.y.z9 ok.",
    "A.B. a.b.c. A. b.c _under_score_ snake_case 42nd 3.14 v2.0.1 ... ..a.. a.b.",
    "",
    "   ",
    "tab\tnew\nline\r\nend.",
]


def reference(text: str) -> list[tuple[int, int, str]]:
    pattern = re.compile(terms._TOKEN)
    return [(m.start(), m.end(), m.group().lower().replace(".", "")) for m in pattern.finditer(text)]


def random_ascii(rnd: random.Random) -> str:
    alphabet = "aAbBzZ019._'- \n\t:;,()\"/"
    return "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 60)))


@pytest.mark.parametrize("text", SAMPLES + [random_ascii(random.Random(seed)) for seed in range(400)])
def test_ascii_text_gives_the_tokens_the_unicode_expression_gives(text: str) -> None:
    assert list(terms.spans(text)) == reference(text)


def test_an_ascii_token_is_never_cjk_and_a_cjk_one_is() -> None:
    assert not terms.is_cjk("Tokyo")
    assert terms.is_cjk("東京")
    assert not terms.is_cjk("Токио")


def test_non_ascii_text_still_goes_through_the_unicode_expression() -> None:
    text = "Erdoğan met officials in 東京 and Москва; the U.S. said so."
    assert list(terms.spans(text)) == reference(text)
    assert [t for _, _, t in terms.spans(text)] == [
        "erdoğan",
        "met",
        "officials",
        "in",
        "東京",
        "and",
        "москва",
        "the",
        "us",
        "said",
        "so",
    ]
