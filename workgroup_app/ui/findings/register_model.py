"""The findings register as a lazy table: columns, the one sort key the query has (the act's
date), overdue rows tinted red and closed ones greyed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from ...domain.finding_views import FindingRow
from ...domain.findings import FindingStatus
from ...domain.messages import N_
from ...domain.views import ListQuery, Page
from ...i18n import tr
from ..actions.look import muted_colour
from ..models.paged import Column, Index, PagedTableModel
from ..widgets.date_edit import format_date
from .look import act_short, act_type_label, responded_text, row_tint, status_label


def _days(row: FindingRow) -> str:
    return str(row.overdue_days) if row.overdue_days else ""


COLUMNS = [
    Column(N_("Act"), lambda r: act_short(r.act_type)),
    Column(N_("No."), lambda r: r.act_number),
    Column(N_("Date"), lambda r: format_date(r.act_date), sort="act_date"),
    Column(N_("Inspected agency"), lambda r: r.agency_name),
    Column(N_("Inspection subject"), lambda r: r.subject),
    Column(N_("Response due"), lambda r: format_date(r.response_due)),
    Column(N_("Status"), lambda r: status_label(r.status)),
    Column(N_("Responded / result"), lambda r: responded_text(r.responded_on, r.result)),
    Column(N_("Days overdue"), _days, align_right=True),
]
SUBJECT_COLUMN = 4
# Act, number, date, agency, subject, due, status, responded, days.
COLUMN_WIDTHS = (80, 56, 80, 130, 170, 84, 120, 120, 50)


class FindingsModel(PagedTableModel):
    """``as_of`` is the day the rows are judged against (today)."""

    def __init__(self, fetch: Callable[[ListQuery, date], Page[FindingRow]],
                 query: ListQuery | None = None) -> None:
        self.as_of = date.today()
        super().__init__(COLUMNS, lambda q: fetch(q, self.as_of), query=query)

    def reload(self) -> None:
        self.as_of = date.today()  # a page left open overnight judges by the new day
        super().reload()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self.rowCount():
            return None
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
                    Qt.ItemDataRole.ToolTipRole):
            row: FindingRow | None = self.row(index.row())
            if row is None:
                return None
            if role == Qt.ItemDataRole.BackgroundRole:
                return row_tint(row.overdue_days)
            if role == Qt.ItemDataRole.ForegroundRole:
                return muted_colour() if row.status == FindingStatus.CLOSED else None
            return self._tooltip(row, index.column())
        return super().data(index, role)

    @staticmethod
    def _tooltip(row: FindingRow, column: int) -> str | None:
        if column == SUBJECT_COLUMN:
            return row.subject
        if column == 0:
            return act_type_label(row.act_type)
        if row.overdue_days:
            return tr("Response overdue by {days} days", days=row.overdue_days)
        return None
