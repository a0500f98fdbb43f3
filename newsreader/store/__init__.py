"""SQLite storage of articles, their tags, and feed state."""

from newsreader.store.db import Store

__all__ = ["Store"]
