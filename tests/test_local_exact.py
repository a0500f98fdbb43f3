"""local.py in process, case by case: which files a folder yields, size limits, encodings, header fields.

Expected lists and messages are written by hand from the files each test makes.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsreader.errors import SourceError
from newsreader.local import MAX_TEXT_BYTES, header_countries, load_text_article, read_bounded, read_text_file, walk
from newsreader.models import CountryTag

NOW = datetime(2026, 2, 3, 12, 0, tzinfo=UTC)


def test_walk_sorts_by_kind_skips_hidden_and_names_what_it_leaves(tmp_path: Path) -> None:
    for name in ["b.txt", "a.MD", "c.markdown", "d.text", "e.xml", "f.RSS", "g.atom", "h.json", "i.rdf", "j.feed"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "list.opml").write_text("x", encoding="utf-8")
    (tmp_path / "paper.pdf").write_text("x", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "inside.txt").write_text("x", encoding="utf-8")
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "z.txt").write_text("x", encoding="utf-8")
    (tmp_path / "sub" / "deeper" / "y.txt").write_text("x", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.xml")
    found = walk(tmp_path)
    assert found.text == [
        tmp_path / "a.MD",
        tmp_path / "b.txt",
        tmp_path / "c.markdown",
        tmp_path / "d.text",
        tmp_path / "sub" / "z.txt",
        tmp_path / "sub" / "deeper" / "y.txt",
    ]
    assert found.feeds == [tmp_path / n for n in ["e.xml", "f.RSS", "g.atom", "h.json", "i.rdf", "j.feed"]]
    assert found.opml == [tmp_path / "list.opml"]
    assert found.skipped == [
        f"{tmp_path / 'paper.pdf'}: skipped (not a .txt, .md or feed file)",
        f"{tmp_path / 'pipe.xml'}: skipped (not a regular file: a pipe, device or socket)",
    ]


def test_walk_keeps_a_broken_link_for_the_reader_to_report(tmp_path: Path) -> None:
    (tmp_path / "gone.xml").symlink_to(tmp_path / "nowhere.xml")
    assert walk(tmp_path).feeds == [tmp_path / "gone.xml"]


def test_read_bounded_takes_exactly_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"x" * 10)
    assert read_bounded(path, 10) == b"x" * 10
    with pytest.raises(SourceError) as caught:
        read_bounded(path, 9)
    assert str(caught.value) == f"{path}: file is 10 bytes, over the 9-byte limit"
    path.write_bytes(b"x" * 2000)
    with pytest.raises(SourceError) as caught:
        read_bounded(path, 1999, "max_feed_bytes")
    assert caught.value.cause == "file is 2,000 bytes, over the 1,999-byte limit (max_feed_bytes)"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_read_bounded_stops_a_file_larger_than_its_size_says() -> None:
    # /proc files are regular files that report size 0: only the bounded read can catch them.
    with pytest.raises(SourceError) as caught:
        read_bounded(Path("/proc/self/status"), 10, "cap")
    assert str(caught.value) == "/proc/self/status: file is over the 10-byte limit (cap)"
    assert read_bounded(Path("/proc/self/status"), 100_000).startswith(b"Name:")


def test_read_bounded_refuses_what_is_not_a_plain_file(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(SourceError) as caught:
        read_bounded(tmp_path / "pipe", 10)
    assert caught.value.cause == "not a regular file (a pipe, device or socket)"
    with pytest.raises(SourceError) as caught:
        read_bounded(tmp_path / "missing", 10)
    assert caught.value.cause == "cannot read (No such file or directory)"


def test_text_files_utf8_bom_utf16_binary_and_other_encodings(tmp_path: Path) -> None:
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbfTitle: Caf\xc3\xa9\n")
    assert read_text_file(bom) == ("Title: Café\n", [])
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("Title: Москва\n\nТекст.\n".encode("utf-16"))  # NULs, but after a BOM
    text, notes = read_text_file(utf16)
    assert text.lstrip("\ufeff") == "Title: Москва\n\nТекст.\n"
    assert len(notes) == 1 and notes[0].startswith(f"{utf16}: not UTF-8, read as utf_16")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"PK\x03\x04\x00\x00")
    with pytest.raises(SourceError) as caught:
        read_text_file(binary)
    assert caught.value.cause == "looks like a binary file, not text"
    late = tmp_path / "late_nul.txt"
    late.write_bytes(b"a" * 8192 + b"\x00")  # a NUL past the first 8 KiB is not taken as binary
    assert read_text_file(late) == ("a" * 8192 + "\x00", [])
    cyrillic = tmp_path / "cp1251.txt"
    cyrillic.write_bytes("Переговоры в Москве продолжились во вторник утром.\n".encode("cp1251") * 5)
    text, notes = read_text_file(cyrillic)
    assert text.startswith("Переговоры в Москве")
    assert len(notes) == 1 and notes[0].startswith(f"{cyrillic}: not UTF-8, read as ")
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (MAX_TEXT_BYTES + 1))
    with pytest.raises(SourceError, match="over the 5,242,880-byte limit"):
        read_text_file(big)


def test_a_text_article_takes_its_fields_from_the_header(tmp_path: Path) -> None:
    path = tmp_path / "talks.txt"
    path.write_text(
        "Title: Talks resume\nSource: Wire\nAuthor: A. Writer\nDate: 2026-02-01 10:00 UTC\n"
        "URL: https://wire.example/talks\nCountry: Iran, Atlantis\n"
        "Region: Middle East; Middle East; Nowhereland\nTags: talks, nuclear\nLanguage: en\n\nEnvoys met in Geneva.\n",
        encoding="utf-8",
    )
    article, notes = load_text_article(path, "origin-label", None, NOW)
    assert article.title == "Talks resume"
    assert article.source == "Wire"
    assert article.author == "A. Writer"
    assert article.published == datetime(2026, 2, 1, 10, 0, tzinfo=UTC)
    assert article.fetched_at == NOW
    assert article.origin == "origin-label"
    assert article.url == "https://wire.example/talks"
    assert article.body == "Envoys met in Geneva."
    assert article.countries == (CountryTag("IR", mentions=1, in_lead=True, primary=True, declared=True),)
    assert article.regions == ("Middle East",)
    assert article.tags == ("talks", "nuclear")
    assert [n.split(": ", 2)[:2] for n in notes] == [[str(path), "Country header"], [str(path), "Region header"]]
    assert "Atlantis" in notes[0] and "Nowhereland" in notes[1]
    again, _ = load_text_article(tmp_path / "talks.txt", "another origin", "Given source", NOW)
    assert again.id == article.id  # the id is the link's, whatever the origin
    assert again.source == "Given source"  # --source beats the header


def test_a_bare_text_file_gets_its_name_the_files_time_and_the_default_source(tmp_path: Path) -> None:
    path = tmp_path / "my-note.txt"
    path.write_text("Just a paragraph of text.\n", encoding="utf-8")
    stamp = datetime(2025, 7, 1, 8, 30, tzinfo=UTC).timestamp()
    os.utime(path, (stamp, stamp))
    article, notes = load_text_article(path, str(path), None, NOW)
    assert article.title == "Just a paragraph of text"  # derived from the text (parse/text.py), not the name
    assert article.source == "Local files"
    assert article.published == datetime(2025, 7, 1, 8, 30, tzinfo=UTC)
    assert f"{path}: no date found, using the file's modification time" in notes
    assert article.url == "" and article.countries == () and article.regions == ()
    other = tmp_path / "other.txt"
    other.write_text("Just a paragraph of text.\n", encoding="utf-8")
    assert load_text_article(other, str(other), None, NOW)[0].id != article.id  # no link: the path decides
    empty = tmp_path / "empty.txt"
    empty.write_text("Title: Only a title\n\n   \n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_text_article(empty, str(empty), None, NOW)
    assert str(caught.value) == f"{empty}: no article text in the file"


def test_header_countries_reads_the_file_again_only_while_it_holds_the_article(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Title: T\nCountry: France\n\nBody text.\n", encoding="utf-8")
    article, _ = load_text_article(path, str(path), None, NOW)
    assert header_countries(article) == (CountryTag("FR", mentions=1, in_lead=True, primary=True, declared=True),)
    from dataclasses import replace

    assert header_countries(replace(article, origin="https://feed.example/rss")) == ()
    assert header_countries(replace(article, origin=str(tmp_path / "feed.xml"))) == ()
    assert header_countries(replace(article, origin=str(tmp_path / "gone.txt"))) is None
    path.write_text("Title: T\nCountry: France\n\nOther text now.\n", encoding="utf-8")
    assert header_countries(article) is None


def test_walk_reports_a_folder_it_cannot_list(tmp_path: Path) -> None:
    # As root a chmod 000 folder is still readable, so the folder that cannot be listed is a missing one.
    missing = tmp_path / "missing"
    found = walk(missing)
    assert found.skipped == [f"{missing}: cannot read (No such file or directory)"]
    assert (found.text, found.feeds, found.opml) == ([], [], [])


@pytest.mark.skipif(not Path("/proc/self/smaps").exists(), reason="needs Linux /proc")
def test_read_bounded_reads_no_more_than_the_limit_of_a_file_that_lies_about_its_size() -> None:
    import tracemalloc

    # /proc/self/smaps says it holds 0 bytes and holds hundreds of kilobytes: reading it all to then
    # refuse it would defeat the limit.
    assert len(Path("/proc/self/smaps").read_bytes()) > 50_000
    tracemalloc.start()
    try:
        with pytest.raises(SourceError):
            read_bounded(Path("/proc/self/smaps"), 100)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20_000


def test_utf16_big_endian_with_its_bom_is_text_not_binary(tmp_path: Path) -> None:
    path = tmp_path / "be.txt"
    path.write_bytes(b"\xfe\xff" + "Title: Ankara\n\nMetin.\n".encode("utf-16-be"))
    text, notes = read_text_file(path)
    assert text.lstrip("\ufeff") == "Title: Ankara\n\nMetin.\n"
    assert len(notes) == 1 and notes[0].startswith(f"{path}: not UTF-8, read as utf_16")


def test_bytes_no_encoding_explains_are_replaced_and_noted(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    # 0x80-0xFF: each byte is a stray continuation byte or a lead byte with no continuation after it,
    # so UTF-8 with replacement gives one U+FFFD per byte; charset_normalizer finds no encoding for it.
    path.write_bytes(bytes(range(0x80, 0x100)))
    assert read_text_file(path) == ("\ufffd" * 128, [f"{path}: not UTF-8, unreadable bytes replaced"])


def test_a_text_articles_id_summary_and_language(tmp_path: Path) -> None:
    import hashlib

    path = tmp_path / "a.txt"
    path.write_text(
        "Title: T\nURL: https://wire.example/a\nLanguage: fr-FR\n\nPremier paragraphe.\n\nSecond.\n", encoding="utf-8"
    )
    article, _ = load_text_article(path, str(path), None, NOW)
    # The id is fixed forever (stored ids depend on it): sha1 of "local", unit separator, the link; 16 hex digits.
    assert article.id == hashlib.sha1(b"local\x1fhttps://wire.example/a").hexdigest()[:16]
    assert article.summary == "Premier paragraphe."
    assert article.language == "fr"
    bare = tmp_path / "b.txt"
    bare.write_text("Title: T\n\nText.\n", encoding="utf-8")
    plain, _ = load_text_article(bare, str(bare), None, NOW)
    assert plain.id == hashlib.sha1(f"local\x1f{bare.resolve()}".encode()).hexdigest()[:16]
    assert plain.language == ""


def test_header_places_unknown_names_first_regions_alone(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Title: T\nCountry: Atlantis, France\n\nBody text.\n", encoding="utf-8")
    article, notes = load_text_article(path, str(path), None, NOW)
    assert [t.code for t in article.countries] == ["FR"]  # an unknown name does not stop the ones after it
    about = [n for n in notes if "Atlantis" in n]
    assert len(about) == 1 and about[0].startswith(f"{path}: Country header: unknown country 'Atlantis'")
    assert [t.code for t in header_countries(article) or ()] == ["FR"]  # the note is dropped, not raised
    regional = tmp_path / "r.txt"
    regional.write_text("Title: T\nRegion: Middle East\n\nBody text.\n", encoding="utf-8")
    only, _ = load_text_article(regional, str(regional), None, NOW)
    assert (only.countries, only.regions) == ((), ("Middle East",))


def test_header_countries_of_a_url_origin_ending_in_txt_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Title: T\nCountry: France\n\nBody text.\n", encoding="utf-8")
    article, _ = load_text_article(path, str(path), None, NOW)
    from dataclasses import replace

    assert header_countries(replace(article, origin="https://feed.example/story.txt")) == ()
