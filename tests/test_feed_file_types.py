"""A feed file is read by what its name says it is: a `.json` file (any case of the suffix) is a JSON Feed
even when its first bytes do not show it (a long run of blank lines before the `{`)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.helpers import run

FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Padded Wire",
    "items": [{"id": "p-1", "url": "https://padded.example/1", "title": "Talks resume in Doha", "content_text": "Hi."}],
}


@pytest.mark.parametrize("name", ["feed.json", "FEED.JSON"])
def test_a_json_file_whose_start_is_blank_is_read_as_a_json_feed(tmp_path: Path, db: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("\n" * 100 + json.dumps(FEED), encoding="utf-8")  # the `{` comes after 64 bytes
    result = run(db, "fetch", str(path))
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT title, source, url FROM articles").fetchall() == [
            ("Talks resume in Doha", "Padded Wire", "https://padded.example/1")
        ]


def test_the_same_text_in_an_xml_file_is_no_feed(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text("\n" * 100 + json.dumps(FEED), encoding="utf-8")
    result = run(db, "fetch", str(path))
    assert result.exit_code == 1, result.output
    assert str(path) in result.stderr
