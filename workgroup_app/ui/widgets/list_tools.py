"""Small helpers for list pages: column widths that fit a list, and a live count of its rows."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QWidget

from ...i18n import tr
from ..models.paged import PagedTableModel


def arrange_columns(table: QTableView, widths: Sequence[int], stretch: int = 0) -> None:
    """Column ``stretch`` takes the room that is left; the others get ``widths`` in order, or
    the width of their title if that is wider (titles are never cut), and stay resizable.
    Rows are one line high, with a little air."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(48)
    others = [n for n in range(header.count()) if n != stretch]
    for number, width in zip(others, widths, strict=False):
        header.setSectionResizeMode(number, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(number, max(width, header.sectionSizeHint(number)))
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.setWordWrap(False)


class CountLabel(QLabel):
    """"Total: N" of a paged model, kept up to date as it reloads."""

    def __init__(self, model: PagedTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        model.modelReset.connect(self.update_count)
        model.rowsInserted.connect(self.update_count)
        self.update_count()

    def update_count(self, *_args: object) -> None:
        self.setText(tr("Total: {count}", count=self._model.total))


def keep_sort_indicator_honest(table: QTableView, model: PagedTableModel) -> None:
    """A click on a column the query cannot sort by leaves the arrow where the sort really is."""
    header = table.horizontalHeader()
    last = [header.sortIndicatorSection(), header.sortIndicatorOrder()]

    def changed(section: int, order: Qt.SortOrder) -> None:
        if 0 <= section < len(model.columns) and model.columns[section].sort is None:
            with QSignalBlocker(header):
                header.setSortIndicator(last[0], last[1])
            return
        last[:] = [section, order]

    header.sortIndicatorChanged.connect(changed)
