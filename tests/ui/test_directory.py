"""The Directory page driven through its widgets, read back through the services."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from workgroup_app.domain.entities import Agency, Person
from workgroup_app.domain.enums import AgencyKind
from workgroup_app.domain.views import ListQuery
from workgroup_app.services import directory
from workgroup_app.ui.context import UiContext
from workgroup_app.ui.pages.directory_page import DirectoryPage

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def page(qtbot: Any, ui_context: UiContext) -> DirectoryPage:
    widget = DirectoryPage(ui_context)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.activated()
    return widget


def agencies_total(context: UiContext) -> int:
    return directory.list_agencies(context.uow(), ListQuery()).total


def seed(context: UiContext) -> dict[str, str]:
    uow, actor = context.uow, context.actor
    prosecution = directory.save_agency(uow(), actor, Agency(
        "Прокуратура Минской области", "Прокуратура области", AgencyKind.PROSECUTION,
        "Минская область"))
    customs = directory.save_agency(uow(), actor, Agency(
        "Минская региональная таможня", "Таможня", AgencyKind.CUSTOMS, "Минская область"))
    police = directory.save_agency(uow(), actor, Agency(
        "УВД Минского облисполкома", "УВД", AgencyKind.INTERNAL_AFFAIRS, "Минская область"))
    ivanov = directory.save_person(uow(), actor, Person(
        "Иванов Иван Иванович", "прокурор области", prosecution.id))
    directory.save_person(uow(), actor, Person("Петрова Анна Сергеевна", "инспектор", customs.id))
    return {"prosecution": prosecution.id, "customs": customs.id, "police": police.id,
            "ivanov": ivanov.id}


def test_the_editor_first_says_what_to_do(page: DirectoryPage) -> None:
    editor = page.agencies.editor
    assert not editor.editing
    assert editor.empty.isVisible()
    assert "press New agency" in editor.empty.text()
    assert "press New person" in page.people.editor.empty.text()


def test_an_agency_and_a_person_are_created_through_the_editors(
        page: DirectoryPage, qtbot: Any, ui_context: UiContext) -> None:
    agencies = page.agencies
    qtbot.mouseClick(agencies.new_button, LEFT)
    editor = agencies.editor
    assert editor.editing and editor.heading.text() == "New agency"
    editor.name.setText("  Прокуратура Гродненской области ")
    editor.short_name.setText("Прокуратура области")
    editor.kind.setCurrentIndex(editor.kind.findData(AgencyKind.PROSECUTION.value))
    editor.region.setText("Гродненская область")
    qtbot.mouseClick(editor.save_button, LEFT)

    rows = directory.list_agencies(ui_context.uow(), ListQuery()).rows
    assert [(r.name, r.short_name, r.kind, r.region) for r in rows] == [
        ("Прокуратура Гродненской области", "Прокуратура области", AgencyKind.PROSECUTION,
         "Гродненская область")]
    agency_id = rows[0].id
    assert editor.record_id == agency_id
    assert editor.heading.text() == "Прокуратура Гродненской области"
    assert agencies.selected_id() == agency_id
    assert agencies.count.text() == "Total: 1"

    page.tabs.setCurrentWidget(page.people)
    people = page.people
    qtbot.mouseClick(people.new_button, LEFT)
    person = people.editor
    person.full_name.setText("Ковальчук Андрей Викторович")
    person.position.setText("прокурор области")
    person.agency.lineEdit().setText("прокуратура области")  # typed, in another case
    person.agency.lineEdit().editingFinished.emit()
    person.phone.setText("+375 152 00-00-00")
    person.email.setText("kovalchuk@example.by")
    qtbot.mouseClick(person.save_button, LEFT)

    saved = directory.get_person(ui_context.uow(), person.record_id)
    assert (saved.full_name, saved.position, saved.agency_id, saved.phone, saved.email) == (
        "Ковальчук Андрей Викторович", "прокурор области", agency_id, "+375 152 00-00-00",
        "kovalchuk@example.by")
    assert people.model.row(0).agency_name == "Прокуратура Гродненской области"
    assert agencies.model.row(0).people == 1  # the other list heard of the change


def test_cyrillic_search_narrows_the_lists_whatever_the_case(
        page: DirectoryPage, ui_context: UiContext) -> None:
    seed(ui_context)
    agencies = page.agencies
    agencies.refresh()
    assert agencies.model.rowCount() == 3
    agencies.search.setText("ПРОКУРАТУРА")
    agencies.search.search_now()
    assert [agencies.model.row(n).name for n in range(agencies.model.rowCount())] == [
        "Прокуратура Минской области"]
    agencies.search.setText("таможня")
    agencies.search.search_now()
    assert agencies.model.rowCount() == 1
    assert agencies.model.row(0).short_name == "Таможня"
    agencies.search.setText("")
    agencies.search.search_now()
    assert agencies.model.rowCount() == 3

    people = page.people
    people.refresh()
    people.search.setText("иванов")
    people.search.search_now()
    assert [people.model.row(n).full_name for n in range(people.model.rowCount())] == [
        "Иванов Иван Иванович"]


def test_filters_by_kind_and_by_agency(page: DirectoryPage, ui_context: UiContext) -> None:
    ids = seed(ui_context)
    page.refresh()
    kinds = page.agencies.kind_filter
    kinds.setCurrentIndex(kinds.findData(AgencyKind.CUSTOMS.value))
    assert page.agencies.model.rowCount() == 1
    assert page.agencies.model.row(0).id == ids["customs"]
    page.people._on_changed(page.people.shows)  # the agency filter learns the new agencies
    agencies = page.people.agency_filter
    agencies.setCurrentIndex(agencies.findData(ids["prosecution"]))
    assert [page.people.model.row(n).id for n in range(page.people.model.rowCount())] == [
        ids["ivanov"]]
    assert page.people.count.text() == "Total: 1"


def test_the_agency_editor_links_to_its_people(page: DirectoryPage, ui_context: UiContext) -> None:
    ids = seed(ui_context)
    page.agencies.refresh()
    page.agencies.select_id(ids["prosecution"])
    editor = page.agencies.editor
    assert editor.record_id == ids["prosecution"]
    assert editor.people_count == 1
    editor.people.linkActivated.emit("people")
    assert page.tabs.currentWidget() is page.people
    assert page.people.agency_filter.currentData() == ids["prosecution"]
    assert page.people.model.rowCount() == 1


@pytest.mark.parametrize("name, expected", [
    ("   ", "Agency name must not be empty."),
    ("Я" * 301, "Agency name is too long: 301 characters, at most 300 are allowed."),
])
def test_a_bad_name_is_shown_beside_the_field_and_nothing_is_saved(
        page: DirectoryPage, qtbot: Any, ui_context: UiContext, name: str,
        expected: str) -> None:
    agencies = page.agencies
    qtbot.mouseClick(agencies.new_button, LEFT)
    editor = agencies.editor
    editor.name.setText(name)
    qtbot.mouseClick(editor.save_button, LEFT)
    assert editor.form.error_text("name") == expected
    assert editor.form.error_text() == ""  # not in the banner: beside the field
    assert agencies_total(ui_context) == 0
    assert editor.record_id is None and editor.editing
    editor.name.setText("Прокуратура")
    qtbot.mouseClick(editor.save_button, LEFT)
    assert editor.form.error_text("name") == ""
    assert agencies_total(ui_context) == 1


def test_an_email_without_at_is_shown_beside_the_email(
        page: DirectoryPage, qtbot: Any, ui_context: UiContext) -> None:
    people = page.people
    qtbot.mouseClick(people.new_button, LEFT)
    editor = people.editor
    editor.full_name.setText("Сидоров Пётр")
    editor.email.setText("sidorov.example.by")
    qtbot.mouseClick(editor.save_button, LEFT)
    assert "has no @" in editor.form.error_text("email")
    assert directory.list_people(ui_context.uow(), ListQuery()).total == 0


def test_deleting_an_agency_with_people_warns_and_keeps_it(
        page: DirectoryPage, qtbot: Any, ui_context: UiContext,
        monkeypatch: pytest.MonkeyPatch) -> None:
    ids = seed(ui_context)
    agencies = page.agencies
    agencies.refresh()
    agencies.select_id(ids["prosecution"])
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *args, **kwargs: QMessageBox.StandardButton.Yes))
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda _parent, _title, text: warnings.append(text)))
    qtbot.mouseClick(agencies.delete_button, LEFT)
    assert len(warnings) == 1
    assert "cannot be deleted: 1 people still belong to it" in warnings[0]
    assert directory.get_agency(ui_context.uow(), ids["prosecution"]).name == \
        "Прокуратура Минской области"
    assert agencies_total(ui_context) == 3
    assert agencies.editor.record_id == ids["prosecution"]


def test_deleting_an_agency_without_people_asks_then_removes_it(
        page: DirectoryPage, qtbot: Any, ui_context: UiContext,
        monkeypatch: pytest.MonkeyPatch) -> None:
    ids = seed(ui_context)
    agencies = page.agencies
    agencies.refresh()
    agencies.select_id(ids["police"])
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *args, **kwargs: answers.pop(0)))
    qtbot.mouseClick(agencies.delete_button, LEFT)  # answered No
    assert agencies_total(ui_context) == 3
    qtbot.mouseClick(agencies.delete_button, LEFT)  # answered Yes
    assert agencies_total(ui_context) == 2
    assert agencies.model.find(ids["police"]) is None
    assert not agencies.editor.editing  # back to "select an agency or press New"
