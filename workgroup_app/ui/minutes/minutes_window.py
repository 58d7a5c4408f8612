"""The minutes of one meeting: preview, print and save the protocol, and take it through its
steps — approve, reopen, sign as chair then secretary, amend — and make extracts.

A draft is shown as built now from the meeting; a fixed version as its stored bytes, which
are what Print and Save use (Save copies them exactly: a re-printed PDF has no signatures).
Building, signing and checking signatures run off the UI thread (pyHanko calls asyncio.run).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from ...domain.access import Permission
from ...domain.errors import DomainError, ValidationError
from ...domain.minutes import MinutesVersion, SignerRole
from ...domain.minutes_life import MinutesStatus
from ...i18n import _, error_text, tr
from ...services import meetings, minutes, workgroups
from ..access import offer
from ..context import UiContext
from ..operations import Changed, run_in_background
from . import printing
from .minutes_layout import MinutesLayout
from .minutes_steps import MinutesSteps
from .versions_table import status_text

SIGNED_STATES = (MinutesStatus.SIGNED_BY_CHAIR, MinutesStatus.SIGNED, MinutesStatus.SUPERSEDED)

_open: dict[str, MinutesWindow] = {}


def open_minutes_window(context: UiContext, meeting_id: str,
                        parent: QWidget | None = None) -> MinutesWindow:
    """The minutes window of the meeting, raised if it is open already (one per meeting)."""
    window = _open.get(meeting_id)
    if window is None:
        window = MinutesWindow(context, meeting_id, parent)
        _open[meeting_id] = window
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def _message(error: Exception) -> str:
    if isinstance(error, DomainError):
        return error_text(error)
    return tr("Something went wrong: {reason}", reason=str(error) or type(error).__name__)


class MinutesWindow(QDialog):
    def __init__(self, context: UiContext, meeting_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.meeting_id = meeting_id
        self.setObjectName("minutesWindow")
        self.setWindowTitle(_("Minutes"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setModal(False)
        self.versions: list[MinutesVersion] = []
        self.chosen: int | None = None  # the version shown; None: the newest
        self.data: bytes | None = None  # the bytes shown: stored, or built for a draft
        self.number = 0
        self._busy = False
        self._closed = False
        self._own_notice = False  # this window's own notice of a change is no news to it
        self.ui = ui = MinutesLayout(self)
        self.steps = steps = MinutesSteps(self)
        ui.workflow.approve.clicked.connect(steps.approve)
        ui.workflow.reopen.clicked.connect(steps.reopen)
        ui.workflow.sign_chair.clicked.connect(lambda: steps.sign(SignerRole.CHAIR))
        ui.workflow.sign_secretary.clicked.connect(lambda: steps.sign(SignerRole.SECRETARY))
        ui.workflow.amend.clicked.connect(steps.amend)
        ui.workflow.extract.clicked.connect(steps.extract)
        # Each role gets the steps it may take; preview, print, save and extracts are for all.
        flow = ui.workflow
        offer(context, Permission.EDIT_MINUTES, flow.approve, flow.reopen, flow.amend)
        offer(context, Permission.SIGN_AS_CHAIR, flow.sign_chair)
        offer(context, Permission.SIGN_AS_SECRETARY, flow.sign_secretary)
        ui.print_button.clicked.connect(self.print_)
        ui.save_button.clicked.connect(self.save_pdf)
        ui.close_button.clicked.connect(self.close)
        ui.language.currentIndexChanged.connect(lambda _i: self._show_chosen())
        ui.execution.toggled.connect(lambda _on: self._show_chosen())
        ui.versions.version_chosen.connect(self._choose)
        context.notifier.changed.connect(self._meeting_changed)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_pdf)
        self.resize(1180, 820)
        self.reload()

    # -- reading ---------------------------------------------------------------------------
    def latest(self) -> MinutesVersion | None:
        return self.versions[-1] if self.versions else None

    def shown(self) -> MinutesVersion | None:
        return next((v for v in self.versions if v.version == self.chosen), self.latest())

    def reload(self) -> None:
        """Read the meeting and its versions again and show the chosen one."""
        ui = self.ui
        ui.error.show_text("")
        try:
            meeting = meetings.get_meeting(self.context.uow(), self.meeting_id)
            group = workgroups.get_workgroup(self.context.uow(), meeting.workgroup_id)
            self.versions = minutes.versions(self.context.uow(), self.meeting_id)
        except DomainError as error:
            self.versions, self.data = [], None
            ui.preview.show_message(_message(error))
            self._update()
            return
        self.number = meeting.number or 0
        title = tr("Protocol No. {number} — {workgroup}, {date}", number=meeting.number,
                   workgroup=group.name, date=meeting.held_on)
        ui.heading.setText(title)
        self.setWindowTitle(title)
        latest = self.latest()
        if latest is not None:
            ui.set_options(latest.lang, latest.include_execution)
        ui.versions.set_versions(self.versions, self.chosen)
        self._show_chosen()

    def _meeting_changed(self, what: Changed) -> None:
        """The meeting was saved elsewhere: a draft shows what it would be now."""
        if what & Changed.MEETINGS and not (self._own_notice or self._closed or self._busy):
            self.reload()

    def _choose(self, version: int) -> None:
        latest = self.latest()
        self.chosen = None if latest is not None and version == latest.version else version
        self._show_chosen()

    def _show_chosen(self) -> None:
        version = self.shown()
        self.ui.status.setText(status_text(version))
        self.ui.hide_signatures()
        self.data = None
        if version is None or version.status == MinutesStatus.DRAFT:
            self._build_draft()
            return
        try:
            _found, data = minutes.document(self.context.uow(), self.meeting_id,
                                            version.version)
        except DomainError as error:
            self.ui.preview.show_message(_message(error))
            self._update()
            return
        self._show_data(data)
        if version.signatures and version.status in SIGNED_STATES:
            self.ui.show_checking()
            self.run(_("Checking the signatures…"),
                      lambda: minutes.verify(self.context.uow(), data), self.ui.show_report,
                      lambda error: self.ui.show_check_failure(_message(error)))
        self._update()

    def _build_draft(self) -> None:
        lang, execution = self.ui.options()

        def refused(error: Exception) -> None:
            self.data = None
            hint = _("Complete the meeting and save it: the protocol then appears here.") \
                if isinstance(error, ValidationError) else ""
            self.ui.preview.show_message("\n\n".join(t for t in (_message(error), hint) if t))

        self.run(_("Building the protocol…"),
                  lambda: minutes.build(self.context.uow(), self.meeting_id, lang=lang,
                                        include_execution=execution), self._show_data, refused)

    def _show_data(self, data: bytes) -> None:
        self.data = data
        self.ui.preview.show_pdf(data)

    def _update(self) -> None:
        latest = self.latest()
        status = latest.status if latest is not None else None
        idle = not self._busy
        draft_shown = self.shown() is latest and status in (None, MinutesStatus.DRAFT)
        self.ui.workflow.update_state(status, idle=idle,
                                      built=draft_shown and self.data is not None)
        self.ui.set_options_enabled(idle and draft_shown and self.data is not None)
        self.ui.print_button.setEnabled(idle and self.data is not None)
        self.ui.save_button.setEnabled(idle and self.data is not None)
        self.ui.versions.setEnabled(idle)

    # -- background work -----------------------------------------------------------------
    def run(self, label: str, work: Callable[[], Any], done: Callable[[Any], None],
             failed: Callable[[Exception], None] | None = None, changes: bool = False) -> None:
        self._set_busy(label)

        def succeeded(result: Any) -> None:
            if changes:  # the meeting editor reloads even if this window was closed
                self._own_notice = True
                try:
                    self.context.notifier.notify(Changed.MEETINGS)
                finally:
                    self._own_notice = False
            if not self._closed:
                self._set_busy("")
                done(result)
                self._update()  # done() may have shown a document or started more work

        def failure(error: Exception) -> None:
            if not self._closed:
                self._set_busy("")
                (failed or (lambda e: self.ui.error.show_text(_message(e))))(error)
                self._update()

        run_in_background(work, succeeded, failure)

    def _set_busy(self, label: str) -> None:
        self._busy = bool(label)
        self.ui.show_busy(label)
        self._update()

    def busy(self) -> bool:
        return self._busy

    # -- the steps (MinutesSteps) take them through here ----------------------------------
    def step(self, label: str, work: Callable[[], Any]) -> None:
        self.ui.error.show_text("")
        self.run(label, work, lambda _result: self._after_step(), changes=True)

    def _after_step(self) -> None:
        self.chosen = None
        self.reload()

    # -- output ---------------------------------------------------------------------------
    def print_(self) -> None:
        if self.data is not None and not self._busy:
            printing.print_pdf(self.data, self, self.ui.preview.current_page())

    def save_pdf(self) -> None:
        version = self.shown()
        if self.data is None or self._busy:
            return
        number = version.version if version is not None else 1
        name = tr("protocol-{number}-v{version}.pdf", number=self.number, version=number)
        self.save_bytes(self.data, name, _("Save the protocol as PDF"))

    def save_bytes(self, data: bytes, name: str, title: str) -> Path | None:
        """Write ``data`` exactly as it is to a file the user chooses."""
        path, _filter = QFileDialog.getSaveFileName(self, title, name, _("PDF files (*.pdf)"))
        if not path:
            return None
        target = Path(path) if Path(path).suffix else Path(path).with_suffix(".pdf")
        try:
            target.write_bytes(data)
        except OSError as error:
            self.ui.error.show_text(tr("The file {path} cannot be written: {reason}",
                                       path=str(target), reason=error.strerror or str(error)))
            return None
        self.ui.note.setText(tr("Saved to {path}", path=str(target)))
        return target

    # -- closing --------------------------------------------------------------------------
    def _forget(self) -> None:
        self._closed = True
        if _open.get(self.meeting_id) is self:
            del _open[self.meeting_id]

    def closeEvent(self, event: QCloseEvent) -> None:
        self._forget()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self._forget()
        super().done(result)

