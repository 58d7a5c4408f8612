"""The list of overdue actions, as PDF and as a spreadsheet, in the order the caller gives."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

from ..domain.action_life import ActionStatus
from ..domain.action_views import ActionRow
from ..domain.messages import N_
from ..i18n import _, tr
from . import typography as ty
from .files import atomic_write

TITLE = N_("Overdue actions")
SUBJECT = N_("Execution control")
AS_OF = N_("as of {date}")
NOTHING = N_("No overdue actions as of {date}.")
TOTAL = N_("Total: {count}")
GENERATED = N_("Generated {when}")
SHEET = N_("Overdue")
ABOUT = N_("About")
LABEL_REPORT = N_("Document")
LABEL_AS_OF = N_("As of")
LABEL_OFFICE = N_("Office")
LABEL_GENERATED = N_("Generated")
LABEL_COUNT = N_("Actions")

STATUS = {
    ActionStatus.OPEN: N_("Open"),
    ActionStatus.REPORTED: N_("Report awaiting acceptance"),
    ActionStatus.DONE: N_("Done"),
    # Not "Cancelled": that msgid is already a meeting's status ("Отменено").
    ActionStatus.CANCELLED: N_("Withdrawn from control"),
}
FROM_DECISION = N_("Meeting No. {number} of {date}, decision {decision}")
FROM_MEETING = N_("Meeting No. {number} of {date}")
FROM_UNKNOWN_MEETING = N_("Meeting decision {decision}")
FROM_FINDING = N_("Finding")
DIRECT = N_("Entered directly")

# Header, PDF width (mm; landscape A4 leaves 252 mm), spreadsheet width (characters).
COLUMNS: tuple[tuple[str, float, float], ...] = (
    (N_("No."), 9, 6),
    (N_("Action"), 60, 60),
    (N_("Responsible agency"), 33, 30),
    (N_("Source"), 34, 34),
    (N_("Controller"), 28, 24),
    (N_("Deadline"), 22, 12),
    (N_("Days overdue"), 20, 10),
    (N_("Extensions"), 21, 11),
    (N_("Status"), 25, 22),
)


def status_label(status: ActionStatus) -> str:
    return _(STATUS[status])


def source_label(row: ActionRow) -> str:
    """Where the action comes from, as a reader would cite it."""
    if row.source == "finding":
        return _(FROM_FINDING)
    if row.source != "decision":
        return _(DIRECT)
    if row.meeting_number is None or row.meeting_held_on is None:
        return tr(FROM_UNKNOWN_MEETING, decision=row.decision_number)
    held = ty.format_date(row.meeting_held_on)
    if not row.decision_number:
        return tr(FROM_MEETING, number=row.meeting_number, date=held)
    return tr(FROM_DECISION, number=row.meeting_number, date=held,
              decision=row.decision_number)


def _with_note(text: str, note: str, style: ParagraphStyle) -> Paragraph:
    """The cell's text with a secondary line in italics (the official, the workgroup)."""
    markup = escape(text) + (f"<br/><i>{escape(note)}</i>" if note else "")
    return Paragraph(markup, style)


def _pdf_story(rows: Sequence[ActionRow], as_of: date, office: str,
               generated_at: datetime, doc: SimpleDocTemplate) -> list[Flowable]:
    st = ty.styles()
    story: list[Flowable] = [ty.paragraph(office, st["centered"]), Spacer(1, 4 * mm),
                             ty.paragraph(_(TITLE), st["title"]),
                             ty.paragraph(tr(AS_OF, date=ty.format_date(as_of)), st["centered"]),
                             Spacer(1, 5 * mm)]
    if not rows:
        story.append(ty.paragraph(tr(NOTHING, date=ty.format_date(as_of)), st["body"]))
    else:
        data: list[list[Flowable]] = [[ty.paragraph(_(c[0]), st["header"]) for c in COLUMNS]]
        for number, row in enumerate(rows, start=1):
            data.append([
                ty.paragraph(str(number), st["cell_centered"]),
                ty.paragraph(row.text, st["cell"]),
                _with_note(row.agency_name, row.official_name, st["cell"]),
                _with_note(source_label(row), row.workgroup_name, st["cell"]),
                ty.paragraph(row.controller_name, st["cell"]),
                ty.paragraph(ty.format_date(row.deadline), st["cell"]),
                ty.paragraph(str(row.days_overdue(as_of)), st["cell_number"]),
                ty.paragraph(str(row.extensions), st["cell_number"]),
                ty.paragraph(status_label(row.status), st["cell"]),
            ])
        scale = doc.width / (sum(c[1] for c in COLUMNS) * mm)  # fill the width exactly
        table = ty.data_table(data, [c[1] * mm * scale for c in COLUMNS], doc)
        story += [table, Spacer(1, 3 * mm),
                  ty.paragraph(tr(TOTAL, count=len(rows)), st["body"])]
    story += [Spacer(1, 4 * mm),
              ty.paragraph(tr(GENERATED, when=ty.format_datetime(generated_at)), st["small"])]
    return story


def write_overdue_pdf(rows: Sequence[ActionRow], path: Path, *, as_of: date, office: str,
                      generated_at: datetime) -> None:
    """Landscape A4: one line per action, long texts wrapped, the header on every page."""
    def write(target: Path) -> None:
        doc = ty.pdf_document(target, title=_(TITLE), author=office, subject=_(SUBJECT),
                              wide=True)
        ty.build(doc, _pdf_story(rows, as_of, office, generated_at, doc))

    atomic_write(path, write, suffix=".pdf")


def _fill_sheet(sheet: Worksheet, rows: Sequence[ActionRow], as_of: date) -> None:
    ty.sheet_header(sheet, [_(c[0]) for c in COLUMNS], [c[2] for c in COLUMNS])
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, row in enumerate(rows, start=1):
        ty.append_row(sheet, [number, row.text, row.agency_name, source_label(row),
                              row.controller_name, row.deadline, row.days_overdue(as_of),
                              row.extensions, status_label(row.status)])
        line = sheet.max_row
        for cell in sheet[line]:
            cell.alignment = wrap
        sheet.cell(line, 6).number_format = "DD.MM.YYYY"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{sheet.max_row}"


def write_overdue_xlsx(rows: Sequence[ActionRow], path: Path, *, as_of: date, office: str,
                       generated_at: datetime) -> None:
    """One sheet of actions (numbers and dates as such, filter, frozen header) and "About"."""
    def write(target: Path) -> None:
        book = Workbook()
        sheet = book.active
        assert sheet is not None  # a new workbook always has one sheet
        sheet.title = _(SHEET)[:31]
        _fill_sheet(sheet, rows, as_of)
        ty.about_sheet(book, _(ABOUT), [
            (_(LABEL_REPORT), _(TITLE)), (_(LABEL_AS_OF), as_of), (_(LABEL_OFFICE), office),
            (_(LABEL_GENERATED), generated_at), (_(LABEL_COUNT), len(rows))])
        book.properties.title = _(TITLE)
        book.properties.creator = office
        book.properties.created = ty.excel_time(generated_at)
        book.save(target)

    atomic_write(path, write, suffix=".xlsx")
