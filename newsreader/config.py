"""Where things live and what the user configured: paths (platformdirs, env vars) and the TOML config."""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsreader.errors import ConfigError

APP = "newsreader"
ENV_DB = "NEWSREADER_DB"
ENV_CONFIG = "NEWSREADER_CONFIG"
ENV_DATA = "NEWSREADER_DATA_DIR"


def data_dir() -> Path:
    override = os.environ.get(ENV_DATA)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP, appauthor=False)


def config_dir() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP, appauthor=False)


def default_db_path() -> Path:
    """--db wins, then NEWSREADER_DB, then the platform's user data dir."""
    override = os.environ.get(ENV_DB)
    return Path(override).expanduser() if override else data_dir() / "newsreader.db"


def default_config_path() -> Path:
    override = os.environ.get(ENV_CONFIG)
    return Path(override).expanduser() if override else config_dir() / "config.toml"


@dataclass(frozen=True, slots=True)
class FeedConfig:
    """One followed feed; `country` is the outlet's home country, not what its articles are about."""

    url: str
    name: str = ""
    country: str = ""
    regions: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    enabled: bool = True  # `enabled = false`: kept in the config, skipped by `fetch` (`feeds disable`)


@dataclass(frozen=True, slots=True)
class Settings:
    concurrency: int = 16
    per_host: int = 4
    timeout: float = 20.0
    connect_timeout: float = 10.0
    max_bytes: int = 10 * 1024 * 1024
    user_agent: str = ""
    keep_days: int = 0  # > 0: after every fetch, delete articles older than this many days (never starred)


@dataclass(frozen=True, slots=True)
class Config:
    path: Path | None = None
    feeds: tuple[FeedConfig, ...] = ()
    regions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    warnings: tuple[str, ...] = ()


def load_config(path: Path | None = None) -> Config:
    """Read the config; a missing file at the default place means defaults, an explicit one must exist."""
    explicit = path is not None or bool(os.environ.get(ENV_CONFIG))
    path = path or default_config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if explicit:
            raise ConfigError(f"{path}: config file not found") from None
        return Config(path=None)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc.strerror})") from exc
    if not raw:  # an empty file means the defaults, as no file does; no parser needed
        return _validate({}, path, "")
    # tomllib is imported here, not at the top: every `show` and `search` reads the config, and most
    # people have none (or an empty one), so they should not pay for the parser's import.
    import tomllib

    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: the config file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    return _validate(data, path, text)


def _validate(data: dict[str, Any], path: Path, text: str) -> Config:
    where = _Locator(path, text)
    warnings: list[str] = []
    for key in data:
        if key not in ("feeds", "regions", "settings"):
            warnings.append(f"{where(key)}: unknown key {key!r} ignored")
    feeds_raw = data.get("feeds", [])
    if not isinstance(feeds_raw, list):
        raise ConfigError(f"{where('feeds')}: 'feeds' must be an array of tables ([[feeds]])")
    feeds = _distinct_feeds([_feed(item, where, warnings) for item in feeds_raw], where, warnings)
    regions_raw = data.get("regions", {})
    if not isinstance(regions_raw, dict):
        raise ConfigError(f"{where('regions')}: 'regions' must be a table of name = [codes]")
    regions: dict[str, tuple[str, ...]] = {}
    for name, codes in regions_raw.items():
        if not isinstance(codes, list) or not all(isinstance(c, str) and len(c) == 2 for c in codes):
            raise ConfigError(f"{where(name)}: region {name!r} must be a list of two-letter country codes")
        regions[name] = tuple(c.upper() for c in codes)
    return Config(
        path=path,
        feeds=feeds,
        regions=regions,
        settings=_settings(data.get("settings", {}), where, warnings),
        warnings=tuple(warnings),
    )


def _feed(item: Any, where: _Locator, warnings: list[str]) -> FeedConfig:
    if not isinstance(item, dict):
        raise ConfigError(f"{where('feeds')}: each [[feeds]] entry must be a table")
    url = item.get("url")
    if not isinstance(url, str) or not re.match(r"^https?://[^\s/]+", url):
        raise ConfigError(f"{where('url', str(url))}: feed 'url' must be an http(s) URL, got {url!r}")
    for key in item:
        if key not in ("url", "name", "country", "regions", "tags", "enabled"):
            warnings.append(f"{where(key)}: unknown feed key {key!r} ignored")
    name, country = item.get("name", ""), item.get("country", "")
    if not isinstance(name, str):
        raise ConfigError(f"{where('name')}: feed 'name' must be a string")
    if not isinstance(country, str) or (country and not re.fullmatch(r"[A-Za-z]{2}", country)):
        raise ConfigError(f"{where('country', str(country))}: feed 'country' must be a two-letter ISO code")
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("regions", "tags"):
        value = item.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where(key)}: feed {key!r} must be a list of strings")
        lists[key] = tuple(value)
    enabled = item.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ConfigError(f"{where('enabled')}: feed 'enabled' must be true or false")
    return FeedConfig(
        url=url, name=name, country=country.upper(), regions=lists["regions"], tags=lists["tags"], enabled=enabled
    )


def _distinct_feeds(feeds: list[FeedConfig], where: _Locator, warnings: list[str]) -> tuple[FeedConfig, ...]:
    """Each feed once: a second [[feeds]] entry for the same feed (another spelling of its URL, or http
    instead of https) is reported and left out, so it is neither fetched nor listed twice."""
    from newsreader.urls import url_key

    kept: dict[str, FeedConfig] = {}
    for feed in feeds:
        first = kept.setdefault(url_key(feed.url), feed)
        if first is not feed:
            warnings.append(
                f"{where('url', feed.url)}: {feed.url} is the same feed as {first.url}, listed earlier; ignored"
            )
    return tuple(kept.values())


def _settings(raw: Any, where: _Locator, warnings: list[str]) -> Settings:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where('settings')}: [settings] must be a table")
    defaults = Settings()
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in Settings.__dataclass_fields__:
            warnings.append(f"{where(key)}: unknown setting {key!r} ignored")
            continue
        expected = type(getattr(defaults, key))
        ok = isinstance(value, expected) or (expected is float and isinstance(value, int))
        off = key == "keep_days" and value == 0  # 0: keep everything
        if not ok or isinstance(value, bool) or (expected is not str and not off and not 0 < value < math.inf):
            raise ConfigError(f"{where(key)}: setting {key!r} must be a positive {expected.__name__}")
        values[key] = float(value) if expected is float else value
    return Settings(**values)


class _Locator:
    """Finds the line a key sits on, so errors can say `config.toml:12: ...`."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def __call__(self, key: str, value: str = "") -> str:
        pattern = re.compile(rf"^\s*(\[\[?\s*)?[\"']?{re.escape(key)}[\"']?\s*(=|\]\]?)")
        for number, line in enumerate(self.lines, start=1):
            if pattern.search(line) and (not value or value in line):
                return f"{self.path}:{number}: key {key!r}"
        return f"{self.path}: key {key!r}"


# -- writing the config -------------------------------------------------------------------------------


def example_config() -> str:
    """The starter config (a copy of config.example.toml shipped inside the package)."""
    from importlib.resources import files

    return files("newsreader").joinpath("config_example.toml").read_text(encoding="utf-8")


def init_config(path: Path | None = None, *, force: bool = False) -> Path:
    """Write the starter config; an existing file is kept unless `force`."""
    path = path or default_config_path()
    if path.exists() and not force:
        raise ConfigError(f"{path}: a config file already exists; use --force to overwrite it")
    _write_atomically(path, example_config())
    return path


def add_feeds(path: Path | None, feeds: list[FeedConfig]) -> tuple[list[FeedConfig], list[FeedConfig]]:
    """Append feeds to the config file, keeping its comments and layout; returns (added, already there)."""
    import tomllib

    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    path = path or default_config_path()
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc})") from exc
    if text:
        load_config(path)  # refuse to edit a config that is already invalid
    try:
        doc = tomlkit.parse(text)
    except TOMLKitError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if "feeds" not in doc:
        doc.append("feeds", tomlkit.aot())
    table = doc["feeds"]
    if not isinstance(table, list):
        raise ConfigError(f"{path}: 'feeds' must be an array of tables ([[feeds]])")
    from newsreader.urls import url_key

    present = {url_key(str(item.get("url", ""))) for item in table if hasattr(item, "get")}
    added: list[FeedConfig] = []
    existing: list[FeedConfig] = []
    for feed in feeds:
        if url_key(feed.url) in present:
            existing.append(feed)
            continue
        present.add(url_key(feed.url))
        item = tomlkit.table()
        item.add("url", feed.url)
        if feed.name:
            item.add("name", feed.name)
        if feed.country:
            item.add("country", feed.country)
        if feed.regions:
            item.add("regions", list(feed.regions))
        if feed.tags:
            item.add("tags", list(feed.tags))
        item.add(tomlkit.nl())
        table.append(item)
        added.append(feed)
    new_text = tomlkit.dumps(doc)
    _validate(tomllib.loads(new_text), path, new_text)
    if added:
        _write_atomically(path, new_text)
    return added, existing


def _write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename: a crash never leaves half a config."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write the config file ({exc.strerror or exc})") from exc
