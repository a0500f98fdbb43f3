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


class _Clock:
    """A stand-in for pause.py's `time`: each poll's sleep moves the clock on by half a second (a binary
    fraction, so the sums are exact) and takes no real time."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps = 0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps += 1
        self.now += 0.5


def test_the_hook_gives_up_after_a_minute_when_the_marker_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "paused"
    monkeypatch.setenv(pause.VARIABLE, f"{next(pause._SAVES) + 1}:{marker}")
    clock = _Clock()
    monkeypatch.setattr(pause, "time", clock)
    pause.pause_if_asked()
    assert marker.exists()  # nobody removed it: the save goes on anyway
    assert clock.now == 1060.0  # polled until exactly 60 s had passed on its clock, not one poll more
    assert clock.sleeps == 120
