"""After an import: recompute what this office derives from the merged data — the state of
actions, protocols and findings from their events — so it is what the services would derive.
Actions may be a million, so theirs is done in batches with SQLAlchemy Core."""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.action_life import ActionEvent, EventKind
from ..domain.errors import VerificationError
from ..domain.messages import N_
from . import audit_chains, bulk_sql
from . import models as m
from .action_repository import derived_columns
from .finding_repository import FindingRepository
from .minutes_repository import MinutesRepository
from .sync_store import SyncStore

A = m.ActionRow.__table__
E = m.ActionEventRow
DERIVED = ("status", "current_deadline", "current_agency_id", "current_official_id",
           "extensions", "reported_on", "done_on")


def refresh_touched(session: Session, store: SyncStore) -> None:
    try:
        for batch in store.touched("action"):
            _refresh_actions(session, batch)
        minutes = MinutesRepository(session)
        for batch in store.touched("minutes"):
            for minutes_id in batch:
                if session.get(m.MinutesRow, minutes_id) is not None:
                    minutes.refresh_state(minutes_id)
        audit_chains.verify_touched(session, store.touched("audit"))
        findings = FindingRepository(session)
        for batch in store.touched("finding"):
            for finding_id in batch:
                if session.get(m.FindingRow, finding_id) is not None:
                    findings.refresh_state(finding_id)
    except (ValueError, KeyError) as error:
        # A value no rule of this version knows (an unknown event kind, say).
        raise VerificationError(N_("The bundle holds records this version cannot read: "
                                   "{reason}. Update the program."),
                                reason=str(error)[:200]) from None


EVENT_FIELDS = ("kind", "happened_on", "text", "deadline", "agency_id", "person_id",
                "attachment_name", "attachment_sha256", "author", "id")


def _event(row: Any) -> ActionEvent:
    """What ``event_of`` makes of the row (action_id, *EVENT_FIELDS)."""
    return ActionEvent(EventKind(row[1]), *row[2:])


def _refresh_actions(session: Session, ids: list[str]) -> None:
    connection = session.connection()
    rows = {r[0]: r for r in connection.execute(
        select(A.c.id, A.c.official_id, *(A.c[name] for name in DERIVED))
        .where(A.c.id.in_(ids))).all()}
    # Plain rows, not ORM objects: this runs over every action a bundle touched.
    events = connection.execute(
        select(E.action_id, *(E.__table__.c[name] for name in EVENT_FIELDS))
        .where(E.action_id.in_(ids), E.deleted.is_(False))
        .order_by(E.action_id, E.seq, E.created_at, E.id)).all()
    by_action = {key: [_event(r) for r in group]
                 for key, group in groupby(events, key=itemgetter(0))}
    # Only the columns that change: an index over the others is left alone (a new action's
    # placeholders mostly differ in status and dates only).
    changes: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for action_id, row in rows.items():
        _state, derived = derived_columns(row[1], by_action.get(action_id, []))
        changed = {k: v for k, v, now in zip(DERIVED, (derived[k] for k in DERIVED), row[2:],
                                              strict=True) if v != now}
        if changed:
            changes[tuple(changed)].append({"id": action_id, **changed})
    for group in changes.values():
        bulk_sql.update_many(connection, A, "id", group)
