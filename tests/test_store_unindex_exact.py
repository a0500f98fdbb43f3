"""Store.save's update of a stored article takes its old terms out of the full-text index in its own language.

The index is written from the plain text at save time (the stored text may be compressed); an updated row's old
entry is deleted with FTS5's 'delete' command, which must be given exactly the terms that were indexed, so in
the article's language (a Spanish title is indexed by its stems: `eleccion`, not `elecciones`; `comicios` as `comici`). Expected terms
are the Spanish stems written out by hand.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from newsreader.models import Article, Filters
from newsreader.store import Store

WHEN = datetime(2026, 2, 3, 10, 0, tzinfo=UTC)


def test_an_updated_articles_old_stems_leave_the_index(tmp_path: Path) -> None:
    first = Article(
        id="e" * 16,
        title="Las elecciones municipales",
        source="Diario",
        published=WHEN,
        fetched_at=WHEN,
        origin="https://diario.example/rss",
        body="Los votantes acudieron.",
        language="es",
    )
    with Store.open(tmp_path / "news.db") as store:
        store.save([first])
        assert [store.count_matches(t, Filters()) for t in ("eleccion", "municipal", "comici")] == [1, 1, 0]
        result = store.save([replace(first, title="Los comicios municipales")])
        assert (result.new, result.updated) == (0, 1)
        assert [store.count_matches(t, Filters()) for t in ("eleccion", "municipal", "comici")] == [0, 1, 1]
