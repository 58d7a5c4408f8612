"""An action's history: its events in order, a struck-through line for an event that came by
exchange and could not apply, and the report's attached file to save."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ...domain.action_life import EventKind
from ...domain.action_views import EventLine
from ...domain.actions import EVENT_LABELS
from ...domain.errors import DomainError
from ...domain.messages import N_
from ...i18n import _, error_text, tr
from ...services import actions
from ..context import UiContext
from ..widgets.date_edit import format_date
from .look import muted_colour

HEADERS = (N_("Date"), N_("Event"), N_("Details"))
DETAILS = 2


def details(event: EventLine) -> str:
    """What the event says beyond its kind: the text, then the new deadline, who approved
    or took over, and the attached file, each on its own line."""
    lines = [event.text] if event.text else []
    if event.deadline is not None:
        label = N_("Deadline: {date}") if event.kind == EventKind.CREATED else \
            N_("New deadline: {date}")
        lines.append(tr(label, date=format_date(event.deadline)))
    if event.kind == EventKind.REASSIGNED:
        to = ", ".join(part for part in (event.agency_name, event.person_name) if part)
        lines.append(tr("Passed to: {agency}", agency=to))
    elif event.person_name:
        lines.append(tr("Approved by: {person}", person=event.person_name))
    if event.attachment_name:
        lines.append(tr("Attached file: {name}", name=event.attachment_name))
    return "\n".join(lines)


class HistoryList(QTableWidget):
    """``problem`` carries a message when saving an attachment failed."""

    problem = Signal(str)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.context = context
        self.events: list[EventLine] = []
        self.setObjectName("actionHistory")
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

    def set_events(self, events: list[EventLine]) -> None:
        self.clearContents()
        self.events = list(events)
        self.setRowCount(len(events))
        top = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        for row, event in enumerate(events):
            tip = [_(EVENT_LABELS[event.kind]), details(event)]
            if event.author:
                tip.append(tr("Recorded by {author}", author=event.author))
            if event.attachment_name:
                tip.append(_("Double-click or press Save attachment… to save the file"))
            texts = (format_date(event.on), _(EVENT_LABELS[event.kind]), details(event))
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setTextAlignment(top)
                item.setToolTip("\n".join(t for t in tip if t))
                if not event.effective:
                    self._strike(item)
                self.setItem(row, column, item)
        self.resizeRowsToContents()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resizeRowsToContents()

    def _strike(self, item: QTableWidgetItem) -> None:
        font = item.font()
        font.setStrikeOut(True)
        item.setFont(font)
        item.setForeground(muted_colour())
        item.setToolTip(_("Came by exchange from another office and could not apply here, "
                          "so it changes nothing."))

    def selected_event(self) -> EventLine | None:
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
            data = actions.attachment(self.context.uow(), event.attachment_sha256)
            target.write_bytes(data)
        except DomainError as error:
            self.problem.emit(error_text(error))
            return None
        except OSError as error:
            self.problem.emit(tr("Cannot write '{path}': {reason}", path=str(target),
                                 reason=error.strerror or str(error)))
            return None
        return target


def has_attachment(event: EventLine | None) -> bool:
    return event is not None and bool(event.attachment_sha256)

