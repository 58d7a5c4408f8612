"""Audit: the trail of every change — who, when, at which office, what (old → new) — newest
first, filtered by user, record kind, record and day; one entry in full beside the list; the
filtered trail exported as PDF or XLSX; and each office's hash chain verified, off the UI
thread. Every role may read it."""

from __future__ import annotations

from html import escape
from itertools import pairwise
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.messages import N_
from ...domain.views import ListQuery
from ...i18n import _, tr
from ...services import audit
from ...services.audit import AuditLine, AuditVerification
from .. import theme
from ..audit.details_pane import AuditDetailsPane
from ..audit.entries_model import COLUMN_WIDTHS, audit_query, entries_model
from ..audit.filter_bar import AuditFilterBar
from ..context import UiContext
from ..exchange.common import message
from ..exchange.worker import CancelFn, Job, ProgressFn
from ..models.paged import ROW_ROLE
from ..operations import Changed
from ..overview.export_dialog import FOLDER_KEY, default_folder
from ..widgets.list_tools import arrange_columns
from .base import Page

FORMAT_FILTERS = {".pdf": N_("PDF files (*.pdf)"), ".xlsx": N_("Excel workbooks (*.xlsx)")}
FILE_STEM = N_("audit-trail")  # the file name offered
EXPORT_TITLES = {".pdf": N_("Export the audit trail as PDF"),
                 ".xlsx": N_("Export the audit trail as XLSX")}


class AuditPage(Page):
    key = "audit"
    title = N_("Audit")
    shows = Changed.ALL  # every change writes an entry

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.verify_job: Job | None = None
        self.export_job: Job | None = None
        self.exporting = False
        self.model = entries_model(context.uow)
        self.filter_bar = AuditFilterBar(self)
        self.filter_bar.changed.connect(self._filters_changed)
        self.table = QTableView(self)
        self.table.setObjectName("auditTable")
        self.table.setAccessibleName(_("Audit trail"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        arrange_columns(self.table, COLUMN_WIDTHS, stretch=len(COLUMN_WIDTHS))
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.details = AuditDetailsPane(self)
        self.details.record_chosen.connect(self.show_record)
        self.count = QLabel(self)
        self.count.setObjectName("auditCount")
        self.model.modelReset.connect(self._count)
        self.model.rowsInserted.connect(self._count)
        self._buttons()
        self._layout()
        self.refresh()
        self._fresh = True  # read just now: the first activation need not read again

    def _buttons(self) -> None:
        self.export_pdf = QPushButton(_("Export &PDF…"), self)
        self.export_pdf.setObjectName("auditExportPdf")
        self.export_pdf.clicked.connect(lambda: self.export(".pdf"))
        self.export_xlsx = QPushButton(_("Export &XLSX…"), self)
        self.export_xlsx.setObjectName("auditExportXlsx")
        self.export_xlsx.clicked.connect(lambda: self.export(".xlsx"))
        for button in (self.export_pdf, self.export_xlsx):
            button.setToolTip(_("Write every entry the filters show to a file"))
        self.verify_button = QPushButton(_("&Verify chain"), self)
        self.verify_button.setObjectName("auditVerify")
        self.verify_button.setToolTip(_("Check that no entry was changed, removed or slipped "
                                        "in since it was written"))
        self.verify_button.clicked.connect(self.verify)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("auditProgress")
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.verify_result = QLabel(self)
        self.verify_result.setObjectName("auditVerifyResult")
        self.verify_result.setWordWrap(True)
        self.verify_result.setTextFormat(Qt.TextFormat.PlainText)
        self.verify_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verify_result.hide()
        self.status = QLabel(self)
        self.status.setObjectName("auditStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _layout(self) -> None:
        heading = QLabel("<h2>" + escape(_("Audit trail")) + "</h2>", self)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        for widget in (self.progress, self.export_pdf, self.export_xlsx, self.verify_button):
            top.addWidget(widget)
        self.filter_bar.second_row.addWidget(self.count)
        # The details go below: an entry's line is wide, and its changes want the width too.
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([420, 260])
        self.splitter = splitter
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.verify_result)
        column.addWidget(self.filter_bar)
        column.addWidget(splitter, 1)
        column.addWidget(self.status)
        chain = [self.filter_bar.user, self.filter_bar.kind, self.filter_bar.record,
                 self.filter_bar.date_from.line, self.filter_bar.date_to.line,
                 self.filter_bar.reset, self.table, self.details.only_record, self.export_pdf,
                 self.export_xlsx, self.verify_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- the list ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.filter_bar.fill_users(audit.users(self.context.uow()))
        self.model.reload()
        self.details.clear()

    def _on_changed(self, what: Changed) -> None:
        if what & self.shows and self.isVisible():
            self.refresh()  # else the next visit reads it

    def activated(self) -> None:
        # Sign-ins and account changes notify no page: read the trail again on each visit.
        if self._fresh:
            self._fresh = False
            return
        self.refresh()

    def _filters_changed(self) -> None:
        self.model.set_query(ListQuery(filters=self.filter_bar.filters(), limit=audit.PAGE))
        self.details.clear()

    def show_filtered(self, filters: dict[str, str]) -> None:
        """Show the entries ``filters`` name (keys "user", "table", "row_id", "from", "to")."""
        self.filter_bar.set_filters(filters)

    def show_record(self, row_id: str) -> None:
        self.show_filtered({"row_id": row_id})

    def _count(self, *_args: object) -> None:
        self.count.setText(tr("Entries: {count}", count=self.model.total))

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        line = self.model.data(current, ROW_ROLE) if current.isValid() else None
        if isinstance(line, AuditLine):
            self.details.show_line(line)
        else:
            self.details.clear()

    # -- export --------------------------------------------------------------------------------
    def export(self, suffix: str) -> None:
        """Ask where, then write every entry the filters show in the background."""
        if self.exporting:
            return
        start = default_folder() / (_(FILE_STEM) + suffix)
        name, _filter = QFileDialog.getSaveFileName(self, _(EXPORT_TITLES[suffix]), str(start),
                                                    _(FORMAT_FILTERS[suffix]))
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != suffix:  # a name typed without its ending
            path = path.with_name(path.name + suffix)
        QSettings("Workgroup", "Workgroup").setValue(FOLDER_KEY, str(path.parent))
        query = audit_query(self.filter_bar.filters())
        uow = self.context.uow
        self._exporting(True)
        self._say(_("Writing the file…"))
        self.export_job = Job(lambda progress, _cancelled: audit.export(uow(), query, path,
                                                                        progress),
                              self._show_progress, lambda count: self._exported(path, count),
                              self._export_failed)

    def _exporting(self, running: bool) -> None:
        self.exporting = running
        for button in (self.export_pdf, self.export_xlsx):
            button.setEnabled(not running)
        self._progress_shown()

    def _progress_shown(self) -> None:
        """The bar shows while an export or a verification runs (busy until a step comes)."""
        running = self.exporting or (self.verify_job is not None and self.verify_job.running)
        if running and self.progress.isHidden():
            self.progress.setRange(0, 0)
        self.progress.setVisible(running)

    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _exported(self, path: Path, count: Any) -> None:
        self._exporting(False)
        self._say(tr("Written {count} entries to {path}.", count=count, path=str(path)))

    def _export_failed(self, error: Exception) -> None:
        self._exporting(False)
        self._say(tr("The file was not written: {reason}", reason=message(error)), error=True)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(theme.error_style() if error else theme.muted())

    # -- verification --------------------------------------------------------------------------
    def verify(self) -> None:
        """Check every office's chain on the thread pool; the result shows above the list."""
        if self.verify_job is not None and self.verify_job.running:
            return
        uow = self.context.uow

        def work(progress: ProgressFn, _cancelled: CancelFn) -> AuditVerification:
            total = audit.count(uow(), audit.AuditQuery())
            done = 0

            def step(entries: int) -> None:
                nonlocal done
                done += entries
                progress(done, total)

            return audit.verify(uow(), step)

        self.verify_button.setEnabled(False)
        self.verify_result.setStyleSheet(theme.muted())
        self.verify_result.setText(_("Verifying the audit trail…"))
        self.verify_result.show()
        self.verify_job = Job(work, self._show_progress, self._verified, self._verify_failed)
        self._progress_shown()

    def _verify_finished(self) -> None:
        self.verify_button.setEnabled(True)
        self._progress_shown()

    def _verified(self, result: AuditVerification) -> None:
        self._verify_finished()
        if not result.chains:
            lines = [_("The audit trail is empty.")]
        elif result.intact:
            lines = [tr("The audit trail is intact: {count} entries.", count=result.entries)]
        else:
            lines = [_("The audit trail was changed after it was written:")]
        lines += [chain.message() for chain in result.chains]
        self.verify_result.setText("\n".join(lines))
        self.verify_result.setProperty("broken", not result.intact)
        self.verify_result.setStyleSheet("" if result.intact else theme.error_style())

    def _verify_failed(self, error: Exception) -> None:
        self._verify_finished()
        self.verify_result.setText(tr("The audit trail could not be verified: {reason}",
                                      reason=message(error)))
        self.verify_result.setProperty("broken", None)
        self.verify_result.setStyleSheet(theme.error_style())
