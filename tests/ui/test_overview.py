"""The Overview page: its figures are the service's, every figure opens the actions behind it,
an empty store explains where actions come from, and the reports are written to files."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from workgroup_app.domain.actions import Action
from workgroup_app.domain.entities import Agency, Person, Workgroup
from workgroup_app.domain.enums import AgencyKind
from workgroup_app.domain.views import ListQuery
from workgroup_app.services import action_reports, actions, directory
from workgroup_app.services import workgroups as groups
from workgroup_app.ui.context import UiContext
from workgroup_app.ui.operations import Changed
from workgroup_app.ui.overview.export_dialog import periods
from workgroup_app.ui.pages.overview_page import OverviewPage

TODAY = date(2026, 11, 27)  # a Friday; the week ends on Sunday 29 November


@pytest.fixture
def office(ui_context: UiContext) -> dict[str, str]:
    """Two agencies, a workgroup, and seven active actions as of TODAY: overdue by 2, 17, 87 and
    252 days, due today, due next month, and one reported (awaiting acceptance)."""
    uow, actor = ui_context.uow, ui_context.actor
    police = directory.save_agency(uow(), actor, Agency("УВД облисполкома", "УВД",
                                                        AgencyKind.INTERNAL_AFFAIRS))
    customs = directory.save_agency(uow(), actor, Agency("Гродненская таможня", "Таможня",
                                                         AgencyKind.CUSTOMS))
    person = directory.save_person(uow(), actor, Person("Ёлкин Пётр Семёнович"))
    group = groups.save_workgroup(uow(), actor, Workgroup("Группа по наркотикам"))
    ids = {"police": police.id, "customs": customs.id, "group": group.id,
           "person": person.id}
    for deadline, agency, workgroup in (
            (date(2026, 11, 25), police.id, group.id), (date(2026, 11, 10), police.id, None),
            (date(2026, 9, 1), customs.id, group.id), (date(2026, 3, 20), customs.id, None),
            (date(2026, 11, 27), police.id, None), (date(2026, 12, 21), customs.id, None)):
        actions.create_action(uow(), actor, Action(
            text="Проверить исполнение", agency_id=agency, workgroup_id=workgroup,
            assigned_on=date(2026, 3, 2), deadline=deadline, controller_id=person.id))
    reported = actions.create_action(uow(), actor, Action(
        text="Представить сведения", agency_id=police.id, assigned_on=date(2026, 3, 2),
        deadline=date(2026, 12, 1)))
    actions.report(uow(), actor, reported.id, "Исполнено", date(2026, 11, 26), today=TODAY)
    return ids


@pytest.fixture
def visits(ui_context: UiContext) -> list[tuple[str, dict[str, str]]]:
    """Where the page sends the user: (page key, filters) of each navigation."""
    seen: list[tuple[str, dict[str, str]]] = []
    ui_context.navigate = lambda key, filters: seen.append((key, dict(filters)))
    return seen


def _page(qtbot: Any, ui_context: UiContext, today: date = TODAY) -> OverviewPage:
    page = OverviewPage(ui_context, today=lambda: today)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    _wait(qtbot, page)
    return page


def _wait(qtbot: Any, page: OverviewPage) -> None:
    qtbot.waitUntil(lambda: page.data is not None and not page.loading(), timeout=10_000)


def _total(ui_context: UiContext, filters: dict[str, str], as_of: date = TODAY) -> int:
    return actions.list_actions(ui_context.uow(), ListQuery(filters=filters), as_of).total


def _click_cell(qtbot: Any, table: Any, row: int, column: int) -> None:
    rect = table.visualItemRect(table.item(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_figures_are_the_service_figures(qtbot: Any, ui_context: UiContext,
                                             office: dict[str, str]) -> None:
    page = _page(qtbot, ui_context)
    figures = action_reports.overview(ui_context.uow(), TODAY)
    assert (figures.active, figures.overdue, figures.due_this_week,
            figures.awaiting_acceptance) == (7, 4, 1, 1)
    assert page.stack.currentWidget() is page.dashboard
    assert page.tiles["overdue"].value_text() == "4"
    assert page.tiles["overdue"].note.text() == "over 30 days: 2"  # 87 and 252 days
    assert page.tiles["due_week"].value_text() == "1"
    assert page.tiles["awaiting"].value_text() == "1"
    assert page.tiles["active"].value_text() == "7"
    assert page.chart.counts == figures.overdue_by_age == (1, 1, 1, 1)
    table = page.agency_table
    shown = [(table.item(r, 0).text(), *(int(table.item(r, c).text()) for c in range(1, 5)))
             for r in range(table.rowCount())]
    assert shown == [(g.name, g.active, g.overdue, g.due_this_week, g.awaiting_acceptance)
                     for g in figures.by_agency]
    assert shown[0][:3] == ("УВД облисполкома", 4, 2)  # sorted by overdue, most first
    names = [page.workgroup_table.item(r, 0).text()
             for r in range(page.workgroup_table.rowCount())]
    assert sorted(names) == ["Without a workgroup", "Группа по наркотикам"]
    assert "as of 2026-11-27" in page.subtitle.text()


def test_clicking_a_figure_opens_the_actions_behind_it(
        qtbot: Any, ui_context: UiContext, office: dict[str, str],
        visits: list[tuple[str, dict[str, str]]]) -> None:
    page = _page(qtbot, ui_context)
    figures = page.data.figures if page.data else None
    assert figures is not None
    qtbot.mouseClick(page.tiles["overdue"], Qt.MouseButton.LeftButton)
    assert visits[-1] == ("actions", {"overdue": "1"})
    page.tiles["due_week"].setFocus()
    qtbot.keyClick(page.tiles["due_week"], Qt.Key.Key_Return)
    assert visits[-1] == ("actions", {"due_week": "1"})
    qtbot.mouseClick(page.tiles["awaiting"], Qt.MouseButton.LeftButton)
    assert visits[-1] == ("actions", {"status": "reported"})
    qtbot.mouseClick(page.chart, Qt.MouseButton.LeftButton,
                     pos=page.chart.bar_rect(2).center().toPoint())
    assert visits[-1] == ("actions", {"age": "31-90"})
    _click_cell(qtbot, page.agency_table, 0, 2)  # the police's overdue
    assert visits[-1] == ("actions", {"agency_id": office["police"], "overdue": "1"})
    row = next(r for r in range(page.workgroup_table.rowCount())
               if page.workgroup_table.group_id(r) is None)
    _click_cell(qtbot, page.workgroup_table, row, 0)
    assert visits[-1] == ("actions", {"workgroup_id": "none", "status": "active"})
    # The lists behind the figures hold as many actions as the figures say.
    assert _total(ui_context, {"overdue": "1"}) == figures.overdue
    assert _total(ui_context, {"age": "31-90"}) == figures.overdue_by_age[2]
    assert _total(ui_context, {"agency_id": office["police"], "overdue": "1"}) == 2
    assert _total(ui_context, {"workgroup_id": "none", "status": "active"}) == 5


def test_another_as_of_date_opens_the_same_actions_it_counts(
        qtbot: Any, ui_context: UiContext, office: dict[str, str],
        visits: list[tuple[str, dict[str, str]]]) -> None:
    page = _page(qtbot, ui_context)
    later = date(2026, 12, 10)
    page.set_as_of(later)
    _wait(qtbot, page)
    figures = action_reports.overview(ui_context.uow(), later)
    assert page.tiles["overdue"].value_text() == str(figures.overdue) == "6"
    qtbot.mouseClick(page.tiles["overdue"], Qt.MouseButton.LeftButton)
    key, filters = visits[-1]
    assert key == "actions"
    assert "overdue" not in filters and filters["due_to"] == "2026-12-09"
    assert _total(ui_context, filters) == figures.overdue
    for bucket, count in enumerate(figures.overdue_by_age):
        page.open_age(bucket)
        assert _total(ui_context, visits[-1][1]) == count
    page.open_figure("due_week")
    assert _total(ui_context, visits[-1][1]) == figures.due_this_week


def test_the_page_counts_again_when_actions_change(qtbot: Any, ui_context: UiContext,
                                                  office: dict[str, str]) -> None:
    page = _page(qtbot, ui_context)
    actions.create_action(ui_context.uow(), ui_context.actor, Action(
        text="Ещё одно", agency_id=office["customs"], assigned_on=date(2026, 3, 2),
        deadline=date(2026, 11, 2)))
    ui_context.notifier.notify(Changed.ACTIONS)
    qtbot.waitUntil(lambda: page.tiles["overdue"].value_text() == "5", timeout=10_000)
    assert page.tiles["active"].value_text() == "8"


def test_an_empty_store_says_where_actions_come_from(
        qtbot: Any, ui_context: UiContext,
        visits: list[tuple[str, dict[str, str]]]) -> None:
    page = _page(qtbot, ui_context)
    assert page.stack.currentWidget() is page.empty
    assert "decisions of meetings" in page.empty.text.text()
    assert "Actions page" in page.empty.text.text()
    qtbot.mouseClick(page.empty.findChild(QPushButton, "emptyActions"),
                     Qt.MouseButton.LeftButton)
    assert visits[-1] == ("actions", {})


def test_the_discipline_report_dialog_writes_a_pdf(qtbot: Any, ui_context: UiContext,
                                                  office: dict[str, str],
                                                  tmp_path: Path) -> None:
    page = _page(qtbot, ui_context)
    page.reports.buttons["discipline"].click()
    dialog = page.reports.dialog
    assert dialog is not None and dialog.isVisible()
    assert (dialog.date_from.value(), dialog.date_to.value()) == (date(2026, 1, 1), TODAY)
    dialog.period.setCurrentIndex(3)  # the previous year
    assert (dialog.date_from.value(), dialog.date_to.value()) == (date(2025, 1, 1),
                                                                  date(2025, 12, 31))
    dialog.period.setCurrentIndex(0)
    target = tmp_path / "дисциплина.pdf"
    dialog.path.setText(str(target))
    with qtbot.waitSignal(page.reports.exported, timeout=20_000) as written:
        dialog.accept()
    assert written.args == [target]
    assert target.read_bytes()[:4] == b"%PDF"
    assert "дисциплина.pdf" in page.reports.result.text()
    assert page.reports.buttons["discipline"].isEnabled() and not page.reports.busy()


def test_the_overdue_list_as_xlsx_and_the_calendar(qtbot: Any, ui_context: UiContext,
                                                  office: dict[str, str],
                                                  tmp_path: Path) -> None:
    page = _page(qtbot, ui_context)
    dialog = page.reports.open_dialog("overdue")
    dialog.path.setText(str(tmp_path / "overdue.pdf"))
    dialog.set_format(".xlsx")
    assert dialog.path.text().endswith("overdue.xlsx")
    with qtbot.waitSignal(page.reports.exported, timeout=20_000):
        dialog.accept()
    assert (tmp_path / "overdue.xlsx").read_bytes()[:2] == b"PK"
    dialog = page.reports.open_dialog("calendar")
    dialog.path.setText(str(tmp_path / "deadlines"))
    with qtbot.waitSignal(page.reports.exported, timeout=20_000):
        dialog.accept()
    assert (tmp_path / "deadlines.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


def test_bad_report_requests_are_explained_and_failures_shown(
        qtbot: Any, ui_context: UiContext, office: dict[str, str], tmp_path: Path) -> None:
    page = _page(qtbot, ui_context)
    dialog = page.reports.open_dialog("discipline")
    dialog.date_from.setText("2026-12-01")
    dialog.date_to.setText("2026-01-01")
    dialog.path.setText(str(tmp_path / "d.pdf"))
    dialog.accept()
    assert dialog.isVisible() and dialog.request is None
    assert "before it begins" in dialog.form.error_text("to")
    dialog.date_from.setText("2026-01-01")
    dialog.path.setText(str(tmp_path / "no such folder" / "d.pdf"))
    dialog.accept()
    assert "does not exist" in dialog.form.error_text("out")
    (tmp_path / "taken.pdf").mkdir()  # a folder where the file should go: the write fails
    dialog.path.setText(str(tmp_path / "taken.pdf"))
    with qtbot.waitSignal(page.reports.failed, timeout=20_000):
        dialog.accept()
    assert page.reports.result.text().startswith("The report could not be written")
    assert page.reports.buttons["overdue"].isEnabled()


def test_the_period_choices() -> None:
    chosen = {msgid: (start, end) for msgid, start, end in periods(date(2026, 5, 14))}
    assert chosen["This year to date"] == (date(2026, 1, 1), date(2026, 5, 14))
    assert chosen["This quarter to date"] == (date(2026, 4, 1), date(2026, 5, 14))
    assert chosen["Previous quarter"] == (date(2026, 1, 1), date(2026, 3, 31))
    assert chosen["Previous year"] == (date(2025, 1, 1), date(2025, 12, 31))
    january = {m: (s, e) for m, s, e in periods(date(2026, 1, 5))}
    assert january["Previous quarter"] == (date(2025, 10, 1), date(2025, 12, 31))


def test_in_the_main_window_a_tile_opens_the_actions_page_filtered(
        qtbot: Any, main_window: Any, ui_context: UiContext) -> None:
    uow, actor = ui_context.uow, ui_context.actor
    agency = directory.save_agency(uow(), actor, Agency("УВД облисполкома", "УВД",
                                                        AgencyKind.INTERNAL_AFFAIRS))
    today = date.today()
    for days in (-100, -40, 60):  # rolled to a working day, the first two stay overdue
        actions.create_action(uow(), actor, Action(
            text="Проверить исполнение", agency_id=agency.id,
            assigned_on=today - timedelta(days=120), deadline=today + timedelta(days=days)))
    overview = main_window.show_page("overview")
    main_window.show()
    _wait(qtbot, overview)
    assert overview.tiles["overdue"].value_text() == "2"
    qtbot.mouseClick(overview.tiles["overdue"], Qt.MouseButton.LeftButton)
    register = main_window.current_page()
    assert register.key == "actions"
    qtbot.waitUntil(lambda: register.model.total == 2, timeout=10_000)
