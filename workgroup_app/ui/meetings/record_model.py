"""Small editable tables over a list of domain records (attendees, speeches, decisions): the
columns and the model.

The model edits the list it is given in place, so an agenda item's speeches and decisions are
the item's own lists; the meeting editor copies everything when it builds the meeting to save.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, auto
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ...domain.rules import move
from ...i18n import _

Index = QModelIndex | QPersistentModelIndex


class Editor(Enum):
    NONE = auto()
    TEXT = auto()        # one line
    LONG_TEXT = auto()   # several lines, edited in a taller box
    PERSON = auto()      # a person of the directory, or none
    PERSON_OR_NAME = auto()  # a person, or a name typed in: the value is (person_id, name)
    AGENCY = auto()
    DATE = auto()        # an optional date: Delete clears it
    CHECK = auto()
    SECTION = auto()     # HEARD / SPOKE


@dataclass(frozen=True)
class RecordColumn:
    title: str  # English msgid
    show: Callable[[Any], str]
    editor: Editor = Editor.NONE
    get: Callable[[Any], Any] | None = None
    put: Callable[[Any, Any], None] | None = None
    editable: Callable[[Any], bool] | None = None  # per record; default: always
    width: int = 0
    tip: str = ""  # English msgid


class RecordModel(QAbstractTableModel):
    edited = Signal()

    def __init__(self, columns: list[RecordColumn], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.records: list[Any] = []
        self.row_label: Callable[[int], str] | None = None
        self.read_only = False  # shown to a role that may not change it: no cell edits

    def set_records(self, records: list[Any]) -> None:
        self.beginResetModel()
        self.records = records
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def _can_edit(self, column: RecordColumn, record: Any) -> bool:
        return not self.read_only and column.put is not None and (
            column.editable is None or column.editable(record))

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return base
        column = self.columns[index.column()]
        if self._can_edit(column, self.records[index.row()]):
            base |= (Qt.ItemFlag.ItemIsUserCheckable if column.editor == Editor.CHECK
                     else Qt.ItemFlag.ItemIsEditable)
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.records):
            return None
        record, column = self.records[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if column.editor == Editor.CHECK else column.show(record)
        if role == Qt.ItemDataRole.EditRole:
            return column.get(record) if column.get else column.show(record)
        if role == Qt.ItemDataRole.CheckStateRole and column.editor == Editor.CHECK:
            checked = column.get(record) if column.get else False
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            text = column.show(record)
            return text if len(text) > 40 else (_(column.tip) if column.tip else None)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.editor == Editor.CHECK:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        record, column = self.records[index.row()], self.columns[index.column()]
        if not self._can_edit(column, record) or column.put is None:
            return False
        if role == Qt.ItemDataRole.CheckStateRole:
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        column.put(record, value)
        self.dataChanged.emit(self.index(index.row(), 0),
                              self.index(index.row(), len(self.columns) - 1))
        self.edited.emit()
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return _(self.columns[section].title)
        return self.row_label(section) if self.row_label else str(section + 1)

    # -- list operations -------------------------------------------------------------------
    def append(self, record: Any) -> int:
        row = len(self.records)
        self.beginInsertRows(QModelIndex(), row, row)
        self.records.append(record)
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.records):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.records[row]
            self.endRemoveRows()
            self.relabel()
            self.edited.emit()

    def move_row(self, row: int, delta: int) -> int:
        """Move a row up (-1) or down (+1); returns where it is now."""
        target = row + delta
        if not (0 <= row < len(self.records) and 0 <= target < len(self.records)):
            return row
        move(self.records, row, delta)
        self.dataChanged.emit(self.index(min(row, target), 0),
                              self.index(max(row, target), len(self.columns) - 1))
        self.relabel()
        self.edited.emit()
        return target

    def relabel(self) -> None:
        """Row labels depend on positions (decision numbers): tell the view to redraw them."""
        if self.records:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self.records) - 1)

    def refresh(self) -> None:
        if self.records:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.records) - 1, len(self.columns) - 1))
