"""newsreader: a command-line reader for geopolitical news."""

from __future__ import annotations

# A literal, not importlib.metadata: reading package metadata costs ~20 ms on every start-up.
# pyproject.toml takes the package version from here (tool.setuptools.dynamic).
__version__ = "0.1.0"
