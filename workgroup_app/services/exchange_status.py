"""What the exchange looks like from here: per peer office, and the conflicts log."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from ..domain import hlc
from ..domain.access import Permission
from ..domain.errors import ConflictError, NotFoundError, ValidationError
from ..domain.messages import N_
from ..domain.sync import ConflictInfo, PeerStatus
from ..i18n import _
from .ports import UnitOfWork

# The column that best names a record of each table, for the conflicts list.
LABEL_COLUMNS = {"agency": "name", "person": "full_name", "workgroup": "name",
                 "meeting": "number", "agenda_item": "title", "decision": "text",
                 "action": "text", "action_event": "text", "finding": "subject",
                 "finding_event": "text", "speech": "text", "calendar_override": "day"}
TABLE_LABELS = {"agency": N_("Agency"), "person": N_("Person"), "workgroup": N_("Workgroup"),
                "workgroup_member": N_("Workgroup member"), "meeting": N_("Meeting"),
                "attendee": N_("Attendee"), "agenda_item": N_("Agenda item"),
                "speech": N_("Speech"), "decision": N_("Decision"), "action": N_("Action"),
                "action_co_agency": N_("Co-executor"), "action_event": N_("Action event"),
                "calendar_override": N_("Calendar day"), "minutes": N_("Protocol"),
                "minutes_event": N_("Protocol step"), "finding": N_("Finding"),
                "finding_event": N_("Finding event"), "sync_conflict": N_("Conflict"),
                "audit_event": N_("Audit entry")}


def _wall(stamp: int) -> datetime:
    return datetime.fromtimestamp(hlc.wall_of(stamp) / 1000, UTC)


def status(uow: UnitOfWork) -> list[PeerStatus]:
    """Per office known here (trusted or revoked): bundles out and in, what waits for its
    acknowledgement, bundles never imported, bundles held, and how fresh its data is."""
    with uow:
        origins = uow.sync.origins()
        result = []
        for office in uow.sync.offices():
            if office.is_self:
                continue
            peer = uow.sync.peer(office.site_id)
            seqs = set(uow.sync.received_seqs(office.site_id))
            held = tuple(q.channel_seq for q in uow.sync.quarantined(office.site_id))
            top = max(seqs, default=0)
            missing = tuple(s for s in range(1, top) if s not in seqs and s not in held)
            newest = origins.get(office.site_id)
            result.append(PeerStatus(
                site_id=office.site_id, name=office.name, trusted=office.revoked_at is None,
                sent_seq=peer.out_seq, sent_at=peer.sent_at, received_seq=peer.in_seq,
                received_at=peer.received_at,
                waiting_ack=uow.sync.pending_count(peer.acked_base), missing=missing,
                quarantined=held, newest_data=_wall(newest) if newest else None))
    return result


def _shown(value_json: str) -> str:
    try:
        value = json.loads(value_json)
    except ValueError:  # a malformed entry from another office: shown as it came
        return value_json[:200]
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _info(uow: UnitOfWork, row: Any, names: dict[str, str]) -> ConflictInfo:
    column = LABEL_COLUMNS.get(row.table_name)
    exists, label = uow.sync.current_value(row.table_name, row.row_id, column) \
        if column and row.table_name in TABLE_LABELS else (False, None)
    record = str(label)[:120] if exists and label is not None else row.row_id[:8]
    return ConflictInfo(
        id=row.id, table=row.table_name, row_id=row.row_id, column=row.column, record=record,
        kept=_shown(row.kept_value), kept_office=names.get(row.kept_site, row.kept_site[:8]),
        kept_at=_wall(row.kept_hlc), lost=_shown(row.lost_value),
        lost_office=names.get(row.lost_site, row.lost_site[:8]), lost_at=_wall(row.lost_hlc),
        seen_at=row.created_at, seen_by=names.get(row.origin_office_id,
                                                  row.origin_office_id[:8]),
        restored_at=row.restored_at)


def conflicts(uow: UnitOfWork, include_restored: bool = False,
              limit: int = 1000) -> list[ConflictInfo]:
    """Values overwritten by another office's concurrent write, newest first."""
    with uow:
        names = {o.site_id: o.name for o in uow.sync.offices()}
        return [_info(uow, row, names)
                for row in uow.sync.conflicts(include_restored=include_restored, limit=limit)]


def restore_conflict(uow: UnitOfWork, conflict_id: str,
                     now: datetime | None = None) -> ConflictInfo:
    """Write the overwritten value back, as a new change of this office (it travels on the
    next export and wins, being newer)."""
    uow.actor.require(Permission.EXCHANGE)
    with uow:
        row = uow.sync.conflict(conflict_id)
        if row is None:
            raise NotFoundError(N_("There is no conflict {id}."), id=conflict_id)
        if row.restored_at is not None:
            raise ConflictError(N_("This value was restored already."))
        try:
            if row.table_name not in TABLE_LABELS or row.table_name == "sync_conflict":
                raise KeyError(row.table_name)
            exists, _value = uow.sync.current_value(row.table_name, row.row_id, row.column)
            if not exists:
                raise NotFoundError(N_("The record no longer exists here."))
            uow.sync.set_value(row.table_name, row.row_id, row.column, row.lost_value)
        except (KeyError, AttributeError, ValueError) as error:
            # A conflict entry from another office naming what this version does not know.
            raise ValidationError(N_("This conflict names a field this version cannot "
                                     "restore.")) from error
        row.restored_at = now or datetime.now(UTC)  # a change of its own: it travels too
        names = {o.site_id: o.name for o in uow.sync.offices()}
        info = _info(uow, row, names)
        uow.commit()
    return info
