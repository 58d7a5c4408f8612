"""The Workgroups page driven through its widgets, read back through the services."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from workgroup_app.domain.entities import Agency, Person, Workgroup, WorkgroupMember
from workgroup_app.domain.enums import AgencyKind, MemberRole
from workgroup_app.domain.views import ListQuery
from workgroup_app.services import directory, workgroups
from workgroup_app.ui.context import UiContext
from workgroup_app.ui.editors.members_table import PERSON, ROLE, SINCE, UNTIL, MembersTable
from workgroup_app.ui.pages.workgroups_page import WorkgroupsPage, initials
from workgroup_app.ui.widgets.choice_combo import ChoiceCombo
from workgroup_app.ui.widgets.date_edit import DateEdit

LEFT = Qt.MouseButton.LeftButton
PEOPLE = ("Ковальчук Андрей Викторович", "Шевчик Павел Игоревич", "Дубовик Александр Михайлович",
          "Романовская Ирина Петровна")


@pytest.fixture
def people(ui_context: UiContext) -> dict[str, str]:
    uow, actor = ui_context.uow, ui_context.actor
    agency = directory.save_agency(uow(), actor, Agency("Прокуратура Гродненской области",
                                                        kind=AgencyKind.PROSECUTION))
    return {name: directory.save_person(uow(), actor, Person(name, agency_id=agency.id)).id
            for name in PEOPLE}


@pytest.fixture
def page(qtbot: Any, ui_context: UiContext, people: dict[str, str]) -> WorkgroupsPage:
    widget = WorkgroupsPage(ui_context)
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    widget.activated()
    return widget


def choose(combo: ChoiceCombo, typed: str) -> None:
    """Type a name into a person combo and leave it, as a user does."""
    combo.lineEdit().setText(typed)
    combo.lineEdit().editingFinished.emit()


def add_member(members: MembersTable, qtbot: Any, name: str, role: MemberRole | None = None,
               since: str = "", until: str = "") -> int:
    qtbot.mouseClick(members.add_button, LEFT)
    row = members.table.rowCount() - 1
    person = members.editor_at(row, PERSON)
    assert isinstance(person, ChoiceCombo)  # the editor opens on the new row at once
    choose(person, name)
    if role is not None:
        members.table.setCurrentCell(row, ROLE)
        roles = members.editor_at(row, ROLE)
        assert isinstance(roles, QComboBox)
        roles.setCurrentIndex(roles.findData(role.value))
        roles.activated.emit(roles.currentIndex())
    for column, text in ((SINCE, since), (UNTIL, until)):
        if text:
            members.table.setCurrentCell(row, column)
            edit = members.editor_at(row, column)
            assert isinstance(edit, DateEdit)
            edit.setText(text)
    return row


def test_a_workgroup_with_officers_and_two_members_is_created_through_the_ui(
        page: WorkgroupsPage, qtbot: Any, ui_context: UiContext,
        people: dict[str, str]) -> None:
    assert not page.editor.editing
    qtbot.mouseClick(page.new_button, LEFT)
    editor = page.workgroup_editor
    editor.name.setText("Межведомственная рабочая группа по противодействию наркопреступности")
    editor.region.setText("Гродненская область")
    editor.legal_basis.setPlainText("приказ прокурора области № 27 от 01.07.2024")
    editor.established_on.setText("01.07.2024")
    choose(editor.chair, "ковальчук андрей викторович")
    choose(editor.secretary, "Шевчик Павел Игоревич")
    members = editor.members
    assert members.table.rowCount() == 2  # the officers joined the members with their roles
    add_member(members, qtbot, "Дубовик Александр Михайлович", since="2024-07-01")
    add_member(members, qtbot, "Романовская Ирина Петровна", MemberRole.DEPUTY_CHAIR,
               since="15.08.2025", until="31.12.2026")
    qtbot.mouseClick(editor.save_button, LEFT)
    assert editor.form.error_text() == "" and editor.form.error_text("members") == ""

    rows = workgroups.list_workgroups(ui_context.uow(), ListQuery()).rows
    assert len(rows) == 1 and rows[0].members == 4
    group = workgroups.get_workgroup(ui_context.uow(), rows[0].id)
    assert group.name == "Межведомственная рабочая группа по противодействию наркопреступности"
    assert group.legal_basis == "приказ прокурора области № 27 от 01.07.2024"
    assert group.established_on == date(2024, 7, 1)
    assert group.chair_id == people["Ковальчук Андрей Викторович"]
    assert group.secretary_id == people["Шевчик Павел Игоревич"]
    assert group.deputy_chair_id is None
    roles = {m.person_id: (m.role, m.since, m.until) for m in group.members}
    assert roles == {
        people["Ковальчук Андрей Викторович"]: (MemberRole.CHAIR, date(2024, 7, 1), None),
        people["Шевчик Павел Игоревич"]: (MemberRole.SECRETARY, date(2024, 7, 1), None),
        people["Дубовик Александр Михайлович"]: (MemberRole.MEMBER, date(2024, 7, 1), None),
        people["Романовская Ирина Петровна"]: (MemberRole.DEPUTY_CHAIR, date(2025, 8, 15),
                                               date(2026, 12, 31)),
    }
    assert page.model.rowCount() == 1 and page.selected_id() == group.id
    assert page.model.row(0).chair_name == "Ковальчук Андрей Викторович"


def test_an_empty_name_is_refused_beside_the_name(page: WorkgroupsPage, qtbot: Any,
                                                  ui_context: UiContext) -> None:
    qtbot.mouseClick(page.new_button, LEFT)
    editor = page.workgroup_editor
    editor.region.setText("Гродненская область")
    qtbot.mouseClick(editor.save_button, LEFT)
    assert editor.form.error_text("name") == "Workgroup name must not be empty."
    assert workgroups.list_workgroups(ui_context.uow(), ListQuery()).total == 0


def test_a_membership_ending_before_it_starts_is_refused_beside_the_members(
        page: WorkgroupsPage, qtbot: Any, ui_context: UiContext) -> None:
    qtbot.mouseClick(page.new_button, LEFT)
    editor = page.workgroup_editor
    editor.name.setText("Рабочая группа")
    add_member(editor.members, qtbot, "Дубовик Александр Михайлович", since="01.03.2025",
               until="01.02.2025")
    qtbot.mouseClick(editor.save_button, LEFT)
    assert editor.form.error_text("members") == (
        "A membership cannot end (2025-02-01) before it starts (2025-03-01).")
    assert workgroups.list_workgroups(ui_context.uow(), ListQuery()).total == 0


def test_a_date_that_is_no_date_is_refused_beside_its_field(page: WorkgroupsPage, qtbot: Any,
                                                           ui_context: UiContext) -> None:
    qtbot.mouseClick(page.new_button, LEFT)
    editor = page.workgroup_editor
    editor.name.setText("Рабочая группа")
    editor.established_on.setText("31.02.2025")
    qtbot.mouseClick(editor.save_button, LEFT)
    assert "'31.02.2025' is not a valid date" in editor.form.error_text("established_on")
    assert workgroups.list_workgroups(ui_context.uow(), ListQuery()).total == 0


def test_a_member_row_without_a_person_is_refused(page: WorkgroupsPage, qtbot: Any,
                                                 ui_context: UiContext) -> None:
    qtbot.mouseClick(page.new_button, LEFT)
    editor = page.workgroup_editor
    editor.name.setText("Рабочая группа")
    qtbot.mouseClick(editor.members.add_button, LEFT)
    qtbot.mouseClick(editor.save_button, LEFT)
    assert editor.form.error_text("members") == "Choose a person in line 1 of the members."
    assert workgroups.list_workgroups(ui_context.uow(), ListQuery()).total == 0


def test_removing_a_member_of_a_saved_workgroup(page: WorkgroupsPage, qtbot: Any,
                                                ui_context: UiContext,
                                                people: dict[str, str]) -> None:
    first, second = people[PEOPLE[0]], people[PEOPLE[2]]
    group = workgroups.save_workgroup(ui_context.uow(), ui_context.actor, Workgroup(
        "Рабочая группа", members=[WorkgroupMember(first, MemberRole.CHAIR),
                                   WorkgroupMember(second)], chair_id=first))
    page.refresh()
    page.select_id(group.id)
    editor = page.workgroup_editor
    members = editor.members
    assert members.table.item(1, PERSON).text() == PEOPLE[2]
    assert members.table.item(0, ROLE).text() == "Chair"
    members.table.setCurrentCell(1, ROLE)
    qtbot.mouseClick(members.remove_button, LEFT)
    assert editor.dirty
    qtbot.mouseClick(editor.save_button, LEFT)
    saved = workgroups.get_workgroup(ui_context.uow(), group.id)
    assert [(m.person_id, m.id) for m in saved.members] == [(first, group.members[0].id)]
    assert page.model.row(0).members == 1


def test_the_chair_column_writes_surname_and_initials() -> None:
    assert initials("Ковальчук Андрей Викторович") == "Ковальчук А. В."
    assert initials("Smith") == "Smith"
    assert initials("") == ""


def test_sorting_follows_the_query_and_ignores_columns_it_cannot_sort(
        page: WorkgroupsPage, ui_context: UiContext, people: dict[str, str]) -> None:
    for name, established in (("Альфа", date(2025, 1, 1)), ("Бета", date(2024, 1, 1))):
        workgroups.save_workgroup(ui_context.uow(), ui_context.actor,
                                  Workgroup(name, established_on=established))
    page.refresh()
    names = lambda: [page.model.row(n).name for n in range(page.model.rowCount())]  # noqa: E731
    assert names() == ["Альфа", "Бета"]
    page.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # established
    assert names() == ["Бета", "Альфа"]
    header = page.table.horizontalHeader()
    page.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # the chair: not sortable
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        2, Qt.SortOrder.AscendingOrder)
    assert names() == ["Бета", "Альфа"]


def test_a_plain_member_chosen_as_an_officer_takes_the_role(page: WorkgroupsPage,
                                                            qtbot: Any) -> None:
    qtbot.mouseClick(page.new_button, LEFT)
    editor = page.workgroup_editor
    add_member(editor.members, qtbot, "Дубовик Александр Михайлович")
    choose(editor.deputy_chair, "Дубовик Александр Михайлович")
    assert editor.members.table.rowCount() == 1
    assert editor.members.table.item(0, ROLE).text() == "Deputy chair"
    assert [m.role for m in editor.members.members()] == [MemberRole.DEPUTY_CHAIR]
