"""The audit trail as PDF and as a spreadsheet: one line per entry, newest first, the filter in
the heading.

Entries arrive as an iterator and are never held all at once: the PDF lays its table out a
frame at a time (``StreamedTable``) and the workbook is written in openpyxl's write-only mode,
so an export of the whole trail of a busy office costs time, not memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table

from ..domain.messages import N_
from ..i18n import _, tr
from . import typography as ty
from .files import atomic_write

TITLE = N_("Audit trail")
SUBJECT = N_("Who changed what, when and at which office")
TOTAL = N_("Entries: {count}")
NOTHING = N_("No entries match.")
LOCAL_TIMES = N_("Times are this computer's local time ({zone}).")
GENERATED = N_("Generated {when}")
SHEET = N_("Audit trail")
ABOUT = N_("About")
LABEL_REPORT = N_("Document")
LABEL_FILTER = N_("Filter")
LABEL_OFFICE = N_("Office")
LABEL_GENERATED = N_("Generated")
LABEL_COUNT = N_("Entries")
SHEET_ROWS = 1_048_576  # Excel's limit; a longer trail goes on to a second sheet
HEAD_ROWS = 2  # the heading line and the column headers
WRAP = Alignment(wrap_text=True, vertical="top")

# Header, PDF width (mm; landscape A4 leaves 252 mm), spreadsheet width (characters).
COLUMNS: tuple[tuple[str, float, float], ...] = (
    (N_("Time"), 20, 19),
    (N_("Office"), 22, 24),
    (N_("No."), 10, 8),
    (N_("User"), 25, 14),
    (N_("Role"), 27, 16),
    (N_("Record kind"), 22, 18),
    (N_("Record id"), 34, 38),
    (N_("Operation"), 26, 14),
    (N_("Changes"), 66, 80),
)


@dataclass(frozen=True, slots=True)
class AuditReportRow:
    """One entry as the files show it: texts in the reader's language, ``at`` in local time."""

    at: datetime
    when: str
    office: str
    seq: int
    user: str
    role: str
    kind: str
    record_id: str
    operation: str
    changes: list[str]  # "field: old → new"


# ---- PDF -----------------------------------------------------------------------------------------

SLACK = 1.0  # points kept free below a frame's rows: the table must fit where it was measured
PADDING_X, PADDING_Y = 6, 5  # left + right and top + bottom padding of ty.table_style


class StreamedTable(Flowable):
    """A table whose rows come from an iterator. It never fits whole, so platypus asks it to
    split; each split takes the rows that fit the space left into an ordinary table with the
    header and hands itself back for the rest. One row is read ahead."""

    def __init__(self, header: list[Flowable], rows: Iterator[list[Flowable]],
                 widths: list[float], frame_height: float) -> None:
        super().__init__()
        self.header, self.rows, self.widths = header, rows, widths
        self.frame_height = frame_height
        self.count = 0
        self._ahead: list[Flowable] | None = None
        self._ended = False
        self._header_height = self._height(header)

    def _height(self, row: list[Flowable]) -> float:
        return max(cell.wrap(width - PADDING_X, self.frame_height)[1]
                   for cell, width in zip(row, self.widths, strict=True)) + PADDING_Y

    def _peek(self) -> list[Flowable] | None:
        if self._ahead is None and not self._ended:
            self._ahead = next(self.rows, None)
            self._ended = self._ahead is None
        return self._ahead

    def _take(self) -> list[Flowable]:
        row = self._peek()
        assert row is not None
        self._ahead = None
        self.count += 1
        return row

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._peek() is None:
            return 0, 0
        return availWidth, availHeight + 1

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        chunk: list[list[Flowable]] = []
        heights = [self._header_height]
        while (row := self._peek()) is not None:
            height = self._height(row)
            if sum(heights) + height > availHeight - SLACK:
                break
            chunk.append(self._take())
            heights.append(height)
        if chunk:
            self.__dict__.pop("_postponed", None)  # placed: may wait for a frame again
            # The heights measured here spare the table measuring every paragraph again.
            return [self._table([self.header, *chunk], heights), self]
        if self._peek() is None or availHeight < self.frame_height - SLACK:
            return []  # nothing left, or the next frame has room for the row
        # A row taller than a whole frame (a text of thousands of words): a table that may
        # break inside its row, as ty.data_table makes it.
        self.__dict__.pop("_postponed", None)
        table = self._table([self.header, self._take()], split_in_row=True)
        table.wrap(availWidth, availHeight)
        return [*table.split(availWidth, availHeight), self]

    def _table(self, data: list[list[Flowable]], heights: list[float] | None = None,
               split_in_row: bool = False) -> Table:
        split = {"splitByRow": 0, "splitInRow": 1} if split_in_row else {}
        table = Table(data, colWidths=self.widths, rowHeights=heights, repeatRows=1, **split)
        table.setStyle(ty.table_style(1))  # an explicit FONT: no Helvetica (DESIGN §9)
        return table

    def draw(self) -> None:
        """Draws nothing itself: the tables it splits into do."""


class LateParagraph(Flowable):
    """A paragraph whose text is known only when it is laid out (the count of a streamed
    table, which is read to the end by then)."""

    def __init__(self, text: Callable[[], str], style: Any) -> None:
        super().__init__()
        self.text, self.style = text, style
        self._paragraph: Paragraph | None = None

    def _made(self) -> Paragraph:
        if self._paragraph is None:
            self._paragraph = ty.paragraph(self.text(), self.style)
        return self._paragraph

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self._made().wrap(availWidth, availHeight)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return self._made().split(availWidth, availHeight)

    def draw(self) -> None:
        self._made().drawOn(self.canv, 0, 0)


def _cells(row: AuditReportRow, st: dict[str, Any]) -> list[Flowable]:
    return [ty.paragraph(row.when, st["cell"]), ty.paragraph(row.office, st["cell"]),
            ty.paragraph(str(row.seq), st["cell_number"]), ty.paragraph(row.user, st["cell"]),
            ty.paragraph(row.role, st["cell"]), ty.paragraph(row.kind, st["cell"]),
            ty.paragraph(row.record_id, st["cell"]), ty.paragraph(row.operation, st["cell"]),
            ty.paragraph("\n".join(row.changes), st["cell"])]


def zone_name(moment: datetime) -> str:
    """This computer's offset from UTC at ``moment``: "UTC+03:00"."""
    offset = moment.astimezone().strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"


def _pdf_story(rows: Iterable[AuditReportRow], office: str, heading: str,
               generated_at: datetime, doc: SimpleDocTemplate) -> list[Flowable]:
    st = ty.styles()
    scale = doc.width / (sum(c[1] for c in COLUMNS) * mm)  # fill the width exactly
    widths = [c[1] * mm * scale for c in COLUMNS]
    header: list[Flowable] = [ty.paragraph(_(c[0]), st["header"]) for c in COLUMNS]
    table = StreamedTable(header, (_cells(row, st) for row in rows), widths, doc.height - 12)

    def total() -> str:
        return tr(TOTAL, count=table.count) if table.count else _(NOTHING)

    return [ty.paragraph(office, st["centered"]), Spacer(1, 4 * mm),
            ty.paragraph(_(TITLE), st["title"]), ty.paragraph(heading, st["centered"]),
            ty.paragraph(tr(LOCAL_TIMES, zone=zone_name(generated_at)), st["small"]),
            Spacer(1, 3 * mm), table, Spacer(1, 3 * mm), LateParagraph(total, st["body"]),
            Spacer(1, 4 * mm),
            ty.paragraph(tr(GENERATED, when=ty.format_datetime(generated_at.astimezone())),
                         st["small"])]


def write_audit_pdf(rows: Iterable[AuditReportRow], path: Path, *, office: str, heading: str,
                    generated_at: datetime) -> int:
    """Landscape A4, the header on every page; returns how many entries were written."""
    written = 0

    def write(target: Path) -> None:
        nonlocal written
        doc = ty.pdf_document(target, title=_(TITLE), author=office, subject=_(SUBJECT),
                              wide=True)
        story = _pdf_story(rows, office, heading, generated_at, doc)
        ty.build(doc, story)
        written = next(f.count for f in story if isinstance(f, StreamedTable))

    atomic_write(path, write, suffix=".pdf")
    return written


# ---- XLSX ----------------------------------------------------------------------------------------

def _text_cell(sheet: WriteOnlyWorksheet, value: object, **style: Any) -> WriteOnlyCell:
    """A cell whose text stays text: no characters XML cannot hold, and nothing that starts
    like a formula ever becomes one (as ty.append_row does for ordinary sheets)."""
    cleaned = ty.ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value
    cell = WriteOnlyCell(sheet, cleaned)
    if isinstance(cleaned, str) and cleaned[:1] in ty.FORMULA_STARTS:
        cell.data_type = "s"
        cell.quotePrefix = True
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _new_sheet(book: Workbook, title: str, heading: str) -> WriteOnlyWorksheet:
    sheet = book.create_sheet(title[:31])
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column[2]
    sheet.freeze_panes = f"A{HEAD_ROWS + 1}"
    sheet.print_title_rows = f"{HEAD_ROWS}:{HEAD_ROWS}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.append([_text_cell(sheet, f"{_(TITLE)}. {heading}", font=Font(bold=True))])
    centred = Alignment(wrap_text=True, vertical="center", horizontal="center")
    sheet.append([_text_cell(sheet, _(c[0]), font=Font(bold=True), alignment=centred)
                  for c in COLUMNS])
    return sheet


def _plain(sheet: WriteOnlyWorksheet, value: object) -> object:
    """A value as it goes in a row: most need no cell of their own (styles cost time at a
    million rows); text that could read as a formula does."""
    if isinstance(value, str) and (value[:1] in ty.FORMULA_STARTS
                                   or ty.ILLEGAL_CHARACTERS_RE.search(value)):
        return _text_cell(sheet, value)
    return value


def _entry_cells(sheet: WriteOnlyWorksheet, row: AuditReportRow) -> list[object]:
    when = WriteOnlyCell(sheet, ty.excel_time(row.at))
    when.number_format = "DD.MM.YYYY HH:MM:SS"
    changes = _text_cell(sheet, "\n".join(row.changes), alignment=WRAP)
    return [when, *(_plain(sheet, value) for value in (
        row.office, row.seq, row.user, row.role, row.kind, row.record_id, row.operation)),
        changes]


def _filter_rows(sheet: WriteOnlyWorksheet, last_row: int) -> None:
    sheet.auto_filter.ref = f"A{HEAD_ROWS}:{get_column_letter(len(COLUMNS))}{last_row}"


def write_audit_xlsx(rows: Iterable[AuditReportRow], path: Path, *, office: str, heading: str,
                     generated_at: datetime) -> int:
    """Sheet one: the heading with the filter, then one row per entry (time as a date, the
    entry number as a number, a filter over the rows, the header frozen); a trail longer than
    a sheet goes on in the next. Last sheet: what, which filter, office, when, how many."""
    written = 0

    def write(target: Path) -> None:
        nonlocal written
        book = Workbook(write_only=True)
        sheet = _new_sheet(book, _(SHEET), heading)
        used, sheets = HEAD_ROWS, 1
        for row in rows:
            if used == SHEET_ROWS:
                _filter_rows(sheet, used)
                sheets += 1
                sheet = _new_sheet(book, f"{_(SHEET)[:26]} ({sheets})", heading)
                used = HEAD_ROWS
            sheet.append(_entry_cells(sheet, row))
            used += 1
            written += 1
        _filter_rows(sheet, used)
        about = book.create_sheet(_(ABOUT)[:31])
        about.column_dimensions["A"].width = 24
        about.column_dimensions["B"].width = 70
        generated = ty.excel_time(generated_at.astimezone())
        for label, value in ((_(LABEL_REPORT), _(TITLE)), (_(LABEL_FILTER), heading),
                             (_(LABEL_OFFICE), office), (_(LABEL_GENERATED), generated),
                             (_(LABEL_COUNT), written)):
            cell = _text_cell(about, value, alignment=Alignment(horizontal="left"))
            if isinstance(value, datetime):
                cell.number_format = "DD.MM.YYYY HH:MM"
            about.append([_text_cell(about, label, font=Font(bold=True)), cell])
        book.properties.title = _(TITLE)
        book.properties.creator = office
        book.properties.created = ty.excel_time(generated_at)
        book.save(target)

    atomic_write(path, write, suffix=".xlsx")
    return written
