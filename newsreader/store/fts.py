"""The full-text condition of a query over `articles a`: each language group's FTS5 expression, its rows
kept to that group's languages (newsreader.lang.groups says why)."""

from __future__ import annotations

from typing import Any

from newsreader.lang import groups


def rowids(match: str) -> tuple[str, list[Any]]:
    """A SELECT of the rowids matching `match`, each group's in its own languages, and its parameters.

    Each match's language is looked up by its rowid (a primary-key seek per match): cheaper than the
    set of every row of the group's languages, which is most of the store for the largest group.
    """
    parts = groups.split(match)
    if len(parts) == 1:
        return "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", [parts[0][2]]
    selects: list[str] = []
    params: list[Any] = []
    for langs, excluded, expression in parts:
        marks = ",".join("?" * len(langs))
        selects.append(
            "SELECT articles_fts.rowid FROM articles_fts JOIN articles b ON b.seq = articles_fts.rowid "
            f"WHERE articles_fts MATCH ? AND b.language {'NOT ' if excluded else ''}IN ({marks})"
        )
        params.extend([expression, *langs])
    return " UNION ALL ".join(selects), params


def condition(match: str) -> tuple[str, list[Any]]:
    """An SQL condition on `articles a` and its parameters: the row matches `match` in its own language."""
    select, params = rowids(match)
    return f"a.seq IN ({select})", params
