"""Make text from strangers inert for a terminal: no escape sequences, control or bidi characters."""

from __future__ import annotations

import re

# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC strings,
# and two-character escapes. Their 8-bit C1 forms (U+009B CSI, U+009D OSC, ...) are handled the same way.
# An unterminated string ends at the line's end, so one stray `ESC ]` cannot swallow a whole article.
_ESCAPES = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?                     # CSI ... final byte
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c|(?=\n)|$)  # OSC/DCS/... to terminator
    | \x1b[ -/]*[0-~]?                                    # other escapes (ESC c, ESC ( B, ...)
    """,
    re.VERBOSE | re.DOTALL,
)
# C0 controls except tab and newline, DEL, C1 controls, bidi marks, embeddings, overrides and isolates,
# zero-width space, word joiner and BOM, line/paragraph separators, and our own search-hit markers.
# ZWNJ and ZWJ (U+200C, U+200D) stay: Persian, Urdu and Indic scripts spell with them, emoji join with them.
_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff\ue000\ue001]"
)


def clean(text: str) -> str:
    """Remove escape sequences and control characters; keep tabs and newlines."""
    if not text:
        return ""
    if _CONTROLS.search(text) is None:
        return text  # the common case; every escape sequence starts with a control (ESC or a C1 code)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPES.sub("", text)
    return _CONTROLS.sub("", text)


def clean_line(text: str) -> str:
    """Like clean(), for one-line fields (titles, names): newlines and tabs become spaces."""
    return " ".join(clean(text).split())


def is_clean(text: str) -> bool:
    """True when `text` holds no character clean() would remove (for tests and assertions)."""
    return _CONTROLS.search(text) is None  # tab and newline are outside _CONTROLS; ESC is inside it
