"""Workgroups and their membership."""

from __future__ import annotations

from ..domain.access import Permission
from ..domain.actor import Actor
from ..domain.entities import Workgroup
from ..domain.errors import ConflictError, NotFoundError
from ..domain.messages import N_
from ..domain.rules import validate_workgroup
from ..domain.views import Choice, ListQuery, Page, WorkgroupRow
from . import revisions
from .acting import act
from .ports import UnitOfWork


def list_workgroups(uow: UnitOfWork, query: ListQuery) -> Page[WorkgroupRow]:
    with uow:
        return uow.queries.workgroups(query)


def workgroup_choices(uow: UnitOfWork) -> list[Choice]:
    with uow:
        return uow.queries.workgroup_choices()


def get_workgroup(uow: UnitOfWork, workgroup_id: str) -> Workgroup:
    with uow:
        group = uow.workgroups.get(workgroup_id)
    if group is None:
        raise NotFoundError(N_("Workgroup {id} not found."), id=workgroup_id)
    return group


def save_workgroup(uow: UnitOfWork, actor: Actor, group: Workgroup,
                   expected: str | None = None) -> Workgroup:
    """Create or update; ``expected`` is the revision the editor opened (revisions.check)."""
    act(uow, actor, Permission.EDIT_DIRECTORY)
    validate_workgroup(group)
    with uow:
        uow.lock_writes()
        revisions.check_saved(uow, expected, lambda: uow.workgroups.get(group.id), group.id,
                              N_("Workgroup {id} not found."), N_("The workgroup"),
                              ["workgroup", "workgroup_member"],
                              lambda stored: [group.id, *(m.id for m in stored.members)])
        people = [group.chair_id, group.deputy_chair_id, group.secretary_id,
                  *(m.person_id for m in group.members)]
        for person_id in filter(None, people):
            if not uow.people.exists(person_id):
                raise NotFoundError(N_("Person {id} not found."), field="members", id=person_id)
        uow.workgroups.save(group)
        uow.commit()
    return group


def delete_workgroup(uow: UnitOfWork, actor: Actor, workgroup_id: str) -> None:
    act(uow, actor, Permission.EDIT_DIRECTORY)
    with uow:
        group = uow.workgroups.get(workgroup_id)
        if group is None:
            raise NotFoundError(N_("Workgroup {id} not found."), id=workgroup_id)
        meetings = uow.workgroups.meetings_count(workgroup_id)
        if meetings:
            raise ConflictError(
                N_("The workgroup '{name}' cannot be deleted: it has {count} meetings."),
                name=group.name, count=meetings)
        uow.workgroups.delete(workgroup_id)
        uow.commit()
