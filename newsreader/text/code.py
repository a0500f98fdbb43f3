"""Text that is CSS or JavaScript rather than prose: escaped `<style>`/`<script>` blocks, rule lists, code."""

from __future__ import annotations

import re

# Markup that reached the text because the feed escaped it twice: whole blocks go, whatever their size.
_BLOCKS = ("style", "script", "noscript")
_TAG = re.compile(r"</?(?:style|script|noscript|link|meta)\b[^<>]{0,500}>", re.IGNORECASE)
# CSS declarations (`font-family: Arial;`), rule heads (`.x {`, `@media ... {`) and JS statements.
_DECLARATION = re.compile(r"[a-z-]{2,40}\s*:\s*[^;{}\n]{1,200};")
_RULE_HEAD = re.compile(r"(?:^|[}\s])[@.#]?[A-Za-z][\w\-.#:>\[\]=\"' ,*()]{0,200}\{")
_JS = re.compile(r"\b(?:function\s*\(|var\s+\w+\s*=|let\s+\w+\s*=|const\s+\w+\s*=|document\.\w+|window\.\w+|=>\s*\{)")
_CODE_CHARS = "{};=<>"


def drop_code(text: str) -> str:
    """`text` without markup blocks and without paragraphs that read as CSS or JavaScript."""
    if "<" in text:
        text = _TAG.sub("", _without_blocks(text))
    if "{" not in text and ";" not in text:
        return text  # prose nearly always: no braces, no semicolons
    paragraphs = text.split("\n\n")
    kept = [p for p in paragraphs if not is_code(p)]
    return text if len(kept) == len(paragraphs) else "\n\n".join(kept)


def _without_blocks(text: str) -> str:
    """`text` less every `<style>...</style>` (and script, noscript) block: found with str.find, so that
    unclosed tags cost one scan, not one per tag. An unclosed block's tag alone goes (see _TAG)."""
    lowered = text.lower()
    for name in _BLOCKS:
        opening, closing = f"<{name}", f"</{name}"
        if opening not in lowered:
            continue
        pieces, at = [], 0
        while (start := lowered.find(opening, at)) >= 0:
            end = lowered.find(closing, start)
            stop = lowered.find(">", end) if end >= 0 else -1
            if stop < 0:
                break
            pieces.append(text[at:start])
            at = stop + 1
        pieces.append(text[at:])
        text = "".join(pieces)
        lowered = text.lower()
    return text


def is_code(paragraph: str) -> bool:
    """A paragraph whose punctuation and shape are those of a style sheet or a script, not of sentences."""
    length = len(paragraph)
    if length < 12:
        return False
    sample = paragraph[:4000]  # a 2 MB style sheet is known for one by its first page
    symbols = sum(sample.count(c) for c in _CODE_CHARS)
    if symbols / len(sample) < 0.02:
        return False
    signals = len(_DECLARATION.findall(sample)) + 2 * len(_RULE_HEAD.findall(sample)) + 2 * len(_JS.findall(sample))
    return signals >= 3
