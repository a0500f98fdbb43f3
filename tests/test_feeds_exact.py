"""feeds.py in process: targets, per-feed state, reports and the feeds view, case by case.

Feeds are served by pytest-httpserver on 127.0.0.1 and stored in a real SQLite file under tmp_path; every
expected report, state and message is written by hand from the documents each test serves.
"""

from __future__ import annotations

import gzip
import signal
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from newsreader import feeds
from newsreader.config import Config, FeedConfig, Settings
from newsreader.errors import UsageError
from newsreader.feeds import FeedStatus, FeedTarget, fetch_feeds, resolve_targets
from newsreader.models import Article, SourceReport
from newsreader.store import Store


def rss(title: str, *items: tuple[str, str], dated: bool = True) -> bytes:
    """RSS with (guid, title) items; dated ones on 3 Feb 2026, 10:00 UTC."""
    date = "<pubDate>Tue, 03 Feb 2026 10:00:00 GMT</pubDate>" if dated else ""
    body = "".join(
        f"<item><guid>{g}</guid><title>{t}</title><link>https://wire.example/{g}</link>{date}"
        f"<description>Text of {t}.</description></item>"
        for g, t in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{body}</channel></rss>'.encode()


FAST = Settings(timeout=5.0, connect_timeout=2.0)


def fetch(tmp_path: Path, *targets: str, config: Config | None = None, **options: object) -> list[SourceReport]:
    with Store.open(tmp_path / "news.db") as store:
        return fetch_feeds(store, config or Config(settings=FAST), list(targets), **options)  # type: ignore[arg-type]


def state(tmp_path: Path, url: str) -> dict[str, str]:
    with sqlite3.connect(tmp_path / "news.db") as conn:
        cur = conn.execute("SELECT * FROM feeds WHERE url = ?", (url,))
        row = cur.fetchone()
        return dict(zip([d[0] for d in cur.description], row, strict=True)) if row else {}


def articles(tmp_path: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(tmp_path / "news.db") as conn:
        return conn.execute("SELECT title, source, published FROM articles ORDER BY title").fetchall()


def brief(report: SourceReport) -> tuple[object, ...]:
    return (report.label, report.new, report.updated, report.unchanged, report.not_modified, report.skipped,
            report.error, report.counted)  # fmt: skip


# -- targets ----------------------------------------------------------------------------------------


def test_a_targets_label_key_and_identity(tmp_path: Path) -> None:
    url = FeedTarget("HTTPS://Wire.example:443/rss?utm_source=x", "given", name="")
    assert (url.label, url.key, url.same_as) == ("given", url.location, "wire.example/rss")  # url_key: no scheme
    named = FeedTarget("https://wire.example/rss", "given", name="Wire")
    assert named.label == "Wire"
    (tmp_path / "f.xml").write_bytes(b"<rss/>")
    inside = tmp_path / "sub"
    inside.mkdir()
    file = FeedTarget(str(inside / ".." / "f.xml"), "f.xml", is_file=True)
    assert (file.key, file.same_as) == (str(tmp_path / "f.xml"), str(tmp_path / "f.xml"))


def test_no_targets_means_the_enabled_configured_feeds_once_each() -> None:
    config = Config(
        feeds=(
            FeedConfig("https://a.example/rss", name="A", country="FR", tags=("x",)),
            FeedConfig("https://b.example/rss", enabled=False),
            FeedConfig("http://a.example/rss", name="A again"),
        )
    )
    found, reports = resolve_targets(config, [])
    assert found == [FeedTarget("https://a.example/rss", "https://a.example/rss", name="A", country="FR", tags=("x",))]
    assert reports == [
        SourceReport(
            "duplicate feeds",
            warnings=[
                "http://a.example/rss and https://a.example/rss are the same feed (http and https); "
                "fetching https://a.example/rss"
            ],
            skipped=True,
            counted=False,
        )
    ]


def test_a_url_target_takes_its_config_entry_under_any_spelling() -> None:
    config = Config(feeds=(FeedConfig("https://a.example/rss", name="A", country="FR"),))
    found, reports = resolve_targets(config, ["https://A.example/rss#top", "https://c.example/feed"])
    assert found == [
        FeedTarget("https://a.example/rss", "https://a.example/rss", name="A", country="FR"),
        FeedTarget("https://c.example/feed", "https://c.example/feed"),
    ]
    assert reports == []


def test_the_same_spelling_twice_is_fetched_once_without_a_warning() -> None:
    found, reports = resolve_targets(Config(), ["https://c.example/feed", "https://C.example/feed#x"])
    assert found == [FeedTarget("https://c.example/feed", "https://c.example/feed")]
    assert reports == []


def test_opml_lists_files_and_missing_paths_as_targets(tmp_path: Path) -> None:
    opml = tmp_path / "list.OPML"
    opml.write_text(
        '<opml version="2.0"><body>'
        '<outline type="rss" text="A" xmlUrl="https://a.example/rss"/>'
        '<outline type="rss" text="D" xmlUrl="https://d.example/rss"/>'
        '<outline type="rss" text="F" xmlUrl="ftp://f.example/rss"/>'
        "</body></opml>",
        encoding="utf-8",
    )
    broken = tmp_path / "broken.opml"
    broken.write_bytes(b"\x00\x01 not xml")
    feed_file = tmp_path / "saved.xml"
    feed_file.write_bytes(b"<rss/>")
    config = Config(feeds=(FeedConfig("https://a.example/rss", name="A"),))
    found, reports = resolve_targets(config, [str(opml), str(broken), str(tmp_path / "none.xml"), str(feed_file)])
    assert found == [
        FeedTarget("https://a.example/rss", "https://a.example/rss", name="A"),
        FeedTarget("https://d.example/rss", "https://d.example/rss"),
        FeedTarget(str(feed_file), str(feed_file), is_file=True),
    ]
    assert [(r.label, r.error, r.warnings, r.skipped, r.counted) for r in reports] == [
        (str(opml), "", [f"{opml}: skipped 'ftp://f.example/rss' (not an http(s) URL)"], True, False),
        (str(broken), reports[1].error, [], False, True),
        (str(tmp_path / "none.xml"), "no such file or folder", [], False, True),
    ]
    assert isinstance(reports[1].error, str) and reports[1].error != ""


def test_a_clean_opml_list_adds_no_report_row(tmp_path: Path) -> None:
    opml = tmp_path / "list.opml"
    opml.write_text('<opml><body><outline xmlUrl="https://d.example/rss"/></body></opml>', encoding="utf-8")
    found, reports = resolve_targets(Config(), [str(opml)])
    assert (found, reports) == ([FeedTarget("https://d.example/rss", "https://d.example/rss")], [])


def test_a_home_relative_path_is_expanded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "f.xml").write_bytes(b"<rss/>")
    found, _ = resolve_targets(Config(), ["~/f.xml"])
    assert found == [FeedTarget(str(tmp_path / "f.xml"), "~/f.xml", is_file=True)]


# -- fetching ---------------------------------------------------------------------------------------


def test_nothing_configured_and_nothing_given_is_a_usage_error_naming_the_config(tmp_path: Path) -> None:
    with Store.open(tmp_path / "news.db") as store:
        with pytest.raises(UsageError) as caught:
            fetch_feeds(store, Config(path=tmp_path / "c.toml"), [])
        assert str(caught.value) == (
            f"no feeds configured and nothing to fetch: add [[feeds]] tables to {tmp_path / 'c.toml'} "
            "(`newsreader config init` writes a starter list, `newsreader feeds import FILE.opml` adds an OPML "
            "list) or give feed URLs or files: newsreader fetch URL"
        )
        with pytest.raises(UsageError, match="add \\[\\[feeds\\]\\] tables to your config file "):
            fetch_feeds(store, Config(), [])
    assert fetch(tmp_path, str(tmp_path / "gone.xml")) == [
        SourceReport(str(tmp_path / "gone.xml"), error="no such file or folder")
    ]


class Progress:
    """Records what a progress display is told, in order."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    def __call__(self, label: str) -> None:
        self.calls.append(("done", label))

    def add_total(self, n: int) -> None:
        self.calls.append(("add_total", n))

    def fetching(self, label: str) -> None:
        self.calls.append(("fetching", label))


def test_reports_state_and_progress_of_a_two_feed_run(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data(
        rss("Feed A", ("a1", "Alpha one"), ("a2", "Alpha two")),
        content_type="application/rss+xml",
        headers={"ETag": '"a-1"', "Last-Modified": "Tue, 03 Feb 2026 10:00:00 GMT"},
    )
    httpserver.expect_request("/b").respond_with_data(b"gone", status=404)
    a, b = httpserver.url_for("/a"), httpserver.url_for("/b")
    opml = tmp_path / "one.opml"
    opml.write_text(f'<opml><body><outline xmlUrl="{a}"/></body></opml>', encoding="utf-8")
    progress = Progress()
    config = Config(feeds=(FeedConfig(a, name="Wire A"),), settings=FAST)
    reports = fetch(tmp_path, str(opml), b, config=config, progress=progress)
    assert [brief(r) for r in reports] == [
        ("Wire A", 2, 0, 0, False, False, "", True),
        (b, 0, 0, 0, False, False, "HTTP 404 NOT FOUND", True),
    ]
    assert len(reports[0].new_ids) == 2
    # Two targets given, of which one OPML list: one feed was announced for the URL, two are fetched.
    assert progress.calls[0] == ("add_total", 1)
    assert progress.calls[1] == ("fetching", "Wire A")
    assert sorted(c for c in progress.calls if c[0] == "done") == [("done", "Wire A"), ("done", b)]
    assert articles(tmp_path) == [
        ("Alpha one", "Wire A", "2026-02-03T10:00:00+00:00"),
        ("Alpha two", "Wire A", "2026-02-03T10:00:00+00:00"),
    ]
    got = state(tmp_path, a)
    fetched = datetime.fromisoformat(got["last_fetched"])
    assert timedelta(0) <= datetime.now(UTC) - fetched < timedelta(minutes=1)
    assert {k: got[k] for k in ("etag", "last_modified", "last_status", "last_error", "title", "moved_to")} == {
        "etag": '"a-1"',
        "last_modified": "Tue, 03 Feb 2026 10:00:00 GMT",
        "last_status": "ok",
        "last_error": "",
        "title": "Feed A",
        "moved_to": "",
    }
    failed = state(tmp_path, b)
    assert (failed["last_status"], failed["last_error"], failed["retry_after"]) == ("error", "HTTP 404 NOT FOUND", "")


def test_a_refetch_sends_the_validators_and_counts_a_304(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request("/a").respond_with_data(
        rss("Feed A", ("a1", "Alpha one")), headers={"ETag": '"v1"', "Last-Modified": "Mon, 02 Feb 2026 10:00:00 GMT"}
    )
    httpserver.expect_request("/a").respond_with_data(b"", status=304)
    a = httpserver.url_for("/a")
    fetch(tmp_path, a)
    reports = fetch(tmp_path, a)
    assert [brief(r) for r in reports] == [(a, 0, 0, 0, True, False, "", True)]
    first, _ = httpserver.log[0]  # a feed never fetched has no validators to send
    assert "If-None-Match" not in first.headers and "If-Modified-Since" not in first.headers
    request, _ = httpserver.log[1]
    assert (request.headers["If-None-Match"], request.headers["If-Modified-Since"]) == (
        '"v1"',
        "Mon, 02 Feb 2026 10:00:00 GMT",
    )
    got = state(tmp_path, a)
    assert (got["last_status"], got["last_error"], got["etag"], got["title"]) == ("not modified", "", '"v1"', "Feed A")


def test_unchanged_and_updated_entries_are_counted_and_undated_ones_keep_their_first_date(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_oneshot_request("/u").respond_with_data(rss("U", ("u1", "One"), ("u2", "Two"), dated=False))
    httpserver.expect_request("/u").respond_with_data(rss("U", ("u1", "One"), ("u2", "Two, revised"), dated=False))
    u = httpserver.url_for("/u")
    fetch(tmp_path, u)
    first = dict((t, p) for t, _, p in articles(tmp_path))
    reports = fetch(tmp_path, u)
    assert [brief(r) for r in reports] == [(u, 0, 1, 1, False, False, "", True)]
    assert reports[0].new_ids == []
    again = dict((t, p) for t, _, p in articles(tmp_path))
    assert again["One"] == first["One"] and again["Two, revised"] == first["Two"]  # first seen, not re-dated


def test_retry_after_is_remembered_and_skips_until_then_unless_forced(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/busy").respond_with_data(b"", status=429, headers={"Retry-After": "3600"})
    busy = httpserver.url_for("/busy")
    before = datetime.now(UTC)
    fetch(tmp_path, busy)
    after = datetime.fromisoformat(state(tmp_path, busy)["retry_after"])
    assert before + timedelta(seconds=3599) <= after <= datetime.now(UTC) + timedelta(seconds=3600)
    skipped = fetch(tmp_path, busy)
    assert [brief(r) for r in skipped] == [(busy, 0, 0, 0, False, True, "", True)]
    assert skipped[0].warnings == [
        f"{busy}: skipped; the server asked us to wait until {after:%Y-%m-%d %H:%M} UTC (use --force to fetch anyway)"
    ]
    assert len(httpserver.log) == 1
    forced = fetch(tmp_path, busy, force=True)
    assert len(httpserver.log) == 2 and forced[0].skipped is False and forced[0].error.startswith("HTTP 429 ")
    httpserver.clear()
    httpserver.expect_request("/busy").respond_with_data(rss("Busy", ("b1", "B")))
    with Store.open(tmp_path / "news.db") as store:  # a wait that is over does not skip; a 200 clears it
        store.set_feed_state(busy, retry_after=(datetime.now(UTC) - timedelta(seconds=5)).isoformat())
    assert fetch(tmp_path, busy)[0].new == 1
    assert state(tmp_path, busy)["retry_after"] == ""


def test_a_permanent_move_is_reported_and_remembered(tmp_path: Path, httpserver: HTTPServer) -> None:
    new = httpserver.url_for("/new")
    httpserver.expect_request("/old").respond_with_response(Response("", status=301, headers={"Location": new}))
    httpserver.expect_request("/new").respond_with_data(rss("Moved", ("m1", "M")))
    old = httpserver.url_for("/old")
    reports = fetch(tmp_path, old, config=Config(feeds=(FeedConfig(old, name="Old name"),), settings=FAST))
    assert reports[0].warnings == [f"Old name: permanently moved to {new}; update the feed's url in your config"]
    assert reports[0].new == 1
    assert state(tmp_path, old)["moved_to"] == new


def test_an_html_page_leads_to_its_feeds_and_counts_no_articles(tmp_path: Path, httpserver: HTTPServer) -> None:
    # The page is reached by a redirect, so its relative links are read against where it really is.
    feed_url, other_url = httpserver.url_for("/site/feed.xml"), httpserver.url_for("/site/other.xml")
    page = (
        '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="feed.xml">'
        '<link rel="alternate" type="application/rss+xml" href="other.xml">'
    )
    site = httpserver.url_for("/site/page")

    def serve_all() -> None:
        httpserver.expect_request("/page").respond_with_response(Response("", status=302, headers={"Location": site}))
        httpserver.expect_request("/site/page").respond_with_data(page + "</head></html>", content_type="text/html")
        httpserver.expect_request("/site/feed.xml").respond_with_data(rss("Found", ("f1", "Found one")))
        httpserver.expect_request("/site/other.xml").respond_with_data(rss("Other", ("o1", "Other one")))

    serve_all()
    page_url = httpserver.url_for("/page")
    with Store.open(tmp_path / "news.db") as store:  # what an earlier fetch of the page left
        store.set_feed_state(page_url, last_status="error", last_error="HTTP 500", etag='"p"', last_modified="Mon")
    progress = Progress()
    reports = fetch(tmp_path, page_url, progress=progress)
    assert [brief(r) for r in reports] == [
        (page_url, 0, 0, 0, False, False, "", False),
        (feed_url, 1, 0, 0, False, False, "", True),
        (other_url, 1, 0, 0, False, False, "", True),
    ]
    assert reports[0].warnings == [f"{page_url} is an HTML page; fetching its feed {feed_url}, {other_url}"]
    assert ("add_total", 2) in progress.calls and progress.calls.index(("add_total", 2)) > 0
    assert ("fetching", feed_url) in progress.calls
    got = state(tmp_path, page_url)
    assert (got["last_status"], got["last_error"], got["etag"], got["last_modified"]) == ("ok", "", "", "")
    # A page naming only feeds the run fetches anyway leads nowhere new, and announces nothing more.
    httpserver.clear()
    serve_all()
    progress = Progress()
    again = fetch(tmp_path, page_url, feed_url, other_url, progress=progress)
    assert [r.label for r in again] == [page_url, feed_url, other_url]
    assert sum(1 for request, _ in httpserver.log if request.path == "/site/feed.xml") == 1
    assert [c for c in progress.calls if c[0] == "add_total"] == [("add_total", 0)]  # the first call only
    # A progress that is a plain function (no add_total, no fetching) is only told each finished label.
    httpserver.clear()
    serve_all()
    labels: list[str] = []
    plain = fetch(tmp_path, page_url, progress=labels.append)
    assert [(r.label, r.error) for r in plain] == [(page_url, ""), (feed_url, ""), (other_url, "")]
    assert labels[0] == page_url and sorted(labels[1:]) == sorted([feed_url, other_url])


def test_documents_that_are_not_feeds_are_errors_that_forget_the_validators(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    served = {
        "/plain.html": (b"<html><body>no feeds here</body></html>", "text/html"),
        "/sitemap": (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>', "text/xml"),
        "/list.opml": (b'<?xml version="1.0"?><opml version="2.0"><body/></opml>', "text/xml"),
        "/bad.gz": (b"\x1f\x8b\x08\x00broken", "application/octet-stream"),
    }
    for path, (body, kind) in served.items():
        httpserver.expect_request(path).respond_with_data(body, content_type=kind, headers={"ETag": '"e"'})
    with Store.open(tmp_path / "news.db") as store:
        for path in served:
            store.set_feed_state(httpserver.url_for(path), etag='"old"', last_modified="Mon, 02 Feb 2026")
    urls = [httpserver.url_for(p) for p in served]
    reports = fetch(tmp_path, *urls)
    assert [r.error for r in reports] == [
        "is an HTML page, not a feed (it links to no RSS, Atom or JSON feed)",
        "is a sitemap, not a feed (a list of pages for search engines)",
        "is an OPML list of feeds, not a feed; save it and fetch the file, or `newsreader feeds import` it",
        "is gzip-compressed but truncated",
    ]
    for url, report in zip(urls, reports, strict=True):
        got = state(tmp_path, url)
        assert (got["last_status"], got["last_error"], got["etag"], got["last_modified"]) == (
            "error",
            report.error,
            "",
            "",
        )


def test_a_broken_feed_forgets_its_validators_so_it_is_read_again_in_full(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/broken").respond_with_data(
        b"<rss><channel><title>x</title><item>",
        content_type="application/rss+xml",
        headers={"ETag": '"b1"', "Last-Modified": "Mon, 02 Feb 2026 10:00:00 GMT"},
    )
    url = httpserver.url_for("/broken")
    reports = fetch(tmp_path, url)
    assert reports[0].error != "" and reports[0].new == 0
    got = state(tmp_path, url)
    assert (got["last_status"], got["last_error"], got["etag"], got["last_modified"]) == (
        "error",
        reports[0].error,
        "",
        "",
    )


def test_feed_warnings_carry_the_label(tmp_path: Path, httpserver: HTTPServer) -> None:
    # An entry with a raw ampersand: feedparser recovers the entries and says the document was not well formed.
    body = rss("W", ("w1", "Tom & Jerry"))
    httpserver.expect_request("/w").respond_with_data(body, content_type="application/rss+xml")
    url = httpserver.url_for("/w")
    reports = fetch(tmp_path, url, config=Config(feeds=(FeedConfig(url, name="Named"),), settings=FAST))
    assert reports[0].new == 1 and reports[0].warnings != []
    assert all(w.startswith("Named: ") for w in reports[0].warnings)


def test_local_feed_files_gzip_json_and_refusals(tmp_path: Path) -> None:
    packed = tmp_path / "saved.xml"
    packed.write_bytes(gzip.compress(rss("Saved", ("s1", "Saved one"))))
    json_feed = tmp_path / "f.json"
    json_feed.write_text(
        '{"version": "https://jsonfeed.org/version/1.1", "title": "J", '
        '"items": [{"id": "j1", "title": "Json one", "content_text": "Text.", "date_published": "2026-02-03T10:00:00Z"}]}',
        encoding="utf-8",
    )
    page = tmp_path / "page.html.xml"
    page.write_bytes(b"<!doctype html><html><body>saved page</body></html>")
    opml = tmp_path / "list.xml"
    opml.write_bytes(b'<?xml version="1.0"?><opml version="2.0"><body/></opml>')
    reports = fetch(tmp_path, str(packed), str(json_feed), str(page), str(opml))
    assert [(r.label, r.new, r.error) for r in reports] == [
        (str(packed), 1, ""),
        (str(json_feed), 1, ""),
        (str(page), 0, "is an HTML page, not a feed"),
        (str(opml), 0, "is an OPML list of feeds, not a feed"),
    ]
    assert [t for t, _, _ in articles(tmp_path)] == ["Json one", "Saved one"]
    with sqlite3.connect(tmp_path / "news.db") as conn:
        assert conn.execute("SELECT count(*) FROM feeds").fetchone() == (0,)  # files keep no HTTP state


def test_a_feed_file_over_the_limit_names_the_setting(tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    path.write_bytes(rss("Big", ("b1", "B")))
    size = path.stat().st_size
    config = Config(settings=Settings(max_bytes=size - 1))
    [report] = fetch(tmp_path, str(path), config=config)
    assert report.error == f"file is {size:,} bytes, over the {size - 1:,}-byte limit (settings.max_bytes)"
    assert feeds.prepare_file(str(tmp_path / "none.xml"), 100, _info(), datetime.now(UTC)) == (
        None,
        "cannot read (No such file or directory)",
    )


def _info() -> feeds.FeedInfo:
    return feeds.FeedInfo(key="k", origin="o")


def test_the_source_option_names_unconfigured_feeds_only(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data(rss("Title A", ("a1", "A one")))
    httpserver.expect_request("/b").respond_with_data(rss("Title B", ("b1", "B one")))
    a, b = httpserver.url_for("/a"), httpserver.url_for("/b")
    config = Config(feeds=(FeedConfig(a, name="Configured"),), settings=FAST)
    fetch(tmp_path, a, b, config=config, source="Given")
    assert articles(tmp_path) == [
        ("A one", "Configured", "2026-02-03T10:00:00+00:00"),
        ("B one", "Given", "2026-02-03T10:00:00+00:00"),
    ]


# -- pieces -----------------------------------------------------------------------------------------


def test_stored_moments_are_read_back_aware() -> None:
    assert feeds._when("") is None
    assert feeds._when("not a date") is None
    assert feeds._when("2026-02-03T10:00:00") == datetime(2026, 2, 3, 10, 0, tzinfo=UTC)  # naive: UTC
    assert feeds._when("2026-02-03T10:00:00+02:00") == datetime(2026, 2, 3, 8, 0, tzinfo=UTC)
    assert feeds.host_of("https://Wire.example:8443/rss") == "wire.example"
    assert feeds.host_of("not a url") == "not a url"


def test_the_worker_pool_and_its_workers() -> None:
    import os

    pool = feeds._pool()
    expected = min((os.cpu_count() or 1) - 1, 8)  # a core kept for storing, at most eight; none on one core
    try:
        if expected < 1:
            assert pool is None
        else:
            assert pool is not None and pool._max_workers == expected  # type: ignore[attr-defined]
    finally:
        if pool is not None:
            pool.shutdown()
    before = signal.getsignal(signal.SIGINT)
    try:
        feeds._init_worker()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN  # Ctrl-C is the main process's to handle
    finally:
        signal.signal(signal.SIGINT, before)


def test_the_feeds_view_without_and_with_a_store(tmp_path: Path, httpserver: HTTPServer) -> None:
    a, b = httpserver.url_for("/a"), httpserver.url_for("/b")
    config = Config(feeds=(FeedConfig(a, name="A"), FeedConfig(b, name="B")), settings=FAST)
    db = tmp_path / "news.db"
    assert feeds.feed_statuses(db, config) == [FeedStatus(config.feeds[0]), FeedStatus(config.feeds[1])]
    httpserver.expect_request("/a").respond_with_data(rss("A", ("a1", "A one"), ("a2", "A two")))
    httpserver.expect_request("/b").respond_with_data(b"", status=503, headers={"Retry-After": "600"})
    fetch(tmp_path, config=config)
    [sa, sb] = feeds.feed_statuses(db, config)
    assert (sa.status, sa.error, sa.articles, sa.unread, sa.moved_to, sa.retry_after) == ("ok", "", 2, 2, "", None)
    assert sa.last_fetched is not None and datetime.now(UTC) - sa.last_fetched < timedelta(minutes=1)
    assert (sb.status, sb.error[:8], sb.articles, sb.unread) == ("error", "HTTP 503", 0, 0)
    assert sb.retry_after is not None and timedelta(seconds=590) < sb.retry_after - datetime.now(UTC) <= timedelta(
        seconds=600
    )
    with Store.open(db) as store:  # a wait that is over is not shown
        store.set_feed_state(b, retry_after=(datetime.now(UTC) - timedelta(seconds=1)).isoformat())
    assert feeds.feed_statuses(db, config)[1].retry_after is None


def test_export_and_import_opml(tmp_path: Path) -> None:
    config = Config(
        feeds=(
            FeedConfig("https://a.example/rss", name="A", regions=("Europe", "Asia")),
            FeedConfig("https://b.example/"),
        ),
    )
    # Each feed under its first region (a folder outline), a feed with none at the top level.
    assert feeds.export_opml(config).splitlines()[6:11] == [
        '    <outline text="Europe" title="Europe">',
        '      <outline type="rss" text="A" title="A" xmlUrl="https://a.example/rss" />',
        "    </outline>",
        '    <outline type="rss" text="https://b.example/" title="https://b.example/" xmlUrl="https://b.example/" />',
        "  </body>",
    ]
    cfg = tmp_path / "config.toml"
    cfg.write_text('[[feeds]]\nurl = "http://a.example/rss"\nname = "Mine"\n', encoding="utf-8")
    opml = tmp_path / "in.opml"
    opml.write_text(
        '<opml><body><outline title="A" xmlUrl="https://a.example/rss"/>'
        '<outline title="C" text="C" xmlUrl="https://c.example/rss"/>'
        '<outline title="X" xmlUrl="file:///etc/passwd"/></body></opml>',
        encoding="utf-8",
    )
    added, existing, notes = feeds.import_opml(cfg, opml)
    assert [(f.url, f.name) for f in added] == [("https://c.example/rss", "C")]
    assert [f.url for f in existing] == ["https://a.example/rss"]
    assert notes == [
        f"{opml}: skipped 'file:///etc/passwd' (not an http(s) URL)",
        f"{opml}: https://a.example/rss is already configured as http://a.example/rss; kept that one",
    ]
    assert feeds._configured_spellings(tmp_path / "missing.toml") == {}


def test_errors_are_forgotten_once_the_feed_answers_again(tmp_path: Path, httpserver: HTTPServer) -> None:
    url = httpserver.url_for("/f")
    httpserver.expect_oneshot_request("/f").respond_with_data(rss("F", ("f1", "One")), headers={"ETag": '"1"'})
    httpserver.expect_oneshot_request("/f").respond_with_data(b"", status=500)
    httpserver.expect_oneshot_request("/f").respond_with_data(b"", status=304)
    httpserver.expect_oneshot_request("/f").respond_with_data(b"", status=500)
    httpserver.expect_oneshot_request("/f").respond_with_data(rss("F", ("f1", "One")))
    seen = []
    for _ in range(5):
        fetch(tmp_path, url)
        got = state(tmp_path, url)
        seen.append((got["last_status"], got["last_error"]))
    assert seen == [
        ("ok", ""),
        ("error", "HTTP 500 INTERNAL SERVER ERROR"),
        ("not modified", ""),
        ("error", "HTTP 500 INTERNAL SERVER ERROR"),
        ("ok", ""),
    ]


def test_a_document_with_no_root_served_as_html_is_a_page(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/words").respond_with_data(b"just some words", content_type="text/html; charset=utf-8")
    [report] = fetch(tmp_path, httpserver.url_for("/words"))
    assert report.error == "is an HTML page, not a feed (it links to no RSS, Atom or JSON feed)"


def test_saved_pages_and_rootless_files_are_not_followed(tmp_path: Path) -> None:
    page = tmp_path / "saved.xml"  # a saved page naming its feed: a file leads to no fetching
    page.write_bytes(
        b'<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="https://x.example/rss">'
        b"</head></html>"
    )
    packed = tmp_path / "page.rss"
    packed.write_bytes(gzip.compress(b"<html><body>saved</body></html>"))
    words = tmp_path / "words.xml"
    words.write_bytes(b"just some words")
    reports = fetch(tmp_path, str(page), str(packed), str(words))
    assert [r.error for r in reports[:2]] == ["is an HTML page, not a feed", "is an HTML page, not a feed"]
    assert reports[2].error != "" and reports[2].new == 0


def test_an_unnamed_feed_is_named_by_its_title_and_the_config_country_reaches_the_articles(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/t").respond_with_data(rss("Its Own Title", ("t1", "Titled")))
    httpserver.expect_request("/c").respond_with_data(rss("C", ("c1", "Countried")))
    t, c = httpserver.url_for("/t"), httpserver.url_for("/c")
    config = Config(feeds=(FeedConfig(c, name="Named", country="FR"),), settings=FAST)
    fetch(tmp_path, t, c, config=config)
    with sqlite3.connect(tmp_path / "news.db") as conn:
        assert conn.execute("SELECT title, source, source_country FROM articles ORDER BY title").fetchall() == [
            ("Countried", "Named", "FR"),
            ("Titled", "Its Own Title", ""),
        ]


def test_the_pool_path_gives_what_the_in_process_path_gives(tmp_path: Path, httpserver: HTTPServer) -> None:
    # Eight targets (four feeds over HTTP, four files): parsed in worker processes.
    # The last one has moved for now: its relative link is read against the address that answered.
    urls = [httpserver.url_for(f"/p{n}") for n in range(4)]
    for n in range(3):
        httpserver.expect_request(f"/p{n}").respond_with_data(rss(f"P{n}", (f"p{n}", f"Pooled web {n}")))
    moved = httpserver.url_for("/now/p3")
    httpserver.expect_request("/p3").respond_with_response(Response("", status=302, headers={"Location": moved}))
    httpserver.expect_request("/now/p3").respond_with_data(_relative_json("P3", "Pooled web 3", "story/3"))
    files = []
    for n in range(4):
        path = tmp_path / f"f{n}.xml"
        path.write_bytes(rss(f"F{n}", (f"f{n}", f"Pooled file {n}")))
        files.append(str(path))
    reports = fetch(tmp_path, *urls, *files)
    assert [(r.new, r.error) for r in reports] == [(1, "")] * 8
    got = articles(tmp_path)
    assert [t for t, _, _ in got] == [f"Pooled file {n}" for n in range(4)] + [f"Pooled web {n}" for n in range(4)]
    assert [s for _, s, _ in got] == [f"F{n}" for n in range(4)] + [f"P{n}" for n in range(4)]
    with sqlite3.connect(tmp_path / "news.db") as conn:
        assert conn.execute("SELECT url FROM articles WHERE title = 'Pooled web 3'").fetchall() == [
            (httpserver.url_for("/now/story/3"),)
        ]


def test_pool_workers_leave_ctrl_c_to_the_main_process() -> None:
    pool = feeds._pool()
    if pool is None:
        pytest.skip("one core: no pool")
    try:
        assert pool.submit(signal.getsignal, signal.SIGINT).result(timeout=60) == signal.SIG_IGN
    finally:
        pool.shutdown()


def test_the_feeds_view_of_a_feed_never_fetched_and_of_a_moved_one(tmp_path: Path) -> None:
    a, b = "https://a.example/rss", "https://b.example/rss"
    config = Config(feeds=(FeedConfig(a), FeedConfig(b)))
    db = tmp_path / "news.db"
    with Store.open(db) as store:
        store.set_feed_state(b, moved_to="https://b.example/new", last_status="ok")
    [sa, sb] = feeds.feed_statuses(db, config)
    assert sa == FeedStatus(config.feeds[0])  # not in the store: all defaults
    assert (sb.moved_to, sb.status, sb.error, sb.last_fetched, sb.retry_after) == (
        "https://b.example/new",
        "ok",
        "",
        None,
        None,
    )


def test_config_tags_and_relative_links_reach_the_articles(tmp_path: Path, httpserver: HTTPServer) -> None:
    relative = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>R</title><item><guid>r1</guid>'
        b"<title>Relative</title><link>/story/1</link><description>Text.</description></item></channel></rss>"
    )
    httpserver.expect_request("/rel").respond_with_data(relative, content_type="application/rss+xml")
    url = httpserver.url_for("/rel")
    fetch(tmp_path, url, config=Config(feeds=(FeedConfig(url, tags=("Diplomacy",)),), settings=FAST))
    with sqlite3.connect(tmp_path / "news.db") as conn:
        got = conn.execute("SELECT url, tags FROM articles").fetchall()
    assert got == [(httpserver.url_for("/story/1"), "Diplomacy")]  # read against the feed's URL; the config's tag


def test_derived_parts_are_left_to_the_worker_only_while_a_parsed_feed_waits_to_be_stored() -> None:
    # feeds._Balance: this process makes a feed's derived parts itself while nothing it parsed waits (it keeps
    # up); one waiting feed or more means it is behind, so the worker makes them (the rows are the same either
    # way: tests/test_store_derived.py).
    balance = feeds._Balance()
    assert [balance.in_worker()] == [False]
    for waiting, expected in ((1, True), (2, True), (0, False)):
        balance.waiting = waiting
        assert balance.in_worker() is expected, waiting


def test_prepare_builds_the_articles_and_derives_their_parts_unless_told_not_to(tmp_path: Path) -> None:
    now = datetime(2026, 2, 4, 12, 0, tzinfo=UTC)
    dated = rss("Wire", ("p1", "Talks resume"), ("p2", "Ceasefire holds"))
    made = feeds.prepare(dated, {"content-type": "application/rss+xml"}, "https://wire.example/rss", _info(), now)
    assert made.feed.title == "Wire" and made.feed.entries == ()  # the articles replace the entries
    assert sorted(a.title for a in made.articles) == ["Ceasefire holds", "Talks resume"]
    assert made.undated == frozenset()  # both dated in the document
    assert made.derived is not None and set(made.derived) == {a.id for a in made.articles}
    plain = feeds.prepare(dated, {}, "https://wire.example/rss", _info(), now, derive=False)
    assert (plain.feed.entries, plain.articles, plain.derived) == ((), made.articles, None)
    undated = feeds.prepare(rss("Wire", ("u1", "Undated"), dated=False), {}, "", _info(), now, derive=False)
    assert [a.published for a in undated.articles] == [now] and undated.undated == {undated.articles[0].id}
    empty = feeds.prepare(rss("Empty"), {}, "", _info(), now)  # no entries: nothing built, nothing derived
    assert (empty.feed.title, empty.articles, empty.undated, empty.derived) == ("Empty", (), frozenset(), None)
    path = tmp_path / "wire.xml"
    path.write_bytes(dated)
    from_file, why = feeds.prepare_file(str(path), 10_000, _info(), now)
    assert why == "" and from_file is not None and from_file.derived is not None
    assert sorted(a.title for a in from_file.articles) == ["Ceasefire holds", "Talks resume"]
    plain_file, _ = feeds.prepare_file(str(path), 10_000, _info(), now, derive=False)
    assert plain_file is not None and plain_file.derived is None and len(plain_file.articles) == 2


def _relative(title: str, item: str, link: str) -> bytes:
    """RSS with one dated item whose link is relative (`story/1`: resolved against the feed's own address)."""
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title><item><guid>{link}</guid>'
        f"<title>{item}</title><link>{link}</link><pubDate>Tue, 03 Feb 2026 10:00:00 GMT</pubDate>"
        "<description>Text.</description></item></channel></rss>"
    ).encode()


def _relative_json(title: str, item: str, link: str) -> bytes:
    """A JSON Feed with one dated item whose url is relative: the document's address is its only base
    (an XML feed also gets it from the Content-Location http.py sets)."""
    item_json = f'"id": "{link}", "url": "{link}", "title": "{item}", "content_text": "Text.", '
    return (
        f'{{"version": "https://jsonfeed.org/version/1.1", "title": "{title}", "items": [{{{item_json}'
        '"date_published": "2026-02-03T10:00:00Z"}]}'
    ).encode()


def test_relative_links_are_read_against_the_address_that_answered(tmp_path: Path, httpserver: HTTPServer) -> None:
    # /old/feed redirects (302, for now) to /new/feed: `story/1` there is /new/story/1, not /old/story/1.
    moved = httpserver.url_for("/new/feed")
    httpserver.expect_request("/old/feed").respond_with_response(Response("", status=302, headers={"Location": moved}))
    httpserver.expect_request("/new/feed").respond_with_data(_relative("Moved", "Relative", "story/1"))
    json_moved = httpserver.url_for("/new/feed.json")
    httpserver.expect_request("/old/feed.json").respond_with_response(
        Response("", status=302, headers={"Location": json_moved})
    )
    httpserver.expect_request("/new/feed.json").respond_with_data(_relative_json("J", "Relative JSON", "story/2"))
    old, old_json = httpserver.url_for("/old/feed"), httpserver.url_for("/old/feed.json")
    for url in (old, old_json):  # one run each: in process (fewer than POOL_MIN_FEEDS targets)
        reports = fetch(tmp_path, url)
        assert [brief(r) for r in reports] == [(url, 1, 0, 0, False, False, "", True)]
    with sqlite3.connect(tmp_path / "news.db") as conn:
        assert conn.execute("SELECT title, url, origin FROM articles ORDER BY title").fetchall() == [
            ("Relative", httpserver.url_for("/new/story/1"), old),
            ("Relative JSON", httpserver.url_for("/new/story/2"), old_json),
        ]


def test_with_concurrency_one_a_feed_is_downloaded_only_once_the_one_before_it_is_stored(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    # One feed in hand at a time (the window of _fetch_all): when the server is asked for the second feed,
    # the first one's article is already committed to the store, which the server reads with plain SQL.
    db = tmp_path / "news.db"
    seen: list[list[tuple[str]]] = []

    def second(request: object) -> Response:
        with sqlite3.connect(db) as conn:
            seen.append(conn.execute("SELECT title FROM articles").fetchall())
        return Response(rss("B", ("b1", "Second")), content_type="application/rss+xml")

    httpserver.expect_request("/a").respond_with_data(rss("A", ("a1", "First")), content_type="application/rss+xml")
    httpserver.expect_request("/b").respond_with_handler(second)
    a, b = httpserver.url_for("/a"), httpserver.url_for("/b")
    one = Config(settings=Settings(timeout=5.0, connect_timeout=2.0, concurrency=1))
    reports = fetch(tmp_path, a, b, config=one)
    assert [(r.label, r.new, r.error) for r in reports] == [(a, 1, ""), (b, 1, "")]
    assert seen == [[("First",)]]


def test_more_feed_files_than_are_kept_in_hand_are_all_stored(tmp_path: Path) -> None:
    # FILES_IN_HAND (4) files are read or parsed at once; the fifth starts when one of them is stored.
    paths = []
    for n in range(feeds.FILES_IN_HAND + 1):
        path = tmp_path / f"f{n}.xml"
        path.write_bytes(rss(f"F{n}", (f"f{n}", f"File {n}")))
        paths.append(str(path))
    reports = fetch(tmp_path, *paths)
    assert [(r.new, r.error) for r in reports] == [(1, "")] * 5
    assert [t for t, _, _ in articles(tmp_path)] == [f"File {n}" for n in range(5)]


def test_first_seen_reads_every_stored_entry_after_one_never_stored(tmp_path: Path) -> None:
    # The undated ids are walked in sorted order; one the store never saw must not end the walk.
    first = datetime(2026, 2, 1, 8, 30, tzinfo=UTC)
    stored = Article(id="b" * 16, title="Kept", source="Wire", published=first, fetched_at=first, origin="o")
    with Store.open(tmp_path / "news.db") as store:
        store.save([stored])
        assert feeds._first_seen(store, ["a" * 16, "b" * 16]) == {"b" * 16: first}
        assert feeds._first_seen(store, ["a" * 16]) == {}


def _waiting(tmp_path: Path, *urls: str) -> None:
    """Feeds whose server asked us to wait an hour: a fetch skips them without a request."""
    later = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    with Store.open(tmp_path / "news.db") as store:
        for url in urls:
            store.set_feed_state(url, retry_after=later)


def test_with_concurrency_one_the_feeds_are_done_in_the_order_given(tmp_path: Path, httpserver: HTTPServer) -> None:
    # The second feed is skipped (no request at all), so it would be done long before the first one's
    # download if it were let into the window early; with one feed in hand it waits its turn.
    httpserver.expect_request("/a").respond_with_data(rss("A", ("a1", "First")), content_type="application/rss+xml")
    a, b = httpserver.url_for("/a"), "http://127.0.0.1:9/never-asked"
    _waiting(tmp_path, b)
    progress = Progress()
    one = Config(settings=Settings(timeout=5.0, connect_timeout=2.0, concurrency=1))
    reports = fetch(tmp_path, a, b, config=one, progress=progress)
    assert [(r.label, r.new, r.skipped) for r in reports] == [(a, 1, False), (b, 0, True)]
    assert [c for c in progress.calls if c[0] == "done"] == [("done", a), ("done", b)]


def test_feeds_are_stored_one_after_another_without_a_pause(tmp_path: Path) -> None:
    # Five skipped feeds (no request, nothing to parse): the run is the storing loop alone, a few ms a
    # feed; a pause of a second between two saves would make it take five.
    urls = [f"http://127.0.0.1:9/feed{n}" for n in range(5)]
    _waiting(tmp_path, *urls)
    started = time.monotonic()
    reports = fetch(tmp_path, *urls)
    took = time.monotonic() - started
    assert [r.skipped for r in reports] == [True] * 5
    assert took < 4.0
