"""Errors newsreader raises on purpose; every message names the input and the cause, for people."""

from __future__ import annotations


class NewsreaderError(Exception):
    """Base of every error we raise on purpose; the CLI prints it as one line."""

    exit_code = 1


class UsageError(NewsreaderError):
    """The user asked for something we cannot do as asked (bad filter, bad date, bad query)."""

    exit_code = 2


class ConfigError(UsageError):
    """The config file is missing, malformed or holds a bad value."""


class InvalidSearchQueryError(UsageError):
    """FTS5 rejected a raw query."""


class UnknownNameError(UsageError):
    """A country or region name in a filter that we do not know."""


class NotFoundError(NewsreaderError):
    """An article id or prefix that matches nothing (or more than one article)."""


class StorageError(NewsreaderError):
    """The database cannot be opened, read or written."""


class SourceError(NewsreaderError):
    """One source (file, folder, feed URL) could not be read or parsed; others go on."""

    def __init__(self, source: str, cause: str) -> None:
        super().__init__(f"{source}: {cause}")
        self.source = source
        self.cause = cause
