"""Long exchange work off the UI thread, with progress and a cancel flag.

The work runs through ``operations.run_in_background`` (so ``operations.busy()`` knows of it);
its progress reaches the UI thread through a signal of an object made here, on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from ..operations import run_in_background

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


class _Progress(QObject):
    moved = Signal(int, int)


class Job:
    """``work(progress, cancelled)`` runs on the thread pool; ``on_progress(done, total)``,
    ``on_success(result)`` and ``on_failure(error)`` run on the UI thread."""

    STEPS = 1000  # progress is passed on at most this many times

    def __init__(self, work: Callable[[ProgressFn, CancelFn], Any],
                 on_progress: ProgressFn, on_success: Callable[[Any], None],
                 on_failure: Callable[[Exception], None]) -> None:
        self.cancel_requested = False
        self.running = True
        self._signal = _Progress()
        self._signal.moved.connect(on_progress)
        self._last = -1

        def progress(done: int, total: int) -> None:
            step = self.STEPS if total <= 0 else min(self.STEPS, done * self.STEPS // total)
            if step != self._last:
                self._last = step
                self._signal.moved.emit(step, self.STEPS)

        def succeeded(result: Any) -> None:
            self.running = False
            on_success(result)

        def failed(error: Exception) -> None:
            self.running = False
            on_failure(error)

        run_in_background(lambda: work(progress, self.cancelled), succeeded, failed)

    def cancelled(self) -> bool:
        return self.cancel_requested

    def cancel(self) -> None:
        self.cancel_requested = True
