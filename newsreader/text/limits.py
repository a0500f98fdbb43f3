"""The body cap: a stored body or summary holds at most BODY_CAP characters, cut at a paragraph."""

from __future__ import annotations

# 200,000 characters is ~30,000 words, longer than any news article; past it a feed has sent something
# else (a whole page, a data dump), which would take seconds to show and swamp search and tagging.
BODY_CAP = 200_000
_NOTE_ROOM = 200
CUT_NOTE = "[… cut here by newsreader: the feed's text ran to {total:,} characters; {kept:,} are kept]"


def cap_body(text: str) -> str:
    """`text` itself if within the cap, else its paragraphs up to the cap and a note saying so."""
    if len(text) <= BODY_CAP:
        return text
    budget = BODY_CAP - _NOTE_ROOM  # the note counts too: nothing stored is over the cap
    head = text[:budget]
    cut = head.rfind("\n\n")
    if cut < budget // 2:  # no paragraph break in the second half: cut at a line, else a word
        cut = max(head.rfind("\n"), head.rfind(" "))
    kept = head[: cut if cut > 0 else budget].rstrip()
    return f"{kept}\n\n{CUT_NOTE.format(total=len(text), kept=len(kept))}"
