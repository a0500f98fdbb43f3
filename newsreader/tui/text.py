"""Untrusted strings as Rich Text for Textual: sanitised, never parsed as markup."""

from __future__ import annotations

from rich.text import Text

from newsreader.sanitize import clean_line


def plain(text: str, style: str = "") -> Text:
    """Feed text as a Text: escape sequences and controls removed, brackets shown as typed."""
    return Text(clean_line(text), style=style)
