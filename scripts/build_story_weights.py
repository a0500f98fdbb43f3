"""Build newsreader/stories/data/common.json: how common each word stem is, per language (from wordfreq).

Stories compare articles by the words they share, weighted by how rare each word is in the language
(an inverse document frequency taken from a fixed reference, not from the user's store, so that the
weight of a word, and with it every story, is the same whatever was stored first). The reference is
wordfreq's frequency list; words are stemmed and folded as the search index does (newsreader.lang.terms),
and a stem keeps the largest frequency of its words. Only the most common words are listed: any other
word counts as rare. Run with the data extra installed: `python scripts/build_story_weights.py`.
"""

from __future__ import annotations

import json
from pathlib import Path

import wordfreq

from newsreader.lang.terms import STEMMERS, stem_all, words

TOP = 3000  # words per language; beyond these a word is as rare as any name
OUT = Path(__file__).resolve().parent.parent / "newsreader" / "stories" / "data" / "common.json"


def build() -> dict[str, dict[str, int]]:
    available = wordfreq.available_languages(wordlist="best")
    table: dict[str, dict[str, int]] = {}
    for language in sorted({*STEMMERS, "uk", "ur", "sk", "he", "bg", "hr", "sl", "vi", "ms"}):
        if language not in available:
            continue
        stems: dict[str, int] = {}
        for word in wordfreq.top_n_list(language, TOP, wordlist="best"):
            tokens = words(word)
            if len(tokens) != 1:
                continue
            term = stem_all(tokens, language)[tokens[0]]
            zipf = round(wordfreq.zipf_frequency(word, language, wordlist="best") * 10)
            stems[term] = max(stems.get(term, 0), zipf)
        table[language] = dict(sorted(stems.items()))
    return table


def main() -> None:
    # One string per language ("term zipf term zipf ..."): loading parses only the languages in use.
    packed = {lang: " ".join(f"{t} {z}" for t, z in stems.items()) for lang, stems in build().items()}
    OUT.write_text(json.dumps(packed, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
