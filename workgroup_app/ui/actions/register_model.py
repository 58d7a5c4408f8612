"""The actions register as a lazy table: columns, server-side sort keys, and row tints for
overdue, due-soon and finished actions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from ...domain.action_views import ActionRow
from ...domain.messages import N_
from ...domain.views import ListQuery, Page
from ...i18n import tr
from ..models.paged import Column, Index, PagedTableModel
from ..widgets.date_edit import format_date
from .look import ACTIVE, muted_colour, source_text, status_label, tint


def _days_over(row: ActionRow, today: date) -> str:
    days = row.days_overdue(today)
    return str(days) if days else ""


def _extensions(row: ActionRow) -> str:
    return str(row.extensions) if row.extensions else ""


def register_columns(today: Callable[[], date]) -> list[Column]:
    return [
        Column(N_("Due"), lambda r: format_date(r.deadline), sort="deadline"),
        Column(N_("Days late"), lambda r: _days_over(r, today()), align_right=True),
        Column(N_("Text"), lambda r: r.text, sort="text"),
        Column(N_("Responsible agency"), lambda r: r.agency_name, sort="agency"),
        Column(N_("Workgroup"), lambda r: r.workgroup_name, sort="workgroup"),
        Column(N_("Source"), lambda r: source_text(r.source, r.meeting_number,
                                                   r.meeting_held_on, r.decision_number)),
        Column(N_("Controller"), lambda r: r.controller_name, sort="controller"),
        Column(N_("Status"), lambda r: status_label(r.status), sort="status"),
        Column(N_("Extensions"), _extensions, sort="extensions", align_right=True),
    ]


TEXT_COLUMN = 2
# Deadline, days, text, agency, workgroup, source, controller, status, extensions.
COLUMN_WIDTHS = (88, 84, 280, 150, 170, 170, 140, 120, 60)


class ActionsModel(PagedTableModel):
    """``as_of`` is the day rows are judged against (today); ``soon_days`` the reminder
    horizon within which an active action counts as due soon."""

    def __init__(self, fetch: Callable[[ListQuery, date], Page[ActionRow]],
                 query: ListQuery) -> None:
        self.as_of = date.today()
        self.soon_days = 3
        super().__init__(register_columns(lambda: self.as_of),
                         lambda q: fetch(q, self.as_of), query=query)

    def reload(self) -> None:
        self.as_of = date.today()  # a page left open overnight judges by the new day
        super().reload()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self.rowCount():
            return None
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
                    Qt.ItemDataRole.ToolTipRole):
            row: ActionRow | None = self.row(index.row())
            if row is None:
                return None
            if role == Qt.ItemDataRole.BackgroundRole:
                return tint(row.status, row.deadline, self.as_of, self.soon_days)
            if role == Qt.ItemDataRole.ForegroundRole:
                return None if row.status in ACTIVE else muted_colour()
            return self._tooltip(row, index.column())
        return super().data(index, role)

    def _tooltip(self, row: ActionRow, column: int) -> str | None:
        days = row.days_overdue(self.as_of)
        if column == TEXT_COLUMN:
            return row.text
        if days:
            return tr("Overdue by {days} days", days=days)
        return None
