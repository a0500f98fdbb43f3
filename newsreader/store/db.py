"""The SQLite store: open and migrate, batched upserts, filtered listing and FTS5 search."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsreader.errors import InvalidSearchQueryError, NotFoundError, StorageError
from newsreader.lang import groups
from newsreader.models import (
    HIT_END,
    HIT_START,
    Article,
    CountryTag,
    Filters,
    RegionFilter,
    SaveResult,
    SearchHit,
)

if TYPE_CHECKING:
    from newsreader.lang.query import Highlight
    from newsreader.store.derive import Derived

from newsreader.store import fts
from newsreader.store.leads import join as join_lead
from newsreader.store.leads import split as split_lead
from newsreader.store.pause import pause_if_asked
from newsreader.store.schema import (
    CLAMPED,
    DATED,
    FTS_COLUMNS,
    dated_flag,
    hash64,
    index_row,
    migrate,
    pack_text,
    register_functions,
    unpack_text,
)
from newsreader.store.state import drop_purged, record_new, state_clauses, states_of
from newsreader.urls import url_key

# bm25 weights by column: a title hit outranks a body hit. bm25() takes them in the index's column order.
BM25_WEIGHTS = {"title": 10.0, "summary": 4.0, "body": 1.0, "source": 2.0}
_BM25 = ", ".join(str(BM25_WEIGHTS[column]) for column in FTS_COLUMNS)
# The stored text (schema v16) is the summary, `summary_len` characters, then the body after the summary's
# `lead` characters (store/leads.py), compressed together: a listing reads it and cuts the summary off it
# in Python, after any sort and LIMIT (an SQL function would decompress every row a sort goes through).
_LIST_COLUMNS = (
    "a.id, a.title, a.source, a.author, a.published, a.url, a.text, a.origin, a.fetched_at, "
    "a.regions, a.tags, a.source_country, a.dated, a.language, a.summary_len"
)
_TEXT, _SUMMARY_LEN = 6, 14  # where the stored text and the summary's length sit in the listing columns
_BODY = _LIST_COLUMNS.count(",") + 1  # where a.lead sits when a query appends _WITH_BODY to the listing columns
_WITH_BODY = ", a.lead"
_CHUNK = 500  # stays far below SQLite's bound-parameter limit
# How many of the newest rows a tag-filtered listing probes before it falls back to the full query.
_WINDOW = 2000
_EDGE = "SELECT published_ts FROM articles ORDER BY published_ts DESC LIMIT 1 OFFSET ?"


class Store:
    """One open database. Writes are short IMMEDIATE transactions so concurrent runs never deadlock."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        # While set, save() records the ids it stores for the first time under this fetch run, in the
        # same transaction (so an interrupted fetch still knows what it brought).
        self.run: int | None = None
        self._story_window: Any = None  # store/stories.py: the articles near new ones, kept between saves
        register_functions(conn)

    # -- opening -----------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path) -> Store:
        """Open (creating if needed) and migrate the database at `path`."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"{path.parent}: cannot create the data folder ({exc.strerror})") from exc
        try:
            conn = sqlite3.connect(path, timeout=30.0, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StorageError(f"{path}: {_describe(exc)}") from exc
        store = cls(conn, path)
        try:
            store._configure()
        except BaseException:
            conn.close()
            raise
        return store

    def _configure(self) -> None:
        conn, path = self._conn, self.path
        with self._guard():
            conn.execute("PRAGMA busy_timeout = 30000")
            # Migrate (or refuse a newer schema) before anything else writes to the file.
            migrate(conn, str(path))
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")

    @classmethod
    def open_existing(cls, path: Path) -> Store | None:
        """Open for reading; None when there is no database yet (nothing fetched)."""
        if not path.exists():
            return None
        try:
            return cls.open(path)
        except StorageError as exc:
            # Read-only media or folder: SQLite cannot make its WAL side files there, but we can still read.
            reader = cls._open_immutable(path)
            if reader is None:
                raise exc from None
            return reader

    @classmethod
    def _open_immutable(cls, path: Path) -> Store | None:
        """A read-only view of a current-schema database nobody can write to; None if that fails too."""
        from urllib.parse import quote

        from newsreader.store.schema import SCHEMA_VERSION

        try:
            conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?immutable=1", uri=True, check_same_thread=False)
        except sqlite3.Error:
            return None
        try:
            if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                conn.close()
                return None
            conn.execute("SELECT count(*) FROM articles").fetchone()
        except sqlite3.Error:
            conn.close()
            return None
        return cls(conn, path)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"{self.path}: {_describe(exc)}") from exc

    @contextmanager
    def reader(self) -> Iterator[sqlite3.Connection]:
        """The connection for reads outside a transaction (store/state.py); errors become StorageError."""
        with self._guard():
            yield self._conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE write transaction: all of it lands, or none of it."""
        with self._guard():
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                # SQLite may already have rolled back (disk full, I/O error); keep the original error.
                if self._conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    # -- writing -----------------------------------------------------------------------------------
    def save(
        self, articles: Sequence[Article], *, group_later: bool = False, derived: Mapping[str, Derived] | None = None
    ) -> SaveResult:
        """Upsert one source's articles in one transaction; unchanged ones are not rewritten.

        One article per link (schema v4): an entry whose link is already stored under another id is the
        stored article. From the same feed or file it updates that row (keeping the row's id); from another
        one it only adds that feed to the article's carriers (counted as updated the first time, unchanged
        after). Either way its own id becomes an alias of the row. The full-text index is written here, in
        the same transaction, from the plain text at hand (the stored body may be compressed); an updated
        row's old entry is deleted from it first. New articles are grouped into stories here, or with
        `group_later` only readied for store/stories.py's group_pending (a fetch calls it at its end).
        `derived` (store/derive.py, by article id): the parts of each article made from its text beforehand
        (in a parse worker); used when it covers the whole batch.
        """
        result = SaveResult()
        given = {a.id: a for a in articles}  # the last copy of an id wins
        # Each link's key once (urls.url_key: a URL parse): one-per-link, the match by link and the row use it.
        links = {i: _link_of(a, derived) for i, a in given.items()}
        batch, twins = _one_per_link(given, links=links)
        if not batch:
            return result
        if derived is not None and not all(i in derived for i in batch):
            # derived parts that miss an article are not used at all, their link keys neither
            links = {i: url_key(a.url) if i in derived else links[i] for i, a in batch.items()}
            derived = None
        languages = {i: derived[i].language for i in batch} if derived else _languages(batch.values())
        with self.transaction() as conn:
            batch = drop_purged(conn, batch)
            existing = self._existing(conn, list(batch))
            matched = self._matches(conn, [a for a in batch.values() if a.id not in existing], links)
            seq = int(conn.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0])
            inserts: list[tuple[Any, ...]] = []
            updates: list[tuple[Any, ...]] = []
            index: list[tuple[Any, ...]] = []
            tagged: list[tuple[int, Article]] = []
            aliases: list[tuple[str, int]] = []
            carried: list[tuple[int, str, str]] = []
            rows: dict[str, int] = {}  # id as given -> the row it went to
            vectors: dict[int, str] = {}  # row -> its story vector, when derived
            for article in batch.values():
                language = languages[article.id]  # by the id as given (a match may change it)
                link = links[article.id]
                made = derived[article.id] if derived else None
                old = existing.get(article.id)
                match = matched.get(article.id)
                if match is not None:
                    key, stored_id, stored_origin, stored_digest = match
                    aliases.append((article.id, key))
                    rows[article.id] = key
                    if stored_origin != article.origin:
                        carried.append((key, article.origin, article.source))
                        continue
                    article, old = replace(article, id=stored_id), (key, stored_digest)
                digest = made.digest if made is not None and made.fits(article) else hash64(article.content_hash())
                if old is not None and old[1] == digest:
                    result.unchanged += 1
                    rows[article.id] = old[0]
                    continue
                if made is None:
                    lead, rest = split_lead(article.summary, article.body)
                    packed: str | bytes = pack_text(article.summary, rest)
                    terms = index_row(0, article.title, article.summary, rest, article.source, language)[1:]
                else:
                    lead, packed, terms = made.lead, made.packed, made.terms
                if old is None:
                    seq += 1
                    inserts.append(_row(seq, article, digest, language, lead, packed, link))
                    result.new += 1
                    result.new_ids.append(article.id)
                    key = seq
                else:
                    key = old[0]
                    updates.append((*_row(key, article, digest, language, lead, packed, link)[1:], key))
                    result.updated += 1
                rows[article.id] = key
                index.append((key, *terms))
                tagged.append((key, article))
                if made is not None:
                    vectors[key] = made.vector
                result.ids.append(article.id)
            aliases.extend((twin, rows[first]) for twin, first in twins if first in rows)
            if updates:
                self._unindex(conn, [u[-1] for u in updates])
            conn.executemany(
                "INSERT INTO articles (seq, id, title, source, author, published, published_ts, url, text, "
                "summary_len, origin, fetched_at, regions, tags, source_country, content_hash, dated, language, url_key, lead) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                inserts,
            )
            conn.executemany(
                "UPDATE articles SET id = ?, title = ?, source = ?, author = ?, published = ?, published_ts = ?, "
                "url = ?, text = ?, summary_len = ?, origin = ?, fetched_at = ?, regions = ?, tags = ?, "
                "source_country = ?, content_hash = ?, dated = ?, language = ?, url_key = ?, lead = ? WHERE seq = ?",
                updates,
            )
            conn.executemany(
                "INSERT INTO articles_fts (rowid, title, summary, body, source) VALUES (?, ?, ?, ?, ?)", index
            )
            self._write_tags(conn, tagged, replace=bool(updates))
            if inserts:
                self._group(conn, inserts, index, tagged, group_later, vectors)
            # An id that is some row's own id is never an alias (the row would shadow it anyway).
            conn.executemany(
                "INSERT OR IGNORE INTO article_aliases (id, article) SELECT ?, ? "
                "WHERE NOT EXISTS (SELECT 1 FROM articles WHERE id = ?1)",
                aliases,
            )
            for key, origin, source in carried:
                added = conn.execute(
                    "INSERT OR IGNORE INTO article_origins (article, origin, source) VALUES (?, ?, ?)",
                    (key, origin, source),
                ).rowcount
                result.updated += added
                result.unchanged += 1 - added
            if self.run is not None:
                record_new(conn, self.run, result.new_ids)
            pause_if_asked()  # a test hook (store/pause.py); nothing unless its variable is set
        return result

    def _group(
        self,
        conn: sqlite3.Connection,
        inserts: list[tuple[Any, ...]],
        index: list[tuple[Any, ...]],
        tagged: list[tuple[int, Article]],
        later: bool,
        vectors: dict[int, str],
    ) -> None:
        """Put the rows stored for the first time into stories (store/stories.py), in this transaction."""
        from newsreader.store.stories import group_saved

        languages = {row[0]: row[17] for row in inserts}  # seq -> language, as _row lays a row out
        terms = {row[0]: row for row in index}
        saved = [(key, a, languages[key], terms[key]) for key, a in tagged if key in languages]
        group_saved(self, conn, saved, later, vectors)

    def _matches(
        self, conn: sqlite3.Connection, articles: list[Article], link_of: Mapping[str, str]
    ) -> dict[str, tuple[int, str, str, int]]:
        """For ids not stored as rows: the row they are an alias of, else the row stored under their link
        (`link_of`: each id's link key, as save() made it).

        id -> (seq, the row's id, the row's origin, its content hash)."""
        found: dict[str, tuple[int, str, str, int]] = {}
        ids = [a.id for a in articles]
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for alias, key, stored_id, origin, digest in conn.execute(
                "SELECT al.id, a.seq, a.id, a.origin, a.content_hash FROM article_aliases al "
                f"JOIN articles a ON a.seq = al.article WHERE al.id IN ({marks})",
                chunk,
            ):
                found[alias] = (key, stored_id, origin, digest)
        by_link: dict[str, list[str]] = {}
        for article in articles:
            link = link_of[article.id]
            if link and article.id not in found:
                by_link.setdefault(link, []).append(article.id)
        links = list(by_link)
        for start in range(0, len(links), _CHUNK):
            chunk = links[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for link, key, stored_id, origin, digest in conn.execute(
                "SELECT url_key, seq, id, origin, content_hash FROM articles "
                f"WHERE url_key != '' AND url_key IN ({marks}) ORDER BY seq DESC",
                chunk,
            ):
                for article_id in by_link[link]:  # seq DESC: the first stored row is the last written
                    found[article_id] = (key, stored_id, origin, digest)
        return found

    def update_tags(self, articles: Sequence[Article]) -> None:
        """Rewrite only the country/region tags, the outlet's home country (a retag fills an empty one from the
        link) and the content hash of stored articles, in one transaction."""
        if not articles:
            return
        with self.transaction() as conn:
            keys = {aid: key for aid, (key, _) in self._existing(conn, [a.id for a in articles]).items()}
            tagged = [(keys[a.id], a) for a in articles if a.id in keys]
            conn.executemany(
                "UPDATE articles SET regions = ?, source_country = ?, content_hash = ? WHERE seq = ?",
                [("|".join(a.regions), a.source_country, hash64(a.content_hash()), key) for key, a in tagged],
            )
            self._write_tags(conn, tagged, replace=True)

    def _unindex(self, conn: sqlite3.Connection, keys: list[int]) -> None:
        """Remove rows' current terms from the full-text index (before they are rewritten).

        The index is contentless, so the terms to delete are made again from the stored text: the same
        text, language and code give the same terms (a change to how terms are made needs a migration).
        """
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            old = conn.execute(
                f"SELECT seq, title, text, summary_len, source, language FROM articles WHERE seq IN ({marks})", chunk
            ).fetchall()
            conn.executemany(
                "INSERT INTO articles_fts (articles_fts, rowid, title, summary, body, source) "
                "VALUES ('delete', ?, ?, ?, ?, ?)",
                [index_row(k, t, *unpack_text(x, n), src, lang) for k, t, x, n, src, lang in old],
            )

    def _write_tags(self, conn: sqlite3.Connection, tagged: Sequence[tuple[int, Article]], replace: bool) -> None:
        if replace:
            keys = [(key,) for key, _ in tagged]
            conn.executemany("DELETE FROM article_countries WHERE article = ?", keys)
            conn.executemany("DELETE FROM article_regions WHERE article = ?", keys)
        conn.executemany(
            "INSERT OR REPLACE INTO article_countries (article, code, mentions, in_lead, is_primary, declared) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (key, c.code, c.mentions, int(c.in_lead), int(c.primary), int(c.declared))
                for key, a in tagged
                for c in a.countries
            ],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO article_regions (article, region) VALUES (?, ?)",
            [(key, r) for key, a in tagged for r in a.regions],
        )

    def _existing(self, conn: sqlite3.Connection, ids: list[str]) -> dict[str, tuple[int, int]]:
        """id -> (seq, stored content hash) for the ids already stored."""
        found: dict[str, tuple[int, int]] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for aid, key, digest in conn.execute(
                f"SELECT id, seq, content_hash FROM articles WHERE id IN ({marks})", chunk
            ):
                found[aid] = (key, digest)
        return found

    # -- reading -----------------------------------------------------------------------------------
    def count(self) -> int:
        with self._guard():
            return int(self._conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def get(self, id_or_prefix: str) -> Article:
        """The article with this id, or the only one whose id starts with it."""
        prefix = id_or_prefix.strip().lower()
        if not prefix or any(ch not in "0123456789abcdef" for ch in prefix):
            raise NotFoundError(f"no article with id {id_or_prefix!r} (ids are hexadecimal, see `show`)")
        with self._guard():
            rows = self._conn.execute(
                f"SELECT {_LIST_COLUMNS}{_WITH_BODY} FROM articles a WHERE a.id >= ? AND a.id < ? LIMIT 2",
                (prefix, prefix + "g"),
            ).fetchall()
            if not rows:
                rows = self._by_alias(prefix)
            if not rows:
                raise NotFoundError(f"no article with id {id_or_prefix!r}")
            if len(rows) > 1:
                raise NotFoundError(f"id prefix {id_or_prefix!r} matches several articles; give more of it")
            return self._articles(rows, with_body=True)[0]

    def _by_alias(self, prefix: str) -> list[Any]:
        """The article an id (or id prefix) folded into another one now belongs to (see store/links.py)."""
        keys = {
            r[0]
            for r in self._conn.execute(
                "SELECT article FROM article_aliases WHERE id >= ? AND id < ? LIMIT 2", (prefix, prefix + "g")
            )
        }
        if len(keys) != 1:
            return [] if not keys else [None, None]  # several: the caller says "give more of it"
        return self._conn.execute(
            f"SELECT {_LIST_COLUMNS}{_WITH_BODY} FROM articles a WHERE a.seq = ?", (*keys,)
        ).fetchall()

    def query(self, filters: Filters) -> list[Article]:
        """Articles matching the filters, newest first."""
        order = "ORDER BY a.published_ts DESC, a.id LIMIT ?"
        limit = _limit(filters)
        with self._guard():
            if filters.countries or filters.regions:
                # A tag filter written as IN (subquery) collects every tagged id first: 40k ids for
                # "Middle East" at 100k articles, growing with the store. Most tag filters are common, so
                # first walk the newest rows (the date index, in order) probing the tag tables row by row
                # (EXISTS uses their primary keys) and stop at the limit; only a filter too rare to fill
                # the limit within the newest _WINDOW rows falls through to the full query.
                edge = self._conn.execute(_EDGE, (_WINDOW + 10 * limit,)).fetchone()
                if edge is not None:
                    where, params = _where(filters, correlated=True)
                    where += (" AND " if where else "WHERE ") + "a.published_ts >= ?"
                    sql = f"SELECT {_LIST_COLUMNS} FROM articles a {where} {order}"
                    rows = self._conn.execute(sql, [*params, edge[0], limit]).fetchall()
                    if len(rows) == limit:
                        return self._articles(rows[filters.offset :])
            where, params = _where(filters)
            sql = f"SELECT {_LIST_COLUMNS} FROM articles a {where} {order}"
            rows = self._conn.execute(sql, [*params, limit]).fetchall()
            return self._articles(rows[filters.offset :])

    def search(
        self,
        match: str,
        filters: Filters,
        highlight: Highlight | None = None,
        *,
        newest: bool = False,
        snippets: bool = True,
    ) -> list[SearchHit]:
        """Rank by weighted bm25 (or newest first), then read rows and make snippets only for the hits.

        `match` is an FTS5 expression over index terms (newsreader.lang.query makes it); snippets are made
        from the stored summary and body (never the title, printed above them), marking `highlight`.
        """
        match = match.replace("\x00", "")  # SQLite ends the query string at a NUL: '"a\0"' is unterminated
        if snippets and highlight is None:
            from newsreader.lang.query import highlight_of

            highlight = highlight_of(match)
        with self._search_guard(match):
            ranked = (self._newest(match, filters) if newest else self._rank(match, filters))[filters.offset :]
            rows = self._rows_by_rowid([rowid for rowid, _ in ranked], with_body=snippets)
        ranked = [(rowid, score) for rowid, score in ranked if rowid in rows]  # as the JOIN it replaces
        articles = self._articles([rows[rowid] for rowid, _ in ranked])
        texts = [""] * len(articles)
        if snippets and highlight is not None:
            from newsreader.lang.snippet import best_passage

            texts = [
                best_passage((a.summary, _body(rows[rowid])), a.language, highlight, (HIT_START, HIT_END))
                for a, (rowid, _) in zip(articles, ranked, strict=True)
            ]
        return [
            SearchHit(a, snippet, float(score)) for a, snippet, (_, score) in zip(articles, texts, ranked, strict=True)
        ]

    def count_matches(self, match: str, filters: Filters) -> int:
        """How many stored articles match (and pass the filters): for "20 of 312" and no-hit messages."""
        match = match.replace("\x00", "")
        with self._search_guard(match):
            if groups.GROUP in match:  # a match per language group: the groups' languages never overlap
                total = 0
                for langs, excluded, expression in groups.split(match):
                    where, params = _where_in(filters, langs, excluded, prefix="AND")
                    sql = (
                        "SELECT count(*) FROM articles a WHERE a.seq IN "
                        f"(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) {where}"
                    )
                    total += int(self._conn.execute(sql, [expression, *params]).fetchone()[0])
                return total
            if not _filtered(filters):
                sql = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
                return int(self._conn.execute(sql, (match,)).fetchone()[0])
            if filters.since_run is not None:
                # A fetch run's new articles (watches after a fetch) are the newest rows: the index is read
                # from the lowest of their rowids up, not over the whole store, then narrowed as usual.
                where, params = _where(filters, prefix="AND")
                sql = (
                    "SELECT count(*) FROM articles a WHERE a.seq IN (SELECT rowid FROM articles_fts "
                    "WHERE articles_fts MATCH ? AND rowid >= (SELECT coalesce(min(b.seq), 0) FROM articles b "
                    f"JOIN fetch_run_articles r ON r.id = b.id WHERE r.run >= ?)) {where}"
                )
                return int(self._conn.execute(sql, [match, filters.since_run, *params]).fetchone()[0])
            where, params = _where(filters, prefix="AND")
            sql = (
                "SELECT count(*) FROM articles a WHERE a.seq IN "
                f"(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) {where}"
            )
            return int(self._conn.execute(sql, [match, *params]).fetchone()[0])

    def languages(self) -> list[str]:
        """The distinct languages of stored articles ('' for unknown), each found by one index seek."""
        sql = (
            "WITH RECURSIVE langs(code) AS (SELECT min(language) FROM articles UNION ALL "
            "SELECT (SELECT min(language) FROM articles WHERE language > code) FROM langs WHERE code IS NOT NULL) "
            "SELECT code FROM langs WHERE code IS NOT NULL"
        )
        with self._guard():
            return [str(code) for (code,) in self._conn.execute(sql)]

    @contextmanager
    def _search_guard(self, match: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.OperationalError as exc:
            if _is_query_error(exc):
                raise InvalidSearchQueryError(f"invalid search query {groups.first(match)!r}: {exc}") from exc
            raise StorageError(f"{self.path}: {_describe(exc)}") from exc
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"{self.path}: {_describe(exc)}") from exc

    def _newest(self, match: str, filters: Filters) -> list[tuple[int, float]]:
        """(rowid, 0) of the newest matches passing the filters: the date index walked, FTS5 as a set."""
        where, params = _where(filters, prefix="AND")
        matches, fts_params = fts.condition(match)
        sql = f"SELECT a.seq, 0.0 FROM articles a WHERE {matches} {where} ORDER BY a.published_ts DESC, a.id LIMIT ?"
        return self._conn.execute(sql, [*fts_params, *params, _limit(filters)]).fetchall()

    def _rank(self, match: str, filters: Filters) -> list[tuple[int, float]]:
        """(rowid, bm25 score) of the best matches passing the filters, best first.

        bm25 has to score every match (FTS5 has no top-k shortcut), so that part grows with the number
        of matches; everything else here is kept to the rows printed. Ranking on the FTS table alone
        (bm25() in ORDER BY keeps only the best LIMIT in a heap) is the cheapest form: joining the
        articles table or using FTS5's `rank` column (which sorts every match) costs ~1.5x as much.
        With filters, they are checked on the best-ranked matches first, in growing batches (EXISTS
        probes on the tag tables' primary keys), stopping once the limit is filled: common filters
        ("Iran" in the Middle East) cost no more than no filter. Filters too rare to fill the limit
        among the best 10 x limit matches go to the full query, which scores only the passing matches.
        """
        parts = groups.split(match)
        if len(parts) == 1:
            return self._rank_one(match, (), filters, excluded=True)
        # One ranking per language group, merged: an article matched by two keeps its better score.
        best: dict[int, float] = {}
        for langs, excluded, expression in parts:
            for rowid, score in self._rank_one(expression, langs, filters, excluded):
                if rowid not in best or score < best[rowid]:
                    best[rowid] = score
        return sorted(best.items(), key=lambda hit: (hit[1], hit[0]))[: _limit(filters)]

    def _rank_one(
        self, match: str, langs: tuple[str, ...], filters: Filters, excluded: bool
    ) -> list[tuple[int, float]]:
        """`_rank` for one FTS5 expression, its matches kept to articles in `langs` (or in none of
        them, `excluded`; any article when `langs` is empty): the languages are one more filter."""
        limit = _limit(filters)
        ranked_sql = (
            f"SELECT rowid, bm25(articles_fts, {_BM25}) AS score FROM articles_fts "
            "WHERE articles_fts MATCH ? ORDER BY score LIMIT ?"
        )
        if not _filtered(filters) and not langs:
            return self._conn.execute(ranked_sql, (match, limit)).fetchall()
        window = 10 * limit
        if window <= _WINDOW:  # a huge --limit (beyond the bound listings use) goes straight to the full query
            best = self._conn.execute(ranked_sql, (match, window)).fetchall()
            where, params = _where_in(filters, langs, excluded, prefix="AND", correlated=True)
            kept: list[tuple[int, float]] = []
            start, size = 0, 2 * limit
            while start < len(best) and len(kept) < limit:
                batch = best[start : start + size]
                marks = ",".join("?" * len(batch))
                passing = {
                    r[0]
                    for r in self._conn.execute(
                        f"SELECT a.rowid FROM articles a WHERE a.rowid IN ({marks}) {where}",
                        [rowid for rowid, _ in batch] + params,
                    )
                }
                kept.extend(hit for hit in batch if hit[0] in passing)
                start, size = start + size, 2 * size
            if len(kept) >= limit or len(best) < window:  # filled, or every match was looked at
                return kept[:limit]
        # The full query: the rowids of the articles passing the filters as a set, checked while FTS5
        # walks its matches, so bm25 (the costly part) scores only the matches that pass. The unary +
        # keeps SQLite from handing that rowid list to FTS5 as lookups, which cost ~0.3 ms each.
        where, params = _where_in(filters, langs, excluded)
        sql = (
            f"SELECT rowid, bm25(articles_fts, {_BM25}) AS score FROM articles_fts WHERE articles_fts MATCH ? "
            f"AND +rowid IN (SELECT a.rowid FROM articles a {where}) ORDER BY score LIMIT ?"
        )
        return self._conn.execute(sql, [match, *params, limit]).fetchall()

    def _rows_by_rowid(self, rowids: list[int], with_body: bool = False) -> dict[int, tuple[Any, ...]]:
        found: dict[int, tuple[Any, ...]] = {}
        body = _WITH_BODY if with_body else ""
        for start in range(0, len(rowids), _CHUNK):
            chunk = rowids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for row in self._conn.execute(
                f"SELECT a.rowid, {_LIST_COLUMNS}{body} FROM articles a WHERE a.rowid IN ({marks})", chunk
            ):
                found[row[0]] = row[1:]
        return found

    def _articles(self, rows: Sequence[Sequence[Any]], with_body: bool = False) -> list[Article]:
        ids = [r[0] for r in rows]
        tags = self._countries(ids)
        carriers = self._carriers(ids)
        read, starred = states_of(self._conn, ids)
        texts = [unpack_text(r[_TEXT], r[_SUMMARY_LEN]) for r in rows]
        return [
            _article(
                r,
                tags.get(r[0], ()),
                summary=summary,
                body=join_lead(summary, rest, r[_BODY]) if with_body else "",
                carriers=carriers.get(r[0], ()),
                read=read,
                starred=starred,
            )
            for r, (summary, rest) in zip(rows, texts, strict=True)
        ]

    def _carriers(self, ids: list[str]) -> dict[str, tuple[tuple[str, str], ...]]:
        """The other feeds and files that carried these articles, in the order they came."""
        found: dict[str, list[tuple[str, str]]] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for aid, origin, source in self._conn.execute(
                "SELECT a.id, o.origin, o.source FROM articles a JOIN article_origins o ON o.article = a.seq "
                f"WHERE a.id IN ({marks}) ORDER BY o.rowid",
                chunk,
            ):
                found.setdefault(aid, []).append((origin, source))
        return {k: tuple(v) for k, v in found.items()}

    def matching_ids(self, filters: Filters) -> list[str]:
        """The ids of every article passing the filters, newest first, ignoring the limit (`mark --all`)."""
        where, params = _where(filters)
        with self._guard():
            sql = f"SELECT a.id FROM articles a {where} ORDER BY a.published_ts DESC, a.id"
            return [r[0] for r in self._conn.execute(sql, params)]

    def _countries(self, ids: list[str]) -> dict[str, tuple[CountryTag, ...]]:
        found: dict[str, list[CountryTag]] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for aid, code, mentions, lead, primary, declared in self._conn.execute(
                "SELECT a.id, c.code, c.mentions, c.in_lead, c.is_primary, c.declared FROM articles a "
                f"JOIN article_countries c ON c.article = a.seq WHERE a.id IN ({marks}) "
                "ORDER BY c.is_primary DESC, c.mentions DESC, c.code",
                chunk,
            ):
                found.setdefault(aid, []).append(
                    CountryTag(code, mentions, bool(lead), bool(primary), declared=bool(declared))
                )
        return {k: tuple(v) for k, v in found.items()}

    def count_matching(self, filters: Filters) -> int:
        """How many articles pass the filters, ignoring limit and offset: the "20 of 4,471" a terminal
        listing ends with."""
        where, params = _where(filters)
        with self._guard():
            return int(self._conn.execute(f"SELECT count(*) FROM articles a {where}", params).fetchone()[0])

    def source_origins(self) -> list[tuple[str, str]]:
        """Every stored (source, origin) pair: what `--source` names are matched against."""
        with self._guard():
            return [(s, o) for s, o in self._conn.execute("SELECT DISTINCT source, origin FROM articles")]

    def source_stats(self) -> list[tuple[str, str, int, float | None, str]]:
        """(source, origin, articles, newest published_ts, source_country) per source and origin."""
        with self._guard():
            return list(
                self._conn.execute(
                    "SELECT source, origin, count(*), max(published_ts), source_country FROM articles "
                    "GROUP BY source, origin, source_country"
                )
            )

    def region_count(self, region: RegionFilter) -> int:
        """Articles in a region, by the same rule as the --region filter (a member country or named)."""
        where, params = _where(Filters(regions=(region,)))
        with self._guard():
            return int(self._conn.execute(f"SELECT count(*) FROM articles a {where}", params).fetchone()[0])

    def country_counts(self, primary: bool = False) -> dict[str, int]:
        """Articles per tagged country code (only where it is primary, if asked)."""
        where = "WHERE is_primary = 1" if primary else ""
        with self._guard():
            rows = self._conn.execute(f"SELECT code, count(*) FROM article_countries {where} GROUP BY code")
            return {code: int(n) for code, n in rows}

    def iter_articles(self, batch: int = 1000) -> Iterator[list[Article]]:
        """Every stored article with its body, in batches (for re-tagging)."""
        last = ""
        while True:
            with self._guard():
                rows = self._conn.execute(
                    f"SELECT {_LIST_COLUMNS}{_WITH_BODY} FROM articles a WHERE a.id > ? ORDER BY a.id LIMIT ?",
                    (last, batch),
                ).fetchall()
                if not rows:
                    return
                last = rows[-1][0]
                yield self._articles(rows, with_body=True)

    # -- feed state ----------------------------------------------------------------------------------
    def feed_state(self, url: str) -> dict[str, str]:
        """What we remember about a feed (etag, last_modified, retry_after, ...); empty if never seen."""
        with self._guard():
            cur = self._conn.execute("SELECT * FROM feeds WHERE url = ?", (url,))
            row = cur.fetchone()
            if row is None:
                return {}
            return {d[0]: v for d, v in zip(cur.description, row, strict=True)}

    def set_feed_state(self, url: str, **values: str) -> None:
        columns = ", ".join(values)
        marks = ", ".join("?" * len(values))
        updates = ", ".join(f"{k} = excluded.{k}" for k in values)
        with self.transaction() as conn:
            conn.execute(
                f"INSERT INTO feeds (url, {columns}) VALUES (?, {marks}) ON CONFLICT (url) DO UPDATE SET {updates}",
                (url, *values.values()),
            )

    def feed_states(self) -> list[dict[str, str]]:
        with self._guard():
            cur = self._conn.execute("SELECT * FROM feeds ORDER BY url")
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def counts_by_origin(self, origins: Iterable[str]) -> dict[str, int]:
        wanted = list(origins)
        if not wanted:
            return {}
        marks = ",".join("?" * len(wanted))
        counts: dict[str, int] = {}
        with self._guard():
            for table in ("articles", "article_origins"):  # first carriers, then the others
                for origin, n in self._conn.execute(
                    f"SELECT origin, count(*) FROM {table} WHERE origin IN ({marks}) GROUP BY origin", wanted
                ):
                    counts[origin] = counts.get(origin, 0) + int(n)
        return counts


def _body(row: Sequence[Any]) -> str:
    """The whole body of a row read with _WITH_BODY after the listing columns."""
    summary, rest = unpack_text(row[_TEXT], row[_SUMMARY_LEN])
    return join_lead(summary, rest, row[_BODY])


def _row(
    seq: int, a: Article, digest: int, language: str, lead: int, packed: str | bytes, link: str
) -> tuple[Any, ...]:
    """The stored row; `packed` is the summary and the body after its first `lead` characters, the summary's
    (store/leads.py), as schema.pack_text stores them; `link` the url's key."""
    published = a.published.astimezone(UTC)
    return (
        seq,
        a.id,
        a.title,
        a.source,
        a.author,
        published.isoformat(),
        published.timestamp(),
        a.url,
        packed,
        len(a.summary),
        a.origin,
        a.fetched_at.astimezone(UTC).isoformat(),
        "|".join(a.regions),
        "|".join(a.tags),
        a.source_country,
        digest,
        dated_flag(a),
        language,
        link,
        lead,
    )


def _link_of(article: Article, derived: Mapping[str, Derived] | None) -> str:
    """The article's link key: made with its derived parts when they were (store/derive.py), else here."""
    made = derived.get(article.id) if derived else None
    return made.url_key if made is not None else url_key(article.url)


def _one_per_link(
    batch: dict[str, Article], links: Mapping[str, str]
) -> tuple[dict[str, Article], list[tuple[str, str]]]:
    """The batch with one article per link (the first in feed order), and (dropped id, kept id) pairs:
    a feed that lists one story under two guids (BBC's `...#0` and `...#10`) gives one article.
    `links`: each id's urls.url_key, made already (store/derive.py keeps them for the derived parts)."""
    kept: dict[str, Article] = {}
    first: dict[str, str] = {}
    twins: list[tuple[str, str]] = []
    for article in batch.values():
        link = links[article.id]
        if link and link in first:
            twins.append((article.id, first[link]))
            continue
        if link:
            first[link] = article.id
        kept[article.id] = article
    return kept, twins


def _article(
    r: Sequence[Any],
    countries: tuple[CountryTag, ...],
    summary: str,
    body: str,
    carriers: tuple[tuple[str, str], ...] = (),
    read: frozenset[str] | set[str] = frozenset(),
    starred: frozenset[str] | set[str] = frozenset(),
) -> Article:
    return Article(
        id=r[0],
        title=r[1],
        source=r[2],
        author=r[3],
        published=datetime.fromisoformat(r[4]),
        url=r[5],
        summary=summary,
        origin=r[7],
        fetched_at=datetime.fromisoformat(r[8]),
        regions=tuple(x for x in r[9].split("|") if x),
        tags=tuple(x for x in r[10].split("|") if x),
        source_country=r[11],
        dated=r[12] == DATED,
        date_clamped=r[12] == CLAMPED,
        language=r[13],
        body=body,
        countries=countries,
        carriers=carriers,
        read=r[0] in read,
        starred=r[0] in starred,
    )


def _limit(f: Filters) -> int:
    """The LIMIT to bind, counting the rows an offset skips: 0 or a huge --limit means "all of them",
    never an integer overflow in SQLite."""
    return min((f.limit or 2**31) + f.offset, 2**31)


def _filtered(f: Filters) -> bool:
    """Whether _where(f) has any condition."""
    return (
        bool(f.sources or f.source_countries or f.countries or f.regions or f.languages or f.unread or f.starred)
        or f.since_run is not None
        or f.since is not None
        or f.until is not None
    )


_PROBE_CAP = 20_000  # a date range of more articles than this is never walked probe by probe


def probe_tags(conn: sqlite3.Connection, f: Filters) -> bool:
    """Whether a tag filter within a date range is cheaper checked article by article (EXISTS probes on
    the tag tables' keys, walking the date index) than as the set of every tagged article (IN).

    The set grows with the archive (`trends --country IR` over the last 30 days read all 60,000 Iran
    articles of a 1M store, ~0.4 s) while the range does not. Both sides are counted only as far as the
    smaller needs (at most _PROBE_CAP index entries): probes when the range holds no more articles than
    the tag tables hold entries for the filter."""
    if not (f.countries or f.regions) or (f.since is None and f.until is None):
        return False
    low = f.since.timestamp() if f.since is not None else float("-inf")
    high = f.until.timestamp() if f.until is not None else float("inf")
    in_range = conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM articles WHERE published_ts >= ? AND published_ts <= ? LIMIT ?)",
        (low, high, _PROBE_CAP),
    ).fetchone()[0]
    if in_range >= _PROBE_CAP:
        return False
    codes = sorted({*f.countries, *(c for r in f.regions for c in r.codes)})
    marks = ",".join("?" * len(codes))
    tagged = conn.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM article_countries WHERE code IN ({marks}) LIMIT ?)",
        (*codes, in_range + 1),
    ).fetchone()[0]
    if tagged < in_range + 1 and f.regions and not f.primary:
        names = [r.name for r in f.regions]
        tagged += conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM article_regions WHERE region IN ({','.join('?' * len(names))}) "
            "LIMIT ?)",
            (*names, in_range + 1),
        ).fetchone()[0]
    return bool(in_range <= tagged)


def _member(table: str, condition: str, correlated: bool) -> str:
    """`a` has a row in the tag table meeting `condition`: as a probe per article, or as a set of ids."""
    if correlated:
        return f"EXISTS (SELECT 1 FROM {table} WHERE article = a.seq AND {condition})"
    return f"a.seq IN (SELECT article FROM {table} WHERE {condition})"


def _where(f: Filters, prefix: str = "WHERE", correlated: bool = False) -> tuple[str, list[Any]]:
    """SQL conditions for the filters: values of one filter OR together, different filters AND."""
    clauses: list[str] = []
    params: list[Any] = []
    if f.sources:
        clauses.append(f"a.source COLLATE NOCASE IN ({','.join('?' * len(f.sources))})")
        params.extend(f.sources)
    if f.source_countries:
        clauses.append(f"a.source_country IN ({','.join('?' * len(f.source_countries))})")
        params.extend(c.upper() for c in f.source_countries)
    primary = " AND is_primary = 1" if f.primary else ""
    if f.countries:
        clauses.append(
            _member("article_countries", f"code IN ({','.join('?' * len(f.countries))}){primary}", correlated)
        )
        params.extend(f.countries)
    if f.regions:
        parts: list[str] = []
        for region in f.regions:
            codes = sorted(region.codes)
            if codes:
                parts.append(
                    _member("article_countries", f"code IN ({','.join('?' * len(codes))}){primary}", correlated)
                )
                params.extend(codes)
            if not f.primary:  # a region named outright in the text is not a primary country
                parts.append(_member("article_regions", "region = ?", correlated))
                params.append(region.name)
        clauses.append("(" + " OR ".join(parts) + ")" if parts else "0")
    if f.languages:
        clauses.append(f"a.language IN ({','.join('?' * len(f.languages))})")
        params.extend(f.languages)
    if f.since is not None:
        clauses.append("a.published_ts >= ?")
        params.append(f.since.timestamp())
    if f.until is not None:
        clauses.append("a.published_ts <= ?")
        params.append(f.until.timestamp())
    state, state_params = state_clauses(f)
    clauses.extend(state)
    params.extend(state_params)
    if not clauses:
        return "", params
    return f"{prefix} " + " AND ".join(clauses), params


def _where_in(
    f: Filters, langs: tuple[str, ...], excluded: bool, prefix: str = "WHERE", correlated: bool = False
) -> tuple[str, list[Any]]:
    """_where(f) and the article's language in `langs` (in none of them, `excluded`): a language
    group's condition (newsreader.lang.groups)."""
    where, params = _where(f, prefix, correlated)
    if not langs:
        return where, params
    clause = f"a.language {'NOT ' if excluded else ''}IN ({','.join('?' * len(langs))})"
    return (f"{where} AND {clause}" if where else f"{prefix} {clause}"), [*params, *langs]


def _is_query_error(exc: sqlite3.OperationalError) -> bool:
    text = str(exc)
    return any(k in text for k in ("fts5", "syntax error", "no such column", "unterminated", "unknown special"))


def _describe(exc: sqlite3.Error) -> str:
    text = str(exc)
    if "file is not a database" in text or "malformed" in text:
        return f"not a readable newsreader database ({text}); the file was left untouched"
    if "readonly" in text or "read-only" in text:
        return f"the database is read-only ({text})"
    if "disk is full" in text or "database or disk is full" in text:
        return f"the disk is full ({text}); nothing from this batch was stored"
    if "unable to open database file" in text:
        return f"cannot open the database ({text}); check that it and its folder exist and are writable"
    if "disk I/O error" in text:
        return f"cannot read or write the database ({text}: a full disk, a file size limit or a failing disk)"
    if "locked" in text:
        return f"the database is busy in another newsreader ({text}); try again"
    return text


def _languages(articles: Iterable[Article]) -> dict[str, str]:
    """id -> language: the declared one, else detected from the text.

    A feed's entries (many articles from one origin) are one language: it is detected once from a sample
    of them, so detection costs the same for a feed of 10 entries or 500. Files are detected one by one.
    """
    found: dict[str, str] = {}
    undeclared: dict[str, list[Article]] = {}
    for article in articles:
        if article.language:
            found[article.id] = article.language
        else:
            undeclared.setdefault(article.origin, []).append(article)
    if not undeclared:
        return found
    from newsreader.lang.detect import detect

    for group in undeclared.values():
        if len(group) == 1:
            a = group[0]
            found[a.id] = detect(f"{a.title}\n{a.summary}\n{a.body[:600]}")
            continue
        language = detect("\n".join(f"{a.title}\n{a.summary[:200]}" for a in group[:12]))
        found.update((a.id, language) for a in group)
    return found
