"""sanitize.py, one exact case per rule: what each kind of escape sequence and control leaves behind.

The expected strings are written by hand from the terminal standards (ECMA-48: CSI, OSC and the other
control strings, their 8-bit C1 forms, two-character escapes), not computed with the module.
"""

from __future__ import annotations

import pytest

from newsreader.sanitize import clean, clean_line, is_clean

ESC = "\x1b"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("plain words", "plain words"),
        ("a\r\nb\rc", "a\nb\nc"),  # Windows and old Mac line ends become newlines
        (f"{ESC}[31;1mRed{ESC}[0m text", "Red text"),  # CSI with parameters
        (f"{ESC}[1 qCursor", "Cursor"),  # CSI with an intermediate byte
        (f"{ESC}[?25lHidden", "Hidden"),  # CSI with a private parameter
        ("\x9b31mEight\x9b0m", "Eight"),  # 8-bit CSI
        (f"{ESC}]0;window title\x07After", "After"),  # OSC ended by BEL
        (f"{ESC}]8;;https://x.example/{ESC}\\Link{ESC}]8;;{ESC}\\", "Link"),  # OSC ended by ST
        (f"{ESC}]52;c;abc\x9cClip", "Clip"),  # OSC ended by the 8-bit ST
        (f"{ESC}]0;never ended\nnext line", "\nnext line"),  # unterminated: ends at the line's end
        (f"{ESC}]0;never ended", ""),  # unterminated at the end of the text
        (f"{ESC}Pdevice data{ESC}\\Dcs", "Dcs"),  # DCS
        (f"{ESC}Xsos{ESC}\\Sos", "Sos"),  # SOS
        (f"{ESC}^pm{ESC}\\Pm", "Pm"),  # PM
        (f"{ESC}_apc{ESC}\\Apc", "Apc"),  # APC
        ("\x90dcs\x9cA", "A"),  # 8-bit DCS ... ST
        ("\x98sos\x9cB", "B"),  # 8-bit SOS
        ("\x9dosc\x07C", "C"),  # 8-bit OSC ended by BEL
        ("\x9epm\x9cD", "D"),  # 8-bit PM
        ("\x9fapc\x9cE", "E"),  # 8-bit APC
        (f"{ESC}cReset", "Reset"),  # a two-character escape
        (f"{ESC}(BCharset", "Charset"),  # an escape with an intermediate byte
        (f"lone{ESC}", "lone"),
        ("bell\x07 nul\x00 del\x7f c1\x85", "bell nul del c1"),
        ("rtl\u202eover\u202c iso\u2066x\u2069 mark\u200f\u200e\u061c", "rtlover isox mark"),
        ("zw\u200bsp wj\u2060 bom\ufeff sep\u2028par\u2029", "zwsp wj bom seppar"),
        ("hit\ue000marks\ue001", "hitmarks"),  # our own search-hit markers never come from a feed
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("فارسی\u200cزبان and 👩\u200d💻", "فارسی\u200cزبان and 👩\u200d💻"),  # ZWNJ and ZWJ are spelling
    ],
)
def test_clean_removes_exactly_the_sequence_or_control(text: str, expected: str) -> None:
    assert clean(text) == expected


def test_clean_line_makes_one_line_of_single_spaces() -> None:
    assert clean_line(" a\n\nb\t c\r\nd ") == "a b c d"
    assert clean_line(f"x{ESC}[2Jy") == "xy"
    assert clean_line("") == ""


@pytest.mark.parametrize("text", ["", "plain", "tab\there", "new\nline", "joiner\u200d", "Ünïcödé 中文"])
def test_is_clean_accepts_text_with_nothing_to_remove(text: str) -> None:
    assert is_clean(text)


@pytest.mark.parametrize(
    "text", [ESC, f"a{ESC}[0m", "\x07", "\x00", "\x7f", "\x9b", "\u202e", "\u2028", "\ufeff", "\ue000", "a\rb"]
)
def test_is_clean_refuses_any_character_clean_removes(text: str) -> None:
    assert not is_clean(text)
