"""Cleaning shared by every source: each title, summary, body, author and tag goes through one of these.

The steps, in order: mojibake repair (`repair`), entities left over after HTML decoding (`repair`),
markup and CSS/JS that are not prose (`code`), boilerplate feeds append (`boilerplate`), and for bodies
and summaries a size cap (`limits`). Authors are reduced to a name (`authors`). Control characters are
removed afterwards by `sanitize`, as for all outside text.
"""

from __future__ import annotations

from newsreader.text.authors import author_name
from newsreader.text.boilerplate import strip_boilerplate, strip_title_boilerplate
from newsreader.text.code import drop_code
from newsreader.text.limits import BODY_CAP, cap_body
from newsreader.text.repair import repair

__all__ = ["BODY_CAP", "clean_author", "clean_body", "clean_tag", "clean_title"]


def clean_title(text: str) -> str:
    """A title or a feed's name: repaired, without a trailing `[mehr]` or `- Read more`.

    Whitespace and control characters are left to `sanitize` (feeds) or the renderer (local files keep
    their raw text), as before this step existed."""
    return strip_title_boilerplate(repair(text).strip())


def clean_tag(text: str) -> str:
    """A category: repaired (`Museums &amp; Galleries` -> `Museums & Galleries`)."""
    return repair(text).strip()


def clean_author(text: str) -> str:
    """A byline reduced to names: `Name <mail>` and `mail (Name)` give Name, a bare address nothing."""
    return author_name(repair(text).strip())


def clean_body(text: str) -> str:
    """A body or summary (paragraphs separated by blank lines): repaired, code and boilerplate dropped, capped."""
    if not text:
        return ""
    return cap_body(strip_boilerplate(drop_code(repair(text))))
