"""Reminders: what check() would show, once a day, the status bar button that opens the list,
and the main window that starts them only when asked."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from workgroup_app.domain.actions import Action
from workgroup_app.domain.entities import Agency, Person
from workgroup_app.domain.enums import AgencyKind
from workgroup_app.services import action_reports, actions, directory
from workgroup_app.ui.context import UiContext
from workgroup_app.ui.main_window import MainWindow
from workgroup_app.ui.operations import Changed
from workgroup_app.ui.reminders import Reminder, ReminderController

TODAY = date(2026, 11, 27)  # a Friday


@pytest.fixture
def office(ui_context: UiContext) -> dict[str, str]:
    """Two overdue actions, one due on Monday 30 Nov (within 3 days), one due in late December;
    the controller Ёлкин controls one overdue and the December one."""
    uow, actor = ui_context.uow, ui_context.actor
    police = directory.save_agency(uow(), actor, Agency("УВД облисполкома", "УВД",
                                                        AgencyKind.INTERNAL_AFFAIRS))
    person = directory.save_person(uow(), actor, Person("Ёлкин Пётр Семёнович"))
    for deadline, controller in ((date(2026, 11, 20), person.id), (date(2026, 10, 1), None),
                                 (date(2026, 11, 30), None), (date(2026, 12, 21), person.id)):
        actions.create_action(uow(), actor, Action(
            text="Проверить исполнение", agency_id=police.id, assigned_on=date(2026, 3, 2),
            deadline=deadline, controller_id=controller))
    return {"police": police.id, "person": person.id}


@pytest.fixture
def window(qtbot: Any) -> QMainWindow:
    window = QMainWindow()
    qtbot.addWidget(window)
    return window


def _controller(ui_context: UiContext, window: QMainWindow,
                day: list[date]) -> ReminderController:
    return ReminderController(ui_context, window, today=lambda: day[0], tray=False)


def test_check_counts_overdue_and_due_soon_with_the_settings(
        ui_context: UiContext, window: QMainWindow, office: dict[str, str]) -> None:
    controller = _controller(ui_context, window, [TODAY])
    reminder = controller.check(TODAY)
    assert reminder == Reminder(TODAY, overdue=2, due_soon=1, days=3, controller_id=None)
    assert reminder.text() == "Overdue actions: 2; due within 3 days: 1."
    assert reminder.filters() == {"status": "active", "due_soon_days": "3"}
    action_reports.set_reminder_settings(ui_context.uow(), 30, office["person"])
    mine = controller.check(TODAY)
    assert mine is not None and (mine.overdue, mine.due_soon) == (1, 1)
    assert mine.filters() == {"status": "active", "due_soon_days": "30",
                              "controller_id": office["person"]}
    action_reports.set_reminder_settings(ui_context.uow(), 0, None)
    today_only = controller.check(date(2026, 11, 30))
    assert today_only is not None and today_only.text() == \
        "Overdue actions: 2; due today: 1."
    assert controller.check(date(2026, 1, 5)) is None  # nothing due or overdue yet


def test_nothing_to_remind_of_in_an_empty_store(ui_context: UiContext,
                                               window: QMainWindow) -> None:
    assert _controller(ui_context, window, [TODAY]).check() is None


def test_a_reminder_shows_once_a_day_and_opens_the_list(
        qtbot: Any, ui_context: UiContext, window: QMainWindow,
        office: dict[str, str]) -> None:
    visits: list[tuple[str, dict[str, str]]] = []
    ui_context.navigate = lambda key, filters: visits.append((key, filters))
    day = [TODAY]
    controller = _controller(ui_context, window, day)
    shown: list[Reminder] = []
    controller.shown.connect(shown.append)
    with qtbot.waitSignal(controller.shown, timeout=10_000):
        controller.tick()
    assert controller.button.isVisibleTo(window)
    assert controller.button.text().endswith("Overdue actions: 2; due within 3 days: 1.")
    controller.tick()  # the same day: no second reminder
    qtbot.wait(100)
    assert len(shown) == 1 and controller.last_day == TODAY
    qtbot.mouseClick(controller.button, Qt.MouseButton.LeftButton)
    assert visits == [("actions", {"status": "active", "due_soon_days": "3"})]
    day[0] = TODAY + timedelta(days=1)
    with qtbot.waitSignal(controller.shown, timeout=10_000):
        controller.tick()
    assert len(shown) == 2 and controller.last_day == day[0]


def test_the_status_bar_follows_changes_quietly(qtbot: Any, ui_context: UiContext,
                                               window: QMainWindow,
                                               office: dict[str, str]) -> None:
    controller = _controller(ui_context, window, [date(2026, 1, 5)])
    controller.show(controller.check(TODAY))
    assert controller.button.isVisibleTo(window)
    controller.last_day = date(2026, 1, 5)  # reminded today: changes update quietly
    ui_context.notifier.notify(Changed.ACTIONS)
    qtbot.waitUntil(lambda: controller.current is None, timeout=10_000)
    assert not controller.button.isVisibleTo(window)


def test_the_main_window_starts_reminders_only_when_asked(qtbot: Any,
                                                         ui_context: UiContext) -> None:
    quiet = MainWindow(ui_context, remember=False)
    qtbot.addWidget(quiet)
    assert quiet.reminders is None
    reminding = MainWindow(ui_context, remember=False, reminders=True)
    qtbot.addWidget(reminding)
    assert isinstance(reminding.reminders, ReminderController)
    assert reminding.reminders.timer.isActive()
    reminding.reminders.stop()
