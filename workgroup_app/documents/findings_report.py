"""The statistics of supervision findings (DESIGN §4): per agency and act type over a period,
as PDF and XLSX, in the look of the executive discipline report."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table

from ..domain.finding_views import FindingStatLine, FindingStats
from ..domain.findings import ACT_TYPE_LABELS
from ..domain.messages import N_
from ..i18n import _, tr
from . import typography as ty
from .discipline import (
    ABOUT,
    AS_OF,
    GENERATED,
    LABEL_AS_OF,
    LABEL_FROM,
    LABEL_GENERATED,
    LABEL_OFFICE,
    LABEL_REPORT,
    LABEL_TO,
    LEGEND,
    NO_SHARE,
    PERIOD,
    TOTAL,
    share_text,
)
from .files import atomic_write

TITLE = N_("Statistics of supervision findings")
SUBJECT = N_("Acts of prosecutorial response")
SHEET = N_("Findings")

# Header, PDF width (mm; landscape A4 leaves 252 mm), spreadsheet width (characters).
COLUMNS: tuple[tuple[str, float, float], ...] = (
    (N_("Agency"), 66, 40),
    (N_("Act type"), 34, 20),
    (N_("Acts issued"), 20, 10),
    (N_("Responses on time"), 22, 11),
    (N_("Responses late"), 22, 11),
    (N_("Responses missing"), 22, 11),
    (N_("Responses pending"), 22, 11),
    (N_("Satisfied %"), 22, 11),
    (N_("Officials disciplined"), 22, 12),
)
SHARE_COLUMN = 8  # 1-based, in the spreadsheet
EXPLANATIONS = (
    N_("Acts issued: acts of response dated in the period."),
    N_("Responses on time: responses received on or before the due date."),
    N_("Responses late: responses received after the due date."),
    N_("Responses missing: no response, and the due date passed before {date}."),
    N_("Responses pending: no response yet, and the due date is {date} or later."),
    N_("Satisfied %: the share of acts satisfied in full among those whose result is known; "
       "a dash when none is known."),
    N_("Officials disciplined: officials brought to disciplinary responsibility on these "
       "acts."),
)


def _numbers(line: FindingStatLine) -> list[int]:
    return [line.issued, line.on_time, line.late, line.missing, line.pending]


def _lines(stats: FindingStats) -> list[tuple[FindingStatLine, str, str, bool]]:
    """(line, agency, act type, is the total) in the order printed."""
    rows = [(line, line.agency_name, _(ACT_TYPE_LABELS[line.act_type]), False)
            for line in stats.lines]
    return [*rows, (stats.total, _(TOTAL), "", True)]


def _legend(stats: FindingStats) -> list[str]:
    as_of = ty.format_date(stats.as_of)
    return [tr(text, date=as_of) for text in EXPLANATIONS]  # unused fields are ignored


def _table(stats: FindingStats, doc: SimpleDocTemplate) -> Table:
    st = ty.styles()
    data: list[list[Flowable]] = [[ty.paragraph(_(c[0]), st["header"]) for c in COLUMNS]]
    for line, agency, act, is_total in _lines(stats):
        kind = "total" if is_total else "cell"
        text, number = st[kind], st[f"{kind}_number"]
        data.append([ty.paragraph(agency, text), ty.paragraph(act, text)]
                    + [ty.paragraph(str(n), number) for n in _numbers(line)]
                    + [ty.paragraph(share_text(line.satisfied_share), number),
                       ty.paragraph(str(line.disciplined), number)])
    scale = doc.width / (sum(c[1] for c in COLUMNS) * mm)  # fill the width exactly
    table = ty.data_table(data, [c[1] * mm * scale for c in COLUMNS], doc)
    table.setStyle([("FONT", (0, -1), (-1, -1), ty.BOLD, ty.SMALL_SIZE, ty.SMALL_SIZE * 1.2),
                    ("LINEABOVE", (0, -1), (-1, -1), 1.2, "black")])  # set the total apart
    return table


def _pdf_story(stats: FindingStats, office: str, generated_at: datetime,
               doc: SimpleDocTemplate) -> list[Flowable]:
    st = ty.styles()
    period = tr(PERIOD, start=ty.format_date(stats.date_from),
                end=ty.format_date(stats.date_to))
    legend: list[Flowable] = [ty.paragraph(_(LEGEND), st["heading"])]
    for text in _legend(stats):  # the column's name in bold, then what it counts
        term, _colon, meaning = text.partition(": ")
        markup = f"<b>{escape(term)}:</b> {escape(meaning)}" if meaning else escape(text)
        legend.append(Paragraph(markup, st["small"]))
    return [ty.paragraph(office, st["centered"]), Spacer(1, 4 * mm),
            ty.paragraph(_(TITLE), st["title"]), ty.paragraph(period, st["centered"]),
            ty.paragraph(tr(AS_OF, date=ty.format_date(stats.as_of)), st["centered"]),
            Spacer(1, 5 * mm), _table(stats, doc), Spacer(1, 2 * mm),
            KeepTogether(legend), Spacer(1, 4 * mm),
            ty.paragraph(tr(GENERATED, when=ty.format_datetime(generated_at)), st["small"])]


def write_findings_pdf(stats: FindingStats, path: Path, *, office: str,
                       generated_at: datetime) -> None:
    """Landscape A4: one line per agency and act type with a bold total, then what each
    column counts. The same input gives the same bytes."""
    def write(target: Path) -> None:
        doc = ty.pdf_document(target, title=_(TITLE), author=office, subject=_(SUBJECT),
                              wide=True)
        ty.build(doc, _pdf_story(stats, office, generated_at, doc))

    atomic_write(path, write, suffix=".pdf")


def write_findings_xlsx(stats: FindingStats, path: Path, *, office: str,
                        generated_at: datetime) -> None:
    """Sheet one: the table (numbers as numbers, the share as a percentage, a filter over the
    lines, the total bold below it); sheet two: period, date, office, when generated, and
    what the columns count. Agency names stay text even when they look like formulas."""
    def write(target: Path) -> None:
        book = Workbook()
        sheet = book.active
        assert sheet is not None  # a new workbook always has one sheet
        sheet.title = _(SHEET)[:31]
        ty.sheet_header(sheet, [_(c[0]) for c in COLUMNS], [c[2] for c in COLUMNS])
        lines = _lines(stats)
        for line, agency, act, is_total in lines:
            if is_total:
                # The filter covers the lines only, so sorting never moves the total.
                last = get_column_letter(len(COLUMNS))
                sheet.auto_filter.ref = f"A1:{last}{sheet.max_row}"
            ty.append_row(sheet, [agency, act, *_numbers(line), line.satisfied_share,
                                  line.disciplined])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in range(2, sheet.max_row + 1):
            share = sheet.cell(row, SHARE_COLUMN)
            share.number_format = "0.0%"
            if share.value is None:
                share.value = NO_SHARE
                share.alignment = Alignment(horizontal="right")
        about = ty.about_sheet(book, _(ABOUT), [
            (_(LABEL_REPORT), _(TITLE)), (_(LABEL_FROM), stats.date_from),
            (_(LABEL_TO), stats.date_to), (_(LABEL_AS_OF), stats.as_of),
            (_(LABEL_OFFICE), office), (_(LABEL_GENERATED), generated_at)])
        ty.append_row(about, [])
        ty.append_row(about, [_(LEGEND)])
        about.cell(about.max_row, 1).font = Font(bold=True)
        for text in _legend(stats):
            ty.append_row(about, [text])
        book.properties.title = _(TITLE)
        book.properties.creator = office
        book.properties.created = ty.excel_time(generated_at)
        book.save(target)

    atomic_write(path, write, suffix=".xlsx")
