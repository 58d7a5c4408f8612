"""The lazy list model keeps a window of pages, not every row it has shown."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

from workgroup_app.domain.views import ListQuery, Page
from workgroup_app.ui.models.paged import WINDOW_PAGES, Column, PagedTableModel

TOTAL = 10_000


@dataclass(frozen=True)
class Line:
    id: str
    number: int


class FakeList:
    """A list of TOTAL lines that pages by cursor (like the actions register) or by offset."""

    def __init__(self, keyset: bool) -> None:
        self.keyset = keyset
        self.reads: list[ListQuery] = []

    def __call__(self, query: ListQuery) -> Page[Line]:
        self.reads.append(query)
        start = query.after[0] + 1 if self.keyset and query.after else query.offset
        rows = [Line(f"id-{n}", n) for n in range(start, min(start + query.limit, TOTAL))]
        cursor = (rows[-1].number,) if self.keyset and rows else None
        return Page(rows, query.offset, TOTAL if query.count else -1, cursor)


def _model(fetch: FakeList) -> PagedTableModel:
    model = PagedTableModel([Column("Number", lambda line: line.number)], fetch)
    model.reload()
    while model.canFetchMore():
        model.fetchMore()
    return model


def test_scrolling_to_the_end_keeps_only_a_window_and_counts_once() -> None:
    fetch = FakeList(keyset=True)
    model = _model(fetch)
    assert model.rowCount() == TOTAL
    assert len(model._pages) == WINDOW_PAGES
    assert sum(1 for read in fetch.reads if read.count) == 1
    # every later page read on from the cursor of the page before it
    assert all(read.after == (n * 200 - 1,) for n, read in enumerate(fetch.reads) if n)


def test_a_page_that_left_the_window_is_read_again_from_its_start() -> None:
    for keyset in (True, False):
        fetch = FakeList(keyset)
        model = _model(fetch)
        reads = len(fetch.reads)
        index = model.index(4321, 0)
        assert model.data(index, Qt.ItemDataRole.DisplayRole) == "4321"
        assert len(fetch.reads) == reads + 1
        again = fetch.reads[-1]
        assert (again.after == (4199,)) if keyset else (again.offset == 4200)
        assert model.data(model.index(4322, 0), Qt.ItemDataRole.DisplayRole) == "4322"
        assert len(fetch.reads) == reads + 1  # the page is back in the window
        assert model.find("id-4300") == 4300 and model.find("id-0") is None
