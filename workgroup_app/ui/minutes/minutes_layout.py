"""The widgets of the minutes window and where they sit: heading and status on top; the
protocol's options, the steps and the versions on the left; the signature banner and the
preview on the right; progress, Print, Save and Close at the bottom."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.messages import N_
from ...domain.minutes import PROTOCOL_LANGUAGES, VerificationReport
from ...i18n import _, language, tr
from ..widgets.form import ErrorLabel
from .pdf_view import PdfPreview
from .verify_dialog import VerificationPanel
from .versions_table import VersionsTable
from .workflow_bar import WorkflowBar

LANGUAGE_NAMES = {"ru": N_("Russian"), "en": N_("English")}


class MinutesLayout:
    def __init__(self, window: QDialog) -> None:
        self.heading = QLabel(window)
        self.heading.setObjectName("minutesHeading")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.status = QLabel(window)
        self.status.setObjectName("minutesStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = ErrorLabel(window)
        self.error.setObjectName("minutesError")
        self.workflow = WorkflowBar(window)
        self.versions = VersionsTable(window)
        # Whether the signatures hold: the preview is a flattened copy and cannot tell.
        self.signatures = VerificationPanel(window)
        self.signatures.setObjectName("minutesSignatures")
        self.signatures.hide()
        self.preview = PdfPreview(window)
        self.progress = QProgressBar(window)
        self.progress.setObjectName("minutesProgress")
        self.progress.setRange(0, 0)  # busy, no measure of how far
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.note = QLabel(window)
        self.note.setObjectName("minutesNote")
        self.print_button = QPushButton(_("Print…"), window)
        self.print_button.setObjectName("minutesPrint")
        self.print_button.setToolTip(_("Print the protocol shown (Ctrl+P)"))
        self.save_button = QPushButton(_("Save as PDF…"), window)
        self.save_button.setObjectName("minutesSave")
        self.save_button.setToolTip(_("Save the protocol shown, exactly as stored (Ctrl+S)"))
        self.close_button = QPushButton(_("Close"), window)
        self.close_button.setObjectName("minutesClose")
        self._options(window)
        self._arrange(window)

    def _options(self, window: QDialog) -> None:
        self.options_box = QGroupBox(_("Protocol"), window)
        form = QFormLayout(self.options_box)
        self.language = QComboBox(self.options_box)
        self.language.setObjectName("minutesLanguage")
        for code in PROTOCOL_LANGUAGES:
            self.language.addItem(_(LANGUAGE_NAMES[code]), code)
        current = language() if language() in PROTOCOL_LANGUAGES else "ru"
        self.language.setCurrentIndex(self.language.findData(current))
        form.addRow(_("Language:"), self.language)
        self.execution = QCheckBox(_("Include the execution of earlier decisions"),
                                   self.options_box)
        self.execution.setObjectName("minutesExecution")
        form.addRow(self.execution)

    def _arrange(self, window: QDialog) -> None:
        side = QWidget(window)
        side_column = QVBoxLayout(side)
        side_column.setContentsMargins(0, 0, 0, 0)
        side_column.addWidget(self.options_box)
        side_column.addWidget(self.workflow)
        versions_box = QGroupBox(_("Versions"), side)
        versions_column = QVBoxLayout(versions_box)
        versions_column.addWidget(self.versions)
        side_column.addWidget(versions_box, 1)
        main = QWidget(window)
        main_column = QVBoxLayout(main)
        main_column.setContentsMargins(0, 0, 0, 0)
        main_column.addWidget(self.signatures)
        main_column.addWidget(self.preview, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, window)
        splitter.addWidget(side)
        splitter.addWidget(main)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 820])
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress)
        bottom.addWidget(self.note, 1)
        for button in (self.print_button, self.save_button, self.close_button):
            bottom.addWidget(button)
        column = QVBoxLayout(window)
        column.addWidget(self.heading)
        column.addWidget(self.status)
        column.addWidget(self.error)
        column.addWidget(splitter, 1)
        column.addLayout(bottom)

    # -- state -----------------------------------------------------------------------------
    def options(self) -> tuple[str, bool]:
        """The protocol's language and whether it reports on earlier decisions."""
        return str(self.language.currentData()), self.execution.isChecked()

    def set_options(self, lang: str, include_execution: bool) -> None:
        """Show a version's options without rebuilding anything."""
        for widget in (self.language, self.execution):
            widget.blockSignals(True)
        self.language.setCurrentIndex(max(0, self.language.findData(lang)))
        self.execution.setChecked(include_execution)
        for widget in (self.language, self.execution):
            widget.blockSignals(False)

    def set_options_enabled(self, on: bool) -> None:
        self.language.setEnabled(on)
        self.execution.setEnabled(on)

    def show_checking(self) -> None:
        self.signatures.show_message(_("Checking the signatures…"))
        self.signatures.show()

    def show_report(self, report: VerificationReport) -> None:
        self.signatures.show_report(report)
        table = self.signatures.table  # as tall as its rows: the preview needs the room
        table.setFixedHeight(table.verticalHeader().length()
                             + table.horizontalHeader().height() + 2 * table.frameWidth())
        self.signatures.show()

    def show_check_failure(self, text: str) -> None:
        self.signatures.show_error(tr("The signatures could not be checked: {reason}",
                                      reason=text))
        self.signatures.show()

    def hide_signatures(self) -> None:
        self.signatures.hide()

    def show_busy(self, label: str) -> None:
        """A busy indicator with what is being done, or nothing when ``label`` is empty."""
        self.progress.setVisible(bool(label))
        self.note.setText(label)
