"""html_to_text's whitespace tidy: the fast path for single-spaced lines gives what the full rule gives."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.parse.html import _collapse, html_to_text

# The rule, written out independently: every run of these whitespace characters is one space, then strip.
WHITESPACE = " \t\r\n\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u3000"
RUN = re.compile(f"[{WHITESPACE}]+")
TEXT = st.text(alphabet=st.sampled_from([*WHITESPACE, "a", "Ж", "中", "\u200b", "\x85", "\ue010", ".", "-"]))


@settings(max_examples=150)
@given(st.one_of(TEXT, st.text()))
def test_collapse_makes_each_whitespace_run_one_space(line: str) -> None:
    assert _collapse(line) == RUN.sub(" ", line).strip()


def test_single_spaced_and_untidy_lines_read_the_same() -> None:
    assert html_to_text("<p>Talks  resume\tin\u00a0Doha</p><p>Second one.</p>") == "Talks resume in Doha\n\nSecond one."
    assert html_to_text("Plain text, single spaced.") == "Plain text, single spaced."
    assert html_to_text("  Leading and trailing  ") == "Leading and trailing"
