"""A full-text match as one FTS5 expression per group of languages, carried in one string.

The index holds each article's words stemmed by its own language's stemmer, and a query word is
stemmed by every language of the store. An OR of all those forms lets one language's stem find another
language's unrelated word: Turkish stems `Iran` to `ira` (Spanish for anger, the Roth IRA), Spanish
`China` to `chin`, Danish `Biden` to `bid`. So a query compiles to one expression per group of
languages that stem it alike, and each expression counts only for articles in its own languages.

The string is the first group's expression, then for each other group `GROUP` + its languages
joined by commas + `LANGUAGES` + its expression; the first group is every language the others do not
name (so a store's languages need not be listed twice). Neither separator can occur in an expression
(a query's control characters are dropped when its words are read).
"""

from __future__ import annotations

from collections.abc import Sequence

GROUP = "\x1f"
LANGUAGES = "\x1e"


def join(head: str, restricted: Sequence[tuple[Sequence[str], str]]) -> str:
    """One string of the unrestricted expression and the (languages, expression) pairs."""
    return head + "".join(f"{GROUP}{','.join(langs)}{LANGUAGES}{expression}" for langs, expression in restricted)


def split(match: str) -> list[tuple[tuple[str, ...], bool, str]]:
    """(languages, excluded, expression) triples: the first group's languages are the others' and
    `excluded` is True (every language but those); NULs dropped (SQLite ends a query string at one)."""
    head, *rest = match.replace("\x00", "").split(GROUP)
    parts: list[tuple[tuple[str, ...], bool, str]] = []
    for part in rest:
        langs, _, expression = part.partition(LANGUAGES)
        parts.append((tuple(langs.split(",")), False, expression))
    others = tuple(lang for langs, _, _ in parts for lang in langs)
    return [(others, True, head), *parts]


def first(match: str) -> str:
    """The first group's expression alone (for messages)."""
    return match.replace("\x00", "").split(GROUP, 1)[0]
