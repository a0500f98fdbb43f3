"""What Store.save makes of an article's text, made beforehand where the feed was parsed (a worker process).

The store's own work per new article was mostly pure functions of its text: the link key, the language,
the body after its lead, its stored form (compressed with the summary), the full-text index terms and the
story vector. On two cores the main process only writes while a worker parses; so the worker computes these
too and save() takes them as they are (the very functions it would call, on the very inputs, so the rows are
the same).
Nothing here depends on the publication time or the id a stored row may give the article.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsreader.models import Article


@dataclass(frozen=True, slots=True)
class Derived:
    """One article's derived parts: link key, language, lead, packed rest of the body, index terms, vector,
    and its stored content hash (schema.hash64 of Article.content_hash) with the publication time it hashed."""

    url_key: str
    language: str
    lead: int
    packed: str | bytes  # schema.pack_text of the summary and the body after the lead
    terms: tuple[str, str, str, str]  # index terms of title, summary, the rest of the body, source
    vector: str  # stories.model.encode of the story vector
    digest: int = 0
    stamp: str = ""  # published.isoformat() of the article hashed: the main process may date it again

    def fits(self, article: Article) -> bool:
        """Whether `digest` is the article's: the only part of it the main process changes after the worker
        (the date of an undated entry it stored before, feeds._first_seen) is the one checked."""
        return bool(self.stamp) and self.stamp == article.published.isoformat()


def derive(articles: Sequence[Article]) -> dict[str, Derived]:
    """The derived parts of a batch as save() would make them for `store.save(articles)` (by article id)."""
    from newsreader.store.db import _languages, _one_per_link
    from newsreader.store.leads import split as split_lead
    from newsreader.store.schema import hash64, index_row, pack_text
    from newsreader.stories.model import encode, make_vector
    from newsreader.urls import url_key

    links = {a.id: url_key(a.url) for a in articles}  # once: one per link needs them as well as each row
    batch, _ = _one_per_link({a.id: a for a in articles}, links)
    languages = _languages(batch.values())
    found: dict[str, Derived] = {}
    for article in batch.values():
        language = languages[article.id]
        lead, rest = split_lead(article.summary, article.body)
        _, title, summary, body, source = index_row(0, article.title, article.summary, rest, article.source, language)
        terms = (str(title), str(summary), str(body), str(source))
        vector = encode(make_vector(terms[0], terms[1] or terms[2], language))
        digest = hash64(article.content_hash())
        found[article.id] = Derived(
            links[article.id],
            language,
            lead,
            pack_text(article.summary, rest),
            terms,
            vector,
            digest,
            article.published.isoformat(),
        )
    return found


def covers(derived: Mapping[str, Derived] | None, articles: Sequence[Article]) -> bool:
    """Whether every article has its derived parts (else save() makes them all itself)."""
    return derived is not None and all(a.id in derived for a in articles)
