"""Fetching feeds over real HTTP (pytest-httpserver on 127.0.0.1) into a real SQLite store, via the CLI."""

from __future__ import annotations

import gzip
import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner
from werkzeug import Request, Response

from newsreader.cli import app
from tests.helpers import stored_text, summary_rows

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire Service</title><link>https://wire.example/</link>
<item><title>Talks resume in Geneva</title><link>https://wire.example/a1</link><guid>wire-1</guid>
<pubDate>Tue, 03 Feb 2026 10:00:00 +0200</pubDate><description>&lt;p&gt;Delegations met.&lt;/p&gt;</description>
<category>Diplomacy</category></item>
<item><title>Second story</title><link>https://wire.example/a2</link><guid>wire-2</guid>
<pubDate>Tue, 03 Feb 2026 11:00:00 GMT</pubDate><description>More news.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Outlet</title><id>urn:outlet</id>
<updated>2026-02-03T12:00:00Z</updated><link href="https://atom.example/"/>
<entry><title type="html">Atom &lt;em&gt;entry&lt;/em&gt;</title><id>urn:atom:1</id>
<link rel="alternate" href="https://atom.example/e1"/><updated>2026-02-03T12:00:00Z</updated>
<author><name>Jane Roe</name></author><content type="html">&lt;p&gt;First.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;</content></entry>
</feed>"""

JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "JSON Outlet",
    "home_page_url": "https://json.example/",
    "items": [
        {
            "id": "j1",
            "url": "https://json.example/j1",
            "title": "JSON item",
            "content_html": "<p>Hello <b>JSON</b></p>",
            "date_published": "2026-02-03T09:30:00+01:00",
            "authors": [{"name": "Ann Author"}],
            "tags": ["World"],
        }
    ],
}


@pytest.fixture(scope="module")
def _server() -> Iterator[HTTPServer]:
    """A threaded server, so a stalled response does not hold up the others; one per module (fast)."""
    srv = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    srv.start()
    yield srv
    if srv.is_running():
        srv.stop()


@pytest.fixture
def server(_server: HTTPServer) -> Iterator[HTTPServer]:
    _server.clear()
    yield _server
    _server.clear()


def write_config(tmp_path: Path, urls: list[str], **settings: object) -> Path:
    lines = ["[settings]"]
    defaults: dict[str, object] = {"timeout": 5.0, "connect_timeout": 2.0}
    defaults.update(settings)
    for key, value in defaults.items():
        lines.append(f"{key} = {json.dumps(value)}")
    for url in urls:
        lines += ["", "[[feeds]]", f'url = "{url}"']
    path = tmp_path / "config.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(tmp_path: Path, *args: str, config: Path | None = None) -> tuple[int, str]:
    cfg = config or write_config(tmp_path, [])
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "news.db"), "--config", str(cfg), *args])
    return result.exit_code, result.output


def rows(
    tmp_path: Path, sql: str = "SELECT title, source, url, published, origin FROM articles ORDER BY title"
) -> list[tuple[object, ...]]:
    with sqlite3.connect(tmp_path / "news.db") as conn:
        return conn.execute(sql).fetchall()


def texts(tmp_path: Path) -> list[tuple[str, str, str]]:
    """(title, summary, body) of every stored row."""
    found = rows(tmp_path, "SELECT title, text, summary_len, lead FROM articles")
    return [(str(t), *stored_text(x, int(n), int(lead))) for t, x, n, lead in found]  # type: ignore[arg-type]


def feed_state(tmp_path: Path, url: str) -> dict[str, str]:
    with sqlite3.connect(tmp_path / "news.db") as conn:
        cur = conn.execute("SELECT * FROM feeds WHERE url = ?", (url,))
        row = cur.fetchone()
        return dict(zip([d[0] for d in cur.description], row, strict=True)) if row else {}


def serve(
    server: HTTPServer, path: str, body: str | bytes, content_type: str = "application/rss+xml", **headers: str
) -> str:
    server.expect_request(path).respond_with_data(body, content_type=content_type, headers=headers)
    return server.url_for(path)


# -- formats ------------------------------------------------------------------------------------------


def test_rss_atom_and_json_feed_are_stored(tmp_path: Path, server: HTTPServer) -> None:
    urls = [
        serve(server, "/rss", RSS),
        serve(server, "/atom", ATOM, "application/atom+xml"),
        serve(server, "/json", json.dumps(JSON_FEED), "application/feed+json"),
    ]
    code, out = run(tmp_path, "fetch", *urls)
    assert code == 0, out
    got = {r[0]: r for r in rows(tmp_path)}
    assert set(got) == {"Talks resume in Geneva", "Second story", "Atom entry", "JSON item"}
    assert got["Talks resume in Geneva"][1:4] == (
        "Wire Service",
        "https://wire.example/a1",
        "2026-02-03T08:00:00+00:00",
    )
    assert got["Atom entry"][1] == "Atom Outlet"
    assert got["JSON item"][3] == "2026-02-03T08:30:00+00:00"
    assert got["JSON item"][4] == urls[2]
    # Stored once (schemas v8, v16): the summary, then what follows its first `lead` characters.
    text, summary_len, lead, author = rows(
        tmp_path, "SELECT text, summary_len, lead, author FROM articles WHERE title = 'Atom entry'"
    )[0]
    assert stored_text(text, summary_len, lead)[1] == "First.\n\nSecond." and author == "Jane Roe"
    assert rows(tmp_path, "SELECT tags, author FROM articles WHERE title = 'JSON item'") == [("World", "Ann Author")]
    assert rows(tmp_path, "SELECT tags FROM articles WHERE title = 'Talks resume in Geneva'") == [("Diplomacy",)]
    summary = summary_rows(out)
    assert summary["Total"] == (4, 0, 0, "3 ok, 0 failed")
    assert sorted(summary[u] for u in urls) == [(1, 0, 0, "ok"), (1, 0, 0, "ok"), (2, 0, 0, "ok")]


def test_config_name_and_country_are_used(tmp_path: Path, server: HTTPServer) -> None:
    url = serve(server, "/rss", RSS)
    cfg = tmp_path / "c.toml"
    cfg.write_text(f'[[feeds]]\nurl = "{url}"\nname = "My Wire"\ncountry = "qa"\ntags = ["wire"]\n', encoding="utf-8")
    code, out = run(tmp_path, "fetch", config=cfg)
    assert code == 0, out
    assert set(rows(tmp_path, "SELECT source, source_country, tags FROM articles")) == {
        ("My Wire", "QA", "Diplomacy|wire"),
        ("My Wire", "QA", "wire"),
    }


def test_source_option_names_unconfigured_feed(tmp_path: Path, server: HTTPServer) -> None:
    url = serve(server, "/rss", RSS)
    code, _ = run(tmp_path, "fetch", "--source", "Given Name", url)
    assert code == 0
    assert {r[1] for r in rows(tmp_path)} == {"Given Name"}


def test_refetch_counts_unchanged(tmp_path: Path, server: HTTPServer) -> None:
    url = serve(server, "/rss", RSS)
    run(tmp_path, "fetch", url)
    code, out = run(tmp_path, "fetch", url)
    assert code == 0
    assert rows(tmp_path, "SELECT count(*) FROM articles") == [(2,)]
    assert "2 ok" not in out and "1 ok, 0 failed" in out


# -- conditional GET ---------------------------------------------------------------------------------


def test_etag_gives_not_modified(tmp_path: Path, server: HTTPServer) -> None:
    calls: list[dict[str, str]] = []

    def handler(request: Request) -> Response:
        calls.append(dict(request.headers))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(RSS, content_type="application/rss+xml", headers={"ETag": '"v1"'})

    server.expect_request("/feed").respond_with_handler(handler)
    url = server.url_for("/feed")
    assert run(tmp_path, "fetch", url)[0] == 0
    code, out = run(tmp_path, "fetch", url)
    assert code == 0
    assert calls[1].get("If-None-Match") == '"v1"'
    assert "not modified" in out
    assert feed_state(tmp_path, url)["last_status"] == "not modified"


def test_last_modified_gives_not_modified(tmp_path: Path, server: HTTPServer) -> None:
    stamp = "Tue, 03 Feb 2026 10:00:00 GMT"

    def handler(request: Request) -> Response:
        if request.headers.get("If-Modified-Since") == stamp:
            return Response(status=304)
        return Response(RSS, content_type="application/rss+xml", headers={"Last-Modified": stamp})

    server.expect_request("/feed").respond_with_handler(handler)
    url = server.url_for("/feed")
    run(tmp_path, "fetch", url)
    code, out = run(tmp_path, "fetch", url)
    assert code == 0 and "not modified" in out
    assert feed_state(tmp_path, url)["last_modified"] == stamp


def test_user_agent_names_version(tmp_path: Path, server: HTTPServer) -> None:
    seen: list[str] = []

    def handler(request: Request) -> Response:
        seen.append(request.headers.get("User-Agent", ""))
        return Response(RSS, content_type="application/rss+xml")

    server.expect_request("/feed").respond_with_handler(handler)
    run(tmp_path, "fetch", server.url_for("/feed"))
    assert seen and seen[0].startswith("newsreader/") and "(+http" in seen[0]


# -- redirects -----------------------------------------------------------------------------------------


def test_permanent_redirect_is_remembered_and_reported(tmp_path: Path, server: HTTPServer) -> None:
    new = serve(server, "/new", RSS)
    server.expect_request("/old").respond_with_data("", status=301, headers={"Location": new})
    old = server.url_for("/old")
    code, out = run(tmp_path, "fetch", old)
    assert code == 0
    assert "permanently moved" in out and new in out
    assert feed_state(tmp_path, old)["moved_to"] == new
    assert rows(tmp_path, "SELECT count(*) FROM articles") == [(2,)]


def test_temporary_redirect_is_followed_silently(tmp_path: Path, server: HTTPServer) -> None:
    new = serve(server, "/new", RSS)
    server.expect_request("/tmp").respond_with_data("", status=302, headers={"Location": new})
    old = server.url_for("/tmp")
    code, out = run(tmp_path, "fetch", old)
    assert code == 0 and "moved" not in out
    assert feed_state(tmp_path, old)["moved_to"] == ""


def test_redirect_loop_is_an_error(tmp_path: Path, server: HTTPServer) -> None:
    server.expect_request("/a").respond_with_data("", status=302, headers={"Location": server.url_for("/b")})
    server.expect_request("/b").respond_with_data("", status=302, headers={"Location": server.url_for("/a")})
    code, out = run(tmp_path, "fetch", server.url_for("/a"))
    assert code == 1
    assert "redirect" in out


# -- HTTP errors and rate limits -----------------------------------------------------------------------


@pytest.mark.parametrize(("status", "text"), [(404, "HTTP 404"), (500, "HTTP 500")])
def test_http_errors_are_per_feed(tmp_path: Path, server: HTTPServer, status: int, text: str) -> None:
    server.expect_request("/bad").respond_with_data("nope", status=status)
    good = serve(server, "/good", RSS)
    code, out = run(tmp_path, "fetch", server.url_for("/bad"), good)
    assert code == 3
    assert text in out
    assert rows(tmp_path, "SELECT count(*) FROM articles") == [(2,)]


def test_429_retry_after_skips_until_then_unless_forced(tmp_path: Path, server: HTTPServer) -> None:
    hits: list[int] = []

    def handler(request: Request) -> Response:
        hits.append(1)
        return Response("slow down", status=429, headers={"Retry-After": "3600"})

    server.expect_request("/limited").respond_with_handler(handler)
    url = server.url_for("/limited")
    code, out = run(tmp_path, "fetch", url)
    assert code == 1 and "429" in out and "retry after" in out
    assert feed_state(tmp_path, url)["retry_after"]
    code, out = run(tmp_path, "fetch", url)
    assert code == 0 and "skipped" in out and "--force" in out
    assert len(hits) == 1
    code, _ = run(tmp_path, "fetch", "--force", url)
    assert len(hits) == 2 and code == 1


def test_503_with_http_date_retry_after(tmp_path: Path, server: HTTPServer) -> None:
    server.expect_request("/busy").respond_with_data(
        "busy", status=503, headers={"Retry-After": "Fri, 31 Dec 2100 23:59:59 GMT"}
    )
    url = server.url_for("/busy")
    before = datetime.now(UTC)
    run(tmp_path, "fetch", url)
    after = datetime.now(UTC)
    # A date 74 years away is capped at a week from now: a mistaken server cannot silence a feed for good.
    retry_at = datetime.fromisoformat(feed_state(tmp_path, url)["retry_after"])
    assert before + timedelta(days=7) <= retry_at <= after + timedelta(days=7)
    code, out = run(tmp_path, "fetch", url)
    assert code == 0 and "skipped" in out


# -- timeouts and size limits ------------------------------------------------------------------------


def test_stalled_server_is_cut_off_while_others_finish(tmp_path: Path, server: HTTPServer) -> None:
    release = threading.Event()

    def stall(request: Request) -> Response:
        release.wait(10)
        return Response(RSS, content_type="application/rss+xml")

    server.expect_request("/stall").respond_with_handler(stall)
    good = serve(server, "/good", RSS)
    # 1.5 s, not less: on a loaded 2-core machine the good feed itself once took over 0.5 s to arrive.
    cfg = write_config(tmp_path, [server.url_for("/stall"), good], timeout=1.5, connect_timeout=1.5)
    started = time.monotonic()
    code, out = run(tmp_path, "fetch", config=cfg)
    elapsed = time.monotonic() - started
    release.set()
    assert code == 3, out
    assert "timed out" in out
    assert elapsed < 6  # the stalled response would take 10 s
    assert rows(tmp_path, "SELECT count(*) FROM articles") == [(2,)]


def test_body_over_size_limit_is_an_error(tmp_path: Path, server: HTTPServer) -> None:
    big = RSS.replace("More news.", "x" * 5000)
    url = serve(server, "/big", big)
    cfg = write_config(tmp_path, [url], max_bytes=2000)
    code, out = run(tmp_path, "fetch", config=cfg)
    assert code == 1 and "size limit" in out
    assert rows(tmp_path, "SELECT count(*) FROM articles") == [(0,)]


def test_gzip_body_is_decompressed(tmp_path: Path, server: HTTPServer) -> None:
    url = serve(server, "/gz", gzip.compress(RSS.encode()), **{"Content-Encoding": "gzip"})
    code, out = run(tmp_path, "fetch", url)
    assert code == 0, out
    assert rows(tmp_path, "SELECT count(*) FROM articles") == [(2,)]


def test_gzip_bomb_is_cut_off_at_the_limit(tmp_path: Path, server: HTTPServer) -> None:
    bomb = gzip.compress(b"<rss>" + b" " * (200 * 1024 * 1024), compresslevel=9)  # 200 MB → ~200 KB
    assert len(bomb) < 1024 * 1024
    url = serve(server, "/bomb", bomb, **{"Content-Encoding": "gzip"})
    cfg = write_config(tmp_path, [url], max_bytes=1024 * 1024)
    started = time.monotonic()
    code, out = run(tmp_path, "fetch", config=cfg)
    assert code == 1 and "size limit" in out
    assert time.monotonic() - started < 10


# -- encodings and broken feeds ----------------------------------------------------------------------


def test_iso_8859_1_declared_in_header(tmp_path: Path, server: HTTPServer) -> None:
    doc = RSS.replace('encoding="utf-8"', 'encoding="iso-8859-1"').replace("Talks resume in Geneva", "Café à Genève")
    url = serve(server, "/latin1", doc.encode("iso-8859-1"), "application/rss+xml; charset=ISO-8859-1")
    code, out = run(tmp_path, "fetch", url)
    assert code == 0, out
    assert "Café à Genève" in [r[0] for r in rows(tmp_path)]


def test_windows_1251_declared_in_prolog(tmp_path: Path, server: HTTPServer) -> None:
    doc = RSS.replace('encoding="utf-8"', 'encoding="windows-1251"').replace("Second story", "Переговоры в Москве")
    url = serve(server, "/cyr", doc.encode("windows-1251"), "application/rss+xml")
    code, out = run(tmp_path, "fetch", url)
    assert code == 0, out
    assert "Переговоры в Москве" in [r[0] for r in rows(tmp_path)]


def test_malformed_feed_with_recoverable_entries_is_kept_with_a_warning(tmp_path: Path, server: HTTPServer) -> None:
    broken = RSS.replace("<description>More news.</description>", "<description>Tom & Jerry <b>bold</description>")
    url = serve(server, "/broken", broken)
    code, out = run(tmp_path, "fetch", url)
    assert code == 0, out
    assert "malformed feed" in out
    assert rows(tmp_path, "SELECT count(*) FROM articles") == [(2,)]


def test_unrecoverable_feed_is_an_error(tmp_path: Path, server: HTTPServer) -> None:
    url = serve(server, "/html", "<html><body><p>Not a feed & never was</body>", "text/html")
    good = serve(server, "/good", RSS)
    code, out = run(tmp_path, "fetch", url, good)
    assert code == 3
    assert f"error: {url}: is an HTML page, not a feed" in out


def test_entry_normalisation(tmp_path: Path, server: HTTPServer) -> None:
    doc = """<?xml version="1.0"?><rss version="2.0"><channel><title>Norm</title><link>https://norm.example/</link>
    <item><title>No guid, no link</title><description>Only text here.</description></item>
    <item><title>Relative</title><link>/stories/7</link><guid isPermaLink="false">r7</guid></item>
    <item><title>&lt;b&gt;Bold&lt;/b&gt; &amp;amp; &lt;i&gt;italic&lt;/i&gt;</title><link>https://norm.example/h</link></item>
    <item><title>Evil</title><link>javascript:alert(1)</link><guid isPermaLink="false">e1</guid></item>
    <item><title>Data</title><link>data:text/html,hi</link><guid isPermaLink="false">d1</guid></item>
    </channel></rss>"""
    url = serve(server, "/feeds/norm.xml", doc)
    code, out = run(tmp_path, "fetch", url)
    assert code == 0, out
    got = {r[0]: r for r in rows(tmp_path)}
    assert set(got) == {"No guid, no link", "Relative", "Bold & italic", "Evil", "Data"}
    assert got["Relative"][2] == server.url_for("/stories/7")
    assert got["Evil"][2] == "" and got["Data"][2] == ""
    # an entry with no guid and no link gets a stable id: a second fetch finds it unchanged
    code, out = run(tmp_path, "fetch", url)
    assert rows(tmp_path, "SELECT count(*) FROM articles") == [(5,)]
    assert summary_rows(out)[url] == (0, 0, 5, "ok")


# -- XML attacks ---------------------------------------------------------------------------------------

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Laughs</title>
<item><title>Boom &lol9;</title><link>https://x.example/1</link><description>&lol9;</description></item>
</channel></rss>"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>XXE</title>
<item><title>Leak &xxe;</title><link>https://x.example/2</link><description>before &xxe; after</description></item>
</channel></rss>"""


def test_billion_laughs_does_not_expand(tmp_path: Path, server: HTTPServer) -> None:
    url = serve(server, "/laughs", LAUGHS)
    started = time.monotonic()
    run(tmp_path, "fetch", url)
    assert time.monotonic() - started < 10
    for title, summary, body in texts(tmp_path):
        assert "lollollol" not in f"{title}{summary}{body}"
        assert len(f"{title}{summary}{body}") < 1000


def test_external_entity_is_not_read(tmp_path: Path, server: HTTPServer) -> None:
    url = serve(server, "/xxe", XXE)
    run(tmp_path, "fetch", url)
    for title, summary, body in texts(tmp_path):
        assert "root:" not in f"{title}{summary}{body}"


# -- local files, OPML, exit codes -------------------------------------------------------------------


def test_local_feed_files_are_accepted(tmp_path: Path) -> None:
    (tmp_path / "a.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(JSON_FEED), encoding="utf-8")
    code, out = run(tmp_path, "fetch", str(tmp_path / "a.rss"), str(tmp_path / "b.json"))
    assert code == 0, out
    assert rows(tmp_path, "SELECT count(*) FROM articles") == [(3,)]
    assert {r[4] for r in rows(tmp_path)} == {str(tmp_path / "a.rss"), str(tmp_path / "b.json")}


def test_opml_with_raw_ampersand_fetches_every_feed(tmp_path: Path, server: HTTPServer) -> None:
    a = serve(server, "/a", RSS)
    b = serve(server, "/b", ATOM, "application/atom+xml")
    opml = tmp_path / "list.opml"
    opml.write_text(
        f'<?xml version="1.0"?><opml version="1.0"><head><title>News & Views</title></head><body>'
        f'<outline text="World & Politics"><outline text="A & B" type="rss" xmlUrl="{a}"/>'
        f'<outline text="Atom" type="rss" xmlUrl="{b}"/></outline></body></opml>',
        encoding="utf-8",
    )
    code, out = run(tmp_path, "fetch", str(opml))
    assert code == 0, out
    assert rows(tmp_path, "SELECT count(*) FROM articles") == [(3,)]
    assert "stray '&'" in out


def test_exit_codes_all_ok_some_failed_all_failed(tmp_path: Path, server: HTTPServer) -> None:
    good = serve(server, "/good", RSS)
    server.expect_request("/bad").respond_with_data("no", status=404)
    bad = server.url_for("/bad")
    assert run(tmp_path, "fetch", good)[0] == 0
    assert run(tmp_path, "fetch", good, bad)[0] == 3
    assert run(tmp_path, "fetch", bad)[0] == 1


def test_no_feeds_and_no_targets_is_a_usage_error(tmp_path: Path) -> None:
    code, out = run(tmp_path, "fetch")
    assert code == 2
    assert "no feeds configured" in out and "config init" in out


def test_many_feeds_use_the_process_pool(tmp_path: Path, server: HTTPServer) -> None:
    urls = [
        serve(server, f"/f{i}", RSS.replace("wire-", f"f{i}-").replace("wire.example/a", f"wire.example/f{i}/a"))
        for i in range(10)
    ]
    cfg = write_config(tmp_path, urls)
    code, out = run(tmp_path, "fetch", config=cfg)
    assert code == 0, out
    assert rows(tmp_path, "SELECT count(*) FROM articles") == [(20,)]
