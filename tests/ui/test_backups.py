"""The backup rows of the Settings page's Store box: the automatic backups' folder and how many
are kept; "Restore from backup…" checks the file, asks naming the backup's date, restores and
closes the program — or refuses, saying why, with the store as it was; only administrators
see it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from workgroup_app.bootstrap import backup_store, open_context
from workgroup_app.config import AppConfig
from workgroup_app.domain.access import Role
from workgroup_app.domain.actor import LOCAL_ADMIN, Actor
from workgroup_app.domain.backups import BackupReason
from workgroup_app.domain.entities import Agency
from workgroup_app.domain.views import ListQuery
from workgroup_app.services import backups, directory
from workgroup_app.ui import operations
from workgroup_app.ui.context import UiContext
from workgroup_app.ui.pages.settings_page import SettingsPage


def agencies(context: UiContext) -> list[str]:
    return sorted(r.name for r in directory.list_agencies(context.uow(), ListQuery()).rows)


def settings_page(window: Any, qtbot: Any) -> SettingsPage:
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    qtbot.waitUntil(lambda: page.check_button.isEnabled(), timeout=10_000)
    return page


def choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *args, **kwargs: (str(path), "")))


def test_the_store_box_shows_the_backups_and_saves_how_many_to_keep(
        main_window: Any, qtbot: Any, ui_context: UiContext) -> None:
    rows = settings_page(main_window, qtbot).backups
    assert rows.folder.text() == str(ui_context.app.config.data_dir / "backups")
    assert rows.summary.text() == ("None yet. Automatic backups are off on this computer "
                                   "(WORKGROUP_AUTO_BACKUP=0).")
    assert rows.keep.value() == 10 and rows.keep.isEnabled()
    assert rows.restore_button.isVisibleTo(main_window)
    rows.keep.setValue(4)
    rows.keep.editingFinished.emit()
    assert backups.keep_count(ui_context.uow()) == 4 and rows.keep_result.text() == "Saved."
    made = ui_context.app.backups.make(BackupReason.DAILY)
    rows.load()
    assert rows.summary.text().startswith(
        f"1 kept; the newest of {made.taken_at:%Y-%m-%d %H:%M}.")


def test_restore_asks_naming_the_date_then_restores_and_closes(
        main_window: Any, qtbot: Any, ui_context: UiContext, told: dict[str, list[str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    directory.save_agency(ui_context.uow(), LOCAL_ADMIN, Agency("Прокуратура"))
    made = ui_context.app.backups.make(BackupReason.DAILY)
    directory.save_agency(ui_context.uow(), LOCAL_ADMIN, Agency("После копии"))
    main_window.show()
    rows = settings_page(main_window, qtbot).backups
    choose(monkeypatch, made.path)
    rows.restore_button.click()
    qtbot.waitUntil(lambda: rows.confirmation is not None and rows.confirmation.isVisible(),
                    timeout=10_000)
    assert rows.confirmation is not None
    assert f"backup of {made.taken_at:%Y-%m-%d %H:%M}?" in rows.confirmation.text()
    assert not rows.restore_button.isEnabled()
    rows.confirmation.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: bool(told["information"]), timeout=20_000)
    assert "The program closes now" in told["information"][0]
    assert not main_window.isVisible()  # closed: a fresh start reads the restored store
    assert agencies(ui_context) == ["Прокуратура"]
    [safety] = [b for b in ui_context.app.backups.list()
                if b.reason == BackupReason.BEFORE_RESTORE]
    assert str(safety.path) in told["information"][0]
    qtbot.waitUntil(lambda: not operations.busy(), timeout=10_000)


def test_cancelling_the_confirmation_restores_nothing(
        main_window: Any, qtbot: Any, ui_context: UiContext, told: dict[str, list[str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    directory.save_agency(ui_context.uow(), LOCAL_ADMIN, Agency("Прокуратура"))
    made = ui_context.app.backups.make(BackupReason.DAILY)
    directory.save_agency(ui_context.uow(), LOCAL_ADMIN, Agency("После копии"))
    rows = settings_page(main_window, qtbot).backups
    rows.restore_from(made.path)
    qtbot.waitUntil(lambda: rows.confirmation is not None and rows.confirmation.isVisible(),
                    timeout=10_000)
    assert rows.confirmation is not None
    rows.confirmation.button(QMessageBox.StandardButton.Cancel).click()
    assert rows.restore_result.text() == "Nothing was restored."
    assert rows.restore_button.isEnabled()
    assert agencies(ui_context) == ["После копии", "Прокуратура"]
    store = ui_context.app.store.path
    assert store is not None and not [p for p in store.parent.iterdir()
                                      if ".partial" in p.name]
    assert [b.path for b in ui_context.app.backups.list()] == [made.path]
    assert told == {"information": [], "warning": []}


def test_another_offices_backup_is_refused_with_the_reason(
        main_window: Any, qtbot: Any, ui_context: UiContext, told: dict[str, list[str]],
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = open_context(AppConfig.build(database=str(tmp_path / "other.sqlite"),
                                         language="en"))
    foreign = backup_store(other, tmp_path / "foreign.sqlite")
    other_id = other.office_id
    other.close()
    directory.save_agency(ui_context.uow(), LOCAL_ADMIN, Agency("Прокуратура"))
    rows = settings_page(main_window, qtbot).backups
    choose(monkeypatch, foreign)
    rows.restore_button.click()
    qtbot.waitUntil(lambda: bool(told["warning"]), timeout=10_000)
    assert "another office's store" in told["warning"][0]
    assert other_id[:8] not in told["warning"][0]
    assert rows.confirmation is None
    assert rows.restore_result.text() == "Nothing was restored."
    assert rows.restore_button.isEnabled() and main_window.isEnabled()
    assert agencies(ui_context) == ["Прокуратура"]
    assert ui_context.app.backups.list() == []


@pytest.mark.parametrize("role", [Role.PROSECUTOR, Role.SECRETARY, Role.HEAD, Role.OBSERVER])
def test_only_an_administrator_may_restore_or_change_how_many(
        main_window: Any, qtbot: Any, ui_context: UiContext, role: Role) -> None:
    ui_context.app.actor = Actor(role.value, role.value)
    rows = settings_page(main_window, qtbot).backups
    assert not rows.restore_button.isVisibleTo(main_window)
    assert not rows.keep.isEnabled()
    assert rows.folder.text().endswith("backups")  # where they are: shown to everyone


def test_the_days_backup_is_copied_in_the_background(qtbot: Any, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The GUI opens the store without waiting for the day's copy, then takes it on the
    thread pool (on a big store it is a long copy)."""
    from workgroup_app.ui.app import start_daily_backup

    monkeypatch.setenv("WORKGROUP_AUTO_BACKUP", "1")
    path = tmp_path / "office.sqlite"
    config = AppConfig.build(database=str(path), language="en")
    first = open_context(config)
    directory.save_agency(first.uow(), LOCAL_ADMIN, Agency("УВД"))
    first.close()
    for made in first.backups.list():  # a backup of the empty new store, if one was taken
        made.path.unlink()
    context = open_context(config, daily_backup=False)
    assert context.backups.list() == []
    start_daily_backup(context)
    qtbot.waitUntil(lambda: not operations.busy(), timeout=20_000)
    [made] = context.backups.list()
    assert made.reason == BackupReason.DAILY
    context.close()
