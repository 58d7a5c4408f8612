"""Execution control on a temporary store: assigning, events, deadlines, figures, reminders."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.helpers import dump
from workgroup_app.bootstrap import AppContext
from workgroup_app.domain.action_life import ActionStatus, EventKind
from workgroup_app.domain.actions import Action, Recurrence
from workgroup_app.domain.deadlines import DeadlineRule
from workgroup_app.domain.entities import (
    Agency,
    AgendaItem,
    Decision,
    Meeting,
    Person,
    Workgroup,
)
from workgroup_app.domain.enums import AgencyKind, MeetingStatus
from workgroup_app.domain.errors import ConflictError, NotFoundError, ValidationError
from workgroup_app.domain.views import ListQuery
from workgroup_app.services import action_reports, actions, directory, meetings, workdays
from workgroup_app.services import workgroups as groups

TODAY = date(2026, 11, 27)

pytestmark = pytest.mark.both_databases


@pytest.fixture
def office(context: AppContext) -> dict[str, str]:
    uow, actor = context.uow, context.actor
    police = directory.save_agency(uow(), actor, Agency("УВД облисполкома", "УВД",
                                                        AgencyKind.INTERNAL_AFFAIRS))
    customs = directory.save_agency(uow(), actor, Agency("Гродненская таможня", "Таможня",
                                                         AgencyKind.CUSTOMS))
    controller = directory.save_person(uow(), actor, Person("Ёлкин Пётр Семёнович"))
    group = groups.save_workgroup(uow(), actor, Workgroup("Группа по противодействию коррупции"))
    meeting = meetings.save_meeting(uow(), actor, Meeting(
        workgroup_id=group.id, held_on=date(2026, 3, 5), status=MeetingStatus.HELD,
        items=[AgendaItem("О мерах", decisions=[
            Decision("Провести проверки", police.id, date(2026, 4, 1)),
            Decision("Представить сведения", customs.id)])]))
    return {"police": police.id, "customs": customs.id, "controller": controller.id,
            "group": group.id, "meeting": meeting.id,
            "decision": meeting.items[0].decisions[0].id,
            "decision2": meeting.items[0].decisions[1].id}


def _direct(office: dict[str, str], **changes: object) -> Action:
    values: dict[str, object] = {"text": "Проверить исполнение", "agency_id": office["police"],
                                 "assigned_on": date(2026, 3, 2), "deadline": date(2026, 3, 20)}
    values.update(changes)
    return Action(**values)  # type: ignore[arg-type]


def test_a_decision_becomes_an_action_with_its_agency_deadline_and_workgroup(
        context: AppContext, office: dict[str, str]) -> None:
    draft = actions.draft_from_decision(context.uow(), office["meeting"], office["decision"])
    draft.controller_id = office["controller"]
    draft.co_agency_ids = [office["customs"]]
    created = actions.create_action(context.uow(), context.actor, draft)
    detail = actions.get_action(context.uow(), created.id)
    assert detail.state.deadline == date(2026, 4, 1)
    assert detail.agency_name == "УВД облисполкома"
    assert detail.co_agency_names == ["Гродненская таможня"]
    assert detail.workgroup_name == "Группа по противодействию коррупции"
    assert (detail.meeting_number, detail.decision_number) == (1, "1.1")
    assert [e.kind for e in detail.events] == [EventKind.CREATED]
    choices = actions.decision_choices(context.uow(), office["meeting"])
    assert [(c.number, c.actions) for c in choices] == [("1.1", 1), ("1.2", 0)]


def test_working_days_skip_belarusian_holidays_and_office_overrides(
        context: AppContext, office: dict[str, str]) -> None:
    # 2026-05-08 (Friday) is followed by the weekend and Victory Day, 9 May (Saturday);
    # 5 working days after 2026-05-05 (Tue) are 6, 7, 8, 11, 12 May.
    action = actions.create_action(context.uow(), context.actor, _direct(
        office, assigned_on=date(2026, 5, 5), deadline=None,
        deadline_rule=DeadlineRule.WORKING_DAYS, deadline_days=5))
    assert action.deadline == date(2026, 5, 12)
    workdays.set_override(context.uow(), context.actor, date(2026, 5, 11), workdays.DAY_OFF,
                          "Перенос")
    later = actions.create_action(context.uow(), context.actor, _direct(
        office, assigned_on=date(2026, 5, 5), deadline=None,
        deadline_rule=DeadlineRule.WORKING_DAYS, deadline_days=5))
    assert later.deadline == date(2026, 5, 13)


def test_a_deadline_on_a_day_off_moves_to_the_next_working_day(
        context: AppContext, office: dict[str, str]) -> None:
    action = actions.create_action(context.uow(), context.actor, _direct(
        office, deadline=date(2026, 3, 21)))  # a Saturday
    assert action.deadline == date(2026, 3, 23)


def test_report_accept_and_the_history_in_order(context: AppContext,
                                                 office: dict[str, str],
                                                 tmp_path: Path) -> None:
    action = actions.create_action(context.uow(), context.actor, _direct(office))
    uow, actor = context.uow, context.actor
    actions.extend(uow(), actor, action.id, date(2026, 3, 31), "Большой объём", date(2026, 3, 18),
                   approved_by=office["controller"], today=TODAY)
    file = tmp_path / "отчёт.txt"
    file.write_text("Проверено 12 объектов.", encoding="utf-8")
    actions.report(uow(), actor, action.id, "Исполнено", date(2026, 3, 30), file, today=TODAY)
    actions.accept(uow(), actor, action.id, date(2026, 4, 2), today=TODAY)
    detail = actions.get_action(uow(), action.id)
    assert detail.state.status == ActionStatus.DONE and not detail.state.done_late()
    assert detail.state.extensions == 1
    assert [e.kind for e in detail.events] == [EventKind.CREATED, EventKind.EXTENDED,
                                               EventKind.REPORTED, EventKind.ACCEPTED]
    assert detail.events[1].person_name == "Ёлкин Пётр Семёнович"
    report_event = detail.events[2]
    assert report_event.attachment_name == "отчёт.txt"
    assert actions.attachment(uow(), report_event.attachment_sha256).decode() == \
        "Проверено 12 объектов."


@pytest.mark.parametrize("case", ["deadline_before_meeting", "extension_without_reason",
                                  "accept_without_report", "report_on_cancelled",
                                  "unknown_agency", "future_date", "empty_text"])
def test_bad_input_is_refused_with_a_message_and_changes_nothing(
        context: AppContext, office: dict[str, str], store_path: Path, case: str) -> None:
    uow, actor = context.uow, context.actor
    action = actions.create_action(uow(), actor, _direct(office))
    if case == "report_on_cancelled":
        actions.cancel(uow(), actor, action.id, "Утратило актуальность", date(2026, 3, 3),
                       today=TODAY)
    before = dump(store_path)
    with pytest.raises((ValidationError, NotFoundError)) as error:
        if case == "deadline_before_meeting":
            draft = actions.draft_from_decision(uow(), office["meeting"], office["decision"])
            draft.deadline = date(2026, 3, 1)
            actions.create_action(uow(), actor, draft)
        elif case == "extension_without_reason":
            actions.extend(uow(), actor, action.id, date(2026, 4, 30), "  ", date(2026, 3, 10),
                           today=TODAY)
        elif case == "accept_without_report":
            actions.accept(uow(), actor, action.id, date(2026, 3, 10), today=TODAY)
        elif case == "report_on_cancelled":
            actions.report(uow(), actor, action.id, "Исполнено", date(2026, 3, 10), today=TODAY)
        elif case == "unknown_agency":
            actions.create_action(uow(), actor, _direct(office, agency_id="no-such-agency"))
        elif case == "future_date":
            actions.report(uow(), actor, action.id, "Исполнено", date(2027, 1, 10), today=TODAY)
        else:
            actions.create_action(uow(), actor, _direct(office, text="   "))
    assert error.value.msgid
    assert dump(store_path) == before


def test_an_accepted_quarterly_action_creates_its_next_occurrence_until_the_end(
        context: AppContext, office: dict[str, str]) -> None:
    uow, actor = context.uow, context.actor
    first = actions.create_action(uow(), actor, _direct(
        office, deadline=date(2026, 3, 31), recurrence=Recurrence.QUARTERLY,
        recur_until=date(2026, 9, 30)))
    ids = [first.id]
    for step in range(3):
        day = date(2026, 3 + 3 * step, 25)
        actions.report(uow(), actor, ids[-1], "Сведения направлены", day, today=TODAY)
        next_id = actions.accept(uow(), actor, ids[-1], day, today=TODAY)
        if next_id is None:
            break
        ids.append(next_id)
    deadlines = [actions.get_action(uow(), i).state.deadline for i in ids]
    assert deadlines == [date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30)]


def test_overview_figures_match_the_lists_behind_them(context: AppContext,
                                                      office: dict[str, str]) -> None:
    uow, actor = context.uow, context.actor
    for day, agency in ((date(2026, 11, 25), "police"), (date(2026, 11, 10), "police"),
                        (date(2026, 9, 1), "customs"), (date(2026, 3, 20), "customs"),
                        (date(2026, 11, 27), "police"), (date(2026, 12, 20), "customs")):
        actions.create_action(uow(), actor, _direct(office, deadline=day,
                                                    agency_id=office[agency]))
    reported = actions.create_action(uow(), actor, _direct(office, deadline=date(2026, 12, 1)))
    actions.report(uow(), actor, reported.id, "Исполнено", date(2026, 11, 26), today=TODAY)
    figures = action_reports.overview(uow(), TODAY)
    assert figures.active == 7
    assert figures.overdue == 4
    assert figures.overdue_by_age == (1, 1, 1, 1)  # 2, 17, 87 and 252 days
    assert figures.due_this_week == 1  # today; the week ends on Sunday 29 Nov
    assert figures.awaiting_acceptance == 1
    police = next(g for g in figures.by_agency if g.id == office["police"])
    assert (police.active, police.overdue) == (4, 2)
    behind = actions.list_actions(uow(), ListQuery(filters={"overdue": "1",
                                                            "agency_id": office["police"]}),
                                  TODAY)
    assert behind.total == police.overdue
    aged = actions.list_actions(uow(), ListQuery(filters={"age": "31-90"}), TODAY)
    assert [r.deadline for r in aged.rows] == [date(2026, 9, 1)]


def test_discipline_counts_on_time_late_overdue_and_extended(context: AppContext,
                                                             office: dict[str, str]) -> None:
    uow, actor = context.uow, context.actor
    on_time = actions.create_action(uow(), actor, _direct(office))
    late = actions.create_action(uow(), actor, _direct(office))
    actions.create_action(uow(), actor, _direct(office))  # stays open: overdue now
    extended = actions.create_action(uow(), actor, _direct(office))
    actions.report(uow(), actor, on_time.id, "Исполнено", date(2026, 3, 19), today=TODAY)
    actions.accept(uow(), actor, on_time.id, date(2026, 3, 20), today=TODAY)
    actions.report(uow(), actor, late.id, "Исполнено", date(2026, 4, 2), today=TODAY)
    actions.accept(uow(), actor, late.id, date(2026, 4, 3), today=TODAY)
    actions.extend(uow(), actor, extended.id, date(2027, 1, 29), "Ждём ответ", date(2026, 3, 19),
                   today=TODAY)
    report = action_reports.discipline(uow(), date(2026, 1, 1), date(2026, 12, 31), TODAY)
    (line,) = report.lines
    assert (line.assigned, line.done_on_time, line.done_late, line.overdue_now,
            line.extended, line.extensions) == (4, 1, 1, 1, 1, 1)
    assert report.total.assigned == 4
    with pytest.raises(ValidationError):
        action_reports.discipline(uow(), date(2026, 12, 31), date(2026, 1, 1), TODAY)


def test_reminders_name_due_and_overdue_actions_of_the_chosen_controller(
        context: AppContext, office: dict[str, str]) -> None:
    uow, actor = context.uow, context.actor
    mine = actions.create_action(uow(), actor, _direct(
        office, deadline=date(2026, 11, 30), controller_id=office["controller"]))
    actions.create_action(uow(), actor, _direct(office, deadline=date(2026, 11, 30)))
    actions.create_action(uow(), actor, _direct(office, deadline=date(2026, 12, 30),
                                                controller_id=office["controller"]))
    action_reports.set_reminder_settings(uow(), 5, office["controller"])
    due = action_reports.due_reminders(uow(), TODAY)
    assert [r.id for r in due] == [mine.id]
    with pytest.raises(ValidationError):
        action_reports.set_reminder_settings(uow(), 500, None)


def test_a_decision_with_actions_cannot_be_removed_from_its_meeting(
        context: AppContext, office: dict[str, str], store_path: Path) -> None:
    draft = actions.draft_from_decision(context.uow(), office["meeting"], office["decision"])
    actions.create_action(context.uow(), context.actor, draft)
    meeting = meetings.get_meeting(context.uow(), office["meeting"])
    meeting.items[0].decisions.pop(0)
    before = dump(store_path)
    with pytest.raises(ValidationError) as error:
        meetings.save_meeting(context.uow(), context.actor, meeting)
    assert error.value.params["number"] == "1.1"
    assert dump(store_path) == before
    meeting = meetings.get_meeting(context.uow(), office["meeting"])
    meeting.items[0].decisions.pop(1)  # 1.2 has no actions: it may go
    meetings.save_meeting(context.uow(), context.actor, meeting)


def test_a_monthly_series_counts_from_the_date_set_not_from_the_moved_one(
        context: AppContext, office: dict[str, str]) -> None:
    uow, actor = context.uow, context.actor
    first = actions.create_action(uow(), actor, _direct(
        office, assigned_on=date(2026, 1, 12), deadline=date(2026, 1, 31),  # a Saturday
        recurrence=Recurrence.MONTHLY, recur_until=date(2026, 4, 30)))
    ids = [first.id]
    for day in (date(2026, 2, 2), date(2026, 3, 2), date(2026, 3, 31)):
        actions.report(uow(), actor, ids[-1], "Сведения направлены", day, today=TODAY)
        next_id = actions.accept(uow(), actor, ids[-1], day, today=TODAY)
        assert next_id is not None
        ids.append(next_id)
    deadlines = [actions.get_action(uow(), i).state.deadline for i in ids]
    # 31 Jan → Mon 2 Feb; 28 Feb is a Saturday → 2 Mar; then 31 Mar and 30 Apr, no drift.
    assert deadlines == [date(2026, 2, 2), date(2026, 3, 2), date(2026, 3, 31),
                         date(2026, 4, 30)]


def test_an_action_made_recurring_later_keeps_its_months(context: AppContext,
                                                         office: dict[str, str]) -> None:
    uow, actor = context.uow, context.actor
    action = actions.create_action(uow(), actor, _direct(office, deadline=date(2026, 3, 16)))
    action.recurrence, action.recur_until = Recurrence.MONTHLY, date(2026, 12, 31)
    actions.update_action(uow(), actor, action)
    ids = [action.id]
    for day in (date(2026, 3, 16), date(2026, 4, 16)):
        actions.report(uow(), actor, ids[-1], "Исполнено", day, today=TODAY)
        ids.append(actions.accept(uow(), actor, ids[-1], day, today=TODAY) or "")
    assert [actions.get_action(uow(), i).state.deadline for i in ids] == [
        date(2026, 3, 16), date(2026, 4, 16), date(2026, 5, 18)]  # 16 May is a Saturday


def test_far_and_new_deadlines_move_off_days_off(context: AppContext,
                                                office: dict[str, str]) -> None:
    uow, actor = context.uow, context.actor
    far = actions.create_action(uow(), actor, _direct(
        office, assigned_on=date(2025, 6, 2), deadline=date(2027, 1, 1)))
    assert far.deadline == date(2027, 1, 4)  # 1–2 Jan are holidays, then the weekend
    action = actions.create_action(uow(), actor, _direct(office, deadline=date(2026, 4, 30)))
    state = actions.extend(uow(), actor, action.id, date(2026, 5, 9), "Ждём ответ",
                           date(2026, 4, 20), today=TODAY)
    assert state.deadline == date(2026, 5, 11)  # Victory Day on a Saturday
    actions.report(uow(), actor, action.id, "Исполнено", date(2026, 4, 21), today=TODAY)
    with pytest.raises(ValidationError):
        actions.return_for_rework(uow(), actor, action.id, "Неполно", date(2026, 4, 22),
                                  new_deadline=date(2020, 1, 1), today=TODAY)


def test_a_reassigned_official_shows_in_the_detail_and_the_register(
        context: AppContext, office: dict[str, str]) -> None:
    uow, actor = context.uow, context.actor
    officer = directory.save_person(uow(), actor, Person("Петров Иван Ильич"))
    action = actions.create_action(uow(), actor, _direct(office,
                                                         official_id=office["controller"]))
    actions.reassign(uow(), actor, action.id, office["customs"], date(2026, 3, 5),
                     official_id=officer.id, today=TODAY)
    assert actions.get_action(uow(), action.id).official_name == "Петров Иван Ильич"
    (row,) = actions.list_actions(uow(), ListQuery(), TODAY).rows
    assert (row.agency_name, row.official_name) == ("Таможня", "Петров Иван Ильич")


def test_actions_come_only_from_held_meetings_and_never_start_overdue(
        context: AppContext, office: dict[str, str], store_path: Path) -> None:
    uow, actor = context.uow, context.actor
    planned = meetings.save_meeting(uow(), actor, Meeting(
        workgroup_id=office["group"], held_on=date(2027, 3, 5),
        items=[AgendaItem("О планах", decisions=[Decision("Подготовить", office["police"])])]))
    before = dump(store_path)
    draft = actions.draft_from_decision(uow(), planned.id, planned.items[0].decisions[0].id)
    draft.deadline = date(2027, 4, 1)
    with pytest.raises(ValidationError):
        actions.create_action(uow(), actor, draft)
    late = actions.draft_from_decision(uow(), office["meeting"], office["decision"])
    late.assigned_on, late.deadline = date(2026, 3, 20), date(2026, 3, 10)
    with pytest.raises(ValidationError):
        actions.create_action(uow(), actor, late)
    assert dump(store_path) == before


def test_reminder_counts_are_exact_beyond_any_page(context: AppContext,
                                                   office: dict[str, str]) -> None:
    uow, actor = context.uow, context.actor
    for day in (date(2026, 11, 2), date(2026, 11, 20), date(2026, 11, 30), date(2026, 12, 30)):
        actions.create_action(uow(), actor, _direct(office, deadline=day))
    assert action_reports.reminder_counts(uow(), TODAY, 5) == (2, 1)


def test_agencies_and_people_named_in_actions_cannot_be_deleted(
        context: AppContext, office: dict[str, str], store_path: Path) -> None:
    uow, actor = context.uow, context.actor
    actions.create_action(uow(), actor, _direct(office, co_agency_ids=[office["customs"]],
                                                controller_id=office["controller"]))
    before = dump(store_path)
    with pytest.raises(ConflictError):
        directory.delete_agency(uow(), actor, office["customs"])
    with pytest.raises(ConflictError):
        directory.delete_person(uow(), actor, office["controller"])
    assert dump(store_path) == before


@pytest.mark.parametrize("sort,descending", [("deadline", False), ("deadline", True),
                                             ("status", False), ("agency", True)])
def test_paging_on_from_a_cursor_gives_every_row_once_in_order(
        context: AppContext, office: dict[str, str], sort: str, descending: bool) -> None:
    uow, actor = context.uow, context.actor
    for number in range(23):  # many equal deadlines: the id breaks the ties
        actions.create_action(uow(), actor, _direct(
            office, deadline=date(2026, 3, 20 + number % 3),
            agency_id=office["police" if number % 2 else "customs"]))
    whole = actions.list_actions(uow(), ListQuery(sort=sort, descending=descending, limit=100),
                                 TODAY)
    seen: list[str] = []
    cursor = None
    while True:
        page = actions.list_actions(uow(), ListQuery(
            sort=sort, descending=descending, limit=4, offset=len(seen), after=cursor,
            count=cursor is None), TODAY)
        if not page.rows:
            break
        assert page.total == (23 if cursor is None else -1)
        seen += [row.id for row in page.rows]
        cursor = page.cursor
    assert seen == [row.id for row in whole.rows]
