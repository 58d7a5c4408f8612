"""The passphrase dialog of an encrypted store (issue 7), driven through its real widgets:
asked before anything opens when the keyring holds no key, asked again after a wrong one
with the refusal shown, and Cancel opens nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from workgroup_app.bootstrap import open_context, store_crypt
from workgroup_app.config import AppConfig
from workgroup_app.domain.errors import StoreError
from workgroup_app.services import encryption
from workgroup_app.storage import encryption as files
from workgroup_app.ui.accounts.store_passphrase import StorePassphraseDialog, passphrase_asker

pytestmark = pytest.mark.skipif(not files.available(), reason="sqlcipher3 is not installed")

PASSPHRASE = "Пароль от базы 2024"


@pytest.fixture
def encrypted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("WORKGROUP_DB_PASSPHRASE", raising=False)
    path = tmp_path / "office.sqlite"
    context = open_context(AppConfig.build(database=str(path)))
    encryption.encrypt(context.uow(), store_crypt(context), lambda: None,  # type: ignore
                       passphrase=PASSPHRASE)
    context.close()
    return path


def test_the_dialog_opens_only_with_something_typed(qtbot: Any) -> None:
    dialog = StorePassphraseDialog("office.sqlite", "The key or passphrase does not open it.")
    qtbot.addWidget(dialog)
    dialog.show()
    assert "'office.sqlite' is encrypted" in dialog.intro.text()
    assert dialog.message.isVisible() and "does not open" in dialog.message.text()
    assert not dialog.open_button.isEnabled()
    dialog.passphrase_edit.setText(PASSPHRASE)
    assert dialog.passphrase_edit.echoMode() == dialog.passphrase_edit.EchoMode.Password
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.passphrase() == PASSPHRASE


def test_a_wrong_passphrase_is_asked_again_with_the_refusal(qtbot: Any, encrypted: Path) -> None:
    messages: list[str] = []
    typed = iter(["not this one", PASSPHRASE])

    def run(dialog: QDialog) -> int:  # the asker deletes each dialog after it
        assert isinstance(dialog, StorePassphraseDialog)
        dialog.show()
        messages.append(dialog.message.text() if dialog.message.isVisible() else "")
        dialog.passphrase_edit.setText(next(typed))
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    config = AppConfig.build(database=str(encrypted),
                             ask_passphrase=passphrase_asker(lambda: None, run=run))
    context = open_context(config)
    assert context.store.key is not None
    context.close()
    assert len(messages) == 2 and messages[0] == ""
    assert "does not open 'office.sqlite'" in messages[1]


def test_cancel_opens_nothing(qtbot: Any, encrypted: Path) -> None:
    def run(dialog: QDialog) -> int:
        dialog.show()
        dialog.reject()
        return dialog.result()

    config = AppConfig.build(database=str(encrypted),
                             ask_passphrase=passphrase_asker(lambda: None, run=run))
    with pytest.raises(StoreError, match="no passphrase was given"):
        open_context(config)


def _app(*args: str, passphrase: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "WORKGROUP_DB_PASSPHRASE"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    if passphrase is not None:
        env["WORKGROUP_DB_PASSPHRASE"] = passphrase
    return subprocess.run([sys.executable, "-m", "workgroup_app.ui.app", "--lang", "en", *args],
                          env=env, capture_output=True, text=True, timeout=120)


def test_the_app_opens_an_encrypted_store_with_its_passphrase(tmp_path: Path,
                                                              encrypted: Path) -> None:
    """The program itself (a screenshot: no dialog, the passphrase from the environment)."""
    target = tmp_path / "shot.png"
    wrong = _app("--db", str(encrypted), "--screenshot", str(target), passphrase="wrong one!")
    assert wrong.returncode == 1 and not target.exists()
    assert wrong.stderr.strip() == ("The key or passphrase does not open 'office.sqlite' (or "
                                    "the file is not a Workgroup store). Nothing was changed.")
    done = _app("--db", str(encrypted), "--screenshot", str(target), passphrase=PASSPHRASE)
    assert done.returncode == 0, done.stderr
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
