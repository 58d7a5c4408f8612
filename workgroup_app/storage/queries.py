"""Read side: paged, sorted, filtered lists as DTOs. Sorting and filtering happen in SQL, so a
list of a million rows never comes into memory."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from ..domain.enums import AgencyKind, MeetingStatus
from ..domain.views import (
    AgencyRow,
    Choice,
    ListQuery,
    MeetingRow,
    Page,
    PersonRow,
    WorkgroupRow,
)
from . import models as m
from .text_keys import like_pattern, search_key

MAX_PAGE = 5000


def _page(session: Session, query: ListQuery, base: Select[Any], sorts: dict[str, Any],
          default_sort: str, tiebreak: Any) -> tuple[list[Any], int]:
    total = session.scalar(select(func.count()).select_from(base.order_by(None).subquery())) or 0
    column = sorts.get(query.sort) if query.sort else None
    column = column if column is not None else sorts[default_sort]
    order = [column.desc() if query.descending else column.asc(), tiebreak]
    limit = max(0, min(query.limit, MAX_PAGE))
    rows = session.execute(base.order_by(*order).offset(max(0, query.offset)).limit(limit)).all()
    return rows, total


class Queries:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- directory ------------------------------------------------------------------------
    def agencies(self, query: ListQuery) -> Page[AgencyRow]:
        people = (select(func.count()).select_from(m.PersonRow)
                  .where(m.PersonRow.agency_id == m.AgencyRow.id, m.PersonRow.deleted.is_(False))
                  .correlate(m.AgencyRow).scalar_subquery())
        base = select(m.AgencyRow.id, m.AgencyRow.name, m.AgencyRow.short_name,
                      m.AgencyRow.kind, m.AgencyRow.region, people.label("people")
                      ).where(m.AgencyRow.deleted.is_(False))
        if query.text:
            base = base.where(m.AgencyRow.name_key.like(like_pattern(query.text), escape="\\"))
        if kind := query.filters.get("kind"):
            base = base.where(m.AgencyRow.kind == kind)
        sorts = {"name": m.AgencyRow.name_key, "short_name": m.AgencyRow.short_name,
                 "kind": m.AgencyRow.kind, "region": m.AgencyRow.region, "people": people}
        rows, total = _page(self.session, query, base, sorts, "name", m.AgencyRow.id)
        return Page([AgencyRow(r.id, r.name, r.short_name, AgencyKind(r.kind), r.region,
                               r.people) for r in rows], query.offset, total)

    def people(self, query: ListQuery) -> Page[PersonRow]:
        agency = aliased(m.AgencyRow)
        base = (select(m.PersonRow.id, m.PersonRow.full_name, m.PersonRow.position,
                       m.PersonRow.agency_id, func.coalesce(agency.name, "").label("agency_name"),
                       m.PersonRow.phone, m.PersonRow.email)
                .outerjoin(agency, agency.id == m.PersonRow.agency_id)
                .where(m.PersonRow.deleted.is_(False)))
        if query.text:
            base = base.where(m.PersonRow.name_key.like(like_pattern(query.text), escape="\\"))
        if agency_id := query.filters.get("agency_id"):
            base = base.where(m.PersonRow.agency_id == agency_id)
        sorts = {"full_name": m.PersonRow.name_key, "position": m.PersonRow.position,
                 "agency": agency.name}
        rows, total = _page(self.session, query, base, sorts, "full_name", m.PersonRow.id)
        return Page([PersonRow(*r) for r in rows], query.offset, total)

    # -- workgroups -----------------------------------------------------------------------
    def workgroups(self, query: ListQuery) -> Page[WorkgroupRow]:
        chair = aliased(m.PersonRow)
        members = (select(func.count()).select_from(m.WorkgroupMemberRow)
                   .where(m.WorkgroupMemberRow.workgroup_id == m.WorkgroupRow.id,
                          m.WorkgroupMemberRow.deleted.is_(False))
                   .correlate(m.WorkgroupRow).scalar_subquery())
        meetings = (select(func.count()).select_from(m.MeetingRow)
                    .where(m.MeetingRow.workgroup_id == m.WorkgroupRow.id,
                           m.MeetingRow.deleted.is_(False))
                    .correlate(m.WorkgroupRow).scalar_subquery())
        base = (select(m.WorkgroupRow.id, m.WorkgroupRow.name, m.WorkgroupRow.region,
                       m.WorkgroupRow.established_on,
                       func.coalesce(chair.full_name, "").label("chair_name"),
                       members.label("members"), meetings.label("meetings"))
                .outerjoin(chair, chair.id == m.WorkgroupRow.chair_id)
                .where(m.WorkgroupRow.deleted.is_(False)))
        if query.text:
            base = base.where(m.WorkgroupRow.name_key.like(like_pattern(query.text), escape="\\"))
        sorts = {"name": m.WorkgroupRow.name_key, "region": m.WorkgroupRow.region,
                 "established_on": m.WorkgroupRow.established_on, "meetings": meetings}
        rows, total = _page(self.session, query, base, sorts, "name", m.WorkgroupRow.id)
        return Page([WorkgroupRow(*r) for r in rows], query.offset, total)

    # -- meetings -------------------------------------------------------------------------
    def meetings(self, query: ListQuery) -> Page[MeetingRow]:
        group = aliased(m.WorkgroupRow)
        base = (select(m.MeetingRow.id, m.MeetingRow.workgroup_id, group.name,
                       m.MeetingRow.number, m.MeetingRow.year, m.MeetingRow.held_on,
                       m.MeetingRow.starts_at, m.MeetingRow.venue, m.MeetingRow.status)
                .join(group, group.id == m.MeetingRow.workgroup_id)
                .where(m.MeetingRow.deleted.is_(False)))
        filters = query.filters
        if workgroup_id := filters.get("workgroup_id"):
            base = base.where(m.MeetingRow.workgroup_id == workgroup_id)
        if status := filters.get("status"):
            base = base.where(m.MeetingRow.status == status)
        if year := filters.get("year"):
            base = base.where(m.MeetingRow.year == int(year))
        if query.text:
            # The venue or the workgroup's name; agenda text search comes with full-text search.
            pattern = like_pattern(query.text)
            base = base.where(group.name_key.like(pattern, escape="\\")
                              | func.lower(m.MeetingRow.venue).like(pattern, escape="\\"))
        sorts = {"held_on": m.MeetingRow.held_on, "number": m.MeetingRow.number,
                 "workgroup": group.name_key, "venue": m.MeetingRow.venue,
                 "status": m.MeetingRow.status}
        rows, total = _page(self.session, query, base, sorts, "held_on", m.MeetingRow.id)
        return Page([MeetingRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7],
                                MeetingStatus(r[8])) for r in rows], query.offset, total)

    # -- choices and name resolution ------------------------------------------------------
    def agency_choices(self) -> list[Choice]:
        rows = self.session.execute(select(m.AgencyRow.id, m.AgencyRow.name, m.AgencyRow.short_name)
                                    .where(m.AgencyRow.deleted.is_(False))
                                    .order_by(m.AgencyRow.name_key)).all()
        return [Choice(r.id, r.short_name or r.name) for r in rows]

    def person_choices(self, agency_id: str | None = None) -> list[Choice]:
        query = select(m.PersonRow.id, m.PersonRow.full_name).where(
            m.PersonRow.deleted.is_(False)).order_by(m.PersonRow.name_key)
        if agency_id:
            query = query.where(m.PersonRow.agency_id == agency_id)
        return [Choice(r.id, r.full_name) for r in self.session.execute(query)]

    def workgroup_choices(self) -> list[Choice]:
        rows = self.session.execute(select(m.WorkgroupRow.id, m.WorkgroupRow.name)
                                    .where(m.WorkgroupRow.deleted.is_(False))
                                    .order_by(m.WorkgroupRow.name_key)).all()
        return [Choice(r.id, r.name) for r in rows]

    def find_ids(self, table: str, text: str) -> list[str]:
        """Ids whose id starts with ``text`` or whose name equals it (casefolded)."""
        model = {"agency": m.AgencyRow, "person": m.PersonRow, "workgroup": m.WorkgroupRow,
                 "meeting": m.MeetingRow}[table]
        live = model.deleted.is_(False)
        exact = list(self.session.scalars(select(model.id).where(live, model.id == text)))
        if exact:
            return exact
        found = list(self.session.scalars(select(model.id).where(
            live, model.id.like(f"{text}%")).limit(5))) if len(text) >= 4 else []
        if not found and hasattr(model, "name_key"):
            key = search_key(text)
            if table == "agency":
                # An agency's name_key holds its name and short name together, and SQLite's
                # LOWER() folds only ASCII: narrow in SQL, compare each name in Python.
                rows = self.session.execute(select(model.id, model.name, model.short_name).where(
                    live, model.name_key.like(like_pattern(text), escape="\\")))
                found = [r.id for r in rows
                         if key in (search_key(r.name), search_key(r.short_name))]
            else:
                found = list(self.session.scalars(select(model.id).where(
                    live, model.name_key == key)))
        return found

    def people_names(self, ids: list[str]) -> dict[str, str]:
        if not ids:
            return {}
        rows = self.session.execute(select(m.PersonRow.id, m.PersonRow.full_name)
                                    .where(m.PersonRow.id.in_(ids)))
        return {r.id: r.full_name for r in rows}

    def agency_names(self, ids: list[str]) -> dict[str, str]:
        if not ids:
            return {}
        rows = self.session.execute(select(m.AgencyRow.id, m.AgencyRow.name)
                                    .where(m.AgencyRow.id.in_(ids)))
        return {r.id: r.name for r in rows}
