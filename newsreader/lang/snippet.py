"""A hit's snippet: the best passage of its summary or body, the matched words marked, the original text kept."""

from __future__ import annotations

from collections.abc import Sequence

from newsreader.lang.query import Highlight
from newsreader.lang.terms import fold, is_cjk, spans, stem_all

WIDTH = 24  # tokens in a snippet, as FTS5's snippet() had
_ELLIPSIS = "…"


def best_passage(texts: Sequence[str], language: str, highlight: Highlight, marks: tuple[str, str]) -> str:
    """The window of WIDTH tokens holding the most distinct query words, over these texts in order.

    The title is never passed here: it is printed above the snippet already. With no match in any text
    (a title-only hit), the start of the first non-empty text.
    """
    best: tuple[int, int, str, list[tuple[int, int]], list[tuple[int, int, str]]] | None = None
    for text in texts:
        if not text.strip():
            continue
        tokens = list(spans(text))
        if not tokens:
            continue
        hits = _matches(text, tokens, language, highlight)
        score, start = _best_window(tokens, hits)
        if best is None or score > best[0]:  # on a tie the summary, which comes first, wins
            best = (score, start, text, hits, tokens)
    if best is None:
        return ""
    _, start, text, hits, tokens = best
    return _render(text, tokens, start, hits, marks)


def _matches(
    text: str, tokens: list[tuple[int, int, str]], language: str, highlight: Highlight
) -> list[tuple[int, int]]:
    """Character spans (in `text`) of the tokens and CJK strings that match the query."""
    plain = [t for _, _, t in tokens if not is_cjk(t)]
    terms = stem_all(plain, language) if plain else {}
    found: list[tuple[int, int]] = []
    for start, end, token in tokens:
        if is_cjk(token):
            for needle in highlight.cjk:
                at = text.find(needle, start, end)
                while at != -1:
                    found.append((at, at + len(needle)))
                    at = text.find(needle, at + len(needle), end)
            continue
        term = terms[token]  # not .get(): the cache stems a word it has not seen (a fresh search has seen none)
        if (
            term in highlight.terms
            or fold(token) in highlight.terms
            or (highlight.prefixes and fold(token).startswith(tuple(highlight.prefixes)))
        ):
            found.append((start, end))
    found.sort()
    return found


def _best_window(tokens: list[tuple[int, int, str]], hits: list[tuple[int, int]]) -> tuple[int, int]:
    """(number of matches, first token) of the WIDTH-token window with the most matches (a sliding window)."""
    if not hits:
        return 0, 0
    import bisect

    starts = [s for s, _, _ in tokens]
    # Token index of each hit: the last token starting at or before it.
    positions = [max(0, bisect.bisect_right(starts, s) - 1) for s, _ in hits]
    best_score, best_start = 0, 0
    left = 0
    for right in range(len(positions)):
        while positions[right] - positions[left] >= WIDTH:
            left += 1
        score = right - left + 1
        if score > best_score:
            best_score = score
            # Start a little before the first match so it reads in context.
            best_start = max(0, min(positions[left] - 3, len(tokens) - WIDTH))
    return best_score, best_start


def _render(
    text: str, tokens: list[tuple[int, int, str]], start: int, hits: list[tuple[int, int]], marks: tuple[str, str]
) -> str:
    end_token = min(len(tokens), start + WIDTH) - 1
    begin = 0 if start == 0 else tokens[start][0]
    finish = len(text) if end_token == len(tokens) - 1 else tokens[end_token][1]
    out: list[str] = [] if start == 0 else [_ELLIPSIS]
    at = begin
    for hit_start, hit_end in hits:
        if hit_end <= begin or hit_start >= finish or hit_start < at:
            continue
        out.extend((text[at:hit_start], marks[0], text[hit_start:hit_end], marks[1]))
        at = hit_end
    out.append(text[at:finish])
    if finish < len(text):
        out.append(_ELLIPSIS)
    return " ".join("".join(out).split())
