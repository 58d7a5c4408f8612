"""Write-side repositories: load and save whole records (aggregates) as domain dataclasses.

Nothing is ever physically deleted: removal sets the tombstone so sync can carry it.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Any, Generic, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.entities import (
    Agency,
    AgendaItem,
    Attendee,
    Decision,
    Meeting,
    Person,
    Speech,
    Workgroup,
    WorkgroupMember,
)
from ..domain.enums import (
    AgencyKind,
    AttendeeKind,
    MeetingStatus,
    MemberRole,
    SpeechSection,
)
from . import models as m
from .mapping import apply, to_entity, values_of

E = TypeVar("E")


class FlatRepository(Generic[E]):
    """A record without child lists."""

    model: type[m.Replicated]
    entity: type
    enums: dict[str, type[Enum]] = {}

    def __init__(self, session: Session) -> None:
        self.session = session

    def _row(self, record_id: str, include_deleted: bool = False) -> Any:
        row = self.session.get(self.model, record_id)
        if row is None or (row.deleted and not include_deleted):
            return None
        return row

    def get(self, record_id: str) -> E | None:
        row = self._row(record_id)
        return None if row is None else to_entity(row, self.entity, self.enums)

    def exists(self, record_id: str | None) -> bool:
        return record_id is not None and self._row(record_id) is not None

    def save(self, entity: E) -> None:
        row = self._row(entity.id, include_deleted=True)  # type: ignore[attr-defined]
        if row is None:
            self.session.add(self.model(**values_of(entity), deleted=False))
        else:
            apply(row, values_of(entity))
        self.session.flush()

    def delete(self, record_id: str) -> None:
        row = self._row(record_id)
        if row is not None:
            row.deleted = True
            self.session.flush()


class AgencyRepository(FlatRepository[Agency]):
    model = m.AgencyRow
    entity = Agency
    enums = {"kind": AgencyKind}

    def people_count(self, agency_id: str) -> int:
        query = select(func.count()).select_from(m.PersonRow).where(
            m.PersonRow.agency_id == agency_id, m.PersonRow.deleted.is_(False))
        return self.session.scalar(query) or 0

    def decisions_count(self, agency_id: str) -> int:
        query = select(func.count()).select_from(m.DecisionRow).where(
            m.DecisionRow.responsible_agency_id == agency_id, m.DecisionRow.deleted.is_(False))
        return self.session.scalar(query) or 0


class PersonRepository(FlatRepository[Person]):
    model = m.PersonRow
    entity = Person

    def references(self, person_id: str) -> int:
        """How many live memberships, attendances and speeches name this person."""
        total = 0
        for model, column in ((m.WorkgroupMemberRow, m.WorkgroupMemberRow.person_id),
                              (m.AttendeeRow, m.AttendeeRow.person_id),
                              (m.SpeechRow, m.SpeechRow.person_id)):
            total += self.session.scalar(select(func.count()).select_from(model).where(
                column == person_id, model.deleted.is_(False))) or 0
        return total


def sync_children(session: Session, model: type[m.Replicated], parent_column: str,
                  parent_id: str, entities: Sequence[Any], lists: tuple[str, ...] = ()) -> None:
    """Make the live children of ``parent_id`` equal ``entities``, in list order."""
    column = getattr(model, parent_column)
    live = {row.id: row for row in session.scalars(
        select(model).where(column == parent_id, model.deleted.is_(False)))}
    for position, entity in enumerate(entities):
        values = values_of(entity, lists) | {parent_column: parent_id, "position": position}
        row = live.pop(entity.id, None) or session.get(model, entity.id)
        if row is None:
            session.add(model(**values, deleted=False))
        else:
            apply(row, values)
    for row in live.values():
        row.deleted = True


def live_children(session: Session, model: type[m.Replicated], parent_column: str,
                  parent_ids: Sequence[str]) -> list[Any]:
    if not parent_ids:
        return []
    column = getattr(model, parent_column)
    return list(session.scalars(
        select(model).where(column.in_(parent_ids), model.deleted.is_(False))
        .order_by(model.position)))  # type: ignore[attr-defined]


class WorkgroupRepository(FlatRepository[Workgroup]):
    model = m.WorkgroupRow
    entity = Workgroup

    def get(self, record_id: str) -> Workgroup | None:
        row = self._row(record_id)
        if row is None:
            return None
        members = [to_entity(r, WorkgroupMember, {"role": MemberRole})
                   for r in live_children(self.session, m.WorkgroupMemberRow, "workgroup_id",
                                          [row.id])]
        return to_entity(row, Workgroup, {}, ("members",), members=members)

    def save(self, entity: Workgroup) -> None:
        row = self._row(entity.id, include_deleted=True)
        values = values_of(entity, ("members",))
        if row is None:
            self.session.add(m.WorkgroupRow(**values, deleted=False))
        else:
            apply(row, values)
        self.session.flush()
        sync_children(self.session, m.WorkgroupMemberRow, "workgroup_id", entity.id,
                      entity.members)
        self.session.flush()

    def delete(self, record_id: str) -> None:
        for member in live_children(self.session, m.WorkgroupMemberRow, "workgroup_id",
                                    [record_id]):
            member.deleted = True
        super().delete(record_id)

    def meetings_count(self, workgroup_id: str) -> int:
        return self.session.scalar(select(func.count()).select_from(m.MeetingRow).where(
            m.MeetingRow.workgroup_id == workgroup_id, m.MeetingRow.deleted.is_(False))) or 0


ITEM_LISTS = ("speeches", "decisions")
MEETING_LISTS = ("attendees", "items")


class MeetingRepository(FlatRepository[Meeting]):
    model = m.MeetingRow
    entity = Meeting

    def get(self, record_id: str) -> Meeting | None:
        row = self._row(record_id)
        if row is None:
            return None
        session = self.session
        attendees = [to_entity(r, Attendee, {"kind": AttendeeKind})
                     for r in live_children(session, m.AttendeeRow, "meeting_id", [row.id])]
        item_rows = live_children(session, m.AgendaItemRow, "meeting_id", [row.id])
        item_ids = [r.id for r in item_rows]
        speeches: dict[str, list[Speech]] = {i: [] for i in item_ids}
        for r in live_children(session, m.SpeechRow, "agenda_item_id", item_ids):
            speeches[r.agenda_item_id].append(to_entity(r, Speech, {"section": SpeechSection}))
        decisions: dict[str, list[Decision]] = {i: [] for i in item_ids}
        for r in live_children(session, m.DecisionRow, "agenda_item_id", item_ids):
            decisions[r.agenda_item_id].append(to_entity(r, Decision, {}))
        items = [to_entity(r, AgendaItem, {}, ITEM_LISTS, speeches=speeches[r.id],
                           decisions=decisions[r.id]) for r in item_rows]
        return to_entity(row, Meeting, {"status": MeetingStatus}, MEETING_LISTS,
                         attendees=attendees, items=items)

    def save(self, entity: Meeting) -> None:
        session = self.session
        values = values_of(entity, MEETING_LISTS) | {"year": entity.held_on.year}
        row = self._row(entity.id, include_deleted=True)
        if row is None:
            session.add(m.MeetingRow(**values, deleted=False))
        else:
            apply(row, values)
        session.flush()
        sync_children(session, m.AttendeeRow, "meeting_id", entity.id, entity.attendees)
        kept = {item.id for item in entity.items}
        for gone in live_children(session, m.AgendaItemRow, "meeting_id", [entity.id]):
            if gone.id not in kept:
                self._bury_item(gone.id)
        sync_children(session, m.AgendaItemRow, "meeting_id", entity.id, entity.items,
                      ITEM_LISTS)
        session.flush()
        for item in entity.items:
            sync_children(session, m.SpeechRow, "agenda_item_id", item.id, item.speeches)
            sync_children(session, m.DecisionRow, "agenda_item_id", item.id, item.decisions)
        session.flush()

    def _bury_item(self, item_id: str) -> None:
        for model in (m.SpeechRow, m.DecisionRow):
            for child in live_children(self.session, model, "agenda_item_id", [item_id]):
                child.deleted = True

    def delete(self, record_id: str) -> None:
        meeting = self.get(record_id)
        if meeting is None:
            return
        meeting.attendees, meeting.items = [], []
        self.save(meeting)
        super().delete(record_id)

    def numbers_taken(self, workgroup_id: str, year: int,
                      except_id: str | None = None) -> list[int]:
        query = select(m.MeetingRow.number).where(
            m.MeetingRow.workgroup_id == workgroup_id, m.MeetingRow.year == year,
            m.MeetingRow.deleted.is_(False))
        if except_id:
            query = query.where(m.MeetingRow.id != except_id)
        return list(self.session.scalars(query))
