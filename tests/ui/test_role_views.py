"""What each role sees (issue 7): the main window built for a signed-in role offers only the
commands that role may use, shows editors read-only where it may only read, and its keyboard
shortcuts and double-clicks obey the same rule. The unrestricted operator of a store without
accounts sees everything, as before accounts existed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from workgroup_app.domain.access import Role
from workgroup_app.domain.action_life import EventKind
from workgroup_app.domain.actions import Action
from workgroup_app.domain.actor import LOCAL_ADMIN, Actor
from workgroup_app.domain.entities import Agency, AgendaItem, Decision, Meeting, Person, Workgroup
from workgroup_app.domain.enums import AgencyKind, MeetingStatus
from workgroup_app.domain.findings import ActType, Finding, FindingEventKind
from workgroup_app.services import actions, directory, findings, meetings, workdays, workgroups
from workgroup_app.ui import operations
from workgroup_app.ui.actions.event_dialogs import EventDialog
from workgroup_app.ui.actions.from_decisions import FromDecisionsDialog
from workgroup_app.ui.app import create_main_window
from workgroup_app.ui.context import UiContext
from workgroup_app.ui.main_window import MainWindow
from workgroup_app.ui.meetings.meeting_editor import AGENDA_TAB, ATTENDANCE_TAB, MeetingEditor
from workgroup_app.ui.minutes import extract_dialog
from workgroup_app.ui.minutes.minutes_window import MinutesWindow, open_minutes_window
from workgroup_app.ui.pages.actions_page import ActionsPage
from workgroup_app.ui.pages.directory_page import DirectoryPage
from workgroup_app.ui.pages.exchange_page import ExchangePage
from workgroup_app.ui.pages.findings_page import FindingsPage
from workgroup_app.ui.pages.meetings_page import MeetingsPage
from workgroup_app.ui.pages.workgroups_page import WorkgroupsPage

TODAY = date.today()
P = TypeVar("P")


@dataclass
class Office:
    agency: str
    group: str
    meeting: str
    action: str  # reported: every event of the register applies to it
    finding: str


@pytest.fixture
def office(ui_context: UiContext) -> Office:
    """A small office, made by the unrestricted operator before anyone signs in."""
    uow, actor = ui_context.uow, ui_context.actor
    workdays.set_office_country(uow(), actor, "BY")
    police = directory.save_agency(uow(), actor, Agency("УВД облисполкома", "УВД",
                                                        AgencyKind.INTERNAL_AFFAIRS))
    chair = directory.save_person(uow(), actor, Person("Ёлкин Пётр Семёнович",
                                                       "прокурор области"))
    group = workgroups.save_workgroup(uow(), actor, Workgroup("Группа по наркотикам"))
    meeting = meetings.save_meeting(uow(), actor, Meeting(
        workgroup_id=group.id, held_on=TODAY - timedelta(days=30), venue="Гродно, каб. 305",
        status=MeetingStatus.HELD, chair_id=chair.id,
        items=[AgendaItem("О мерах", decisions=[
            Decision("Провести проверки аптек", police.id, TODAY + timedelta(days=30))])]))
    action = actions.create_action(uow(), actor, Action(
        text="Провести проверки аптек", agency_id=police.id,
        assigned_on=TODAY - timedelta(days=20), deadline=TODAY + timedelta(days=10),
        controller_id=chair.id)).id
    actions.report(uow(), actor, action, "Проверки проведены", TODAY - timedelta(days=1))
    finding = findings.add_finding(uow(), actor, Finding(
        agency_id=police.id, inspected_on=TODAY - timedelta(days=9), subject="Учёт оружия",
        act_type=ActType.PROTEST, act_number="02-15/1", act_date=TODAY - timedelta(days=4),
        violations="Нарушен порядок хранения", legal_norms="ст. 12 Закона № 408-З",
        prosecutor_id=chair.id, addressee="Начальнику", workgroup_id=group.id), None).id
    return Office(police.id, group.id, meeting.id, action, finding)


@pytest.fixture
def open_as(qtbot: Any, ui_context: UiContext, office: Office
            ) -> Iterator[Callable[[Role | None], MainWindow]]:
    """The main window for a user of ``role`` (None: the unrestricted operator)."""
    windows: list[MainWindow] = []

    def build(role: Role | None) -> MainWindow:
        ui_context.app.actor = LOCAL_ADMIN if role is None else \
            Actor(f"user-{role.value}", role.value)
        window = create_main_window(ui_context.app)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        windows.append(window)
        return window

    yield build
    qtbot.waitUntil(lambda: not operations.busy(), timeout=10_000)


def page_of(window: MainWindow, key: str, kind: type[P]) -> P:
    page = window.show_page(key)
    assert isinstance(page, kind)
    return page


def shown(widgets: dict[str, QWidget]) -> set[str]:
    return {name for name, widget in widgets.items() if widget.isVisible()}


def meeting_commands(window: MainWindow, office: Office) -> set[str]:
    page = page_of(window, "meetings", MeetingsPage)
    page.select_id(office.meeting)
    editor = page.editor
    assert isinstance(editor, MeetingEditor) and editor.record_id == office.meeting
    editor.tabs.setCurrentIndex(ATTENDANCE_TAB)
    found = shown({
        "meeting.new": page.new_button, "meeting.delete": page.delete_button,
        "meeting.save": editor.save_button, "meeting.revert": editor.revert_button,
        "meeting.make_actions": editor.actions_button, "meeting.minutes": editor.minutes_button,
        "meeting.add_member": editor.attendance.add_member_button,
        "meeting.add_guest": editor.attendance.add_guest_button,
        "meetings.search": page.search, "meetings.filter": page.status_filter})
    editor.tabs.setCurrentIndex(AGENDA_TAB)
    panel = editor.agenda.panel
    panel.tabs.setCurrentWidget(panel.decisions)
    found |= shown({"meeting.add_item": editor.agenda.add_button,
                    "meeting.move_item": editor.agenda.up_button,
                    "meeting.add_decision": panel.decisions.add_button})
    panel.tabs.setCurrentWidget(panel.speeches)
    found |= shown({"meeting.add_speech": panel.speeches.add_heard_button})
    editor.tabs.setCurrentIndex(ATTENDANCE_TAB)
    return found


def minutes_commands(window: MainWindow, office: Office, qtbot: Any) -> set[str]:
    minutes = open_minutes_window(page_of(window, "meetings", MeetingsPage).context,
                                  office.meeting, window)
    flow = minutes.ui.workflow
    found = shown({"minutes.approve": flow.approve, "minutes.reopen": flow.reopen,
                   "minutes.amend": flow.amend, "minutes.sign_chair": flow.sign_chair,
                   "minutes.sign_secretary": flow.sign_secretary,
                   "minutes.extract": flow.extract, "minutes.save_pdf": minutes.ui.save_button})
    close_minutes(minutes, qtbot)
    return found


def close_minutes(minutes: MinutesWindow, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: not minutes.busy(), timeout=30_000)
    minutes.close()


def action_commands(window: MainWindow, office: Office) -> set[str]:
    page = page_of(window, "actions", ActionsPage)
    page.select_id(office.action)
    pane = page.pane
    assert pane.record_id == office.action
    buttons = {f"action.{kind.value}": button for kind, button in pane.event_buttons.items()}
    return shown({"action.new": page.new_button, "action.edit": pane.edit_button, **buttons,
                  "actions.search": page.search, "actions.filter": page.filter_bar})


def finding_commands(window: MainWindow, office: Office) -> set[str]:
    page = page_of(window, "findings", FindingsPage)
    page.select_id(office.finding)
    pane = page.pane
    assert pane.record_id == office.finding
    return shown({"finding.new": page.new_button, "finding.edit": pane.edit_button,
                  "finding.response": pane.event_buttons[FindingEventKind.RESPONSE],
                  "finding.comment": pane.event_buttons[FindingEventKind.COMMENT],
                  "finding.document": pane.event_buttons[FindingEventKind.ATTACHED],
                  "finding.make_action": pane.make_action,
                  "findings.search": page.search})


def directory_commands(window: MainWindow, office: Office) -> set[str]:
    groups = page_of(window, "workgroups", WorkgroupsPage)
    groups.select_id(office.group)
    editor = groups.workgroup_editor
    found = shown({"workgroup.new": groups.new_button, "workgroup.delete": groups.delete_button,
                   "workgroup.save": editor.save_button,
                   "workgroup.add_member": editor.members.add_button})
    page = page_of(window, "directory", DirectoryPage)
    page.tabs.setCurrentWidget(page.agencies)
    page.agencies.select_id(office.agency)
    found |= shown({"agency.new": page.agencies.new_button,
                    "agency.delete": page.agencies.delete_button,
                    "agency.save": page.agencies.editor.save_button,
                    "agencies.search": page.agencies.search})
    page.tabs.setCurrentWidget(page.people)
    found |= shown({"person.new": page.people.new_button})
    return found


def exchange_commands(window: MainWindow) -> set[str]:
    page = page_of(window, "exchange", ExchangePage)
    page.tabs.setCurrentWidget(page.offices_box)
    found = shown({"exchange.setup": page.office_box.setup_button,
                   "exchange.send": page.send_button, "exchange.receive": page.receive_button,
                   "exchange.trust": page.offices_box.import_button,
                   "exchange.revoke": page.offices_box.revoke_button,
                   "exchange.offices": page.offices_box.table})
    page.tabs.setCurrentWidget(page.status)
    found |= shown({"exchange.status": page.status})
    page.tabs.setCurrentWidget(page.conflicts)
    found |= shown({"exchange.restore": page.conflicts.restore_button,
                    "exchange.conflicts": page.conflicts.table})
    return found


def every_command(window: MainWindow, office: Office, qtbot: Any) -> set[str]:
    return (meeting_commands(window, office) | minutes_commands(window, office, qtbot)
            | action_commands(window, office) | finding_commands(window, office)
            | directory_commands(window, office) | exchange_commands(window))


# Reading, searching, filtering and the protocol's PDF are everyone's.
READING = {"meeting.minutes", "meetings.search", "meetings.filter", "minutes.extract",
           "minutes.save_pdf", "actions.search", "actions.filter", "findings.search",
           "agencies.search", "exchange.offices", "exchange.status", "exchange.conflicts"}
MEETINGS = {"meeting.new", "meeting.delete", "meeting.save", "meeting.revert",
            "meeting.add_member", "meeting.add_guest", "meeting.add_item", "meeting.move_item",
            "meeting.add_decision", "meeting.add_speech"}
MINUTES = {"minutes.approve", "minutes.reopen", "minutes.amend"}
ACTIONS = {"action.new", "action.edit", "action.reported", "action.extended",
           "action.reassigned", "action.cancelled", "action.comment"}
CONTROL = {"action.accepted", "action.returned", "action.comment"}
FINDINGS = {"finding.new", "finding.edit", "finding.response", "finding.comment",
            "finding.document"}
DIRECTORY = {"workgroup.new", "workgroup.delete", "workgroup.save", "workgroup.add_member",
             "agency.new", "agency.delete", "agency.save", "person.new"}
EXCHANGE_ADMIN = {"exchange.setup", "exchange.trust", "exchange.revoke", "exchange.send",
                  "exchange.receive", "exchange.restore"}
EVERYTHING = (READING | MEETINGS | MINUTES | ACTIONS | CONTROL | FINDINGS | DIRECTORY
              | EXCHANGE_ADMIN | {"meeting.make_actions", "finding.make_action",
                                  "minutes.sign_chair", "minutes.sign_secretary"})

EXPECTED: dict[Role | None, set[str]] = {
    None: EVERYTHING,
    Role.OBSERVER: READING,
    Role.HEAD: READING | CONTROL | {"minutes.sign_chair"},
    Role.SECRETARY: READING | MEETINGS | MINUTES | DIRECTORY | {"minutes.sign_secretary"},
    Role.PROSECUTOR: (READING | MEETINGS | ACTIONS | CONTROL | FINDINGS | DIRECTORY
                      | {"meeting.make_actions", "finding.make_action", "minutes.sign_chair"}),
    Role.ADMINISTRATOR: READING | EXCHANGE_ADMIN,
}


@pytest.mark.parametrize("role", list(EXPECTED), ids=lambda r: r.value if r else "unrestricted")
def test_each_role_sees_the_commands_it_may_use_and_no_other(
        qtbot: Any, open_as: Callable[[Role | None], MainWindow], office: Office,
        role: Role | None) -> None:
    window = open_as(role)
    seen = every_command(window, office, qtbot)
    assert seen == EXPECTED[role], (f"offered but forbidden: {sorted(seen - EXPECTED[role])}; "
                                    f"missing: {sorted(EXPECTED[role] - seen)}")


def test_the_expectations_name_only_commands_the_window_has(
        qtbot: Any, open_as: Callable[[Role | None], MainWindow], office: Office) -> None:
    # Every name above is looked up: a renamed command cannot pass the table unnoticed.
    window = open_as(None)
    assert every_command(window, office, qtbot) == EVERYTHING
    assert all(EXPECTED[role] < EVERYTHING for role in Role)


# -- read-only editors ---------------------------------------------------------------------------

def test_an_observer_sees_the_meeting_read_only_and_cannot_save_it_by_key(
        qtbot: Any, open_as: Callable[[Role | None], MainWindow], office: Office,
        ui_context: UiContext) -> None:
    window = open_as(Role.OBSERVER)
    page = page_of(window, "meetings", MeetingsPage)
    editor = page.editor
    assert isinstance(editor, MeetingEditor)
    # Before a meeting is chosen: a line saying what to do, not an empty "New meeting" form.
    assert editor.empty.isVisible() and not editor.header.isVisible()
    assert editor.empty.text() == "Select a meeting in the list."
    page.select_id(office.meeting)
    assert editor.header.isVisible() and not editor.empty.isVisible()
    header = editor.header
    assert header.venue.text() == "Гродно, каб. 305" and header.venue.isReadOnly()
    assert header.number.isReadOnly() and header.held_on.isReadOnly()
    # A choice keeps its legible look but takes neither a click nor a key.
    status = header.status.currentIndex()
    qtbot.mouseClick(header.status, Qt.MouseButton.LeftButton)
    assert not header.status.view().isVisible()
    qtbot.keyClick(header.status, Qt.Key.Key_Down)
    assert header.status.currentIndex() == status
    # The attendance opens no cell editor, and its Present boxes do not tick.
    view = editor.attendance.table.view
    assert view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    model = editor.attendance.model
    if model.rowCount():
        present = model.index(0, 2)
        assert not model.flags(present) & Qt.ItemFlag.ItemIsUserCheckable
        assert not model.setData(present, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    decisions = editor.agenda.panel.decisions.model
    assert decisions.rowCount() == 1 and not decisions.setData(decisions.index(0, 0), "Иное")
    assert editor.agenda.panel.title.isReadOnly()
    assert editor.agenda.add_item() == -1 and len(editor.agenda.items) == 1
    # Even text put in by a script is not saved by Ctrl+S, and Ctrl+N opens no new meeting.
    header.venue.setText("Минск")
    editor.dirty = True
    qtbot.keyClick(header.venue, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not editor.save()
    assert meetings.get_meeting(ui_context.uow(), office.meeting).venue == "Гродно, каб. 305"
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert editor.record_id == office.meeting
    page.new_record()
    assert editor.record_id == office.meeting


def test_a_secretary_edits_meetings_but_makes_no_actions_of_them(
        qtbot: Any, open_as: Callable[[Role | None], MainWindow], office: Office) -> None:
    window = open_as(Role.SECRETARY)
    page = page_of(window, "meetings", MeetingsPage)
    page.select_id(office.meeting)
    editor = page.editor
    assert isinstance(editor, MeetingEditor)
    assert not editor.header.venue.isReadOnly() and editor.save_button.isVisible()
    assert editor.minutes_button.isEnabled() and not editor.actions_button.isVisible()
    editor._make_actions()  # what the hidden button would do: nothing opens
    assert not window.findChildren(FromDecisionsDialog)


def test_an_observer_sees_a_workgroup_and_an_agency_read_only(
        qtbot: Any, open_as: Callable[[Role | None], MainWindow], office: Office) -> None:
    window = open_as(Role.OBSERVER)
    groups = page_of(window, "workgroups", WorkgroupsPage)
    assert groups.workgroup_editor.empty.text() == "Select a workgroup in the list."
    groups.select_id(office.group)
    editor = groups.workgroup_editor
    assert editor.name.text() == "Группа по наркотикам" and editor.name.isReadOnly()
    assert editor.legal_basis.isReadOnly()
    assert not editor.established_on.button.isEnabled()  # no calendar to pick a date from
    assert editor.members.table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert not editor.members.add_button.isVisible()
    assert not editor.save()
    page = page_of(window, "directory", DirectoryPage)
    page.agencies.select_id(office.agency)
    agency = page.agencies.editor
    assert agency.name.isReadOnly() and not agency.save_button.isVisible()  # type: ignore
    kind = agency.kind.currentIndex()  # type: ignore[attr-defined]
    qtbot.keyClick(agency.kind, Qt.Key.Key_Down)  # type: ignore[attr-defined]
    assert agency.kind.currentIndex() == kind  # type: ignore[attr-defined]


# -- the registers: shortcuts and double-clicks -------------------------------------------------

def test_the_head_accepts_by_key_but_neither_edits_nor_reports(
        qtbot: Any, open_as: Callable[[Role | None], MainWindow], office: Office) -> None:
    window = open_as(Role.HEAD)
    with qtbot.waitActive(window):
        window.activateWindow()
    page = page_of(window, "actions", ActionsPage)
    page.select_id(office.action)
    pane = page.pane
    # Enter (like a double-click) goes to the first command the head may use.
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is pane.event_buttons[EventKind.ACCEPTED]
    for keys in ("Ctrl+E", "Ctrl+R", "Ctrl+Shift+E"):
        QTest.keySequence(page.table, QKeySequence(keys))
    assert pane.dialog is None
    assert pane.open_edit() is None and pane.open_event(EventKind.CANCELLED) is None
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.dialog is None
    qtbot.keyClick(page.table, Qt.Key.Key_A,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert isinstance(pane.dialog, EventDialog) and pane.dialog.isVisible()
    assert pane.dialog.kind == EventKind.ACCEPTED
    pane.dialog.reject()
    assert pane.empty.text() == "Select an action in the list."


def test_findings_are_read_only_to_the_secretary(
        qtbot: Any, open_as: Callable[[Role | None], MainWindow], office: Office) -> None:
    window = open_as(Role.SECRETARY)
    page = page_of(window, "findings", FindingsPage)
    page.select_id(office.finding)
    pane = page.pane
    qtbot.keyClick(page.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert pane.dialog is None and pane.open_edit() is None
    assert pane.open_event(FindingEventKind.RESPONSE) is None
    assert pane.open_make_action() is None
    page.new_record()
    assert page.dialog is None
    assert not any(button.isEnabled() for button in pane.event_buttons.values())


def test_extracts_are_signed_only_by_a_role_that_signs_as_secretary(
        qtbot: Any, open_as: Callable[[Role | None], MainWindow], office: Office,
        monkeypatch: pytest.MonkeyPatch) -> None:
    offered: list[bool] = []
    monkeypatch.setattr(extract_dialog, "ask_extract",
                        lambda _parent, _targets, may_sign=True: offered.append(may_sign))
    for role in (Role.OBSERVER, Role.SECRETARY):
        window = open_as(role)
        minutes = open_minutes_window(page_of(window, "meetings", MeetingsPage).context,
                                      office.meeting, window)
        minutes.steps.extract()
        close_minutes(minutes, qtbot)
    assert offered == [False, True]
    dialog = extract_dialog.ExtractDialog(None, [extract_dialog.ExtractTarget(
        1, "О мерах", ((office.agency, "УВД"),))], may_sign=False)
    dialog.choose(1, office.agency, sign=True)
    choice = dialog.choice()
    assert choice is not None and not choice.sign and dialog.sign.isHidden()
    dialog.deleteLater()


def test_the_exchange_page_shows_its_status_but_no_transfer_to_a_prosecutor(
        qtbot: Any, open_as: Callable[[Role | None], MainWindow]) -> None:
    window = open_as(Role.PROSECUTOR)
    page = page_of(window, "exchange", ExchangePage)
    assert not page.transfer_box.isVisible()
    assert not page.send_button.isEnabled() and not page.receive_button.isEnabled()
    assert page.office_box.intro.text() == ("This office has no exchange identity yet; an "
                                            "administrator sets it up.")
    assert page.offices_box.choose_card() is None
    assert not page.conflicts.restore_selected(confirmed=True)
    page.tabs.setCurrentWidget(page.status)
    assert page.status.isVisible() and page.status.table.isVisible()


def test_the_unrestricted_operator_still_gets_a_new_meeting_form(
        qtbot: Any, open_as: Callable[[Role | None], MainWindow]) -> None:
    window = open_as(None)
    page = page_of(window, "meetings", MeetingsPage)
    editor = page.editor
    assert isinstance(editor, MeetingEditor)
    page.new_record()
    assert editor.record_id is None and editor.header.isVisible()
    assert editor.heading.text() == "New meeting" and not editor.header.venue.isReadOnly()
