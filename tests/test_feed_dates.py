"""Feed dates end to end: localised and malformed dates stored right, undated and future entries marked.

Real loopback HTTP (pytest-httpserver) and a real SQLite file, through the CLI; expected values by hand.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from newsreader.store.schema import MIGRATIONS, register_functions
from tests.helpers import invoke

DC = 'xmlns:dc="http://purl.org/dc/elements/1.1/"'


def rss(items: str) -> str:
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" {DC}><channel><title>Folha Teste</title>'
        f"<link>https://folha.example/</link>{items}</channel></rss>"
    )


def item(guid: str, title: str, date_xml: str = "") -> str:
    return (
        f"<item><title>{title}</title><link>https://folha.example/{guid}</link><guid>{guid}</guid>"
        f"{date_xml}<description>Texto da matéria {guid}.</description></item>"
    )


@pytest.fixture(scope="module")
def _server() -> Iterator[HTTPServer]:
    srv = HTTPServer(host="127.0.0.1", port=0)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def server(_server: HTTPServer) -> Iterator[HTTPServer]:
    _server.clear()
    yield _server
    _server.clear()


def serve(server: HTTPServer, path: str, body: str) -> str:
    server.expect_request(path).respond_with_data(body, content_type="application/rss+xml")
    return server.url_for(path)


def stored(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def fetch(db: Path, *targets: str) -> tuple[int, str, str]:
    return invoke(db, "fetch", *targets)


def test_localised_and_malformed_pub_dates_are_stored_as_the_feed_gave_them(db: Path, server: HTTPServer) -> None:
    url = serve(
        server,
        "/pt",
        rss(
            item("pt", "Portuguese", "<pubDate>Seg, 24 Set 2018 19:42:40 -0300</pubDate>")
            + item("ru", "Russian", "<pubDate>Пн, 24 сен 2018 19:42:40 +0300</pubDate>")
            + item("tr", "Turkish", "<pubDate>Pzt, 24 Eyl 2018 19:42:40 +0300</pubDate>")
            + item("cest", "Named zone", "<pubDate>Mon, 24 Sep 2018 19:42:40 CEST</pubDate>")
            + item("gmt3", "Offset after GMT", "<pubDate>Mon, 24 Sep 2018 19:42:40 GMT+3</pubDate>")
            + item("yy", "Two-digit year", "<pubDate>Mon, 24 Sep 18 19:42:40 +0000</pubDate>")
            + item("dc", "Only dc:date", "<dc:date>2018-09-24 19:42:40 +02:00</dc:date>")
        ),
    )
    code, _, err = fetch(db, url)
    assert code == 0, err
    assert "unreadable" not in err
    got = dict(stored(db, "SELECT title, published FROM articles"))  # type: ignore[arg-type]
    assert got == {
        "Portuguese": "2018-09-24T22:42:40+00:00",
        "Russian": "2018-09-24T16:42:40+00:00",
        "Turkish": "2018-09-24T16:42:40+00:00",
        "Named zone": "2018-09-24T17:42:40+00:00",
        "Offset after GMT": "2018-09-24T16:42:40+00:00",
        "Two-digit year": "2018-09-24T19:42:40+00:00",
        "Only dc:date": "2018-09-24T17:42:40+00:00",
    }
    assert stored(db, "SELECT DISTINCT dated FROM articles") == [(1,)]


def test_an_atom_entry_with_only_updated_is_dated_by_it(db: Path, server: HTTPServer) -> None:
    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id>'
        '<entry><title>Updated only</title><id>urn:a:1</id><link href="https://a.example/1"/>'
        "<updated>2018-09-24T19:42:40-03:00</updated><summary>x</summary></entry></feed>"
    )
    server.expect_request("/atom").respond_with_data(atom, content_type="application/atom+xml")
    code, _, err = fetch(db, server.url_for("/atom"))
    assert code == 0, err
    assert stored(db, "SELECT published, dated FROM articles") == [("2018-09-24T22:42:40+00:00", 1)]


def test_entries_without_a_readable_date_are_marked_undated_everywhere(db: Path, server: HTTPServer) -> None:
    url = serve(
        server,
        "/undated",
        rss(
            item("bad1", "Garbled one", "<pubDate>Segunda, 99 Xyz 2018</pubDate>")
            + item("bad2", "Garbled two", "<pubDate>ontem</pubDate>")
            + item("none", "No date at all")
            + item("ok", "Dated", "<pubDate>Seg, 24 Set 2018 19:42:40 -0300</pubDate>")
        ),
    )
    before = datetime.now(UTC)
    code, _, err = fetch(db, url)
    assert code == 0, err
    assert "2 entries with unreadable dates, e.g. 'Segunda, 99 Xyz 2018'" in err
    rows = {r[0]: r[1:] for r in stored(db, "SELECT title, published, fetched_at, dated FROM articles")}
    for title in ("Garbled one", "Garbled two", "No date at all"):
        published, fetched_at, dated = rows[title]
        assert dated == 0 and published == fetched_at
        assert datetime.fromisoformat(str(published)) >= before - timedelta(seconds=1)
    assert rows["Dated"][2] == 1

    code, out, _ = invoke(db, "show", "--json", "--limit", "10")
    assert code == 0
    flags = {a["title"]: a["dated"] for a in json.loads(out)}
    assert flags == {"Garbled one": False, "Garbled two": False, "No date at all": False, "Dated": True}

    code, out, _ = invoke(db, "show", "--limit", "10", env={"TTY_COMPATIBLE": "1"})  # the terminal table
    listing = {line.split()[0]: line for line in out.splitlines() if "Garbled one" in line or "Dated" in line}
    garbled = next(line for line in listing.values() if "Garbled one" in line)
    dated_line = next(line for line in listing.values() if "Dated" in line)
    assert f"~{before.astimezone().strftime('%Y-%m-%d')}" in garbled  # the listing is in local time
    assert rows["Dated"][0] == "2018-09-24T22:42:40+00:00"
    assert datetime(2018, 9, 24, 22, 42, tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M") in dated_line
    assert "~" not in dated_line
    assert "~ first seen: the feed gives no date" in out

    undated_id = stored(db, "SELECT id FROM articles WHERE title = 'No date at all'")[0][0]
    code, out, _ = invoke(db, "show", str(undated_id), "--no-pager")
    assert code == 0
    assert "First seen" in out and "the feed gives no date" in out and "Published" not in out


def test_an_undated_entry_keeps_its_first_seen_time_when_fetched_again(db: Path, server: HTTPServer) -> None:
    url = serve(server, "/again", rss(item("none", "No date at all")))
    assert fetch(db, url)[0] == 0
    ((published, fetched_at),) = stored(db, "SELECT published, fetched_at FROM articles")
    code, _, err = fetch(db, url)
    assert code == 0, err
    # Unchanged, so not even rewritten: the row still carries the first fetch's time.
    assert stored(db, "SELECT published, fetched_at, dated FROM articles") == [(published, fetched_at, 0)]


def test_a_date_in_the_future_is_clamped_to_the_fetch_time_with_a_warning(db: Path, server: HTTPServer) -> None:
    url = serve(
        server,
        "/future",
        rss(
            item("f", "From the future", "<pubDate>Fri, 01 Jan 2100 10:00:00 GMT</pubDate>")
            + item("t", "Within a day", f"<pubDate>{_rfc822(datetime.now(UTC) + timedelta(hours=3))}</pubDate>")
        ),
    )
    before = datetime.now(UTC)
    code, _, err = fetch(db, url)
    assert code == 0, err
    assert "1 entry dated more than a day in the future, e.g. 2100-01-01T10:00:00Z" in err
    rows = {r[0]: r[1:] for r in stored(db, "SELECT title, published, dated FROM articles")}
    published, dated = rows["From the future"]
    assert dated == -1
    assert before - timedelta(seconds=1) <= datetime.fromisoformat(str(published)) <= datetime.now(UTC)
    assert rows["Within a day"][1] == 1  # clocks differ by hours: only a day ahead is a mistake
    future_id = stored(db, "SELECT id FROM articles WHERE dated = -1")[0][0]
    out = invoke(db, "show", str(future_id), "--no-pager")[1]
    assert "the feed's date lies in the future" in out


def test_since_uses_the_first_seen_time_of_undated_articles(db: Path, server: HTTPServer) -> None:
    url = serve(
        server,
        "/since",
        rss(item("old", "Old story", "<pubDate>Seg, 24 Set 2018 19:42:40 -0300</pubDate>") + item("u", "Undated")),
    )
    assert fetch(db, url)[0] == 0
    out = invoke(db, "show", "--since", "1h", "--json")[1]
    assert [a["title"] for a in json.loads(out)] == ["Undated"]
    out = invoke(db, "show", "--until", "2019-01-01", "--json")[1]
    assert [a["title"] for a in json.loads(out)] == ["Old story"]


def test_the_v4_migration_marks_rows_stored_with_their_fetch_time_as_undated(tmp_path: Path) -> None:
    path = tmp_path / "v3.db"
    conn = sqlite3.connect(path, isolation_level=None)
    register_functions(conn)
    for step in MIGRATIONS[:3]:
        assert isinstance(step, str)
        conn.executescript(step)
    conn.execute("PRAGMA user_version = 3")
    insert = (
        "INSERT INTO articles (id, title, source, published, published_ts, origin, fetched_at, content_hash) "
        "VALUES (?, ?, 'S', ?, 0, 'o', ?, 0)"
    )
    conn.execute(insert, ("a", "Had a date", "2018-09-24T22:42:40+00:00", "2026-12-01T20:26:00.123456+00:00"))
    conn.execute(insert, ("b", "Had none", "2026-12-01T20:26:00.123456+00:00", "2026-12-01T20:26:00.123456+00:00"))
    conn.close()
    code, out, err = invoke(path, "show", "--json")
    assert code == 0, err
    assert {a["title"]: a["dated"] for a in json.loads(out)} == {"Had a date": True, "Had none": False}
    assert stored(path, "PRAGMA user_version")[0][0] >= 4


def _rfc822(when: datetime) -> str:
    return when.strftime("%a, %d %b %Y %H:%M:%S GMT")
