"""A lazy table model over a paged query: rows arrive a page at a time as the view scrolls
(``fetchMore``); sorting and filtering are done by the query, never in memory."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...domain.views import ListQuery, Page
from ...i18n import _

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Column:
    """One column: a translatable title, how to show a row's value, the query's sort key."""

    title: str
    value: Callable[[Any], Any]
    sort: str | None = None
    align_right: bool = False


class PagedTableModel(QAbstractTableModel):
    def __init__(self, columns: list[Column], fetch: Callable[[ListQuery], Page[Any]],
                 page_size: int = 200, query: ListQuery | None = None) -> None:
        super().__init__()
        self.columns = columns
        self._fetch = fetch
        self._page_size = page_size
        self._query = query or ListQuery(limit=page_size)
        self._default_sort = (self._query.sort, self._query.descending)
        self._rows: list[Any] = []
        self._total = 0
        self._loaded = False
        self._cursor: tuple[Any, ...] | None = None

    # -- Qt model interface -----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.value(row)
            return "" if value is None else str(value)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(self.columns[section].title)
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and (not self._loaded or len(self._rows) < self._total)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        # Later pages read on from the cursor where the list gives one (keyset paging: as
        # fast at row 900,000 as at row 1) and are not counted again.
        page = self._fetch(replace(self._query, offset=len(self._rows), limit=self._page_size,
                                   after=self._cursor if self._rows else None,
                                   count=not self._loaded))
        self._loaded = True
        if page.total >= 0:
            self._total = page.total
        self._cursor = page.cursor
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            # No sort column (the header's -1): the list's own order, not the last column's.
            sort, descending = self._default_sort
            self.set_query(replace(self._query, sort=sort, descending=descending))
            return
        key = self.columns[column].sort
        if key is None:
            return
        self.set_query(replace(self._query, sort=key,
                               descending=order == Qt.SortOrder.DescendingOrder))

    # -- for pages --------------------------------------------------------------------------
    @property
    def query(self) -> ListQuery:
        return self._query

    @property
    def total(self) -> int:
        return self._total

    def set_query(self, query: ListQuery) -> None:
        if query == self._query:
            return  # the same rows: no need to ask the database again
        self._query = query
        self.reload()

    def set_text(self, text: str) -> None:
        self.set_query(replace(self._query, text=text))

    def set_filter(self, key: str, value: str | None) -> None:
        filters = dict(self._query.filters)
        if value:
            filters[key] = value
        else:
            filters.pop(key, None)
        self.set_query(replace(self._query, filters=filters))

    def reload(self) -> None:
        """Start again from the first page (after a change or a new sort or filter)."""
        self.beginResetModel()
        self._rows, self._total, self._loaded, self._cursor = [], 0, False, None
        self.endResetModel()
        self.fetchMore()

    def row(self, number: int) -> Any:
        return self._rows[number]

    def find(self, record_id: str) -> int | None:
        for number, row in enumerate(self._rows):
            if getattr(row, "id", None) == record_id:
                return number
        return None
