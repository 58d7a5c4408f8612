"""The executive discipline report (DESIGN §4): per agency over a period, as PDF and XLSX."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from babel.numbers import format_percent
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
)

from ..domain.action_views import DisciplineLine, DisciplineReport
from ..domain.messages import N_
from ..i18n import _, language, tr
from . import typography as ty
from .files import atomic_write

TITLE = N_("Executive discipline report")
SUBJECT = N_("Execution control")
PERIOD = N_("for the period from {start} to {end}")
AS_OF = N_("as of {date}")
TOTAL = N_("Total")
NO_SHARE = "—"  # nothing was done, so no share to show
LEGEND = N_("What the columns count")
GENERATED = N_("Generated {when}")
SHEET = N_("Discipline")
ABOUT = N_("About")
LABEL_REPORT = N_("Document")
LABEL_FROM = N_("Period from")
LABEL_TO = N_("Period to")
LABEL_AS_OF = N_("As of")
LABEL_OFFICE = N_("Office")
LABEL_GENERATED = N_("Generated")

# Header, PDF width (mm; landscape A4 leaves 252 mm), spreadsheet width (characters).
COLUMNS: tuple[tuple[str, float, float], ...] = (
    (N_("Agency"), 84, 44),
    (N_("Assigned"), 24, 12),
    (N_("Done on time"), 24, 12),
    (N_("Done late"), 24, 12),
    (N_("Overdue now"), 24, 12),
    (N_("Extended (actions)"), 24, 14),
    (N_("Extensions"), 24, 12),
    (N_("On time %"), 24, 12),
)
# One line per column but the first, from the DisciplineLine definitions.
EXPLANATIONS = (
    N_("Assigned: actions assigned in the period."),
    N_("Done on time: actions accepted as done with a report dated in the period, on or "
       "before the deadline in force."),
    N_("Done late: actions accepted as done with a report dated in the period, after the "
       "deadline in force."),
    N_("Overdue now: actions assigned up to the end of the period that are still open or "
       "awaiting acceptance of a report and past their deadline on {date}."),
    N_("Extended (actions): actions assigned in the period whose deadline was extended at "
       "least once."),
    N_("Extensions: how many times the deadlines of those actions were extended."),
    N_("On time %: the share done on time among all actions done; a dash when none was "
       "done."),
)


def _numbers(line: DisciplineLine) -> list[int]:
    return [line.assigned, line.done_on_time, line.done_late, line.overdue_now, line.extended,
            line.extensions]


def share_text(share: float | None) -> str:
    """83.3% / 83,3%; a dash when nothing was done."""
    if share is None:
        return NO_SHARE
    return format_percent(share, "#0.0%", locale=language())


def _legend(report: DisciplineReport) -> list[str]:
    as_of = ty.format_date(report.as_of)
    return [tr(text, date=as_of) for text in EXPLANATIONS]  # unused fields are ignored


def _table(report: DisciplineReport, doc: SimpleDocTemplate) -> Table:
    st = ty.styles()
    data: list[list[Flowable]] = [[ty.paragraph(_(c[0]), st["header"]) for c in COLUMNS]]
    lines = [(line, line.agency_name, "cell") for line in report.lines]
    lines.append((report.total, _(TOTAL), "total"))  # "total" styles are the bold ones
    for line, name, kind in lines:
        text, number = st[kind], st[f"{kind}_number"]
        data.append([ty.paragraph(name, text)]
                    + [ty.paragraph(str(n), number) for n in _numbers(line)]
                    + [ty.paragraph(share_text(line.on_time_share), number)])
    scale = doc.width / (sum(c[1] for c in COLUMNS) * mm)  # fill the width exactly
    table = ty.data_table(data, [c[1] * mm * scale for c in COLUMNS], doc)
    table.setStyle([("FONT", (0, -1), (-1, -1), ty.BOLD, ty.SMALL_SIZE, ty.SMALL_SIZE * 1.2),
                    ("LINEABOVE", (0, -1), (-1, -1), 1.2, "black")])  # set the total apart
    return table


def _pdf_story(report: DisciplineReport, office: str, generated_at: datetime,
               doc: SimpleDocTemplate) -> list[Flowable]:
    st = ty.styles()
    period = tr(PERIOD, start=ty.format_date(report.date_from),
                end=ty.format_date(report.date_to))
    legend: list[Flowable] = [ty.paragraph(_(LEGEND), st["heading"])]
    for text in _legend(report):  # the column's name in bold, then what it counts
        term, _colon, meaning = text.partition(": ")
        markup = f"<b>{escape(term)}:</b> {escape(meaning)}" if meaning else escape(text)
        legend.append(Paragraph(markup, st["small"]))
    return [ty.paragraph(office, st["centered"]), Spacer(1, 4 * mm),
            ty.paragraph(_(TITLE), st["title"]), ty.paragraph(period, st["centered"]),
            ty.paragraph(tr(AS_OF, date=ty.format_date(report.as_of)), st["centered"]),
            Spacer(1, 5 * mm), _table(report, doc), Spacer(1, 2 * mm),
            KeepTogether(legend), Spacer(1, 4 * mm),
            ty.paragraph(tr(GENERATED, when=ty.format_datetime(generated_at)), st["small"])]


def write_discipline_pdf(report: DisciplineReport, path: Path, *, office: str,
                         generated_at: datetime) -> None:
    """Landscape A4: the agencies' table with a bold total, then what each column counts."""
    def write(target: Path) -> None:
        doc = ty.pdf_document(target, title=_(TITLE), author=office, subject=_(SUBJECT),
                              wide=True)
        ty.build(doc, _pdf_story(report, office, generated_at, doc))

    atomic_write(path, write, suffix=".pdf")


def write_discipline_xlsx(report: DisciplineReport, path: Path, *, office: str,
                          generated_at: datetime) -> None:
    """Sheet one: the table (numbers as numbers, the share as a percentage, a filter over the
    agencies, the total bold below it); sheet two: period, date, office, when generated."""
    def write(target: Path) -> None:
        book = Workbook()
        sheet = book.active
        assert sheet is not None  # a new workbook always has one sheet
        sheet.title = _(SHEET)[:31]
        ty.sheet_header(sheet, [_(c[0]) for c in COLUMNS], [c[2] for c in COLUMNS])
        for line in report.lines:
            ty.append_row(sheet, [line.agency_name, *_numbers(line), line.on_time_share])
        last = len(COLUMNS)
        # The filter covers the agencies only, so sorting never moves the total among them.
        sheet.auto_filter.ref = f"A1:{get_column_letter(last)}{sheet.max_row}"
        ty.append_row(sheet, [_(TOTAL), *_numbers(report.total), report.total.on_time_share])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in range(2, sheet.max_row + 1):
            share = sheet.cell(row, last)
            share.number_format = "0.0%"
            if share.value is None:
                share.value = NO_SHARE
                share.alignment = Alignment(horizontal="right")
        about = ty.about_sheet(book, _(ABOUT), [
            (_(LABEL_REPORT), _(TITLE)), (_(LABEL_FROM), report.date_from),
            (_(LABEL_TO), report.date_to), (_(LABEL_AS_OF), report.as_of),
            (_(LABEL_OFFICE), office), (_(LABEL_GENERATED), generated_at)])
        ty.append_row(about, [])
        ty.append_row(about, [_(LEGEND)])
        about.cell(about.max_row, 1).font = Font(bold=True)
        for text in _legend(report):
            ty.append_row(about, [text])
        book.properties.title = _(TITLE)
        book.properties.creator = office
        book.properties.created = ty.excel_time(generated_at)
        book.save(target)

    atomic_write(path, write, suffix=".xlsx")
