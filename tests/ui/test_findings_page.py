"""The Findings page driven through its widgets and dialogs, read back through the services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from workgroup_app.domain.entities import Agency, Person, Workgroup
from workgroup_app.domain.enums import AgencyKind
from workgroup_app.domain.findings import (
    ActType,
    Finding,
    FindingEventKind,
    FindingStatus,
    ResponseResult,
)
from workgroup_app.domain.views import ListQuery
from workgroup_app.services import actions, directory, findings, workdays, workgroups
from workgroup_app.ui.actions.look import OVERDUE_TINT
from workgroup_app.ui.context import UiContext
from workgroup_app.ui.findings.event_dialogs import FindingEventDialog
from workgroup_app.ui.operations import Changed
from workgroup_app.ui.pages.findings_page import FindingsPage

TODAY = date.today()


@pytest.fixture(autouse=True)
def _today() -> None:
    global TODAY
    TODAY = date.today()


@dataclass
class Office:
    police: str
    health: str
    prosecutor: str
    group: str
    overdue: str  # a protest whose response is late
    recent: str  # a protest still within its term
    answered: str  # a submission with its response


@pytest.fixture
def office(ui_context: UiContext) -> Office:
    uow, actor = ui_context.uow, ui_context.actor
    workdays.set_office_country(uow(), actor, "BY")
    police = directory.save_agency(uow(), actor, Agency("УВД облисполкома", "УВД",
                                                        AgencyKind.INTERNAL_AFFAIRS))
    health = directory.save_agency(uow(), actor, Agency("Управление здравоохранения", "УЗ",
                                                         AgencyKind.HEALTH))
    prosecutor = directory.save_person(uow(), actor, Person("Ёлкин Пётр Семёнович",
                                                            "прокурор области"))
    group = workgroups.save_workgroup(uow(), actor, Workgroup("Группа по наркотикам"))

    def add(agency: str, act_type: ActType, number: str, act_date: date, subject: str,
            due: date | None = None) -> str:
        return findings.add_finding(uow(), actor, Finding(
            agency_id=agency, inspected_on=act_date - timedelta(days=5), subject=subject,
            act_type=act_type, act_number=number, act_date=act_date,
            violations="Нарушен порядок хранения", legal_norms="ст. 12 Закона № 408-З",
            prosecutor_id=prosecutor.id, addressee="Начальнику", workgroup_id=group.id),
            due).id

    overdue = add(police.id, ActType.PROTEST, "02-15/1", TODAY - timedelta(days=60),
                  "Хранение наркотических средств")
    recent = add(police.id, ActType.PROTEST, "02-15/2", TODAY - timedelta(days=1),
                 "Учёт изъятого оружия")
    answered = add(health.id, ActType.SUBMISSION, "7", TODAY - timedelta(days=40),
                   "Лицензирование аптек")
    findings.respond(uow(), actor, answered, TODAY - timedelta(days=20), "Приняты меры",
                     ResponseResult.SATISFIED)
    return Office(police.id, health.id, prosecutor.id, group.id, overdue, recent, answered)


@pytest.fixture
def page(qtbot: Any, ui_context: UiContext, office: Office) -> FindingsPage:
    widget = FindingsPage(ui_context)
    qtbot.addWidget(widget)
    widget.resize(1360, 800)
    widget.show()
    widget.activated()
    return widget


def numbers(page: FindingsPage) -> list[str]:
    return [page.model.row(n).act_number for n in range(page.model.rowCount())]


def select(page: FindingsPage, finding_id: str) -> int:
    number = page.model.find(finding_id)
    assert number is not None, "the finding is not in the list"
    page.table.selectRow(number)
    assert page.pane.record_id == finding_id
    return number


def tint(page: FindingsPage, row: int) -> Any:
    return page.model.data(page.model.index(row, 0), Qt.ItemDataRole.BackgroundRole)


def event_dialog(page: FindingsPage, kind: FindingEventKind) -> FindingEventDialog:
    dialog = page.pane.open_event(kind)
    assert isinstance(dialog, FindingEventDialog) and dialog.isVisible()
    return dialog


# -- the register ------------------------------------------------------------------------------

def test_the_register_lists_newest_acts_first_with_the_overdue_one_red(
        page: FindingsPage, office: Office) -> None:
    assert numbers(page) == ["02-15/2", "7", "02-15/1"]
    assert page.count.text() == "Findings: 3"
    row = page.model.find(office.overdue)
    assert row is not None
    model = page.model
    cells = [model.data(model.index(row, c)) for c in range(model.columnCount())]
    assert cells[0] == "Protest" and cells[3] == "УВД облисполкома"
    assert cells[6] == "Awaiting response"
    assert int(cells[8]) > 40  # days overdue
    assert tint(page, row) == OVERDUE_TINT
    answered = page.model.find(office.answered)
    assert answered is not None and tint(page, answered) is None
    assert model.data(model.index(answered, 7)).endswith("Satisfied")


def test_the_overdue_and_act_type_filters(page: FindingsPage, office: Office) -> None:
    page.filter_bar.overdue.setChecked(True)
    assert numbers(page) == ["02-15/1"]
    page.filter_bar.overdue.setChecked(False)
    bar = page.filter_bar
    bar.act_type.setCurrentIndex(bar.act_type.findData(ActType.SUBMISSION.value))
    assert numbers(page) == ["7"]
    bar.reset_filters()
    assert len(numbers(page)) == 3


def test_other_pages_open_it_filtered_or_on_one_finding(
        page: FindingsPage, office: Office, ui_context: UiContext) -> None:
    page.apply_filters({"overdue": "1"})
    assert numbers(page) == ["02-15/1"]
    assert page.filter_bar.overdue.isChecked()
    page.apply_filters({"id": office.answered})
    assert len(numbers(page)) == 3
    assert page.pane.record_id == office.answered
    assert page.selected_id() == office.answered
    assert page.pane.fact("Result") == "Satisfied"
    page.apply_filters({"agency": office.health, "text": "аптек"})
    assert numbers(page) == ["7"]


def test_the_detail_shows_the_act_its_state_and_overdue_days(
        page: FindingsPage, office: Office) -> None:
    select(page, office.overdue)
    pane = page.pane
    assert pane.fact("Inspected agency") == "УВД облисполкома"
    assert pane.fact("Issued by") == "Ёлкин Пётр Семёнович"
    assert pane.fact("Legal norms") == "ст. 12 Закона № 408-З"
    assert "overdue by" in pane.fact("Response due")
    assert pane.fact("Workgroup") == "Группа по наркотикам"
    assert pane.event_buttons[FindingEventKind.RESPONSE].isEnabled()
    assert not pane.event_buttons[FindingEventKind.RESULT].isEnabled()


# -- a new finding ------------------------------------------------------------------------------

def fill_new(page: FindingsPage, office: Office, number: str) -> Any:
    page.new_record()
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.agency.set_value(office.police)
    dialog.inspected.setText("2026-02-20")
    dialog.subject.setText("Соблюдение законодательства об обороте оружия")
    dialog.act_type.setCurrentIndex(dialog.act_type.findData(ActType.PROTEST.value))
    dialog.act_number.setText(number)
    dialog.act_date.setText("2026-03-05")
    dialog.prosecutor.set_value(office.prosecutor)
    dialog.update_preview()
    return dialog


def test_a_new_protest_shows_its_due_date_moved_off_the_weekend_before_saving(
        qtbot: Any, page: FindingsPage, office: Office, ui_context: UiContext) -> None:
    page.activateWindow()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.dialog is not None and page.dialog.isVisible()
    page.dialog.reject()
    dialog = fill_new(page, office, "02-15/30")
    # 5 March + 10 days is Sunday 15 March: the next working day.
    assert dialog.preview.text() == \
        "Response due: 2026-03-16 (2026-03-15 is not a working day)"
    dialog.act_type.setCurrentIndex(dialog.act_type.findData(ActType.DEMAND.value))
    assert "prosecutor sets" in dialog.preview.text()
    dialog.due.setText("2026-03-20")
    dialog.update_preview()
    assert dialog.preview.text() == "Response due: 2026-03-20"
    dialog.due.setText("")
    dialog.act_type.setCurrentIndex(dialog.act_type.findData(ActType.PROTEST.value))
    assert dialog.submit()
    stored = findings.get_finding(ui_context.uow(), dialog.saved_id or "")
    assert stored.finding.response_due == date(2026, 3, 16)
    assert page.pane.record_id == dialog.saved_id
    assert "02-15/30" in numbers(page)


def test_a_repeated_number_is_refused_beside_it_and_nothing_is_saved(
        page: FindingsPage, office: Office, ui_context: UiContext) -> None:
    assert fill_new(page, office, "02-15/30").submit()
    dialog = fill_new(page, office, "02-15/30")
    assert not dialog.submit()
    assert dialog.isVisible()
    assert "already recorded" in dialog.error_text("act_number")
    assert findings.list_findings(ui_context.uow(), ListQuery()).total == 4


def test_editing_keeps_the_computed_due_date_following_the_act_date(
        page: FindingsPage, office: Office, ui_context: UiContext) -> None:
    select(page, office.recent)
    dialog = page.pane.open_edit()
    assert dialog is not None
    assert dialog.due.text() == ""  # the preset's date, not an override
    dialog.subject.setText("Учёт изъятого оружия и боеприпасов")
    assert dialog.submit()
    detail = findings.get_finding(ui_context.uow(), office.recent)
    assert detail.finding.subject == "Учёт изъятого оружия и боеприпасов"
    assert page.pane.fact("Inspection subject") == "Учёт изъятого оружия и боеприпасов"


# -- events -------------------------------------------------------------------------------------

def test_a_response_before_the_act_is_refused_in_the_dialog(
        page: FindingsPage, office: Office, ui_context: UiContext) -> None:
    select(page, office.overdue)
    dialog = event_dialog(page, FindingEventKind.RESPONSE)
    dialog.on.set_value(TODAY - timedelta(days=90))
    assert not dialog.submit()
    assert "before the act" in dialog.error_text("on")
    detail = findings.get_finding(ui_context.uow(), office.overdue)
    assert detail.state.status == FindingStatus.AWAITING


def test_a_response_with_its_letter_ends_the_red_and_the_letter_can_be_saved(
        page: FindingsPage, office: Office, ui_context: UiContext, tmp_path: Path) -> None:
    row = select(page, office.overdue)
    assert tint(page, row) == OVERDUE_TINT
    letter = tmp_path / "ответ.pdf"
    letter.write_bytes(b"%PDF-1.4 the answer")
    dialog = event_dialog(page, FindingEventKind.RESPONSE)
    dialog.text.setPlainText("Протест рассмотрен")
    dialog.result.setCurrentIndex(dialog.result.findData(ResponseResult.PARTLY.value))
    dialog.attachment.line.setText(str(letter))
    assert dialog.submit()
    state = findings.get_finding(ui_context.uow(), office.overdue).state
    assert (state.status, state.result) == (FindingStatus.RESPONDED, ResponseResult.PARTLY)
    row = page.model.find(office.overdue)
    assert row is not None and tint(page, row) is None
    assert page.model.data(page.model.index(row, 6)) == "Response received"
    pane = page.pane
    assert pane.fact("Result") == "Partly satisfied"
    assert pane.event_buttons[FindingEventKind.RESULT].isEnabled()
    assert not pane.event_buttons[FindingEventKind.RESPONSE].isEnabled()
    pane.history.selectRow(1)
    assert pane.save_attachment.isEnabled()
    saved = pane.history.save_selected(tmp_path / "copy.pdf")
    assert saved is not None and saved.read_bytes() == b"%PDF-1.4 the answer"


def test_measures_escalation_and_closing(page: FindingsPage, office: Office,
                                         ui_context: UiContext) -> None:
    select(page, office.answered)
    dialog = event_dialog(page, FindingEventKind.MEASURES)
    assert not dialog.submit()  # nothing said
    assert dialog.error_text("text") == "Say what measures were taken."
    dialog.disciplined.setValue(2)
    dialog.repealed.setValue(1)
    assert dialog.submit()
    dialog = event_dialog(page, FindingEventKind.ESCALATED)
    assert dialog.submit()
    dialog = event_dialog(page, FindingEventKind.CLOSED)
    assert dialog.submit()
    pane = page.pane
    assert pane.fact("Officials disciplined") == "2"
    assert pane.fact("Escalation") == "To a higher body"
    assert pane.fact("Status") == "Closed"
    enabled = [k for k, b in pane.event_buttons.items() if b.isEnabled()]
    assert enabled == [FindingEventKind.COMMENT]
    assert not pane.make_action.isEnabled()


# -- actions from a finding ---------------------------------------------------------------------

def test_make_action_creates_an_action_linked_to_the_finding(
        page: FindingsPage, office: Office, ui_context: UiContext) -> None:
    seen: list[Changed] = []
    ui_context.notifier.changed.connect(seen.append)
    select(page, office.overdue)
    dialog = page.pane.open_make_action()
    assert dialog is not None and dialog.isVisible()
    assert dialog.text.toPlainText().startswith("Check that the violations found")
    assert dialog.agency.value() == office.police
    dialog.deadline.date.setText((TODAY + timedelta(days=30)).isoformat())
    assert dialog.submit()
    linked = findings.get_finding(ui_context.uow(), office.overdue).actions
    assert [a.id for a in linked] == [dialog.saved_id]
    assert actions.get_action(ui_context.uow(), dialog.saved_id or "").action.finding_id == \
        office.overdue
    assert any(what & Changed.ACTIONS and what & Changed.FINDINGS for what in seen)
    assert page.pane.linked.count() == 1
    opened: list[tuple[str, dict[str, str]]] = []
    ui_context.navigate = lambda key, filters: opened.append((key, filters))
    page.pane.open_actions()
    assert opened == [("actions", {"finding": office.overdue, "status": ""})]


def test_the_page_as_a_picture(page: FindingsPage, office: Office, tmp_path: Path) -> None:
    select(page, office.overdue)
    picture = tmp_path / "findings.png"
    assert page.grab().save(str(picture))
    assert picture.stat().st_size > 10_000


def test_a_document_is_kept_with_the_finding_and_a_missing_file_is_refused(
        page: FindingsPage, office: Office, ui_context: UiContext, tmp_path: Path) -> None:
    select(page, office.overdue)
    dialog = event_dialog(page, FindingEventKind.ATTACHED)
    dialog.text.setPlainText("Акт проверки")
    assert not dialog.submit()  # no file chosen
    dialog.attachment.line.setText(str(tmp_path / "нет такого.pdf"))
    assert not dialog.submit()
    report = tmp_path / "акт.pdf"
    report.write_bytes(b"%PDF-1.4 inspection report")
    dialog.attachment.line.setText(str(report))
    assert dialog.submit()
    events = findings.get_finding(ui_context.uow(), office.overdue).events
    assert events[-1].kind == FindingEventKind.ATTACHED
    assert events[-1].attachment_name == "акт.pdf"
