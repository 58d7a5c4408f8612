"""Supervision findings through the services: due dates, events, actions, register, figures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.helpers import dump
from workgroup_app.bootstrap import AppContext
from workgroup_app.domain.actions import ActionSource
from workgroup_app.domain.deadlines import DeadlineRule
from workgroup_app.domain.entities import Agency, Person, Workgroup
from workgroup_app.domain.enums import AgencyKind
from workgroup_app.domain.errors import ConflictError, ValidationError
from workgroup_app.domain.findings import (
    ActType,
    Escalation,
    Finding,
    FindingStatus,
    ResponsePreset,
    ResponseResult,
    parse_act_type,
)
from workgroup_app.domain.views import ListQuery
from workgroup_app.services import actions, directory, findings, workdays
from workgroup_app.services import workgroups as groups

pytestmark = pytest.mark.both_databases


@pytest.fixture
def office(context: AppContext) -> dict[str, str]:
    uow, actor = context.uow, context.actor
    workdays.set_office_country(uow(), actor, "BY")
    police = directory.save_agency(uow(), actor, Agency("УВД Гродненского облисполкома", "УВД",
                                                        AgencyKind.INTERNAL_AFFAIRS))
    health = directory.save_agency(uow(), actor, Agency("Управление здравоохранения", "УЗ",
                                                         AgencyKind.HEALTH))
    prosecutor = directory.save_person(uow(), actor, Person("Ёлкин Пётр Семёнович",
                                                            "прокурор области"))
    group = groups.save_workgroup(uow(), actor, Workgroup("Группа по наркотикам"))
    return {"police": police.id, "health": health.id, "prosecutor": prosecutor.id,
            "group": group.id}


def _finding(office: dict[str, str], act_type: ActType = ActType.PROTEST,
             number: str = "02-15/12", act_date: date = date(2026, 3, 5),
             **changes: object) -> Finding:
    values: dict[str, object] = dict(
        agency_id=office["police"], inspected_on=date(2026, 2, 20),
        subject="Соблюдение законодательства о наркотических средствах",
        act_type=act_type, act_number=number, act_date=act_date,
        violations="Нарушен порядок хранения", legal_norms="ст. 12 Закона № 408-З",
        prosecutor_id=office["prosecutor"], addressee="Начальнику УВД",
        workgroup_id=office["group"])
    values.update(changes)
    return Finding(**values)  # type: ignore[arg-type]


def test_due_dates_follow_the_statutory_presets_through_the_calendar(
        context: AppContext, office: dict[str, str]) -> None:
    uow, actor = context.uow, context.actor
    protest = findings.add_finding(uow(), actor, _finding(office))
    assert protest.response_due == date(2026, 3, 16)  # 15 March is a Sunday
    submission = findings.add_finding(uow(), actor, _finding(
        office, ActType.SUBMISSION, "1-2026", date(2026, 1, 30),
        inspected_on=date(2026, 1, 20)))
    assert submission.response_due == date(2026, 3, 2)  # 28 Feb is a Saturday, then Sunday
    with pytest.raises(ValidationError, match="prosecutor sets"):
        findings.add_finding(uow(), actor, _finding(office, ActType.DEMAND, "3"))
    demand = findings.add_finding(uow(), actor, _finding(office, ActType.DEMAND, "3"),
                                  due=date(2026, 3, 20))
    assert demand.response_due == date(2026, 3, 20)
    warning = findings.add_finding(uow(), actor, _finding(office, ActType.WARNING, "4"))
    assert warning.response_due is None
    findings.set_preset(uow(), actor, ActType.PROTEST,
                        ResponsePreset(DeadlineRule.WORKING_DAYS, 5))
    later = findings.add_finding(uow(), actor, _finding(office, number="02-15/13"))
    assert later.response_due == date(2026, 3, 12)  # Thu 5 March + 5 working days
    assert findings.presets(uow())[ActType.PROTEST] == ResponsePreset(
        DeadlineRule.WORKING_DAYS, 5)


def test_bad_input_is_refused_and_changes_nothing(
        context: AppContext, office: dict[str, str], store_path: Path) -> None:
    uow, actor = context.uow, context.actor
    finding = findings.add_finding(uow(), actor, _finding(office))
    before = dump(store_path)
    with pytest.raises(ValidationError, match="before the act"):
        findings.respond(uow(), actor, finding.id, date(2026, 3, 1), "Ответ")
    with pytest.raises(ValidationError, match="Unknown act type 'appeal'"):
        parse_act_type("appeal")
    with pytest.raises(ConflictError, match="already recorded"):
        findings.add_finding(uow(), actor, _finding(office, number=" 02-15/12 "))
    with pytest.raises(ValidationError, match="before the inspection"):
        findings.add_finding(uow(), actor, _finding(office, number="9",
                                                    act_date=date(2026, 2, 1)))
    with pytest.raises(ValidationError, match="inspected agency"):
        findings.add_finding(uow(), actor, _finding(office, number="10", agency_id=None))
    assert dump(store_path) == before
    # the same number is free in another year or for another act type
    findings.add_finding(uow(), actor, _finding(office, number="02-15/12",
                                                act_date=date(2027, 1, 11)))
    findings.add_finding(uow(), actor, _finding(office, ActType.SUBMISSION, "02-15/12"))


def test_the_response_its_result_measures_escalation_and_closing(
        context: AppContext, office: dict[str, str], tmp_path: Path) -> None:
    uow, actor = context.uow, context.actor
    finding = findings.add_finding(uow(), actor, _finding(office))
    letter = tmp_path / "ответ.pdf"
    letter.write_bytes(b"%PDF-1.4 the answer")
    state = findings.respond(uow(), actor, finding.id, date(2026, 3, 12), "Протест удовлетворён",
                             ResponseResult.SATISFIED, attachment=letter)
    assert (state.status, state.result) == (FindingStatus.RESPONDED, ResponseResult.SATISFIED)
    with pytest.raises(ValidationError, match="already recorded"):
        findings.respond(uow(), actor, finding.id, date(2026, 3, 13))
    findings.measures(uow(), actor, finding.id, date(2026, 3, 20), disciplined=2,
                      acts_repealed=1, text="Приказ отменён")
    findings.measures(uow(), actor, finding.id, date(2026, 3, 25), disciplined=1)
    findings.escalate(uow(), actor, finding.id, date(2026, 3, 26), Escalation.COURT)
    state = findings.close(uow(), actor, finding.id, date(2026, 4, 1), "Исполнено")
    assert (state.disciplined, state.acts_repealed, state.closed_on) == (
        3, 1, date(2026, 4, 1))
    with pytest.raises(ValidationError, match="closed"):
        findings.measures(uow(), actor, finding.id, date(2026, 4, 2), disciplined=1)
    detail = findings.get_finding(uow(), finding.id)
    assert detail.agency_name == "УВД Гродненского облисполкома"
    assert detail.prosecutor_name == "Ёлкин Пётр Семёнович"
    assert detail.events[1].attachment_name == "ответ.pdf"
    assert len(detail.events) == 6


def test_actions_from_a_finding_link_both_ways(
        context: AppContext, office: dict[str, str]) -> None:
    uow, actor = context.uow, context.actor
    finding = findings.add_finding(uow(), actor, _finding(office))
    draft = findings.draft_action(uow(), finding.id, today=date(2026, 3, 6))
    assert draft.source == ActionSource.FINDING and draft.agency_id == office["police"]
    draft.deadline = date(2026, 4, 30)
    created = actions.create_action(uow(), actor, draft)
    detail = actions.get_action(uow(), created.id)
    assert detail.action.finding_id == finding.id
    assert "02-15/12" in detail.finding_label
    linked = findings.get_finding(uow(), finding.id).actions
    assert [a.id for a in linked] == [created.id]


def test_the_register_filters_and_overdue_responses(
        context: AppContext, office: dict[str, str]) -> None:
    uow, actor = context.uow, context.actor
    late = findings.add_finding(uow(), actor, _finding(office))
    answered = findings.add_finding(uow(), actor, _finding(office, ActType.SUBMISSION, "7",
                                                          agency_id=office["health"]))
    findings.respond(uow(), actor, answered.id, date(2026, 3, 10), result=ResponseResult.PARTLY)
    today = date(2026, 4, 20)
    page = findings.list_findings(uow(), ListQuery(), as_of=today)
    assert page.total == 2 and {r.id for r in page.rows} == {late.id, answered.id}
    overdue = findings.list_findings(uow(), ListQuery(filters={"overdue": "1"}), as_of=today)
    assert [r.id for r in overdue.rows] == [late.id]
    assert overdue.rows[0].overdue_days == (today - date(2026, 3, 16)).days
    assert findings.overdue_responses(uow(), today) == 1
    by_type = findings.list_findings(uow(), ListQuery(filters={"act_type": "submission"}),
                                     as_of=today)
    assert [r.id for r in by_type.rows] == [answered.id]
    searched = findings.list_findings(uow(), ListQuery(text="ХРАНЕНИЯ"), as_of=today)
    assert searched.total == 2


def test_statistics_per_agency_and_act_type(
        context: AppContext, office: dict[str, str]) -> None:
    uow, actor = context.uow, context.actor
    on_time = findings.add_finding(uow(), actor, _finding(office, number="1"))
    findings.respond(uow(), actor, on_time.id, date(2026, 3, 10),
                     result=ResponseResult.SATISFIED)
    findings.measures(uow(), actor, on_time.id, date(2026, 3, 11), disciplined=2)
    late = findings.add_finding(uow(), actor, _finding(office, number="2"))
    findings.respond(uow(), actor, late.id, date(2026, 3, 30), result=ResponseResult.REJECTED)
    findings.add_finding(uow(), actor, _finding(office, number="3"))  # never answered
    findings.add_finding(uow(), actor, _finding(office, ActType.SUBMISSION, "4",
                                                agency_id=office["health"]))
    stats = findings.statistics(uow(), date(2026, 1, 1), date(2026, 12, 31),
                                as_of=date(2026, 4, 20))
    police = next(line for line in stats.lines if line.act_type == ActType.PROTEST)
    assert (police.issued, police.on_time, police.late, police.missing) == (3, 1, 1, 1)
    assert police.satisfied_share == 0.5 and police.disciplined == 2
    assert stats.total.issued == 4
    with pytest.raises(ValidationError, match="ends before"):
        findings.statistics(uow(), date(2026, 5, 1), date(2026, 4, 1))


def test_the_actions_register_filters_by_finding(
        context: AppContext, office: dict[str, str]) -> None:
    uow, actor = context.uow, context.actor
    finding = findings.add_finding(uow(), actor, _finding(office))
    draft = findings.draft_action(uow(), finding.id, today=date(2026, 3, 6))
    draft.deadline = date(2026, 4, 30)
    made = actions.create_action(uow(), actor, draft)
    other = findings.draft_action(uow(), finding.id, today=date(2026, 3, 6))
    other.finding_id, other.deadline = None, date(2026, 4, 30)
    actions.create_action(uow(), actor, other)
    page = actions.list_actions(uow(), ListQuery(filters={"finding": finding.id,
                                                          "status": ""}))
    assert [r.id for r in page.rows] == [made.id]


def test_edits_keep_the_due_date_and_never_lose_recorded_events(
        context: AppContext, office: dict[str, str], store_path: Path) -> None:
    uow, actor = context.uow, context.actor
    finding = findings.add_finding(uow(), actor, _finding(office))
    findings.respond(uow(), actor, finding.id, date(2026, 3, 10), "Ответ",
                     ResponseResult.SATISFIED, today=date(2026, 3, 10))
    findings.set_preset(uow(), actor, ActType.PROTEST, ResponsePreset(
        DeadlineRule.CALENDAR_DAYS, 30))
    finding.subject = "Уточнённый предмет проверки"
    edited = findings.update_finding(uow(), actor, finding)
    assert edited.response_due == date(2026, 3, 16)  # not recomputed under the new preset
    before = dump(store_path)
    finding.act_date = date(2026, 4, 1)
    with pytest.raises(ValidationError, match="cannot be dated after them"):
        findings.update_finding(uow(), actor, finding)
    assert dump(store_path) == before
    assert findings.get_finding(uow(), finding.id).state.result == ResponseResult.SATISFIED


def test_events_out_of_bounds_are_refused_and_change_nothing(
        context: AppContext, office: dict[str, str], store_path: Path, tmp_path: Path) -> None:
    uow, actor = context.uow, context.actor
    finding = findings.add_finding(uow(), actor, _finding(office))
    before = dump(store_path)
    today = date(2026, 3, 20)
    with pytest.raises(ValidationError, match="in the future"):
        findings.respond(uow(), actor, finding.id, date(2099, 3, 12), today=today)
    with pytest.raises(ValidationError, match="too long"):
        findings.respond(uow(), actor, finding.id, date(2026, 3, 12), "ответ " * 20_000,
                         today=today)
    with pytest.raises(ValidationError, match="between 0 and 9999"):
        findings.record(uow(), actor, finding.id, findings.FindingEvent(
            findings.FindingEventKind.MEASURES, date(2026, 3, 12), disciplined=10**20),
            today=today)
    with pytest.raises(ValidationError, match="does not exist"):
        findings.attach(uow(), actor, finding.id, date(2026, 3, 12), tmp_path / "нет.pdf")
    with pytest.raises(ValidationError, match="too long"):
        findings.add_finding(uow(), actor, _finding(office, number="1" * 200))
    with pytest.raises(ValidationError, match="between"):
        findings.add_finding(uow(), actor, _finding(office, number="77",
                                                    inspected_on=date(1900, 1, 1),
                                                    act_date=date(1900, 1, 2)))
    assert dump(store_path) == before
    act = tmp_path / "акт.pdf"
    act.write_bytes(b"%PDF-1.4 act")
    findings.attach(uow(), actor, finding.id, date(2026, 3, 6), act, "Акт проверки")
    findings.respond(uow(), actor, finding.id, date(2026, 3, 12), today=today)
    with pytest.raises(ValidationError, match="before the response"):
        findings.result(uow(), actor, finding.id, date(2026, 3, 11), ResponseResult.PARTLY)
    state = findings.result(uow(), actor, finding.id, date(2026, 3, 13), ResponseResult.PARTLY)
    findings.comment(uow(), actor, finding.id, date(2026, 3, 14), "Проверить исполнение")
    assert state.result == ResponseResult.PARTLY
    kinds = [e.kind.value for e in findings.get_finding(uow(), finding.id).events]
    assert kinds == ["recorded", "attached", "response", "result", "comment"]


def test_a_finding_closed_without_a_response_is_not_counted_missing(
        context: AppContext, office: dict[str, str]) -> None:
    uow, actor = context.uow, context.actor
    withdrawn = findings.add_finding(uow(), actor, _finding(office, number="5"))
    findings.close(uow(), actor, withdrawn.id, date(2026, 3, 6), "Протест отозван")
    findings.add_finding(uow(), actor, _finding(office, number="6"))
    stats = findings.statistics(uow(), date(2026, 1, 1), date(2026, 12, 31),
                                as_of=date(2026, 6, 1))
    assert (stats.total.issued, stats.total.missing, stats.total.pending) == (2, 1, 0)
    assert findings.overdue_responses(uow(), date(2026, 6, 1)) == 1
