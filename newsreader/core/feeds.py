"""The configured feeds as the command line reaches them: statuses, OPML export and import, editing the list.

The CLI talks to the core only (tests/test_layers.py); the work is done by feeds.py (fetching and the
store's view of each feed) and feedlist.py (editing the config file in place), imported when called.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsreader.config import Config, FeedConfig
    from newsreader.feeds import FeedStatus


def feed_statuses(db_path: Path, config: Config) -> list[FeedStatus]:
    """Every configured feed with its last fetch, status and stored article count."""
    from newsreader.feeds import feed_statuses as statuses

    return statuses(db_path, config)


def export_opml(config: Config) -> str:
    """The configured feeds as an OPML 2.0 document."""
    from newsreader.feeds import export_opml as export

    return export(config)


def import_opml(config_path: Path | None, opml_path: Path) -> tuple[list[FeedConfig], list[FeedConfig], list[str]]:
    """Add an OPML list's feeds to the config file; returns (added, already configured, notes)."""
    from newsreader.feeds import import_opml as add_listed

    return add_listed(config_path, opml_path)


def add_feed(
    config_path: Path | None, url: str, *, name: str = "", country: str = "", tags: Sequence[str] = ()
) -> Path:
    """Append one feed to the config file (created if missing); UsageError for a URL already configured."""
    from newsreader.config import FeedConfig
    from newsreader.feedlist import add_feed as append

    return append(config_path, FeedConfig(url=url, name=name, country=country, tags=tuple(tags)))


def remove_feed(config_path: Path | None, url_or_name: str) -> FeedConfig:
    """Take a feed out of the config file; returns it (NotFoundError when no feed has that URL or name)."""
    from newsreader.feedlist import remove_feed as remove

    return remove(config_path, url_or_name)


def set_enabled(config_path: Path | None, url_or_name: str, enabled: bool) -> FeedConfig:
    """Enable or disable a configured feed in place; returns it."""
    from newsreader.feedlist import set_enabled as switch

    return switch(config_path, url_or_name, enabled)
