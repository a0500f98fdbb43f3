"""A one-line channel from the core to the user's terminal, for what the core does slowly and unasked.

The store upgrading its schema (store/schema.py) is the case: the command the user typed waits for it, so
it says so first. The core never writes to the terminal itself; the CLI sets `handler` to write a line on
stderr (stdout stays the command's output, e.g. `--json`), and a library caller or a test can set its own.
Imports nothing, so the CLI can set it on every run at no cost.
"""

from __future__ import annotations

from collections.abc import Callable

handler: Callable[[str], None] | None = None  # None: nobody listens, the core says nothing


def say(message: str) -> None:
    """Pass one line to whoever listens (see `handler`)."""
    if handler is not None:
        handler(message)
