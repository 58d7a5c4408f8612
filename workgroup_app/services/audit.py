"""The audit trail: pages of entries for the Audit page and the CLI, and the verification of
every office's hash chain (`workgroup audit verify`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from ..domain.audit import AuditEntry, AuditFilter, ChainBreak
from ..domain.views import Page
from ..i18n import tr
from .ports import UnitOfWork

PAGE = 200


@dataclass(frozen=True, slots=True)
class AuditQuery:
    user: str = ""
    table: str = ""
    row_id: str = ""
    office_id: str = ""
    date_from: date | None = None
    date_to: date | None = None  # included
    limit: int = PAGE
    offset: int = 0

    def filter(self) -> AuditFilter:
        return AuditFilter(
            user=self.user.strip(), table=self.table.strip(), row_id=self.row_id.strip(),
            office_id=self.office_id, since=self.date_from.isoformat() if self.date_from else "",
            until=(self.date_to + timedelta(days=1)).isoformat() if self.date_to else "")


@dataclass(frozen=True, slots=True)
class AuditLine:
    at: datetime
    office: str  # its name where known, else its id
    seq: int
    user: str
    role: str
    table: str
    row_id: str
    operation: str
    changes: dict[str, list[Any]]


@dataclass(frozen=True, slots=True)
class ChainReport:
    office_id: str
    office: str
    entries: int
    broken: ChainBreak | None

    def message(self) -> str:
        if self.broken is None:
            return tr("{office}: {count} entries, chain intact.", office=self.office,
                      count=self.entries)
        return tr("{office}: the chain breaks at entry {seq}: {reason}.", office=self.office,
                  seq=self.broken.seq, reason=tr(self.broken.reason, seq=self.broken.seq))


@dataclass(frozen=True, slots=True)
class AuditVerification:
    chains: list[ChainReport]

    @property
    def intact(self) -> bool:
        return all(c.broken is None for c in self.chains)

    @property
    def entries(self) -> int:
        return sum(c.entries for c in self.chains)


def _office_names(uow: UnitOfWork) -> dict[str, str]:
    names = {row.site_id: row.name for row in uow.sync.offices()}
    names.setdefault(uow.office_id, tr("this office"))
    return names


def _line(entry: AuditEntry, names: dict[str, str]) -> AuditLine:
    try:
        changes = json.loads(entry.changes)
    except ValueError:  # a hand-edited entry still shows; verify names it
        changes = {}
    return AuditLine(datetime.fromisoformat(entry.at), names.get(entry.office_id,
                                                                 entry.office_id),
                     entry.seq, entry.user, entry.role, entry.table, entry.row_id,
                     entry.operation, changes if isinstance(changes, dict) else {})


def list_entries(uow: UnitOfWork, query: AuditQuery) -> Page[AuditLine]:
    with uow:
        names = _office_names(uow)
        entries, total = uow.audit.page(query.filter(), query.limit, query.offset)
        return Page([_line(e, names) for e in entries], query.offset, total)


def users(uow: UnitOfWork) -> list[str]:
    with uow:
        return uow.audit.users()


def verify(uow: UnitOfWork, progress: Callable[[int], None] | None = None
           ) -> AuditVerification:
    """Every office's chain from its first entry: intact, or where it first breaks."""
    with uow:
        names = _office_names(uow)
        reports = []
        for office_id, count in uow.audit.offices():
            broken = uow.audit.verify_office(office_id, progress)
            reports.append(ChainReport(office_id, names.get(office_id, office_id), count,
                                       broken))
        return AuditVerification(reports)
