"""Findings with their append-only events, and the read side: the register, overdue
responses and the statistics of a period, all counted in SQL over derived columns."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session

from ..domain.finding_views import FindingRow, FindingStatLine, LinkedAction
from ..domain.findings import (
    ActType,
    Escalation,
    Finding,
    FindingEvent,
    FindingEventKind,
    FindingState,
    FindingStatus,
    ResponseResult,
    derive_tolerant,
)
from ..domain.views import ListQuery, Page
from . import models as m
from .mapping import apply, to_entity, values_of
from .queries import MAX_PAGE
from .text_keys import like_pattern

F = m.FindingRow
LIVE = F.deleted.is_(False)
AWAITING = F.status == "awaiting"
OPEN = F.status != "closed"


def event_of(row: m.FindingEventRow) -> FindingEvent:
    return FindingEvent(
        FindingEventKind(row.kind), row.happened_on, row.text,
        None if row.result is None else ResponseResult(row.result), row.disciplined,
        row.acts_repealed, None if row.escalation is None else Escalation(row.escalation),
        row.attachment_name, row.attachment_sha256, row.author, row.id)


class FindingRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _row(self, finding_id: str) -> m.FindingRow | None:
        row = self.session.get(F, finding_id)
        return None if row is None or row.deleted else row

    def exists(self, finding_id: str | None) -> bool:
        return finding_id is not None and self._row(finding_id) is not None

    def get(self, finding_id: str) -> Finding | None:
        row = self._row(finding_id)
        return None if row is None else to_entity(row, Finding, {"act_type": ActType})

    def numbers_taken(self, act_type: ActType, year: int, number: str,
                      except_id: str | None = None) -> bool:
        """Whether another live finding has this act number in this year and type."""
        found = select(F.id).where(LIVE, F.act_type == act_type.value, F.act_year == year,
                                   func.lower(F.act_number) == number.strip().lower())
        if except_id is not None:
            found = found.where(F.id != except_id)
        return self.session.scalar(found.limit(1)) is not None

    def add(self, finding: Finding, recorded: FindingEvent) -> None:
        self.session.add(F(**values_of(finding), act_year=finding.act_year, deleted=False,
                           status=FindingStatus.AWAITING.value, disciplined=0,
                           acts_repealed=0, text_key=""))
        self.session.flush()
        self.append(finding.id, recorded)

    def update(self, finding: Finding) -> None:
        row = self._row(finding.id)
        assert row is not None
        apply(row, values_of(finding) | {"act_year": finding.act_year})
        self.session.flush()
        self.refresh_state(finding.id)

    def events(self, finding_id: str) -> list[m.FindingEventRow]:
        E = m.FindingEventRow
        return list(self.session.scalars(
            select(E).where(E.finding_id == finding_id, E.deleted.is_(False))
            .order_by(E.seq, E.created_at, E.id)))

    def event_list(self, finding_id: str) -> list[FindingEvent]:
        return [event_of(r) for r in self.events(finding_id)]

    def append(self, finding_id: str, event: FindingEvent) -> FindingState:
        E = m.FindingEventRow
        seq = self.session.scalar(select(func.count()).select_from(E).where(
            E.finding_id == finding_id)) or 0
        self.session.add(E(
            id=event.id, finding_id=finding_id, seq=seq, kind=event.kind.value,
            happened_on=event.on, text=event.text,
            result=None if event.result is None else event.result.value,
            disciplined=event.disciplined, acts_repealed=event.acts_repealed,
            escalation=None if event.escalation is None else event.escalation.value,
            attachment_name=event.attachment_name, attachment_sha256=event.attachment_sha256,
            author=event.author, deleted=False))
        self.session.flush()
        return self.refresh_state(finding_id)

    def state(self, finding_id: str) -> tuple[FindingState, set[str]]:
        row = self.session.get(F, finding_id)
        assert row is not None
        return derive_tolerant([event_of(r) for r in self.events(finding_id)], row.act_date)

    def refresh_state(self, finding_id: str) -> FindingState:
        """Recompute the derived columns from the events (after an append or an import)."""
        row = self.session.get(F, finding_id)
        assert row is not None
        state, _skipped = self.state(finding_id)
        derived: dict[str, Any] = {
            "status": state.status.value, "responded_on": state.responded_on,
            "result": None if state.result is None else state.result.value,
            "disciplined": state.disciplined, "acts_repealed": state.acts_repealed,
            "escalation": None if state.escalation is None else state.escalation.value,
            "closed_on": state.closed_on}
        for name, value in derived.items():
            if getattr(row, name) != value:
                setattr(row, name, value)
        self.session.flush()
        return state

    def actions_of(self, finding_id: str) -> list[LinkedAction]:
        A = m.ActionRow
        rows = self.session.execute(
            select(A.id, A.text, A.status, A.current_deadline)
            .where(A.finding_id == finding_id, A.deleted.is_(False))
            .order_by(A.assigned_on, A.id)).all()
        return [LinkedAction(*r) for r in rows]


# ---- read side -------------------------------------------------------------------------------

class FindingQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    def register(self, query: ListQuery, as_of: date) -> Page[FindingRow]:
        """Newest acts first (or oldest, ``descending`` False with sort "act_date"); pages by
        keyset over ``ix_finding_act_date`` when given the cursor of the page before."""
        ascending = query.sort == "act_date" and not query.descending
        base = self._filtered(self._base(), query, as_of)
        order = (F.act_date, F.id) if ascending else (F.act_date.desc(), F.id.desc())
        limit = max(1, min(query.limit, MAX_PAGE))
        if query.after is not None:
            day, last_id = date.fromisoformat(str(query.after[0])), str(query.after[1])
            base = base.where(or_(F.act_date > day, (F.act_date == day) & (F.id > last_id))
                              if ascending else
                              or_(F.act_date < day, (F.act_date == day) & (F.id < last_id)))
            offset = query.offset
            rows = self.session.execute(base.order_by(*order).limit(limit)).all()
        else:
            offset = query.offset
            rows = self.session.execute(base.order_by(*order).offset(offset).limit(limit)).all()
        lines = [self._line(r, as_of) for r in rows]
        total = self.count(query, as_of) if query.count else -1
        cursor = (lines[-1].act_date.isoformat(), lines[-1].id) if lines else None
        return Page(lines, offset, total, cursor)

    def count(self, query: ListQuery, as_of: date) -> int:
        counted = self._filtered(select(func.count()).select_from(F).where(LIVE), query, as_of)
        return self.session.scalar(counted) or 0

    def _base(self) -> Select[Any]:
        return (select(F.id, F.act_type, F.act_number, F.act_date, m.AgencyRow.name,
                       F.subject, F.response_due, F.status, F.responded_on, F.result)
                .outerjoin(m.AgencyRow, m.AgencyRow.id == F.agency_id).where(LIVE))

    @staticmethod
    def _line(r: Any, as_of: date) -> FindingRow:
        due, status = r.response_due, FindingStatus(r.status)
        late = (as_of - due).days if status == FindingStatus.AWAITING and due is not None \
            and due < as_of else 0
        return FindingRow(r.id, ActType(r.act_type), r.act_number, r.act_date, r.name or "",
                          r.subject, due, status, r.responded_on,
                          None if r.result is None else ResponseResult(r.result), late)

    def _filtered(self, base: Select[Any], query: ListQuery, as_of: date) -> Select[Any]:
        f = query.filters
        if status := f.get("status"):
            base = base.where(F.status == status)
        if f.get("overdue") == "1":
            base = base.where(AWAITING, F.response_due < as_of)
        if agency := f.get("agency"):
            base = base.where(F.agency_id == agency)
        if act_type := f.get("act_type"):
            base = base.where(F.act_type == act_type)
        if workgroup := f.get("workgroup"):
            base = base.where(F.workgroup_id == workgroup)
        if start := f.get("from"):
            base = base.where(F.act_date >= date.fromisoformat(start))
        if end := f.get("to"):
            base = base.where(F.act_date <= date.fromisoformat(end))
        if query.text.strip():
            base = base.where(F.text_key.like(like_pattern(query.text), escape="\\"))
        return base

    def find_ids(self, text: str, limit: int = 20) -> list[str]:
        """Live findings whose id equals ``text`` or starts with it (a range on the primary
        key, as for actions)."""
        exact = list(self.session.scalars(select(F.id).where(LIVE, F.id == text)))
        if exact:
            return exact
        return list(self.session.scalars(
            select(F.id).where(LIVE, F.id >= text, F.id < text + "\uffff")
            .order_by(F.id).limit(limit)))

    def ids_by_number(self, act_type: ActType, year: int, number: str) -> list[str]:
        """Live findings with this act number (case aside) in this year and type."""
        return list(self.session.scalars(
            select(F.id).where(LIVE, F.act_type == act_type.value, F.act_year == year,
                               func.lower(F.act_number) == number.strip().lower())))

    def overdue_count(self, as_of: date) -> int:
        """Responses due before ``as_of`` and not received: the partial index answers."""
        return self.session.scalar(select(func.count()).select_from(F).where(
            AWAITING, F.response_due < as_of, LIVE)) or 0

    def statistics(self, date_from: date, date_to: date, as_of: date
                   ) -> list[FindingStatLine]:
        """Per agency and act type, acts dated in the period: issued, responses on time /
        late / missing (due passed by ``as_of`` without one) / pending, results, disciplined.
        A finding closed without a response (the act withdrawn, the matter taken to court) is
        neither missing nor pending, as it is not overdue either."""
        responded = F.responded_on.is_not(None)
        due = F.response_due.is_not(None)
        one = lambda condition: func.sum(case((condition, 1), else_=0))  # noqa: E731
        rows = self.session.execute(
            select(func.coalesce(m.AgencyRow.name, ""), F.act_type, func.count(),
                   one(responded & due & (F.responded_on <= F.response_due)),
                   one(responded & due & (F.responded_on > F.response_due)),
                   one(~responded & due & OPEN & (F.response_due < as_of)),
                   one(~responded & due & OPEN & (F.response_due >= as_of)),
                   one(F.result.is_not(None)), one(F.result == "satisfied"),
                   func.coalesce(func.sum(F.disciplined), 0))
            .outerjoin(m.AgencyRow, m.AgencyRow.id == F.agency_id)
            .where(LIVE, F.act_date >= date_from, F.act_date <= date_to)
            .group_by(F.agency_id, m.AgencyRow.name, F.act_type)  # namesakes stay apart
            .order_by(m.AgencyRow.name, F.agency_id, F.act_type)).all()
        return [FindingStatLine(r[0], ActType(r[1]), *(int(v or 0) for v in r[2:]))
                for r in rows]
