"""The figures per agency or per workgroup: a table whose every cell opens the actions behind it
(the name: all active actions of the group; a number: those it counts)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ...domain.action_views import GroupFigures
from ...domain.messages import N_
from ...i18n import _, count_text
from .. import theme
from .figure_filters import ACTIVE, AWAITING, DUE_WEEK, OVERDUE
from .tiles import AMBER, BLUE, RED

# (column title, its tooltip, the figure it counts) after the name column.
NUMBER_COLUMNS = (
    (N_("Active"), N_("Open or reported, not yet accepted"), ACTIVE),
    (N_("Overdue"), N_("Past the deadline and not accepted"), OVERDUE),
    (N_("This week"), N_("Due from the as-of date to Sunday"), DUE_WEEK),
    (N_("Awaiting"), N_("Reported, awaiting acceptance"), AWAITING),
)
COLOURS = {OVERDUE: RED, DUE_WEEK: AMBER, AWAITING: BLUE}
ID_ROLE = Qt.ItemDataRole.UserRole


def _value(group: GroupFigures, figure: str) -> int:
    return {ACTIVE: group.active, OVERDUE: group.overdue, DUE_WEEK: group.due_this_week,
            AWAITING: group.awaiting_acceptance}[figure]


class GroupTable(QTableWidget):
    """``opened`` carries (group id or None, figure) when a cell is clicked or Enter pressed."""

    opened = Signal(object, str)

    def __init__(self, name_title: str, empty_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(0, 1 + len(NUMBER_COLUMNS), parent)
        self.empty_name = empty_name
        titles = [_(name_title), *(_(title) for title, _tip, _figure in NUMBER_COLUMNS)]
        self.setHorizontalHeaderLabels(titles)
        for column, (_title, tip, _figure) in enumerate(NUMBER_COLUMNS, start=1):
            self.horizontalHeaderItem(column).setToolTip(_(tip))
            self.horizontalHeaderItem(column).setTextAlignment(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setAlternatingRowColors(True)
        # Official names are long ("Управление внутренних дел … облисполкома"): wrap them.
        self.setWordWrap(True)
        self.setShowGrid(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setHighlightSections(False)
        header.sectionResized.connect(lambda *_args: self.fit_rows())
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.cellClicked.connect(self._open)

    def figure(self, column: int) -> str:
        return ACTIVE if column == 0 else NUMBER_COLUMNS[column - 1][2]

    def set_groups(self, groups: list[GroupFigures]) -> None:
        self.setRowCount(0)
        self.setRowCount(len(groups))
        bold = QFont(self.font())
        bold.setBold(True)
        for row, group in enumerate(groups):
            name = QTableWidgetItem(group.name or self.empty_name)
            name.setData(ID_ROLE, group.id)
            name.setToolTip(group.name + "\n" + _("Click to open the active actions of this row"))
            self.setItem(row, 0, name)
            for column, (_title, _tip, figure) in enumerate(NUMBER_COLUMNS, start=1):
                value = _value(group, figure)
                item = QTableWidgetItem(count_text(value))
                item.setData(ID_ROLE, group.id)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(_("Click to open these actions"))
                if value and figure in COLOURS:
                    item.setForeground(theme.qcolour(COLOURS[figure]))
                    if figure == OVERDUE:
                        item.setFont(bold)
                elif not value:
                    item.setForeground(theme.qcolour(theme.FAINT))
                self.setItem(row, column, item)
        self.fit_rows()

    def fit_rows(self) -> None:
        """Rows as high as their wrapped names, with a little air."""
        self.resizeRowsToContents()
        for row in range(self.rowCount()):
            self.setRowHeight(row, self.rowHeight(row) + 8)

    def group_id(self, row: int) -> str | None:
        item = self.item(row, 0)
        return None if item is None else item.data(ID_ROLE)

    def _open(self, row: int, column: int) -> None:
        if 0 <= row < self.rowCount():
            self.opened.emit(self.group_id(row), self.figure(column))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index: QModelIndex = self.currentIndex()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and index.isValid():
            self._open(index.row(), index.column())
            return
        super().keyPressEvent(event)
