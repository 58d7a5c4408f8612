"""The decisions of an agenda item (РЕШИЛИ), numbered 1.1, 1.2 … after the item's position."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...domain.entities import Decision
from ...domain.messages import N_
from ...domain.rules import decision_number
from ...i18n import _
from ..widgets.date_edit import format_date
from .lookups import Lookups
from .record_model import Editor, RecordColumn, RecordModel
from .record_table import RecordTable


def decision_columns(lookups: Lookups) -> list[RecordColumn]:
    def set_text(d: Decision, v: Any) -> None:
        d.text = str(v or "")

    def set_agency(d: Decision, v: Any) -> None:
        d.responsible_agency_id = v or None

    def set_due(d: Decision, v: Any) -> None:
        d.due_date = v or None

    return [
        RecordColumn(N_("Decision"), lambda d: d.text, Editor.LONG_TEXT, get=lambda d: d.text,
                     put=set_text, tip=N_("Double-click to write the decision")),
        RecordColumn(N_("Responsible agency"),
                     lambda d: lookups.agency_name(d.responsible_agency_id), Editor.AGENCY,
                     get=lambda d: d.responsible_agency_id, put=set_agency, width=150),
        RecordColumn(N_("Due date"), lambda d: format_date(d.due_date), Editor.DATE,
                     get=lambda d: d.due_date, put=set_due, width=96,
                     tip=N_("Optional; Delete clears it")),
    ]


class DecisionsEditor(QWidget):
    """Row labels are the decision numbers; they follow the item when it moves."""

    edited = Signal()

    def __init__(self, lookups: Lookups, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item_position = 1
        self.model = RecordModel(decision_columns(lookups), self)
        self.model.row_label = lambda row: decision_number(self.item_position, row + 1)
        self.model.edited.connect(self.edited)
        self.table = RecordTable(self.model, lookups, "decisionsTable", self)
        self.table.view.setAccessibleName(_("Decided"))
        self.table.set_widths()
        self.add_button = self.table.add_button(
            N_("Add decision"), "decisionAdd", self.add, N_("Add a numbered decision"))
        self.remove_button = self.table.add_button(
            N_("Remove"), "decisionRemove", self.remove_selected,
            N_("Remove the selected decision"))
        self.table.bar.addStretch(1)
        self.up_button = self.table.add_button(N_("Up"), "decisionUp", lambda: self.move(-1),
                                               N_("Move the selected decision up"))
        self.down_button = self.table.add_button(N_("Down"), "decisionDown",
                                                 lambda: self.move(1),
                                                 N_("Move the selected decision down"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def set_decisions(self, decisions: list[Decision], item_position: int) -> None:
        self.item_position = item_position
        self.model.set_records(decisions)

    def set_item_position(self, item_position: int) -> None:
        self.item_position = item_position
        self.model.relabel()

    def numbers(self) -> list[str]:
        """The numbers as shown, e.g. ["2.1", "2.2"]."""
        return [self.model.headerData(row, Qt.Orientation.Vertical)
                for row in range(self.model.rowCount())]

    def add(self) -> int:
        row = self.model.append(Decision(text=""))
        self.table.select_row(row)
        self.table.view.setCurrentIndex(self.model.index(row, 0))
        self.table.view.edit(self.model.index(row, 0))
        return row

    def remove_selected(self) -> None:
        self.model.remove(self.table.current_row())

    def move(self, delta: int) -> None:
        row = self.table.current_row()
        if row >= 0:
            self.table.select_row(self.model.move_row(row, delta))
