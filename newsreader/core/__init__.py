"""The use cases (fetch, show, search) wiring sources, parsing, tagging and the store; no terminal here."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.errors import UsageError
from newsreader.models import (
    Article,
    FetchReport,
    Filters,
    RegionFilter,
    RetagReport,
    SearchHit,
    SourceReport,
    TagCount,
)
from newsreader.store import Store
from newsreader.urls import is_url as is_url  # re-exported: callers use core.is_url

# `show` and `search` are the commands people run most, and import cost is most of their run time:
# what only fetching, tagging or some filters need (local files and their parser, dates, the config
# parser, the gazetteer) is imported inside the functions that use it.
if TYPE_CHECKING:
    from newsreader.config import Config

Progress = Callable[[str], None]  # called with a source's label when it is done


def fetch(
    db_path: Path,
    config: Config,
    targets: Sequence[str],
    *,
    source: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> FetchReport:
    """Load every target (paths, folders, feed URLs; the configured feeds when none), tag and store."""
    from newsreader.core.runs import begin_run, end_run
    from newsreader.local import TEXT_SUFFIXES, walk

    report = FetchReport()
    local = [t for t in targets if not is_url(t)]
    store = Store.open(db_path)
    try:
        report.run = begin_run(store, targets)
        feed_targets: list[str] = [t for t in targets if is_url(t)]
        # First what each target is (folders walked), so the progress bar counts what will be loaded: each
        # text file or folder of them once, and each feed (a feed file, a folder's feeds, an OPML's outlines).
        text_jobs: list[tuple[str, list[Path], list[str]]] = []
        for target in local:
            path = Path(target).expanduser()
            if not path.exists():
                report.sources.append(SourceReport(target, error="no such file or folder"))
            elif path.is_dir():
                found = walk(path)
                if found.text or not (found.feeds or found.opml):
                    text_jobs.append((target, found.text, found.skipped))
                if found.opml:
                    report.sources.append(_opml_not_followed(target, found.opml))
                feed_targets.extend(str(p) for p in found.feeds)
            elif path.suffix.lower() in TEXT_SUFFIXES:
                text_jobs.append((target, [path], []))
            else:
                feed_targets.append(target)
        from newsreader.local import OPML_SUFFIXES

        # Everything known now at once (fetch_feeds corrects for OPML lists), so the total does not jump.
        _announce(
            progress, len(text_jobs) + sum(1 for t in feed_targets if Path(t).suffix.lower() not in OPML_SUFFIXES)
        )
        for target, paths, skipped in text_jobs:
            _now(progress, target)
            report.sources.append(_load_text_files(store, target, paths, source, skipped))
            if progress:
                progress(target)
        if feed_targets or not targets:
            from newsreader.feeds import fetch_feeds

            report.sources.extend(
                fetch_feeds(store, config, feed_targets, source=source, force=force, progress=progress)
            )
        end_run(store, report)
        if config.settings.keep_days:
            from newsreader.core.purge import purge_store

            purge_store(store, config.settings.keep_days)
    finally:
        store.close()
    return report


def _announce(progress: Progress | None, count: int) -> None:
    """Tell a progress display (one with `add_total`) how many more items are coming."""
    add_total = getattr(progress, "add_total", None)
    if count and callable(add_total):
        add_total(count)


def _now(progress: Progress | None, label: str) -> None:
    """Tell a progress display (one with `fetching`) which item is being loaded now."""
    fetching = getattr(progress, "fetching", None)
    if callable(fetching):
        fetching(label)


def _opml_not_followed(folder: str, lists: list[Path]) -> SourceReport:
    """The note for OPML lists found in a folder: named, not fetched (only a list given by name is)."""
    count = f"{len(lists)} OPML lists" if len(lists) > 1 else "1 OPML list"
    names = ", ".join(str(p) for p in lists[:3]) + (", ..." if len(lists) > 3 else "")
    note = f"{folder}: {count} not followed; fetch them by name ({names})"
    return SourceReport(folder, warnings=[note], skipped=True, counted=False)


def _load_text_files(
    store: Store, label: str, paths: list[Path], source: str | None, skipped: list[str]
) -> SourceReport:
    """Read, tag and store a batch of text files in one transaction; unreadable files become warnings."""
    from datetime import UTC, datetime

    from newsreader import geo
    from newsreader.errors import SourceError
    from newsreader.local import load_text_article

    report = SourceReport(label, warnings=list(skipped))
    now = datetime.now(UTC)
    articles: list[Article] = []
    errors: list[str] = []
    # A file given by name keeps the name as given; files found in a folder are named by their path.
    single_file = len(paths) == 1 and not Path(label).is_dir()
    for path in paths:
        origin = label if single_file else str(path)
        try:
            article, notes = load_text_article(path, origin, source, now)
        except SourceError as exc:
            errors.append(str(exc))
            continue
        report.warnings.extend(notes)
        articles.append(geo.tag(article))
    if errors and not articles:
        report.error = errors[0] if len(errors) == 1 else f"none of {len(errors)} files could be read"
        report.warnings.extend(errors if len(errors) > 1 else [])
        return report
    report.warnings.extend(errors)
    if not articles and not errors:
        report.warnings.append(f"{label}: no .txt or .md articles found")
    saved = store.save(articles)
    report.new, report.updated, report.unchanged = saved.new, saved.updated, saved.unchanged
    report.new_ids = saved.new_ids
    return report


# -- reading ----------------------------------------------------------------------------------------


def build_filters(
    config: Config,
    *,
    sources: Sequence[str] = (),
    countries: Sequence[str] = (),
    regions: Sequence[str] = (),
    source_countries: Sequence[str] = (),
    primary: bool = False,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
    languages: Sequence[str] = (),
    offset: int = 0,
) -> Filters:
    """Resolve user-given names (countries, regions, dates) into a Filters; UsageError when unknown."""
    if limit < 0:
        raise UsageError(f"--limit must be a whole number of articles, 0 for all; got {limit}")
    if offset < 0:
        raise UsageError(f"--offset must be 0 or more articles to skip; got {offset}")
    since_at = until_at = None
    if since or until:
        since_at = _when("--since", since) if since else None
        until_at = _when("--until", until, end_of_day=True) if until else None
    if since_at and until_at and since_at > until_at:
        raise UsageError(f"--since {since} is after --until {until}")
    country_codes: tuple[str, ...] = ()
    region_filters: tuple[RegionFilter, ...] = ()
    source_codes: tuple[str, ...] = ()
    if countries or regions or source_countries:  # names resolve from generated tables, not the gazetteer
        from newsreader.names import resolve_country, resolve_region

        country_codes = tuple(dict.fromkeys(resolve_country(c) for c in countries))
        region_filters = tuple(resolve_region(r, config.regions) for r in regions)
        source_codes = tuple(dict.fromkeys(resolve_country(c) for c in source_countries))
    return Filters(
        languages=_language_codes(languages),
        sources=tuple(sources),
        countries=country_codes,
        regions=region_filters,
        source_countries=source_codes,
        primary=primary,
        since=since_at,
        until=until_at,
        limit=limit,
        offset=offset,
    )


def _language_codes(values: Sequence[str]) -> tuple[str, ...]:
    """--lang values as ISO 639-1 codes (`de`, `DE`, `de-AT` all mean German); UsageError when not a code."""
    from newsreader.lang import normalise

    codes: list[str] = []
    for value in values:
        code = normalise(value)
        if not code:
            raise UsageError(f"--lang {value!r} is not a language code (ISO 639-1, e.g. de, ru, zh)")
        codes.append(code)
    return tuple(dict.fromkeys(codes))


def _when(option: str, value: str, *, end_of_day: bool = False) -> datetime:
    """A --since/--until value as a time; a bad one is a UsageError naming the option."""
    from newsreader.dates import parse_when

    try:
        return parse_when(value, end_of_day=end_of_day)
    except UsageError as exc:
        raise UsageError(f"{option}: {exc}") from None


def count_matching(db_path: Path, filters: Filters) -> int:
    """How many stored articles pass the filters, whatever the limit and offset."""
    store = Store.open_existing(db_path)
    if store is None:
        return 0
    with store:
        return store.count_matching(filters)


def store_is_empty(db_path: Path) -> bool:
    store = Store.open_existing(db_path)
    if store is None:
        return True
    with store:
        return store.count() == 0


def list_articles(db_path: Path, filters: Filters) -> list[Article]:
    store = Store.open_existing(db_path)
    if store is None:
        return []
    with store:
        return store.query(filters)


def get_article(db_path: Path, id_or_prefix: str) -> Article:
    from newsreader.errors import NotFoundError

    store = Store.open_existing(db_path)
    if store is None:
        raise NotFoundError(f"no article with id {id_or_prefix!r} (the store is empty)")
    with store:
        return store.get(id_or_prefix)


def search(db_path: Path, query: str, filters: Filters, *, raw: bool = False) -> list[SearchHit]:
    """Ranked hits; a plain query matches all its words, `raw` passes FTS5 syntax through (core.searching)."""
    from newsreader.core.searching import run

    return run(db_path, query, filters, raw=raw).hits


def quote_query(query: str, languages: Sequence[str] = ("", "en")) -> str:
    """A plain query as an FTS5 expression over the index terms (for callers of Store.search); '' when it
    has no words."""
    from newsreader.lang.query import compile_plain

    try:
        return compile_plain(query, languages).match
    except UsageError:
        return ""


# -- tags overview and re-tagging -----------------------------------------------------------------


def region_counts(db_path: Path, config: Config) -> list[TagCount]:
    """Every known region (built-in and the user's) with its article count, most articles first."""
    from newsreader import geo

    regions = geo.list_regions(config.regions)
    store = Store.open_existing(db_path)
    if store is None:
        return [TagCount(r.name, r.name, 0) for r in regions]
    with store:
        rows = [TagCount(r.name, r.name, store.region_count(r)) for r in regions]
    return sorted(rows, key=lambda r: (-r.count, r.label))


def country_counts(db_path: Path, *, primary: bool = False) -> list[TagCount]:
    """Every tagged country with its article count, most articles first."""
    from newsreader import geo

    store = Store.open_existing(db_path)
    if store is None:
        return []
    with store:
        counts = store.country_counts(primary)
    rows = [TagCount(code, geo.country_name(code), n) for code, n in counts.items()]
    return sorted(rows, key=lambda r: (-r.count, r.label))


def with_home(article: Article) -> Article:
    """The article with its outlet's home country from its link when none is stored: a store made before
    newsreader read homes from links (newsreader/outlet_home.py) gets them at its next retag."""
    if article.source_country:
        return article
    from newsreader.outlet_home import home_of

    home = home_of(article.source_country, article.url)
    return dataclasses.replace(article, source_country=home) if home else article


def retag(db_path: Path, *, batch: int = 500, progress: Callable[[int], None] | None = None) -> RetagReport:
    """Run the current tagger over every stored article, one transaction per batch; counts changes
    (an outlet's home country filled from the link counts as one)."""
    if batch < 1:
        raise UsageError(f"--batch must be at least 1, got {batch}")
    from newsreader import geo
    from newsreader.local import header_countries
    from newsreader.store.meta import GAZETTEER_VERSION, set_meta

    report = RetagReport()
    store = Store.open_existing(db_path)
    if store is None:
        return report
    version = geo.gazetteer_version()
    with store:
        for articles in store.iter_articles(batch):
            changed = []
            for article in articles:
                new = geo.retag(with_home(article), header_countries)
                if (new.countries, new.regions, new.source_country) != (
                    article.countries,
                    article.regions,
                    article.source_country,
                ):
                    changed.append(new)
            store.update_tags(changed)
            report.total += len(articles)
            report.changed += len(changed)
            if progress:
                progress(report.total)
        set_meta(store, GAZETTEER_VERSION, version)  # fetch need not retag again (core/tagging.py)
    return report
