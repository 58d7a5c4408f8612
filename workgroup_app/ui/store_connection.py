"""File → Connect to a store…: which store this computer opens — its own SQLite file or the
office's PostgreSQL server (issue 8) — kept as a setting of this computer, shared with
`workgroup db use` (``config.save_database``). The setting never holds a password: a
server's is checked with the server and kept in the OS keyring
(bootstrap.remember_server_password). ``--db`` on the command line still wins."""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path
from urllib.parse import unquote, urlsplit

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from .. import config
from ..bootstrap import (
    check_server,
    keyring_available,
    remember_server_password,
    server_store_url,
)
from ..domain.errors import DomainError
from ..i18n import _, error_text, tr

DEFAULT_PORT = 5432
# The choice is this computer's setting shared with the command line (`workgroup db use`).
saved_database = config.saved_database
save_database = config.save_database


class ConnectionDialog(QDialog):
    """Choose the store: a file, or a server (host, port, database, user, password)."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Connect to a store"))
        self.setObjectName("connectionDialog")
        self.chosen: str | None = None
        self.file_choice = QRadioButton(_("A file on this computer (SQLite)"))
        self.server_choice = QRadioButton(_("The office's server (PostgreSQL)"))
        self.path = QLineEdit(current if "://" not in current else "")
        browse = QPushButton(_("Browse…"))
        browse.clicked.connect(self._browse)
        self.host, self.database, self.user = QLineEdit(), QLineEdit(), QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(_("Keep the password in this computer's keyring"))
        has_keyring = keyring_available()
        self.remember.setChecked(has_keyring)
        self.remember.setEnabled(has_keyring)
        if not has_keyring:
            self.remember.setToolTip(_("This computer has no keyring: give the password in "
                                       "~/.pgpass (or PGPASSWORD) instead."))
        self.result_label = QLabel()
        self.result_label.setObjectName("connectionResult")
        self.result_label.setWordWrap(True)
        for name, widget in (("storePath", self.path), ("serverHost", self.host),
                             ("serverDatabase", self.database), ("serverUser", self.user),
                             ("serverPassword", self.password), ("serverPort", self.port),
                             ("rememberPassword", self.remember)):
            widget.setObjectName(name)
            widget.setAccessibleName(name)
        self._layout(browse)
        if "://" in current:
            self._fill_server(current)
        (self.server_choice if "://" in current else self.file_choice).setChecked(True)
        self._toggle()

    def _layout(self, browse: QPushButton) -> None:
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        self.server_form = QWidget()
        form = QFormLayout(self.server_form)
        form.addRow(_("Server"), self.host)
        form.addRow(_("Port"), self.port)
        form.addRow(_("Database"), self.database)
        form.addRow(_("User"), self.user)
        form.addRow(_("Password"), self.password)
        form.addRow("", self.remember)
        self.file_form = QWidget()
        self.file_form.setLayout(file_row)
        test = QPushButton(_("&Test the connection"))
        test.setObjectName("testConnection")
        test.clicked.connect(self.test)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(test, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.file_choice, self.file_form, self.server_choice, self.server_form,
                       self.result_label, buttons):
            layout.addWidget(widget)
        self.file_choice.toggled.connect(self._toggle)

    def _fill_server(self, url: str) -> None:
        """The fields of the server store in use (its URL as shown: never a password)."""
        parts = urlsplit(url)
        self.host.setText(parts.hostname or "")
        with suppress(ValueError):  # a port that is not a number: left at the default
            self.port.setValue(parts.port or DEFAULT_PORT)
        self.database.setText(unquote(parts.path.lstrip("/")))
        self.user.setText(unquote(parts.username or ""))

    def _toggle(self) -> None:
        self.file_form.setEnabled(self.file_choice.isChecked())
        self.server_form.setEnabled(self.server_choice.isChecked())

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("The store's file"), self.path.text(), _("Workgroup store (*.sqlite)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if chosen:
            self.path.setText(chosen)

    # ---- what the user chose ------------------------------------------------------------

    def _server_url(self) -> str | None:
        missing = [label for label, field in ((_("Server"), self.host),
                                              (_("Database"), self.database),
                                              (_("User"), self.user))
                   if not field.text().strip()]
        if missing:
            self._tell(tr("Fill in: {fields}.", fields=", ".join(missing)), ok=False)
            return None
        return server_store_url(self.host.text().strip(), self.port.value(),
                                   self.database.text().strip(), self.user.text().strip())

    def _tell(self, text: str, ok: bool) -> None:
        self.result_label.setText(text)
        self.result_label.setProperty("ok", ok)

    def test(self) -> bool:
        if self.file_choice.isChecked():
            return self._file() is not None
        url = self._server_url()
        if url is None:
            return False
        try:
            where = check_server(url, self.password.text() or None)
        except DomainError as error:
            self._tell(error_text(error), ok=False)
            return False
        self._tell(tr("Connected to {where}.", where=where), ok=True)
        return True

    def _file(self) -> str | None:
        text = self.path.text().strip()
        if not text:
            self._tell(_("Give the store's file."), ok=False)
            return None
        path = Path(text).expanduser()
        if path.is_dir() or not path.parent.is_dir():
            self._tell(tr("'{path}' is not a file in an existing folder.", path=text), ok=False)
            return None
        return str(path)

    def accept(self) -> None:
        if self.file_choice.isChecked():
            chosen = self._file()
        else:
            chosen = self._server_url()
            if chosen is not None and not self._connect_server(chosen):
                chosen = None
        if chosen is None:
            return
        save_database(chosen)
        self.chosen = chosen
        super().accept()

    def _connect_server(self, url: str) -> bool:
        password = self.password.text()
        try:
            if password and self.remember.isChecked():
                remember_server_password(url, password)
            else:
                check_server(url, password or None)
        except DomainError as error:
            self._tell(error_text(error), ok=False)
            return False
        return True
