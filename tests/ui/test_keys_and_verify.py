"""The passphrase dialog, the Signing keys box of Settings and the dialog that verifies a signed
PDF — driven through their widgets, without a real modal loop."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QAction, QDropEvent
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox
from shiboken6 import isValid

from tests.minutes_support import build_minutes_office
from workgroup_app.domain.minutes import CertificateKind, SignerRole
from workgroup_app.services import keys, minutes
from workgroup_app.ui import operations, theme
from workgroup_app.ui.context import UiContext
from workgroup_app.ui.minutes.verify_dialog import VerifyDialog
from workgroup_app.ui.pages.settings_page import SettingsPage
from workgroup_app.ui.settings import keys_box
from workgroup_app.ui.settings.certificate_dialog import CertificateDialog
from workgroup_app.ui.settings.keys_box import KeysBox
from workgroup_app.ui.widgets.passphrase_dialog import PassphraseDialog

OFFICE = "Прокуратура Гродненской области"
PASS = "correct horse battery"


# -- the passphrase dialog ---------------------------------------------------------------------

def test_a_new_passphrase_must_be_long_enough_and_typed_twice_alike(qtbot: Any) -> None:
    dialog = PassphraseDialog(None, "New key", "No system keyring is available.", confirm=True)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and dialog.error.text() == ""
    dialog.passphrase.setText("short")
    assert not ok.isEnabled() and "at least 8" in dialog.error.text()
    dialog.passphrase.setText("пароль-длинный")
    dialog.repeat.setText("пароль-длинныи")
    assert not ok.isEnabled() and "differ" in dialog.error.text()
    assert dialog.value() is None
    dialog.repeat.setText("пароль-длинный")
    assert ok.isEnabled() and dialog.error.text() == ""
    ok.click()
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted
    assert dialog.value() == "пароль-длинный"


def test_an_existing_passphrase_is_asked_once_and_any_length_goes(qtbot: Any) -> None:
    dialog = PassphraseDialog(None, "Key", "Type the passphrase of the key.")
    qtbot.addWidget(dialog)
    assert dialog.repeat.isHidden()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.passphrase.setText("abc")
    assert ok.isEnabled() and dialog.value() == "abc"


# -- the Signing keys box ----------------------------------------------------------------------

@pytest.fixture
def office(ui_context: UiContext) -> dict[str, str]:
    return build_minutes_office(ui_context.uow)


@pytest.fixture
def page(qtbot: Any, ui_context: UiContext, office: dict[str, str]) -> SettingsPage:
    page = SettingsPage(ui_context)
    qtbot.addWidget(page)
    page.resize(1100, 900)
    return page


class Questions:
    """Passphrase questions asked, answered from ``answers`` and then with PASS."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, bool]] = []
        self.answers: list[str | None] = []

    def __call__(self, _parent: Any, title: str, _explanation: str, *,
                 confirm: bool = False) -> str | None:
        self.asked.append((title, confirm))
        return self.answers.pop(0) if self.answers else PASS


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    questions = Questions()
    monkeypatch.setattr(keys_box, "ask_passphrase", questions)
    return questions


def _issue(qtbot: Any, box: KeysBox, person_id: str, role: SignerRole,
           years: int = 3) -> CertificateDialog:
    dialog = box.open_issue_dialog()
    qtbot.waitExposed(dialog)
    dialog.person.set_value(person_id)
    dialog.role.setCurrentIndex(dialog.role.findData(role))
    dialog.years.setValue(years)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    return dialog


def test_with_a_keyring_the_ca_is_created_and_issues_the_chair_a_certificate(
        qtbot: Any, memory_keyring: object, page: SettingsPage, ui_context: UiContext,
        office: dict[str, str], questions: Questions,
        monkeypatch: pytest.MonkeyPatch) -> None:
    box = page.keys_box
    assert box.keyring_available and box.notice.isHidden()
    assert not box.issue_button.isEnabled() and box.rows() == []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args, **_kw: QMessageBox.StandardButton.Yes)
    assert box.create_ca()
    ca = keys.office_ca(ui_context.uow())
    assert ca is not None and ca.subject == OFFICE
    assert box.ca_fingerprint.text().replace(" ", "") == ca.fingerprint.upper()
    assert box.create_ca_button.isHidden() and box.issue_button.isEnabled()
    dialog = _issue(qtbot, box, office["chair"], SignerRole.CHAIR, years=2)
    qtbot.waitUntil(lambda: not isValid(dialog) or dialog.isHidden(), timeout=2_000)
    assert questions.asked == []  # the keyring keeps every passphrase
    rows = box.rows()
    assert [r[0] for r in rows] == ["Office CA", "Signing"]
    signer = rows[1]
    assert signer[1] == "Ёлкин Пётр Семёнович" and "Ёлкин" in signer[2]
    assert signer[3] == "Chair of the meeting" and signer[5] == "yes" and signer[6] == "valid now"
    issued = keys.signer_certificate(ui_context.uow(), office["chair"], SignerRole.CHAIR)
    assert (issued.not_after - issued.not_before).days in (729, 730)
    assert box.result.text() == "The certificate is issued."


def test_the_issue_form_names_what_is_missing_and_stays_open(
        qtbot: Any, memory_keyring: object, page: SettingsPage, ui_context: UiContext) -> None:
    box = page.keys_box
    assert box.create_ca(confirmed=True)
    dialog = box.open_issue_dialog()
    qtbot.waitExposed(dialog)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert dialog.form.error_text("person") == "Choose the person."
    assert [c.kind for c in keys.list_certificates(ui_context.uow())] == [
        CertificateKind.OFFICE_CA]
    dialog.reject()


def test_without_a_keyring_passphrases_are_asked_and_cancel_creates_nothing(
        qtbot: Any, page: SettingsPage, ui_context: UiContext, office: dict[str, str],
        questions: Questions) -> None:
    box = page.keys_box
    keys_folder = ui_context.app.keychain.folder
    assert not box.keyring_available and box.notice.isVisibleTo(box)
    questions.answers.append(None)  # the user cancels the passphrase question
    assert not box.create_ca()
    assert questions.asked == [("Passphrase of the office CA", True)]
    assert keys.office_ca(ui_context.uow()) is None
    assert not keys_folder.exists() or not any(keys_folder.iterdir())
    assert box.result.text() == "Nothing was created: no passphrase was given."
    assert box.create_ca()
    assert keys.office_ca(ui_context.uow()) is not None
    questions.asked.clear()
    questions.answers.extend(["wrong passphrase", PASS])  # the CA's, then the new key's
    dialog = _issue(qtbot, box, office["secretary"], SignerRole.SECRETARY)
    assert questions.asked == [("Passphrase of the office CA", False),
                               ("Passphrase of the new key", True)]
    assert dialog.isVisible() and "passphrase" in dialog.form.error_text().lower()
    assert len(keys.list_certificates(ui_context.uow())) == 1  # nothing issued
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # PASS, PASS
    assert [r[0] for r in box.rows()] == ["Office CA", "Signing"]
    issued = keys.signer_certificate(ui_context.uow(), office["secretary"],
                                     SignerRole.SECRETARY)
    assert keys.needs_passphrase(ui_context.app.keychain, issued.id)
    assert keys.load_key(ui_context.uow(), ui_context.app.keychain, issued.id, PASS)


def _p12(path: Path, passphrase: str) -> Path:
    """A foreign CA and a person's signing key from it, as another office would send them."""
    now = dt.datetime.now(dt.UTC)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "УЦ Минской области")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(days=1))
          .not_valid_after(now + dt.timedelta(days=3650))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .sign(ca_key, hashes.SHA256()))
    usage = x509.KeyUsage(digital_signature=True, content_commitment=True,
                          key_encipherment=False, data_encipherment=False, key_agreement=False,
                          key_cert_sign=False, crl_sign=False, encipher_only=False,
                          decipher_only=False)
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Иванов И. И.")]))
            .issuer_name(ca_name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(usage, critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]),
                           critical=False)
            .sign(ca_key, hashes.SHA256()))
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"ivanov", key, cert, [ca], BestAvailableEncryption(passphrase.encode())))
    return path


def test_a_pkcs12_file_is_imported_for_a_person(
        qtbot: Any, memory_keyring: object, page: SettingsPage, ui_context: UiContext,
        office: dict[str, str], tmp_path: Path) -> None:
    box = page.keys_box
    p12 = _p12(tmp_path / "ivanov.p12", "file-secret")
    dialog = box.open_import_dialog()
    qtbot.waitExposed(dialog)
    dialog.file.setText(str(p12))
    dialog.file_passphrase.setText("not the one")
    dialog.person.set_value(office["member"])
    dialog.role.setCurrentIndex(dialog.role.findData(SignerRole.CHAIR))
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    assert dialog.isVisible() and dialog.form.error_text()  # the wrong passphrase, said
    assert keys.list_certificates(ui_context.uow()) == []
    dialog.file_passphrase.setText("file-secret")
    ok.click()
    rows = box.rows()
    assert [(r[0], r[1]) for r in rows] == [("Signing", "Иванов И. И."),
                                            ("Trusted issuer", "УЦ Минской области")]
    signer = rows[0]
    assert "Иванов Иван" in signer[2] and signer[5] == "yes"
    assert signer[6].startswith("expires in 29 days") or signer[6] == "expires in 30 days"
    assert box.table.item(0, 6).background().color().name() == theme.colour(theme.WARNING_BACK)
    assert box.result.text() == "The certificate is imported."


# -- verifying a signed PDF --------------------------------------------------------------------

@pytest.fixture
def signed_pdf(ui_context: UiContext, memory_keyring: object, tmp_path: Path) -> Path:
    """The office's minutes signed by the chair and the secretary, as a file."""
    app = ui_context.app
    uow, chain, actor = app.uow, app.keychain, app.actor
    office = build_minutes_office(uow)
    keys.ca_init(uow(), chain, office_name=OFFICE)
    keys.issue(uow(), chain, office["chair"], SignerRole.CHAIR)
    keys.issue(uow(), chain, office["secretary"], SignerRole.SECRETARY)
    minutes.approve(uow(), actor, office["meeting"], lang="ru")
    minutes.sign(uow(), actor, chain, office["meeting"], SignerRole.CHAIR)
    minutes.sign(uow(), actor, chain, office["meeting"], SignerRole.SECRETARY)
    path = tmp_path / "protocol.pdf"
    path.write_bytes(minutes.document(uow(), office["meeting"])[1])
    return path


@pytest.fixture
def verify_dialog(qtbot: Any, ui_context: UiContext) -> VerifyDialog:
    dialog = VerifyDialog(ui_context)
    qtbot.addWidget(dialog)
    return dialog


def _check(qtbot: Any, dialog: VerifyDialog, path: Path) -> None:
    dialog.check_file(path)
    qtbot.waitUntil(lambda: not operations.busy(), timeout=10_000)
    qtbot.waitUntil(dialog.choose_button.isEnabled, timeout=1_000)


def _rows(dialog: VerifyDialog) -> list[list[str]]:
    table = dialog.panel.table
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def test_a_signed_protocol_shows_two_valid_signatures(qtbot: Any, verify_dialog: VerifyDialog,
                                                     signed_pdf: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *_args, **_kw: (str(signed_pdf), "PDF files (*.pdf)"))
    verify_dialog.choose_file()
    qtbot.waitUntil(lambda: verify_dialog.panel.report is not None, timeout=10_000)
    rows = _rows(verify_dialog)
    assert [(r[0], r[1], r[4]) for r in rows] == [
        ("Chair of the meeting", "Ёлкин Пётр Семёнович", "valid"),
        ("Secretary", "Щукина Анна Ильинична", "valid")]
    assert OFFICE in rows[0][2]
    assert verify_dialog.panel.banner.text() == "All 2 signatures are valid."
    digest = verify_dialog.panel.report.sha256
    assert digest[:4].upper() in verify_dialog.panel.digest.text()
    assert verify_dialog.source.text() == "protocol.pdf"


def test_a_changed_copy_shows_a_problem(qtbot: Any, verify_dialog: VerifyDialog,
                                        signed_pdf: Path, tmp_path: Path) -> None:
    data = bytearray(signed_pdf.read_bytes())
    data[len(data) // 3] ^= 0x01
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(bytes(data))
    _check(qtbot, verify_dialog, changed)
    verdicts = [row[4] for row in _rows(verify_dialog)]
    assert "invalid" in verdicts
    assert verify_dialog.panel.banner.text().startswith("Signature problems:")
    assert "#b3261e" in verify_dialog.panel.banner.styleSheet()


def test_a_text_file_is_not_a_pdf(qtbot: Any, verify_dialog: VerifyDialog,
                                  tmp_path: Path) -> None:
    text = tmp_path / "notes.pdf"
    text.write_text("Протокол — просто текст", encoding="utf-8")
    _check(qtbot, verify_dialog, text)
    assert verify_dialog.panel.banner.text() == "The file is not a PDF."
    assert verify_dialog.panel.table.rowCount() == 0


def test_a_dropped_file_is_checked(qtbot: Any, verify_dialog: VerifyDialog,
                                   tmp_path: Path) -> None:
    missing = tmp_path / "gone.pdf"
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(missing))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    verify_dialog.dropEvent(event)
    assert verify_dialog.path == missing
    qtbot.waitUntil(lambda: "cannot be read" in verify_dialog.panel.banner.text(),
                    timeout=5_000)
    assert verify_dialog.choose_button.isEnabled()


def test_the_main_window_opens_the_verify_dialog_from_its_menu(main_window: Any) -> None:
    action = main_window.findChild(QAction, "verifySignedPdf")
    assert action.shortcut().toString() == "Ctrl+Shift+V"
    action.trigger()
    dialog = main_window.findChild(VerifyDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.panel.banner.text() == "No file checked yet."
    dialog.close()


def test_our_ca_is_exported_and_another_office_s_ca_trusted_from_files(
        qtbot: Any, memory_keyring: object, page: SettingsPage, ui_context: UiContext,
        office: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    box = page.keys_box
    assert not box.export_button.isEnabled()
    keys.ca_init(ui_context.uow(), ui_context.app.keychain, office_name=OFFICE)
    box.load()
    assert box.export_button.isEnabled()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append("!" + text))
    target = tmp_path / "ours.pem"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    box.export_button.click()
    assert target.read_bytes().startswith(b"-----BEGIN CERTIFICATE-----")
    assert "Fingerprint" in shown[-1]
    theirs = tmp_path / "theirs.pem"
    from workgroup_app.security.certificates import make_office_ca, to_pem

    _key, other_ca = make_office_ca("Прокуратура Брестской области",
                                    now=dt.datetime.now(dt.UTC))
    theirs.write_bytes(to_pem(other_ca))
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate")
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(theirs), ""))
    box.trust_button.click()  # the fingerprints differ: the user says no
    assert keys.list_certificates(ui_context.uow())[-1].kind != CertificateKind.TRUSTED_ISSUER
    assert keys.certificate_fingerprint(theirs.read_bytes())[:4].upper() in asked[0]
    for chosen in (junk, theirs):
        monkeypatch.setattr(QFileDialog, "getOpenFileName",
                            lambda *_a, _c=chosen, **_k: (str(_c), ""))
        box.trust_button.click()
    assert shown[-2].startswith("!") and "X.509" in shown[-2]
    assert "Прокуратура Брестской области" in shown[-1]
    kinds = [c.kind for c in keys.list_certificates(ui_context.uow())]
    assert kinds.count(CertificateKind.TRUSTED_ISSUER) == 1
    assert any("Брестской" in row[1] for row in box.rows())
