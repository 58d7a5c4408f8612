"""Send: write a bundle for each chosen office to a drive or folder.

Three steps in one dialog: where and for whom; writing (progress, Cancel); what was written —
each file read back and verified before it is listed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...domain.errors import ValidationError
from ...domain.messages import N_
from ...domain.sync import Cancelled, ExportResult, OfficeInfo
from ...i18n import _, human_size, tr
from ...services import exchange, offices
from .. import theme
from ..context import UiContext
from .common import (
    bundle_number,
    fill_table,
    message,
    office_passphrase,
    show_error,
    text_table,
)
from .place_picker import PlacePicker
from .worker import CancelFn, Job, ProgressFn

RESULT_HEADERS = (N_("Recipient"), N_("Bundle"), N_("Records"), N_("Files"), N_("Size"),
                  N_("File"))
SITE_ROLE = Qt.ItemDataRole.UserRole


class ExportDialog(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.job: Job | None = None
        self.results: list[ExportResult] = []
        self.setWindowTitle(_("Send to other offices"))
        self.setMinimumSize(640, 480)
        self.steps = QStackedWidget(self)
        self.steps.addWidget(self._choose_step())
        self.steps.addWidget(self._progress_step())
        self.steps.addWidget(self._done_step())
        self.start_button = QPushButton(_("&Export"), self)
        self.start_button.setObjectName("startExport")
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(_("Cancel"), self)
        self.cancel_button.setObjectName("cancelExport")
        self.cancel_button.clicked.connect(self.reject)
        self.close_button = QPushButton(_("Close"), self)
        self.close_button.setObjectName("closeExport")
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.start_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)
        column = QVBoxLayout(self)
        column.addWidget(self.steps, 1)
        column.addLayout(buttons)
        self._fill_recipients()
        self._show_step(0)

    # -- the steps ---------------------------------------------------------------------------
    def _choose_step(self) -> QWidget:
        page = QWidget(self)
        self.places = PlacePicker(_("&Where to write:"), writable=True, files=False, parent=page)
        self.places.chosen.connect(self._update)
        caption = QLabel(_("For &whom:"), page)
        self.recipients = QListWidget(page)
        theme.legible_check_boxes(self.recipients)
        self.recipients.setObjectName("recipientList")
        self.recipients.setAccessibleName(_("Recipient offices"))
        self.recipients.itemChanged.connect(lambda _item: self._update())
        caption.setBuddy(self.recipients)
        note = QLabel(_("Each office gets its own file holding everything it has not yet "
                        "acknowledged. Only that office can open it."), page)
        note.setWordWrap(True)
        note.setStyleSheet(theme.muted())
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.places, 3)
        column.addWidget(caption)
        column.addWidget(self.recipients, 2)
        column.addWidget(note)
        return page

    def _progress_step(self) -> QWidget:
        page = QWidget(self)
        self.progress_label = QLabel(page)
        self.progress_label.setObjectName("exportProgressLabel")
        self.progress_label.setWordWrap(True)
        self.progress = QProgressBar(page)
        self.progress.setObjectName("exportProgress")
        column = QVBoxLayout(page)
        column.addStretch(1)
        column.addWidget(self.progress_label)
        column.addWidget(self.progress)
        column.addStretch(1)
        return page

    def _done_step(self) -> QWidget:
        page = QWidget(self)
        self.summary = QLabel(page)
        self.summary.setObjectName("exportSummary")
        self.summary.setWordWrap(True)
        self.table = text_table("exportResults", RESULT_HEADERS, page, stretch=5)
        self.table.setAccessibleName(_("Bundles written"))
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.summary)
        column.addWidget(self.table, 1)
        return page

    def _fill_recipients(self) -> None:
        trusted: list[OfficeInfo] = [o for o in offices.list_offices(self.context.uow())
                                     if o.trusted]
        for office in sorted(trusted, key=lambda o: o.name.casefold()):
            label = office.name if not office.region else f"{office.name} ({office.region})"
            item = QListWidgetItem(label)
            item.setData(SITE_ROLE, office.site_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.recipients.addItem(item)

    def chosen_recipients(self) -> list[str]:
        return [str(self.recipients.item(row).data(SITE_ROLE))
                for row in range(self.recipients.count())
                if self.recipients.item(row).checkState() == Qt.CheckState.Checked]

    def _show_step(self, number: int) -> None:
        self.steps.setCurrentIndex(number)
        self.start_button.setVisible(number == 0)
        self.cancel_button.setVisible(number in (0, 1))
        self.cancel_button.setEnabled(True)
        self.close_button.setVisible(number == 2)
        default = {0: self.start_button, 1: self.cancel_button, 2: self.close_button}[number]
        default.setDefault(True)
        default.setFocus()
        self._update()

    def _update(self) -> None:
        if self.steps.currentIndex() == 0:
            ready = self.places.path() is not None and bool(self.chosen_recipients())
            self.start_button.setEnabled(ready)

    # -- the work ----------------------------------------------------------------------------
    def start(self) -> None:
        destination, recipients = self.places.path(), self.chosen_recipients()
        if destination is None or not recipients or self.job is not None:
            return
        if not destination.is_dir():
            show_error(self, _("Send"), ValidationError(N_("'{path}' is not a folder."),
                                                        path=str(destination)))
            return
        answer = office_passphrase(self.context, self, _(
            "The bundles are signed with this office's key."))
        if not answer.ok:
            return
        uow, keychain = self.context.uow, self.context.app.keychain
        work_dir = self.context.app.config.data_dir / "sync"
        passphrase = answer.value

        def work(progress: ProgressFn, cancelled: CancelFn) -> list[ExportResult]:
            return exchange.export_bundles(uow(), keychain, destination, work_dir,
                                           recipients=recipients, passphrase=passphrase,
                                           progress=progress, cancelled=cancelled)

        self.progress.setRange(0, 0)  # busy until the first report
        self.progress_label.setText(tr("Writing to {path}…", path=str(destination)))
        self._show_step(1)
        self.job = Job(work, self._moved, self._finished, self._failed)

    def _moved(self, done: int, total: int) -> None:
        if isValid(self):
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _finished(self, results: list[ExportResult]) -> None:
        self.job = None
        if not isValid(self):
            return
        self.results = results
        rows = [[r.office, bundle_number(r.channel_seq), str(r.rows), str(r.blobs),
                 human_size(r.size), Path(r.path).name] for r in results]
        fill_table(self.table, rows)
        for row, result in enumerate(results):
            self.table.item(row, 5).setToolTip(result.path)
        self.summary.setText(tr(
            "{count} bundle(s) written to {path}, each read back and verified. Take the drive "
            "to the other offices; they import it on their Exchange page.",
            count=len(results), path=str(Path(results[0].path).parent) if results else ""))
        self._show_step(2)

    def _failed(self, error: Exception) -> None:
        self.job = None
        if not isValid(self):
            return
        self._show_step(0)
        if isinstance(error, Cancelled):
            self.places.note.setText(message(error))  # names any bundles already written
            self.places.note.setVisible(True)
            return
        show_error(self, _("Send"), error)

    # -- closing -----------------------------------------------------------------------------
    def reject(self) -> None:
        """Escape or Cancel: while writing, ask the work to stop; the dialog stays until it
        has."""
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(_("Cancelling…"))
            return
        super().reject()

    def busy(self) -> bool:
        return self.job is not None

    def closeEvent(self, event: Any) -> None:
        if self.job is not None:
            self.reject()
            event.ignore()
            return
        super().closeEvent(event)
