"""Boilerplate feeds append to their text, by language: link prompts, `[mehr]`, WordPress footers.

The patterns (documented in the README, each tested):
- anywhere: `, opens new tab` (Reuters link text), `(opens in new window)`;
- a read-more prompt that is a whole paragraph, or ends one after a sentence's end or in brackets:
  en `Continue reading`, `Read more`, `Keep reading`, `Read the full story`; pt `Leia mais`, `Continue lendo`;
  es `Leer más`, `Seguir leyendo`; fr `Lire la suite`, `Lire plus`; de `Weiterlesen`, `Mehr lesen`, `[mehr]`;
  it `Continua a leggere`, `Leggi tutto`; nl `Lees meer`, `Lees verder`; tr `Devamını oku`, `Haberin devamı`;
  ru `Читать далее`, `Подробнее`; uk `Читати далі`, `Детальніше`; pl `Czytaj więcej`, `Czytaj dalej`;
  sv `Läs mer`; da `Læs mere`; nb `Les mer`; followed or not by dots, `…`, `»`, `›`, `→`, `>>`;
- WordPress's `The post TITLE appeared first on SITE.` paragraph, and `[…]` / `[...]` ending a paragraph
  (made `…`);
- in titles, a trailing `[mehr]` or `- Read more`, `| Weiterlesen` and the like.
Prose that merely ends with such words (`She wanted to read more.`) is left alone.
"""

from __future__ import annotations

import re

PROMPTS = (
    "continue reading", "read more", "keep reading", "read the full story", "read the full article",
    "click here to read more", "leia mais", "continue lendo", "leer más", "leer mas", "seguir leyendo",
    "sigue leyendo", "lire la suite", "lire plus", "weiterlesen", "mehr lesen", "continua a leggere",
    "leggi tutto", "leggi di più", "lees meer", "lees verder", "devamını oku", "devamini oku", "haberin devamı",
    "читать далее", "подробнее", "читати далі", "детальніше", "czytaj więcej", "czytaj dalej", "läs mer",
    "læs mere", "les mer",
)  # fmt: skip
# Words that are a prompt only in brackets: `mehr` is also an ordinary German word.
_BRACKETED_ONLY = ("mehr", "more")
_TRAILING = " \t\n.…»›→>!\u00a0"
_SENTENCE_END = ".!?…:»”\"')]"
_TITLE_SEPARATORS = "-–—|:"
_ANYWHERE = re.compile(r", ?opens new tab\b| ?\(opens in (?:a )?new (?:tab|window)\)", re.IGNORECASE)
_WORDPRESS = re.compile(r"^the post .{1,400} appeared first on .{1,200}$", re.IGNORECASE | re.DOTALL)


def strip_boilerplate(text: str) -> str:
    """Paragraphs (blank-line separated) without the patterns above; emptied paragraphs disappear."""
    if not text:
        return text
    if "opens" in text or "Opens" in text:
        text = _ANYWHERE.sub("", text)
    kept: list[str] = []
    for paragraph in text.split("\n\n"):
        paragraph = paragraph.strip()
        if paragraph[:9].lower() == "the post " and _WORDPRESS.match(paragraph):
            continue
        paragraph = _without_prompt(paragraph, _SENTENCE_END)
        if paragraph:
            kept.append(paragraph)
    return "\n\n".join(kept)


def strip_title_boilerplate(title: str) -> str:
    """A title without a trailing prompt (`Neue Zahlen [mehr]`, `Big news - Read more`); never emptied."""
    return _without_prompt(title, _TITLE_SEPARATORS, keep_alone=True) or title


def _without_prompt(text: str, allowed_before: str, keep_alone: bool = False) -> str:
    """`text` less a trailing prompt; a bare one counts only after one of `allowed_before` (or alone)."""
    body = text.rstrip(_TRAILING)
    if body.endswith(("]", ")")):
        opening = body.rfind("[" if body[-1] == "]" else "(")
        inner = body[opening + 1 : -1].strip() if opening >= 0 else ""
        word = inner.strip(" .…").lower()
        if inner in ("…", "..."):
            return body[:opening].rstrip() + "…"
        if word in PROMPTS or word in _BRACKETED_ONLY:
            return body[:opening].rstrip()
        return text
    tail = body[-30:].lower()
    if not tail.endswith(PROMPTS):
        return text
    for prompt in PROMPTS:
        if tail.endswith(prompt):
            head = body[: len(body) - len(prompt)].rstrip()
            if not head:
                return text if keep_alone else ""
            if head[-1] in allowed_before:
                return head.rstrip(_TITLE_SEPARATORS + " ") if allowed_before == _TITLE_SEPARATORS else head
    return text
