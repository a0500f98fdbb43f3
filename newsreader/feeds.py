"""Fetching feeds end to end: targets (URLs, feed files, OPML, the config) → download → parse → tag → store."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Callable, Coroutine, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newsreader import geo
from newsreader.config import Config, FeedConfig, Settings
from newsreader.errors import NotFoundError, SourceError, UsageError
from newsreader.local import OPML_SUFFIXES
from newsreader.models import Article, SourceReport
from newsreader.parse.feed import FeedInfo, ParsedFeed, parse_feed, to_articles, undated_ids
from newsreader.store import Store
from newsreader.urls import is_url, normalise, url_key

if TYPE_CHECKING:
    from newsreader.http import Downloader
    from newsreader.store.derive import Derived

Progress = Callable[[str], None]
POOL_MIN_FEEDS = 8  # below this, starting worker processes costs more than parsing in-process
POOL_MAX_WORKERS = 8
FILES_IN_HAND = 4  # feed files read, parsed or waiting to be stored at once (see _fetch_all)
_FEED_TYPES = {".json": "application/feed+json"}


@dataclass(frozen=True, slots=True)
class FeedTarget:
    """One feed to load: a URL (with its config entry, if any) or a local feed file."""

    location: str  # URL, or the path of a file
    origin: str  # as the user gave it
    is_file: bool = False
    name: str = ""
    country: str = ""
    tags: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.name or self.origin

    @property
    def key(self) -> str:
        """Part of every article id from this feed: never change it (stored ids depend on it)."""
        return str(Path(self.location).resolve()) if self.is_file else self.location

    @property
    def same_as(self) -> str:
        """What two targets share when they are one feed: a file's real path, a URL's urls.url_key."""
        return self.key if self.is_file else url_key(self.location)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A parsed feed's articles, built and tagged where it was parsed (a worker process, when there is a pool).

    `feed` carries the title, warnings or error (its entries are dropped: the articles replace them);
    `undated` are the ids dated with the fetch time, which the store may know an earlier first sighting of.
    """

    feed: ParsedFeed
    articles: tuple[Article, ...] = ()
    undated: frozenset[str] = frozenset()
    derived: dict[str, Derived] | None = None  # what the store makes of their text, made here (store/derive.py)


def prepare(
    data: bytes, headers: dict[str, str], url: str, info: FeedInfo, now: datetime, derive: bool = True
) -> Prepared:
    """Parse, build and tag one feed's articles: pure, so it runs in a worker next to the parsing.

    Only the writing is left to the main process, so on a multi-core machine tagging no longer competes
    with the store's full-text indexing for one core. With `derive`, also what the store makes of their
    text (store/derive.py); without, Store.save makes it (the same rows: _Balance decides where).
    """
    parsed = parse_feed(data, headers, url)
    if parsed.error or not parsed.entries:
        return Prepared(parsed)
    articles = tuple(geo.tag(a) for a in to_articles(parsed, info, now))
    undated = frozenset(undated_ids(parsed, info.key))
    if not derive:
        return Prepared(replace(parsed, entries=()), articles, undated)
    from newsreader.store.derive import derive as derive_parts

    return Prepared(replace(parsed, entries=()), articles, undated, derive_parts(articles))


def prepare_file(
    location: str, limit: int, info: FeedInfo, now: datetime, derive: bool = True
) -> tuple[Prepared | None, str]:
    """Read, parse, build and tag one feed file (in a worker, when there is a pool): (prepared, '') or
    (None, why it could not be read); `derive` as for prepare."""
    path = Path(location)
    try:
        data = _feed_document(_read_feed_file(path, limit), "", limit, "")
    except SourceError as exc:
        return None, exc.cause
    except _NotAFeed as exc:
        return None, str(exc)
    return prepare(data, {"content-type": _FEED_TYPES.get(path.suffix.lower(), "")}, "", info, now, derive), ""


@dataclass(slots=True)
class _Balance:
    """Where a feed's derived parts (store/derive.py) are made: in the parse worker, or by Store.save here.

    They are a third of a worker's time per feed. On 2 cores (one worker) the worker set the pace while
    this process, which only stores, waited for it about half the time; so this process makes them itself
    while it keeps up. A feed parsed while another waits to be stored (this process is behind) gets them
    made in the worker. Either way the rows are the same (tests/test_store_derived.py).
    """

    waiting: int = 0  # feeds parsed, not yet stored

    def in_worker(self) -> bool:
        return self.waiting > 0


@dataclass(slots=True)
class _Outcome:
    """What the download/parse stage produced for one target, handed to the storing stage."""

    parsed: Prepared | None = None
    not_modified: bool = False
    skipped: bool = False
    error: str = ""
    warnings: list[str] = field(default_factory=list)
    state: dict[str, str] = field(default_factory=dict)
    discovered: list[str] = field(default_factory=list)  # an HTML page's feeds, to fetch in its stead


def resolve_targets(config: Config, targets: Sequence[str]) -> tuple[list[FeedTarget], list[SourceReport]]:
    """The feeds to load: the given targets (OPML files expanded), or the configured feeds when none.

    A feed given under several spellings (see urls.url_key) is fetched once, as the first of them; a
    target that is a configured feed under another spelling takes the config's name and country.
    """
    configured: dict[str, FeedConfig] = {}
    for feed in config.feeds:
        configured.setdefault(url_key(feed.url), feed)
    if not targets:
        return _unique([_from_config(f) for f in config.feeds if f.enabled])
    found: list[FeedTarget] = []
    reports: list[SourceReport] = []
    for target in targets:
        if is_url(target):
            known = configured.get(url_key(target))
            found.append(_from_config(known) if known else FeedTarget(target, target))
            continue
        path = Path(target).expanduser()
        if path.suffix.lower() in OPML_SUFFIXES:
            from newsreader.opml import read_opml

            try:
                listed, notes = read_opml(path)
            except SourceError as exc:
                reports.append(SourceReport(target, error=exc.cause))
                continue
            for item in listed:
                known = configured.get(url_key(item.url))
                if known:
                    found.append(_from_config(known))
                elif is_url(item.url):
                    found.append(FeedTarget(item.url, item.url))
                else:
                    notes.append(f"{target}: skipped {item.url!r} (not an http(s) URL)")
            if notes:
                reports.append(SourceReport(target, warnings=notes, skipped=True, counted=False))
        elif not path.exists():
            reports.append(SourceReport(target, error="no such file or folder"))
        else:
            found.append(FeedTarget(str(path), target, is_file=True))
    unique, duplicates = _unique(found)
    return unique, [*reports, *duplicates]


def _unique(found: list[FeedTarget]) -> tuple[list[FeedTarget], list[SourceReport]]:
    """Each feed once (the first spelling wins); http and https of one feed are worth a warning."""
    unique: dict[str, FeedTarget] = {}
    warnings: list[str] = []
    for target in found:
        kept = unique.setdefault(target.same_as, target)
        if kept is not target and normalise(kept.location) != normalise(target.location):
            warnings.append(
                f"{target.location} and {kept.location} are the same feed (http and https); fetching {kept.location}"
            )
    reports = [SourceReport("duplicate feeds", warnings=warnings, skipped=True, counted=False)] if warnings else []
    return list(unique.values()), reports


def _from_config(feed: FeedConfig) -> FeedTarget:
    return FeedTarget(feed.url, feed.url, name=feed.name, country=feed.country, tags=feed.tags)


def fetch_feeds(
    store: Store,
    config: Config,
    targets: Sequence[str],
    *,
    source: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> list[SourceReport]:
    """Fetch each feed target (or the configured feeds when none) and store its entries, one transaction each."""
    if not targets and not config.feeds:
        where = config.path or "your config file"
        raise UsageError(
            f"no feeds configured and nothing to fetch: add [[feeds]] tables to {where} "
            "(`newsreader config init` writes a starter list, `newsreader feeds import FILE.opml` adds an OPML "
            "list) or give feed URLs or files: newsreader fetch URL"
        )
    feed_targets, reports = resolve_targets(config, targets)
    add_total = getattr(progress, "add_total", None)
    if callable(add_total):  # the caller announced one per target given; OPML lists and doubles change that
        add_total(len(feed_targets) - sum(1 for t in targets if Path(t).suffix.lower() not in OPML_SUFFIXES))
    if feed_targets:
        reports.extend(asyncio.run(_fetch_all(store, config.settings, feed_targets, source, force, progress)))
    return reports


async def _fetch_all(
    store: Store,
    settings: Settings,
    targets: list[FeedTarget],
    source: str | None,
    force: bool,
    progress: Progress | None,
) -> list[SourceReport]:
    """Download and parse concurrently; tag and store each feed in this process as soon as it is parsed."""
    from newsreader.http import Downloader
    from newsreader.store.compact import compact_if_grown, pages

    reports = [SourceReport(t.label) for t in targets]
    pages_before = pages(store)
    pool = _pool() if len(targets) >= POOL_MIN_FEEDS else None
    balance = _Balance()
    seen = {t.same_as for t in targets}
    # Feeds in hand at once (read or downloaded, parsed, not yet stored): without a bound, workers that
    # parse faster than this process stores queue every feed's articles here (235 MB at 40 x 500 entries).
    windows = {True: asyncio.Semaphore(FILES_IN_HAND), False: asyncio.Semaphore(max(settings.concurrency, 1))}
    try:
        async with Downloader(settings) as downloader:

            def start(index: int) -> asyncio.Task[tuple[int, _Outcome]]:
                target = targets[index]
                load = _load_one(index, target, store, downloader, settings, force, pool, source, balance)
                return asyncio.create_task(_in_window(windows[target.is_file], load))

            pending = {start(i) for i in range(len(targets))}
            try:
                order = dict.fromkeys(range(len(targets)))  # in the order given: the bar names the first
                _now(progress, targets[0].label)
                ahead = pool is not None  # group stored articles while the workers parse (_group_ahead)
                while pending:
                    timeout = 0 if ahead else None
                    done, pending = await asyncio.wait(pending, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
                    if not done:
                        ahead = _group_ahead(store)
                        continue
                    ahead = pool is not None
                    for task in done:
                        index, outcome = task.result()
                        _finish(store, targets[index], outcome, reports[index], source)
                        balance.waiting -= outcome.parsed is not None
                        outcome.parsed = None  # stored: its articles need not stay in memory to the end
                        windows[targets[index].is_file].release()
                        # Ctrl-C reaches this task as a cancellation at its next await: take one here,
                        # so an interrupt stops between two feeds' saves, not after the whole batch.
                        await asyncio.sleep(0)
                        order.pop(index, None)
                        for found in _new_targets(outcome.discovered, seen, reports[index], progress):
                            targets.append(found)
                            reports.append(SourceReport(found.label))
                            order[len(targets) - 1] = None
                            pending.add(start(len(targets) - 1))
                        if order:
                            _now(progress, targets[next(iter(order))].label)
                        if progress:
                            progress(targets[index].label)
            finally:
                for task in pending:
                    task.cancel()
        # Stories last, in publication order (store/stories.py group_pending): interrupted before this,
        # the articles are stored and wait for the next fetch to group them.
        from newsreader.store.stories import group_pending

        group_pending(store)
        # A run that at least doubled the file (a big first fetch) leaves its indexes' pages part-empty.
        compact_if_grown(store, pages_before)
    finally:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
    return reports


def _group_ahead(store: Store) -> bool:
    """While nothing parsed waits to be stored, group one chunk of the stored articles into stories, so
    less is left for the end of the fetch, when nothing else runs; False when there is nothing to do
    (too few wait, or the window is full: store/stories.py pending_ahead) until the next feed is stored.
    The stories are the same either way (they do not depend on the order: tests/test_stories_order.py)."""
    from newsreader.store.stories import AHEAD_CHUNK, group_pending, pending_ahead

    if not pending_ahead(store):
        return False
    group_pending(store, AHEAD_CHUNK, ahead=True)
    return True


def _now(progress: Progress | None, label: str) -> None:
    """Name the feed being fetched on a progress display that shows one (its `fetching` method)."""
    fetching = getattr(progress, "fetching", None)
    if callable(fetching):
        fetching(label)


def _new_targets(feeds: list[str], seen: set[str], page: SourceReport, progress: Progress | None) -> list[FeedTarget]:
    """The feeds an HTML page led to, less those this run fetches anyway; the page itself is then not a
    source of articles (its row only carries the note)."""
    if not feeds:
        return []
    page.counted = False
    fresh = [FeedTarget(url, url) for url in feeds if url_key(url) not in seen]
    seen.update(url_key(url) for url in feeds)
    add_total = getattr(progress, "add_total", None)
    if fresh and callable(add_total):
        add_total(len(fresh))
    return fresh


async def _in_window(
    window: asyncio.Semaphore, load: Coroutine[None, None, tuple[int, _Outcome]]
) -> tuple[int, _Outcome]:
    """Start a feed's load once the window has room; the storing loop frees the place when it is stored."""
    try:
        await window.acquire()
    except BaseException:
        load.close()  # cancelled while waiting (Ctrl-C): the load never started
        raise
    try:
        return await load
    except BaseException:
        window.release()
        raise


def _pool() -> Executor | None:
    """Workers for parsing and tagging: one core fewer than the machine has, as this process is busy
    storing (on 2 cores, one worker kept pace with the store; a second only added its ~60 MB)."""
    workers = min((os.cpu_count() or 1) - 1, POOL_MAX_WORKERS)
    if workers < 1:
        return None
    return ProcessPoolExecutor(max_workers=workers, initializer=_init_worker)


def _init_worker() -> None:
    """Workers leave Ctrl-C to the main process, which stops the run and shuts the pool down; each loads
    the gazetteer once, while the main process is still reading or downloading."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    geo.load_tagger()


async def _load_one(
    index: int,
    target: FeedTarget,
    store: Store,
    downloader: Downloader,
    settings: Settings,
    force: bool,
    pool: Executor | None,
    source: str | None,
    balance: _Balance | None = None,
) -> tuple[int, _Outcome]:
    outcome = await _download_and_parse(target, store, downloader, settings, force, pool, source, balance)
    if balance is not None and outcome.parsed is not None:
        balance.waiting += 1
    return index, outcome


async def _download_and_parse(
    target: FeedTarget,
    store: Store,
    downloader: Downloader,
    settings: Settings,
    force: bool,
    pool: Executor | None,
    source: str | None = None,
    balance: _Balance | None = None,
) -> _Outcome:
    now = datetime.now(UTC)
    info = FeedInfo(
        key=target.key, origin=target.origin, name=target.name or source or "", country=target.country, tags=target.tags
    )
    if target.is_file:
        # Read where it is parsed: the main process never holds the files' bytes (at 100k entries, 300 MB).
        if pool is None:
            parsed, error = prepare_file(target.location, settings.max_bytes, info, now)
        else:
            loop = asyncio.get_running_loop()
            derive = balance is None or balance.in_worker()
            parsed, error = await loop.run_in_executor(
                pool, prepare_file, target.location, settings.max_bytes, info, now, derive
            )
        return _Outcome(parsed=parsed, error=error)
    state = store.feed_state(target.location)
    retry_at = _when(state.get("retry_after", ""))
    if retry_at and retry_at > now and not force:
        return _Outcome(
            skipped=True,
            warnings=[
                f"{target.label}: skipped; the server asked us to wait until {retry_at:%Y-%m-%d %H:%M} UTC "
                "(use --force to fetch anyway)"
            ],
        )
    got = await downloader.get(
        target.location, etag=state.get("etag", ""), last_modified=state.get("last_modified", "")
    )
    outcome = _Outcome(state={"last_fetched": now.isoformat(), "moved_to": got.moved_to, "retry_after": ""})
    if got.moved_to:
        outcome.warnings.append(
            f"{target.label}: permanently moved to {got.moved_to}; update the feed's url in your config"
        )
    if got.retry_after:
        outcome.state["retry_after"] = got.retry_after.isoformat()
    if got.error:
        outcome.error = got.error
        outcome.state.update(last_status="error", last_error=got.error)
        return outcome
    if got.not_modified:
        outcome.not_modified = True
        outcome.state.update(last_status="not modified", last_error="")
        return outcome
    page_url = got.final_url or target.location
    try:
        body = _feed_document(got.body, got.headers.get("content-type", ""), settings.max_bytes, page_url)
    except _Discovered as found:
        outcome.discovered = found.feeds
        outcome.warnings.append(f"{target.label} is an HTML page; fetching its feed {', '.join(found.feeds)}")
        outcome.state.update(last_status="ok", last_error="", etag="", last_modified="")
        return outcome
    except _NotAFeed as exc:
        outcome.error = str(exc)
        outcome.state.update(last_status="error", last_error=outcome.error, etag="", last_modified="")
        return outcome
    outcome.parsed = await _parse(pool, body, got.headers, page_url, info, now, balance is None or balance.in_worker())
    feed = outcome.parsed.feed
    outcome.state.update(etag=got.etag, last_modified=got.last_modified)
    if feed.error:
        # Forget the validators: a broken document must be fetched again in full next time.
        outcome.state.update(etag="", last_modified="", last_status="error", last_error=feed.error)
    else:
        outcome.state.update(last_status="ok", last_error="", title=feed.title)
    return outcome


class _NotAFeed(Exception):
    """The document is something else (an HTML page, a sitemap, an OPML list): the one-line reason."""


class _Discovered(Exception):
    """The document is an HTML page naming these feeds."""

    def __init__(self, feeds: list[str]) -> None:
        super().__init__(", ".join(feeds))
        self.feeds = feeds


def _feed_document(data: bytes, content_type: str, limit: int, page_url: str) -> bytes:
    """The feed in a downloaded or read document: gzip is decompressed (quietly: a `.xml` saved compressed is
    still a feed); anything that is not a feed raises _NotAFeed with its reason, or _Discovered with the feeds
    an HTML page over HTTP links to."""
    from newsreader.parse import sniff

    kind = sniff.sniff(data, content_type)
    if kind == sniff.GZIP:
        try:
            data = sniff.gunzip(data, limit)
        except ValueError as exc:
            raise _NotAFeed(str(exc)) from None
        kind = sniff.sniff(data, "")
    if kind == sniff.HTML:
        feeds = sniff.discover_feeds(data, page_url) if page_url else []
        if feeds:
            raise _Discovered(feeds)
        reason = " (it links to no RSS, Atom or JSON feed)" if page_url else ""
        raise _NotAFeed(f"is an HTML page, not a feed{reason}")
    if kind == sniff.SITEMAP:
        raise _NotAFeed("is a sitemap, not a feed (a list of pages for search engines)")
    if kind == sniff.OPML:
        where = "" if not page_url else "; save it and fetch the file, or `newsreader feeds import` it"
        raise _NotAFeed(f"is an OPML list of feeds, not a feed{where}")
    return data


async def _parse(
    pool: Executor | None,
    data: bytes,
    headers: dict[str, str],
    url: str,
    info: FeedInfo,
    now: datetime,
    derive: bool = True,
) -> Prepared:
    if pool is None:
        return prepare(data, headers, url, info, now)
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(pool, prepare, data, headers, url, info, now, derive)


def _finish(store: Store, target: FeedTarget, outcome: _Outcome, report: SourceReport, source: str | None) -> None:
    """Store one feed's (already tagged) articles in one transaction, then remember its HTTP state."""
    report.warnings.extend(outcome.warnings)
    report.skipped = outcome.skipped
    report.not_modified = outcome.not_modified
    prepared = outcome.parsed
    parsed = prepared.feed if prepared is not None else None
    if outcome.error or (parsed is not None and parsed.error):
        report.error = outcome.error or (parsed.error if parsed else "")
    elif prepared is not None and parsed is not None:
        report.warnings.extend(f"{target.label}: {w}" for w in parsed.warnings)
        first_seen = _first_seen(store, sorted(prepared.undated))
        articles = [replace(a, published=first_seen[a.id]) if a.id in first_seen else a for a in prepared.articles]
        saved = store.save(articles, group_later=True, derived=prepared.derived)
        report.new, report.updated, report.unchanged = saved.new, saved.updated, saved.unchanged
        report.new_ids = saved.new_ids
    if outcome.state and not target.is_file:
        store.set_feed_state(target.location, **outcome.state)


def _first_seen(store: Store, ids: list[str]) -> dict[str, datetime]:
    """When undated entries were first stored, so re-fetching them does not count as an update."""
    seen: dict[str, datetime] = {}
    for article_id in ids:
        try:
            seen[article_id] = store.get(article_id).published
        except NotFoundError:
            continue
    return seen


def _read_feed_file(path: Path, limit: int) -> bytes:
    from newsreader.local import read_bounded

    return read_bounded(path, limit, "settings.max_bytes")


def _when(value: str) -> datetime | None:
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def host_of(url: str) -> str:
    return urlsplit(url).hostname or url


# -- the `feeds` command's view -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FeedStatus:
    """A configured feed with what the store remembers of it."""

    feed: FeedConfig
    last_fetched: datetime | None = None
    status: str = ""  # ok, not modified, error, or '' when never fetched
    error: str = ""
    articles: int = 0
    moved_to: str = ""
    retry_after: datetime | None = None
    unread: int = 0


def feed_statuses(db_path: Path, config: Config) -> list[FeedStatus]:
    """Every configured feed with its last fetch, status and stored article count."""
    store = Store.open_existing(db_path)
    if store is None:
        return [FeedStatus(f) for f in config.feeds]
    with store:
        states = {s["url"]: s for s in store.feed_states()}
        counts = store.counts_by_origin(f.url for f in config.feeds)
        from newsreader.store.state import unread_by_origin

        unread = unread_by_origin(store, [f.url for f in config.feeds])
    result: list[FeedStatus] = []
    for feed in config.feeds:
        state = states.get(feed.url, {})
        retry = _when(state.get("retry_after", ""))
        result.append(
            FeedStatus(
                feed,
                last_fetched=_when(state.get("last_fetched", "")),
                status=state.get("last_status", ""),
                error=state.get("last_error", ""),
                articles=counts.get(feed.url, 0),
                moved_to=state.get("moved_to", ""),
                retry_after=retry if retry and retry > datetime.now(UTC) else None,
                unread=unread.get(feed.url, 0),
            )
        )
    return result


def export_opml(config: Config) -> str:
    from newsreader.opml import OpmlFeed, write_opml

    return write_opml([OpmlFeed(f.url, f.name, (f.regions or ("",))[0]) for f in config.feeds])


def import_opml(config_path: Path | None, opml_path: Path) -> tuple[list[FeedConfig], list[FeedConfig], list[str]]:
    """Add an OPML list's feeds to the config file; returns (added, already configured, notes)."""
    from newsreader.config import add_feeds
    from newsreader.opml import read_opml

    listed, notes = read_opml(opml_path)
    feeds: list[FeedConfig] = []
    for item in listed:
        if is_url(item.url):
            feeds.append(FeedConfig(url=item.url, name=item.title))
        else:
            notes.append(f"{opml_path}: skipped {item.url!r} (not an http(s) URL)")
    before = _configured_spellings(config_path)
    added, existing = add_feeds(config_path, feeds)
    for feed in existing:
        present = before.get(url_key(feed.url), feed.url)
        if present != feed.url:
            notes.append(f"{opml_path}: {feed.url} is already configured as {present}; kept that one")
    return added, existing, notes


def _configured_spellings(config_path: Path | None) -> dict[str, str]:
    """url_key -> the URL as the config file spells it (nothing when there is no config file yet)."""
    from newsreader.config import default_config_path, load_config

    path = config_path or default_config_path()
    if not path.exists():
        return {}
    return {url_key(f.url): f.url for f in load_config(path).feeds}
