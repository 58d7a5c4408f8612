"""Settings of execution control: the office's name and country, its calendar entries, and the
reminders — saved through the services, errors beside their fields, nothing changed by them."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from workgroup_app.domain.entities import Person
from workgroup_app.services import action_reports, directory, workdays
from workgroup_app.ui.context import UiContext
from workgroup_app.ui.operations import Changed
from workgroup_app.ui.pages.settings_page import SettingsPage

SATURDAY, MONDAY = date(2026, 6, 13), date(2026, 6, 15)


@pytest.fixture
def page(qtbot: Any, ui_context: UiContext) -> SettingsPage:
    page = SettingsPage(ui_context)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    return page


@pytest.fixture
def notices(ui_context: UiContext) -> list[Changed]:
    seen: list[Changed] = []
    ui_context.notifier.changed.connect(seen.append)
    return seen


def test_the_office_name_and_country_are_saved(page: SettingsPage, ui_context: UiContext,
                                              notices: list[Changed]) -> None:
    box = page.office_box
    assert box.country.currentData() == "BY"
    box.name.setText("  Прокуратура   Гродненской области ")
    box.country.setCurrentIndex(box.country.findData("RU"))
    assert box.save()
    assert action_reports.office_name(ui_context.uow()) == "Прокуратура Гродненской области"
    assert workdays.office_country(ui_context.uow()) == "RU"
    assert notices == [Changed.SETTINGS]
    assert box.result.text() == "Saved."
    assert "Russia (RU)" in page.calendar_box.intro.text()  # the calendar follows the country


def test_a_calendar_entry_changes_the_working_days(page: SettingsPage, ui_context: UiContext,
                                                   notices: list[Changed],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    uow = ui_context.uow
    assert not workdays.is_working_day(uow(), SATURDAY)
    assert workdays.is_working_day(uow(), MONDAY)
    box = page.calendar_box
    box.day.setText(SATURDAY.isoformat())
    box.kind.setCurrentIndex(box.kind.findData(workdays.WORKING_DAY))
    box.note.setText("Перенос рабочего дня с 15 июня")
    assert box.add()
    assert workdays.is_working_day(uow(), SATURDAY)
    assert box.result.text() == "2026-06-13 is a working day now."
    box.day.setText(MONDAY.isoformat())
    box.kind.setCurrentIndex(box.kind.findData(workdays.DAY_OFF))
    assert box.add()
    assert not workdays.is_working_day(uow(), MONDAY)
    assert box.table.rowCount() == 2
    assert [box.table.item(r, 1).text() for r in range(2)] == ["Working day", "Day off"]
    assert box.table.item(0, 2).text() == "Перенос рабочего дня с 15 июня"
    assert Changed.SETTINGS in notices
    box.table.selectRow(1)
    assert box.remove_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args, **_kw: QMessageBox.StandardButton.No)
    assert not box.remove_selected()  # the user said no: the entry stays
    assert not workdays.is_working_day(uow(), MONDAY)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args, **_kw: QMessageBox.StandardButton.Yes)
    assert box.remove_selected()
    assert workdays.is_working_day(uow(), MONDAY)
    assert box.table.rowCount() == 1
    assert [o.day for o in workdays.list_overrides(uow())] == [SATURDAY]


def test_a_bad_calendar_entry_is_explained_and_changes_nothing(
        page: SettingsPage, ui_context: UiContext) -> None:
    box = page.calendar_box
    box.day.setText("")
    assert not box.add()
    assert box.form.error_text("day") == "Enter the date."
    box.day.setText("2026-02-31")
    assert not box.add()
    assert box.form.error_text("day")
    box.day.setText(SATURDAY.isoformat())
    box.note.setText("x" * 501)
    assert not box.add()
    assert "longer than 500" in box.form.error_text("note")
    assert workdays.list_overrides(ui_context.uow()) == []


def test_reminder_settings_are_saved(page: SettingsPage, ui_context: UiContext,
                                     notices: list[Changed]) -> None:
    person = directory.save_person(ui_context.uow(), ui_context.actor,
                                   Person("Ёлкин Пётр Семёнович"))
    ui_context.notifier.notify(Changed.PEOPLE)  # the page learns of the new person
    box = page.reminders_box
    assert (box.days.value(), box.person.value()) == (3, None)
    box.days.setValue(7)
    box.person.set_value(person.id)
    assert box.save()
    assert action_reports.reminder_settings(ui_context.uow()) == (7, person.id)
    assert notices[-1] == Changed.SETTINGS
    box.person.set_value(None)
    assert box.save()
    assert action_reports.reminder_settings(ui_context.uow()) == (7, None)


def test_a_bad_reminder_value_shows_an_error_and_changes_nothing(
        page: SettingsPage, ui_context: UiContext, notices: list[Changed]) -> None:
    box = page.reminders_box
    box.days.setValue(120)
    assert not box.save()
    assert box.form.error_text("days") == "Remind between 0 and 90 days ahead."
    assert action_reports.reminder_settings(ui_context.uow()) == (3, None)
    assert notices == []
    box.days.setValue(90)
    assert box.save()
    assert box.form.error_text("days") == ""
    assert action_reports.reminder_settings(ui_context.uow()) == (90, None)
