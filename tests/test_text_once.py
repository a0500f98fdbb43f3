"""Each text is stored and indexed once (schema v8): a body that begins with its summary keeps only the rest.

What a user sees never changes (summary and body in JSON, search hits); what the file holds shrinks. The
index is contentless, so a wrong delete would leave stray terms behind: after deleting every article,
the index's vocabulary (fts5vocab) must be empty, which checks every insert and delete against each other.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from pathlib import Path

import pytest

from newsreader.store.leads import join, split
from tests.helpers import invoke, rss

LONG_REST = "\n\n".join(f"Paragraph {i} tells of the ceasefire monitors in Hodeidah and Taiz." for i in range(20))
FIRST = "Negotiators met again in Doha on Sunday, officials said."
CUT_PARAGRAPH = "Delegates from Oman " + "spoke about shipping lanes and the port, " * 12 + "then left."


def stored(db: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def vocabulary(db: Path) -> list[tuple[object, ...]]:
    """Every term the full-text index still holds, with its document count."""
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, articles_fts, row)")
        return conn.execute("SELECT term, doc FROM temp.vocab WHERE doc > 0").fetchall()


def body_text(value: object) -> str:
    return zlib.decompress(value).decode() if isinstance(value, bytes) else str(value)


@pytest.mark.parametrize(
    ("summary", "body", "lead"),
    [
        ("Talks resume.", "Talks resume.", 13),  # a description-only entry: summary and body the same
        ("Talks resume.", "Talks resume.\n\nMore later.", 13),  # the summary is the first paragraph
        ("Talks in Doha…", "Talks in Doha, officials said.", 13),  # shortened at a word, with an ellipsis
        ("Iran", "Iranian officials", 0),  # inside a word: the rest would index a broken word
        ("the U.S…", "the U.S. said", 0),  # a dotted abbreviation cut short
        ("Talks", "Other text", 0),
        ("", "Body only", 0),
        ("Summary only", "", 0),
    ],
)
def test_split_finds_the_summary_at_the_start_of_the_body_and_join_undoes_it(
    summary: str, body: str, lead: int
) -> None:
    found, rest = split(summary, body)
    assert found == lead
    assert rest == body[lead:]
    assert join(summary, rest, found) == body


def test_a_feed_entry_is_stored_once_and_reads_back_whole(tmp_path: Path, db: Path) -> None:
    items = [
        ("Only a description", "https://example.org/a", "a", "Ceasefire talks resume in Doha."),
        ("Another", "https://example.org/b", "b", "Ceasefire monitors report calm in Yemen."),
    ]
    feed = tmp_path / "feed.xml"
    feed.write_bytes(rss("Wire", items))
    code, _, err = invoke(db, "fetch", str(feed))
    assert code == 0, err
    rows = dict(stored(db, "SELECT url, lead FROM articles"))
    assert rows == {"https://example.org/a": len(items[0][3]), "https://example.org/b": len(items[1][3])}
    texts = {url: (body_text(t), n) for url, t, n in stored(db, "SELECT url, text, summary_len FROM articles")}
    assert texts == {url: (text, len(text)) for _, url, _, text in items}  # the summary alone: no rest
    code, out, _ = invoke(db, "show", "--json")
    by_url = {a["url"]: a for a in json.loads(out)}
    assert by_url["https://example.org/a"]["summary"] == "Ceasefire talks resume in Doha."
    entry_id = by_url["https://example.org/a"]["id"]
    code, out, _ = invoke(db, "show", entry_id, "--json")
    assert json.loads(out)["body"] == "Ceasefire talks resume in Doha."
    code, out, _ = invoke(db, "search", "doha", "--fields", "url,snippet")
    assert out == "https://example.org/a\tCeasefire talks resume in Doha.\n"
    code, out, _ = invoke(db, "search", "ceasefire", "--fields", "url", "--sort", "newest")
    assert sorted(out.splitlines()) == ["https://example.org/a", "https://example.org/b"]
    # A changed description updates the row and its index entry; deleting everything empties the index.
    feed.write_bytes(rss("Wire", [(*items[0][:3], "Ceasefire talks stall in Doha."), items[1]]))
    code, out, err = invoke(db, "fetch", str(feed), "--json")
    assert code == 0, err
    code, out, _ = invoke(db, "search", "stall", "--fields", "url")
    assert out == "https://example.org/a\n"
    code, out, _ = invoke(db, "search", "resume", "--fields", "url")
    assert out == ""
    code, _, err = invoke(db, "purge", "--older-than", "2100-01-01")
    assert code == 0, err
    assert stored(db, "SELECT count(*) FROM articles") == [(0,)]
    assert vocabulary(db) == []


V7_ROWS = [
    # seq, id, summary, body
    (1, "aaaa000000000001", "Ceasefire talks resume in Doha.", "Ceasefire talks resume in Doha."),
    (2, "bbbb000000000002", FIRST, f"{FIRST}\n\n{LONG_REST}"),
    (3, "cccc000000000003", "Delegates from Oman spoke about shipping lanes…", CUT_PARAGRAPH),
    (4, "dddd000000000004", "A teaser of its own.", "Wholly different text about Sudan."),
]


def build_v7(path: Path) -> None:
    """A store as newsreader wrote it at schema v7: every body whole, indexed whole."""
    from newsreader.store.schema import MIGRATIONS, _apply, index_row, pack, register_functions

    conn = sqlite3.connect(path, isolation_level=None)
    register_functions(conn)
    for step in MIGRATIONS[:7]:
        _apply(conn, step)
    for seq, aid, summary, body in V7_ROWS:
        conn.execute(
            "INSERT INTO articles (seq, id, title, source, published, published_ts, url, summary, body, origin, "
            "fetched_at, content_hash, language, url_key) VALUES (?, ?, ?, 'Wire', ?, ?, ?, ?, ?, 'feed.xml', ?, ?, "
            "'en', ?)",
            (
                seq,
                aid,
                f"Story {seq}",
                f"2026-02-0{seq}T10:00:00+00:00",
                1769940000.0 + seq * 86400,
                f"https://example.org/{seq}",
                summary,
                pack(body),
                "2026-02-06T00:00:00+00:00",
                seq,
                f"example.org/{seq}",
            ),
        )
        conn.execute(
            "INSERT INTO articles_fts (rowid, title, summary, body, source) VALUES (?, ?, ?, ?, ?)",
            index_row(seq, f"Story {seq}", summary, body, "Wire", "en"),
        )
    conn.execute("PRAGMA user_version = 7")
    conn.close()


def test_a_v7_store_keeps_each_text_once_after_the_upgrade_and_reads_the_same(db: Path) -> None:
    build_v7(db)
    for _, aid, summary, body in V7_ROWS:
        code, out, err = invoke(db, "show", aid, "--json")
        assert code == 0, err
        shown = json.loads(out)
        assert (shown["summary"], shown["body"]) == (summary, body)
    leads = {
        seq: (lead, body_text(t)[n:])
        for seq, lead, t, n in stored(db, "SELECT seq, lead, text, summary_len FROM articles")
    }
    assert leads[1] == (len(V7_ROWS[0][2]), "")
    assert leads[2] == (len(FIRST), f"\n\n{LONG_REST}")
    assert leads[3] == (len("Delegates from Oman spoke about shipping lanes"), CUT_PARAGRAPH[46:])
    assert leads[4] == (0, "Wholly different text about Sudan.")
    for word, urls in (("Hodeidah", "2"), ("Doha", "2\n1"), ("Sudan", "4"), ("port", "3")):
        code, out, _ = invoke(db, "search", word, "--fields", "url", "--sort", "newest")
        assert out == "".join(f"https://example.org/{u}\n" for u in urls.split("\n")), word
    code, _, err = invoke(db, "purge", "--older-than", "2100-01-01")
    assert code == 0, err
    assert vocabulary(db) == []  # every entry the upgrade made was deleted with the terms it was made of
