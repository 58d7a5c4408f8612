"""A finding's history: its events in order (struck through when one came by exchange and
could not apply), and the response's attached letter to save."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ...domain.errors import DomainError
from ...domain.findings import FINDING_EVENT_LABELS, FindingEvent
from ...domain.messages import N_
from ...i18n import _, error_text, tr
from ...services import actions
from ..actions.look import muted_colour
from ..context import UiContext
from ..widgets.date_edit import format_date
from .look import escalation_label, result_label

HEADERS = (N_("Date"), N_("Event"), N_("Details"))
DETAILS = 2


def details(event: FindingEvent) -> str:
    """What the event says beyond its kind, a line for each thing."""
    lines = [event.text] if event.text else []
    if event.result is not None:
        lines.append(tr("Result: {result}", result=result_label(event.result)))
    if event.disciplined:
        lines.append(tr("Officials disciplined: {count}", count=event.disciplined))
    if event.acts_repealed:
        lines.append(tr("Acts repealed or amended: {count}", count=event.acts_repealed))
    if event.escalation is not None:
        lines.append(escalation_label(event.escalation))
    if event.attachment_name:
        lines.append(tr("Attached file: {name}", name=event.attachment_name))
    return "\n".join(lines)


class FindingHistory(QTableWidget):
    """``problem`` carries a message when saving an attachment failed."""

    problem = Signal(str)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.context = context
        self.events: list[FindingEvent] = []
        self.setObjectName("findingHistory")
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
        header.sectionResized.connect(lambda *_args: self.resizeRowsToContents())
        self.cellDoubleClicked.connect(lambda _row, _column: self.save_selected())

    def set_events(self, events: list[FindingEvent], skipped: frozenset[str]) -> None:
        self.clearContents()
        self.events = list(events)
        self.setRowCount(len(events))
        top = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        for row, event in enumerate(events):
            texts = (format_date(event.on), _(FINDING_EVENT_LABELS[event.kind]), details(event))
            tip = "\n".join(t for t in (texts[1], texts[2], tr(
                "Recorded by {author}", author=event.author) if event.author else "") if t)
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setTextAlignment(top)
                item.setToolTip(tip)
                if event.id in skipped:
                    font = item.font()
                    font.setStrikeOut(True)
                    item.setFont(font)
                    item.setForeground(muted_colour())
                    item.setToolTip(_("Came by exchange from another office and could not "
                                      "apply here, so it changes nothing."))
                self.setItem(row, column, item)
        self.resizeRowsToContents()

    # Wrapped details need their rows measured again once the table has its real width
    # (it may have been filled while its tab was hidden).
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resizeRowsToContents()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.resizeRowsToContents()

    def selected_event(self) -> FindingEvent | None:
        row = self.currentRow()
        return self.events[row] if 0 <= row < len(self.events) else None

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
