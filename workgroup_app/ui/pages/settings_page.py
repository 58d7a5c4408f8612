"""Settings: where the store is and whether it is sound, the interface language, backups (one
made here, the automatic ones, restoring one: ui/settings/backup_rows.py); the office (name,
country), its calendar entries and the reminders of execution control; the users and the
signing keys. Each box that changes something shows only to a role that may change it
(issue 7): the office's settings to whoever may manage them, keys and users to the
administrator."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ... import __version__
from ...bootstrap import backup_store, check_store
from ...domain.access import Permission
from ...domain.errors import DomainError
from ...domain.messages import N_
from ...i18n import _, error_text, language, tr
from ...services import users
from .. import theme
from ..accounts.users_box import UsersBox
from ..context import UiContext
from ..operations import Changed, run_in_background
from ..settings.backup_rows import BackupRows
from ..settings.calendar_box import CalendarBox
from ..settings.encryption_rows import EncryptionRows
from ..settings.keys_box import KeysBox
from ..settings.office_box import OfficeBox
from ..settings.presets_box import PresetsBox
from ..settings.reminders_box import RemindersBox
from .base import Page

LANGUAGE_KEY = "language"
LANGUAGE_NAMES = {"ru": "Русский", "be": "Беларуская", "en": "English"}


def settings() -> QSettings:
    return QSettings("Workgroup", "Workgroup")


def saved_language() -> str | None:
    """The interface language chosen on this page, if any."""
    value = settings().value(LANGUAGE_KEY)
    return str(value) if value in LANGUAGE_NAMES else None


def _selectable(text: str = "", wrap: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(wrap)
    return label


def _form(box: QGroupBox) -> QFormLayout:
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setHorizontalSpacing(12)
    form.setVerticalSpacing(8)
    return form


class SettingsPage(Page):
    key = "settings"
    title = N_("Settings")

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._checked = False
        heading = QLabel("<h2>" + _("Settings") + "</h2>", self)
        self.office_box = OfficeBox(context, self)
        self.calendar_box = CalendarBox(context, self)
        self.reminders_box = RemindersBox(context, self)
        self.presets_box = PresetsBox(context, self)
        self.keys_box = KeysBox(context, self)
        left = QVBoxLayout()
        left.addWidget(self._store_box())
        left.addWidget(self._language_box())
        left.addWidget(self.reminders_box)
        left.addWidget(self.presets_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.office_box)
        right.addWidget(self.calendar_box, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.addWidget(heading)
        column.addLayout(columns, 1)
        column.addWidget(self.keys_box)  # full width: the certificates table is wide
        # Users only where accounts exist: the first one is the administrator the first-start
        # wizard makes, never a user added to an open store.
        self.users_box: UsersBox | None = None
        if context.actor.may(Permission.MANAGE_USERS) and users.accounts_exist(context.uow()):
            self.users_box = UsersBox(context, body)
            column.addWidget(self.users_box)
        actor = context.actor
        hidden = [self.office_box, self.calendar_box, self.reminders_box, self.presets_box] \
            if not actor.may(Permission.MANAGE_SETTINGS) else []
        hidden += [] if actor.may(Permission.MANAGE_KEYS) else [self.keys_box]
        for box in hidden:
            box.hide()
        # Two columns fit 1280×800; a smaller window scrolls instead of squeezing the forms.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _on_changed(self, what: Changed) -> None:
        if what & Changed.PEOPLE:
            self.reminders_box.reload_people()
        if what & (Changed.PEOPLE | Changed.SETTINGS):
            self.keys_box.load()  # names of holders; certificates issued elsewhere
        if what & Changed.SETTINGS:
            self.calendar_box.load()  # the country may have changed its entries

    # -- the store ---------------------------------------------------------------------------
    def _store_box(self) -> QGroupBox:
        box = QGroupBox(_("Store"), self)
        form = _form(box)
        self.location = _selectable(self.context.app.location)
        self.location.setObjectName("storeLocation")
        self.office = _selectable(self.context.app.office_id)
        self.office.setObjectName("officeId")
        self.check_result = _selectable(wrap=True)
        self.check_result.setObjectName("storeCheck")
        self.check_button = QPushButton(_("Check again"), box)
        self.check_button.setObjectName("checkStore")
        self.check_button.clicked.connect(self.check)
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_result, 1)
        check_row.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignTop)
        self.backup_button = QPushButton(_("Back up the store…"), box)
        self.backup_button.setObjectName("backupStore")
        self.backup_button.clicked.connect(self.choose_backup)
        self.backup_result = _selectable(wrap=True)
        self.backup_result.setObjectName("backupResult")
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.backup_button)
        backup_row.addWidget(self.backup_result, 1)
        form.addRow(_("Location"), self.location)
        form.addRow(_("Office id"), self.office)
        self.encryption = EncryptionRows(self.context, box, form)  # state; encrypt, rekey…
        form.addRow(_("Check"), check_row)
        form.addRow(_("Backup"), backup_row)
        self.backups = BackupRows(self.context, box, form)  # automatic ones; restoring
        form.addRow(_("Version"), _selectable(tr("Workgroup {version}", version=__version__)))
        return box

    def activated(self) -> None:
        if not self._checked:
            self.check()
        self.backups.load()  # automatic backups taken since the page was last shown
        if self.users_box is not None:  # sign-ins and locks since the page was last shown
            self.users_box.load()

    def check(self) -> None:
        """Check the schema version and integrity of the store, off the UI thread."""
        self._checked = True
        self.check_button.setEnabled(False)
        self.check_result.setText(_("Checking the store…"))
        app = self.context.app
        run_in_background(lambda: check_store(app), self._checked_ok, self._check_failed)

    def _checked_ok(self, report: Any) -> None:
        if not isValid(self):  # the window was closed while the work ran
            return
        self.check_button.setEnabled(True)
        if report.ok:
            self.check_result.setText(tr("OK: schema version {revision}, integrity checked.",
                                         revision=report.revision))
            self.check_result.setStyleSheet("")
            return
        problems = []
        if report.revision != report.head:
            problems.append(tr("the schema version is {revision}, this program expects "
                               "{head}", revision=report.revision or "—", head=report.head))
        if report.integrity != "ok":
            problems.append(tr("the integrity check says: {result}", result=report.integrity))
        if report.foreign_key_problems:
            problems.append(tr("{count} broken references", count=report.foreign_key_problems))
        if report.schema_differences:
            problems.append(tr("{count} differences from the expected tables",
                               count=report.schema_differences))
        self._show_problem(tr("Problems found: {problems}.", problems="; ".join(problems)))

    def _check_failed(self, error: Exception) -> None:
        if not isValid(self):  # the window was closed while the work ran
            return
        self.check_button.setEnabled(True)
        reason = error_text(error) if isinstance(error, DomainError) else str(error)
        self._show_problem(tr("The check could not run: {reason}", reason=reason))

    def _show_problem(self, text: str) -> None:
        self.check_result.setText(text)
        self.check_result.setStyleSheet(theme.error_style())

    def choose_backup(self) -> None:
        suggested = self.context.app.config.data_dir / f"workgroup-{date.today():%Y-%m-%d}.sqlite"
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Back up the store"), str(suggested), _("Workgroup store (*.sqlite)"))
        if path:
            self.backup(Path(path))

    def backup(self, destination: Path) -> None:
        """Copy the store to ``destination`` in the background and say how it went."""
        self.backup_button.setEnabled(False)
        self.backup_result.setText(_("Backing up…"))
        app = self.context.app
        run_in_background(lambda: backup_store(app, destination), self._backed_up,
                          self._backup_failed)

    def _backed_up(self, path: Path) -> None:
        if not isValid(self):  # the window was closed while the work ran
            return
        self.backup_button.setEnabled(True)
        text = tr("The backup is saved to {path}.", path=str(path))
        self.backup_result.setText(text)
        QMessageBox.information(self, _("Backup done"), text)

    def _backup_failed(self, error: Exception) -> None:
        if not isValid(self):  # the window was closed while the work ran
            return
        self.backup_button.setEnabled(True)
        reason = error_text(error) if isinstance(error, DomainError) else str(error)
        self.backup_result.setText(_("The backup failed."))
        QMessageBox.warning(self, _("Backup failed"), reason)

    # -- the language ------------------------------------------------------------------------
    def _language_box(self) -> QGroupBox:
        box = QGroupBox(_("Interface"), self)
        form = _form(box)
        self.language = QComboBox(box)
        self.language.setObjectName("languageCombo")
        self.language.setAccessibleName(_("Language"))
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(saved_language() or language()))
        self.language.activated.connect(self._language_chosen)
        self.language_note = QLabel(self._language_note(), box)
        self.language_note.setObjectName("languageNote")
        self.language_note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.language)
        row.addStretch(1)
        form.addRow(_("Language"), row)
        form.addRow("", self.language_note)
        return box

    def _language_note(self) -> str:
        chosen = self.language.currentData()
        if chosen == language():
            return _("The interface language applies from the next start of the program.")
        return tr("{language} is chosen; it applies when the program starts next time.",
                  language=LANGUAGE_NAMES.get(chosen, chosen))

    def _language_chosen(self, _index: int) -> None:
        settings().setValue(LANGUAGE_KEY, self.language.currentData())
        self.language_note.setText(self._language_note())
