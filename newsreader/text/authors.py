"""Bylines as feeds give them (`Name <mail>`, `mail (Name)`, a bare address) reduced to people's names."""

from __future__ import annotations

import re

_EMAIL = r"[^\s<>()@,;]+@[^\s<>()@,;]+\.[^\s<>()@,;]+"
_NAME_THEN_MAIL = re.compile(rf"^(?P<name>.*?)\s*<\s*(?:mailto:)?{_EMAIL}\s*>$", re.IGNORECASE)
_MAIL_THEN_NAME = re.compile(rf"^(?:mailto:)?{_EMAIL}\s*\((?P<name>[^()]*)\)$", re.IGNORECASE)
_BARE_MAIL = re.compile(rf"^[<(]?\s*(?:mailto:)?{_EMAIL}\s*[>)]?$", re.IGNORECASE)
_BY = re.compile(r"^(?:by|By|BY)\s+(?=\S)")


def author_name(text: str) -> str:
    """The names in a byline, comma-separated as given; an address alone is not an author ('')."""
    names = [_one(part.strip()) for part in _split(text)]
    return ", ".join(n for n in names if n)


def _split(text: str) -> list[str]:
    # `a@x.org (A), b@x.org (B)`: split at commas outside parentheses and angle brackets.
    parts, depth, current = [], 0, ""
    for char in text:
        if char in "(<":
            depth += 1
        elif char in ")>":
            depth = max(0, depth - 1)
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


def _one(part: str) -> str:
    if "@" in part:
        for pattern in (_NAME_THEN_MAIL, _MAIL_THEN_NAME):
            match = pattern.match(part)
            if match:
                part = match.group("name").strip().strip("\"'")
                break
        else:
            if _BARE_MAIL.match(part):
                return ""
    return _BY.sub("", part).strip()
