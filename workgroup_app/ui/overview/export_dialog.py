"""The dialog of the overview's reports: the period (for executive discipline), the format and
the file. It only collects a request; the page writes the file in the background."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings, QSignalBlocker, QStandardPaths
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError, ValidationError
from ...domain.messages import N_
from ...i18n import _, tr
from ...services import action_reports
from ...services.ports import UnitOfWork
from ..widgets.date_edit import DateEdit, format_date
from ..widgets.form import ValidatedForm

DISCIPLINE, OVERDUE, CALENDAR = "discipline", "overdue", "calendar"
TITLES = {DISCIPLINE: N_("Executive discipline report"), OVERDUE: N_("Overdue list"),
          CALENDAR: N_("Deadlines calendar")}
FORMATS = {DISCIPLINE: (".pdf", ".xlsx"), OVERDUE: (".pdf", ".xlsx"), CALENDAR: (".ics",)}
FORMAT_NAMES = {".pdf": N_("PDF document"), ".xlsx": N_("Excel workbook (XLSX)"),
                ".ics": N_("iCalendar file (ICS)")}
FOLDER_KEY = "export_folder"


@dataclass(frozen=True)
class ExportRequest:
    kind: str
    path: Path
    as_of: date
    date_from: date | None = None
    date_to: date | None = None


def write(uow_factory: Callable[[], UnitOfWork], request: ExportRequest) -> Path:
    """Write the file of ``request`` (on a worker thread) and return its path."""
    if request.kind == DISCIPLINE:
        assert request.date_from is not None and request.date_to is not None
        action_reports.export_discipline(uow_factory(), request.path, request.date_from,
                                         request.date_to, request.as_of)
    elif request.kind == OVERDUE:
        action_reports.export_overdue(uow_factory(), request.path, request.as_of)
    else:
        action_reports.export_calendar(uow_factory(), request.path)
    return request.path


# -- the period's quick choices -------------------------------------------------------------

def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def periods(today: date) -> list[tuple[str, date, date]]:
    """(msgid, from, to): the year to date, the quarter to date, the last quarter, last year."""
    quarter = _quarter_start(today)
    last_quarter_end = quarter - timedelta(days=1)
    return [
        (N_("This year to date"), date(today.year, 1, 1), today),
        (N_("This quarter to date"), quarter, today),
        (N_("Previous quarter"), _quarter_start(last_quarter_end), last_quarter_end),
        (N_("Previous year"), date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)),
    ]


def default_folder() -> Path:
    saved = QSettings("Workgroup", "Workgroup").value(FOLDER_KEY)
    if saved and Path(str(saved)).is_dir():
        return Path(str(saved))
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


class ExportDialog(QDialog):
    """Fill, then ``accept()``: an invalid entry is shown beside its field and the dialog stays;
    a valid one leaves the request in ``request``."""

    def __init__(self, kind: str, as_of: date, today: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.as_of = as_of
        self.today = today or date.today()
        self.request: ExportRequest | None = None
        self.setWindowTitle(_(TITLES[kind]))
        self.setObjectName(f"{kind}ExportDialog")
        self.form = ValidatedForm(self)
        self.period = QComboBox(self)
        self.date_from = DateEdit(self, field="from", label=N_("From"))
        self.date_to = DateEdit(self, field="to", label=N_("To"))
        if kind == DISCIPLINE:
            self._period_rows()
        else:  # only the discipline report covers a period
            for widget in (self.period, self.date_from, self.date_to):
                widget.hide()
        self.formats = QButtonGroup(self)
        format_row = QHBoxLayout()
        for number, suffix in enumerate(FORMATS[kind]):
            button = QRadioButton(_(FORMAT_NAMES[suffix]), self)
            button.setObjectName(f"format{suffix[1:].upper()}")
            button.setChecked(number == 0)
            self.formats.addButton(button, number)
            format_row.addWidget(button)
        format_row.addStretch(1)
        holder = QWidget(self)
        holder.setLayout(format_row)
        format_row.setContentsMargins(0, 0, 0, 0)
        self.form.add_row(N_("Format"), holder)
        self.path = QLineEdit(self)
        self.path.setObjectName("exportPath")
        self.path.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 48))
        choose = QPushButton(_("Choose…"), self)
        choose.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.setContentsMargins(0, 0, 0, 0)
        file_row.addWidget(self.path, 1)
        file_row.addWidget(choose)
        file_holder = QWidget(self)
        file_holder.setLayout(file_row)
        self.form.add_row(N_("File"), file_holder, field="out")
        self.formats.idToggled.connect(self._format_toggled)
        self.path.setText(str(default_folder() / self._default_name()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        column = QVBoxLayout(self)
        if kind == DISCIPLINE:
            text = _("Per agency: assigned, done on time, done late, overdue, extended")
        elif kind == OVERDUE:
            text = tr("Actions past their deadline on {date}, longest overdue first.",
                      date=format_date(as_of))
        else:
            text = _("The deadlines of all open and reported actions, to import into "
                     "Outlook, Thunderbird or a phone calendar.")
        note = QLabel(text, self)
        note.setWordWrap(True)  # a longer language must not widen the dialog past the screen
        column.addWidget(note)
        column.addWidget(self.form)
        column.addWidget(buttons)

    def _period_rows(self) -> None:
        self.period.setObjectName("periodChoice")
        for msgid, start, end in periods(self.today):
            self.period.addItem(_(msgid), (start, end))
        self.period.addItem(_("Other dates"), None)
        self.period.currentIndexChanged.connect(self._period_chosen)
        self.date_from.edited.connect(self._dates_edited)
        self.date_to.edited.connect(self._dates_edited)
        self.form.add_row(N_("Period"), self.period)
        self.form.add_row(N_("From"), self.date_from, field="from")
        self.form.add_row(N_("To"), self.date_to, field="to")
        self._period_chosen(0)

    def _period_chosen(self, index: int) -> None:
        chosen = self.period.itemData(index)
        if chosen is None:
            return
        self.date_from.set_value(chosen[0])
        self.date_to.set_value(chosen[1])
        self._rename()

    def _dates_edited(self) -> None:
        with QSignalBlocker(self.period):
            self.period.setCurrentIndex(self.period.count() - 1)
        self._rename()

    def suffix(self) -> str:
        return FORMATS[self.kind][max(0, self.formats.checkedId())]

    def set_format(self, suffix: str) -> None:
        self.formats.button(FORMATS[self.kind].index(suffix)).setChecked(True)

    def _default_name(self) -> str:
        if self.kind == DISCIPLINE:
            try:
                start, end = self.date_from.value(), self.date_to.value()
            except DomainError:
                start = end = None
            span = f"_{start.isoformat()}_{end.isoformat()}" if start and end else ""
            return f"discipline{span}{self.suffix()}"
        if self.kind == OVERDUE:
            return f"overdue_{self.as_of.isoformat()}{self.suffix()}"
        return f"deadlines{self.suffix()}"

    def _rename(self) -> None:
        """Follow the period and format in the file name, keeping the chosen folder."""
        if not hasattr(self, "path"):
            return
        current = Path(self.path.text().strip() or str(default_folder() / "x"))
        self.path.setText(str(current.with_name(self._default_name())))

    def _format_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            current = Path(self.path.text().strip() or self._default_name())
            self.path.setText(str(current.with_suffix(self.suffix())))

    def choose_file(self) -> None:
        suffix = self.suffix()
        pattern = f"{_(FORMAT_NAMES[suffix])} (*{suffix})"
        path, _filter = QFileDialog.getSaveFileName(self, _(TITLES[self.kind]),
                                                    self.path.text(), pattern)
        if path:
            self.path.setText(path if path.lower().endswith(suffix) else path + suffix)

    def build_request(self) -> ExportRequest:
        """The request the fields describe; a ValidationError names the field at fault."""
        start = end = None
        if self.kind == DISCIPLINE:
            start = self.date_from.value()
            end = self.date_to.value()
            if start is None:
                raise ValidationError(N_("Enter the first day of the period."), field="from")
            if end is None:
                raise ValidationError(N_("Enter the last day of the period."), field="to")
            if end < start:
                raise ValidationError(N_("The period ends ({end}) before it begins ({start})."),
                                      field="to", end=format_date(end), start=format_date(start))
        text = self.path.text().strip()
        if not text:
            raise ValidationError(N_("Choose the file to save."), field="out")
        path = Path(text).expanduser()
        if not path.parent.is_dir():
            raise ValidationError(N_("The folder '{folder}' does not exist."), field="out",
                                  folder=str(path.parent))
        if path.suffix.lower() not in FORMATS[self.kind]:
            path = path.with_name(path.name + self.suffix())
        return ExportRequest(self.kind, path, self.as_of, start, end)

    def accept(self) -> None:
        try:
            self.request = self.build_request()
        except DomainError as error:
            self.form.show_error(error)
            return
        QSettings("Workgroup", "Workgroup").setValue(FOLDER_KEY, str(self.request.path.parent))
        super().accept()
