"""A history of append-only events as a table: date, event, details. An event that came by
exchange and could not apply is struck through; an attached file can be saved. Actions and
findings each say how their events read; this table does the rest."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ...domain.errors import DomainError
from ...domain.messages import N_
from ...i18n import _, error_text, tr
from ...services import actions
from ..context import UiContext

HEADERS = (N_("Date"), N_("Event"), N_("Details"))
DETAILS = 2


@dataclass(frozen=True, slots=True)
class HistoryLine:
    """One row as shown: its three cells, its tooltip, and whether it applied."""

    texts: tuple[str, str, str]
    tip: str
    effective: bool = True


class EventHistory(QTableWidget):
    """``events`` are the caller's event objects, each with ``attachment_name`` and
    ``attachment_sha256``; ``problem`` carries a message when saving a file failed."""

    problem = Signal(str)

    def __init__(self, context: UiContext, object_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.context = context
        self.events: list[Any] = []
        self.setObjectName(object_name)
        self.setAccessibleName(_("History"))
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        self.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column in range(DETAILS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DETAILS, QHeaderView.ResizeMode.Stretch)
        # Wrapped details need their rows measured again when the column width changes.
        header.sectionResized.connect(lambda *_args: self.resizeRowsToContents())
        self.cellDoubleClicked.connect(lambda _row, _column: self.save_selected())

    def show_lines(self, events: Sequence[Any], lines: Sequence[HistoryLine]) -> None:
        self.clearContents()
        self.events = list(events)
        self.setRowCount(len(lines))
        top = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        for row, line in enumerate(lines):
            for column, text in enumerate(line.texts):
                item = QTableWidgetItem(text)
                item.setTextAlignment(top)
                item.setToolTip(line.tip)
                if not line.effective:
                    self._strike(item)
                self.setItem(row, column, item)
        self.resizeRowsToContents()

    @staticmethod
    def _strike(item: QTableWidgetItem) -> None:
        font = item.font()
        font.setStrikeOut(True)
        item.setFont(font)
        # The style's own grey for inactive text, in light and dark palettes alike.
        item.setForeground(QApplication.palette().color(QPalette.ColorGroup.Disabled,
                                                        QPalette.ColorRole.Text))
        item.setToolTip(_("Came by exchange from another office and could not apply here, "
                          "so it changes nothing."))

    # The table may be filled while its tab is hidden: measure rows again at its real width.
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resizeRowsToContents()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.resizeRowsToContents()

    def selected_event(self) -> Any:
        row = self.currentRow()
        return self.events[row] if 0 <= row < len(self.events) else None

    def select_event(self, number: int) -> None:
        self.selectRow(number)

    def save_selected(self, target: Path | None = None) -> Path | None:
        """Save the selected event's attached file (asking where unless ``target``)."""
        event = self.selected_event()
        if event is None or not event.attachment_sha256:
            return None
        if target is None:
            chosen, _filter = QFileDialog.getSaveFileName(self, _("Save attachment"),
                                                          event.attachment_name)
            if not chosen:
                return None
            target = Path(chosen)
        try:
            target.write_bytes(actions.attachment(self.context.uow(), event.attachment_sha256))
        except DomainError as error:
            self.problem.emit(error_text(error))
            return None
        except OSError as error:
            self.problem.emit(tr("Cannot write '{path}': {reason}", path=str(target),
                                 reason=error.strerror or str(error)))
            return None
        return target
