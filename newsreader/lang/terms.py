"""Text to index terms: words stemmed in their language, diacritics folded, CJK runs as overlapping bigrams.

The search index holds these terms, space-separated, under FTS5's `ascii` tokenizer (which keeps every
non-ASCII character inside a term), so everything language-specific happens here, in one place, for
the index and for queries alike. Snippets are made from the original text with the same functions.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

# Chinese, Japanese and Korean scripts: no spaces between words, so a run is indexed as its overlapping
# character pairs and a query of two or more characters becomes the phrase of its pairs.
CJK_CLASS = (
    "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f"
)
# Combining marks that Python's \w leaves out but words need (Devanagari and other Indic vowel signs,
# Arabic and Hebrew points, Latin combining accents in decomposed text, zero-width joiners).
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u0900-\u0963\u0966-\u0dff\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u1ab0-\u1aff\u1dc0-\u1dff"
    "\u200c\u200d\u20d0-\u20ff\ufe20-\ufe2f"
)
_LETTER = rf"[^\W\d_{CJK_CLASS}]"
# U.S., U.K., U.N., e.g.: single letters joined by dots are one word without the dots.
_ACRONYM = rf"{_LETTER}(?:\.{_LETTER})+\.?(?![^\W_])"
_WORD = rf"[^\W_{CJK_CLASS}]+(?:[{_MARKS}]+[^\W_{CJK_CLASS}]*)*"
# The expressions over the CJK and mark ranges take ~20 ms to compile (re expands every range), which a
# search of ASCII words over ASCII hits never needs: they are compiled on first use (_unicode), and ASCII
# text has equivalent ASCII expressions (in ASCII, \w is [A-Za-z0-9_], and no CJK character or mark occurs).
_TOKEN = rf"[{CJK_CLASS}]+|{_ACRONYM}|{_WORD}"  # with offsets, for snippets
_WORD_OR_CJK = rf"{_WORD}|[{CJK_CLASS}]+"
_ASCII_TOKEN = re.compile(r"[A-Za-z](?:\.[A-Za-z])+\.?(?![A-Za-z0-9])|[A-Za-z0-9]+")
# A dot then a single letter (`.s.` of `u.s.`): it starts with a literal, so the scan is fast; _undot checks
# the rest (a single letter before it, no word after it).
_DOTTED = re.compile(r"\.[^\W\d_](?:\.[^\W\d_])*\.?")
_ASCII_SEPARATORS = str.maketrans(dict.fromkeys([c for c in map(chr, range(128)) if not c.isalnum()], " "))
_CJK_RUN = rf"[{CJK_CLASS}]+"
_POSSESSIVE = re.compile(r"['’][sS]\b")  # Iran's, Putin’s: the word without its 's

# Snowball stemmers (PyStemmer) by ISO 639-1 code. English keeps the Porter stemmer the index always had.
STEMMERS = {
    "ar": "arabic",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "porter",
    "eo": "esperanto",
    "es": "spanish",
    "et": "estonian",
    "eu": "basque",
    "fa": "persian",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "ne": "nepali",
    "nl": "dutch",
    "no": "norwegian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}
_CACHE_LIMIT = 200_000  # distinct words remembered per language (a few tens of MB at most)
_caches: dict[str, _Terms] = {}
_stemmers: dict[str, Callable[[list[str]], list[str]]] = {}
_FOLD: dict[int, Any] = {}


@functools.cache
def _unicode(pattern: str) -> re.Pattern[str]:
    """One of the Unicode expressions above, compiled the first time it is needed."""
    return re.compile(pattern)


def fold(text: str) -> str:
    """Diacritics removed (Erdoğan = Erdogan, é = e, ё = е) and Arabic vowel marks and tatweel dropped."""
    if text.isascii():
        return text
    if not _FOLD:
        _FOLD.update(dict.fromkeys([*range(0x300, 0x370), *range(0x64B, 0x660), 0x670, 0x640]))
    decomposed = unicodedata.normalize("NFD", text).translate(_FOLD)
    return unicodedata.normalize("NFC", decomposed)


def words(text: str) -> list[str]:
    """The lower-cased tokens of a text, in order: words, dot-less acronyms and whole CJK runs.

    Indexing runs this over every article, so the common case is kept in C: ASCII text is split by
    str.translate and str.split; only other text goes through the (slower) Unicode-aware expression.
    """
    if text.isascii():
        text = text.lower()
        if "'" in text:
            text = _POSSESSIVE.sub("", text)
        if "." in text:
            text = _DOTTED.sub(_undot, text)
        return text.translate(_ASCII_SEPARATORS).split()
    text = unicodedata.normalize("NFKC", text).lower()
    if "'" in text or "’" in text:
        text = _POSSESSIVE.sub("", text)
    if "." in text:
        text = _DOTTED.sub(_undot, text)
    return _unicode(_WORD_OR_CJK).findall(text)


def _undot(match: re.Match[str]) -> str:
    """`.s.` of `u.s.` without its dots, when a single letter stands before it and no word goes on after."""
    text, start, end = match.string, match.start(), match.end()
    single = start >= 1 and text[start - 1].isalpha() and (start < 2 or not text[start - 2].isalnum())
    if single and (end >= len(text) or not text[end].isalnum()):
        return match.group().replace(".", "")
    return match.group()


def is_cjk(token: str) -> bool:
    return not token.isascii() and _unicode(_CJK_RUN).match(token) is not None


def bigrams(run: str) -> list[str]:
    """A CJK run as overlapping character pairs (a single character stays itself)."""
    if len(run) < 2:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def _stemmer(language: str) -> Callable[[list[str]], list[str]] | None:
    """The Snowball stemmer of a language (None when it has none), made on first use."""
    algorithm = STEMMERS.get(language)
    if algorithm is None:
        return None
    found = _stemmers.get(language)
    if found is None:
        import Stemmer

        found = _stemmers[language] = Stemmer.Stemmer(algorithm, 0).stemWords
    return found


class _Terms(dict[str, str]):
    """Token -> index term in one language, remembered: news vocabulary repeats, so after the first
    articles nearly every lookup is a plain dict hit in C and only new words reach the stemmer."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.stem = _stemmer(language)

    def __missing__(self, token: str) -> str:
        if len(self) > _CACHE_LIMIT:
            self.clear()
        stemmed = self.stem([token])[0] if self.stem is not None else token
        term = self[token] = fold(stemmed) or token  # Porter makes "s" nothing; keep a term
        return term


def stem_all(tokens: Iterable[str], language: str) -> Mapping[str, str]:
    """The index terms of (non-CJK) tokens in this language, stemmed then folded: look any token up."""
    cache = _caches.get(language)
    if cache is None:
        cache = _caches[language] = _Terms(language)
    return cache


def index_text(text: str, language: str) -> str:
    """The terms of a text for the index, space-separated, in text order (phrases stay phrases)."""
    tokens = words(text)
    if not tokens:
        return ""
    plain = tokens if text.isascii() else [t for t in tokens if not is_cjk(t)]
    terms = stem_all(plain, language)
    if len(plain) == len(tokens):
        return " ".join(map(terms.__getitem__, tokens))
    out: list[str] = []
    for token in tokens:
        if is_cjk(token):
            out.extend(bigrams(token))
        else:
            out.append(terms[token])
    return " ".join(out)


def term_variants(token: str, languages: Iterable[str]) -> list[str]:
    """The index terms one query word may have in articles of these languages ('' for no stemming).

    Both the word as typed and its folded form are stemmed, so a stemmer that knows accents (French,
    Turkish) and a query typed without them still meet.
    """
    found: dict[str, None] = {}
    forms = dict.fromkeys([token, fold(token)])
    for language in languages or ("",):
        for form in forms:
            found[stem_all([form], language)[form]] = None
    return list(found)


def spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, lower-cased token) of every token of the original text, for snippets and highlights."""
    ascii_only = text.isascii()
    for match in (_ASCII_TOKEN if ascii_only else _unicode(_TOKEN)).finditer(text):
        token = match.group()
        if not ascii_only and not token.isascii():
            token = unicodedata.normalize("NFKC", token)
        yield match.start(), match.end(), token.lower().replace(".", "")
