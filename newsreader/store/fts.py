"""The full-text condition of a query over `articles a`: each language group's FTS5 expression, its rows
kept to that group's languages (newsreader.lang.groups says why)."""

from __future__ import annotations

from typing import Any

from newsreader.lang import groups

_MATCHES = "{column} IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"


def condition(match: str, column: str = "a.seq", language: str = "a.language") -> tuple[str, list[Any]]:
    """An SQL condition and its parameters: the row `column` matches `match` in its own language."""
    clauses: list[str] = []
    params: list[Any] = []
    for langs, excluded, expression in groups.split(match):
        matches = _MATCHES.format(column=column)
        if langs:
            marks = ",".join("?" * len(langs))
            clauses.append(f"({language} {'NOT ' if excluded else ''}IN ({marks}) AND {matches})")
            params.extend(langs)
        else:
            clauses.append(matches)
        params.append(expression)
    return (clauses[0] if len(clauses) == 1 else "(" + " OR ".join(clauses) + ")"), params


def in_languages(langs: tuple[str, ...], excluded: bool, rowid: str = "rowid") -> tuple[str, list[Any]]:
    """A condition on an FTS5 query's rowid: the article is in one of `langs` (in none of them when
    `excluded`); '' and [] when no languages are named. The unary + keeps SQLite from handing the list
    to FTS5 as lookups."""
    if not langs:
        return "", []
    marks = ",".join("?" * len(langs))
    negation = "NOT " if excluded else ""
    return f" AND +{rowid} {negation}IN (SELECT seq FROM articles WHERE language IN ({marks}))", list(langs)
