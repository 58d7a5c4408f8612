"""All slow work leaves the UI thread through ``run_in_background``; pages learn what changed
through one ``ChangeNotifier`` so each refreshes only what it shows (after Anki's operations)."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from enum import Flag, auto
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ..domain.errors import DomainError

log = logging.getLogger(__name__)


class Changed(Flag):
    NOTHING = 0
    AGENCIES = auto()
    PEOPLE = auto()
    WORKGROUPS = auto()
    MEETINGS = auto()
    ACTIONS = auto()
    SETTINGS = auto()  # office settings: country, calendar entries, reminders
    FINDINGS = auto()  # supervision findings and their events
    ALL = AGENCIES | PEOPLE | WORKGROUPS | MEETINGS | ACTIONS | SETTINGS | FINDINGS
    # Added to the flags above when the change was made elsewhere (another workstation, an
    # import, the CLI): editors without unsaved edits show the record anew.
    ELSEWHERE = auto()


class ChangeNotifier(QObject):
    """Pages connect to ``changed`` and refresh when a flag they show is set."""

    changed = Signal(object)

    def notify(self, what: Changed) -> None:
        self.changed.emit(what)


class _Bridge(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], bridge: _Bridge) -> None:
        super().__init__()
        self.fn = fn
        self.bridge = bridge

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # reported to the caller's failure handler on the UI thread
            if not isinstance(exc, DomainError):
                log.error("background task failed:\n%s", traceback.format_exc())
            self.bridge.failed.emit(exc)
        else:
            self.bridge.succeeded.emit(result)


_running: set[_Bridge] = set()


def run_in_background(fn: Callable[[], Any], on_success: Callable[[Any], None],
                      on_failure: Callable[[Exception], None]) -> None:
    """Run ``fn`` on the thread pool; the callbacks run on the UI thread afterwards."""
    bridge = _Bridge()
    _running.add(bridge)

    def succeeded(result: Any) -> None:
        _running.discard(bridge)
        on_success(result)

    def failed(error: Exception) -> None:
        _running.discard(bridge)
        on_failure(error)

    bridge.succeeded.connect(succeeded)
    bridge.failed.connect(failed)
    QThreadPool.globalInstance().start(_Task(fn, bridge))


def busy() -> bool:
    return bool(_running)
