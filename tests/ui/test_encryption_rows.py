"""Encryption at rest from Settings → Store (issue 7), driven through the real widgets: the row
says how the store is protected; "Encrypt…", "Change key…" and "Decrypt…" ask first (a key in
the keyring or a passphrase typed twice; a confirmation to decrypt), convert the store in the
background and show the new state — or, refused, the service's message with the store as it
was; only whoever the services let convert the store sees the buttons."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.helpers import file_digest, plain_sqlite_reads
from workgroup_app.bootstrap import unlock_store
from workgroup_app.config import AppConfig
from workgroup_app.domain.access import Role
from workgroup_app.domain.actor import LOCAL_ADMIN, Actor
from workgroup_app.domain.encryption import KeySource, keyring_name
from workgroup_app.domain.entities import Agency
from workgroup_app.domain.errors import StoreError
from workgroup_app.domain.views import ListQuery
from workgroup_app.services import directory, users
from workgroup_app.storage import encryption as files  # only to know whether sqlcipher3 is here
from workgroup_app.ui import operations
from workgroup_app.ui.context import UiContext
from workgroup_app.ui.pages.settings_page import SettingsPage
from workgroup_app.ui.settings.encryption_dialog import KeyChoiceDialog
from workgroup_app.ui.settings.encryption_rows import EncryptionRows

pytestmark = pytest.mark.skipif(not files.available(), reason="sqlcipher3 is not installed")

PASSPHRASE = "Ключ от архива 2024"
OTHER = "совсем другая фраза"


@pytest.fixture
def office(ui_context: UiContext) -> Iterator[Path]:
    """The store file, with a few agencies in it."""
    for name in ("Прокуратура района", "УВД", "Налоговая инспекция"):
        directory.save_agency(ui_context.uow(), LOCAL_ADMIN, Agency(name))
    path = ui_context.app.store.path
    assert path is not None
    yield path


def agencies(context: UiContext) -> list[str]:
    return sorted(r.name for r in directory.list_agencies(context.uow(), ListQuery()).rows)


def encryption_rows(window: Any, qtbot: Any) -> EncryptionRows:
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    qtbot.waitUntil(lambda: page.check_button.isEnabled(), timeout=10_000)  # its check ended
    return page.encryption


def open_key_dialog(rows: EncryptionRows, button: Any, qtbot: Any) -> KeyChoiceDialog:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = rows.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def choose_passphrase(dialog: KeyChoiceDialog, qtbot: Any, first: str, again: str) -> None:
    dialog.passphrase_choice.setChecked(True)
    dialog.passphrase.setText(first)  # setText: keyClicks aborts on Cyrillic
    dialog.repeat.setText(again)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def converted(rows: EncryptionRows, qtbot: Any, told: dict[str, list[str]], count: int) -> None:
    """Wait for the conversion to end with the ``count``-th "done" message."""
    qtbot.waitUntil(lambda: rows.running is None and len(told["information"]) == count,
                    timeout=30_000)
    qtbot.waitUntil(lambda: not operations.busy(), timeout=10_000)


def test_a_plain_store_says_why_it_is_plain_and_offers_to_encrypt(
        main_window: Any, qtbot: Any, office: Path) -> None:
    rows = encryption_rows(main_window, qtbot)
    # The suite keeps new stores plain (WORKGROUP_DB_ENCRYPTION=off): the CLI's words say so.
    assert rows.state.text() == ("off: Encryption of new stores is switched off "
                                 "(WORKGROUP_DB_ENCRYPTION=off).")
    assert rows.encrypt_button.isVisibleTo(main_window) and rows.encrypt_button.isEnabled()
    assert not rows.rekey_button.isVisibleTo(main_window)
    assert not rows.decrypt_button.isVisibleTo(main_window)


def test_the_reason_follows_the_keyring(main_window: Any, qtbot: Any, ui_context: UiContext,
                                        office: Path, memory_keyring: Any) -> None:
    # The switch on, as on an office's computer (the suite's context was built with it off).
    ui_context.app.config = replace(ui_context.app.config, encryption="auto")
    rows = encryption_rows(main_window, qtbot)
    assert rows.state.text() == "off (the store file is not encrypted)"  # nothing in the way
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())  # memory_keyring puts its predecessor back after
    rows.load()
    assert rows.state.text().startswith("off: There is no system keyring on this computer")
    assert "workgroup db" not in rows.state.text()  # no command to type in the GUI


def test_encrypt_with_a_passphrase_rekey_and_decrypt_back(
        main_window: Any, qtbot: Any, ui_context: UiContext, office: Path,
        told: dict[str, list[str]]) -> None:
    before = agencies(ui_context)
    rows = encryption_rows(main_window, qtbot)
    dialog = open_key_dialog(rows, rows.encrypt_button, qtbot)
    # No keyring in the suite: nothing to choose, the passphrase it is.
    assert not dialog.keyring_choice.isVisible() and dialog.no_keyring.isVisible()
    assert dialog.uses_passphrase()
    choose_passphrase(dialog, qtbot, PASSPHRASE, PASSPHRASE)
    # The PBKDF2 derivation alone outlasts these lines: the conversion is still running.
    assert rows.result.text() == "Encrypting the store…" and not main_window.isEnabled()
    assert not rows.encrypt_button.isEnabled()
    converted(rows, qtbot, told, 1)
    assert "encrypted with your passphrase" in told["information"][0]
    assert rows.state.text() == "on (passphrase)"
    assert main_window.isEnabled() and rows.result.text() == told["information"][0]
    assert not plain_sqlite_reads(office)
    assert agencies(ui_context) == before  # the app works on, over the reopened store
    assert rows.rekey_button.isVisibleTo(main_window) and rows.rekey_button.isEnabled()
    assert rows.decrypt_button.isVisibleTo(main_window)
    assert not rows.encrypt_button.isVisibleTo(main_window)
    salt = office.read_bytes()[:16]

    dialog = open_key_dialog(rows, rows.rekey_button, qtbot)
    assert dialog.windowTitle() == "Change the store's key"
    choose_passphrase(dialog, qtbot, OTHER, OTHER)
    converted(rows, qtbot, told, 2)
    assert rows.state.text() == "on (passphrase)" and office.read_bytes()[:16] != salt
    config = AppConfig.build(database=str(office))
    key = unlock_store(replace(config, passphrase=OTHER), create=False)  # only reads the file
    assert key is not None and key.source is KeySource.PASSPHRASE
    with pytest.raises(StoreError, match="does not open"):
        unlock_store(replace(config, passphrase=PASSPHRASE), create=False)
    assert agencies(ui_context) == before

    qtbot.mouseClick(rows.decrypt_button, Qt.MouseButton.LeftButton)
    confirmation = rows.confirmation
    assert confirmation is not None and confirmation.isVisible()
    assert "readable by anyone who gets it" in confirmation.text()
    confirmation.button(QMessageBox.StandardButton.Yes).click()
    converted(rows, qtbot, told, 3)
    assert "no longer encrypted" in told["information"][2]
    assert rows.state.text().startswith("off")
    assert plain_sqlite_reads(office) and agencies(ui_context) == before
    assert rows.encrypt_button.isVisibleTo(main_window)
    assert not [p for p in office.parent.iterdir() if ".partial" in p.name]
    assert told["warning"] == []


def test_mismatched_or_bad_passphrases_are_said_in_the_dialog_and_change_nothing(
        main_window: Any, qtbot: Any, ui_context: UiContext, office: Path,
        told: dict[str, list[str]]) -> None:
    before = file_digest(office)
    rows = encryption_rows(main_window, qtbot)
    dialog = open_key_dialog(rows, rows.encrypt_button, qtbot)
    for first, again, said in ((PASSPHRASE, OTHER, "The two passphrases differ."),
                               ("", "", "Type the new passphrase in both fields."),
                               ("короче", "короче", "A passphrase needs at least 8 characters.")):
        choose_passphrase(dialog, qtbot, first, again)
        assert dialog.isVisible() and dialog.message.text() == said
        assert rows.running is None and not operations.busy()
    dialog.reject()
    assert rows.dialog is None
    assert rows.state.text().startswith("off") and rows.encrypt_button.isEnabled()
    assert file_digest(office) == before and plain_sqlite_reads(office)
    assert ui_context.app.store.key is None and told == {"information": [], "warning": []}


def test_cancelling_the_decrypt_confirmation_keeps_the_store_encrypted(
        main_window: Any, qtbot: Any, office: Path, told: dict[str, list[str]]) -> None:
    rows = encryption_rows(main_window, qtbot)
    choose_passphrase(open_key_dialog(rows, rows.encrypt_button, qtbot), qtbot, PASSPHRASE,
                      PASSPHRASE)
    converted(rows, qtbot, told, 1)
    before = file_digest(office)
    qtbot.mouseClick(rows.decrypt_button, Qt.MouseButton.LeftButton)
    assert rows.confirmation is not None
    rows.confirmation.button(QMessageBox.StandardButton.Cancel).click()
    assert rows.confirmation is None and rows.running is None and not operations.busy()
    assert rows.state.text() == "on (passphrase)" and file_digest(office) == before


def test_with_a_keyring_the_random_key_is_kept_there(
        main_window: Any, qtbot: Any, ui_context: UiContext, office: Path,
        told: dict[str, list[str]], memory_keyring: Any) -> None:
    before = agencies(ui_context)
    rows = encryption_rows(main_window, qtbot)
    dialog = open_key_dialog(rows, rows.encrypt_button, qtbot)
    assert dialog.keyring_choice.isVisible() and dialog.keyring_choice.isChecked()
    assert not dialog.passphrase.isEnabled() and not dialog.no_keyring.isVisible()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    converted(rows, qtbot, told, 1)
    assert rows.state.text() == "on (the key is in this computer's keyring)"
    assert "kept in this computer's keyring" in told["information"][0]
    salt = office.read_bytes()[:16]
    assert ("workgroup", keyring_name(salt)) in memory_keyring.secrets
    assert not plain_sqlite_reads(office) and agencies(ui_context) == before


def test_a_store_in_use_elsewhere_is_refused_with_the_services_message(
        main_window: Any, qtbot: Any, ui_context: UiContext, office: Path,
        told: dict[str, list[str]]) -> None:
    rows = encryption_rows(main_window, qtbot)
    before = file_digest(office)
    other = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sqlite3, time
        connection = sqlite3.connect({str(office)!r})
        connection.execute("SELECT count(*) FROM agency").fetchone()
        print("READY", flush=True)
        time.sleep(120)
        """)], stdout=subprocess.PIPE, text=True)  # another program with the store open
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "READY"
        choose_passphrase(open_key_dialog(rows, rows.encrypt_button, qtbot), qtbot,
                          PASSPHRASE, PASSPHRASE)
        qtbot.waitUntil(lambda: bool(told["warning"]), timeout=30_000)
    finally:
        other.kill()
        other.wait(timeout=30)
    qtbot.waitUntil(lambda: not operations.busy(), timeout=10_000)
    assert "in use by another window or program" in told["warning"][0]
    assert rows.result.text() == told["warning"][0] and told["information"] == []
    assert rows.state.text().startswith("off") and rows.encrypt_button.isEnabled()
    assert main_window.isEnabled() and ui_context.app.store.key is None
    assert plain_sqlite_reads(office) and file_digest(office) == before
    assert len(agencies(ui_context)) == 3


@pytest.mark.parametrize("role", [Role.OBSERVER, Role.SECRETARY, Role.HEAD])
def test_on_a_store_with_accounts_only_the_administrator_sees_the_buttons(
        main_window: Any, qtbot: Any, ui_context: UiContext, office: Path,
        role: Role) -> None:
    admin = users.create_first_administrator(ui_context.uow(), "admin", "Админ Админов",
                                             "Admin-pass-2024")
    users.add_user(ui_context.uow(), admin, "someone", "Сотрудник", role.value,
                   "Someone-pass-2024")
    ui_context.app.actor = Actor("someone", role.value)
    rows = encryption_rows(main_window, qtbot)
    assert rows.state.isVisibleTo(main_window) and rows.state.text().startswith("off")
    assert not rows.controls.isVisibleTo(main_window)
    assert not rows.encrypt_button.isVisibleTo(main_window)
    ui_context.app.actor = admin
    rows.load()
    assert rows.controls.isVisibleTo(main_window) and rows.encrypt_button.isEnabled()


def test_on_a_store_without_accounts_anyone_may(main_window: Any, qtbot: Any,
                                                ui_context: UiContext, office: Path) -> None:
    ui_context.app.actor = Actor("someone", Role.OBSERVER.value)  # as the services' check says
    rows = encryption_rows(main_window, qtbot)
    assert rows.controls.isVisibleTo(main_window) and rows.encrypt_button.isEnabled()
