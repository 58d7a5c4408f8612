"""The main window: every page opens, shortcuts exist, the screenshot command works, a bad
store is refused in one line, and the Settings page checks, backs up and keeps the language."""

from __future__ import annotations

import os
import sqlite3
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from workgroup_app.storage.migrate import head
from workgroup_app.ui import operations
from workgroup_app.ui.pages.registry import PAGE_KEYS, PAGES
from workgroup_app.ui.pages.settings_page import SettingsPage, settings


def test_every_sidebar_page_can_be_shown(main_window: Any) -> None:
    for entry in PAGES:
        page = main_window.show_page(entry.key)
        assert main_window.stack.currentWidget() is page
        assert main_window.current_page() is page
        assert main_window.sidebar.currentItem().text() == entry.title  # English run
    assert len(main_window.pages) == len(PAGE_KEYS) == 9


def test_ctrl_number_goes_to_each_page(main_window: Any) -> None:
    actions = {action.shortcut().toString(): action
               for action in main_window.findChildren(QAction) if not action.shortcut().isEmpty()}
    for number, key in enumerate(PAGE_KEYS, start=1):
        action = actions[f"Ctrl+{number}"]
        action.trigger()
        assert main_window.current_page() is main_window.pages[key]


def _app_command() -> list[str]:
    script = Path(sys.executable).with_name("workgroup-app")
    return [str(script)] if script.exists() else [sys.executable, "-m", "workgroup_app.ui.app"]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "WORKGROUP_LANG"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def test_the_screenshot_command_writes_a_png_of_the_page(tmp_path: Path) -> None:
    target = tmp_path / "shots" / "directory.png"
    done = subprocess.run([*_app_command(), "--db", str(tmp_path / "s.sqlite"), "--lang", "ru",
                           "--screenshot", str(target), "--page", "directory"],
                          env=_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 800)
    assert len(data) > 10_000  # a drawn window, not a blank image


def test_a_store_that_is_a_text_file_exits_1_with_one_line(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("this is not a database\n" * 20, encoding="utf-8")
    done = subprocess.run([*_app_command(), "--db", str(text), "--lang", "en",
                           "--screenshot", str(tmp_path / "x.png")],
                          env=_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    assert "notes.txt" in lines[0]
    assert not (tmp_path / "x.png").exists()
    assert text.read_text(encoding="utf-8").startswith("this is not a database")


def test_the_language_saved_in_settings_applies_without_lang(tmp_path: Path) -> None:
    config = tmp_path / "config"
    (config / "Workgroup").mkdir(parents=True)
    (config / "Workgroup" / "Workgroup.conf").write_text("[General]\nlanguage=ru\n")
    text = tmp_path / "notes.txt"
    text.write_text("not a database", encoding="utf-8")
    done = subprocess.run([*_app_command(), "--db", str(text), "--screenshot",
                           str(tmp_path / "x.png")],
                          env=_env(XDG_CONFIG_HOME=str(config), LANG="en_US.UTF-8"),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "не является базой данных" in done.stderr


# -- Settings ---------------------------------------------------------------------------------

@pytest.fixture
def settings_page(main_window: Any, qtbot: Any) -> SettingsPage:
    page = main_window.show_page("settings")
    assert isinstance(page, SettingsPage)
    qtbot.waitUntil(lambda: page.check_button.isEnabled(), timeout=10_000)
    return page


def test_settings_show_the_store_and_its_check(settings_page: SettingsPage,
                                               ui_context: Any) -> None:
    assert settings_page.location.text() == ui_context.app.location
    assert settings_page.office.text() == ui_context.app.office_id
    assert settings_page.check_result.text().startswith(f"OK: schema version {head()}")


def test_the_chosen_language_is_saved_for_the_next_start(settings_page: SettingsPage) -> None:
    combo = settings_page.language
    combo.setCurrentIndex(combo.findData("ru"))
    combo.activated.emit(combo.currentIndex())
    assert settings().value("language") == "ru"
    assert "next time" in settings_page.language_note.text()
    combo.setCurrentIndex(combo.findData("en"))
    combo.activated.emit(combo.currentIndex())
    assert settings().value("language") == "en"
    assert "next start" in settings_page.language_note.text()


def test_backup_writes_a_working_copy_and_says_so(settings_page: SettingsPage, qtbot: Any,
                                                   tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "copy.sqlite"
    told: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(target), "")))
    monkeypatch.setattr(QMessageBox, "information",
                        staticmethod(lambda _parent, _title, text: told.append(text)))
    settings_page.backup_button.click()
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    assert str(target) in told[0]
    assert settings_page.backup_button.isEnabled()
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head()


def test_a_failed_backup_shows_why(settings_page: SettingsPage, qtbot: Any, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda _parent, _title, text: warned.append(text)))
    settings_page.backup(tmp_path / "no such folder" / "copy.sqlite")
    qtbot.waitUntil(lambda: bool(warned), timeout=10_000)
    assert "does not exist" in warned[0]
    assert settings_page.backup_result.text() == "The backup failed."
    assert not (tmp_path / "no such folder").exists()


def test_the_main_window_speaks_belarusian(qtbot: Any, ui_context: Any) -> None:
    """Belarusian is a language of its own (issue 9): the sidebar, the menus and a page's
    dates, not Russian and not English."""
    from workgroup_app import i18n
    from workgroup_app.ui.app import create_main_window

    i18n.set_language("be")
    window = create_main_window(ui_context.app)
    qtbot.addWidget(window)
    titles = [window.sidebar.item(row).text() for row in range(window.sidebar.count())]
    assert "Даручэнні" in titles and "Пасяджэнні" in titles
    assert "Поручения" not in titles and "Actions" not in titles
    menus = [action.text() for action in window.menuBar().actions()]
    assert "&Даведка" in menus
    assert window.sidebar.accessibleName() == "Раздзелы"
    qtbot.waitUntil(lambda: not operations.busy(), timeout=10_000)
