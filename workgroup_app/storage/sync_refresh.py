"""After an import: recompute what this office derives from the merged data — the state of
actions, protocols and findings from their events — so it is what the services would derive.
Actions may be a million, so theirs is done in batches with SQLAlchemy Core."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from ..domain.errors import VerificationError
from ..domain.messages import N_
from . import models as m
from .action_repository import derived_columns, event_of
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


def _refresh_actions(session: Session, ids: list[str]) -> None:
    connection = session.connection()
    rows = {r[0]: r for r in connection.execute(
        select(A.c.id, A.c.official_id, *(A.c[name] for name in DERIVED))
        .where(A.c.id.in_(ids)))}
    events = session.scalars(select(E).where(E.action_id.in_(ids), E.deleted.is_(False))
                             .order_by(E.action_id, E.seq, E.created_at, E.id))
    by_action = {key: [event_of(r) for r in group]
                 for key, group in groupby(events, key=lambda r: r.action_id)}
    changes: list[dict[str, Any]] = []
    for action_id, row in rows.items():
        _state, derived = derived_columns(row[1], by_action.get(action_id, []))
        current = dict(zip(DERIVED, row[2:], strict=True))
        if derived != current:
            changes.append({"b_id": action_id, **derived})
    if changes:
        connection.execute(update(A).where(A.c.id == bindparam("b_id"))
                           .values({k: bindparam(k) for k in DERIVED}), changes)
