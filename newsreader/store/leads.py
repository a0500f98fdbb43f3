"""Each text stored once: a body that begins with its summary keeps only what follows it (schema v8).

Most feed entries carry one text: the description is both the summary and the body (a feed with no
content gives its summary as the body), or the summary is the body's first paragraph, or that paragraph
shortened with `…`. Storing, compressing and indexing it twice made up most of a store. The `body`
column holds the rest of the body after `lead` characters of the summary (`lead` 0: the whole body),
and the full-text index's body column holds the terms of that rest, so every word is indexed once
(the summary column keeps its own terms and weight). Readers get the whole body back from `join`.
"""

from __future__ import annotations

ELLIPSIS = "…"
# After a lead the body must go on at a word's end: whitespace, or the punctuation a shortened lead
# drops (`Talks in Doha, officials said` shortened to `Talks in Doha…`). A lead ending inside a word
# ("Iran" before "ian talks") or a dotted abbreviation ("U.S" before ".") would index broken words.
_CONTINUES = (" ", "\n", "\t", ",", ";", ":")


def split(summary: str, body: str) -> tuple[int, str]:
    """(lead, rest): how many leading characters of `summary` begin `body`, and the body after them."""
    if not summary or not body:
        return 0, body
    if body.startswith(summary):
        lead = len(summary)
    elif summary.endswith(ELLIPSIS) and len(summary) > 1 and body.startswith(summary[:-1]):
        lead = len(summary) - 1
    else:
        return 0, body
    rest = body[lead:]
    if rest and not rest.startswith(_CONTINUES):
        return 0, body
    return lead, rest


def join(summary: str, rest: str, lead: int) -> str:
    """The whole body from the stored summary, the stored rest and the lead (see split)."""
    return summary[:lead] + rest  # lead 0: the rest is the whole body
