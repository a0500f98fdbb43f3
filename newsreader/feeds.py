"""Feeds: RSS/Atom/JSON Feed over HTTP and from files, and OPML lists (placeholder until feeds land)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newsreader.config import Config
from newsreader.errors import UsageError
from newsreader.models import SourceReport
from newsreader.store import Store


def fetch_feeds(
    store: Store,
    config: Config,
    targets: Sequence[str],
    *,
    source: str | None = None,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
) -> list[SourceReport]:
    """Fetch each feed target (or the configured feeds when none) and store its entries."""
    raise UsageError("feed fetching is not available yet; give .txt or .md files or folders")
