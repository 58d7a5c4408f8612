"""The audit trail: pages of entries for the Audit page and the CLI, the verification of
every office's hash chain (`workgroup audit verify`), the labels both show, and the export of
every matching entry as PDF or XLSX."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from ..domain.access import ROLE_LABELS, UNRESTRICTED, Role
from ..domain.audit import OPERATION_LABELS, AuditEntry, AuditFilter, AuditOperation, ChainBreak
from ..domain.errors import ValidationError
from ..domain.messages import N_
from ..domain.views import Page
from ..i18n import _, format_day, tr
from .ports import UnitOfWork

PAGE = 200
EXPORT_SUFFIXES = (".pdf", ".xlsx")
EXPORT_STEP = 1000  # entries between two progress reports of an export


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
        until = self.date_to + timedelta(days=1) if self.date_to else None
        return AuditFilter(
            user=self.user.strip(), table=self.table.strip(), row_id=self.row_id.strip(),
            office_id=self.office_id, since=_utc_start(self.date_from),
            until=_utc_start(until))


def _utc_start(day: date | None) -> str:
    """The UTC moment this computer's day begins, written as entries' ``at`` is. The days a
    user picks are the local ones the list shows; the entries are kept in UTC."""
    if day is None:
        return ""
    return datetime.combine(day, time.min).astimezone(UTC).isoformat()


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


# ---- labels: what the Audit page, the CLI and the exported files show ---------------------------

# Record kinds by table. Entries of a table this version does not know show its name.
RECORD_KINDS: dict[str, str] = {
    "agency": N_("Agency"), "person": N_("Staff member"), "workgroup": N_("Workgroup"),
    "workgroup_member": N_("Workgroup member"), "meeting": N_("Meeting"),
    "attendee": N_("Attendee"), "agenda_item": N_("Agenda item"), "speech": N_("Speech"),
    "decision": N_("Decision"), "action": N_("Action"), "action_co_agency": N_("Co-executor"),
    "action_event": N_("Action event"), "calendar_override": N_("Calendar day"),
    "blob": N_("File"), "minutes": N_("Protocol"), "minutes_event": N_("Protocol step"),
    "finding": N_("Finding"), "finding_event": N_("Finding event"),
    "user_account": N_("User account"), "office": N_("Office"),
    "signing_certificate": N_("Signing certificate"), "setting": N_("Office setting"),
}
NO_ACCOUNTS_ROLE = N_("no accounts (unrestricted)")
EMPTY = "—"  # a field without a value, before or after
ARROW = " → "
SUMMARY_VALUE = 40  # characters of each value in a one-line summary


def record_kind(table: str) -> str:
    label = RECORD_KINDS.get(table)
    return _(label) if label else table


def operation_label(operation: str) -> str:
    try:
        return _(OPERATION_LABELS[AuditOperation(operation)])
    except ValueError:  # written by a later version
        return operation


def role_label(role: str) -> str:
    if role == UNRESTRICTED:
        return _(NO_ACCOUNTS_ROLE)
    try:
        return _(ROLE_LABELS[Role(role)])
    except ValueError:
        return role


def value_text(value: Any) -> str:
    """A field's value as a reader wants it: "—" for none, yes/no, text as it is."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def old_new(pair: Any) -> tuple[Any, Any]:
    """A field's [old, new]; a hand-edited entry may hold anything, and still shows."""
    if isinstance(pair, list):
        padded = [*pair, None, None]
        return padded[0], padded[1]
    return None, pair


def changed_fields(changes: dict[str, list[Any]]) -> list[tuple[str, str, str]]:
    """(field, old, new) as texts, in the entry's order; a field that shows the same before
    and after (none → empty text on a new record) is left out."""
    fields = []
    for name, pair in changes.items():
        old, new = (value_text(value) for value in old_new(pair))
        if old != new:
            fields.append((name, old, new))
    return fields


def change_lines(changes: dict[str, list[Any]]) -> list[str]:
    """One "field: old → new" line per changed field, values whole."""
    return [f"{name}: {old}{ARROW}{new}" for name, old, new in changed_fields(changes)]


def change_summary(changes: dict[str, list[Any]]) -> str:
    """The changes on one line for a list: each value cut to a few words."""
    return "; ".join(f"{name}: {_clip(old, SUMMARY_VALUE)}{ARROW}{_clip(new, SUMMARY_VALUE)}"
                     for name, old, new in changed_fields(changes))


def local_time(at: datetime) -> str:
    """A UTC moment in this computer's time, to the second: 05.03.2026 14:07:33."""
    local = at.astimezone()
    return f"{format_day(local.date())} {local:%H:%M:%S}"


def describe(query: AuditQuery) -> str:
    """The filter in words, for the heading of an export: "All entries." when none."""
    parts = []
    if query.user.strip():
        parts.append(tr("user {user}", user=query.user.strip()))
    if query.table.strip():
        parts.append(tr("record kind {kind}", kind=record_kind(query.table.strip())))
    if query.row_id.strip():
        parts.append(tr("record {id}", id=query.row_id.strip()))
    if query.date_from:
        parts.append(tr("from {date}", date=query.date_from))
    if query.date_to:
        parts.append(tr("to {date}", date=query.date_to))
    if not parts:
        return _("All entries.")
    return tr("Entries of {what}.", what=", ".join(parts))


# ---- exporting ----------------------------------------------------------------------------------

def check_period(query: AuditQuery) -> None:
    if query.date_from and query.date_to and query.date_to < query.date_from:
        raise ValidationError(N_("The period ends ({end}) before it begins ({start})."),
                              field="to", end=query.date_to, start=query.date_from)


def count(uow: UnitOfWork, query: AuditQuery) -> int:
    """How many entries match ``query`` (its limit and offset aside)."""
    check_period(query)
    with uow:
        return uow.audit.page(query.filter(), 0)[1]


def _stream(uow: UnitOfWork, query: AuditQuery,
            progress: Callable[[int, int], None] | None, total: int) -> Iterator[AuditLine]:
    with uow:  # held while the writer reads on: one query, never all entries at once
        names = _office_names(uow)
        for done, entry in enumerate(uow.audit.newest_first(query.filter()), start=1):
            if progress is not None and done % EXPORT_STEP == 0:
                progress(done, total)
            yield _line(entry, names)


def export(uow: UnitOfWork, query: AuditQuery, path: Path,
           progress: Callable[[int, int], None] | None = None) -> int:
    """Write every entry matching ``query`` (not only one page) newest first to ``path``: PDF
    or XLSX as its suffix says. Returns how many entries were written."""
    from ..documents import audit_report  # reportlab and openpyxl load on use only
    from ..documents.files import check_output

    suffix = Path(path).suffix.lower()
    if suffix not in EXPORT_SUFFIXES:  # before anything is read: a typo costs nothing
        raise ValidationError(N_("Save the report as .pdf or .xlsx, not '{suffix}'."),
                              field="out", suffix=Path(path).suffix or Path(path).name)
    check_output(path, suffix)
    from .action_reports import office_name

    total = count(uow, query)
    office = office_name(uow)
    rows = (audit_report.AuditReportRow(
        at=line.at.astimezone(), when=local_time(line.at), office=line.office, seq=line.seq,
        user=line.user, role=role_label(line.role), kind=record_kind(line.table),
        record_id=line.row_id, operation=operation_label(line.operation),
        changes=change_lines(line.changes)) for line in _stream(uow, query, progress, total))
    writer = audit_report.write_audit_pdf if suffix == ".pdf" else audit_report.write_audit_xlsx
    written = writer(rows, path, office=office, heading=describe(query),
                     generated_at=datetime.now(UTC))
    if progress is not None:
        progress(total, total)
    return written
