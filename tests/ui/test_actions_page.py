"""The Actions page driven through its widgets and dialogs, read back through the services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from workgroup_app.domain.action_life import ActionStatus, EventKind
from workgroup_app.domain.actions import Action, Recurrence
from workgroup_app.domain.deadlines import DeadlineRule
from workgroup_app.domain.entities import Agency, AgendaItem, Decision, Meeting, Person, Workgroup
from workgroup_app.domain.enums import AgencyKind, MeetingStatus
from workgroup_app.domain.views import ListQuery
from workgroup_app.services import actions, directory, meetings, workdays, workgroups
from workgroup_app.ui.actions.event_dialogs import EventDialog
from workgroup_app.ui.actions.from_decisions import FromDecisionsDialog
from workgroup_app.ui.actions.look import DUE_SOON_TINT, OVERDUE_TINT
from workgroup_app.ui.context import UiContext
from workgroup_app.ui.meetings.meeting_editor import MeetingEditor
from workgroup_app.ui.operations import Changed
from workgroup_app.ui.pages.actions_page import ActionsPage

TODAY = date.today()


@pytest.fixture(autouse=True)
def _today() -> None:
    """The page judges lateness by the clock: take today afresh for each test, so a run that
    passes midnight compares like with like."""
    global TODAY
    TODAY = date.today()


@dataclass
class Office:
    police: str
    customs: str
    controller: str
    official: str
    group: str
    meeting: str


@pytest.fixture
def office(ui_context: UiContext) -> Office:
    uow, actor = ui_context.uow, ui_context.actor
    police = directory.save_agency(uow(), actor, Agency("УВД облисполкома", "УВД",
                                                        AgencyKind.INTERNAL_AFFAIRS))
    customs = directory.save_agency(uow(), actor, Agency("Гродненская таможня", "Таможня",
                                                         AgencyKind.CUSTOMS))
    controller = directory.save_person(uow(), actor, Person("Ёлкин Пётр Семёнович"))
    official = directory.save_person(uow(), actor, Person("Кравченко Денис Юрьевич",
                                                          agency_id=police.id))
    group = workgroups.save_workgroup(uow(), actor, Workgroup("Группа по наркотикам"))
    meeting = meetings.save_meeting(uow(), actor, Meeting(
        workgroup_id=group.id, held_on=TODAY - timedelta(days=60), status=MeetingStatus.HELD,
        items=[AgendaItem("О мерах", decisions=[
            Decision("Провести проверки аптек", police.id, TODAY + timedelta(days=30)),
            Decision("Информацию принять к сведению", None),
            Decision("Представить сведения о перемещении", customs.id)])]))
    return Office(police.id, customs.id, controller.id, official.id, group.id, meeting.id)


@pytest.fixture
def page(qtbot: Any, ui_context: UiContext, office: Office) -> ActionsPage:
    widget = ActionsPage(ui_context)
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    widget.activated()
    return widget


def direct(context: UiContext, office: Office, text: str, deadline: date,
           assigned_on: date | None = None, **changes: Any) -> str:
    action = Action(text=text, agency_id=office.police,
                    assigned_on=assigned_on or TODAY - timedelta(days=40), deadline=deadline,
                    controller_id=office.controller, **changes)
    created = actions.create_action(context.uow(), context.actor, action).id
    context.notifier.notify(Changed.ACTIONS)
    return created


def texts(page: ActionsPage) -> list[str]:
    return [page.model.row(n).text for n in range(page.model.rowCount())]


def select(page: ActionsPage, action_id: str) -> None:
    number = page.model.find(action_id)
    assert number is not None, "the action is not in the list"
    page.table.selectRow(number)
    assert page.pane.record_id == action_id


def event_dialog(page: ActionsPage, kind: EventKind) -> EventDialog:
    dialog = page.pane.open_event(kind)
    assert isinstance(dialog, EventDialog) and dialog.isVisible()
    return dialog


# -- a new action ------------------------------------------------------------------------------

def test_a_new_action_made_in_the_dialog_shows_in_the_list_and_the_detail(
        qtbot: Any, page: ActionsPage, office: Office, ui_context: UiContext) -> None:
    page.activateWindow()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.text.setPlainText("Провести сверку данных о лицах, состоящих на учёте")
    dialog.agency.set_value(office.police)
    dialog.official.set_value(office.official)
    dialog.controller.set_value(office.controller)
    dialog.co_agencies.set_values([office.customs])
    dialog.deadline.rule.setCurrentIndex(
        dialog.deadline.rule.findData(DeadlineRule.WORKING_DAYS.value))
    dialog.deadline.days.setValue(5)
    dialog.update_preview()
    expected = workdays.add_days(ui_context.uow(), TODAY, 5, working=True)
    assert dialog.preview.text() == f"Deadline: {expected.isoformat()}"

    assert dialog.submit()
    assert not dialog.isVisible()
    assert texts(page) == ["Провести сверку данных о лицах, состоящих на учёте"]
    assert page.count.text() == "Actions: 1"
    assert page.pane.record_id == dialog.saved_id
    assert page.pane.fact("Responsible agency") == "УВД облисполкома"
    assert page.pane.fact("Co-executors") == "Гродненская таможня"
    assert page.pane.fact("Deadline rule") == "In 5 working days"
    stored = actions.get_action(ui_context.uow(), dialog.saved_id or "")
    assert stored.state.deadline == expected
    assert stored.action.co_agency_ids == [office.customs]
    assert stored.official_name == "Кравченко Денис Юрьевич"


def test_the_preview_shows_a_deadline_moved_off_a_holiday_before_saving(
        page: ActionsPage, office: Office, ui_context: UiContext) -> None:
    page.new_record()
    dialog = page.dialog
    assert dialog is not None
    dialog.text.setPlainText("Подготовить справку")
    dialog.agency.set_value(office.police)
    dialog.assigned.setText("2026-05-04")
    dialog.deadline.date.setText("2026-05-09")  # Saturday and Victory Day in Belarus
    dialog.update_preview()
    assert dialog.preview.text() == \
        "Deadline: 2026-05-11 (2026-05-09 is not a working day)"
    assert dialog.submit()
    stored = actions.get_action(ui_context.uow(), dialog.saved_id or "")
    assert stored.state.deadline == date(2026, 5, 11)


def test_an_action_without_an_agency_is_refused_beside_the_agency_and_nothing_is_made(
        page: ActionsPage, ui_context: UiContext) -> None:
    page.new_record()
    dialog = page.dialog
    assert dialog is not None
    dialog.text.setPlainText("Подготовить справку")
    dialog.deadline.date.setText((TODAY + timedelta(days=10)).isoformat())
    assert not dialog.submit()
    assert dialog.isVisible()
    assert dialog.error_text("agency_id") == "Choose the responsible agency."
    assert actions.list_actions(ui_context.uow(), ListQuery()).total == 0


def test_editing_changes_the_text_and_controller_but_not_the_deadline(
        page: ActionsPage, office: Office, ui_context: UiContext) -> None:
    action_id = direct(ui_context, office, "Старый текст", TODAY + timedelta(days=20))
    select(page, action_id)
    before = actions.get_action(ui_context.uow(), action_id).state.deadline
    dialog = page.pane.open_edit()
    assert dialog is not None
    assert not dialog.agency.isEnabled() and not dialog.deadline.isEnabled()
    dialog.text.setPlainText("Новый текст")
    dialog.controller.set_value(None)
    assert dialog.submit()
    detail = actions.get_action(ui_context.uow(), action_id)
    assert (detail.action.text, detail.action.controller_id) == ("Новый текст", None)
    assert detail.state.deadline == before
    assert texts(page) == ["Новый текст"]
    assert page.pane.heading.text() == "Новый текст"


# -- events ------------------------------------------------------------------------------------

def test_a_report_with_a_file_then_its_acceptance_through_the_dialogs(
        qtbot: Any, page: ActionsPage, office: Office, ui_context: UiContext,
        tmp_path: Path) -> None:
    action_id = direct(ui_context, office, "Провести проверки", TODAY + timedelta(days=20))
    select(page, action_id)
    pane = page.pane
    assert not pane.event_buttons[EventKind.ACCEPTED].isEnabled()
    page.activateWindow()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    report = pane.dialog
    assert isinstance(report, EventDialog) and report.kind == EventKind.REPORTED
    assert report.on.value() == TODAY
    attached = tmp_path / "справка.pdf"
    attached.write_bytes(b"%PDF-1.4 report")
    assert report.text is not None and report.attachment is not None
    report.text.setPlainText("Проверки проведены, выявлено 3 нарушения")
    report.attachment.line.setText(str(attached))
    assert report.submit()
    assert actions.get_action(ui_context.uow(), action_id).state.status == ActionStatus.REPORTED
    assert pane.fact("Status") == "Report awaiting acceptance"
    assert pane.event_buttons[EventKind.ACCEPTED].isEnabled()

    pane.history.select_event(1)
    assert pane.save_attachment.isEnabled()
    saved = pane.history.save_selected(tmp_path / "copy.pdf")
    assert saved is not None and saved.read_bytes() == b"%PDF-1.4 report"

    accept = event_dialog(page, EventKind.ACCEPTED)
    assert accept.submit()
    detail = actions.get_action(ui_context.uow(), action_id)
    assert detail.state.status == ActionStatus.DONE
    assert [e.kind for e in detail.events] == [EventKind.CREATED, EventKind.REPORTED,
                                               EventKind.ACCEPTED]
    assert pane.history.rowCount() == 3
    assert pane.history.item(2, 1).text() == "Accepted"
    assert "Attached file: справка.pdf" in pane.history.item(1, 2).text()
    assert [k for k, b in pane.event_buttons.items() if b.isEnabled()] == [EventKind.COMMENT]
    assert pane.notice.text() == "Recorded: Accepted."
    # The register shows active actions by default: the done one has left it.
    assert texts(page) == []


def test_an_extension_without_a_reason_is_refused_in_the_dialog_and_changes_nothing(
        page: ActionsPage, office: Office, ui_context: UiContext) -> None:
    action_id = direct(ui_context, office, "Провести проверки", TODAY + timedelta(days=20))
    select(page, action_id)
    before = actions.get_action(ui_context.uow(), action_id)
    dialog = event_dialog(page, EventKind.EXTENDED)
    assert dialog.deadline is not None
    dialog.deadline.setText((before.state.deadline + timedelta(days=30)).isoformat())
    assert not dialog.submit()
    assert dialog.isVisible()
    assert dialog.error_text("text") == "An extension needs a reason."
    after = actions.get_action(ui_context.uow(), action_id)
    assert (after.state.deadline, after.state.extensions, len(after.events)) == \
        (before.state.deadline, 0, 1)

    assert dialog.text is not None and dialog.person is not None
    dialog.text.setPlainText("Большой объём проверок")
    dialog.person.set_value(office.controller)
    assert dialog.submit()
    after = actions.get_action(ui_context.uow(), action_id)
    assert after.state.extensions == 1
    assert after.events[-1].person_name == "Ёлкин Пётр Семёнович"
    assert page.pane.fact("Extensions") == "1"


def test_accepting_a_recurring_action_tells_that_the_next_one_was_made(
        page: ActionsPage, office: Office, ui_context: UiContext) -> None:
    first_deadline = TODAY - timedelta(days=5)
    action_id = direct(ui_context, office, "Ежемесячно представлять сведения", first_deadline,
                       recurrence=Recurrence.MONTHLY,
                       recur_until=TODAY + timedelta(days=365))
    actions.report(ui_context.uow(), ui_context.actor, action_id, "Сведения представлены",
                   TODAY)
    ui_context.notifier.notify(Changed.ACTIONS)
    select(page, action_id)
    dialog = event_dialog(page, EventKind.ACCEPTED)
    assert dialog.submit()
    assert dialog.next_id is not None
    following = actions.get_action(ui_context.uow(), dialog.next_id)
    assert page.pane.notice.text() == (
        "Accepted. The next occurrence was created, due "
        f"{following.state.deadline.isoformat()}.")
    assert page.model.find(dialog.next_id) is not None


def test_an_event_that_could_not_apply_is_struck_through(
        page: ActionsPage, office: Office, ui_context: UiContext) -> None:
    from workgroup_app.domain.action_views import EventLine

    history = page.pane.history
    lines = [EventLine("1", EventKind.CREATED, TODAY, "", TODAY, "УВД", "", "", "", "", True),
             EventLine("2", EventKind.ACCEPTED, TODAY, "", None, "", "", "", "", "", False)]
    history.set_events(lines)
    assert not history.item(0, 1).font().strikeOut()
    assert history.item(1, 1).font().strikeOut()
    assert "could not apply" in history.item(1, 1).toolTip()


# -- the register --------------------------------------------------------------------------------

def test_show_filtered_narrows_the_list_and_shows_what_the_bar_cannot(
        page: ActionsPage, office: Office, ui_context: UiContext) -> None:
    late = direct(ui_context, office, "Просроченное поручение", TODAY - timedelta(days=12))
    direct(ui_context, office, "Будущее поручение", TODAY + timedelta(days=40))
    assert sorted(texts(page)) == ["Будущее поручение", "Просроченное поручение"]

    page.show_filtered({"overdue": "1"})
    assert texts(page) == ["Просроченное поручение"]
    assert page.filter_bar.overdue.isChecked()
    assert page.filter_bar.chip_shown() == ""
    assert page.count.text() == "Actions: 1"
    select(page, late)

    page.show_filtered({"overdue": "1", "age": "31-90", "agency_id": office.police})
    assert texts(page) == []
    assert page.pane.record_id is None  # the detail does not show what the list hides
    assert page.filter_bar.agency.value() == office.police
    assert page.filter_bar.chip_shown() == "Filtered from Overview: overdue 31–90 days"
    page.filter_bar.chip_clear.click()
    assert page.filter_bar.chip_shown() == ""
    assert texts(page) == ["Просроченное поручение"]

    page.show_filtered({"workgroup_id": "none"})
    assert page.filter_bar.workgroup.value() == "none"
    assert not page.filter_bar.overdue.isChecked()
    assert len(texts(page)) == 2
    page.show_filtered({"workgroup_id": office.group})
    assert texts(page) == []

    page.filter_bar.reset_filters()
    page.search.setText("будущее")
    page.search.search_now()
    assert texts(page) == ["Будущее поручение"]
    assert page.model.find(late) is None


def test_the_status_filter_and_a_header_click_sort_on_the_server(
        page: ActionsPage, office: Office, ui_context: UiContext) -> None:
    direct(ui_context, office, "Бэ", TODAY + timedelta(days=10))
    cancelled = direct(ui_context, office, "Аа", TODAY + timedelta(days=30))
    actions.cancel(ui_context.uow(), ui_context.actor, cancelled, "Утратило актуальность", TODAY)
    ui_context.notifier.notify(Changed.ACTIONS)
    assert texts(page) == ["Бэ"]
    bar = page.filter_bar
    bar.status.setCurrentIndex(bar.status.findData(""))
    assert texts(page) == ["Бэ", "Аа"]
    page.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # the text
    assert page.model.query.sort == "text"
    assert texts(page) == ["Аа", "Бэ"]
    bar.status.setCurrentIndex(bar.status.findData("cancelled"))
    assert texts(page) == ["Аа"]


def test_rows_are_coloured_by_how_late_they_are(
        page: ActionsPage, office: Office, ui_context: UiContext) -> None:
    late = direct(ui_context, office, "Просрочено", TODAY - timedelta(days=12))
    soon = direct(ui_context, office, "Скоро срок", TODAY + timedelta(days=1),
                  assigned_on=TODAY)
    calm = direct(ui_context, office, "Не скоро", TODAY + timedelta(days=60))
    page.filter_bar.status.setCurrentIndex(page.filter_bar.status.findData(""))
    background = Qt.ItemDataRole.BackgroundRole

    def colour(action_id: str, role: int = background) -> Any:
        number = page.model.find(action_id)
        assert number is not None
        return page.model.data(page.model.index(number, 0), role)

    assert colour(late) == OVERDUE_TINT
    late_deadline = actions.get_action(ui_context.uow(), late).state.deadline  # off a weekend
    days_cell = page.model.index(page.model.find(late) or 0, 1)
    assert page.model.data(days_cell) == str((TODAY - late_deadline).days)
    assert page.model.data(days_cell, Qt.ItemDataRole.ToolTipRole) == \
        f"Overdue by {(TODAY - late_deadline).days} days"
    soon_deadline = actions.get_action(ui_context.uow(), soon).state.deadline
    if (soon_deadline - TODAY).days <= page.model.soon_days:  # not moved past a long holiday
        assert colour(soon) == DUE_SOON_TINT
    assert colour(calm) is None
    assert colour(calm, Qt.ItemDataRole.ForegroundRole) is None
    actions.cancel(ui_context.uow(), ui_context.actor, late, "Отменено", TODAY)
    ui_context.notifier.notify(Changed.ACTIONS)
    assert colour(late) is None
    assert colour(late, Qt.ItemDataRole.ForegroundRole) is not None  # greyed


def test_the_source_column_names_the_meeting_and_decision(
        page: ActionsPage, office: Office, ui_context: UiContext) -> None:
    choice = actions.decision_choices(ui_context.uow(), office.meeting)[0]
    draft = actions.draft_from_decision(ui_context.uow(), office.meeting, choice.id)
    actions.create_action(ui_context.uow(), ui_context.actor, draft)
    ui_context.notifier.notify(Changed.ACTIONS)
    held = (TODAY - timedelta(days=60)).isoformat()
    assert page.model.data(page.model.index(0, 5)) == f"No. 1 of {held}, item 1.1"


def test_enter_on_the_list_takes_the_keyboard_to_the_detail(
        qtbot: Any, page: ActionsPage, office: Office, ui_context: UiContext) -> None:
    action_id = direct(ui_context, office, "Провести проверки", TODAY + timedelta(days=20))
    select(page, action_id)
    page.activateWindow()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.pane.event_buttons[EventKind.REPORTED]


# -- from the meeting ----------------------------------------------------------------------------

def test_the_meeting_editor_makes_actions_from_the_ticked_decisions(
        qtbot: Any, ui_context: UiContext, office: Office) -> None:
    editor = MeetingEditor(ui_context)
    qtbot.addWidget(editor)
    editor.show()
    editor.load(None)
    assert not editor.actions_button.isEnabled()  # a meeting not saved yet
    editor.load(office.meeting)
    assert editor.actions_button.isEnabled()
    editor.actions_button.click()
    dialog = editor.findChild(FromDecisionsDialog)
    assert dialog is not None and dialog.isVisible()
    assert [c.number for c in dialog.checked()] == ["1.1", "1.3"]  # 1.2 names no agency
    dialog.set_checked("1.2", True)
    dialog.controller.set_value(office.controller)
    assert not dialog.submit()  # one was refused: the dialog stays open and says which
    assert dialog.isVisible()
    assert len(dialog.made) == 2
    assert dialog.result.text() == ("Actions made: 2.\n"
                                    "1.2: not made — The decision names no responsible agency.")
    assert [c.number for c in dialog.checked()] == ["1.2"]
    assert dialog.table.item(0, 4).text() == "1"

    rows = actions.list_actions(ui_context.uow(), ListQuery(sort="text")).rows
    assert [(r.decision_number, r.controller_id) for r in sorted(
        rows, key=lambda r: r.decision_number)] == [("1.1", office.controller),
                                                    ("1.3", office.controller)]
    undated = next(r for r in rows if r.decision_number == "1.3")
    assert undated.deadline >= undated.assigned_on  # one month from the meeting, by default


def test_making_actions_with_nothing_ticked_says_so(
        qtbot: Any, ui_context: UiContext, office: Office) -> None:
    dialog = FromDecisionsDialog(ui_context, office.meeting)
    qtbot.addWidget(dialog)
    for number in ("1.1", "1.3"):
        dialog.set_checked(number, False)
    assert not dialog.submit()
    assert dialog.error_text() == "Tick the decisions to make actions from."
    assert actions.list_actions(ui_context.uow(), ListQuery()).total == 0
