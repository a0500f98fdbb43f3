"""Text cleaning: mojibake, entities, bylines, boilerplate, CSS/JS and the body cap; unit and end to end.

Expected values are written by hand. The end-to-end tests fetch small feeds (reproducing real outlets'
cases) from a loopback server into a real SQLite store, and read a text file from disk.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from newsreader.store.db import Store
from newsreader.text import BODY_CAP, clean_author, clean_body, clean_tag, clean_title
from tests.helpers import invoke


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Lâ€™escale amÃ©ricaine", "L’escale américaine"),
        ("Japanâ€™s prime minister", "Japan’s prime minister"),
        ("MÃ¼nchen und KÃ¶ln", "München und Köln"),
        ("SÃ£o Paulo", "São Paulo"),
        ("ÐŸÑ€Ð¸Ð²ÐµÑ‚", "Привет"),
        ("AT&amp;amp;T profits", "AT&T profits"),  # escaped twice (CNBC)
        ("Talks resume in Geneva", "Talks resume in Geneva"),
        ("Café été à Genève", "Café été à Genève"),  # correct accents stay as they are
        ("Neue Zahlen zur Lage [mehr]", "Neue Zahlen zur Lage"),
        ("Big news - Read more", "Big news"),
        ("Read more", "Read more"),  # a title that is only the words stays
    ],
)
def test_titles_are_repaired(raw: str, expected: str) -> None:
    assert clean_title(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("redaktion@example.at (Redaktion)", "Redaktion"),
        ("Jane Roe <jane@example.com>", "Jane Roe"),
        ('"Jane Roe" <jane@example.com>', "Jane Roe"),
        ("newsfeeds@outlet.example", ""),
        ("<newsfeeds@outlet.example>", ""),
        ("a@x.example (Ann Lee), b@x.example (Bo Chen)", "Ann Lee, Bo Chen"),
        ("By Jane Roe", "Jane Roe"),
        ("Max &amp;amp; Moritz", "Max & Moritz"),
        ("José GarcÃ­a", "José García"),
        ("Jane Roe, John Doe", "Jane Roe, John Doe"),
    ],
)
def test_authors_are_reduced_to_names(raw: str, expected: str) -> None:
    assert clean_author(raw) == expected


def test_tags_lose_entities() -> None:
    assert clean_tag("Museums &amp; Galleries") == "Museums & Galleries"
    assert clean_tag("  Middle East ") == "Middle East"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Delegations met. Continue reading...", "Delegations met."),
        ("Delegations met.\n\nContinue reading…", "Delegations met."),
        ("Talks resume, Reuters, opens new tab reported.", "Talks resume, Reuters reported."),
        ("Neue Zahlen zur Lage [mehr]", "Neue Zahlen zur Lage"),
        ("Texto da matéria. Leia mais", "Texto da matéria."),
        ("Die Debatte geht weiter. Weiterlesen", "Die Debatte geht weiter."),
        ("Le texte. Lire la suite »", "Le texte."),
        ("El texto. Leer más", "El texto."),
        ("Il testo. Leggi tutto", "Il testo."),
        ("De tekst. Lees meer", "De tekst."),
        ("Haber metni. Devamını oku", "Haber metni."),
        ("Текст новости. Читать далее →", "Текст новости."),
        ("Tekst. Czytaj więcej", "Tekst."),
        ("Text.\n\nThe post Talks resume appeared first on Wire Example.", "Text."),
        ("A summary [&#8230;]", "A summary…"),
        ("A summary [...]", "A summary…"),
        # prose that merely ends with the words stays
        ("She wanted to read more.", "She wanted to read more."),
        ("Er will mehr.", "Er will mehr."),
        ("Die Regierung plant mehr...", "Die Regierung plant mehr..."),
    ],
)
def test_boilerplate_is_removed_and_prose_kept(raw: str, expected: str) -> None:
    assert clean_body(raw) == expected


def test_css_and_script_are_not_prose() -> None:
    css = "body{font-family:Georgia,serif;color:#222;} .lead{margin:0 0 1em;padding:0} @media (max-width:600px){.x{display:none}}"
    assert clean_body(f"First paragraph.\n\n{css}\n\nLast paragraph.") == "First paragraph.\n\nLast paragraph."
    escaped = "Prose. <style type='text/css'>.a{color:red}</style> More prose. <script>var x = 1;</script>End."
    assert clean_body(escaped) == "Prose.  More prose. End."
    assert clean_body("var s = document.createElement('script'); s.src = url; window.loader = s;") == ""
    assert clean_body("Talks; then a vote; then {nothing} happened.") == "Talks; then a vote; then {nothing} happened."


def test_a_body_over_the_cap_is_cut_at_a_paragraph_with_a_note() -> None:
    paragraph = "Word " * 199 + "end."  # 999 characters
    text = "\n\n".join([paragraph] * 300)  # 300 * 999 + 299 * 2 = 300,298 characters
    cut = clean_body(text)
    assert len(cut) <= BODY_CAP
    kept, note = cut.rsplit("\n\n", 1)
    assert kept.endswith("end.") and set(kept.split("\n\n")) == {paragraph}
    assert note.startswith("[… cut here by newsreader: the feed's text ran to 300,298 characters")


# -- end to end ------------------------------------------------------------------------------------------

CSS = "body{font-family:Helvetica Neue,Arial;color:#000;} .Jordan{margin:0;padding:0;} " * 2000
FEED = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Le Monde Test</title><link>https://monde.example/</link>
<item><title>Lâ€™escale amÃ©ricaine</title><link>https://monde.example/1</link><guid>m1</guid>
<author>redaktion@example.at (Redaktion)</author><category>Museums &amp;amp; Galleries</category>
<description>Une escale aux Ã‰tats-Unis. Lire la suite</description></item>
<item><title>Wire story</title><link>https://monde.example/2</link><guid>m2</guid>
<author>newsfeeds@outlet.example</author>
<description>Talks resume, Reuters, opens new tab reported. Continue reading...</description></item>
<item><title>Styled</title><link>https://monde.example/3</link><guid>m3</guid><dc:creator>Jane Roe &lt;jane@example.com&gt;</dc:creator>
<description>A short teaser.</description>
<content:encoded>&lt;p&gt;The story.&lt;/p&gt;&lt;p&gt;&amp;lt;style&amp;gt;{CSS}&amp;lt;/style&amp;gt;&lt;/p&gt;</content:encoded></item>
<item><title>WordPress</title><link>https://monde.example/4</link><guid>m4</guid>
<content:encoded>&lt;p&gt;Body.&lt;/p&gt;&lt;p&gt;The post WordPress appeared first on Monde Test.&lt;/p&gt;</content:encoded></item>
</channel></rss>"""


@pytest.fixture(scope="module")
def _server() -> Iterator[HTTPServer]:
    srv = HTTPServer(host="127.0.0.1", port=0)
    srv.start()
    yield srv
    srv.stop()


def articles(db: Path) -> dict[str, dict[str, object]]:
    code, out, err = invoke(db, "show", "--json", "--limit", "50")
    assert code == 0, err
    found = {}
    for a in json.loads(out):
        code, full, _ = invoke(db, "show", a["id"], "--json")
        found[a["title"]] = json.loads(full)
    return found


def test_feed_text_is_stored_clean(db: Path, _server: HTTPServer) -> None:
    _server.clear()
    _server.expect_request("/monde").respond_with_data(FEED, content_type="application/rss+xml")
    code, _, err = invoke(db, "fetch", _server.url_for("/monde"))
    assert code == 0, err
    got = articles(db)
    assert set(got) == {"L’escale américaine", "Wire story", "Styled", "WordPress"}
    first = got["L’escale américaine"]
    assert first["author"] == "Redaktion"
    assert first["tags"] == ["Museums & Galleries"]
    assert first["body"] == "Une escale aux États-Unis."
    wire = got["Wire story"]
    assert wire["author"] == "" and wire["body"] == "Talks resume, Reuters reported."
    styled = got["Styled"]
    assert styled["author"] == "Jane Roe"
    assert styled["body"] == "The story."
    assert "JO" not in styled["countries"]  # `.Jordan` in the style sheet is not a country
    assert got["WordPress"]["body"] == "Body."
    code, out, _ = invoke(db, "show", str(styled["id"]), "--no-pager")
    assert code == 0 and "font-family" not in out


def test_local_text_files_are_cleaned_the_same_way(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(
        "Title: Japanâ€™s election\nAuthor: desk@outlet.example (News Desk)\nDate: 2026-02-01\nTags: MÃ¼nchen\n\n"
        "The vote was held on Sunday. Read more\n",
        encoding="utf-8",
    )
    code, _, err = invoke(db, "fetch", str(path))
    assert code == 0, err
    with Store.open(db) as store:
        (article,) = [a for batch in store.iter_articles() for a in batch]
    assert (article.title, article.author, article.body) == (
        "Japan’s election",
        "News Desk",
        "The vote was held on Sunday.",
    )
    assert article.tags == ("München",)


def test_a_huge_feed_body_is_capped_in_the_store(db: Path, _server: HTTPServer) -> None:
    paragraph = "Word " * 199 + "end."
    body = "".join(f"&lt;p&gt;{paragraph}&lt;/p&gt;" for _ in range(300))
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title><item><title>Huge</title>'
        f"<link>https://big.example/1</link><description>{body}</description></item></channel></rss>"
    )
    _server.clear()
    _server.expect_request("/big").respond_with_data(feed, content_type="application/rss+xml")
    code, _, err = invoke(db, "fetch", _server.url_for("/big"))
    assert code == 0, err
    with Store.open(db) as store:
        (article,) = [a for batch in store.iter_articles() for a in batch]
    assert len(article.body) <= BODY_CAP
    kept, note = article.body.rsplit("\n\n", 1)
    assert set(kept.split("\n\n")) == {paragraph}
    assert note.startswith("[… cut here by newsreader: the feed's text ran to 300,298 characters")
