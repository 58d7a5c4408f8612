"""The minutes window driven through its buttons: preview, approve, sign, print, save, amend,
extract; read back through the services and from the files it writes."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QPushButton

from tests.minutes_support import build_minutes_office
from workgroup_app.domain.entities import Meeting
from workgroup_app.domain.errors import ValidationError
from workgroup_app.domain.minutes import SignerRole
from workgroup_app.domain.minutes_life import MinutesStatus, MinutesStep
from workgroup_app.services import keys, meetings, minutes
from workgroup_app.ui import operations
from workgroup_app.ui.context import UiContext
from workgroup_app.ui.meetings.meeting_editor import MeetingEditor
from workgroup_app.ui.minutes import extract_dialog, printing, reason_dialog
from workgroup_app.ui.minutes.extract_dialog import ExtractChoice, ExtractDialog
from workgroup_app.ui.minutes.minutes_window import MinutesWindow, open_minutes_window
from workgroup_app.ui.minutes.pdfium_pages import page_images
from workgroup_app.ui.operations import Changed
from workgroup_app.ui.widgets import passphrase_dialog

PASS = "correct horse battery"
DPI = 100


@pytest.fixture
def office(ui_context: UiContext) -> dict[str, str]:
    return build_minutes_office(ui_context.uow)


@pytest.fixture
def signers(ui_context: UiContext, office: dict[str, str], memory_keyring: object
            ) -> dict[str, str]:
    """The office CA and the chair's and secretary's certificates, passphrases in the
    keyring."""
    uow, chain = ui_context.uow, ui_context.app.keychain
    keys.ca_init(uow(), chain, office_name="Прокуратура Гродненской области")
    chair = keys.issue(uow(), chain, office["chair"], SignerRole.CHAIR)
    secretary = keys.issue(uow(), chain, office["secretary"], SignerRole.SECRETARY)
    return {"chair": chair.id, "secretary": secretary.id}


def wait_idle(qtbot: Any, window: MinutesWindow) -> None:
    qtbot.waitUntil(lambda: not window.busy(), timeout=30_000)


@pytest.fixture
def open_window(qtbot: Any, ui_context: UiContext) -> Iterator[Any]:
    opened: list[MinutesWindow] = []

    def make(meeting_id: str) -> MinutesWindow:
        window = open_minutes_window(ui_context, meeting_id)
        qtbot.addWidget(window)
        opened.append(window)
        wait_idle(qtbot, window)
        return window

    yield make
    # background work must end before the store closes
    qtbot.waitUntil(lambda: not operations.busy(), timeout=30_000)


def click(qtbot: Any, window: MinutesWindow, button: QPushButton) -> None:
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)


def save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """Answer the next save dialogs with ``path``; the names suggested are collected."""
    suggested: list[str] = []

    def answer(_parent: object, _title: str, name: str, _filter: str) -> tuple[str, str]:
        suggested.append(name)
        return str(path), "PDF"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return suggested


def stamp_boxes(data: bytes) -> dict[str, tuple[int, list[float]]]:
    """The signature fields' rectangles (in points) and their 0-based pages."""
    found = {}
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages):
        for annotation in page.get("/Annots") or []:
            widget = annotation.get_object()
            if widget.get("/FT") == "/Sig":
                found[str(widget["/T"])] = (number, [float(v) for v in widget["/Rect"]])
    return found


def dark_pixels(image: QImage, rect: list[float], page_height: float, dpi: float) -> int:
    """Dark pixels inside ``rect`` (PDF points, origin bottom left), its border left out."""
    scale = dpi / 72
    x1, y1, x2, y2 = rect
    left, right = int((x1 + 4) * scale), int((x2 - 4) * scale)
    top, bottom = int((page_height - y2 + 4) * scale), int((page_height - y1 - 4) * scale)
    count = 0
    for y in range(top, bottom, 2):
        for x in range(left, right, 2):
            if image.pixelColor(x, y).lightness() < 128:
                count += 1
    return count


def page_count(path: Path) -> int:
    return len(PdfReader(str(path)).pages)


# -- a draft ----------------------------------------------------------------------------------

def test_a_draft_is_previewed_as_built_and_approving_locks_the_meeting(
        qtbot: Any, ui_context: UiContext, office: dict[str, str], open_window: Any,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    window = open_window(office["meeting"])
    ui = window.ui
    built = minutes.build(ui_context.uow(), office["meeting"], lang="en")
    with pdfium.PdfDocument(built) as pdf:
        expected_pages = len(pdf)
    assert expected_pages == 2
    assert ui.preview.page_count() == expected_pages
    assert ui.preview.document.pageCount() == expected_pages
    assert ui.heading.text().startswith("Protocol No. 1 — Межведомственная рабочая группа")
    assert ui.status.text().startswith("Draft")
    assert window.data == built  # Save would write exactly what is previewed
    workflow = ui.workflow
    assert workflow.approve.isEnabled()
    assert not any(b.isEnabled() for b in (workflow.reopen, workflow.sign_chair,
                                           workflow.sign_secretary, workflow.amend,
                                           workflow.extract))
    save_to(monkeypatch, tmp_path / "draft")
    click(qtbot, window, ui.save_button)
    assert (tmp_path / "draft.pdf").read_bytes() == built

    # The meeting saved elsewhere (the editor notifies MEETINGS): the draft follows it.
    meeting = meetings.get_meeting(ui_context.uow(), office["meeting"])
    meeting.venue = "г. Минск"
    meetings.save_meeting(ui_context.uow(), ui_context.actor, meeting)
    ui_context.notifier.notify(Changed.MEETINGS)
    wait_idle(qtbot, window)
    assert window.data == minutes.build(ui_context.uow(), office["meeting"], lang="en") != built

    ui.language.setCurrentIndex(ui.language.findData("ru"))
    wait_idle(qtbot, window)
    russian = minutes.build(ui_context.uow(), office["meeting"], lang="ru")
    assert window.data == russian

    notices: list[Changed] = []
    ui_context.notifier.changed.connect(notices.append)
    click(qtbot, window, workflow.approve)
    assert ui.status.text().startswith("Approved · version 1")
    assert Changed.MEETINGS in notices
    assert minutes.document(ui_context.uow(), office["meeting"])[1] == russian
    assert window.data == russian
    assert not workflow.approve.isEnabled() and not ui.language.isEnabled()
    assert workflow.sign_chair.isEnabled() and workflow.reopen.isEnabled()
    assert not workflow.sign_secretary.isEnabled()
    meeting = meetings.get_meeting(ui_context.uow(), office["meeting"])
    meeting.venue = "Минск"
    with pytest.raises(ValidationError, match="locked"):
        meetings.save_meeting(ui_context.uow(), ui_context.actor, meeting)


def test_an_incomplete_meeting_says_what_is_missing_and_offers_only_close(
        ui_context: UiContext, office: dict[str, str], open_window: Any) -> None:
    bare = meetings.save_meeting(ui_context.uow(), ui_context.actor, Meeting(
        workgroup_id=office["group"], held_on=date(2026, 4, 2)))
    window = open_window(bare.id)
    ui = window.ui
    message = ui.preview.message_text()
    for missing in ("not marked as held", "no chair", "no secretary",
                    "nobody is marked present", "agenda is empty"):
        assert missing in message
    assert "Complete the meeting and save it" in message
    assert not ui.preview.showing_pages() and window.data is None
    assert not ui.language.isEnabled() and not ui.execution.isEnabled()
    buttons = window.findChildren(QPushButton)
    assert [b.objectName() for b in buttons if b.isEnabled()] == ["minutesClose"]


# -- signing ------------------------------------------------------------------------------------

def test_chair_then_secretary_sign_and_the_stamps_reach_preview_paper_and_file(
        qtbot: Any, ui_context: UiContext, office: dict[str, str], signers: dict[str, str],
        open_window: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    window = open_window(office["meeting"])
    ui, workflow = window.ui, window.ui.workflow
    click(qtbot, window, workflow.approve)
    approved = minutes.document(ui_context.uow(), office["meeting"])[1]
    click(qtbot, window, workflow.sign_chair)
    assert ui.status.text().startswith("Signed by the chair")
    assert "Ёлкин Пётр Семёнович" in ui.status.text()
    assert workflow.sign_secretary.isEnabled() and not workflow.reopen.isEnabled()
    assert ui.signatures.banner.text() == \
        "Signed so far: 1 of 2, valid. Not signed yet: Secretary."
    click(qtbot, window, workflow.sign_secretary)
    assert ui.status.text().startswith("Signed · version 1")
    assert ui.signatures.isVisible()
    assert ui.signatures.banner.text() == "All 2 signatures are valid."
    assert ui.signatures.table.rowCount() == 2
    assert workflow.amend.isEnabled() and workflow.extract.isEnabled()
    assert not workflow.sign_chair.isEnabled() and not workflow.sign_secretary.isEnabled()
    assert "Щукина Анна Ильинична" in ui.versions.item(0, 3).text()
    signed = minutes.document(ui_context.uow(), office["meeting"])[1]
    assert minutes.verify(ui_context.uow(), signed).all_valid

    # Save as PDF writes the stored bytes exactly, signatures and all.
    suggested = save_to(monkeypatch, tmp_path / "signed.pdf")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert (tmp_path / "signed.pdf").read_bytes() == signed
    assert suggested == ["protocol-1-v1.pdf"]

    # The stamps: blank boxes before signing, drawn in the preview, on paper and in a file.
    boxes = stamp_boxes(signed)
    assert set(boxes) == {"Chair", "Secretary"}
    page, chair_box = boxes["Chair"]
    height = PdfReader(io.BytesIO(signed)).pages[page].mediabox.height
    before = next(page_images(approved, DPI, [page]))
    assert dark_pixels(before, chair_box, float(height), DPI) == 0
    for _role, (number, box) in boxes.items():
        image = next(page_images(signed, DPI, [number]))
        assert dark_pixels(image, box, float(height), DPI) > 20
    preview = ui.preview.document.render(page, QSize(int(595 * DPI / 72),
                                                     int(float(height) * DPI / 72)))
    assert dark_pixels(preview, chair_box, float(height), DPI) > 20

    printed = tmp_path / "printed.pdf"

    def accept(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(page + 1, page + 1)
        printer.setCopyCount(2)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert page_count(printed) == 2  # one page, two copies
    paper = next(page_images(printed.read_bytes(), DPI, [1]))
    assert dark_pixels(paper, chair_box, float(height), DPI) > 20


def test_without_a_keyring_signing_asks_the_passphrase_and_a_wrong_one_changes_nothing(
        qtbot: Any, ui_context: UiContext, office: dict[str, str], open_window: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    uow, chain = ui_context.uow, ui_context.app.keychain
    assert not chain.keyring_available
    keys.ca_init(uow(), chain, office_name="Прокуратура", passphrase=PASS)
    keys.issue(uow(), chain, office["chair"], SignerRole.CHAIR, ca_passphrase=PASS,
               passphrase=PASS)
    minutes.approve(uow(), ui_context.actor, office["meeting"], lang="en")
    window = open_window(office["meeting"])
    asked: list[tuple[str, str]] = []
    answers = iter([None, "not the passphrase", PASS])

    def answer(_parent: object, title: str, explanation: str, *, confirm: bool = False
               ) -> str | None:
        asked.append((title, explanation))
        return next(answers)

    monkeypatch.setattr(passphrase_dialog, "ask_passphrase", answer)
    sign = window.ui.workflow.sign_chair
    click(qtbot, window, sign)  # cancelled
    assert minutes.status_of(uow(), office["meeting"]) == MinutesStatus.APPROVED
    assert window.ui.error.isHidden()
    click(qtbot, window, sign)  # a wrong passphrase
    assert minutes.status_of(uow(), office["meeting"]) == MinutesStatus.APPROVED
    assert "passphrase" in window.ui.error.text() and window.ui.error.isVisible()
    assert window.ui.status.text().startswith("Approved")
    click(qtbot, window, sign)
    assert minutes.status_of(uow(), office["meeting"]) == MinutesStatus.SIGNED_BY_CHAIR
    assert window.ui.error.isHidden()
    assert asked[0] == ("Sign as chair",
                        "No system keyring holds this key's passphrase; type it.")
    assert len(asked) == 3


def test_signing_without_a_certificate_says_so(
        qtbot: Any, ui_context: UiContext, office: dict[str, str], open_window: Any,
        memory_keyring: object) -> None:
    minutes.approve(ui_context.uow(), ui_context.actor, office["meeting"], lang="en")
    window = open_window(office["meeting"])
    click(qtbot, window, window.ui.workflow.sign_chair)
    assert "no signing certificate" in window.ui.error.text()
    assert minutes.status_of(ui_context.uow(), office["meeting"]) == MinutesStatus.APPROVED


# -- reopen, amend, versions, extract --------------------------------------------------------

def test_reopening_asks_a_reason_and_records_it(
        qtbot: Any, ui_context: UiContext, office: dict[str, str], open_window: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    minutes.approve(ui_context.uow(), ui_context.actor, office["meeting"], lang="en")
    window = open_window(office["meeting"])
    answers = iter([None, "Опечатка в фамилии"])
    titles: list[str] = []

    def answer(_parent: object, title: str, _explanation: str, _ok: str) -> str | None:
        titles.append(title)
        return next(answers)

    monkeypatch.setattr(reason_dialog, "ask_reason", answer)
    click(qtbot, window, window.ui.workflow.reopen)
    assert minutes.status_of(ui_context.uow(), office["meeting"]) == MinutesStatus.APPROVED
    click(qtbot, window, window.ui.workflow.reopen)
    version = minutes.current(ui_context.uow(), office["meeting"])
    assert version is not None and version.status == MinutesStatus.DRAFT
    assert version.events[-1].step == MinutesStep.REOPENED
    assert version.events[-1].reason == "Опечатка в фамилии"
    assert titles == ["Reopen the minutes"] * 2
    assert window.ui.status.text().startswith("Draft")
    assert window.ui.workflow.approve.isEnabled() and window.ui.preview.page_count() == 2


def test_an_amendment_adds_a_version_and_the_old_one_is_shown_and_saved_as_stored(
        qtbot: Any, ui_context: UiContext, office: dict[str, str], signers: dict[str, str],
        open_window: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    uow, actor, chain = ui_context.uow, ui_context.actor, ui_context.app.keychain
    minutes.approve(uow(), actor, office["meeting"], lang="ru")
    minutes.sign(uow(), actor, chain, office["meeting"], SignerRole.CHAIR)
    minutes.sign(uow(), actor, chain, office["meeting"], SignerRole.SECRETARY)
    first = minutes.document(uow(), office["meeting"])[1]
    window = open_window(office["meeting"])
    monkeypatch.setattr(reason_dialog, "ask_reason",
                        lambda *_args: "Уточнён срок по п. 1.1")
    click(qtbot, window, window.ui.workflow.amend)
    versions = window.ui.versions
    assert versions.rowCount() == 2
    assert [versions.item(r, 1).text() for r in range(2)] == ["Superseded", "Draft"]
    assert window.ui.status.text().startswith("Draft · version 2 · supersedes version 1")
    assert window.ui.workflow.approve.isEnabled()
    assert window.data == minutes.build(uow(), office["meeting"], lang="ru")

    versions.selectRow(0)
    wait_idle(qtbot, window)
    assert window.data == first
    assert window.ui.signatures.banner.text() == "All 2 signatures are valid."
    assert not window.ui.workflow.approve.isEnabled()  # the steps are the newest version's
    save_to(monkeypatch, tmp_path / "first.pdf")
    click(qtbot, window, window.ui.save_button)
    assert (tmp_path / "first.pdf").read_bytes() == first


def test_an_extract_is_made_for_the_chosen_item_and_agency_and_saved(
        qtbot: Any, ui_context: UiContext, office: dict[str, str], open_window: Any,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    minutes.approve(ui_context.uow(), ui_context.actor, office["meeting"], lang="ru")
    window = open_window(office["meeting"])
    meeting = meetings.get_meeting(ui_context.uow(), office["meeting"])
    targets = extract_dialog.extract_targets(ui_context, meeting)
    assert [(t.item, [a for a, _name in t.agencies]) for t in targets] == [
        (1, [office["police"], office["customs"]]), (2, [office["police"]])]
    dialog = ExtractDialog(window, targets)
    qtbot.addWidget(dialog)
    dialog.choose(2, office["police"])
    assert dialog.agency.count() == 1
    assert dialog.choice() == ExtractChoice(2, office["police"], "УВД Гродненского облисполкома",
                                            False)
    monkeypatch.setattr(extract_dialog, "ask_extract", lambda *_args: ExtractChoice(
        1, office["police"], "УВД", False))
    save_to(monkeypatch, tmp_path / "extract.pdf")
    click(qtbot, window, window.ui.workflow.extract)
    text = "\n".join(p.extract_text() for p in PdfReader(str(tmp_path / "extract.pdf")).pages)
    assert "Провести проверки закупок" in text
    assert "Представить сведения" not in text and "Утвердить план" not in text


# -- preview, printing and the meeting editor --------------------------------------------------

def test_the_preview_pages_and_zooms_with_the_keyboard(
        qtbot: Any, office: dict[str, str], open_window: Any) -> None:
    window = open_window(office["meeting"])
    preview = window.ui.preview
    window.resize(1100, 800)
    window.show()
    qtbot.waitExposed(window)
    preview.next_page()
    assert preview.current_page() == 1 and preview.page.value() == 2
    assert not preview.next_button.isEnabled() and preview.previous_button.isEnabled()
    start = preview.zoom()
    qtbot.keyClick(preview.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert preview.zoom() == pytest.approx(start * 1.25, rel=0.01)
    qtbot.keyClick(preview.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(preview.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert preview.zoom() == pytest.approx(start / 1.25, rel=0.01)
    assert preview.zoom_label.text() == f"{round(start / 1.25 * 100)} %"
    qtbot.keyClick(preview.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert preview.zoom() == pytest.approx(start, rel=0.01)
    assert preview.zoom_label.text() == f"{round(start * 100)} %"
    preview.show_pdf(b"PK\x03\x04 not a PDF")
    assert preview.message_text().startswith("The PDF cannot be shown")
    assert preview.page_count() == 0 and not preview.next_button.isEnabled()


def test_the_pages_to_print_follow_the_range_the_current_page_and_the_copies(
        qapp: Any, tmp_path: Path) -> None:
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "x.pdf"))
    assert printing.pages_to_print(printer, 3) == [0, 1, 2]
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 9)
    printer.setCopyCount(2)
    printer.setCollateCopies(True)
    assert printing.pages_to_print(printer, 3) == [1, 2, 1, 2]
    printer.setCollateCopies(False)
    assert printing.pages_to_print(printer, 3) == [1, 1, 2, 2]
    printer.setPrintRange(QPrinter.PrintRange.CurrentPage)
    printer.setCopyCount(1)
    assert printing.pages_to_print(printer, 3, current=2) == [2]


def test_the_meeting_editor_opens_the_minutes_and_shows_the_lock(
        qtbot: Any, ui_context: UiContext, office: dict[str, str]) -> None:
    editor = MeetingEditor(ui_context)
    qtbot.addWidget(editor)
    editor.show()
    editor.load(None)
    assert not editor.minutes_button.isEnabled()  # not saved yet
    editor.load(office["meeting"])
    assert editor.minutes_button.isEnabled() and editor.minutes_lock.isHidden()
    with qtbot.waitActive(editor):
        editor.activateWindow()
    editor.header.venue.setFocus()
    qtbot.keyClick(editor.header.venue, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    window = editor.findChild(MinutesWindow)
    assert window is not None and window.isVisible()
    assert open_minutes_window(ui_context, office["meeting"], editor) is window  # one only
    wait_idle(qtbot, window)
    click(qtbot, window, window.ui.workflow.approve)
    assert editor.minutes_lock.isVisible()
    assert editor.minutes_lock.text() == "Minutes approved — content locked"
    window.close()
    qtbot.waitUntil(lambda: not operations.busy(), timeout=30_000)
