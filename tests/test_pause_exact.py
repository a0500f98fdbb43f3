"""store/pause.py in process: the hook waits for its marker to go, and no longer than a few polls after.

tests/test_interrupt_mid_save.py uses the hook across processes (which mutmut cannot follow); here it is
called directly, with a thread standing in for the test that removes the marker.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from newsreader.store import pause


def test_the_hook_holds_the_asked_save_until_its_marker_is_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "paused"
    number = next(pause._SAVES) + 1  # the process's next save (the counter is shared by the whole process)
    monkeypatch.setenv(pause.VARIABLE, f"{number}:{marker}")
    removed_at: list[float] = []

    def remove_once_created() -> None:
        deadline = time.monotonic() + 10
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(0.05)  # the hook is waiting by now
        marker.unlink()
        removed_at.append(time.monotonic())

    helper = threading.Thread(target=remove_once_created)
    helper.start()
    pause.pause_if_asked()
    returned = time.monotonic()
    helper.join()
    assert removed_at, "the hook never created its marker"
    assert not marker.exists()
    assert returned - removed_at[0] < 0.5  # it polls every 10 ms: it sees the marker gone at once
    # The next save is not the asked one: it returns at once and creates nothing.
    started = time.monotonic()
    pause.pause_if_asked()
    assert not marker.exists() and time.monotonic() - started < 0.5
