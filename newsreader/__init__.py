"""newsreader: a command-line reader for geopolitical news."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    # importlib.metadata costs tens of milliseconds; only `--version` needs it, so read it on demand.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("newsreader")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0.0.0+local"
    raise AttributeError(name)
