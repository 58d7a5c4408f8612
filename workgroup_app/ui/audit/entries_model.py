"""The audit trail as a lazy table: pages of entries, newest first, read as the view scrolls.

The filter travels in the list query's ``filters`` (keys "user", "table", "row_id", "from",
"to"; dates in ISO form), so the page, the exports and other pages name a view the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ...domain.messages import N_
from ...domain.views import ListQuery, Page
from ...services import audit
from ...services.audit import AuditLine, AuditQuery
from ...services.ports import UnitOfWork
from ..models.paged import Column, PagedTableModel

FILTER_KEYS = ("user", "table", "row_id", "from", "to")
SHORT_ID = 8  # the record id in the list; the details show it whole

COLUMNS = [
    Column(N_("Time"), lambda line: audit.local_time(line.at)),
    Column(N_("Office"), lambda line: line.office),
    Column(N_("User"), lambda line: line.user),
    Column(N_("Role"), lambda line: audit.role_label(line.role)),
    Column(N_("Record kind"), lambda line: audit.record_kind(line.table)),
    Column(N_("Record"), lambda line: line.row_id[:SHORT_ID]),
    Column(N_("Operation"), lambda line: audit.operation_label(line.operation)),
    Column(N_("Changes"), lambda line: audit.change_summary(line.changes)),
]
COLUMN_WIDTHS = (140, 120, 90, 110, 120, 80, 90)  # all but the last, which stretches


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def audit_query(filters: dict[str, str], limit: int = audit.PAGE, offset: int = 0
                ) -> AuditQuery:
    return AuditQuery(user=filters.get("user", ""), table=filters.get("table", ""),
                      row_id=filters.get("row_id", ""), date_from=_day(filters.get("from")),
                      date_to=_day(filters.get("to")), limit=limit, offset=offset)


def entries_model(uow: Callable[[], UnitOfWork]) -> PagedTableModel:
    def fetch(query: ListQuery) -> Page[AuditLine]:
        return audit.list_entries(uow(), audit_query(query.filters, query.limit, query.offset))

    return PagedTableModel(COLUMNS, fetch, page_size=audit.PAGE)
