"""Search queries to FTS5 match expressions over the index terms (see terms.py), plain and raw.

Plain mode understands what people type: words (all must match), "a phrase", -excluded, `a OR b`,
and prefix*; everything else is literal text, never a syntax error. Raw mode keeps FTS5's own syntax
and only maps its words to index terms. Each word becomes the terms it has in every language of the
store (a Russian query word stemmed as Russian, German, English...), OR-ed: `Путин` finds `Путина`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from newsreader.errors import UsageError
from newsreader.lang import groups as language_groups
from newsreader.lang.terms import bigrams, fold, is_cjk, stem_all, term_variants, words

_MIN_TRUNCATED = 4  # a prefix's own stems are tried down to this length (negotiat* -> negoti)
_MAX_TRUNCATION = 3
_COMMON = ("en", "fr", "es", "de", "ru", "ar", "pt", "it", "tr", "fa", "nl", "pl", "uk")


@dataclass(slots=True)
class Highlight:
    """What a hit's snippet marks: index terms, prefixes of folded words, and CJK strings."""

    terms: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    cjk: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class Compiled:
    """A query ready for the store: the FTS5 expression and what to highlight."""

    match: str
    highlight: Highlight
    # The query with only the words that must match, for "match without the filters" counts.
    text: str


@dataclass(slots=True)
class _Item:
    tokens: list[str]
    prefix: bool = False
    negated: bool = False


def _quote(terms: Sequence[str]) -> str:
    return '"' + " ".join(terms).replace('"', '""') + '"'


class _Builder:
    """Turns token lists into FTS5 expressions for a set of languages, collecting the highlights."""

    def __init__(self, languages: Sequence[str]) -> None:
        self.languages = tuple(languages) or ("",)
        self.highlight = Highlight()

    def phrase(self, tokens: list[str], *, single: bool = False, mark: bool = True) -> str:
        """Every form the token sequence takes in the store's languages, OR-ed (or one, `single`)."""
        if single:
            return self._single(tokens, mark)
        if len(tokens) == 1 and not is_cjk(tokens[0]):
            variants = [[v] for v in term_variants(tokens[0], self.languages)]
        else:
            variants = self._sequences(tokens)
        if mark:
            for seq in variants:
                self.highlight.terms.update(seq)
            self.highlight.cjk.update(t for t in tokens if is_cjk(t))
        if len(tokens) == 1 and is_cjk(tokens[0]) and len(tokens[0]) == 1:
            return _quote(tokens) + "*"  # one character: every pair that starts with it
        quoted = list(dict.fromkeys(_quote(seq) for seq in variants))
        if single or len(quoted) == 1:
            return quoted[0]
        return "(" + " OR ".join(quoted) + ")"

    def _single(self, tokens: list[str], mark: bool) -> str:
        """One form only, where FTS5 allows no OR (inside NEAR): the first language, by how common it is in
        the news, whose stemmer changes the words; else the words folded."""
        ranked = sorted(self.languages, key=lambda c: _COMMON.index(c) if c in _COMMON else len(_COMMON))
        plain = [fold(t) for t in tokens if not is_cjk(t)]
        chosen = next((c for c in ranked if [stem_all(plain, c)[t] for t in plain] != plain), "")
        stems = stem_all(plain, chosen)
        seq: list[str] = []
        for token in tokens:
            seq.extend(bigrams(token) if is_cjk(token) else [stems[fold(token)]])
        if mark:
            self.highlight.terms.update(seq)
        return _quote(seq)

    def _sequences(self, tokens: list[str]) -> list[list[str]]:
        found: dict[tuple[str, ...], None] = {}
        for language in self.languages:
            for form in (tokens, [fold(t) for t in tokens]):
                stems = stem_all([t for t in form if not is_cjk(t)], language)
                seq: list[str] = []
                for token in form:
                    seq.extend(bigrams(token) if is_cjk(token) else [stems[token]])
                found[tuple(seq)] = None
        return [list(seq) for seq in found]

    def prefix(self, tokens: list[str], mark: bool = True) -> str:
        """A prefix matches the words that start with it: in the index, their stems start with it or are
        a slightly shorter start of it (`negotiat*` finds "negotiations", indexed as `negoti`)."""
        folded = [fold(t) for t in tokens]
        last = folded[-1]
        if mark:
            self.highlight.prefixes.add(last)
            self.highlight.terms.update(folded[:-1])
        head = folded[:-1]
        options = [_quote(folded) + "*"]
        if not is_cjk(last) and len(last) > _MIN_TRUNCATED:
            shortest = max(_MIN_TRUNCATED, len(last) - _MAX_TRUNCATION)
            options.extend(_quote([*head, last[:k]]) for k in range(len(last) - 1, shortest - 1, -1))
            for language in self.languages:
                options.append(_quote([*head, stem_all([last], language)[last]]))
        unique = [o for o in dict.fromkeys(options) if o != _quote(folded)]
        return unique[0] if len(unique) == 1 else "(" + " OR ".join(unique) + ")"


# -- plain mode -------------------------------------------------------------------------------------------

_LEX = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def compile_plain(query: str, languages: Sequence[str]) -> Compiled:
    """All words must match; "..." a phrase, -word excluded, OR between two words, word* a prefix."""
    groups: list[list[_Item]] = []
    negated: list[_Item] = []
    pending_or = False
    for match in _LEX.finditer(query):
        minus, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare == "OR" and groups and not pending_or:
            pending_or = True
            continue
        item = _plain_item(minus, quoted, bare)
        if pending_or and item is None:
            continue
        if pending_or:
            pending_or = False
            if item is not None and not item.negated:
                groups[-1].append(item)
                continue
        if item is None:
            continue
        if item.negated:
            negated.append(item)
        else:
            groups.append([item])
    if pending_or:  # a trailing OR is the word "or"
        groups.append([_Item(["or"])])
    if not groups:
        raise UsageError(
            f"the search query {query!r} has no words to search for" + (" (only excluded ones)" if negated else "")
        )

    def build(builder: _Builder) -> str:
        expression = " AND ".join(_group(builder, group) for group in groups)
        if negated:
            exclusions = " OR ".join(_expression(builder, item, mark=False) for item in negated)
            expression = f"({expression}) NOT ({exclusions})"
        return expression

    expression, highlight = _by_language(languages, build)
    plain = " ".join(_words_of(g) for g in groups)
    return Compiled(expression, highlight, plain)


def _by_language(languages: Sequence[str], build: Callable[[_Builder], str]) -> tuple[str, Highlight]:
    """The expression `build` makes in each language, grouped by languages that give the same one
    (newsreader.lang.groups says why and how they are carried), with every group's highlights."""
    unique = tuple(dict.fromkeys(languages)) or ("",)
    by_expression: dict[str, list[str]] = {}
    highlight = Highlight()
    for language in unique:
        builder = _Builder((language,))
        by_expression.setdefault(build(builder), []).append(language)
        highlight.terms |= builder.highlight.terms
        highlight.prefixes |= builder.highlight.prefixes
        highlight.cjk |= builder.highlight.cjk
    # The group of the most languages goes first (it is named by the others' languages).
    ordered = sorted(by_expression.items(), key=lambda item: (-len(item[1]), item[0]))
    head = ordered[0][0]
    return language_groups.join(head, [(langs, expression) for expression, langs in ordered[1:]]), highlight


def _plain_item(minus: str, quoted: str | None, bare: str | None) -> _Item | None:
    if quoted is not None:
        tokens = words(quoted)
        return _Item(tokens, negated=bool(minus)) if tokens else None
    assert bare is not None
    negate = bare.startswith("-") and len(bare) > 1
    text = bare[1:] if negate else bare
    prefix = text.endswith("*") and len(text.rstrip("*")) > 0
    tokens = words(text.rstrip("*") if prefix else text)
    if not tokens:
        return None
    return _Item(tokens, prefix=prefix, negated=negate)


def _expression(builder: _Builder, item: _Item, mark: bool = True) -> str:
    if item.prefix:
        return builder.prefix(item.tokens, mark=mark)
    return builder.phrase(item.tokens, mark=mark)


def _group(builder: _Builder, group: list[_Item]) -> str:
    parts = [_expression(builder, item) for item in group]
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def _words_of(group: list[_Item]) -> str:
    return " OR ".join(" ".join(item.tokens) + ("*" if item.prefix else "") for item in group)


# -- raw mode ---------------------------------------------------------------------------------------------

_RAW = re.compile(r'"(?:[^"]|"")*"?|[^\s"(){}:*+^,]+|\s+|.', re.DOTALL)
_STRING = re.compile(r'"(?:[^"]|"")*"', re.DOTALL)
_KEYWORDS = {"AND", "OR", "NOT", "NEAR"}


def compile_raw(query: str, languages: Sequence[str]) -> Compiled:
    """FTS5 syntax kept as written; each string or bare word is replaced by its index terms."""
    query = query.replace(language_groups.GROUP, " ").replace(language_groups.LANGUAGES, " ")  # the groups' separators
    kept: list[str] = []

    def build(builder: _Builder) -> str:
        kept.clear()
        return _raw_expression(query, builder, kept)

    expression, highlight = _by_language(languages, build)
    return Compiled(expression, highlight, " ".join(kept))


def _raw_expression(query: str, builder: _Builder, kept: list[str]) -> str:
    pieces = [p for p in _RAW.findall(query)]
    out: list[str] = []
    depth_near = 0
    in_braces = False
    for i, piece in enumerate(pieces):
        following = _next_solid(pieces, i)
        if piece in _KEYWORDS or piece.isspace() or (len(piece) == 1 and piece in "(){}:*+^,"):
            if piece == "NEAR" and following == "(":
                depth_near = 1
            elif piece == "(" and depth_near:
                depth_near += 1
            elif piece == ")" and depth_near:
                depth_near -= 1
            in_braces = (in_braces or piece == "{") and piece != "}"
            out.append(piece)
            continue
        if in_braces or following == ":" or (depth_near and piece.isdigit() and _previous_solid(out) == ","):
            # column names, and NEAR's distance
            out.append(piece)
            continue
        if piece.startswith('"') and not _STRING.fullmatch(piece):
            out.append(piece)  # unterminated: FTS5 reports it
            continue
        text = piece[1:-1].replace('""', '"') if piece.startswith('"') else piece
        tokens = words(text)
        if not tokens:
            out.append(piece)
            continue
        kept.append(" ".join(tokens))
        if following == "*":
            out.append(builder.prefix(tokens) if not depth_near else _quote([fold(t) for t in tokens]))
            if depth_near:
                continue
            pieces[i + 1 + _gap(pieces, i)] = ""  # the * is part of the expansion
            continue
        out.append(builder.phrase(tokens, single=bool(depth_near)))
    return "".join(out)


def _next_solid(pieces: list[str], i: int) -> str:
    for piece in pieces[i + 1 :]:
        if piece and not piece.isspace():
            return piece
    return ""


def _previous_solid(out: list[str]) -> str:
    for piece in reversed(out):
        if piece and not piece.isspace():
            return piece
    return ""


def _gap(pieces: list[str], i: int) -> int:
    gap = 0
    for piece in pieces[i + 1 :]:
        if piece and not piece.isspace():
            return gap
        gap += 1
    return gap


_QUOTED = re.compile(r'"((?:[^"]|"")*)"(\*?)')


def highlight_of(match: str) -> Highlight:
    """What to mark for an FTS5 expression over index terms, read back from its quoted strings."""
    found = Highlight()
    for text, star in _QUOTED.findall(match):
        terms = text.replace('""', '"').split()
        if not terms:
            continue
        if star:
            found.prefixes.add(terms[-1])
            terms = terms[:-1]
        found.terms.update(terms)
        run = ""
        for term in terms:
            if is_cjk(term):
                run = run + term[-1] if run and len(term) == 2 and run[-1] == term[0] else run + " " + term
        found.cjk.update(r for r in run.split() if r)
    return found
