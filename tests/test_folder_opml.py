"""A folder is walked for articles and feed files only: OPML lists in it are reported, never followed
(a list given by name is still fetched). Real loopback HTTP, real SQLite."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.helpers import invoke, rss, write_article


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    srv = HTTPServer(host="127.0.0.1", port=0)
    srv.start()
    yield srv
    srv.stop()


def _opml(path: Path, url: str) -> Path:
    path.write_text(
        f'<?xml version="1.0"?><opml version="2.0"><body><outline text="Net" xmlUrl="{url}"/></body></opml>',
        encoding="utf-8",
    )
    return path


def test_folder_opml_lists_are_reported_not_fetched(db: Path, tmp_path: Path, server: HTTPServer) -> None:
    server.expect_request("/net.xml").respond_with_data(
        rss("Network Feed", [("From the network", "https://net.example/1", "urn:n:1", "x")]),
        content_type="application/rss+xml",
    )
    url = server.url_for("/net.xml")
    folder = tmp_path / "saved"
    write_article(folder, "clip.txt", title="A clipped article", body="Talks resumed in Geneva on Monday.")
    (folder / "feed.xml").write_bytes(rss("Saved Feed", [("Saved item", "https://s.example/1", "urn:s:1", "y")]))
    for name in ("a.opml", "b.opml", "sub/c.opml"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        _opml(folder / name, url)
    code, _, err = invoke(db, "fetch", str(folder))
    assert code == 0, err
    assert f"{folder}: 3 OPML lists not followed; fetch them by name" in err
    assert not server.log  # nothing was fetched over the network
    code, out, _ = invoke(db, "show", "--json")
    assert sorted(a["title"] for a in json.loads(out)) == ["A clipped article", "Saved item"]
    # Given by name, the list is fetched.
    code, _, err = invoke(db, "fetch", str(folder / "a.opml"))
    assert code == 0, err
    assert [r.path for r, _ in server.log] == ["/net.xml"]


def test_folder_with_only_one_opml_list(db: Path, tmp_path: Path, server: HTTPServer) -> None:
    folder = tmp_path / "lists"
    folder.mkdir()
    _opml(folder / "world.opml", server.url_for("/never.xml"))
    code, _, err = invoke(db, "fetch", str(folder))
    assert code == 0, err
    assert f"{folder}: 1 OPML list not followed; fetch them by name ({folder / 'world.opml'})" in err
    assert not server.log
