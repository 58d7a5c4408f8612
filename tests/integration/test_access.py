"""Permissions live in the services: each role may do what domain/access.py gives it and is
refused the rest with AccessDenied, the store left exactly as it was."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from tests.helpers import dump
from workgroup_app.bootstrap import AppContext
from workgroup_app.domain.access import AccessDenied, Permission, Role
from workgroup_app.domain.actions import Action
from workgroup_app.domain.actor import LOCAL_ADMIN, Actor
from workgroup_app.domain.entities import Agency, AgendaItem, Decision, Meeting, Person, Workgroup
from workgroup_app.domain.enums import AgencyKind, MeetingStatus
from workgroup_app.domain.errors import NotFoundError
from workgroup_app.domain.findings import ActType, Finding
from workgroup_app.services import actions, directory, findings, meetings, offices, workdays
from workgroup_app.services import workgroups as groups

TODAY = date(2026, 11, 27)

pytestmark = pytest.mark.both_databases


@pytest.fixture
def office(context: AppContext) -> dict[str, str]:
    uow, actor = context.uow, context.actor
    police = directory.save_agency(uow(), actor, Agency("УВД облисполкома", "УВД",
                                                        AgencyKind.INTERNAL_AFFAIRS))
    person = directory.save_person(uow(), actor, Person("Ёлкин Пётр Семёнович"))
    group = groups.save_workgroup(uow(), actor, Workgroup("Группа по противодействию коррупции"))
    meeting = meetings.save_meeting(uow(), actor, Meeting(
        workgroup_id=group.id, held_on=date(2026, 3, 5), status=MeetingStatus.HELD,
        items=[AgendaItem("О мерах", decisions=[Decision("Провести проверки", police.id)])]))
    action = actions.create_action(uow(), actor, Action(
        text="Проверить исполнение", agency_id=police.id, assigned_on=date(2026, 3, 2),
        deadline=date(2026, 12, 20)))
    actions.report(uow(), actor, action.id, "Исполнено", date(2026, 3, 10), today=TODAY)
    finding = findings.add_finding(uow(), actor, Finding(
        agency_id=police.id, inspected_on=date(2026, 2, 20), subject="Соблюдение закона",
        act_type=ActType.PROTEST, act_number="02-15/12", act_date=date(2026, 3, 5),
        violations="Нарушен порядок", legal_norms="ст. 12", prosecutor_id=person.id,
        addressee="Начальнику УВД"))
    return {"police": police.id, "person": person.id, "group": group.id,
            "meeting": meeting.id, "action": action.id, "finding": finding.id}


def _operations(context: AppContext, ids: dict[str, str]
                ) -> dict[Permission, Callable[[Actor], object]]:
    """One changing operation per permission (those that need no keys or files)."""
    uow = context.uow

    def as_uow(actor: Actor):  # a unit of work acting as ``actor`` (for services without one)
        context.actor = actor
        return context.uow()

    return {
        Permission.EDIT_DIRECTORY: lambda a: directory.save_agency(
            uow(), a, Agency("Таможня", "Таможня", AgencyKind.CUSTOMS)),
        Permission.EDIT_MEETINGS: lambda a: meetings.save_meeting(uow(), a, Meeting(
            workgroup_id=ids["group"], held_on=date(2026, 12, 1))),
        Permission.EDIT_ACTIONS: lambda a: actions.extend(
            uow(), a, ids["action"], date(2026, 12, 30), "Нужно время", date(2026, 3, 11),
            today=TODAY),
        Permission.CONTROL_ACTIONS: lambda a: actions.accept(
            uow(), a, ids["action"], date(2026, 3, 12), today=TODAY),
        Permission.EDIT_FINDINGS: lambda a: findings.comment(
            uow(), a, ids["finding"], date(2026, 3, 6), "Принято к сведению"),
        Permission.MANAGE_SETTINGS: lambda a: workdays.set_override(
            uow(), a, date(2026, 12, 31), workdays.DAY_OFF, "Канун"),
        Permission.MANAGE_OFFICES: lambda a: offices.revoke(as_uow(a), "no such office"),
    }


@pytest.mark.parametrize("role", list(Role))
def test_each_role_may_do_its_own_work_and_is_refused_the_rest(
        context: AppContext, office: dict[str, str], store_path: Path, role: Role) -> None:
    actor = Actor(user=f"user-{role}", role=role)
    for permission, operation in _operations(context, office).items():
        before = dump(store_path)
        if actor.may(permission):
            try:
                operation(actor)
            except AccessDenied as error:  # pragma: no cover - the failure message
                pytest.fail(f"{role} was refused {permission}: {error}")
            except NotFoundError:  # allowed, and refused for its own reason (no such office)
                assert permission == Permission.MANAGE_OFFICES
            context.actor = LOCAL_ADMIN
            continue
        with pytest.raises(AccessDenied) as refused:
            operation(actor)
        context.actor = LOCAL_ADMIN
        assert "may not" in refused.value.english()
        assert dump(store_path) == before, f"{role} changed the store through {permission}"


def test_the_observer_may_read_everything(context: AppContext, office: dict[str, str]) -> None:
    from workgroup_app.domain.views import ListQuery

    observer = Actor(user="observer", role=Role.OBSERVER)
    context.actor = observer
    assert actions.get_action(context.uow(), office["action"]).action.text
    assert findings.list_findings(context.uow(), ListQuery(limit=10)).total == 1
    assert meetings.list_meetings(context.uow(), ListQuery(limit=10)).total == 1


def test_the_refusal_names_the_role_and_the_task(context: AppContext,
                                                 office: dict[str, str]) -> None:
    head = Actor(user="head", role=Role.HEAD)
    with pytest.raises(AccessDenied) as refused:
        directory.delete_agency(context.uow(), head, office["police"])
    assert refused.value.english() == (
        "Your role (Head of office) may not change the directory of agencies, people and "
        "workgroups.")


def test_a_head_accepts_and_returns_but_does_not_assign(context: AppContext,
                                                        office: dict[str, str]) -> None:
    head = Actor(user="head", role=Role.HEAD)
    before = actions.get_action(context.uow(), office["action"]).state.status.value
    state = actions.return_for_rework(context.uow(), head, office["action"], "Неполно",
                                      date(2026, 3, 12), today=TODAY)
    assert (before, state.status.value) == ("reported", "open")  # back to its executor
    actions.comment(context.uow(), head, office["action"], "Жду доклад", date(2026, 3, 13),
                    today=TODAY)
    with pytest.raises(AccessDenied):
        actions.cancel(context.uow(), head, office["action"], "Не нужно", date(2026, 3, 14),
                       today=TODAY)


def test_an_unknown_role_may_do_nothing(context: AppContext, office: dict[str, str]) -> None:
    stranger = Actor(user="x", role="superuser")
    with pytest.raises(AccessDenied):
        directory.delete_person(context.uow(), stranger, office["person"])
