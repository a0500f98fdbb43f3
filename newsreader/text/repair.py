"""Mojibake (UTF-8 read as Windows-1252 or Latin-1: `Ã©`, `â€™`) and entities left in decoded text."""

from __future__ import annotations

import html
import re
from typing import Any

# A UTF-8 lead byte read as Latin-1/Windows-1252 (Â-ô) followed by what a continuation byte becomes there:
# every mojibake ftfy can undo has such a pair, and real prose in any script almost never does. Checking
# for it first keeps ftfy (0.1-0.2 s to import, ~2 µs per character) off nearly all text.
_SUSPECT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
# `&amp;`, `&#8217;`, `&#x2019;`: what is left when a feed escaped its text twice.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_config: Any = None


def repair(text: str) -> str:
    """Undo mojibake and decode leftover entities; text with neither comes back as it was (the common case)."""
    if not text:
        return text
    if _SUSPECT.search(text):
        text = _fix_encoding(text)
    for _ in range(2):  # twice escaped at most in practice (`&amp;amp;`); never loop on hostile input
        if "&" not in text or not _ENTITY.search(text):
            break
        text = html.unescape(text)
    return text


def _fix_encoding(text: str) -> str:
    """ftfy's encoding repair only: quotes, ligatures, widths and line breaks stay as the outlet wrote them."""
    global _config
    import ftfy

    if _config is None:
        _config = ftfy.TextFixerConfig(
            unescape_html=False,
            uncurl_quotes=False,
            fix_latin_ligatures=False,
            fix_character_width=False,
            fix_line_breaks=False,
            remove_terminal_escapes=False,
            remove_control_chars=False,
            explain=False,
        )
    return str(ftfy.fix_text(text, _config))
