"""The backup rows of the Settings page's Store box: where the automatic backups go, how many
are kept, and "Restore from backup…" for whoever may change the office's settings.

A restore is checked in the background (services/backups.py: a sound store of this office),
then confirmed in a dialog naming the backup's date. After it the program closes: every page,
list and background task of this window read the old store, and a fresh start (with its
sign-in: the restored store's accounts may differ) is the one state nothing stale survives.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)
from shiboken6 import isValid

from ...domain.access import Permission
from ...domain.backups import MAX_KEEP, PreparedRestore
from ...domain.errors import DomainError
from ...i18n import _, error_text, format_day, tr
from ...services import backups
from .. import theme
from ..context import UiContext
from ..operations import run_in_background


def moment(value: datetime) -> str:
    return f"{format_day(value.date())} {value:%H:%M}"


def _reason(error: Exception) -> str:
    return error_text(error) if isinstance(error, DomainError) else str(error)


class BackupRows(QObject):
    def __init__(self, context: UiContext, box: QWidget, form: QFormLayout) -> None:
        super().__init__(box)
        self.context = context
        self.box = box
        # Closes the program after a restore (the last window closing quits it).
        self.close_program: Callable[[], None] = lambda: self.box.window().close()
        self.prepared: PreparedRestore | None = None
        self.confirmation: QMessageBox | None = None
        may = context.actor.may(Permission.MANAGE_SETTINGS)
        self.folder = QLabel(box)
        self.folder.setObjectName("backupsFolder")
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder.setWordWrap(True)
        self.summary = QLabel(box)
        self.summary.setObjectName("backupsSummary")
        self.summary.setWordWrap(True)
        self.keep = QSpinBox(box)
        self.keep.setObjectName("backupKeep")
        self.keep.setAccessibleName(_("Keep"))
        self.keep.setRange(0, MAX_KEEP)
        self.keep.setSpecialValueText(_("none (off)"))
        self.keep.setEnabled(may)
        self.keep.setToolTip(_("How many automatic backups to keep; the oldest are deleted. "
                               "0 turns automatic backups off."))
        self.keep.editingFinished.connect(self.save_keep)
        self.keep_result = QLabel(box)
        self.keep_result.setObjectName("backupKeepResult")
        keep_row = QHBoxLayout()
        keep_row.addWidget(self.keep)
        keep_row.addWidget(self.keep_result, 1)
        self.restore_button = QPushButton(_("Restore from backup…"), box)
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.clicked.connect(self.choose_restore)
        self.restore_result = QLabel(box)
        self.restore_result.setObjectName("restoreResult")
        self.restore_result.setWordWrap(True)
        restore_row = QHBoxLayout()
        restore_row.addWidget(self.restore_button)
        restore_row.addWidget(self.restore_result, 1)
        form.addRow(_("Automatic backups"), self.folder)
        form.addRow("", self.summary)
        form.addRow(_("Keep"), keep_row)
        if may:
            form.addRow(_("Restore"), restore_row)
        else:
            self.restore_button.hide()
            self.restore_result.hide()
        self.load()

    def load(self) -> None:
        app = self.context.app
        seen = backups.overview(app.uow(), app.backups)
        self.folder.setText(str(seen.folder))
        self.keep.setValue(seen.keep)
        if seen.backups:
            newest = seen.backups[-1]
            text = tr("{count} kept; the newest of {moment}.", count=len(seen.backups),
                      moment=moment(newest.taken_at))
        else:
            text = _("None yet.")
        if not seen.automatic:
            text += " " + (_("Automatic backups are off.") if seen.keep == 0 else
                           _("Automatic backups are off on this computer "
                             "(WORKGROUP_AUTO_BACKUP=0)."))
        self.summary.setText(text)

    # -- how many are kept --------------------------------------------------------------------
    def save_keep(self) -> None:
        app = self.context.app
        if self.keep.value() == backups.keep_count(app.uow()):
            return
        try:
            backups.set_keep_count(app.uow(), self.keep.value())
        except DomainError as error:
            self.keep_result.setText(error_text(error))
            self.keep_result.setStyleSheet(theme.error_style())
            self.keep.setValue(backups.keep_count(app.uow()))
            return
        self.keep_result.setText(_("Saved."))
        self.keep_result.setStyleSheet("")
        self.load()

    # -- restoring ---------------------------------------------------------------------------
    def choose_restore(self) -> None:
        folder = self.context.app.backups.folder
        path, _filter = QFileDialog.getOpenFileName(
            self.box, _("Restore from backup"), str(folder if folder.is_dir() else Path.home()),
            _("Workgroup store (*.sqlite);;All files (*)"))
        if path:
            self.restore_from(Path(path))

    def restore_from(self, source: Path) -> None:
        """Check ``source`` in the background, then ask."""
        self.restore_button.setEnabled(False)
        self._say(_("Checking the backup…"))
        app = self.context.app
        run_in_background(lambda: backups.prepare_restore(app.uow(), app.backups, source),
                          self._prepared, self._refused)

    def _prepared(self, prepared: PreparedRestore) -> None:
        if not isValid(self.box):  # the window was closed while the work ran
            backups.cancel_restore(self.context.app.backups, prepared)
            return
        self.prepared = prepared
        box = QMessageBox(QMessageBox.Icon.Question, _("Restore from backup"), tr(
            "Restore the store from the backup of {moment}?\n\nChanges made here since then "
            "are lost, except those the other offices send back at the next exchange. The "
            "store as it is now is backed up first. The program closes when the restore is "
            "done.", moment=moment(prepared.info.taken_at)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self.box)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(_("Restore"))
        box.finished.connect(self._answered)
        self.confirmation = box
        box.open()

    def _answered(self, result: int) -> None:
        prepared, self.prepared = self.prepared, None
        if prepared is None:
            return
        if result != QMessageBox.StandardButton.Yes:
            backups.cancel_restore(self.context.app.backups, prepared)
            self.restore_button.setEnabled(True)
            self._say(_("Nothing was restored."))
            return
        self._say(_("Restoring…"))
        self.box.window().setEnabled(False)  # no other work on the store meanwhile
        app = self.context.app
        run_in_background(lambda: backups.restore(app.uow(), app.backups, prepared),
                          self._restored, self._failed)

    def _restored(self, done: Any) -> None:
        window = self.box.window()
        QMessageBox.information(window, _("Store restored"), tr(
            "The store is restored from the backup of {moment}. The store as it was is kept "
            "in {path}.\n\nThe program closes now: start it again to work with the restored "
            "store.", moment=moment(done.info.taken_at), path=str(done.safety.path)))
        self.close_program()

    def _refused(self, error: Exception) -> None:
        """The backup was not accepted: nothing was copied over the store."""
        self._failed(error, _("Nothing was restored."))

    def _failed(self, error: Exception, text: str = "") -> None:
        if not isValid(self.box):
            return
        self.box.window().setEnabled(True)
        self.restore_button.setEnabled(True)
        self._say(text or _("The restore failed."), error=True)
        QMessageBox.warning(self.box.window(), _("Restore from backup"), _reason(error))
        self.load()  # a backup of the store as it was may have been taken

    def _say(self, text: str, error: bool = False) -> None:
        self.restore_result.setText(text)
        self.restore_result.setStyleSheet(theme.error_style() if error else "")
