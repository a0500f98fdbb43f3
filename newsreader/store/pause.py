"""A test hook: hold one save's transaction open, so a test can interrupt a fetch exactly there.

Ctrl-C or a kill at a random moment mostly lands between transactions; to prove that a feed's half-written
transaction never reaches the store, tests/test_interrupt_mid_save.py sets NEWSREADER_TEST_PAUSE_IN_SAVE to
"N:PATH": the process's N-th save, with its rows written and its transaction still open, creates PATH and
waits (at most a minute) until the test, having sent its signal, removes it. Unset, as always outside that
test, it costs one environment lookup per saved feed.
"""

from __future__ import annotations

import itertools
import os
import time
from pathlib import Path

VARIABLE = "NEWSREADER_TEST_PAUSE_IN_SAVE"
_SAVES = itertools.count(1)


def pause_if_asked() -> None:
    """Called inside a save's transaction, after its rows are written and before the commit."""
    asked = os.environ.get(VARIABLE)
    if not asked:
        return
    number, _, marker = asked.partition(":")
    if next(_SAVES) == int(number):
        path = Path(marker)
        path.touch()
        deadline = time.monotonic() + 60
        while path.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
