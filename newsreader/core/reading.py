"""Read state and stars: mark read/unread, star/unstar, mark everything a listing shows, unread counts.

Ids may be given in full or as unique prefixes (as `show ID` takes them). Every function opens the
store, does its work in one transaction and closes it, so the CLI and the TUI can call them alike.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from newsreader.core import get_article
from newsreader.errors import NotFoundError, StorageError
from newsreader.models import Article, Filters
from newsreader.store import Store
from newsreader.store import state as st

ALL = 2**31  # a limit that means "every page"


def _open(db_path: Path) -> Store:
    store = Store.open_existing(db_path)
    if store is None:
        raise NotFoundError("the store is empty: nothing to mark (fetch something first)")
    return store


def _set(db_path: Path, ids: Sequence[str], setter: Callable[[Store, Sequence[str], bool], int], on: bool) -> int:
    with _open(db_path) as store:
        return setter(store, st.resolve_ids(store, ids), on)


def _toggle(db_path: Path, article_id: str, starred: bool) -> bool:
    with _open(db_path) as store:
        (full,) = st.resolve_ids(store, [article_id])
        state = st.states(store, [full])[1 if starred else 0]
        (st.set_starred if starred else st.set_read)(store, [full], full not in state)
        return full not in state


def mark_read(db_path: Path, ids: Sequence[str]) -> int:
    """Mark these articles read; returns how many were unread. Unknown ids raise NotFoundError, nothing marked."""
    return _set(db_path, ids, st.set_read, True)


def mark_unread(db_path: Path, ids: Sequence[str]) -> int:
    """Mark these articles unread again; returns how many were read."""
    return _set(db_path, ids, st.set_read, False)


def toggle_read(db_path: Path, article_id: str) -> bool:
    """Flip one article's read state; returns the new state (True = read)."""
    return _toggle(db_path, article_id, starred=False)


def star(db_path: Path, ids: Sequence[str]) -> int:
    """Star these articles (kept by every purge); returns how many were not starred yet."""
    return _set(db_path, ids, st.set_starred, True)


def unstar(db_path: Path, ids: Sequence[str]) -> int:
    """Remove the star from these articles; returns how many were starred."""
    return _set(db_path, ids, st.set_starred, False)


def toggle_star(db_path: Path, article_id: str) -> bool:
    """Flip one article's star; returns the new state (True = starred)."""
    return _toggle(db_path, article_id, starred=True)


def read_article(db_path: Path, article_id: str) -> Article:
    """The article in full, now marked read (what `show ID` and opening it do)."""
    with _open(db_path) as store:
        article = store.get(article_id)
        try:
            st.set_read(store, [article.id], True)
        except StorageError:  # a read-only store (media, permissions) can still be read, just not marked
            return article
    return replace(article, read=True)


def matching_ids(db_path: Path, filters: Filters, query: str | None = None, *, raw: bool = False) -> list[str]:
    """Every id the listing with these filters (and search query, if any) would show, over all its pages.

    The listing and this use the same filters; with a query, this runs the very search `search` runs,
    so `mark read --all` marks exactly what the user saw, no more.
    """
    every = replace(filters, limit=ALL)
    if query:
        from newsreader.core.searching import run

        return [hit.article.id for hit in run(db_path, query, every, raw=raw, snippets=False).hits]
    store = Store.open_existing(db_path)
    if store is None:
        return []
    with store:
        return store.matching_ids(every)


def mark_all(db_path: Path, filters: Filters, query: str | None = None, *, raw: bool = False, read: bool = True) -> int:
    """Mark read (or unread) every article `show`/`search` with these filters lists, all pages; returns
    how many changed state."""
    ids = matching_ids(db_path, filters, query, raw=raw)
    if not ids:
        return 0
    with _open(db_path) as store:
        return st.set_read(store, ids, read)


def unread_count(db_path: Path, filters: Filters) -> int:
    """How many articles of the view these filters make are unread (the limit is ignored)."""
    return unread_counts(db_path, {"": filters})[""]


def unread_counts(db_path: Path, views: Mapping[str, Filters]) -> dict[str, int]:
    """Unread counts for several views at once (name -> filters), in one open of the store."""
    store = Store.open_existing(db_path)
    if store is None:
        return {name: 0 for name in views}
    with store:
        return {name: store.count_matching(replace(f, unread=True)) for name, f in views.items()}


@dataclass(frozen=True, slots=True)
class Opened:
    """What `open` did: the article (now read), its link, and whether a browser took it."""

    article: Article
    url: str
    in_browser: bool


def open_article(db_path: Path, article_id: str) -> Opened:
    """Open the article's link in the browser (`webbrowser`, which honours $BROWSER) and mark it read.

    Without a browser (a headless machine, ssh) `in_browser` is False and the caller shows the URL. Only
    http(s) links are opened: a feed's `javascript:` or `file:` link is treated as no link at all.
    """
    article = get_article(db_path, article_id)
    url = article.url.strip()
    if not url.lower().startswith(("http://", "https://")) or any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise NotFoundError(f"article {article.id} has no web link to open" + (f" ({url!r})" if url else ""))
    import webbrowser

    try:
        in_browser = webbrowser.open(url)
    except webbrowser.Error:
        in_browser = False
    return Opened(read_article(db_path, article.id), url, in_browser)
