"""Editing the config's feed list in place (tomlkit): add, remove, disable, enable; comments and layout kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsreader.config import FeedConfig, add_feeds, default_config_path, load_config
from newsreader.errors import ConfigError, NotFoundError, UsageError


def add_feed(path: Path | None, feed: FeedConfig) -> Path:
    """Append one feed; refuses a URL already configured under any spelling (urls.url_key)."""
    from newsreader.urls import is_url, url_key

    if not is_url(feed.url):
        raise UsageError(f"{feed.url!r} is not an http(s) feed URL")
    path = path or default_config_path()
    if path.exists():
        for known in load_config(path).feeds:
            if url_key(known.url) == url_key(feed.url):
                raise UsageError(f"{feed.url} is already configured in {path} (as {known.url})")
    add_feeds(path, [feed])
    return path


def _document(path: Path) -> tuple[Any, Any]:
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    if not path.exists():
        raise ConfigError(f"{path}: config file not found; add a feed with `newsreader feeds add URL`")
    load_config(path)  # refuse to edit a config that is already invalid
    try:
        doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, TOMLKitError) as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc})") from exc
    return doc, doc.get("feeds", [])


def _find(path: Path, table: Any, url_or_name: str) -> int:
    """The index of the feed with this URL (any spelling) or name (case-insensitive)."""
    from newsreader.urls import url_key

    key = url_key(url_or_name)
    for i, item in enumerate(table):
        url, name = str(item.get("url", "")), str(item.get("name", ""))
        if (key and url_key(url) == key) or (not key and name.casefold() == url_or_name.strip().casefold()):
            return i
    raise NotFoundError(f"no feed {url_or_name!r} in {path} (see `newsreader feeds`)")


def _save(path: Path, doc: Any) -> None:
    import tomlkit

    from newsreader.config import _write_atomically

    _write_atomically(path, tomlkit.dumps(doc))
    load_config(path)


def remove_feed(path: Path | None, url_or_name: str) -> FeedConfig:
    """Take a feed out of the config; returns it (its stored articles are the caller's business)."""
    path = path or default_config_path()
    doc, table = _document(path)
    index = _find(path, table, url_or_name)
    item = table[index]
    feed = FeedConfig(url=str(item.get("url", "")), name=str(item.get("name", "")))
    del table[index]
    _save(path, doc)
    return feed


def set_enabled(path: Path | None, url_or_name: str, enabled: bool) -> FeedConfig:
    """Disable a feed (`enabled = false`: kept in the config, skipped by `fetch`) or enable it again."""
    path = path or default_config_path()
    doc, table = _document(path)
    item = table[_find(path, table, url_or_name)]
    if enabled:
        if "enabled" in item:
            del item["enabled"]
    else:
        item["enabled"] = False
    _save(path, doc)
    return FeedConfig(url=str(item.get("url", "")), name=str(item.get("name", "")))
