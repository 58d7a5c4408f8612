"""The Audit page driven through its widgets: entries newest first, the filters narrowing them,
one entry's fields old → new, the chain verified off the UI thread (intact, then broken after
a hand edit of the SQLite file), and the filtered trail exported (the file dialog patched)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog

from workgroup_app.domain.access import Role
from workgroup_app.domain.actor import Actor
from workgroup_app.domain.entities import Agency
from workgroup_app.domain.enums import AgencyKind
from workgroup_app.services import directory, users
from workgroup_app.ui import operations, theme
from workgroup_app.ui.context import UiContext
from workgroup_app.ui.operations import Changed
from workgroup_app.ui.pages.audit_page import AuditPage
from workgroup_app.ui.pages.registry import PAGE_KEYS

PASSWORD = "correct horse battery"
OPERATION, CHANGES = 6, 7  # columns


@pytest.fixture
def police(ui_context: UiContext) -> str:
    """Entries 1-2: the administrator made themself and a prosecutor; 3-5: the prosecutor
    created, renamed and deleted the police."""
    uow = ui_context.uow
    admin = users.create_first_administrator(uow(), "admin", "Иванов", PASSWORD)
    users.add_user(uow(), admin, "pro", "Петров", "prosecutor", "prosecutor pass 1")
    pro = Actor("pro", Role.PROSECUTOR)
    agency = directory.save_agency(uow(), pro, Agency("УВД", "УВД",
                                                      AgencyKind.INTERNAL_AFFAIRS))
    directory.save_agency(uow(), pro, Agency("УВД облисполкома", "УВД",
                                             AgencyKind.INTERNAL_AFFAIRS, id=agency.id))
    directory.delete_agency(uow(), pro, agency.id)
    return agency.id


@pytest.fixture
def page(qtbot: Any, ui_context: UiContext, police: str) -> Iterator[AuditPage]:
    ui_context.app.actor = Actor("eye", Role.OBSERVER)  # every role may read the trail
    shown = AuditPage(ui_context)
    qtbot.addWidget(shown)
    shown.resize(1200, 760)
    shown.show()
    yield shown
    qtbot.waitUntil(lambda: not operations.busy(), timeout=20_000)


def _column(page: AuditPage, column: int) -> list[str]:
    model = page.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def _store(ui_context: UiContext) -> Path:
    return Path(ui_context.app.config.database.removeprefix("sqlite:///"))


def test_the_page_sits_between_exchange_and_settings() -> None:
    assert PAGE_KEYS.index("audit") == PAGE_KEYS.index("exchange") + 1
    assert PAGE_KEYS.index("settings") == PAGE_KEYS.index("audit") + 1


def test_entries_appear_newest_first(page: AuditPage) -> None:
    assert page.model.rowCount() == 5
    assert _column(page, OPERATION) == ["deleted", "changed", "created", "created", "created"]
    assert _column(page, 2) == ["pro", "pro", "pro", "admin", "admin"]
    assert _column(page, 4)[:3] == ["Agency"] * 3
    assert _column(page, 4)[3:] == ["User account"] * 2
    assert _column(page, CHANGES)[1] == "name: УВД → УВД облисполкома"
    assert page.count.text() == "Entries: 5"
    assert page.filter_bar.user.count() == 3  # all, admin, pro


def test_filters_narrow_the_list(page: AuditPage, police: str, qtbot: Any) -> None:
    bar = page.filter_bar
    bar.user.setCurrentIndex(bar.user.findData("admin"))
    assert _column(page, 2) == ["admin", "admin"]
    bar.user.setCurrentIndex(0)
    bar.kind.setCurrentIndex(bar.kind.findData("agency"))
    assert page.model.rowCount() == 3
    bar.kind.setCurrentIndex(0)
    bar.record.setText(police)
    bar.record.editingFinished.emit()
    assert page.model.rowCount() == 3 and page.count.text() == "Entries: 3"
    bar.reset.click()
    assert page.model.rowCount() == 5 and bar.record.text() == ""
    bar.date_to.line.setText("01.01.2000")
    bar.date_to.line.editingFinished.emit()
    assert page.model.rowCount() == 0
    bar.date_to.line.setText("31.02.20")  # still being typed: red, the last day stays applied
    bar.date_to.line.editingFinished.emit()
    assert bar.date_to.line.styleSheet() == theme.error_style() and page.model.rowCount() == 0
    bar.date_to.line.setText("")
    bar.date_to.line.editingFinished.emit()
    assert page.model.rowCount() == 5


def test_the_details_show_every_field_old_to_new(page: AuditPage, police: str) -> None:
    assert not page.details.body.isVisibleTo(page)
    page.table.selectRow(1)
    details = page.details
    assert details.body.isVisibleTo(page)
    assert details.before_after() == [("name", "УВД", "УВД облисполкома")]
    assert details.facts["Record id"].text() == police
    assert details.facts["Operation"].text() == "changed"
    assert details.facts["Role"].text() == "Prosecutor"
    page.table.selectRow(3)
    fields = dict((field, (old, new)) for field, old, new in details.before_after())
    assert fields["password_hash"] == ("—", "•••") and fields["username"] == ("—", "pro")
    page.table.selectRow(0)
    assert details.before_after() == [("deleted", "no", "yes")]
    details.only_record.click()
    assert page.filter_bar.record.text() == police and page.model.rowCount() == 3


def test_verify_shows_intact_then_the_broken_entry(page: AuditPage, qtbot: Any,
                                                  ui_context: UiContext) -> None:
    page.verify_button.click()
    assert not page.verify_button.isEnabled()  # running on the thread pool
    qtbot.waitUntil(page.verify_button.isEnabled, timeout=20_000)
    result = page.verify_result
    assert result.text() == ("The audit trail is intact: 5 entries.\n"
                             "this office: 5 entries, chain intact.")
    assert result.property("broken") is False and result.styleSheet() != theme.error_style()
    connection = sqlite3.connect(_store(ui_context))
    connection.execute("UPDATE audit_event SET changes = replace(changes, 'облисполкома', "
                       "'горисполкома') WHERE seq = 4")
    connection.commit()
    connection.close()
    page.verify_button.click()
    qtbot.waitUntil(page.verify_button.isEnabled, timeout=20_000)
    assert result.text().splitlines() == [
        "The audit trail was changed after it was written:",
        "this office: the chain breaks at entry 4: entry 4 does not match its hash (it was "
        "changed after it was written)."]
    assert result.property("broken") is True and result.styleSheet() == theme.error_style()


def test_export_writes_the_filtered_trail(page: AuditPage, qtbot: Any, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter([str(tmp_path / "trail"), str(tmp_path / "pro.pdf")])
    asked: list[str] = []

    def save_name(_parent: Any, _title: str, start: str, _filter: str) -> tuple[str, str]:
        asked.append(start)
        return next(answers), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    page.export_xlsx.click()  # a name typed without its ending gets it
    qtbot.waitUntil(lambda: not page.exporting, timeout=20_000)
    book = tmp_path / "trail.xlsx"
    assert page.status.text() == f"Written 5 entries to {book}."
    sheet = load_workbook(book).worksheets[0]
    assert sheet.max_row == 2 + 5
    assert asked[0].endswith("audit-trail.xlsx")

    page.filter_bar.user.setCurrentIndex(page.filter_bar.user.findData("pro"))
    page.export_pdf.click()
    qtbot.waitUntil(lambda: not page.exporting, timeout=20_000)
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "pro.pdf").pages)
    assert "Entries of user pro." in text and "Entries: 3" in text
    assert str(tmp_path) in asked[1]  # the folder chosen last time is offered again


def test_a_failed_export_says_why(page: AuditPage, qtbot: Any, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "missing" / "trail.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    page.export_pdf.click()
    qtbot.waitUntil(lambda: not page.exporting, timeout=20_000)
    assert "does not exist" in page.status.text()
    assert page.status.styleSheet() == theme.error_style() and not target.exists()
    assert page.export_pdf.isEnabled()


def test_a_change_elsewhere_appears_in_the_list(page: AuditPage, ui_context: UiContext) -> None:
    directory.save_agency(ui_context.uow(), Actor("pro", Role.PROSECUTOR),
                          Agency("Таможня", "Таможня", AgencyKind.CUSTOMS))
    ui_context.notifier.notify(Changed.AGENCIES)
    assert page.model.rowCount() == 6 and _column(page, 4)[0] == "Agency"


def test_each_visit_reads_the_trail_again(page: AuditPage, ui_context: UiContext) -> None:
    page.activated()  # the first visit right after the page was built: read already
    admin = Actor("admin", Role.ADMINISTRATOR)
    users.add_user(ui_context.uow(), admin, "eye", "Сидоров", "observer", "observer pass 1")
    assert page.model.rowCount() == 5  # account changes notify no page…
    page.activated()  # …so the next visit reads them
    assert page.model.rowCount() == 6 and _column(page, 2)[0] == "admin"
    assert page.filter_bar.user.count() == 3
