"""Language detection from the text, for articles whose source declares none (pycld2: fast, no model files)."""

from __future__ import annotations

from newsreader.lang import normalise

SAMPLE_CHARS = 1200  # enough for a confident guess; detection cost stays flat whatever the article length
_MIN_LETTERS = 12


def detect(text: str) -> str:
    """The ISO 639-1 code of the text's main language, or '' when unsure (too short, unknown, mixed)."""
    sample = text[:SAMPLE_CHARS]
    if sum(map(str.isalpha, sample[:200])) < _MIN_LETTERS:
        return ""
    import pycld2

    # CLD2 rejects a few code points (invalid UTF-8 for it: lone surrogates, some controls).
    clean = sample.encode("utf-8", "ignore").decode("utf-8", "ignore")
    try:
        reliable, _, details = pycld2.detect(clean, bestEffort=True)
    except pycld2.error:
        return ""
    code = str(details[0][1]) if details else ""
    if code in ("un", "xxx"):
        return ""
    if code.startswith("zh"):  # zh-Hant
        return "zh"
    return normalise(code) if reliable or details[0][2] >= 50 else ""
