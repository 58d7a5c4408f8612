"""File → Connect to a store…: a file or the office's PostgreSQL server, kept as this
computer's setting without a password; a server's password checked first and kept in the
keyring (issue 8)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAction

from tests.databases import postgres_database
from workgroup_app.ui.store_connection import (
    ConnectionDialog,
    save_database,
    saved_database,
)


@pytest.fixture(autouse=True)
def _no_saved_store() -> Iterator[None]:
    save_database(None)
    yield
    save_database(None)


def _dialog(qtbot: Any, current: str) -> ConnectionDialog:
    dialog = ConnectionDialog(current)
    qtbot.addWidget(dialog)
    return dialog


def test_a_file_is_kept_as_the_store_to_open(qtbot: Any, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, str(tmp_path / "old.sqlite"))
    assert dialog.file_choice.isChecked() and not dialog.server_form.isEnabled()
    dialog.path.setText(str(tmp_path / "office.sqlite"))
    dialog.accept()
    assert dialog.result() == ConnectionDialog.DialogCode.Accepted
    assert saved_database() == str(tmp_path / "office.sqlite")


def test_a_file_in_a_missing_folder_is_refused(qtbot: Any, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, "")
    dialog.path.setText(str(tmp_path / "nowhere" / "office.sqlite"))
    dialog.accept()
    assert "not a file in an existing folder" in dialog.result_label.text()
    assert saved_database() is None


def test_the_server_in_use_fills_the_fields(qtbot: Any) -> None:
    dialog = _dialog(qtbot, "postgresql+psycopg://clerk:***@db.office:6543/work%20group")
    assert dialog.server_choice.isChecked()
    assert (dialog.host.text(), dialog.port.value(), dialog.database.text(),
            dialog.user.text(), dialog.password.text()) == \
        ("db.office", 6543, "work group", "clerk", "")


def test_a_server_needs_its_fields_before_anything_is_tried(qtbot: Any) -> None:
    dialog = _dialog(qtbot, "")
    dialog.server_choice.setChecked(True)
    assert dialog.server_form.isEnabled() and not dialog.file_form.isEnabled()
    dialog.host.setText("db.office")
    dialog.accept()
    assert dialog.result_label.text() == "Fill in: Database, User."
    assert saved_database() is None


def _server_fields(url: str) -> tuple[str, int, str, str, str]:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return (parsed.host or "localhost", parsed.port or 5432, parsed.database or "",
            parsed.username or "", parsed.password or "")


def test_a_server_is_kept_without_its_password_which_goes_to_the_keyring(
        qtbot: Any, memory_keyring: Any) -> None:
    with postgres_database() as url:
        host, port, database, user, password = _server_fields(url)
        dialog = _dialog(qtbot, "")
        dialog.server_choice.setChecked(True)
        dialog.host.setText(host)
        dialog.port.setValue(port)
        dialog.database.setText(database)
        dialog.user.setText(user)
        dialog.password.setText("not the password")
        assert not dialog.test()
        assert "Cannot open the database" in dialog.result_label.text()
        dialog.accept()
        assert saved_database() is None and not memory_keyring.secrets
        dialog.password.setText(password)
        assert dialog.remember.isChecked()
        assert dialog.test() and dialog.result_label.text().startswith("Connected to")
        dialog.accept()
        kept = saved_database()
        assert kept == f"postgresql://{user}@{host}:{port}/{database}"
        assert [value for (_service, name), value in memory_keyring.secrets.items()
                if name.startswith("database:")] == [password]


def test_the_file_menu_opens_the_dialog_on_the_current_store(main_window: Any) -> None:
    action = main_window.findChild(QAction, "connectToStore")
    assert action is not None
    action.trigger()
    dialog = main_window.findChild(ConnectionDialog)
    assert dialog is not None and dialog.path.text().endswith("s.sqlite")
    dialog.reject()
