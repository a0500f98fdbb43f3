"""newsreader: a command-line reader for geopolitical news."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsreader")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+local"
