"""A lazy table model over a paged query: rows arrive a page at a time as the view scrolls
(``fetchMore``); sorting and filtering are done by the query, never in memory.

Only a window of recent pages stays in memory: scrolling a million rows must not hold a
million rows. The model remembers where each page starts (its cursor, or its offset) and
reads an evicted page again when the view comes back to it."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...domain.views import ListQuery, Page
from ...i18n import _

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
WINDOW_PAGES = 25  # pages kept in memory: 5,000 rows at the usual 200 a page


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
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()  # the window, oldest first
        self._starts: list[tuple[Any, ...] | None] = []  # per page: the cursor it reads on from
        self._count = 0  # rows fetched so far (the view's row count)
        self._total = 0
        self._loaded = False
        self._cursor: tuple[Any, ...] | None = None

    # -- Qt model interface -----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._count:
            return None
        row = self.row(index.row())
        if row is None:
            return None
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
        return not parent.isValid() and (not self._loaded or self._count < self._total)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        # Later pages read on from the cursor where the list gives one (keyset paging: as
        # fast at row 900,000 as at row 1) and are not counted again.
        number = len(self._starts)
        start = self._cursor if self._count else None
        page = self._read(number, start, count=not self._loaded)
        self._loaded = True
        if page.total >= 0:
            self._total = page.total
        if page.rows:
            self._starts.append(start)
            self._cursor = page.cursor
            first = self._count
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._keep(number, list(page.rows))
            self._count += len(page.rows)
            self.endInsertRows()

    def _read(self, number: int, start: tuple[Any, ...] | None, count: bool) -> Page[Any]:
        return self._fetch(replace(self._query, offset=number * self._page_size,
                                   limit=self._page_size, after=start, count=count))

    def _keep(self, number: int, rows: list[Any]) -> None:
        self._pages[number] = rows
        self._pages.move_to_end(number)
        while len(self._pages) > WINDOW_PAGES:
            self._pages.popitem(last=False)

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
        self._pages, self._starts = OrderedDict(), []
        self._count, self._total, self._loaded, self._cursor = 0, 0, False, None
        self.endResetModel()
        self.fetchMore()

    def row(self, number: int) -> Any:
        """Row ``number`` of those fetched; a page that left the window is read again."""
        if not 0 <= number < self._count:
            raise IndexError(number)
        page_number, within = divmod(number, self._page_size)
        rows = self._pages.get(page_number)
        if rows is None:
            rows = list(self._read(page_number, self._starts[page_number], count=False).rows)
            self._keep(page_number, rows)
        else:
            self._pages.move_to_end(page_number)
        # The data may have changed since the page was first read: never index past its end.
        return rows[min(within, len(rows) - 1)] if rows else None

    def find(self, record_id: str) -> int | None:
        """The row of ``record_id`` among the pages in memory, if it is there."""
        for page_number, rows in self._pages.items():
            for within, row in enumerate(rows):
                if getattr(row, "id", None) == record_id:
                    return page_number * self._page_size + within
        return None
