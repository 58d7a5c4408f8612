"""Read side of execution control: the register, the overview figures, the discipline report.

Everything counts and filters in SQL over the action rows' derived state, so a store with a
million actions answers without loading them. Live open or reported actions are found through
the partial index ``ix_action_active``; ``ACTIVE`` repeats its condition literally because
SQLite uses a partial index only when the query's WHERE visibly implies the index's.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, and_, case, func, literal, literal_column, or_, select, tuple_
from sqlalchemy.orm import Session, aliased

from ..domain.action_life import ActionStatus
from ..domain.action_views import (
    AGE_BUCKETS,
    ActionRow,
    DisciplineLine,
    DisciplineReport,
    GroupFigures,
    OverviewFigures,
)
from ..domain.rules import decision_number
from ..domain.views import ListQuery, Page
from . import models as m
from .queries import MAX_PAGE
from .text_keys import like_pattern

A = m.ActionRow
ACTIVE = A.status.in_([literal_column("'open'"), literal_column("'reported'")])
LIVE = A.deleted.is_(False)
# Sorts on the action's own non-null columns page by keyset; the others by offset.
KEYSET_SORTS = frozenset({"deadline", "assigned_on", "status", "extensions", "text"})


def week_end(as_of: date) -> date:
    """The Sunday of ``as_of``'s week: "due this week" runs from today to then."""
    return as_of + timedelta(days=6 - as_of.weekday())


def _age_range(as_of: date, low: int, high: int | None) -> Any:
    """Overdue by ``low``..``high`` days (open-ended when ``high`` is None)."""
    latest = as_of - timedelta(days=low)
    if high is None:
        return A.current_deadline <= latest
    return and_(A.current_deadline <= latest, A.current_deadline >= as_of - timedelta(days=high))


def _parse_age(text: str) -> tuple[int, int | None]:
    low, _, high = text.partition("-")
    return int(low), (int(high) if high else None)


def _iso(text: str) -> date:
    return date.fromisoformat(text)


def _count(condition: Any) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


class ActionQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- the register -----------------------------------------------------------------------
    def _register_base(self) -> tuple[Select[Any], dict[str, Any]]:
        agency, group = aliased(m.AgencyRow), aliased(m.WorkgroupRow)
        controller, official = aliased(m.PersonRow), aliased(m.PersonRow)
        meeting, decision, item = aliased(m.MeetingRow), aliased(m.DecisionRow), \
            aliased(m.AgendaItemRow)
        base = (select(A.id, A.text, A.current_agency_id,
                       func.coalesce(agency.short_name, "").label("agency_short"),
                       func.coalesce(agency.name, "").label("agency_name"),
                       A.workgroup_id, func.coalesce(group.name, "").label("group_name"),
                       A.controller_id, func.coalesce(controller.full_name, "").label("ctl"),
                       func.coalesce(official.full_name, "").label("official"),
                       A.source, meeting.number, meeting.held_on, item.position.label("ip"),
                       decision.position.label("dp"), A.assigned_on, A.current_deadline,
                       A.status, A.extensions, A.reported_on, A.done_on)
                .outerjoin(agency, agency.id == A.current_agency_id)
                .outerjoin(group, group.id == A.workgroup_id)
                .outerjoin(controller, controller.id == A.controller_id)
                .outerjoin(official, official.id == A.current_official_id)
                .outerjoin(meeting, meeting.id == A.meeting_id)
                .outerjoin(decision, decision.id == A.decision_id)
                .outerjoin(item, item.id == decision.agenda_item_id)
                .where(LIVE))
        sorts = {"deadline": A.current_deadline, "assigned_on": A.assigned_on,
                 "agency": agency.name_key, "workgroup": group.name_key,
                 "controller": controller.name_key, "status": A.status, "text": A.text_key,
                 "extensions": A.extensions, "done_on": A.done_on}
        return base, sorts

    def register(self, query: ListQuery, as_of: date) -> Page[ActionRow]:
        """One page of the register. Sorted by a column of the action itself, it pages by
        keyset: given the cursor of the page before, it reads on from there through the index
        instead of skipping ``offset`` rows, so the millionth row comes as fast as the first."""
        base, sorts = self._register_base()
        base = self._filtered(base, query, as_of)
        key = query.sort if query.sort in sorts else "deadline"
        column = sorts[key]
        keyset = key in KEYSET_SORTS
        order = [column.desc() if query.descending else column.asc(),
                 A.id.desc() if query.descending else A.id.asc()]
        limit = max(0, min(query.limit, MAX_PAGE))
        paged = base.add_columns(column.label("sort_value")).order_by(*order).limit(limit)
        if keyset and query.after is not None:
            position, after = tuple_(column, A.id), tuple_(*(
                literal(value, type_=kind) for value, kind in zip(
                    query.after, (column.type, A.id.type), strict=True)))
            paged = paged.where(position < after if query.descending else position > after)
        else:
            paged = paged.offset(max(0, query.offset))
        rows = self.session.execute(paged).all()
        cursor = (rows[-1].sort_value, rows[-1].id) if keyset and rows else None
        total = self.count(query, as_of) if query.count else -1
        return Page([_row(r) for r in rows], query.offset, total, cursor)

    def count(self, query: ListQuery, as_of: date) -> int:
        """How many actions match; counted on the action table alone (every filter is on
        its columns), without the joins the register's lines need."""
        counted = self._filtered(select(func.count()).select_from(A).where(LIVE), query, as_of)
        return self.session.scalar(counted) or 0

    def rows(self, query: ListQuery, as_of: date, limit: int) -> list[ActionRow]:
        """All matching rows up to ``limit`` in the query's order, for reports and files."""
        base, sorts = self._register_base()
        base = self._filtered(base, query, as_of)
        column = sorts.get(query.sort) or sorts["deadline"]
        order = column.desc() if query.descending else column.asc()
        result = self.session.execute(base.order_by(order, A.id).limit(limit)).all()
        return [_row(r) for r in result]

    def _filtered(self, base: Select[Any], query: ListQuery, as_of: date) -> Select[Any]:
        f = query.filters
        if status := f.get("status"):
            base = base.where(ACTIVE) if status == "active" else base.where(A.status == status)
        if finding := f.get("finding"):
            base = base.where(A.finding_id == finding)
        if f.get("overdue") or f.get("age"):
            base = base.where(ACTIVE, A.current_deadline < as_of)
        if age := f.get("age"):
            base = base.where(_age_range(as_of, *_parse_age(age)))
        if f.get("due_week"):
            base = base.where(ACTIVE, A.current_deadline >= as_of,
                              A.current_deadline <= week_end(as_of))
        if f.get("due_soon_days"):
            base = base.where(ACTIVE, A.current_deadline <= as_of + timedelta(
                days=int(f["due_soon_days"])))
        if agency_id := f.get("agency_id"):
            base = base.where(A.current_agency_id == agency_id)
        if workgroup_id := f.get("workgroup_id"):
            base = base.where(A.workgroup_id.is_(None) if workgroup_id == "none"
                              else A.workgroup_id == workgroup_id)
        if controller_id := f.get("controller_id"):
            base = base.where(A.controller_id == controller_id)
        for key, column in (("meeting_id", A.meeting_id), ("decision_id", A.decision_id),
                            ("source", A.source)):
            if value := f.get(key):
                base = base.where(column == value)
        if due_from := f.get("due_from"):
            base = base.where(A.current_deadline >= _iso(due_from))
        if due_to := f.get("due_to"):
            base = base.where(A.current_deadline <= _iso(due_to))
        if query.text:
            base = base.where(A.text_key.like(like_pattern(query.text), escape="\\"))
        return base

    # -- the overview -----------------------------------------------------------------------
    def _figures(self, as_of: date) -> list[Any]:
        overdue = A.current_deadline < as_of
        return [func.count().label("active"), _count(overdue).label("overdue"),
                _count(and_(A.current_deadline >= as_of,
                            A.current_deadline <= week_end(as_of))).label("week"),
                _count(A.status == ActionStatus.REPORTED.value).label("awaiting")]

    def overview(self, as_of: date) -> OverviewFigures:
        ages = [_count(_age_range(as_of, low, high)) for low, high in AGE_BUCKETS]
        totals = self.session.execute(
            select(*self._figures(as_of), *ages).where(ACTIVE, LIVE)).one()
        return OverviewFigures(
            as_of=as_of, week_end=week_end(as_of), active=totals[0], overdue=totals[1],
            overdue_by_age=(totals[4], totals[5], totals[6], totals[7]),
            due_this_week=totals[2], awaiting_acceptance=totals[3],
            by_agency=self._groups(as_of, A.current_agency_id, m.AgencyRow),
            by_workgroup=self._groups(as_of, A.workgroup_id, m.WorkgroupRow))

    def _groups(self, as_of: date, column: Any, model: Any) -> list[GroupFigures]:
        figures = self.session.execute(
            select(column.label("key"), *self._figures(as_of)).where(ACTIVE, LIVE)
            .group_by(column)).all()
        names = {r[0]: r[1] for r in self.session.execute(
            select(model.id, model.name).where(model.id.in_(
                [r.key for r in figures if r.key is not None])))}
        groups = [GroupFigures(r.key, names.get(r.key, ""), r.active, r.overdue, r.week,
                               r.awaiting) for r in figures]
        return sorted(groups, key=lambda g: (-g.overdue, -g.active, g.name))

    # -- executive discipline ---------------------------------------------------------------
    def discipline(self, date_from: date, date_to: date, as_of: date) -> DisciplineReport:
        assigned = A.assigned_on.between(date_from, date_to)
        done = and_(A.status == ActionStatus.DONE.value, A.done_on.between(date_from, date_to))
        overdue_now = and_(ACTIVE, A.current_deadline < as_of, A.assigned_on <= date_to)
        columns = [
            _count(assigned), _count(and_(done, A.done_on <= A.current_deadline)),
            _count(and_(done, A.done_on > A.current_deadline)), _count(overdue_now),
            _count(and_(assigned, A.extensions > 0)),
            func.coalesce(func.sum(case((assigned, A.extensions), else_=0)), 0)]
        result = self.session.execute(
            select(A.current_agency_id, *columns).where(LIVE, or_(assigned, done, overdue_now))
            .group_by(A.current_agency_id)).all()
        names = {r[0]: r[1] for r in self.session.execute(
            select(m.AgencyRow.id, m.AgencyRow.name).where(
                m.AgencyRow.id.in_([r[0] for r in result if r[0]])))}
        lines = sorted((DisciplineLine(r[0], names.get(r[0], ""), *r[1:]) for r in result),
                       key=lambda line: line.agency_name.casefold())
        sums = [sum(getattr(line, name) for line in lines) for name in
                ("assigned", "done_on_time", "done_late", "overdue_now", "extended",
                 "extensions")]
        return DisciplineReport(date_from, date_to, as_of, lines,
                                DisciplineLine(None, "", *sums))

    def find_ids(self, text: str, limit: int = 20) -> list[str]:
        """Live actions whose id equals ``text`` or starts with it (a range on the primary
        key, so it stays an index lookup); at most ``limit``, an ambiguous prefix costs
        little."""
        exact = list(self.session.scalars(select(A.id).where(LIVE, A.id == text)))
        if exact:
            return exact
        return list(self.session.scalars(
            select(A.id).where(LIVE, A.id >= text, A.id < text + "\uffff")
            .order_by(A.id).limit(limit)))

    def decision_choices(self, meeting_id: str) -> list[tuple[str, str, str, str | None,
                                                              date | None]]:
        """(decision id, number, text, responsible agency, due date) of a meeting."""
        item = aliased(m.AgendaItemRow)
        rows = self.session.execute(
            select(m.DecisionRow.id, item.position, m.DecisionRow.position,
                   m.DecisionRow.text, m.DecisionRow.responsible_agency_id,
                   m.DecisionRow.due_date)
            .join(item, item.id == m.DecisionRow.agenda_item_id)
            .where(item.meeting_id == meeting_id, item.deleted.is_(False),
                   m.DecisionRow.deleted.is_(False))
            .order_by(item.position, m.DecisionRow.position)).all()
        return [(r[0], decision_number(r[1] + 1, r[2] + 1), r[3], r[4], r[5]) for r in rows]


def _row(r: Any) -> ActionRow:
    number = decision_number(r.ip + 1, r.dp + 1) if r.ip is not None and r.dp is not None \
        else ""
    return ActionRow(r.id, r.text, r.current_agency_id, r.agency_short or r.agency_name,
                     r.workgroup_id, r.group_name, r.controller_id, r.ctl, r.official,
                     r.source, r.number, r.held_on, number, r.assigned_on, r.current_deadline,
                     ActionStatus(r.status), r.extensions, r.reported_on, r.done_on)
