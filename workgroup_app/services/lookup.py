"""Name resolution for scripts and forms: a reference typed by a user becomes one record id.

A reference is a full id, an id prefix of at least four characters, or an exact name
(case-insensitive, Cyrillic included; agencies also by their short name). Meetings may also be
named ``WORKGROUP/NUMBER/YEAR``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..domain.entities import Person
from ..domain.errors import NotFoundError, ValidationError
from ..domain.messages import N_
from ..domain.views import ListQuery
from .ports import UnitOfWork

KINDS = ("agency", "person", "workgroup", "meeting")

NOT_FOUND = {
    "agency": N_("No agency matches '{text}'."),
    "person": N_("No person matches '{text}'."),
    "workgroup": N_("No workgroup matches '{text}'."),
    "meeting": N_("No meeting matches '{text}'."),
}
AMBIGUOUS = {
    "agency": N_("'{text}' matches {count} agencies; give the id instead."),
    "person": N_("'{text}' matches {count} people; give the id instead."),
    "workgroup": N_("'{text}' matches {count} workgroups; give the id instead."),
    "meeting": N_("'{text}' matches {count} meetings; give the id instead."),
}


def resolve(uow: UnitOfWork, kind: str, text: str) -> str:
    """The id of the one live record of ``kind`` that ``text`` names."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    reference = " ".join(text.split())
    found: list[str] = []
    if reference:
        with uow:
            found = uow.queries.find_ids(kind, reference)
            if not found and kind == "meeting":
                found = _meeting_by_number(uow, reference)
    if not found:
        raise NotFoundError(NOT_FOUND[kind], text=reference)
    if len(found) > 1:
        raise ValidationError(AMBIGUOUS[kind], text=reference, count=len(found))
    return found[0]


def _meeting_by_number(uow: UnitOfWork, reference: str) -> list[str]:
    """``WORKGROUP/NUMBER/YEAR``, inside an open unit of work."""
    parts = reference.rsplit("/", 2)
    if len(parts) != 3 or not (parts[1].strip().isdigit() and parts[2].strip().isdigit()):
        return []
    groups = uow.queries.find_ids("workgroup", parts[0].strip())
    if len(groups) != 1:
        return []
    number, year = int(parts[1]), int(parts[2])
    page = uow.queries.meetings(ListQuery(limit=5000, filters={
        "workgroup_id": groups[0], "year": str(year)}))
    return [row.id for row in page.rows if row.number == number]


def people(uow: UnitOfWork, ids: Iterable[str | None]) -> dict[str, Person]:
    """The live people among ``ids``, by id (missing ones are left out)."""
    wanted = sorted({i for i in ids if i})
    with uow:
        found = {i: uow.people.get(i) for i in wanted}
    return {i: p for i, p in found.items() if p is not None}


def agency_names(uow: UnitOfWork, ids: Iterable[str | None]) -> dict[str, str]:
    wanted = sorted({i for i in ids if i})
    with uow:
        return dict(uow.queries.agency_names(wanted))


def person_names(uow: UnitOfWork, ids: Iterable[str | None]) -> dict[str, str]:
    wanted = sorted({i for i in ids if i})
    with uow:
        return dict(uow.queries.people_names(wanted))
