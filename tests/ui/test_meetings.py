"""The Meetings page driven through its widgets, read back through the services."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QLabel,
    QMessageBox,
    QTableView,
    QWidget,
)

from workgroup_app import i18n
from workgroup_app.bootstrap import open_context
from workgroup_app.config import AppConfig
from workgroup_app.domain.entities import (
    Agency,
    AgendaItem,
    Decision,
    Meeting,
    Person,
    Workgroup,
    WorkgroupMember,
)
from workgroup_app.domain.enums import (
    AgencyKind,
    AttendeeKind,
    MeetingStatus,
    MemberRole,
)
from workgroup_app.domain.views import ListQuery
from workgroup_app.services import directory, meetings, workgroups
from workgroup_app.ui.context import UiContext
from workgroup_app.ui.meetings.combos import ChoiceCombo
from workgroup_app.ui.pages.meetings_page import MeetingsPage

DAY = date(2026, 3, 12)


@dataclass
class Office:
    prosecution: str
    customs: str
    chair: str
    secretary: str
    member: str
    outsider: str
    group: str
    other_group: str


@pytest.fixture
def meetings_context(tmp_path: Path) -> Iterator[UiContext]:
    app_context = open_context(AppConfig.build(database=str(tmp_path / "s.sqlite"),
                                               language="en"))
    yield UiContext(app_context)
    app_context.close()
    i18n.set_language("en")


@pytest.fixture
def office(meetings_context: UiContext) -> Office:
    uow, actor = meetings_context.uow, meetings_context.actor
    prosecution = directory.save_agency(uow(), actor, Agency(
        "Прокуратура Гродненской области", "Прокуратура области", AgencyKind.PROSECUTION))
    customs = directory.save_agency(uow(), actor, Agency(
        "Гродненская региональная таможня", "Гродненская таможня", AgencyKind.CUSTOMS))

    def person(name: str, position: str, agency: Agency) -> str:
        return directory.save_person(uow(), actor, Person(name, position, agency.id)).id

    chair = person("Романовская Ирина Петровна", "заместитель прокурора области", prosecution)
    secretary = person("Бондаренко Ольга Сергеевна", "прокурор отдела", prosecution)
    member = person("Кравченко Денис Юрьевич", "начальник отдела", customs)
    outsider = person("Мельников Олег Васильевич", "инспектор", customs)
    group = workgroups.save_workgroup(uow(), actor, Workgroup(
        "Рабочая группа по противодействию наркотикам", chair_id=chair, secretary_id=secretary,
        members=[WorkgroupMember(chair, MemberRole.CHAIR),
                 WorkgroupMember(secretary, MemberRole.SECRETARY),
                 WorkgroupMember(member, MemberRole.MEMBER)]))
    other = workgroups.save_workgroup(uow(), actor, Workgroup(
        "Рабочая группа по делам несовершеннолетних", chair_id=chair,
        members=[WorkgroupMember(chair, MemberRole.CHAIR)]))
    return Office(prosecution.id, customs.id, chair, secretary, member, outsider, group.id,
                  other.id)


@pytest.fixture
def page(qtbot: Any, meetings_context: UiContext, office: Office) -> MeetingsPage:
    widget = MeetingsPage(meetings_context)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    widget.activated()
    return widget


def count(context: UiContext) -> int:
    return meetings.list_meetings(context.uow(), ListQuery(limit=1)).total


def stored(context: UiContext, office: Office, held_on: date, number: int | None = None,
           workgroup: str | None = None, status: MeetingStatus = MeetingStatus.PLANNED,
           venue: str = "") -> Meeting:
    return meetings.save_meeting(context.uow(), context.actor, Meeting(
        workgroup_id=workgroup or office.group, held_on=held_on, number=number, venue=venue,
        status=status))


def edit_cell(view: QTableView, row: int, column: int, fill: Callable[[QWidget], None]) -> None:
    """Open the cell's editor as a double-click would, fill it, and commit it."""
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)  # does nothing when the editor is open already (as after Add)
    editors = [w for w in view.viewport().findChildren(QWidget)
               if w.isVisible() and w.parentWidget() is view.viewport()]
    assert len(editors) == 1, "no editor opened"
    editor = editors[0]
    fill(editor)
    view.commitData(editor)
    view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)


def choose(combo_id: str) -> Callable[[QWidget], None]:
    def fill(editor: QWidget) -> None:
        assert isinstance(editor, ChoiceCombo)
        editor.setCurrentIndex(editor.findData(combo_id))
    return fill


def type_text(text: str) -> Callable[[QWidget], None]:
    def fill(editor: QWidget) -> None:
        if hasattr(editor, "setPlainText"):
            editor.setPlainText(text)
        elif isinstance(editor, ChoiceCombo):
            editor.setEditText(text)
        else:
            editor.setText(text)  # type: ignore[attr-defined]
    return fill


def start_meeting(qtbot: Any, page: MeetingsPage, office: Office) -> None:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    header = page.editor.header
    header.workgroup.setCurrentIndex(header.workgroup.findData(office.group))
    header.held_on.setDate(QDate(DAY.year, DAY.month, DAY.day))
    header.venue.setText("г. Гродно, ул. Дзержинского, 1, каб. 305")


def add_item(qtbot: Any, page: MeetingsPage, title: str, decisions: list[tuple[str, str]]) -> None:
    agenda = page.editor.agenda
    page.editor.tabs.setCurrentWidget(agenda)
    qtbot.mouseClick(agenda.add_button, Qt.MouseButton.LeftButton)
    agenda.panel.title.setText(title)
    panel = agenda.panel.decisions
    agenda.panel.tabs.setCurrentWidget(panel)
    for text, agency in decisions:
        qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
        row = panel.model.rowCount() - 1
        edit_cell(panel.table.view, row, 0, type_text(text))
        edit_cell(panel.table.view, row, 1, choose(agency))
        decision = panel.model.records[row]
        assert (decision.text, decision.responsible_agency_id) == (text, agency)


def save(qtbot: Any, page: MeetingsPage) -> None:
    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)


# -- creating a meeting ------------------------------------------------------------------------

def test_a_meeting_with_two_items_and_three_decisions_is_created_through_the_ui(
        qtbot: Any, page: MeetingsPage, office: Office, meetings_context: UiContext) -> None:
    start_meeting(qtbot, page, office)
    editor = page.editor
    assert editor.attendance.model.rowCount() == 3  # prefilled from the workgroup
    assert editor.header.chair.value() == office.chair
    assert editor.header.secretary.value() == office.secretary
    assert editor.header.number.value() == 1
    add_item(qtbot, page, "О состоянии работы по противодействию незаконному обороту наркотиков",
             [("Усилить контроль в пунктах пропуска.", office.customs),
              ("Провести совместные проверки.", office.prosecution)])
    add_item(qtbot, page, "О профилактике правонарушений среди несовершеннолетних",
             [("Обобщить практику и доложить.", office.prosecution)])
    assert editor.agenda.panel.decisions.numbers() == ["2.1"]
    assert editor.dirty

    save(qtbot, page)

    assert editor.error_text() == "" and editor.error_text("items") == ""
    assert editor.record_id is not None and not editor.dirty
    meeting = meetings.get_meeting(meetings_context.uow(), editor.record_id)
    assert (meeting.workgroup_id, meeting.held_on, meeting.number) == (office.group, DAY, 1)
    assert meeting.venue.startswith("г. Гродно")
    assert [a.person_id for a in meeting.attendees] == [office.chair, office.secretary,
                                                        office.member]
    assert meeting.chair_id == office.chair and meeting.secretary_id == office.secretary
    assert [i.title for i in meeting.items] == [
        "О состоянии работы по противодействию незаконному обороту наркотиков",
        "О профилактике правонарушений среди несовершеннолетних"]
    decisions = {f"{p}.{n}": (d.text, d.responsible_agency_id)
                 for p, item in enumerate(meeting.items, 1)
                 for n, d in enumerate(item.decisions, 1)}
    assert decisions == {
        "1.1": ("Усилить контроль в пунктах пропуска.", office.customs),
        "1.2": ("Провести совместные проверки.", office.prosecution),
        "2.1": ("Обобщить практику и доложить.", office.prosecution)}
    assert page.model.total == 1 and page.selected_id() == meeting.id
    assert editor.heading.text() == "Meeting No. 1/2026 of 2026-03-12"


def test_moving_an_item_up_renumbers_its_decisions_on_screen_and_in_the_store(
        qtbot: Any, page: MeetingsPage, office: Office, meetings_context: UiContext) -> None:
    start_meeting(qtbot, page, office)
    add_item(qtbot, page, "О первом", [("Первое решение.", office.customs)])
    add_item(qtbot, page, "О втором", [("Второе-а.", office.prosecution),
                                      ("Второе-б.", office.customs)])
    agenda = page.editor.agenda
    assert agenda.current_index() == 1
    assert agenda.panel.decisions.numbers() == ["2.1", "2.2"]

    qtbot.mouseClick(agenda.up_button, Qt.MouseButton.LeftButton)

    assert agenda.current_index() == 0
    assert agenda.panel.title.text() == "О втором"
    assert agenda.panel.decisions.numbers() == ["1.1", "1.2"]
    assert agenda.list.item(0).text() == "1. О втором"
    assert agenda.list.item(1).text() == "2. О первом"
    agenda.select(1)
    assert agenda.panel.decisions.numbers() == ["2.1"]
    save(qtbot, page)
    meeting = meetings.get_meeting(meetings_context.uow(), page.editor.record_id or "")
    assert [i.title for i in meeting.items] == ["О втором", "О первом"]
    assert [d.text for d in meeting.items[0].decisions] == ["Второе-а.", "Второе-б."]
    assert [d.text for d in meeting.items[1].decisions] == ["Первое решение."]


def test_alt_up_and_alt_down_move_the_selected_item(
        qtbot: Any, page: MeetingsPage, office: Office) -> None:
    start_meeting(qtbot, page, office)
    add_item(qtbot, page, "О первом", [])
    add_item(qtbot, page, "О втором", [])
    agenda = page.editor.agenda
    agenda.list.setFocus()
    qtbot.keyClick(agenda.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [i.title for i in agenda.items] == ["О втором", "О первом"]
    agenda.panel.title.setFocus()
    qtbot.keyClick(agenda.panel.title, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [i.title for i in agenda.items] == ["О первом", "О втором"]
    assert agenda.current_index() == 1


def test_removing_an_item_asks_first(qtbot: Any, page: MeetingsPage, office: Office,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    start_meeting(qtbot, page, office)
    add_item(qtbot, page, "О первом", [("Решение.", office.customs)])
    add_item(qtbot, page, "О втором", [])
    agenda = page.editor.agenda
    agenda.select(0)
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> Callable[..., QMessageBox.StandardButton]:
        def question(_parent: Any, _title: str, text: str, *_args: Any) -> Any:
            asked.append(text)
            return button
        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    qtbot.mouseClick(agenda.remove_button, Qt.MouseButton.LeftButton)
    assert len(agenda.items) == 2 and "О первом" in asked[0] and "1" in asked[0]
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(agenda.remove_button, Qt.MouseButton.LeftButton)
    assert [i.title for i in agenda.items] == ["О втором"]
    assert agenda.list.item(0).text() == "1. О втором"


# -- refusals keep the input and the store ----------------------------------------------------

def test_a_duplicate_number_shows_beside_the_number_and_saves_nothing(
        qtbot: Any, page: MeetingsPage, office: Office, meetings_context: UiContext) -> None:
    stored(meetings_context, office, date(2026, 1, 20), number=1)
    before = count(meetings_context)
    start_meeting(qtbot, page, office)
    header = page.editor.header
    assert header.number.value() == 2  # the next free number of the year
    header.number.setValue(1)
    add_item(qtbot, page, "О повторном номере", [("Решение.", office.customs)])

    save(qtbot, page)

    assert "No. 1 of 2026 already exists" in header.error_text("number")
    assert page.editor.error_text() == ""
    assert count(meetings_context) == before
    assert page.editor.record_id is None and page.editor.dirty
    assert header.number.value() == 1
    assert page.editor.agenda.items[0].title == "О повторном номере"
    header.number.setValue(2)
    save(qtbot, page)
    assert header.error_text("number") == "" and count(meetings_context) == before + 1


def test_an_agenda_item_without_a_title_is_refused_with_the_item_shown(
        qtbot: Any, page: MeetingsPage, office: Office, meetings_context: UiContext) -> None:
    start_meeting(qtbot, page, office)
    add_item(qtbot, page, "О первом", [])
    add_item(qtbot, page, "   ", [("Решение без вопроса.", office.customs)])
    page.editor.agenda.select(0)
    page.editor.tabs.setCurrentIndex(0)

    save(qtbot, page)

    editor = page.editor
    assert editor.error_text("items") == "Agenda item 2 has no title."
    assert editor.tabs.currentWidget() is editor.agenda
    assert editor.agenda.current_index() == 1
    assert count(meetings_context) == 0 and editor.record_id is None
    assert [d.text for d in editor.agenda.items[1].decisions] == ["Решение без вопроса."]


def test_a_meeting_without_a_workgroup_is_refused_beside_the_workgroup(
        qtbot: Any, page: MeetingsPage, meetings_context: UiContext) -> None:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    save(qtbot, page)
    assert page.editor.header.error_text("workgroup_id") == "Choose the workgroup of the meeting."
    assert count(meetings_context) == 0


def test_a_start_time_that_is_no_time_is_refused_beside_the_time(
        qtbot: Any, page: MeetingsPage, office: Office, meetings_context: UiContext) -> None:
    start_meeting(qtbot, page, office)
    page.editor.header.starts_at.setEditText("25")
    save(qtbot, page)
    assert "'25' is not a time" in page.editor.header.error_text("starts_at")
    page.editor.header.starts_at.setEditText("10:30")
    save(qtbot, page)
    meeting = meetings.get_meeting(meetings_context.uow(), page.editor.record_id or "")
    assert meeting.starts_at == time(10, 30)


# -- attendance -------------------------------------------------------------------------------

def test_attendance_marks_absence_a_substitute_and_a_typed_in_guest(
        qtbot: Any, page: MeetingsPage, office: Office, meetings_context: UiContext) -> None:
    start_meeting(qtbot, page, office)
    attendance = page.editor.attendance
    model, view = attendance.model, attendance.table.view
    member_row = [a.person_id for a in model.records].index(office.member)
    model.setData(model.index(member_row, 2), Qt.CheckState.Unchecked.value,
                  Qt.ItemDataRole.CheckStateRole)
    edit_cell(view, member_row, 3, choose(office.outsider))
    assert "Absent: 1" in attendance.summary.text()
    qtbot.mouseClick(attendance.add_guest_button, Qt.MouseButton.LeftButton)
    guest_row = model.rowCount() - 1
    edit_cell(view, guest_row, 0, type_text("Петров Пётр Петрович"))
    edit_cell(view, guest_row, 4, type_text("главный врач"))
    assert model.data(model.index(guest_row, 0)) == "Петров Пётр Петрович"
    assert "Invited: 1" in attendance.summary.text()
    assert not model.flags(model.index(member_row, 4)) & Qt.ItemFlag.ItemIsEditable

    save(qtbot, page)

    meeting = meetings.get_meeting(meetings_context.uow(), page.editor.record_id or "")
    member = next(a for a in meeting.attendees if a.person_id == office.member)
    assert (member.present, member.substitute_id) == (False, office.outsider)
    guest = meeting.attendees[-1]
    assert (guest.kind, guest.person_id, guest.guest_name, guest.guest_position) == (
        AttendeeKind.INVITED, None, "Петров Пётр Петрович", "главный врач")


# -- the list ---------------------------------------------------------------------------------

def test_the_table_sorts_by_date_and_filters_by_workgroup(
        qtbot: Any, page: MeetingsPage, office: Office, meetings_context: UiContext) -> None:
    for day, group in ((date(2025, 5, 1), office.group), (date(2026, 2, 1), office.other_group),
                       (date(2024, 9, 1), office.group), (date(2025, 11, 1), office.other_group)):
        stored(meetings_context, office, day, workgroup=group)
    page.refresh()
    table = page.findChild(QTableView, "meetingsTable")
    assert table is page.table

    def dates() -> list[date]:
        return [page.model.row(r).held_on for r in range(page.model.rowCount())]

    assert dates() == sorted(dates(), reverse=True)  # newest first
    assert table.horizontalHeader().sortIndicatorSection() == 0
    qtbot.mouseClick(table.horizontalHeader().viewport(), Qt.MouseButton.LeftButton,
                     pos=_centre(table, 0))
    assert dates() == sorted(dates())
    assert page.model.query.sort == "held_on" and not page.model.query.descending

    page.workgroup_filter.setCurrentIndex(page.workgroup_filter.findData(office.other_group))
    assert page.model.total == 2
    assert {page.model.row(r).workgroup_id for r in range(page.model.rowCount())} == {
        office.other_group}
    assert "2" in page.count.text()
    page.status_filter.setCurrentIndex(page.status_filter.findData(MeetingStatus.HELD.value))
    assert page.model.rowCount() == 0


def _centre(table: QTableView, section: int) -> Any:
    from PySide6.QtCore import QPoint

    header = table.horizontalHeader()
    return QPoint(header.sectionViewportPosition(section) + header.sectionSize(section) // 2,
                  header.height() // 2)


def test_a_long_list_is_fetched_a_page_at_a_time(
        qtbot: Any, meetings_context: UiContext, office: Office) -> None:
    first = date(2015, 1, 5)
    for week in range(500):
        stored(meetings_context, office, first + timedelta(days=7 * week),
               workgroup=office.group if week % 2 else office.other_group)
    widget = MeetingsPage(meetings_context)
    qtbot.addWidget(widget)
    widget.activated()
    model = widget.model
    assert model.total == 500
    assert 0 < model.rowCount() < model.total
    loaded = model.rowCount()
    assert model.canFetchMore()
    model.fetchMore()
    assert loaded < model.rowCount() <= model.total
    assert model.row(0).held_on == first + timedelta(days=7 * 499)
    widget.search.setText("несовершеннолетних")
    widget.search.search_now()
    assert model.total == 250


# -- switching, deleting ----------------------------------------------------------------------

def _question(answer: QMessageBox.StandardButton, asked: list[str]) -> Callable[..., Any]:
    def question(_parent: Any, _title: str, text: str, *_args: Any) -> Any:
        asked.append(text)
        return answer
    return question


def test_switching_away_from_unsaved_edits_asks_and_can_stay(
        qtbot: Any, page: MeetingsPage, office: Office, meetings_context: UiContext,
        monkeypatch: pytest.MonkeyPatch) -> None:
    newer = stored(meetings_context, office, date(2026, 2, 1), venue="Зал коллегии")
    older = stored(meetings_context, office, date(2025, 2, 1), venue="Каб. 305")
    page.refresh()
    page.select_id(newer.id)
    assert page.editor.header.venue.text() == "Зал коллегии" and not page.editor.dirty
    page.editor.header.venue.setText("Малый зал")
    assert page.editor.dirty
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        _question(QMessageBox.StandardButton.Cancel, asked))
    page.select_id(older.id)
    assert asked and page.editor.record_id == newer.id
    assert page.editor.header.venue.text() == "Малый зал"
    assert page.selected_id() == newer.id  # the list stays on the record being edited
    monkeypatch.setattr(QMessageBox, "question",
                        _question(QMessageBox.StandardButton.Discard, asked))
    page.select_id(older.id)
    assert page.editor.record_id == older.id
    assert page.editor.header.venue.text() == "Каб. 305" and not page.editor.dirty
    assert meetings.get_meeting(meetings_context.uow(), newer.id).venue == "Зал коллегии"


def test_delete_asks_and_shows_the_services_refusal(
        qtbot: Any, page: MeetingsPage, office: Office, meetings_context: UiContext,
        monkeypatch: pytest.MonkeyPatch) -> None:
    held = meetings.save_meeting(meetings_context.uow(), meetings_context.actor, Meeting(
        workgroup_id=office.group, held_on=date(2025, 6, 1), status=MeetingStatus.HELD,
        items=[AgendaItem("О проведённом", decisions=[Decision("Решение.")])]))
    planned = stored(meetings_context, office, date(2026, 6, 1))
    page.refresh()
    asked: list[str] = []
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", _question(QMessageBox.StandardButton.Yes, asked))
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, _title, text, *_args: warnings.append(text))
    page.select_id(held.id)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert asked == ["Delete the selected meeting with its attendance, agenda and decisions?"]
    assert warnings and "cannot be deleted" in warnings[0]
    assert count(meetings_context) == 2
    page.select_id(planned.id)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert count(meetings_context) == 1 and page.model.total == 1
    assert page.editor.record_id is None


def test_saving_an_existing_meeting_keeps_its_records(
        qtbot: Any, page: MeetingsPage, office: Office, meetings_context: UiContext) -> None:
    original = meetings.save_meeting(meetings_context.uow(), meetings_context.actor, Meeting(
        workgroup_id=office.group, held_on=date(2025, 6, 1), status=MeetingStatus.HELD,
        items=[AgendaItem("О проведённом", decisions=[
            Decision("Решение.", office.customs, date(2025, 9, 1))])]))
    page.refresh()
    page.select_id(original.id)
    agenda = page.editor.agenda
    view = agenda.panel.decisions.table.view
    view.setCurrentIndex(view.model().index(0, 2))
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # clears the optional due date
    assert page.editor.dirty
    save(qtbot, page)
    meeting = meetings.get_meeting(meetings_context.uow(), original.id)
    assert meeting.items[0].id == original.items[0].id
    decision = meeting.items[0].decisions[0]
    assert (decision.id, decision.due_date, decision.responsible_agency_id) == (
        original.items[0].decisions[0].id, None, office.customs)
    assert count(meetings_context) == 1


# -- Russian ----------------------------------------------------------------------------------

def test_the_editor_uses_the_official_russian_terms(
        qtbot: Any, meetings_context: UiContext, office: Office) -> None:
    i18n.set_language("ru")
    widget = MeetingsPage(meetings_context)
    qtbot.addWidget(widget)
    editor = widget.editor
    # The choices are filled just after the page is on screen.
    qtbot.waitUntil(lambda: editor.header.workgroup.findData(office.group) >= 0)
    editor.header.workgroup.setCurrentIndex(editor.header.workgroup.findData(office.group))
    editor.agenda.add_item()
    texts = {label.text() for label in widget.findChildren(QLabel)}
    tabs = [editor.tabs.tabText(i) for i in range(editor.tabs.count())]
    item_tabs = [editor.agenda.panel.tabs.tabText(i)
                 for i in range(editor.agenda.panel.tabs.count())]
    assert {"Председательствующий", "Секретарь"} <= texts
    assert tabs == ["Участники", "Повестка дня"]
    assert item_tabs == ["Слушали, выступили", "Решили", "Особое мнение"]
    summary = editor.attendance.summary.text()
    assert "Присутствовали: 3" in summary and "Отсутствовали: 0" in summary
    assert "Приглашённые: 0" in summary
    assert widget.model.headerData(0, Qt.Orientation.Horizontal) == "Дата"


def test_ctrl_s_saves_the_meeting(qtbot: Any, page: MeetingsPage, office: Office,
                                  meetings_context: UiContext) -> None:
    start_meeting(qtbot, page, office)
    page.activateWindow()
    page.editor.header.venue.setFocus()
    qtbot.keyClick(page.editor.header.venue, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert count(meetings_context) == 1 and page.editor.record_id is not None


def test_the_unsorted_header_state_goes_back_to_the_lists_own_order(
        page: MeetingsPage) -> None:
    page.model.sort(3, Qt.SortOrder.AscendingOrder)
    assert page.model.query.sort == "status"
    page.model.sort(-1, Qt.SortOrder.AscendingOrder)  # not the last column's key
    assert (page.model.query.sort, page.model.query.descending) == ("held_on", True)


def test_a_decision_without_text_is_shown_with_its_number(
        qtbot: Any, page: MeetingsPage, office: Office, meetings_context: UiContext) -> None:
    start_meeting(qtbot, page, office)
    add_item(qtbot, page, "О первом", [])
    add_item(qtbot, page, "О втором", [("Решение.", office.customs), ("  ", office.customs)])
    page.editor.agenda.select(0)
    save(qtbot, page)
    agenda = page.editor.agenda
    assert page.editor.error_text("items") == "Decision 2.2 has no text."
    assert agenda.current_index() == 1
    assert agenda.panel.tabs.currentWidget() is agenda.panel.decisions
    assert agenda.panel.decisions.table.current_row() == 1
    assert count(meetings_context) == 0


def test_a_new_meeting_starts_in_the_filtered_workgroup_with_a_proposed_status(
        qtbot: Any, page: MeetingsPage, office: Office) -> None:
    page.workgroup_filter.setCurrentIndex(page.workgroup_filter.findData(office.other_group))
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    header = page.editor.header
    assert header.workgroup.value() == office.other_group
    assert page.editor.attendance.model.rowCount() == 1  # the other group's one member
    header.held_on.setDate(QDate(2020, 5, 5))
    assert header.status.currentData() == MeetingStatus.HELD.value
    header.held_on.setDate(QDate(2099, 5, 5))
    assert header.status.currentData() == MeetingStatus.PLANNED.value
    cancelled = header.status.findData(MeetingStatus.CANCELLED.value)
    header.status.setCurrentIndex(cancelled)
    header.status.activated.emit(cancelled)  # what a user's pick sends
    header.held_on.setDate(QDate(2020, 5, 6))
    assert header.status.currentData() == MeetingStatus.CANCELLED.value


# -- another workstation ----------------------------------------------------------------------

def test_a_meeting_changed_elsewhere_asks_and_reload_shows_theirs(
        qtbot: Any, page: MeetingsPage, office: Office, meetings_context: UiContext,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from workgroup_app.domain.actor import Actor
    from workgroup_app.storage.database import open_store
    from workgroup_app.storage.unit_of_work import SqlUnitOfWork
    from workgroup_app.ui.widgets import concurrent_edit

    original = stored(meetings_context, office, DAY, venue="каб. 305")
    page.refresh()
    page.select_id(original.id)
    other = open_store(tmp_path / "s.sqlite")
    try:  # a colleague adds an agenda item at their workstation
        theirs = meetings.get_meeting(SqlUnitOfWork(other), original.id)
        theirs.items.append(AgendaItem("О профилактике"))
        meetings.save_meeting(SqlUnitOfWork(other, Actor(user="petrov")), Actor(user="petrov"),
                              theirs)
    finally:
        other.close()
    asked: list[str] = []

    def ask(_parent: Any, error: Any) -> concurrent_edit.Choice:
        asked.append(i18n.error_text(error))
        return concurrent_edit.Choice.RELOAD

    monkeypatch.setattr(concurrent_edit, "ask", ask)
    page.editor.header.venue.setText("каб. 101")
    save(qtbot, page)
    assert asked and "The meeting was changed by petrov" in asked[0]
    kept = meetings.get_meeting(meetings_context.uow(), original.id)
    assert (kept.venue, [i.title for i in kept.items]) == ("каб. 305", ["О профилактике"])
    assert page.editor.header.venue.text() == "каб. 305"  # theirs, shown anew
    assert [i.title for i in page.editor.agenda.items] == ["О профилактике"]
