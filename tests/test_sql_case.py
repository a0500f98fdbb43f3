"""scripts/sql_case.py: which mutants count as SQL text in another case (left out of mutants.sh's second score).

Each diff is written by hand in the form `mutmut show` prints; the expected verdicts follow the rules in the
script's docstring, so a mutant that could change behaviour is never counted.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sql_case", REPO / "scripts" / "sql_case.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sql_case = _load()


def diff(old: str, new: str) -> str:
    return f"@@ -1,3 +1,3 @@\n def f(conn):\n-{old}\n+{new}\n     return row\n"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            '    row = conn.execute("SELECT value FROM store_meta WHERE key = ?", (key,))',
            '    row = conn.execute("select value from store_meta where key = ?", (key,))',
        ),
        (
            '            "INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)",',
            '            "insert or replace into store_meta (key, value) values (?, ?)",',
        ),
        ('def _where_in(f, langs, excluded, prefix="WHERE"):', 'def _where_in(f, langs, excluded, prefix="where"):'),
        (
            "    clause = f\"{where}\" + ' AND a.seq IS NOT NULL'",
            "    clause = f\"{where}\" + ' and a.seq is not null'",
        ),
        ('    sql = "SELECT a.seq FROM articles a " + where', '    sql = "SELECT A.SEQ FROM ARTICLES A " + where'),
    ],
)
def test_sql_text_in_another_case_counts(old: str, new: str) -> None:
    assert sql_case.is_sql_case(diff(old, new)) is True


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # SQL string literals, patterns and named parameters are case-sensitive
        (
            "    conn.execute(\"SELECT url FROM feeds WHERE last_status = 'ok'\")",
            "    conn.execute(\"SELECT URL FROM FEEDS WHERE LAST_STATUS = 'OK'\")",
        ),
        (
            '    conn.execute("SELECT name FROM sqlite_master WHERE name GLOB ?")',
            '    conn.execute("select name from sqlite_master where name glob ?")',
        ),
        (
            '    conn.execute("SELECT id FROM articles WHERE id = :wanted", params)',
            '    conn.execute("SELECT ID FROM ARTICLES WHERE ID = :WANTED", params)',
        ),
        # text that is not SQL: a codec name, a header, a word, a country code
        ('    text = data.decode("utf-8")', '    text = data.decode("UTF-8")'),
        ('    kind = headers.get("content-type", "")', '    kind = headers.get("CONTENT-TYPE", "")'),
        ('    if word == "Iran":', '    if word == "iran":'),
        ('    return "GB"', '    return "gb"'),
        ('    if code in ("IN", "DO"):', '    if code in ("in", "DO"):'),
        ('    negation = "NOT " if excluded else ""', '    negation = "not " if excluded else ""'),
        # lower-case SQL words are English as much as SQL: not counted
        ('    note = "or later"', '    note = "OR LATER"'),
        # an f-string, or a change outside the literal
        ('    sql = f"SELECT {column} FROM articles"', '    sql = f"select {column} from articles"'),
        ('    sql = "SELECT seq FROM articles"; key = Key', '    sql = "SELECT seq FROM articles"; key = key'),
        # not a case change at all
        ('    sql = "SELECT seq FROM articles"', '    sql = "XXSELECT seq FROM articlesXX"'),
    ],
)
def test_anything_else_does_not_count(old: str, new: str) -> None:
    assert sql_case.is_sql_case(diff(old, new)) is False


def test_a_diff_of_two_changed_lines_does_not_count() -> None:
    two = '@@ -1,2 +1,2 @@\n-    a = "SELECT 1"\n-    b = "SELECT 2"\n+    a = "select 1"\n+    b = "select 2"\n'
    assert sql_case.is_sql_case(two) is False
    assert sql_case.is_sql_case("@@ -1 +1 @@\n-    x = 1\n") is False


def test_the_survivors_are_read_from_the_report() -> None:
    report = (
        "    newsreader.store.meta.x_get_meta__mutmut_7: survived\n"
        "    newsreader.store.meta.x_get_meta__mutmut_9: survived\n"
        "--- newsreader.store.meta.x_get_meta__mutmut_7\n"
        + diff(
            '    row = conn.execute("SELECT value FROM store_meta")',
            '    row = conn.execute("select value from store_meta")',
        )
        + "--- newsreader.store.meta.x_get_meta__mutmut_9\n"
        + diff("    return None if row is None else str(row[0])", "    return None if row is None else str(row[1])")
        + "score newsreader/store/meta.py: 18 killed and 0 timed out (caught) of 20 mutants run\n"
    )
    found = sql_case.survivors(report)
    assert list(found) == ["newsreader.store.meta.x_get_meta__mutmut_7", "newsreader.store.meta.x_get_meta__mutmut_9"]
    assert [name for name, d in found.items() if sql_case.is_sql_case(d)] == [
        "newsreader.store.meta.x_get_meta__mutmut_7"
    ]
