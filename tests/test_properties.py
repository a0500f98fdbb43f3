"""Property tests: arbitrary input never crashes the parser, the sanitizer, search quoting or file reading."""

from __future__ import annotations

import contextlib
import importlib
import os
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsreader import core
from newsreader.errors import NewsreaderError, UsageError
from newsreader.local import read_text_file
from newsreader.models import HIT_END, HIT_START, Article, Filters, make_id
from newsreader.parse.text import TITLE_MAX, derive_title, parse_text
from newsreader.render import highlighted, safe_link
from newsreader.sanitize import clean, clean_line, is_clean
from newsreader.store import Store

# Modest by default so the suite stays fast; NEWSREADER_HYPOTHESIS_EXAMPLES=5000 for a deeper hunt.
FAST = settings(
    max_examples=int(os.environ.get("NEWSREADER_HYPOTHESIS_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Text rich in what attackers and broken files use: escapes, C0/C1 controls, bidi, brackets, line ends.
NASTY = st.sampled_from(
    [
        "\x1b",
        "[",
        "]",
        "\\",
        "\x07",
        "\x9b",
        "\x9c",
        "\x9d",
        "\x90",
        "\r",
        "\n",
        "\t",
        "\x00",
        "\x7f",
        "\u202e",
        "\u2066",
        "\u200f",
        "\u2028",
        "\ufeff",
        HIT_START,
        HIT_END,
        ";",
        "8",
        "52",
        "m",
        "P",
        "^",
        "_",
        "X",
        ":",
        "Title: ",
        "Date: ",
        "By ",
        "2026-02-03",
        "+99:00",
        "Mr. ",
        ", Reuters reports.",
        "# ",
        " ",
        "\n\n",
    ]
)
HOSTILE_TEXT = st.one_of(st.text(), st.lists(st.one_of(NASTY, st.text(max_size=5)), max_size=40).map("".join))
# What may never reach a terminal, from the Unicode database rather than from the code under test: control
# characters (category Cc) but tab and newline, line and paragraph separators (Zl, Zp), the bidi embedding,
# override and isolate controls (by bidi class) and the three implicit bidi marks.
BIDI_CONTROLS = {"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"}
BIDI_MARKS = {unicodedata.lookup(n) for n in ("LEFT-TO-RIGHT MARK", "RIGHT-TO-LEFT MARK", "ARABIC LETTER MARK")}


def forbidden(ch: str) -> bool:
    category = unicodedata.category(ch)
    if category == "Cc":
        return ch not in "\t\n"
    return category in ("Zl", "Zp") or unicodedata.bidirectional(ch) in BIDI_CONTROLS or ch in BIDI_MARKS


def assert_terminal_safe(text: str, *, one_line: bool) -> None:
    assert not any(forbidden(ch) for ch in text), repr(text)
    assert is_clean(text)
    if one_line:
        assert "\n" not in text and "\t" not in text


# -- the sanitizer ----------------------------------------------------------------------------------
@FAST
@given(HOSTILE_TEXT)
@example("\x1b]52;c;SGVsbG8=\x07text")
@example("\x1b\x1b[31mred")
@example("\x1b\x00[31m")
@example("\x9b\x1b]8;;x\x9c")
def test_clean_output_never_holds_a_control_character(text: str) -> None:
    cleaned = clean(text)
    assert_terminal_safe(cleaned, one_line=False)
    assert "\r" not in cleaned
    assert clean(cleaned) == cleaned  # idempotent: nothing left to strip
    assert_terminal_safe(clean_line(text), one_line=True)


def test_every_forbidden_character_is_removed() -> None:
    every = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and forbidden(chr(c))]
    assert len(every) > 70  # 63 controls, 2 separators, 9 bidi controls, 3 marks
    assert not any(forbidden(ch) for ch in clean("x".join(every)))


def test_joiners_that_scripts_need_are_kept() -> None:
    # ZWNJ and ZWJ are part of Persian, Urdu and Indic spelling (and of emoji): removing them misspells.
    persian = "می\u200cخواهم"  # "I want": ZWNJ between the prefix and the verb
    hindi = "क्\u200dष"
    assert clean(persian) == persian and clean_line(hindi) == hindi


@FAST
@given(HOSTILE_TEXT)
def test_clean_keeps_ordinary_text(text: str) -> None:
    plain = "".join(ch for ch in text if ch.isalnum() or ch == " ")
    assert clean(plain) == plain


@FAST
@given(st.lists(HOSTILE_TEXT, max_size=6))
def test_highlighted_snippets_are_terminal_safe(parts: list[str]) -> None:
    snippet = "".join(p + (HIT_START if i % 2 == 0 else HIT_END) for i, p in enumerate(parts))
    assert_terminal_safe(highlighted(snippet).plain, one_line=True)


@FAST
@given(HOSTILE_TEXT)
@example("javascript:alert(1)")
@example("file:///etc/passwd")
@example("https://ok.example/\x1b]8;;evil\x07")
def test_safe_link_is_http_or_nothing(url: str) -> None:
    link = safe_link(url)
    assert link == "" or (link.lower().startswith(("http://", "https://")) and " " not in link)
    assert_terminal_safe(link, one_line=True)


# -- the plain-text parser --------------------------------------------------------------------------
@FAST
@given(HOSTILE_TEXT)
@example("Date: 2026-02-03T10:00+99:00\n\nbody")
@example("2026-02-03 10:00 (UTC+30:00)\n\nbody")
@example("Title:\n\n")
@example("\ufeff")
def test_parse_text_never_raises_and_returns_text(text: str) -> None:
    try:
        parsed = parse_text(text)
    except NewsreaderError:
        return
    for value in (parsed.title, parsed.source, parsed.author, parsed.url, parsed.summary, parsed.body):
        assert isinstance(value, str)
    assert parsed.published is None or parsed.published.tzinfo is not None
    assert "\n" not in parsed.title
    if parsed.title == derive_title(parsed.body.split("\n\n")[0]):  # a derived title is kept short
        assert len(parsed.title) <= TITLE_MAX


@FAST
@given(st.binary(max_size=2000))
@example(b"\xff\xfe" + "Title: UTF-16\n\nbody".encode("utf-16-le"))
@example(b"\x00\x01\x02")
@example(b"Caf\xe9 \x81\x8d")
def test_reading_any_bytes_gives_text_or_a_source_error(tmp_path_factory: pytest.TempPathFactory, raw: bytes) -> None:
    path = tmp_path_factory.getbasetemp() / "any.txt"
    path.write_bytes(raw)
    try:
        text, notes = read_text_file(path)
    except NewsreaderError as exc:
        assert str(path) in str(exc)
        return
    assert isinstance(text, str) and all(isinstance(n, str) for n in notes)
    parse_text(text)


# -- search quoting against a real FTS5 index -------------------------------------------------------
@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("props") / "news.db"
    now = datetime.now(UTC)
    texts = ["Iran's nuclear talks in U.S. capital", 'He said "no" - NOT OR AND NEAR', "C++ and C# vs. the world*"]
    with Store.open(path) as store:
        store.save(
            [
                Article(id=make_id("p", t), title=t, source="Test", published=now, fetched_at=now, origin="t", body=t)
                for t in texts
            ]
        )
    return path


QUERY_TEXT = st.one_of(
    st.text(),
    st.lists(
        st.sampled_from(['"', "'", "*", "-", "+", "^", ":", "(", ")", "NEAR", "AND", "OR", "NOT", "Iran's", "U.S."])
        | st.text(max_size=4),
        max_size=10,
    ).map(" ".join),
)


@FAST
@given(QUERY_TEXT)
@example('"')
@example("title:Iran")
@example("NEAR(a b)")
@example("-Iran")
@example("*")
@example("\x00")
@example("0\x00")
@example('"Iran\x00" OR')
def test_any_plain_query_searches_or_says_it_has_no_words(store_path: Path, query: str) -> None:
    quoted = core.quote_query(query)
    try:
        hits = core.search(store_path, query, Filters(limit=5))
    except UsageError as exc:
        assert not quoted and "no words" in str(exc)  # the only refusal: nothing to search for
        return
    assert quoted
    for hit in hits:
        assert_terminal_safe(highlighted(hit.snippet).plain, one_line=True)


@FAST
@given(QUERY_TEXT)
def test_raw_queries_fail_only_with_our_error(store_path: Path, query: str) -> None:
    with contextlib.suppress(UsageError):  # InvalidSearchQueryError or "no words": one-line usage errors
        core.search(store_path, query, Filters(limit=5), raw=True)


# -- HTML to text (lands with the feeds work) -------------------------------------------------------
def _html_to_text() -> object:
    for module, name in (("newsreader.parse.html", "html_to_text"), ("newsreader.html", "html_to_text")):
        try:
            found = getattr(importlib.import_module(module), name, None)
        except ImportError:
            continue
        if callable(found):
            return found
    return None


HTML_TEXT = st.one_of(
    st.text(),
    st.lists(
        st.sampled_from(["<p>", "</p>", "<script>", "</script>", "<a href='javascript:x'>", "&amp;", "&#27;", "&#x9b;"])
        | HOSTILE_TEXT,
        max_size=20,
    ).map("".join),
)


@pytest.mark.skipif(_html_to_text() is None, reason="no HTML-to-text step yet (it lands with the feeds work)")
@FAST
@given(HTML_TEXT)
def test_html_to_text_never_raises(html: str) -> None:
    convert = _html_to_text()
    assert callable(convert)
    try:
        text = convert(html)
    except NewsreaderError:
        return
    assert isinstance(text, str)
    assert_terminal_safe(clean(text), one_line=False)


# -- country tagging of arbitrary titles ------------------------------------------------------------
TAG_WORDS = st.sampled_from(["Furious", "famous", "campus", "virus", "Iran", "U.S.", "US", "Tehran", "the", "us", "e"])


@FAST
@given(st.lists(st.one_of(TAG_WORDS, st.text(max_size=4)), max_size=12).map(" ".join))
@example("Furious")  # a key ("us") inside the last word once made the scanner index past the end
@example("Игры для Nokia 5800 и Nokia N97: 3D Fast and Furious")
def test_tagging_any_title_never_raises(title: str) -> None:
    from newsreader import geo

    now = datetime.now(UTC)
    article = Article(id="0" * 16, title=title, source="s", published=now, fetched_at=now, origin="o", body=title)
    tagged = geo.tag(article)
    assert all(len(c.code) == 2 for c in tagged.countries)
