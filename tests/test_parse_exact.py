"""parse/ case by case, in-process, with hand-worked expected values (so mutation testing can see them).

Each test pins one rule of html.py, sniff.py or text.py with an input chosen so that a small change to the
rule (a flipped comparison, a limit off by one, a dropped option) gives a different answer.
"""

from __future__ import annotations

import gzip
import tracemalloc
from datetime import UTC, datetime

import pytest

from newsreader.parse.html import _collapse, _tidy, html_to_line, html_to_text
from newsreader.parse.sniff import GZIP, HTML, OPML, SITEMAP, discover_feeds, gunzip, sniff
from newsreader.parse.text import (
    _author_from,
    _is_own_paragraph,
    _looks_like_date_line,
    _next_filled,
    _paragraphs,
    _split_list,
    _strip_by,
    derive_title,
    find_publisher,
    first_sentence,
    parse_text,
)

# --- html.py ---------------------------------------------------------------------------------------------


def test_html_empty_fragment_is_empty_text() -> None:
    assert html_to_text("") == ""
    assert html_to_line("") == ""


def test_html_plain_text_is_not_parsed_as_markup() -> None:
    # No tag and no complete entity: an HTML parser would turn "&amp" and "&copy" into "&" and "©".
    assert html_to_text("fish &amp chips &copy 2026") == "fish &amp chips &copy 2026"


def test_html_markup_is_parsed_and_entities_decoded() -> None:
    assert html_to_text("fish &amp; chips") == "fish & chips"
    assert html_to_text("<b>bold</b><i>italic</i>") == "bolditalic"


def test_html_blocks_become_paragraphs_and_br_lines() -> None:
    assert html_to_text("<p>One two</p><p>Three</p>") == "One two\n\nThree"
    assert html_to_text("<div>a<br>b<br/>c</div>") == "a\nb\nc"
    assert html_to_text("<ul><li>x</li><li>y z</li></ul>") == "x\n\ny z"


def test_html_scripts_styles_and_head_are_dropped() -> None:
    fragment = "<head><title>T</title></head><p>a</p><script>alert(1)</script><style>p{}</style><p>b</p>"
    assert html_to_text(fragment) == "a\n\nb"


def test_html_line_is_one_line() -> None:
    assert html_to_line("<p>Talks <b>resume</b></p><p>in Doha</p>") == "Talks resume in Doha"
    assert html_to_line("a\n\nb  c") == "a b c"


def test_tidy_line_endings() -> None:
    assert _tidy("a\r\nb") == "a b"  # one line break inside a paragraph is a space
    assert _tidy("a\r\rb") == "a\n\nb"  # two old-Mac line ends are a blank line
    assert _tidy("a\n \nb\n\n\nc") == "a\n\nb\n\nc"
    assert _tidy("\ue010\ue010x\ue011\ue011y\ue010") == "x\ny"


def test_collapse_both_paths() -> None:
    assert _collapse(" a b ") == "a b"
    assert _collapse("a  b") == "a b"
    assert _collapse("a\tb") == "a b"
    assert _collapse("\u3000a\u00a0 b\u2003") == "a b"
    assert _collapse("   ") == ""


# --- sniff.py --------------------------------------------------------------------------------------------


def test_sniff_gzip_by_magic_bytes() -> None:
    assert sniff(gzip.compress(b"<rss/>")) == GZIP
    assert sniff(b"\x1f\x8b") == GZIP
    assert sniff(b"\x1f<rss/>") == ""


def test_sniff_roots() -> None:
    assert sniff(b"<html><body>x</body></html>") == HTML
    assert sniff(b"<!DOCTYPE html><html>") == HTML
    assert sniff(b"<HTML>") == HTML
    assert sniff(b"<p>just a paragraph") == HTML
    assert sniff(b'<?xml version="1.0"?><urlset xmlns="x">') == SITEMAP
    assert sniff(b"<sitemapindex>") == SITEMAP
    assert sniff(b"<opml version='2.0'>") == OPML
    assert sniff(b'<?xml version="1.0"?>\n<!-- c --><rss version="2.0">') == ""
    assert sniff(b"<rdf:RDF>") == ""
    assert sniff(b"<x:y:opml>") == OPML  # the local name is after the last colon


def test_sniff_prologue_is_skipped() -> None:
    assert sniff(b'<?xml version="1.0"?><!-- a --><!-- b --><html>') == HTML
    assert sniff(b'<?xml version="1.0"?>\n<!DOCTYPE opml SYSTEM "x"><opml>') == OPML
    assert sniff(b"<!doctype HTML>\n<p>", "text/plain") == HTML


def test_sniff_rss_091_with_its_doctype_served_as_html_is_a_feed() -> None:
    # RSS 0.91 feeds open with <!DOCTYPE rss ...>; a server calling it text/html does not make it a page.
    doc = b'<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "x">\n<rss>'
    assert sniff(doc, "text/html") == ""


def test_sniff_json_is_left_to_the_feed_parser() -> None:
    assert sniff(b'{"version": "https://jsonfeed.org/version/1.1"}', "text/html") == ""


def test_sniff_content_type_only_when_no_root() -> None:
    assert sniff(b"plain words", "Text/HTML; charset=utf-8") == HTML
    assert sniff(b"plain words", "text/plain") == ""
    assert sniff(b"<rss version='2.0'>", "text/html") == ""
    assert sniff(b"plain words") == ""


def test_sniff_reads_only_the_first_8192_bytes() -> None:
    long_comment = b"<!--" + b"x" * 9000 + b"-->"
    assert sniff(long_comment + b"<html>") == ""
    short_comment = b"<!--" + b"x" * 8000 + b"-->"
    assert sniff(short_comment + b"<html>") == HTML


def test_sniff_byte_order_marks_and_encodings() -> None:
    assert sniff(b"\xef\xbb\xbf  \r\n\t<html>") == HTML
    assert sniff(b"\xff\xfe" + "<html>".encode("utf-16-le")) == HTML
    assert sniff(b"\xfe\xff" + "<opml>".encode("utf-16-be")) == OPML
    assert sniff(b"\xff\xfe" + "<html>".encode("utf-16-le") + b"\x00") == HTML  # odd length: ignored
    assert sniff(b"\xff\xfe" + "\ufeff<html>".encode("utf-16-le")) == HTML  # a second mark is stripped
    assert sniff(b"\xff\xff<html>") == HTML  # invalid bytes are dropped, not an error
    assert sniff(b"\xc3<html>") == HTML  # an incomplete UTF-8 sequence is dropped
    # Only the marks and whitespace are stripped: a letter before the root means there is no root.
    assert sniff(b"X<html>") == ""
    assert sniff(b"\xff\xfe" + "X<html>".encode("utf-16-le")) == ""


def test_gunzip_limit_to_the_byte() -> None:
    data = gzip.compress(b"a" * 100)
    assert gunzip(data, 100) == b"a" * 100
    assert gunzip(data, 101) == b"a" * 100
    with pytest.raises(ValueError) as over:
        gunzip(data, 99)
    assert str(over.value) == "is gzip-compressed and over the 99-byte limit once decompressed"
    with pytest.raises(ValueError) as big:
        gunzip(gzip.compress(b"a" * 2000), 1500)
    assert str(big.value) == "is gzip-compressed and over the 1,500-byte limit once decompressed"


def test_gunzip_of_a_bomb_stops_at_the_limit() -> None:
    # 20 MB of zeros in about 20 KB: the reading stops one byte past the limit, it never holds all of it.
    bomb = gzip.compress(bytes(20_000_000), compresslevel=1)
    tracemalloc.start()
    try:
        with pytest.raises(ValueError):
            gunzip(bomb, 1000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000


def test_gunzip_truncated_and_broken() -> None:
    data = gzip.compress(b"hello world " * 20)
    with pytest.raises(ValueError) as truncated:
        gunzip(data[:-8], 10_000)
    assert str(truncated.value) == "is gzip-compressed but truncated"
    with pytest.raises(ValueError) as broken:
        gunzip(b"\x1f\x8b\x08\x00" + b"\xff" * 20, 10_000)
    assert str(broken.value).startswith("is gzip-compressed but cannot be decompressed (")
    assert str(broken.value).endswith(")")


def _link(href: str, kind: str = "application/rss+xml", rel: str = "alternate", title: str = "") -> str:
    return f'<link rel="{rel}" type="{kind}" href="{href}" title="{title}">'


def test_discover_feed_types_and_order() -> None:
    page = (
        "<html><head>"
        + _link("/rss.xml")
        + _link("/atom.xml", "application/atom+xml")
        + _link("/feed.json", "application/feed+json")
        + _link("/rdf", "application/rdf+xml")
        + _link("/page.html", "text/html")
        + _link("/style.css", "application/rss+xml", rel="stylesheet")
        + "</head></html>"
    )
    assert discover_feeds(page.encode(), "https://example.org/news/") == [
        "https://example.org/rss.xml",
        "https://example.org/atom.xml",
        "https://example.org/feed.json",
        "https://example.org/rdf",
    ]


def test_discover_attribute_spelling() -> None:
    page = (
        '<LINK REL="Alternate Home" TYPE="Application/RSS+XML; charset=utf-8" HREF="a.xml">'
        '<link rel="alternate" type=" application/atom+xml " href="b.xml">'
        '<link type="application/rss+xml" href="no-rel.xml">'
        '<link rel="alternate" type="application/rss+xml" href="">'
        '<link rel="alternate" type="application/rss+xml">'
        '<link rel="alternate" href="no-type.xml">'
    )
    assert discover_feeds(page.encode(), "http://example.org/x/") == [
        "http://example.org/x/a.xml",
        "http://example.org/x/b.xml",
    ]


def test_discover_base_href() -> None:
    page = '<base href="/feeds/"><base href="/other/">' + _link("main.xml")
    assert discover_feeds(page.encode(), "https://example.org/a/b") == ["https://example.org/feeds/main.xml"]
    no_href = '<base target="_blank">' + _link("main.xml")
    assert discover_feeds(no_href.encode(), "https://example.org/a/b") == ["https://example.org/a/main.xml"]


def test_discover_skips_comments_other_schemes_and_duplicates() -> None:
    page = (
        _link("/feed/")
        + _link("/comments/feed/")
        + _link("/x.xml", title="Site » Comments Feed")
        + _link("javascript:alert(1)")
        + _link("ftp://example.org/f.xml")
        + _link("HTTP://Example.org/upper.xml")
        + _link("/feed/")
        + _link("/fe\n ed.xml")
    )
    assert discover_feeds(page.encode(), "https://example.org/") == [
        "https://example.org/feed/",
        "HTTP://Example.org/upper.xml",
        "https://example.org/feed.xml",
    ]


def test_discover_keeps_ten() -> None:
    page = "".join(_link(f"/f{n}.xml") for n in range(12))
    assert discover_feeds(page.encode(), "https://example.org/") == [f"https://example.org/f{n}.xml" for n in range(10)]


def test_discover_reads_two_mebibytes() -> None:
    limit = 2 * 1024 * 1024
    first = _link("/in.xml")
    page = ("<!--" + "x" * (limit - len(first) - 7) + "-->" + first).encode()
    assert len(page) == limit
    second = _link("/out.xml").encode()
    assert discover_feeds(page + second, "https://example.org/") == ["https://example.org/in.xml"]


def test_discover_survives_bad_bytes_and_broken_markup() -> None:
    page = b"\xff\xfe" + _link("/a.xml").encode() + b"<![foo bar]>" + _link("/b.xml").encode()
    assert discover_feeds(page, "https://example.org/") == ["https://example.org/a.xml"]


# --- text.py ---------------------------------------------------------------------------------------------

UTC_ = UTC


def test_text_line_endings_and_byte_order_mark() -> None:
    parsed = parse_text("\ufeffTitle: Talks\r\nSource: Wire\r\n\r\nOne\rtwo.\r\rThree.")
    assert (parsed.title, parsed.source) == ("Talks", "Wire")
    assert parsed.body == "One two.\n\nThree."
    # A mark at the end is text, not a byte order mark (only the leading one is dropped).
    assert parse_text("Title: T\n\nBody.\ufeff").body == "Body.\ufeff"


def test_text_markdown_heading_title_keeps_inner_hashes() -> None:
    parsed = parse_text("## C# and F# compared\n\nBody one.\n\nBody two.")
    assert parsed.title == "C# and F# compared"
    assert parsed.body == "Body one.\n\nBody two."
    assert parsed.summary == "Body one."


def test_text_summary_header_wins_over_the_lead() -> None:
    parsed = parse_text("Title: T\nSummary: The short version.\n\nThe lead paragraph.\n\nMore.")
    assert parsed.summary == "The short version."
    assert parsed.body == "The lead paragraph.\n\nMore."


def test_text_empty_document() -> None:
    parsed = parse_text("")
    assert (parsed.title, parsed.summary, parsed.body, parsed.source, parsed.author) == ("", "", "", "", "")
    assert parsed.published is None and parsed.notes == []


def test_text_publisher_from_the_body_when_the_lead_names_none() -> None:
    parsed = parse_text("Talks resumed on Monday.\n\nThe envoy left, Azernews reports.")
    assert parsed.source == "Azernews"
    parsed = parse_text("Talks resumed, Trend reports.\n\nThe envoy left, Azernews reports.")
    assert parsed.source == "Trend"


def test_text_header_every_key() -> None:
    text = (
        "\n\n"
        "Headline:   Floods in Sindh  \n"
        "Publisher: Dawn\n"
        "By: By Jane Doe\n"
        "Published: 2026-03-01\n"
        "Link: https://example.org/f\n"
        "Countries: PK; IN,\n"
        "Regions: South Asia\n"
        "Tags: floods, CafÃ© , ,\n"
        "Summary: Rain.\n"
        "Lang: ur\n"
        "\n"
        "Body here."
    )
    parsed = parse_text(text)
    assert parsed.title == "Floods in Sindh"
    assert parsed.source == "Dawn"
    assert parsed.author == "Jane Doe"
    assert parsed.published == datetime(2026, 3, 1, tzinfo=UTC_)
    assert parsed.url == "https://example.org/f"
    assert parsed.countries == ["PK", "IN"]
    assert parsed.regions == ["South Asia"]
    assert parsed.tags == ["floods", "Café"]
    assert parsed.summary == "Rain."
    assert parsed.language == "ur"
    assert parsed.body == "Body here."
    assert parsed.notes == []


def test_text_header_other_spellings() -> None:
    parsed = parse_text("OUTLET: Wire\nByline: Ann Lee\nUpdated: 2026-03-02\nCountry: QA\nRegion: Gulf\n\nx")
    assert (parsed.source, parsed.author, parsed.countries, parsed.regions) == ("Wire", "Ann Lee", ["QA"], ["Gulf"])
    assert parsed.published == datetime(2026, 3, 2, tzinfo=UTC_)
    parsed = parse_text("Source: S\nDate: 2026-03-03\nLanguage: de\nAuthor: Bob Ray\n\nx")
    assert (parsed.source, parsed.language, parsed.author) == ("S", "de", "Bob Ray")
    assert parsed.published == datetime(2026, 3, 3, tzinfo=UTC_)


def test_text_header_keys_not_given_stay_empty() -> None:
    parsed = parse_text("\nTitle: T\nSource: S\n\nBody text here.")  # one blank line before the header
    assert (parsed.title, parsed.source, parsed.author, parsed.url) == ("T", "S", "", "")
    assert (parsed.summary, parsed.body, parsed.language) == ("Body text here.", "Body text here.", "")
    assert (parsed.countries, parsed.regions, parsed.tags, parsed.published) == ([], [], [], None)
    parsed = parse_text("Title: T\n\nBody, Wire reports.")
    assert parsed.source == "Wire"


def test_text_leading_letters_are_kept() -> None:
    assert parse_text("Xi met Biden.").body == "Xi met Biden."
    assert parse_text("# XL Bully ban\n\nBody.").title == "XL Bully ban"
    assert parse_text("#Xmas in Gaza\n\nBody.").title == "Xmas in Gaza"
    assert parse_text("Source: S\n\nBody text here.").title == "Body text here"  # no Title header


def test_text_date_line_directly_above_the_byline() -> None:
    parsed = parse_text("3 February 2026\nBy Jane Doe\n\nBody line.")
    assert (parsed.published, parsed.author, parsed.body) == (
        datetime(2026, 2, 3, tzinfo=UTC_),
        "Jane Doe",
        "Body line.",
    )
    parsed = parse_text("Jane Doe\n\n3 February 2026\nBody line.")
    assert (parsed.published, parsed.author, parsed.body) == (
        datetime(2026, 2, 3, tzinfo=UTC_),
        "Jane Doe",
        "Body line.",
    )


def test_text_header_unreadable_date_is_noted() -> None:
    parsed = parse_text("Title: T\nDate: someday soon\n\nBody.")
    assert parsed.published is None
    assert parsed.notes == ["cannot read the Date header 'someday soon'"]


def test_text_header_only_document() -> None:
    parsed = parse_text("Title: Only a title\nSource: S")
    assert (parsed.title, parsed.source, parsed.body) == ("Only a title", "S", "")


def test_text_unknown_key_or_plain_line_means_no_header() -> None:
    parsed = parse_text("Title: T\nFlavour: sweet\n\nBody.")
    assert parsed.title == "Title: T Flavour: sweet"
    assert parsed.body == "Title: T Flavour: sweet\n\nBody."
    parsed = parse_text("Title: T\nnot a header line\n\nBody.")
    assert parsed.source == "" and parsed.body.startswith("Title: T not a header line")


def test_text_blank_only_document() -> None:
    parsed = parse_text("\n \n\t\n")
    assert (parsed.title, parsed.body) == ("", "")


def test_text_pasted_date_then_byline() -> None:
    parsed = parse_text("3 February 2026\n\nBy Jane Doe\n\nKenya passed the budget. More.")
    assert parsed.published == datetime(2026, 2, 3, tzinfo=UTC_)
    assert parsed.author == "Jane Doe"
    assert parsed.body == "Kenya passed the budget. More."
    assert parsed.title == "Kenya passed the budget"


def test_text_pasted_byline_then_date() -> None:
    parsed = parse_text("Jane Doe\n\n3 February 2026\n\nKenya passed the budget.")
    assert parsed.author == "Jane Doe"
    assert parsed.published == datetime(2026, 2, 3, tzinfo=UTC_)
    assert parsed.body == "Kenya passed the budget."


def test_text_pasted_byline_followed_directly_by_text_is_body() -> None:
    # Two capitalised words on a line of their own are a byline; followed by more text they start the body.
    parsed = parse_text("Jane Doe\nsaid the talks failed.")
    assert parsed.author == ""
    assert parsed.body == "Jane Doe said the talks failed."
    parsed = parse_text("By Jane Doe\nKenya passed the budget.")
    assert parsed.author == "Jane Doe"
    assert parsed.body == "Kenya passed the budget."


def test_text_pasted_lone_byline() -> None:
    parsed = parse_text("Jane Doe")
    assert parsed.author == "Jane Doe"
    assert parsed.body == ""


def test_text_pasted_date_only_once() -> None:
    parsed = parse_text("3 February 2026\n\n4 February 2026\n\nBody.")
    assert parsed.published == datetime(2026, 2, 3, tzinfo=UTC_)
    assert parsed.body == "4 February 2026\n\nBody."


def test_looks_like_date_line_rules() -> None:
    assert _looks_like_date_line("Published: 3 February 2026, 21:50 (GMT+4)")
    assert not _looks_like_date_line("")
    assert not _looks_like_date_line("   ")
    assert not _looks_like_date_line("On 3 February 2026 the ministers of six countries met in Baku to sign it")
    assert _looks_like_date_line("on 3 February 2026 one two three four five")  # six words left
    assert not _looks_like_date_line("on 3 February 2026 one two three four five six")
    long_line = "3 February 2026" + " " * 66
    assert len(long_line.strip()) <= 80 and _looks_like_date_line(long_line)
    eighty = "3 February 2026 " + "-" * 64
    assert len(eighty) == 80 and _looks_like_date_line(eighty)
    assert not _looks_like_date_line(eighty + "-")
    assert not _looks_like_date_line("no date in this line")


def test_author_from_rules() -> None:
    assert _author_from("Jane Doe") == "Jane Doe"
    assert _author_from("  by   Jane Doe  ") == "Jane Doe"
    assert _author_from("BY Ludwig van Beethoven") == "Ludwig van Beethoven"
    assert _author_from("Jane Doe, Reuters") == "Jane Doe"
    assert _author_from("Jane Doe | Staff") == "Jane Doe"
    assert _author_from("Jane Doe - Staff writer") == "Jane Doe"
    assert _author_from("Jane") == ""  # one word
    assert _author_from("Anna Bea Cleo Dana Emma") == "Anna Bea Cleo Dana Emma"  # five words
    assert _author_from("Anna Bea Cleo Dana Emma Fay") == ""  # six words
    assert _author_from("Jane Doe2") == ""
    assert _author_from("Jane Doe.") == ""
    assert _author_from("Jane Doe:") == ""
    assert _author_from("Jane went home") == ""  # a word that is not a name
    name = "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaa Bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
    assert len(name) == 60 and _author_from(name) == name
    assert _author_from(name + "b") == ""
    assert _author_from("Jane Doe" + " x" * 80) == ""
    assert _author_from("x" * 119 + ", Jane Doe") == ""


def test_names_and_titles_ending_in_a_capital_x() -> None:
    assert _author_from("Malcolm X") == "Malcolm X"
    assert derive_title("Talks with Malcolm X") == "Talks with Malcolm X"
    # The cut falls inside the eleventh word; the title ends at the X before it.
    assert derive_title("ab " + "Malcolm X " * 12) == "ab " + ("Malcolm X " * 9).strip() + "…"


def test_first_sentence_abbreviation_at_the_very_start() -> None:
    assert first_sentence("A. Smith spoke. Then.") == "A. Smith spoke."
    assert first_sentence("Dr. Who came. Then.") == "Dr. Who came."


def test_is_own_paragraph() -> None:
    assert _is_own_paragraph(["Jane Doe"], 0)
    assert _is_own_paragraph(["Jane Doe", ""], 0)
    assert _is_own_paragraph(["Jane Doe", "   "], 0)
    assert not _is_own_paragraph(["Jane Doe", "text"], 0)
    assert _is_own_paragraph(["By Jane Doe", "text"], 0)
    assert not _is_own_paragraph(["x", "Jane Doe", "text"], 1)
    assert _is_own_paragraph(["x", "Jane Doe"], 1)


def test_next_filled_and_paragraphs() -> None:
    assert _next_filled(["", " ", "a", ""], 0) == 2
    assert _next_filled(["a"], 0) == 0
    assert _next_filled(["", ""], 0) == 2
    assert _next_filled(["a", "", "b"], 1) == 2
    assert _paragraphs(["", " a ", "b", "", "", "c", " d"]) == ["a b", "c d"]
    assert _paragraphs([]) == []


def test_derive_title_lengths() -> None:
    hundred = "a" * 99 + "."
    assert derive_title(hundred) == "a" * 99
    assert derive_title("b" * 100) == "b" * 100
    assert derive_title("Talks resume.") == "Talks resume"
    words = ("abcd " * 30).strip()  # 149 characters, spaces every fifth
    assert derive_title(words) == ("abcd " * 19).strip() + "…"
    assert derive_title("c" * 150) == "c" * 99 + "…"
    assert derive_title("word, " * 30) == ("word, " * 16).rstrip(" ,") + "…"
    assert derive_title("x" * 90 + " yy—-;:, " + "z" * 20) == "x" * 90 + " yy…"


def test_first_sentence_rules() -> None:
    assert first_sentence("One.  Two.") == "One."
    assert first_sentence("Ask Dr. Smith. Then go.") == "Ask Dr. Smith."
    assert first_sentence("A long preamble by J. Smith went on. Next.") == "A long preamble by J. Smith went on."
    assert first_sentence("no end") == "no end"
    assert first_sentence("  spaced \n out  ") == "spaced out"


def test_find_publisher_rules() -> None:
    assert find_publisher("KYIV (Reuters) - Ukraine said") == "Reuters"
    assert find_publisher("The talks failed, Azer News reported.") == "Azer News"
    assert find_publisher("nothing here") == ""


def test_strip_by_and_split_list() -> None:
    assert _strip_by("By Jane Doe") == "Jane Doe"
    assert _strip_by("  Jane Doe  ") == "Jane Doe"
    assert _split_list(" a, b;c ;; ") == ["a", "b", "c"]
    assert _split_list("") == []
