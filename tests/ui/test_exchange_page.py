"""The Exchange page: this office's identity and card, trusting another office by its card,
Send and Receive through their dialogs (work on a worker thread), the status and conflicts —
driven through the widgets against real stores, the second office made by sync_support."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.sync_support import PASSPHRASE, Office, make_office, next_millisecond
from workgroup_app.domain.actor import LOCAL_ADMIN
from workgroup_app.domain.entities import Agency
from workgroup_app.domain.sync import Cancelled, PeerStatus
from workgroup_app.domain.views import ListQuery
from workgroup_app.services import directory, exchange, exchange_import, offices
from workgroup_app.ui import operations
from workgroup_app.ui.context import UiContext
from workgroup_app.ui.exchange import common, setup_dialog, volumes
from workgroup_app.ui.exchange.common import table_rows
from workgroup_app.ui.exchange.status_table import status_row
from workgroup_app.ui.operations import Changed
from workgroup_app.ui.pages.exchange_page import ExchangePage


class Passphrases:
    """Stands in for the passphrase dialog: answers PASSPHRASE and remembers what was asked."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, bool]] = []

    def __call__(self, _parent: Any, title: str, explanation: str, *,
                 confirm: bool = False) -> str | None:
        self.asked.append((explanation, confirm))
        return PASSPHRASE


@pytest.fixture
def passphrases(monkeypatch: pytest.MonkeyPatch) -> Passphrases:
    answer = Passphrases()
    monkeypatch.setattr(common, "ask_passphrase", answer)
    monkeypatch.setattr(setup_dialog, "ask_passphrase", answer)
    return answer


@pytest.fixture
def stick(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A removable drive: the only volume the dialogs list."""
    drive = tmp_path / "stick"
    drive.mkdir()
    monkeypatch.setattr(volumes, "mounted_volumes", lambda: [
        volumes.Volume("STICK", str(drive), 2 * 1024 ** 3, True)])
    return drive


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append("!" + text))
    return shown


@pytest.fixture
def page(qtbot: Any, ui_context: UiContext, passphrases: Passphrases) -> Any:
    page = ExchangePage(ui_context)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    yield page
    qtbot.waitUntil(lambda: not operations.busy(), timeout=10_000)


def set_up_here(context: UiContext) -> None:
    offices.init_office(context.uow(), context.app.keychain, name="Office Here",
                        region="Grodno", country="BY", passphrase=PASSPHRASE)


@pytest.fixture
def other(tmp_path: Path, ui_context: UiContext) -> Any:
    """Another office, trusting this one, which trusts it back."""
    set_up_here(ui_context)
    there = make_office(tmp_path / "there", "Office There")
    mine = offices.export_card(ui_context.uow(), ui_context.app.keychain, PASSPHRASE)
    theirs = offices.export_card(there.uow(), there.context.keychain, PASSPHRASE)
    offices.trust_card(there.uow(), mine, offices.preview_card(there.uow(), mine).fingerprint)
    offices.trust_card(ui_context.uow(), theirs,
                       offices.preview_card(ui_context.uow(), theirs).fingerprint)
    yield there
    there.close()


def agency_count(context: UiContext) -> int:
    return directory.list_agencies(context.uow(), ListQuery()).total


def import_here(context: UiContext, drive: Path) -> None:
    from workgroup_app.services import exchange_import

    exchange_import.import_path(context.uow(), context.app.keychain, drive,
                                context.app.config.data_dir / "sync", passphrase=PASSPHRASE)


# -- this office -------------------------------------------------------------------------------

def test_the_setup_dialog_makes_this_offices_identity(
        qtbot: Any, page: ExchangePage, ui_context: UiContext, passphrases: Passphrases) -> None:
    box = page.office_box
    assert box.setup_button.isVisible() and not box.export_button.isVisible()
    assert not page.send_button.isEnabled() and not page.receive_button.isEnabled()
    dialog = box.open_setup()
    assert dialog.network.text() == offices.DEFAULT_NETWORK
    dialog.name.setText("  ")
    dialog.ok_button.click()
    assert dialog.isVisible() and "name" in dialog.form.error_text("name")
    assert passphrases.asked == []
    dialog.name.setText("Office Here")
    dialog.region.setText("Grodno region")
    dialog.country.setCurrentIndex(dialog.country.findData("RU"))
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert [confirm for _text, confirm in passphrases.asked] == [True]  # a new passphrase
    own = offices.own_office(ui_context.uow())
    assert own is not None and (own.name, own.region, own.country) == (
        "Office Here", "Grodno region", "RU")
    assert box.name.text() == "Office Here" and not box.setup_button.isVisible()
    groups = box.fingerprint.text().split(" ")
    assert len(groups) == 10 and all(len(g) == 4 for g in groups)
    assert box.fingerprint.text() == own.fingerprint
    assert page.receive_button.isEnabled() and not page.send_button.isEnabled()  # nobody yet


def test_the_office_card_is_exported_to_the_file_chosen(
        page: ExchangePage, ui_context: UiContext, tmp_path: Path, messages: list[str],
        passphrases: Passphrases, monkeypatch: pytest.MonkeyPatch) -> None:
    set_up_here(ui_context)
    page.refresh()
    suggested: list[str] = []

    def save_name(_parent: Any, _title: str, name: str, _filter: str) -> tuple[str, str]:
        suggested.append(name)
        return str(tmp_path / "ours"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    page.office_box.export_button.click()
    assert Path(suggested[0]).name == "Office Here.wgcard"
    card = tmp_path / "ours.wgcard"
    assert card.is_file() and "signed" in passphrases.asked[0][0]
    assert messages and str(card) in messages[0] and page.office_box.fingerprint.text() \
        in messages[0]
    there = make_office(tmp_path / "there", "Office There")
    try:
        preview = offices.preview_card(there.uow(), card.read_bytes())
    finally:
        there.close()
    assert preview.name == "Office Here"


# -- trusted offices ---------------------------------------------------------------------------

def test_a_card_is_trusted_only_once_the_fingerprint_read_out_matches(
        page: ExchangePage, ui_context: UiContext, tmp_path: Path, messages: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    set_up_here(ui_context)
    page.refresh()
    there = make_office(tmp_path / "there", "Office There")
    card = tmp_path / "there.wgcard"
    card.write_bytes(offices.export_card(there.uow(), there.context.keychain, PASSPHRASE))
    fingerprint = offices.own_office(there.uow()).fingerprint
    there.close()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(card), ""))
    dialog = page.offices_box.choose_card()
    assert dialog is not None
    assert dialog.findChild(type(dialog.fingerprint), "cardName").text() == "Office There"
    assert dialog.fingerprint.text() == fingerprint
    assert not dialog.trust_button.isEnabled()
    wrong = fingerprint[:-1] + ("0" if fingerprint[-1] != "0" else "1")
    dialog.typed.setText(wrong)
    assert not dialog.trust_button.isEnabled() and "differ" in dialog.match.text()
    dialog.accept()  # Enter with a wrong fingerprint does nothing
    assert dialog.isVisible() and offices.list_offices(ui_context.uow())[-1].is_self
    dialog.typed.setText(fingerprint.replace(" ", "").lower())  # spaces and case do not matter
    assert dialog.trust_button.isEnabled() and "match" in dialog.match.text()
    dialog.trust_button.click()
    assert not dialog.isVisible()
    rows = table_rows(page.offices_box.table)
    assert [(r[0], r[2], r[4]) for r in rows] == [("Office There", fingerprint, "yes")]
    assert rows[0][3].startswith("trusted since")
    assert page.send_button.isEnabled()
    # Revoking asks first; No keeps the trust.
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: answers.pop(0))
    page.offices_box.table.selectRow(0)
    assert not page.offices_box.revoke_selected()
    assert page.offices_box.revoke_selected()
    assert table_rows(page.offices_box.table)[0][3].startswith("revoked on")
    assert not page.offices_box.revoke_button.isEnabled() and not page.send_button.isEnabled()


def test_a_damaged_card_is_refused_in_one_message(
        page: ExchangePage, ui_context: UiContext, tmp_path: Path, messages: list[str]) -> None:
    set_up_here(ui_context)
    page.refresh()
    card = tmp_path / "bad.wgcard"
    card.write_bytes(b"not a card")
    assert page.offices_box.open_card(card) is None
    assert len(messages) == 1 and messages[0].startswith("!")


# -- sending -----------------------------------------------------------------------------------

def test_the_export_dialog_writes_a_verified_bundle_to_the_drive(
        qtbot: Any, page: ExchangePage, ui_context: UiContext, other: Office, stick: Path,
        passphrases: Passphrases) -> None:
    directory.save_agency(ui_context.uow(), LOCAL_ADMIN, Agency(name="Police"))
    page.refresh()
    dialog = page.open_export()
    assert dialog.places.path() == stick
    assert "STICK" in dialog.places.list.item(0).text()
    assert dialog.chosen_recipients() == [other.site]  # every trusted office by default
    dialog.recipients.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.start_button.isEnabled()
    dialog.recipients.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.steps.currentIndex() == 2, timeout=10_000)
    assert "read back and verified" in dialog.summary.text()
    rows = table_rows(dialog.table)
    # One record and the five entries of the audit trail (its own and the offices').
    assert [(r[0], r[1], r[2]) for r in rows] == [("Office There", "#1", "6")]
    files = list(stick.glob("*.osb"))
    assert [f.name for f in files] == [rows[0][5]]
    assert "signed" in passphrases.asked[-1][0]
    dialog.close_button.click()
    assert table_rows(page.status.table)[0][1].startswith("#1, ")
    outcomes = other.import_(stick)
    assert [o.outcome.value for o in outcomes] == ["applied"]
    assert directory.list_agencies(other.uow(), ListQuery()).rows[0].name == "Police"


def test_cancelling_an_export_stops_the_work_and_keeps_the_dialog(
        qtbot: Any, page: ExchangePage, ui_context: UiContext, other: Office, stick: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    started = threading.Event()

    def slow_export(*_args: Any, cancelled: Any, progress: Any, **_kw: Any) -> list[Any]:
        started.set()
        progress(1, 4)
        for _ in range(1000):
            if cancelled():
                raise Cancelled("The export was cancelled; nothing was sent.")
            threading.Event().wait(0.01)
        return []

    monkeypatch.setattr(exchange, "export_bundles", slow_export)
    page.refresh()
    dialog = page.open_export()
    dialog.start_button.click()
    assert dialog.steps.currentIndex() == 1 and dialog.busy()
    qtbot.waitUntil(started.is_set, timeout=5_000)
    dialog.reject()  # Escape while writing: asks the work to stop, the dialog stays
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10_000)
    assert dialog.steps.currentIndex() == 0 and dialog.isVisible()
    assert "cancelled" in dialog.places.note.text()
    dialog.reject()
    assert not dialog.isVisible()


def test_cancelling_an_import_stops_the_work_and_says_so(
        qtbot: Any, page: ExchangePage, other: Office, stick: Path,
        passphrases: Passphrases, monkeypatch: pytest.MonkeyPatch) -> None:
    started = threading.Event()
    seen: list[bool] = []

    def slow_import(*_args: Any, cancelled: Any, progress: Any, **kw: Any) -> list[Any]:
        seen.append(kw["dry_run"])
        started.set()
        progress(1, 4)
        for _ in range(1000):
            if cancelled():
                raise Cancelled("The import was cancelled: the bundle being read was not "
                                "applied; those applied before it stay applied.")
            threading.Event().wait(0.01)
        return []

    other.export(stick)
    monkeypatch.setattr(exchange_import, "import_path", slow_import)
    page.refresh()
    dialog = page.open_import()
    dialog.check_button.click()
    qtbot.waitUntil(started.is_set, timeout=5_000)
    assert dialog.cancel_button.isVisible()
    dialog.cancel_button.click()  # asks the work to stop; the dialog stays until it has
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10_000)
    assert dialog.steps.currentIndex() == 0 and seen == [True]
    assert "cancelled" in dialog.places.note.text()


# -- receiving ---------------------------------------------------------------------------------

def test_the_import_dialog_previews_what_comes_then_applies_it(
        qtbot: Any, page: ExchangePage, ui_context: UiContext, other: Office, stick: Path,
        passphrases: Passphrases) -> None:
    for name in ("Police", "Tax office"):
        directory.save_agency(other.uow(), LOCAL_ADMIN, Agency(name=name))
    other.export(stick)
    notices: list[Changed] = []
    ui_context.notifier.changed.connect(notices.append)
    page.refresh()
    dialog = page.open_import()
    assert [(r[0], r[1], r[2]) for r in table_rows(dialog.found_table)] == [
        ("Office There", "#1", "for this office, new")]
    assert dialog.check_button.isEnabled()
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.steps.currentIndex() == 2, timeout=10_000)
    row = table_rows(dialog.outcome_table)[0]
    assert row[:5] == ["Office There", "#1", "would apply",
                       "Agency: 2 new; Audit entry: 6 new", "—"]
    assert dialog.summary.text().startswith("Nothing is changed yet: 1 bundle(s) would apply.")
    assert agency_count(ui_context) == 0 and notices == []
    assert dialog.apply_button.isEnabled() and not dialog.close_button.isVisible()
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.applied and dialog.steps.currentIndex() == 2, timeout=10_000)
    assert table_rows(dialog.outcome_table)[0][2] == "applied"
    assert dialog.summary.text() == "Done: 1 bundle(s) applied."
    assert agency_count(ui_context) == 2 and notices == [Changed.ALL]
    assert len(passphrases.asked) == 1  # asked once for the check and the import
    dialog.close_button.click()
    status = table_rows(page.status.table)[0]
    assert status[0] == "Office There" and status[2].startswith("#1, ")
    # The same drive again: already imported, nothing to check.
    again = page.open_import()
    assert table_rows(again.found_table)[0][2] == "already imported"
    assert not again.check_button.isEnabled()
    again.reject()


def test_a_refused_bundle_says_why_in_the_users_language(
        qtbot: Any, page: ExchangePage, ui_context: UiContext, other: Office, stick: Path,
        passphrases: Passphrases) -> None:
    other.export(stick)
    bundle = next(stick.glob("*.osb"))
    data = bytearray(bundle.read_bytes())
    data[-10] ^= 0x01  # one flipped bit in the payload
    bundle.write_bytes(bytes(data))
    page.refresh()
    dialog = page.open_import()
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.steps.currentIndex() == 2, timeout=10_000)
    row = table_rows(dialog.outcome_table)[0]
    assert row[2] == "refused" and row[5].startswith("The bundle")
    assert not dialog.apply_button.isEnabled()
    dialog.reject()


# -- status and conflicts ----------------------------------------------------------------------

def test_the_status_names_the_bundles_never_imported() -> None:
    peer = PeerStatus(site_id="s", name="Office There", trusted=False, sent_seq=0,
                      sent_at=None, received_seq=14, received_at=None, waiting_ack=3,
                      missing=(12,), quarantined=(15, 16), newest_data=None)
    row = status_row(peer)
    assert row[0] == "Office There (revoked)" and row[1] == "none yet"
    assert row[3] == "3 record(s)" and row[4] == "bundle 12 never imported"
    assert row[5] == "15, 16: waiting for the missing ones"
    assert status_row(replace(peer, missing=(3, 5)))[4] == "bundles 3, 5 never imported"


def test_two_offices_editing_one_field_make_a_conflict_that_can_be_restored(
        qtbot: Any, page: ExchangePage, ui_context: UiContext, other: Office, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    agency = directory.save_agency(ui_context.uow(), LOCAL_ADMIN, Agency(name="Police"))
    exchange.export_bundles(ui_context.uow(), ui_context.app.keychain, tmp_path,
                            ui_context.app.config.data_dir / "sync", passphrase=PASSPHRASE)
    other.import_(tmp_path)
    directory.save_agency(ui_context.uow(), LOCAL_ADMIN,
                          replace(directory.get_agency(ui_context.uow(), agency.id),
                                  short_name="HERE"))
    next_millisecond()  # stamped in one millisecond, the tie would go to the smaller office id
    directory.save_agency(other.uow(), LOCAL_ADMIN,
                          replace(directory.get_agency(other.uow(), agency.id),
                                  short_name="THERE"))  # later: it wins everywhere
    other.export(tmp_path / "back")
    import_here(ui_context, tmp_path / "back")
    page.refresh()
    box = page.conflicts
    rows = table_rows(box.table)
    assert [r[:4] for r in rows] == [["Agency: Police", "Short name", "THERE (Office There)",
                                      "HERE (Office Here)"]]
    assert page.tabs.tabText(2) == "Co&nflicts (1)"
    assert not box.restore_button.isEnabled()
    box.table.selectRow(0)
    assert box.restore_button.isEnabled()
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str, *_a: Any) -> Any:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    assert not box.restore_selected()
    assert directory.get_agency(ui_context.uow(), agency.id).short_name == "THERE"
    assert box.restore_selected()
    assert "HERE" in asked[0] and "THERE" in asked[0]
    assert directory.get_agency(ui_context.uow(), agency.id).short_name == "HERE"
    assert table_rows(box.table) == [] and page.tabs.tabText(2) == "Co&nflicts"
    box.show_restored.setChecked(True)  # Show restored
    rows = table_rows(box.table)
    assert len(rows) == 1 and rows[0][5] != "—"
    box.table.selectRow(0)
    assert not box.restore_button.isEnabled()  # restored once is enough


def test_drives_under_media_are_removable_and_system_mounts_are_left_out() -> None:
    assert volumes.is_removable("/media/anna/STICK", "linux")
    assert volumes.is_removable("/run/media/anna/STICK", "linux")
    assert not volumes.is_removable("/home", "linux")
    assert volumes.is_removable("/Volumes/STICK", "darwin")
    assert volumes.is_system("/proc", "proc") and volumes.is_system("/boot/efi", "vfat")
    assert volumes.is_system("/run/user/1000", "ext4")
    assert not volumes.is_system("/run/media/anna/STICK", "vfat", "linux")
    assert not volumes.is_system("/", "ext4", "linux")
    assert all(isinstance(v, volumes.Volume) and v.path for v in volumes.mounted_volumes())
