"""Recall over real outlets' feeds (../shared/news): words in their inflected forms and CJK strings are found.

The oracle is independent of the index: a regular expression over the stored text for a hand-written list
of each word's forms, and plain substring search for CJK strings. Skips when the shared data is absent.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsreader.cli import app
from newsreader.store import Store
from tests.conftest import REPO

NEWS = REPO.parent / "shared" / "news" / "news"
pytestmark = [
    pytest.mark.skipif(not NEWS.is_dir(), reason="../shared/news is not here"),
]

# query -> the forms an article may hold (by hand, from each language's grammar)
FAMILIES = {
    "Путин": ["путин", "путина", "путину", "путиным", "путине"],
    "Россия": ["россия", "россии", "россию", "россией"],
    "президент": ["президент", "президента", "президенту", "президентом", "президенте", "президенты"],
    "Russland": ["russland", "russlands"],
    "Regierung": ["regierung", "regierungen"],
    "Präsident": ["präsident", "präsidenten", "präsidents"],
    "gouvernement": ["gouvernement", "gouvernements"],
    "président": ["président", "présidents", "présidente"],
    "gobierno": ["gobierno", "gobiernos"],
    "sanction": ["sanction", "sanctions"],
    "election": ["election", "elections"],
    "minister": ["minister", "ministers"],
    "الرئيس": ["رئيس", "الرئيس", "والرئيس", "للرئيس", "بالرئيس"],
}
CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]{2,}")


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


@pytest.fixture(scope="module")
def news_store(shared_news_db: Path) -> tuple[Path, dict[str, str]]:
    db = shared_news_db
    texts: dict[str, str] = {}
    with Store.open(db) as store:
        for batch in store.iter_articles(1000):
            for a in batch:
                texts[a.id] = _norm(f"{a.title}\n{a.summary}\n{a.body}")
    return db, texts


def _found(db: Path, query: str) -> set[str]:
    result = CliRunner().invoke(app, ["--db", str(db), "search", query, "--limit", "100000", "--json"])
    assert result.exit_code == 0, result.output
    return {a["id"] for a in json.loads(result.stdout)}


def test_words_are_found_in_their_inflected_forms_in_every_language(news_store: tuple[Path, dict[str, str]]) -> None:
    db, texts = news_store
    checked = 0
    for query, forms in FAMILIES.items():
        pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, forms)) + r")(?![^\W_])")
        holding = {aid for aid, text in texts.items() if pattern.search(text)}
        if len(holding) < 3:
            continue
        checked += 1
        found = _found(db, query)
        recall = len(found & holding) / len(holding)
        assert recall >= 0.95, (query, f"{recall:.2f}", len(holding))
    assert checked >= 8


def test_cjk_strings_find_every_article_containing_them(news_store: tuple[Path, dict[str, str]]) -> None:
    db, texts = news_store
    samples: dict[str, None] = {}
    for text in texts.values():
        for run in CJK.findall(text):
            for size in (2, 3, 4):
                for start in range(0, len(run) - size + 1, 3):
                    samples[run[start : start + size]] = None
    if not samples:
        pytest.skip("no CJK text in the shared news")
    picked = list(samples)[:: max(1, len(samples) // 40)][:40]
    for needle in picked:
        holding = {aid for aid, text in texts.items() if needle in text}
        found = _found(db, needle)
        assert holding <= found, (needle, len(holding - found))
        assert found <= holding, (needle, "false hits", len(found - holding))
