"""What the exchange widgets share: the office keys' passphrase, messages, sizes, moments,
fingerprints shown large, and read-only tables filled from rows of text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ...domain.errors import DomainError
from ...domain.messages import N_
from ...i18n import _, error_text, tr
from ...services import offices
from ..context import UiContext
from ..minutes.versions_table import format_moment
from ..settings.fingerprints import grouped
from ..widgets.passphrase_dialog import ask_passphrase

NO_KEYRING = N_("No system keyring holds the passphrase of this office's keys on this "
                "computer, so it is asked for each time they are used.")


class Passphrase:
    """The answer to "which passphrase?": ``ok`` is False when the user cancelled; ``value``
    is None where the keyring keeps it."""

    def __init__(self, ok: bool, value: str | None = None) -> None:
        self.ok = ok
        self.value = value


def office_passphrase(context: UiContext, parent: QWidget, why: str) -> Passphrase:
    """Ask for the office keys' passphrase when no keyring holds it, saying ``why``."""
    if not offices.needs_passphrase(context.app.keychain):
        return Passphrase(True)
    value = ask_passphrase(parent, _("Passphrase of the office keys"),
                           tr("{why}\n\n{reason}", why=why, reason=_(NO_KEYRING)))
    return Passphrase(value is not None, value)


def message(error: BaseException) -> str:
    """A refusal in the user's language; anything else with its reason."""
    if isinstance(error, DomainError):
        return error_text(error)
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return tr("Something went wrong: {reason}", reason=str(error) or type(error).__name__)


def show_error(parent: QWidget, title: str, error: BaseException) -> None:
    QMessageBox.warning(parent, title, message(error))


def outcome_message(msgid: str, params: dict[str, object], english: str) -> str:
    """A refused bundle's reason, translated as the core's errors are."""
    if not msgid:
        return english
    try:
        return error_text(DomainError(msgid, **params))
    except (KeyError, IndexError, ValueError):
        return english


def bundle_number(seq: int) -> str:
    """A bundle's number in its sender's series ("#3"), or a dash when unknown."""
    return tr("#{number}", number=seq) if seq else "—"


def moment(value: datetime | None) -> str:
    return format_moment(value) if value is not None else "—"


def age(value: datetime | None, now: datetime | None = None) -> str:
    """How old a moment is, in days, with the day itself."""
    if value is None:
        return "—"
    days = ((now or datetime.now(UTC)) - value).days
    if days <= 0:
        return tr("today ({when})", when=format_moment(value))
    return tr("{days} d. old ({when})", days=days, when=format_moment(value))


def fingerprint_font(size_delta: int = 4) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(max(font.pointSize(), 9) + size_delta)
    return font


def fingerprint_label(name: str, parent: QWidget) -> QLabel:
    """A fingerprint as people read it aloud: large, monospace, groups of four."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setFont(fingerprint_font())
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


def show_fingerprint(label: QLabel, digest: str) -> None:
    label.setText(grouped(digest.replace(" ", "")))


def fingerprint_digits(text: str) -> str:
    """Only the hex digits, upper case: what the user typed compares with what is shown."""
    return "".join(ch for ch in text.upper() if ch in "0123456789ABCDEF")


def text_table(name: str, headers: Sequence[str], parent: QWidget,
               stretch: int | None = None) -> QTableWidget:
    """A read-only table of whole rows; ``headers`` are English msgids."""
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels([_(h) for h in headers])
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)  # Tab leaves the table: arrows move within it
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    return table


def fill_table(table: QTableWidget, rows: Sequence[Sequence[str]],
               muted: Sequence[bool] | None = None,
               data: Sequence[object] | None = None) -> None:
    """Replace the rows; ``muted`` rows are greyed, ``data`` rides on each row's first cell."""
    table.setRowCount(len(rows))
    grey = QColor("#80868b")
    for number, cells in enumerate(rows):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if muted is not None and muted[number]:
                item.setForeground(grey)
            if column == 0 and data is not None:
                item.setData(Qt.ItemDataRole.UserRole, data[number])
            table.setItem(number, column, item)


def table_rows(table: QTableWidget) -> list[list[str]]:
    """The table as text, for tests and screen readers."""
    return [[table.item(r, c).text() if table.item(r, c) else ""
             for c in range(table.columnCount())] for r in range(table.rowCount())]


def selected_data(table: QTableWidget) -> object | None:
    rows = table.selectionModel().selectedRows()
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return item.data(Qt.ItemDataRole.UserRole) if item is not None else None
