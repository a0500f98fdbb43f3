"""opml.py in process, case by case: what each kind of outline, defect and limit gives, exactly.

Expected feeds and messages are written by hand from the OPML text in each test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.errors import SourceError
from newsreader.opml import MAX_OPML_BYTES, OpmlFeed, parse_opml, read_opml, write_opml


def test_titles_categories_and_attribute_case_as_written() -> None:
    data = b"""<?xml version="1.0"?>
<opml version="2.0" xmlns:x="urn:x"><head><title>T</title></head><body>
  <outline type="rss" title=" Titled " text="Ignored" xmlUrl=" https://a.example/rss "/>
  <outline text="Only text" XMLURL="https://b.example/rss"/>
  <outline xmlUrl="https://c.example/rss"/>
  <outline text="World">
    <outline text="Inner" xmlUrl="https://d.example/rss"/>
    <outline title="Deeper"><outline text="Deep" xmlUrl="https://e.example/rss"/></outline>
    <outline text="Feed with children" xmlUrl="https://f.example/rss">
      <outline text="Child" xmlUrl="https://g.example/rss"/>
    </outline>
  </outline>
  <outline text="   "><outline text="Blank folder" xmlUrl="https://h.example/rss"/></outline>
  <x:outline text="Namespaced" xmlUrl="https://i.example/rss"/>
  <outline text="No feed here"/>
</body></opml>"""
    feeds, notes = parse_opml(data)
    assert notes == []
    assert feeds == [
        OpmlFeed("https://a.example/rss", "Titled", ""),
        OpmlFeed("https://b.example/rss", "Only text", ""),
        OpmlFeed("https://c.example/rss", "", ""),
        OpmlFeed("https://d.example/rss", "Inner", "World"),
        OpmlFeed("https://e.example/rss", "Deep", "Deeper"),
        OpmlFeed("https://f.example/rss", "Feed with children", "World"),
        OpmlFeed("https://g.example/rss", "Child", "World"),  # a feed outline is no folder
        OpmlFeed("https://h.example/rss", "Blank folder", ""),
        OpmlFeed("https://i.example/rss", "Namespaced", ""),
    ]


def test_only_outline_elements_are_feeds_or_folders() -> None:
    data = b"""<opml><body text="Not a folder" title="Nor this">
  <item text="Not an outline" xmlUrl="https://no.example/rss"/>
  <group title="Not a folder either"><outline text="Inside" xmlUrl="https://a.example/rss"/></group>
</body></opml>"""
    assert parse_opml(data) == ([OpmlFeed("https://a.example/rss", "Inside", "")], [])


def test_the_first_listing_of_a_feed_wins() -> None:
    data = b"""<opml><body>
  <outline text="First" xmlUrl="https://A.example/rss"/>
  <outline text="Second" xmlUrl="https://a.example/rss"/>
  <outline text="Other" xmlUrl="https://b.example/rss"/>
</body></opml>"""
    feeds, _ = parse_opml(data)
    assert feeds == [OpmlFeed("https://A.example/rss", "First"), OpmlFeed("https://b.example/rss", "Other")]


def test_a_stray_ampersand_is_escaped_and_said() -> None:
    data = b'<opml><body><outline text="Q&A" xmlUrl="https://a.example/rss?x=1&amp;y=2"/></body></opml>'
    feeds, notes = parse_opml(data, "list.opml")
    assert feeds == [OpmlFeed("https://a.example/rss?x=1&y=2", "Q&A")]
    assert len(notes) == 1
    assert notes[0].startswith("list.opml: not well-formed XML (")
    assert notes[0].endswith("); read it after escaping stray '&' characters")


def test_entities_and_character_references_are_not_escaped_again() -> None:
    data = b'<opml><body><outline text="A &#233; &#xe9; &lt;b&gt; & Co" xmlUrl="https://a.example/"/></body></opml>'
    feeds, notes = parse_opml(data)
    assert feeds == [OpmlFeed("https://a.example/", "A \u00e9 \u00e9 <b> & Co")]
    assert len(notes) == 1


def test_a_badly_broken_file_is_read_outline_by_outline() -> None:
    data = (
        b"<opml><body><outline text='Single &amp; quoted' XmlUrl='https://a.example/rss'>"
        b'<outline title="T" text="ignored" xmlUrl=" https://b.example/rss ">'
        b'<outline text="no url">'
        b'<outline text="caf\xc3\xa9" xmlUrl="https://c.example/rss">'
        b'<outline xmlUrl="https://d.example/rss">'  # neither title nor text
        b'<outline text="caf\xe9 latin-1" xmlUrl="https://e.example/rss"></body>'  # not UTF-8
        b"<unclosed"
    )
    feeds, notes = parse_opml(data, "bad.opml")
    assert feeds == [
        OpmlFeed("https://a.example/rss", "Single & quoted"),
        OpmlFeed("https://b.example/rss", "T"),
        OpmlFeed("https://c.example/rss", "café"),
        OpmlFeed("https://d.example/rss", ""),
        OpmlFeed("https://e.example/rss", "caf\ufffd latin-1"),
    ]
    assert len(notes) == 1
    assert notes[0].startswith("bad.opml: not well-formed XML (")
    assert notes[0].endswith("); took the xmlUrl of each <outline> as written")


def test_no_feeds_at_all_is_an_error_naming_the_file() -> None:
    with pytest.raises(SourceError) as caught:
        parse_opml(b'<opml><body><outline text="folder"/></body></opml>', "empty.opml")
    assert str(caught.value) == "empty.opml: no feeds in this OPML file (no <outline> with an xmlUrl)"
    with pytest.raises(SourceError) as caught:
        parse_opml(b"<opml><body/></opml>")
    assert caught.value.source == "OPML"  # no label given
    with pytest.raises(SourceError) as caught:
        parse_opml(b"this is not xml <at all", "junk.opml")
    assert caught.value.source == "junk.opml"
    assert caught.value.cause.startswith("not a readable OPML file (")
    assert caught.value.cause.endswith(") and no xmlUrl outlines found")


def test_the_size_limit_is_exact(tmp_path: Path) -> None:
    head = b'<opml><body><outline text="A" xmlUrl="https://a.example/rss"/></body></opml>\n<!--'
    tail = b"-->"
    at_limit = tmp_path / "at.opml"
    at_limit.write_bytes(head + b"x" * (MAX_OPML_BYTES - len(head) - len(tail)) + tail)
    assert at_limit.stat().st_size == MAX_OPML_BYTES
    assert read_opml(at_limit)[0] == [OpmlFeed("https://a.example/rss", "A")]
    over = tmp_path / "over.opml"
    over.write_bytes(head + b"x" * (MAX_OPML_BYTES - len(head) - len(tail) + 1) + tail)
    with pytest.raises(SourceError) as caught:
        read_opml(over)
    assert str(caught.value) == f"{over}: OPML file over the 5,242,880-byte limit"


def test_a_files_notes_and_errors_name_its_path(tmp_path: Path) -> None:
    path = tmp_path / "list.opml"
    path.write_bytes(b'<opml><body><outline text="Q&A" xmlUrl="https://a.example/"/></body></opml>')
    feeds, notes = read_opml(path)
    assert feeds == [OpmlFeed("https://a.example/", "Q&A")]
    assert len(notes) == 1 and notes[0].startswith(f"{path}: not well-formed XML (")
    path.write_bytes(b"<opml><body/></opml>")
    with pytest.raises(SourceError) as caught:
        read_opml(path)
    assert caught.value.source == str(path)


def test_an_unreadable_path_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        read_opml(tmp_path / "missing.opml")
    assert str(caught.value) == f"{tmp_path / 'missing.opml'}: cannot read (No such file or directory)"


def test_written_opml_is_exactly_this_and_reads_back() -> None:
    feeds = [
        OpmlFeed("https://a.example/rss", "Alpha", ""),
        OpmlFeed("https://b.example/rss?x=1&y=2", "", "World"),
        OpmlFeed("https://c.example/rss", "Gamma <C>", "World"),
    ]
    text = write_opml(feeds, title="Mine")
    assert text == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<opml version="2.0">\n'
        "  <head>\n"
        "    <title>Mine</title>\n"
        "  </head>\n"
        "  <body>\n"
        '    <outline type="rss" text="Alpha" title="Alpha" xmlUrl="https://a.example/rss" />\n'
        '    <outline text="World" title="World">\n'
        '      <outline type="rss" text="https://b.example/rss?x=1&amp;y=2" title="https://b.example/rss?x=1&amp;y=2"'
        ' xmlUrl="https://b.example/rss?x=1&amp;y=2" />\n'
        '      <outline type="rss" text="Gamma &lt;C&gt;" title="Gamma &lt;C&gt;" xmlUrl="https://c.example/rss" />\n'
        "    </outline>\n"
        "  </body>\n"
        "</opml>\n"
    )
    assert parse_opml(text.encode()) == (
        [
            OpmlFeed("https://a.example/rss", "Alpha", ""),
            OpmlFeed("https://b.example/rss?x=1&y=2", "https://b.example/rss?x=1&y=2", "World"),
            OpmlFeed("https://c.example/rss", "Gamma <C>", "World"),
        ],
        [],
    )
    assert write_opml([]).startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    assert "<title>newsreader feeds</title>" in write_opml([])
