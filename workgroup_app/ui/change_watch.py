"""Lists follow what other workstations change (issue 8): every few seconds the store's local
version is read (one row); when it moved on without this window's doing, the pages showing the
changed tables refresh, flagged ``Changed.ELSEWHERE`` so that an editor with no unsaved edits
shows the record anew. Edits in progress are never reloaded: the version check at Save says
when someone else got there first.

Polling rather than PostgreSQL's LISTEN/NOTIFY: it works the same on a SQLite file (a CLI
import while the window is open), needs no connection held open per window, and a dropped
network only delays it.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QObject, QTimer

from ..services import changes
from .context import UiContext
from .operations import Changed, busy

log = logging.getLogger(__name__)
INTERVAL_VARIABLE = "WORKGROUP_REFRESH_SECONDS"
DEFAULT_SECONDS = 5.0

# Tables of the store -> the pages that show them.
TABLE_FLAGS = {
    "agency": Changed.AGENCIES, "person": Changed.PEOPLE,
    "workgroup": Changed.WORKGROUPS, "workgroup_member": Changed.WORKGROUPS,
    "meeting": Changed.MEETINGS, "attendee": Changed.MEETINGS,
    "agenda_item": Changed.MEETINGS, "speech": Changed.MEETINGS,
    "decision": Changed.MEETINGS, "minutes": Changed.MEETINGS,
    "minutes_event": Changed.MEETINGS,
    "action": Changed.ACTIONS, "action_event": Changed.ACTIONS,
    "action_co_agency": Changed.ACTIONS,
    "finding": Changed.FINDINGS, "finding_event": Changed.FINDINGS,
    "calendar_override": Changed.SETTINGS,
}


def interval_seconds() -> float:
    try:
        return max(0.5, float(os.environ.get(INTERVAL_VARIABLE, DEFAULT_SECONDS)))
    except ValueError:
        return DEFAULT_SECONDS


def flags_of(tables: frozenset[str]) -> Changed:
    what = Changed.NOTHING
    for table in tables:
        what |= TABLE_FLAGS.get(table, Changed.NOTHING)
    return what


class ChangeWatch(QObject):
    def __init__(self, context: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.version: int | None = None
        self._emitting = False
        self._failing = False  # the store could not be read at the last look (said once)
        self.timer = QTimer(self)
        self.timer.setInterval(int(interval_seconds() * 1000))
        self.timer.timeout.connect(self.check)
        context.notifier.changed.connect(self._changed_here)
        self._read(notify=False)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def check(self) -> None:
        """Refresh what others changed since the last look."""
        if not busy():  # a long operation of this window (an import) refreshes by itself
            self._read(notify=True)

    def _changed_here(self, what: Changed) -> None:
        # This window saved and the pages showing ``what`` refreshed: others' changes since
        # the last look still refresh the other pages (none is passed over).
        if not self._emitting:
            self._read(notify=True, refreshed=what)

    def _read(self, notify: bool, refreshed: Changed = Changed.NOTHING) -> None:
        try:
            found = changes.changes_since(self.context.uow(), self.version if notify else None)
        except Exception as error:  # a server gone for a moment, a locked file: next tick
            if not self._failing:
                log.warning("change watch: the store cannot be read now (%s)", error)
            self._failing = True
            return
        self._failing = False
        self.version = found.version
        what = flags_of(found.tables) & ~refreshed
        if notify and what:
            self._emitting = True
            try:
                self.context.notifier.notify(what | Changed.ELSEWHERE)
            finally:
                self._emitting = False
