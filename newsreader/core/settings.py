"""Paths and the user's config as the command line reaches them: through the core, never config.py itself.

The CLI and the TUI talk to the core only (tests/test_layers.py); config.py stays the one module that
knows platformdirs, environment variables and TOML. Each name here is imported only when called, so a
command that never needs the config parser does not load it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsreader.config import Config


def default_db_path() -> Path:
    """--db wins, then NEWSREADER_DB, then the platform's user data dir."""
    from newsreader.config import default_db_path as path

    return path()


def default_config_path() -> Path:
    """NEWSREADER_CONFIG, else config.toml in the platform's user config dir."""
    from newsreader.config import default_config_path as path

    return path()


def data_dir() -> Path:
    """NEWSREADER_DATA_DIR, else the platform's user data dir."""
    from newsreader.config import data_dir as path

    return path()


def load_config(path: Path | None) -> Config:
    """The config at `path` (else the default path), validated; ConfigError naming file, line and key."""
    from newsreader.config import load_config as load

    return load(path)


def init_config(path: Path | None, *, force: bool = False) -> Path:
    """Write the starter config (never over an existing file unless `force`); returns where."""
    from newsreader.config import init_config as init

    return init(path, force=force)
