"""Stories in the store: the story tables, grouping new articles as they are saved, and story queries.

`story_members` holds one row per article: its story, its component (the connected component of links it
is in, newsreader/stories/split.py) and what grouping needs to compare it again (publication time, outlet,
primary countries, its term vector), so a new article is compared with the stored ones near it in time
without reading their text. `stories` holds each story's counts and times, kept up to date by grouping and
by a trigger when articles are deleted (purge). The model itself is in newsreader.stories; this module only
moves it in and out of SQLite. `store_meta` keeps the version of the model the stories were made by: a
store grouped by another version is grouped again when next written to.
"""

from __future__ import annotations

import gc
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsreader.stories.model import LEAD_TERMS, MODEL, SPAN, Member, decode, encode, make_vector

if TYPE_CHECKING:
    from newsreader.models import Article, Filters
    from newsreader.store.db import Store
    from newsreader.stories.split import Order
    from newsreader.stories.window import Window

_CHUNK = 500
TERMS_PACK = (6, zlib.DEFLATED, 10, 4)  # (level, method, window bits, memLevel) for a vector's zlib stream

SCHEMA = """
CREATE TABLE stories (
    story INTEGER PRIMARY KEY,
    id TEXT NOT NULL,                   -- the id of its earliest article (ties: the smallest id)
    articles INTEGER NOT NULL,
    sources INTEGER NOT NULL,           -- distinct outlets
    first_ts REAL NOT NULL,             -- the earliest and latest publication times of its articles
    last_ts REAL NOT NULL
);
CREATE INDEX stories_by_id ON stories (id);
CREATE INDEX stories_by_coverage ON stories (sources DESC, articles DESC, last_ts DESC);
CREATE INDEX stories_by_last ON stories (last_ts);
CREATE TABLE story_members (
    article INTEGER PRIMARY KEY REFERENCES articles (seq) ON DELETE CASCADE,
    story INTEGER NOT NULL,
    published_ts REAL NOT NULL,
    source TEXT NOT NULL,               -- the outlet, case-folded
    countries TEXT NOT NULL DEFAULT '', -- primary countries, ','-joined
    terms TEXT NOT NULL DEFAULT ''      -- the term vector: `term weight` pairs (stories.model), zlib'd (pack_terms)
);
CREATE INDEX story_members_by_story ON story_members (story);
CREATE INDEX story_members_by_time ON story_members (published_ts);
CREATE TRIGGER story_members_ad AFTER DELETE ON story_members BEGIN
    UPDATE stories SET
        articles = articles - 1,
        sources = (SELECT count(DISTINCT source) FROM story_members WHERE story = old.story),
        first_ts = coalesce((SELECT min(published_ts) FROM story_members WHERE story = old.story), first_ts),
        last_ts = coalesce((SELECT max(published_ts) FROM story_members WHERE story = old.story), last_ts)
    WHERE story = old.story;
    DELETE FROM stories WHERE story = old.story AND articles <= 0;
END;
"""

_RECOUNT = """
UPDATE stories SET
    articles = (SELECT count(*) FROM story_members WHERE story = ?1),
    sources = (SELECT count(DISTINCT source) FROM story_members WHERE story = ?1),
    first_ts = (SELECT min(published_ts) FROM story_members WHERE story = ?1),
    last_ts = (SELECT max(published_ts) FROM story_members WHERE story = ?1),
    id = (SELECT a.id FROM story_members m JOIN articles a ON a.seq = m.article WHERE m.story = ?1
          ORDER BY m.published_ts, a.id LIMIT 1)
WHERE story = ?1
"""


@dataclass(frozen=True, slots=True)
class NewMember:
    """An article to group: its row, id, time, outlet, primary countries, and its title and lead terms."""

    seq: int
    id: str
    ts: float
    source: str
    countries: tuple[str, ...]
    title_terms: str
    lead_terms: str
    language: str


@dataclass(frozen=True, slots=True)
class Incoming:
    """An article to group with its vector made: its row, id, time, outlet (case-folded), primary countries."""

    seq: int
    id: str
    ts: float
    source: str
    countries: tuple[str, ...]
    vector: dict[str, float] | str  # or its text (stories.model.encode), decoded when compared (Member)
    text: str = ""  # the vector encoded (stories.model.encode), when at hand: it is stored without encoding it again


def incoming(new: NewMember) -> Incoming:
    """The article with its term vector (stories/model.py), the one part of grouping that needs its text."""
    vector = make_vector(new.title_terms, new.lead_terms, new.language)
    return Incoming(new.seq, new.id, new.ts, new.source.casefold(), new.countries, vector)


# v14: articles stored and not grouped yet (a fetch groups its new articles at its end, in publication order)
PENDING = """
CREATE TABLE IF NOT EXISTS story_pending (
    article INTEGER PRIMARY KEY REFERENCES articles (seq) ON DELETE CASCADE,
    published_ts REAL NOT NULL,
    source TEXT NOT NULL,               -- as in story_members
    countries TEXT NOT NULL DEFAULT '',
    terms TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS story_pending_by_time ON story_pending (published_ts);
"""
# Pending articles grouped per transaction. Taken in time order, a chunk's articles are spread over the
# whole fetch in storing order (each feed stored in turn covers the same days), so each transaction rewrites
# most pages of story_members: 5,000 rather than 2,000 a transaction is ~10% less CPU for a 20k fetch
# (bench/README.md, "Stories, pass seven"), for a few MB more held at once.
PENDING_CHUNK = 5000
# Grouping ahead (pending_ahead: while a fetch's workers parse) keeps every bucket it loads, as later feeds
# bring earlier articles: ~4.6 KB per member held (a chunk in hand is ~4.4 KB per article more). So it
# stops at AHEAD_MEMBERS, 2,000 a transaction; the walking pass at the end does the rest. 10,000 (~45 MB
# held) took a 100k fetch's main process to 122-130 MB, over issue 16's 120 MB; 4,000 keeps it at 110-112 MB
# (bench/README.md, "Quiet-machine check, evening of 2026-12-04"), for part of the end phase's saving.
AHEAD_CHUNK = 2000
AHEAD_MEMBERS = 4_000


def add_pending(conn: sqlite3.Connection) -> None:
    """Schema v14: the table of articles waiting to be grouped (empty: every stored article is grouped)."""
    for statement in _statements(PENDING):
        conn.execute(statement)


# v13: the component of each member (grouped again by the migration: add_components)
COMPONENTS = "CREATE INDEX IF NOT EXISTS story_members_by_component ON story_members (component, published_ts)"
MODEL_KEY = "stories_model"  # store_meta: the version of the model (stories/model.py MODEL) that grouped the store
FIRST: Order = (float("-inf"), "")  # before every article: a component replayed from its start


def create_tables(conn: sqlite3.Connection) -> None:
    """Schema v10: the story tables (grouped by the v13 migration, which gives them their components)."""
    for statement in _statements(SCHEMA):
        conn.execute(statement)


def add_components(conn: sqlite3.Connection) -> None:
    """Schema v13: each member's component; the stories are marked to be grouped again, not grouped here.

    Grouping every stored article takes about a minute per 100k articles, and the migration runs in
    whatever command opens the store first (often `show`): so the step only adds the column and marks the
    stories outdated (`outdated`). `fetch` groups them again before it stores anything, with a count on
    stderr (core/stories.restory_if_outdated), as does `restory`; until then readers list the stories as
    they were. A store with no articles has nothing to group and is stamped current."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(story_members)")}
    if "component" not in columns:  # (a store set back to an earlier version by hand has it already)
        conn.execute("ALTER TABLE story_members ADD COLUMN component INTEGER NOT NULL DEFAULT 0")
    conn.execute(COMPONENTS)
    if conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None:
        conn.execute("INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)", (MODEL_KEY, MODEL))
    else:
        conn.execute("DELETE FROM store_meta WHERE key = ?", (MODEL_KEY,))


def outdated(conn: sqlite3.Connection) -> bool:
    """Whether the stored stories were made by another version of the model (or by none): then the next
    write groups every article again first (window_for), and `fetch` does it up front (with progress)."""
    row = conn.execute("SELECT value FROM store_meta WHERE key = ?", (MODEL_KEY,)).fetchone()
    return row is None or row[0] != MODEL


def _statements(script: str) -> Iterator[str]:
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""


def pack_terms(vector: dict[str, float], text: str = "") -> str | bytes:
    """A term vector as stored: its text (stories.model.encode; `text` when the caller has it already)
    zlib-compressed, half the size (the text itself when that is no longer, as for a vector of a few terms).

    The vectors were a seventh of a 100k store; weights repeat and terms recur, so zlib halves them, and
    reading one back (the window loads thousands per day) costs ~4 µs. A vector is a few hundred bytes: a
    1 KB window and memLevel 4 (TERMS_PACK) give the very deflate output of zlib.compress's level 6 (its
    header aside) at ~11 µs an article, where the defaults set up 256 KB of state per call and cost 12-60 µs
    as the allocator serves it (bench/README.md, "Stories, cost pass"; as schema.TEXT_PACK for bodies)."""
    return _pack(text or encode(vector))


def _pack(text: str) -> str | bytes:
    """An encoded vector as stored (pack_terms)."""
    squeeze = zlib.compressobj(*TERMS_PACK)
    packed = squeeze.compress(text.encode("utf-8", "surrogatepass")) + squeeze.flush()
    return packed if len(packed) < len(text) else text


def unpack_terms(value: str | bytes) -> dict[str, float]:
    """A stored term vector: a BLOB (pack_terms), or text as stores before the compressed form wrote it
    (grouping again, `restory`, rewrites those)."""
    return decode(terms_text(value))


def terms_text(value: str | bytes) -> str:
    """A stored term vector's text (stories.model.encode), not decoded: a Member decodes it when compared."""
    if isinstance(value, bytes):
        return zlib.decompress(value).decode("utf-8", "surrogatepass")
    return value


def _countries(text: str) -> frozenset[str]:
    return frozenset(text.split(",")) - {""}


def _loader(conn: sqlite3.Connection) -> Callable[[float, float], Iterable[Member]]:
    def load(start: float, end: float) -> Iterator[Member]:
        for seq, component, ts, source, countries, terms in conn.execute(
            "SELECT article, component, published_ts, source, countries, terms FROM story_members "
            "WHERE published_ts >= ? AND published_ts < ?",
            (start, end),
        ):
            yield Member(seq, ts, source, terms_text(terms), _countries(countries), component)

    return load


def window_for(store: Store, conn: sqlite3.Connection) -> Window:
    """The store's grouping window, in step with the database: emptied when another process (or a
    rolled-back transaction) changed the members it remembers. The first time, a store grouped by another
    version of the model is grouped again (in this transaction) before anything is added to it."""
    from newsreader.stories.window import Window  # here, not at import: the story listings never need it

    window: Window | None = store._story_window
    if window is None:
        if outdated(conn):
            regroup(conn)
        window = store._story_window = Window(_loader(conn))
    stored = int(conn.execute("SELECT coalesce(max(article), 0) FROM story_members").fetchone()[0])
    if stored != window.max_seq:
        window.clear()
        window.max_seq = stored
    return window


def group_saved(
    store: Store,
    conn: sqlite3.Connection,
    saved: Sequence[tuple[int, Article, str, tuple[Any, ...]]],
    later: bool = False,
    vectors: dict[int, str] | None = None,
) -> None:
    """Group the articles save() stored for the first time: (seq, article, language, full-text index row);
    `later`: only leave them in story_pending for group_pending, with their vectors (encoded: made in a
    parse worker when `vectors` has them, store/derive.py).

    The index row holds the title's and the summary's terms already (the body's when there is no summary),
    so nothing is tokenised twice."""
    if not saved:
        return
    if later:
        made = vectors or {}
        conn.executemany(
            "INSERT OR REPLACE INTO story_pending (article, published_ts, source, countries, terms) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (
                    seq,
                    article.published.timestamp(),
                    article.source.casefold(),
                    ",".join(article.primary_codes),
                    made.get(seq) or encode(make_vector(index[1], index[2] or index[3], language)),
                )
                for seq, article, language, index in saved
            ],
        )
        return
    members = [
        incoming(
            NewMember(
                seq,
                article.id,
                article.published.timestamp(),
                article.source,
                article.primary_codes,
                index[1],
                index[2] or index[3],
                language,
            )
        )
        for seq, article, language, index in saved
    ]
    assign(conn, window_for(store, conn), members)


def group_pending(store: Store, chunk: int = PENDING_CHUNK, *, ahead: bool = False) -> int:
    """Group the articles left in story_pending, in publication order, `chunk` per transaction; returns
    how many. One pass in time order reads each of the window's buckets once and forgets it behind, so
    a fetch of files that each span a year holds a few days of members, not the year's (the same
    stories as grouping each file as it is stored: they do not depend on the order).

    `ahead`: one transaction only, while a fetch still stores feeds (feeds.py): later feeds bring earlier
    articles, so nothing is forgotten; the window keeps what it loads, for this fetch's next chunks. The
    walking pass after them keeps the window (emptied, it read every bucket of the year back: twice the
    end's CPU) and takes AHEAD_CHUNK at a time while the window holds what they left, so the chunk in
    hand beside it stays small (bench/README.md, "Ingest, round six")."""
    window = store._story_window
    if window is not None and not ahead and window.held():
        chunk = min(chunk, AHEAD_CHUNK)
    done = 0
    while True:
        with store.transaction() as conn:
            window = window_for(store, conn)  # (first, as it may group everything again: then none is left)
            rows = conn.execute(
                "SELECT p.article, a.id, p.published_ts, p.source, p.countries, p.terms FROM story_pending p "
                "LEFT JOIN articles a ON a.seq = p.article ORDER BY p.published_ts, p.article LIMIT ?",
                (chunk,),
            ).fetchall()
            if not rows:
                return done
            # The rows read are the first `chunk` in (time, article) order: one range of the time index,
            # deleted as a range (a DELETE per row cost 0.2 s per 20k; bench/README.md, "cost pass two").
            conn.execute(
                "DELETE FROM story_pending WHERE published_ts <= ?1 AND (published_ts < ?1 OR article <= ?2)",
                (rows[-1][2], rows[-1][0]),
            )
            texts = _pending_texts(conn, rows)
            members = [
                Incoming(seq, aid, ts, source, tuple(filter(None, countries.split(","))), texts[seq], texts[seq])
                for seq, aid, ts, source, countries, _ in rows
                if aid is not None  # (its article deleted with foreign keys off)
            ]
            assign(conn, window, members, walking=not ahead)
            done += len(members)
        if ahead:
            return done


def _pending_texts(conn: sqlite3.Connection, rows: Sequence[tuple[Any, ...]]) -> dict[int, str]:
    """The vectors of pending rows (article, id, ..., terms) as stored; a row holding a mark instead (`#` and
    a checksum, as 0265b84's newsreader wrote for the vectors it held in memory: a store it left mid-fetch)
    gets its vector made again from the stored article, as `restory` makes it. No vector begins with `#`."""
    found: dict[int, str] = {}
    again: list[int] = []
    for seq, *_, terms in rows:
        if terms.startswith("#"):
            again.append(seq)
        else:
            found[seq] = terms
    for start in range(0, len(again), _CHUNK):
        chunk = again[start : start + _CHUNK]
        for member in _stored_members(conn, f"a.seq IN ({','.join('?' * len(chunk))})", chunk):
            found[member.seq] = encode(make_vector(member.title_terms, member.lead_terms, member.language))
    return found


def pending_ahead(store: Store) -> bool:
    """Whether a fetch, while its workers parse, should group a chunk of what it stored (group_pending
    with `ahead`): a whole chunk waits (fewer at a time cost more per article), and the window holds
    fewer than AHEAD_MEMBERS, as nothing is forgotten until the end of the fetch (the rest waits for it)."""
    window = store._story_window
    if window is not None and window.held() >= AHEAD_MEMBERS:
        return False
    with store.reader() as conn:
        waiting = conn.execute("SELECT count(*) FROM (SELECT 1 FROM story_pending LIMIT ?)", (AHEAD_CHUNK,))
        return int(waiting.fetchone()[0]) >= AHEAD_CHUNK


def _clear_pending(conn: sqlite3.Connection) -> None:
    """Forget the pending articles (they are being grouped from the articles themselves); a store
    before schema v14 has none."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'story_pending'").fetchone():
        conn.execute("DELETE FROM story_pending")


def assign(conn: sqlite3.Connection, window: Window, members: Sequence[Incoming], walking: bool = False) -> None:
    """Put each new article in the component of the articles it links to (merging them), then make the
    stories of every component that changed again, from the first article the new ones can change.

    `walking`: the members come after every member this window grouped before them in publication order
    (group_pending), so the buckets behind them are never looked at again and are forgotten as it goes.

    Most articles link to nothing: each is a component and a story of its own, written with the others in
    two statements. The collector is paused meanwhile: grouping makes many small objects that all live on
    (the window's), and collecting over and over among them cost a third of the time grouping took."""
    paused = gc.isenabled()
    gc.disable()
    try:
        _assign(conn, window, members, walking)
    finally:
        if paused:
            gc.enable()


def _assign(conn: sqlite3.Connection, window: Window, members: Sequence[Incoming], walking: bool) -> None:
    from newsreader.stories.window import keys

    replay: dict[int, Order] = {}  # component -> where its stories are made again from
    rows: list[list[Any]] = []  # story_members rows (their component followed through merges when written)
    alone: list[tuple[int, str, float, float]] = []  # stories rows of the articles that start one
    number = int(conn.execute("SELECT coalesce(max(story), 0) FROM stories").fetchone()[0])
    for new in sorted(members, key=lambda m: (m.ts, m.id)):
        member = Member(new.seq, new.ts, new.source, new.vector, frozenset(new.countries))
        if walking:
            window.forget_before(new.ts)
        place = (new.ts, new.id)
        own = list(keys(member))  # its index keys, made once for links() and add()
        components = sorted({window.find(other.component) for other, _ in window.links(member, own)})
        story = 0  # given by the replay
        if components:
            target, *others = components
            for other in others:
                conn.execute("UPDATE story_members SET component = ? WHERE component = ?", (target, other))
                window.merge(other, target)
                replay.pop(other, None)
            replay[target] = FIRST if others else min(replay.get(target, place), place)
        else:  # alone: a component and a story of its own
            target = new.seq
            number += 1
            story = number
            alone.append((story, new.id, new.ts, new.ts))
        member.component = target
        rows.append(
            [
                new.seq,
                story,
                target,
                new.ts,
                member.source,
                ",".join(new.countries),
                _pack(new.text or encode(member.vector)),
            ]
        )
        window.add(member, own)
    for row in rows:
        row[2] = window.find(row[2])
    # In row order: the rows arrive in publication order, their rows (and components) in storing order, so
    # unsorted each insert lands on another page of the table and its component index.
    rows.sort()
    conn.executemany(
        "INSERT INTO stories (story, id, articles, sources, first_ts, last_ts) VALUES (?, ?, 1, 1, ?, ?)", alone
    )
    conn.executemany(_ADD_MEMBER, rows)
    for component, start in sorted(replay.items()):
        _replay(conn, component, start)


# An upsert, not INSERT OR REPLACE: the same row either way (a member grouped again keeps its row), at half
# the cost per row (bench/README.md, "Stories, cost pass"); a row is there already only after a store was
# changed by hand with foreign keys off.
_ADD_MEMBER = (
    "INSERT INTO story_members (article, story, component, published_ts, source, countries, terms) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (article) DO UPDATE SET story = excluded.story, "
    "component = excluded.component, published_ts = excluded.published_ts, source = excluded.source, "
    "countries = excluded.countries, terms = excluded.terms"
)


def _new_story(conn: sqlite3.Connection, aid: str, ts: float) -> int:
    sql = "INSERT INTO stories (id, articles, sources, first_ts, last_ts) VALUES (?, 1, 1, ?, ?)"
    return int(conn.execute(sql, (aid, ts, ts)).lastrowid or 0)


def _replay(conn: sqlite3.Connection, component: int, start: Order) -> None:
    """Make the stories of a component again from `start` on (split.py), keeping those of its earlier articles.

    The stored stories of the articles before `start` are what the pass had made of them when it reached
    `start`, unless a later article merged them: so `start` moves back to the first article of any story
    that has articles on both sides of it. Only members published since SPAN before `start` are read: an
    earlier story is closed to every article from `start` on. A story made again keeps the number its
    first article's story had, when it can."""
    while True:
        rows = conn.execute(
            "SELECT m.article, a.id, m.published_ts, m.source, m.countries, m.terms, m.story, s.first_ts, s.id "
            "FROM story_members m JOIN articles a ON a.seq = m.article LEFT JOIN stories s ON s.story = m.story "
            "WHERE m.component = ? AND m.published_ts >= ? ORDER BY m.published_ts, a.id",
            (component, start[0] - SPAN),
        ).fetchall()
        straddling = [
            (first_ts, sid)
            for _, aid, ts, *_, story, first_ts, sid in rows
            if story and (ts, aid) >= start and (first_ts, sid) < start
        ]
        if not straddling:
            break
        start = min(straddling)
    before: list[tuple[Order, Member, Order]] = []
    again: list[tuple[Order, Member]] = []
    numbers: dict[Order, int] = {}  # story key -> its number in the store
    stored: dict[Order, tuple[int, int]] = {}  # member place -> (its row, its story number until now)
    for seq, aid, ts, source, countries, terms, story, first_ts, sid in rows:
        member = Member(seq, ts, source, unpack_terms(terms), _countries(countries), component)
        place = (ts, aid)
        stored[place] = (seq, story)
        if place < start:
            key = (first_ts, sid)
            numbers[key] = story
            before.append((place, member, key))
        else:
            again.append((place, member))
    kept = set(numbers.values())
    touched = {story for _, story in stored.values() if story}
    from newsreader.stories.split import split

    for place, key in split(before, again).items():
        number = numbers.get(key)
        if number is None:  # a story that begins in the replay: its first article's story until now, if free
            number = stored[key][1]
            if not number or number in kept:
                number = _new_story(conn, key[1], key[0])
            numbers[key] = number
            kept.add(number)
        seq, old = stored[place]
        if number != old:
            conn.execute("UPDATE story_members SET story = ? WHERE article = ?", (number, seq))
        touched.add(number)
    for story in sorted(touched):
        if conn.execute("SELECT 1 FROM story_members WHERE story = ? LIMIT 1", (story,)).fetchone() is None:
            conn.execute("DELETE FROM stories WHERE story = ?", (story,))
        else:
            conn.execute(_RECOUNT, (story,))


def _body_lead(body: str, language: str) -> str:
    """The index terms of a body as the lead of an article without a summary: saving takes the first
    LEAD_TERMS of the whole body's terms (make_vector), so grouping again must give those same ones.

    Only the body's start is read when it holds more than LEAD_TERMS terms (its last word, perhaps cut
    short, comes after them), as LEAD_TERMS * 12 characters of most text do; a body of longer words is
    read whole (a cut at 600 characters had given a shorter lead than saving's: other vectors, other
    stories after `restory`)."""
    from newsreader.lang.terms import index_text

    cut = body[: LEAD_TERMS * 12]
    terms = index_text(cut, language)
    if len(cut) < len(body) and len(terms.split(None, LEAD_TERMS)) <= LEAD_TERMS:
        terms = index_text(body, language)
    return terms


def _stored_members(conn: sqlite3.Connection, where: str, params: Sequence[Any]) -> list[NewMember]:
    """Stored articles as grouping takes them, their terms made again from their text as saving made them."""
    from newsreader.lang.terms import index_text
    from newsreader.store.schema import unpack_text

    found = []
    for seq, aid, ts, source, title, text, summary_len, language, countries in conn.execute(
        "SELECT a.seq, a.id, a.published_ts, a.source, a.title, a.text, a.summary_len, a.language, "
        "(SELECT group_concat(code) FROM article_countries WHERE article = a.seq AND is_primary = 1) "
        f"FROM articles a WHERE {where}",
        params,
    ):
        summary, rest = unpack_text(text, summary_len)
        found.append(
            NewMember(
                seq,
                aid,
                ts,
                source,
                tuple(sorted((countries or "").split(","))) if countries else (),
                index_text(title, language),
                # saving's lead: the summary's terms, else the body's (a summary of no words, "…", has none)
                index_text(summary, language) or _body_lead(rest, language),
                language,
            )
        )
    return found


def regroup(conn: sqlite3.Connection, progress: Callable[[int, int], None] | None = None, batch: int = 1000) -> int:
    """Group every stored article again from nothing (after a model change); returns how many articles.

    Articles are taken in publication order, so the window's day buckets are read once each (and
    forgotten behind the pass)."""
    conn.execute("DELETE FROM stories")
    conn.execute("DELETE FROM story_members")
    _clear_pending(conn)
    conn.execute("INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)", (MODEL_KEY, MODEL))
    from newsreader.stories.window import Window

    window = Window(_loader(conn))
    total = int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    done, last = 0, (float("-inf"), -1)
    while True:
        members = _stored_members(
            conn, "(a.published_ts, a.seq) > (?, ?) ORDER BY a.published_ts, a.seq LIMIT ?", (*last, batch)
        )
        if not members:
            return done
        last = (members[-1].ts, members[-1].seq)
        assign(conn, window, [incoming(m) for m in members], walking=True)
        done += len(members)
        if progress is not None:
            progress(done, total)


# -- reading -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MemberRow:
    """One article of a story as the queries read it."""

    story: int
    seq: int
    id: str
    url: str
    title: str
    source: str
    source_country: str
    published: str
    countries: tuple[str, ...]  # primary
    regions: tuple[str, ...]
    vector: dict[str, float]


def top_stories(store: Store, filters: Filters, min_articles: int) -> list[int]:
    """The stories with an article passing the filters (and at least min_articles), best covered first:
    outlets, then articles, then the latest article, then the story's id (its first article's id).

    The last tie-break is the id, not the story's number: numbers are given in grouping order, and when a
    fetch groups depends on when its parse worker was busy, so a listing of equal stories (many
    single-article ones share a time) would change with the machine's load. The coverage index gives the
    first three keys in order; the id only sorts the stories tied on all three."""
    from newsreader.store.db import _filtered, _where, probe_tags

    limit = filters.limit or 2**31
    order = "ORDER BY s.sources DESC, s.articles DESC, s.last_ts DESC, s.id, s.story LIMIT ?"
    # The coverage index holds the stories of two or more articles (schema v17): the planner uses it only
    # when the query says so in a literal it can see, `articles > 1`; every story (1) is a sort instead.
    many = " AND s.articles > 1" if min_articles > 1 else ""
    with store.reader() as conn:
        if not _filtered(filters):
            sql = f"SELECT s.story FROM stories s WHERE s.articles >= ?{many} {order}"
            return [r[0] for r in conn.execute(sql, (min_articles, limit))]
        where, params = _where(filters, prefix="AND", correlated=probe_tags(conn, filters))
        sql = (
            f"SELECT s.story FROM stories s WHERE s.articles >= ?{many} AND s.story IN (SELECT m.story FROM articles a "
            f"JOIN story_members m ON m.article = a.seq WHERE 1 {where}) {order}"
        )
        return [r[0] for r in conn.execute(sql, (min_articles, *params, limit))]


def members_of(store: Store, stories: Sequence[int]) -> dict[int, list[MemberRow]]:
    """The articles of these stories, each story's in publication order."""
    found: dict[int, list[MemberRow]] = {s: [] for s in stories}
    with store.reader() as conn:
        for start in range(0, len(stories), _CHUNK):
            chunk = list(stories[start : start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            for story, seq, aid, url, title, source, country, published, codes, regions, terms in conn.execute(
                "SELECT m.story, a.seq, a.id, a.url, a.title, a.source, a.source_country, a.published, m.countries, "
                "a.regions, m.terms FROM story_members m JOIN articles a ON a.seq = m.article "
                f"WHERE m.story IN ({marks}) ORDER BY a.published_ts, a.id",
                chunk,
            ):
                found[story].append(
                    MemberRow(
                        story,
                        seq,
                        aid,
                        url,
                        title,
                        source,
                        country,
                        published,
                        tuple(c for c in codes.split(",") if c),
                        tuple(r for r in regions.split("|") if r),
                        unpack_terms(terms),
                    )
                )
    return found


def story_of(store: Store, id_or_prefix: str) -> int | None:
    """The story with this id, or the story of the article with this id (either may be a unique prefix)."""
    prefix = id_or_prefix.strip().lower()
    with store.reader() as conn:
        found = {
            r[0]
            for r in conn.execute("SELECT story FROM stories WHERE id >= ? AND id < ? LIMIT 2", (prefix, prefix + "g"))
        }
        if not found:
            found = {
                r[0]
                for r in conn.execute(
                    "SELECT m.story FROM articles a JOIN story_members m ON m.article = a.seq "
                    "WHERE a.id >= ? AND a.id < ? LIMIT 2",
                    (prefix, prefix + "g"),
                )
            }
        if len(found) > 1:
            return -1
        return next(iter(found), None)


def outlet_countries(store: Store) -> list[str]:
    """The home countries of every stored outlet (one index seek each)."""
    sql = (
        "WITH RECURSIVE cc(code) AS (SELECT min(source_country) FROM articles WHERE source_country > '' UNION ALL "
        "SELECT (SELECT min(source_country) FROM articles WHERE source_country > code) FROM cc WHERE code IS NOT NULL) "
        "SELECT code FROM cc WHERE code IS NOT NULL"
    )
    with store.reader() as conn:
        return [str(c) for (c,) in conn.execute(sql)]


def stories_of(store: Store, ids: Sequence[str]) -> dict[str, tuple[int, str, int, tuple[str, ...]]]:
    """For articles (by id): their story, its id, its article count and its outlets (the earliest's first)."""
    found: dict[str, int] = {}
    with store.reader() as conn:
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start : start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            for aid, story in conn.execute(
                "SELECT a.id, m.story FROM articles a JOIN story_members m ON m.article = a.seq "
                f"WHERE a.id IN ({marks})",
                chunk,
            ):
                found[aid] = story
        keys = sorted(set(found.values()))
        names: dict[int, tuple[str, int]] = {}
        outlets: dict[int, dict[str, None]] = {}
        for start in range(0, len(keys), _CHUNK):
            chunk_keys = keys[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk_keys))
            for story, sid, n in conn.execute(
                f"SELECT story, id, articles FROM stories WHERE story IN ({marks})", chunk_keys
            ):
                names[story] = (sid, n)
            for story, source in conn.execute(
                "SELECT m.story, a.source FROM story_members m JOIN articles a ON a.seq = m.article "
                f"WHERE m.story IN ({marks}) ORDER BY a.published_ts, a.id",
                chunk_keys,
            ):
                outlets.setdefault(story, {})[source] = None
    return {aid: (s, *names.get(s, (aid, 1)), tuple(outlets.get(s, {}))) for aid, s in found.items()}
