"""The overview's reports: executive discipline, the overdue list and the deadlines calendar.
A dialog collects the request; the file is written in the background; the result says where
it went and offers to open it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QGroupBox, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget
from shiboken6 import isValid

from ...domain.errors import DomainError
from ...domain.messages import N_
from ...i18n import _, error_text, tr
from .. import theme
from ..context import UiContext
from ..operations import run_in_background
from .export_dialog import CALENDAR, DISCIPLINE, OVERDUE, ExportDialog, ExportRequest, write

BUSY_TEXT = {DISCIPLINE: N_("Writing the executive discipline report…"),
             OVERDUE: N_("Writing the overdue list…"), CALENDAR: N_("Writing the calendar file…")}


class ReportsPanel(QGroupBox):
    """``exported`` carries the path of each file written; ``failed`` the message of a failure."""

    exported = Signal(Path)
    failed = Signal(str)

    def __init__(self, context: UiContext, as_of: Callable[[], date],
                 today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(_("Reports"), parent)
        self.context = context
        self._as_of = as_of
        self._today = today
        self.dialog: ExportDialog | None = None
        self.last_path: Path | None = None
        self.buttons: dict[str, QPushButton] = {}
        column = QVBoxLayout(self)
        for kind, label, tip in (
                (DISCIPLINE, _("Discipline report…"),
                 _("Per agency: assigned, done on time, done late, overdue, extended")),
                (OVERDUE, _("Overdue list…"), _("Every overdue action, longest overdue first")),
                (CALENDAR, _("Deadlines calendar (.ics)…"),
                 _("The deadlines of open actions as a calendar file"))):
            button = QPushButton(label, self)
            button.setObjectName(f"{kind}Report")
            button.setToolTip(tip)
            button.clicked.connect(lambda _checked=False, k=kind: self.open_dialog(k))
            column.addWidget(button)
            self.buttons[kind] = button
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: how long a report takes is not known ahead
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.hide()
        self.result = QLabel(self)
        self.result.setObjectName("reportResult")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.linkActivated.connect(self._link)
        column.addWidget(self.progress)
        column.addWidget(self.result)
        column.addStretch(1)

    def open_dialog(self, kind: str) -> ExportDialog:
        """Show the (window-modal, non-blocking) dialog of ``kind``; Save starts the export."""
        dialog = ExportDialog(kind, self._as_of(), self._today(), self.window())
        dialog.accepted.connect(lambda: dialog.request and self.export(dialog.request))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def busy(self) -> bool:
        return not self.progress.isHidden()

    def export(self, request: ExportRequest) -> None:
        for button in self.buttons.values():
            button.setEnabled(False)
        self.progress.show()
        self.result.setStyleSheet("")
        self.result.setText(_(BUSY_TEXT[request.kind]))
        uow = self.context.uow
        run_in_background(lambda: write(uow, request), self._done, self._failed)

    def _finish(self) -> None:
        self.progress.hide()
        for button in self.buttons.values():
            button.setEnabled(True)

    def _done(self, path: Path) -> None:
        if not isValid(self):  # the window was closed while the file was written
            return
        self._finish()
        self.last_path = path
        name = "<b>" + escape(path.name) + "</b>"
        saved = tr("Saved to {name}.", name=name)
        open_file, folder = escape(_("Open the file")), escape(_("Show the folder"))
        self.result.setText(f"{saved}<br><a href='open'>{open_file}</a> · "
                            f"<a href='folder'>{folder}</a>")
        self.result.setToolTip(str(path))
        self.exported.emit(path)

    def _failed(self, error: Exception) -> None:
        if not isValid(self):
            return
        self._finish()
        reason = error_text(error) if isinstance(error, DomainError) else str(error)
        text = tr("The report could not be written: {reason}", reason=reason)
        self.result.setStyleSheet(theme.error_style())
        self.result.setText(escape(text))
        self.failed.emit(text)

    def _link(self, which: str) -> None:
        if self.last_path is None:
            return
        target = self.last_path if which == "open" else self.last_path.parent
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
