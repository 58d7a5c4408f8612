"""Agencies and people."""

from __future__ import annotations

from ..domain.access import Permission
from ..domain.actor import Actor
from ..domain.entities import Agency, Person
from ..domain.errors import ConflictError, NotFoundError
from ..domain.messages import N_
from ..domain.rules import validate_agency, validate_person
from ..domain.views import AgencyRow, Choice, ListQuery, Page, PersonRow
from . import revisions
from .acting import act
from .ports import UnitOfWork


def list_agencies(uow: UnitOfWork, query: ListQuery) -> Page[AgencyRow]:
    with uow:
        return uow.queries.agencies(query)


def list_people(uow: UnitOfWork, query: ListQuery) -> Page[PersonRow]:
    with uow:
        return uow.queries.people(query)


def agency_choices(uow: UnitOfWork) -> list[Choice]:
    with uow:
        return uow.queries.agency_choices()


def person_choices(uow: UnitOfWork, agency_id: str | None = None) -> list[Choice]:
    with uow:
        return uow.queries.person_choices(agency_id)


def get_agency(uow: UnitOfWork, agency_id: str) -> Agency:
    with uow:
        agency = uow.agencies.get(agency_id)
    if agency is None:
        raise NotFoundError(N_("Agency {id} not found."), id=agency_id)
    return agency


def get_person(uow: UnitOfWork, person_id: str) -> Person:
    with uow:
        person = uow.people.get(person_id)
    if person is None:
        raise NotFoundError(N_("Person {id} not found."), id=person_id)
    return person


def save_agency(uow: UnitOfWork, actor: Actor, agency: Agency,
                expected: str | None = None) -> Agency:
    """Create or update; ``expected`` is the revision the editor opened (revisions.check)."""
    act(uow, actor, Permission.EDIT_DIRECTORY)
    validate_agency(agency)
    with uow:
        uow.lock_writes()
        revisions.check_saved(uow, expected, lambda: uow.agencies.get(agency.id), agency.id,
                              N_("Agency {id} not found."), N_("The agency"), ["agency"])
        uow.agencies.save(agency)
        uow.commit()
    return agency


def save_person(uow: UnitOfWork, actor: Actor, person: Person,
                expected: str | None = None) -> Person:
    """Create or update; ``expected`` is the revision the editor opened (revisions.check)."""
    act(uow, actor, Permission.EDIT_DIRECTORY)
    validate_person(person)
    with uow:
        uow.lock_writes()
        revisions.check_saved(uow, expected, lambda: uow.people.get(person.id), person.id,
                              N_("Person {id} not found."), N_("The person"), ["person"])
        if person.agency_id is not None and not uow.agencies.exists(person.agency_id):
            raise NotFoundError(N_("Agency {id} not found."), field="agency_id",
                                id=person.agency_id)
        uow.people.save(person)
        uow.commit()
    return person


def delete_agency(uow: UnitOfWork, actor: Actor, agency_id: str) -> None:
    act(uow, actor, Permission.EDIT_DIRECTORY)
    with uow:
        agency = uow.agencies.get(agency_id)
        if agency is None:
            raise NotFoundError(N_("Agency {id} not found."), id=agency_id)
        people = uow.agencies.people_count(agency_id)
        if people:
            raise ConflictError(
                N_("The agency '{name}' cannot be deleted: {count} people still belong to it. "
                   "Move them to another agency first."), name=agency.name, count=people)
        decisions = uow.agencies.decisions_count(agency_id)
        if decisions:
            raise ConflictError(
                N_("The agency '{name}' cannot be deleted: {count} decisions name it as "
                   "responsible."), name=agency.name, count=decisions)
        actions = uow.actions.agency_uses(agency_id)
        if actions:
            raise ConflictError(
                N_("The agency '{name}' cannot be deleted: {count} actions name it."),
                name=agency.name, count=actions)
        uow.agencies.delete(agency_id)
        uow.commit()


def delete_person(uow: UnitOfWork, actor: Actor, person_id: str) -> None:
    act(uow, actor, Permission.EDIT_DIRECTORY)
    with uow:
        person = uow.people.get(person_id)
        if person is None:
            raise NotFoundError(N_("Person {id} not found."), id=person_id)
        references = uow.people.references(person_id)
        if references:
            raise ConflictError(
                N_("'{name}' cannot be deleted: named in {count} memberships, attendance lists "
                   "or speeches."), name=person.full_name, count=references)
        actions = uow.actions.person_uses(person_id)
        if actions:
            raise ConflictError(
                N_("'{name}' cannot be deleted: named in {count} actions."),
                name=person.full_name, count=actions)
        uow.people.delete(person_id)
        uow.commit()
