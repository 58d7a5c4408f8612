"""Actions, their append-only events, calendar overrides, blobs and office settings.

An action row keeps its current state (status, deadline, agency …) beside what was assigned;
the state is recomputed from the events after every append, here and after an exchange import,
so it is always what ``action_life.derive_tolerant`` says."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..domain.action_life import ActionEvent, ActionState, EventKind, derive_tolerant
from ..domain.actions import Action, ActionSource, Recurrence
from ..domain.deadlines import DeadlineRule
from ..domain.entities import new_id
from . import models as m
from .audit_capture import SETTING_PREFIX
from .capture import utc_now
from .mapping import apply, to_entity, values_of
from .repositories import live_children, sync_children

ACTION_LISTS = ("co_agency_ids",)
A = m.ActionRow


def event_of(row: m.ActionEventRow) -> ActionEvent:
    return ActionEvent(EventKind(row.kind), row.happened_on, row.text, row.deadline,
                       row.agency_id, row.person_id, row.attachment_name,
                       row.attachment_sha256, row.author, row.id)


def derived_columns(official_id: str | None, events: list[ActionEvent]
                    ) -> tuple[ActionState, dict[str, Any]]:
    """The state of an action and its derived columns, from its events in stored order."""
    state, skipped = derive_tolerant(events)
    # The official follows the last reassignment; without one, the one assigned.
    handovers = [e for e in events if e.kind == EventKind.REASSIGNED and e.id not in skipped]
    official = handovers[-1].person_id if handovers else official_id
    return state, {
        "status": state.status.value, "current_deadline": state.deadline,
        "current_agency_id": state.agency_id, "current_official_id": official,
        "extensions": state.extensions, "reported_on": state.reported_on,
        "done_on": state.done_on}


class ActionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _row(self, action_id: str) -> m.ActionRow | None:
        row = self.session.get(m.ActionRow, action_id)
        return None if row is None or row.deleted else row

    def exists(self, action_id: str | None) -> bool:
        return action_id is not None and self._row(action_id) is not None

    def get(self, action_id: str) -> Action | None:
        row = self._row(action_id)
        if row is None:
            return None
        co = [r.agency_id for r in live_children(self.session, m.ActionCoAgencyRow,
                                                   "action_id", [row.id])]
        return to_entity(row, Action, {"deadline_rule": DeadlineRule, "source": ActionSource,
                                       "recurrence": Recurrence}, ACTION_LISTS,
                         co_agency_ids=co)

    def add(self, action: Action, created: ActionEvent) -> None:
        """A new action with its creation event; its state follows from that event."""
        values = values_of(action, ACTION_LISTS)
        row = m.ActionRow(**values, deleted=False, status="open",
                          current_deadline=created.deadline, current_agency_id=action.agency_id,
                          current_official_id=action.official_id,
                          extensions=0, text_key="")
        self.session.add(row)
        self.session.flush()
        self.set_co_agencies(action.id, action.co_agency_ids)
        self.append(action.id, created)

    def update_assignment(self, action: Action) -> None:
        """Edit what was assigned (text, controller, official, co-executors, recurrence)."""
        row = self._row(action.id)
        assert row is not None
        apply(row, values_of(action, ACTION_LISTS))
        self.set_co_agencies(action.id, action.co_agency_ids)
        self.session.flush()
        self.refresh_state(action.id)

    def set_co_agencies(self, action_id: str, agency_ids: list[str]) -> None:
        existing = {r.agency_id: r for r in live_children(
            self.session, m.ActionCoAgencyRow, "action_id", [action_id])}
        entities = [_CoAgency(agency_id, existing[agency_id].id if agency_id in existing
                              else new_id()) for agency_id in agency_ids]
        sync_children(self.session, m.ActionCoAgencyRow, "action_id", action_id, entities)
        self.session.flush()

    def events(self, action_id: str) -> list[m.ActionEventRow]:
        return list(self.session.scalars(
            select(m.ActionEventRow).where(m.ActionEventRow.action_id == action_id,
                                           m.ActionEventRow.deleted.is_(False))
            .order_by(m.ActionEventRow.seq, m.ActionEventRow.created_at,
                      m.ActionEventRow.id)))

    def append(self, action_id: str, event: ActionEvent) -> ActionState:
        seq = self.session.scalar(select(func.count()).select_from(m.ActionEventRow).where(
            m.ActionEventRow.action_id == action_id)) or 0
        self.session.add(m.ActionEventRow(
            id=event.id, action_id=action_id, seq=seq, kind=event.kind.value,
            happened_on=event.on, text=event.text, deadline=event.deadline,
            agency_id=event.agency_id, person_id=event.person_id,
            attachment_name=event.attachment_name, attachment_sha256=event.attachment_sha256,
            author=event.author, deleted=False))
        self.session.flush()
        return self.refresh_state(action_id)

    def state(self, action_id: str) -> tuple[ActionState, set[str]]:
        return derive_tolerant([event_of(r) for r in self.events(action_id)])

    def refresh_state(self, action_id: str) -> ActionState:
        """Recompute the derived columns from the events (after an append or an import)."""
        row = self.session.get(m.ActionRow, action_id)
        assert row is not None
        state, derived = derived_columns(row.official_id,
                                         [event_of(r) for r in self.events(action_id)])
        for name, value in derived.items():
            if getattr(row, name) != value:
                setattr(row, name, value)
        self.session.flush()
        return state

    def in_series(self, series_id: str) -> list[m.ActionRow]:
        return list(self.session.scalars(select(m.ActionRow).where(
            m.ActionRow.series_id == series_id, m.ActionRow.deleted.is_(False))
            .order_by(m.ActionRow.occurrence)))

    def for_decision(self, decision_id: str) -> list[str]:
        return list(self.session.scalars(select(m.ActionRow.id).where(
            m.ActionRow.decision_id == decision_id, m.ActionRow.deleted.is_(False))))

    def agency_uses(self, agency_id: str) -> int:
        """Live actions naming the agency: responsible (then or now), co-executing, or in an
        event of their history."""
        return self._uses(agency_id, (A.agency_id, A.current_agency_id),
                          (m.ActionCoAgencyRow.agency_id, m.ActionEventRow.agency_id))

    def person_uses(self, person_id: str) -> int:
        """Live actions naming the person as official, controller or in their history."""
        return self._uses(person_id, (A.official_id, A.current_official_id, A.controller_id),
                          (m.ActionEventRow.person_id,))

    def _uses(self, record_id: str, own: tuple[Any, ...], children: tuple[Any, ...]) -> int:
        ids: set[str] = set(self.session.scalars(select(A.id).where(
            A.deleted.is_(False), or_(*(column == record_id for column in own)))))
        for column in children:
            table = column.class_
            ids.update(self.session.scalars(select(table.action_id).where(
                table.deleted.is_(False), column == record_id)))
        return len(ids)

    def delete(self, action_id: str) -> None:
        row = self._row(action_id)
        if row is not None:
            row.deleted = True
            self.session.flush()


@dataclass(slots=True)
class _CoAgency:
    """The shape ``sync_children`` copies: a co-executing agency line."""

    agency_id: str
    id: str


class CalendarOverrideRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def list(self, country: str) -> list[m.CalendarOverrideRow]:
        return list(self.session.scalars(select(m.CalendarOverrideRow).where(
            m.CalendarOverrideRow.country == country,
            m.CalendarOverrideRow.deleted.is_(False)).order_by(m.CalendarOverrideRow.day)))

    def on(self, country: str, day: date) -> m.CalendarOverrideRow | None:
        return self.session.scalar(select(m.CalendarOverrideRow).where(
            m.CalendarOverrideRow.country == country, m.CalendarOverrideRow.day == day,
            m.CalendarOverrideRow.deleted.is_(False)))

    def put(self, country: str, day: date, kind: str, note: str) -> str:
        row = self.on(country, day)
        if row is None:
            row = m.CalendarOverrideRow(id=new_id(), country=country, day=day, kind=kind,
                                        note=note, deleted=False)
            self.session.add(row)
        else:
            apply(row, {"kind": kind, "note": note})
        self.session.flush()
        return row.id

    def remove(self, override_id: str) -> bool:
        row = self.session.get(m.CalendarOverrideRow, override_id)
        if row is None or row.deleted:
            return False
        row.deleted = True
        self.session.flush()
        return True


class BlobRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def put(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        if self.session.get(m.BlobRow, digest) is None:
            self.session.add(m.BlobRow(sha256=digest, size=len(data), data=data,
                                       created_at=utc_now()))
            self.session.flush()
        return digest

    def get(self, digest: str) -> bytes | None:
        row = self.session.get(m.BlobRow, digest)
        return None if row is None else row.data


class SettingsRepository:
    """Office settings kept in ``local_state`` under a ``setting.`` prefix."""

    PREFIX = SETTING_PREFIX

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, key: str, default: str = "") -> str:
        row = self.session.get(m.LocalStateRow, self.PREFIX + key)
        return default if row is None else row.value

    def set(self, key: str, value: str) -> None:
        row = self.session.get(m.LocalStateRow, self.PREFIX + key)
        if row is None:
            self.session.add(m.LocalStateRow(key=self.PREFIX + key, value=value))
        else:
            row.value = value
        self.session.flush()
