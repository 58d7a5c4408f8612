"""The look shared by every document the application writes: PDF fonts, page, styles, footer,
metadata; and the header and "About" sheet of spreadsheets.

Russian official documents use A4 with a 30 mm left margin (for binding), 15 mm right and
20 mm top and bottom, a serif face at 14/12/10 pt and "Page X of Y" in the footer. Reports and
later the minutes build their story from ``styles()`` and ``table_style()`` and hand it to
``build()``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape

from babel.dates import format_date as babel_format_date
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from ..domain.messages import N_
from ..i18n import language, tr, writes_day_first
from ..paths import resource

# Fixed creation date and document id: the same input gives the same bytes (DESIGN §9).
rl_config.invariant = 1

FAMILY = "LiberationSerif"
BOLD = "LiberationSerif-Bold"
ITALIC = "LiberationSerif-Italic"
BOLD_ITALIC = "LiberationSerif-BoldItalic"
_FILES = {FAMILY: "LiberationSerif-Regular.ttf", BOLD: "LiberationSerif-Bold.ttf",
          ITALIC: "LiberationSerif-Italic.ttf", BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf"}

PAGE = A4
LEFT_MARGIN = 30 * mm
RIGHT_MARGIN = 15 * mm
TOP_MARGIN = 20 * mm
BOTTOM_MARGIN = 20 * mm

TITLE_SIZE = 14
BODY_SIZE = 12
SMALL_SIZE = 10

PAGE_OF = N_("Page {page} of {pages}")
CREATOR = "Workgroup"
_PDF_LANG = {"ru": "ru-RU", "be": "be-BY", "en": "en-GB"}

_registered = False
_lock = threading.Lock()


def register_fonts() -> None:
    """Register Liberation Serif with reportlab once per process, so <b>/<i> in paragraphs
    pick the right face and nothing falls back to Helvetica (which has no Cyrillic)."""
    global _registered
    with _lock:
        if _registered:
            return
        for name, filename in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(resource("fonts", filename))))
        pdfmetrics.registerFontFamily(FAMILY, normal=FAMILY, bold=BOLD, italic=ITALIC,
                                      boldItalic=BOLD_ITALIC)
        _registered = True


def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles by name: title, heading, body, centered, small, cell, cell_number,
    cell_centered, header, total, total_number. A fresh set each call, so a caller may adjust
    its copy."""
    register_fonts()
    body = ParagraphStyle("body", fontName=FAMILY, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.25,
                          alignment=TA_LEFT, spaceAfter=2)
    cell = ParagraphStyle("cell", parent=body, fontSize=SMALL_SIZE, leading=SMALL_SIZE * 1.2,
                          spaceAfter=0)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=TITLE_SIZE,
                                leading=TITLE_SIZE * 1.25, alignment=TA_CENTER, spaceAfter=4),
        "heading": ParagraphStyle("heading", parent=body, fontName=BOLD, spaceBefore=8,
                                  spaceAfter=4),
        "body": body,
        "centered": ParagraphStyle("centered", parent=body, alignment=TA_CENTER),
        "small": ParagraphStyle("small", parent=body, fontSize=SMALL_SIZE,
                                leading=SMALL_SIZE * 1.25),
        "cell": cell,
        "cell_number": ParagraphStyle("cell_number", parent=cell, alignment=TA_RIGHT),
        "cell_centered": ParagraphStyle("cell_centered", parent=cell, alignment=TA_CENTER),
        "header": ParagraphStyle("header", parent=cell, fontName=BOLD, alignment=TA_CENTER),
        "total": ParagraphStyle("total", parent=cell, fontName=BOLD),
        "total_number": ParagraphStyle("total_number", parent=cell, fontName=BOLD,
                                       alignment=TA_RIGHT),
    }


def table_style(header_rows: int = 1) -> TableStyle:
    """Grid, padding and an explicit FONT for every cell (plain strings in a Table would
    otherwise be set in Helvetica); the first ``header_rows`` rows bold on light grey."""
    register_fonts()
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FAMILY, SMALL_SIZE, SMALL_SIZE * 1.2),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows > 0:
        last = header_rows - 1
        commands += [
            ("FONT", (0, 0), (-1, last), BOLD, SMALL_SIZE, SMALL_SIZE * 1.2),
            ("BACKGROUND", (0, 0), (-1, last), colors.HexColor("#E8E8E8")),
            ("VALIGN", (0, 0), (-1, last), "MIDDLE"),
        ]
    return TableStyle(commands)


MIN_HEADER_SIZE = 6.5


def fit_words(row: list[Flowable], widths: Sequence[float]) -> list[Flowable]:
    """A header cell whose longest word is wider than its column is set smaller, down to
    6.5 pt, rather than broken inside the word ("Пратэрмінав-ана"): a Belarusian or Russian
    heading word can be twice an English one."""
    fitted: list[Flowable] = []
    for cell, width in zip(row, widths, strict=True):
        if isinstance(cell, Paragraph) and (words := cell.getPlainText().split()):
            style = cell.style
            longest = max(pdfmetrics.stringWidth(w, style.fontName, style.fontSize)
                          for w in words)
            room = width - 6  # the cell's left and right padding
            if longest > room:
                size = max(MIN_HEADER_SIZE, int(style.fontSize * room / longest * 10) / 10)
                cell = Paragraph(cell.text, ParagraphStyle(
                    f"{style.name}_fitted", parent=style, fontSize=size, leading=size * 1.2))
        fitted.append(cell)
    return fitted


def data_table(data: list[list[Flowable]], widths: Sequence[float], doc: SimpleDocTemplate, *,
               header_rows: int = 1) -> Table:
    """A table in ``table_style``, columns ``widths`` wide, whose header repeats on every page.

    Rows move whole to the next page. Only when some row is taller than a page (an action
    of 4000 characters) may rows split inside; then reportlab must not split between rows
    first, or the rest of the table starts again, header and all, in the same page.
    """
    data = [fit_words(row, widths) for row in data[:header_rows]] + data[header_rows:]
    frame = doc.height - 12  # the frame's own top and bottom padding
    heights = [max((cell.wrap(width - 6, frame)[1] for cell, width in zip(row, widths,
                                                                           strict=True)),
                   default=0) + 5 for row in data]
    too_tall = max(heights[header_rows:], default=0) > frame - sum(heights[:header_rows])
    split = {"splitByRow": 0, "splitInRow": 1} if too_tall else {}
    table = Table(data, colWidths=list(widths), repeatRows=header_rows, **split)
    table.setStyle(table_style(header_rows))
    return table


def format_date(d: date) -> str:
    """A date as the current language writes it in documents: 05.03.2026 or 5 Mar 2026."""
    pattern = "dd.MM.yyyy" if writes_day_first() else "d MMM y"
    return babel_format_date(d, pattern, locale=language())


def format_datetime(moment: datetime) -> str:
    """Date and minutes, for "generated at" lines: 05.03.2026 14:07."""
    return f"{format_date(moment.date())} {moment:%H:%M}"


def paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: user data may hold "&" or "<", which reportlab would read
    as markup; line breaks are kept."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def pdf_document(target: Path | str | IO[bytes], *, title: str, author: str, subject: str,
                 wide: bool = False, lang: str | None = None) -> SimpleDocTemplate:
    """A4 template (landscape when ``wide``) with the official margins and the metadata
    viewers show: title, author (the office), subject, language (``lang``, else the
    interface's). ``target`` is a file name or a binary stream such as ``BytesIO``."""
    register_fonts()
    return SimpleDocTemplate(
        str(target) if isinstance(target, str | Path) else target,
        pagesize=landscape(PAGE) if wide else PAGE,
        leftMargin=LEFT_MARGIN, rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN, bottomMargin=BOTTOM_MARGIN,
        title=title, author=author, subject=subject, creator=CREATOR, producer=CREATOR,
        lang=_PDF_LANG.get(lang or language(), "en-GB"), invariant=1,
        initialFontName=FAMILY, initialFontSize=BODY_SIZE,
    )


class _NumberedCanvas(Canvas):
    """Holds every page until the end so the footer can say how many pages there are."""

    def __init__(self, *args: Any, translate: Callable[..., str] = tr, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, Any]] = []
        self._translate = translate
        self.page_count = 0

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for state in self._held:
            self.__dict__.update(state)  # brings back each page's own number and stream
            self._draw_footer(total)
            super().showPage()
        self.page_count = total
        super().save()

    def _draw_footer(self, total: int) -> None:
        width = self._pagesize[0]
        self.saveState()
        self.setFont(FAMILY, SMALL_SIZE)
        text = self._translate(PAGE_OF, page=self._pageNumber, pages=total)
        centre = LEFT_MARGIN + (width - LEFT_MARGIN - RIGHT_MARGIN) / 2
        self.drawCentredString(centre, BOTTOM_MARGIN / 2, text)
        self.restoreState()


def build(doc: SimpleDocTemplate, story: Sequence[Flowable], *,
          translate: Callable[..., str] | None = None) -> int:
    """Lay out ``story`` into ``doc`` with the "Page X of Y" footer, write the file and
    return the number of pages. The footer speaks ``translate`` (a ``Translator`` of the
    document's language) or else the interface's language."""
    doc.build(list(story), canvasmaker=partial(_NumberedCanvas, translate=translate or tr))
    canvas = doc.canv
    assert isinstance(canvas, _NumberedCanvas)
    return canvas.page_count


# Spreadsheets -------------------------------------------------------------------------------

def excel_time(moment: datetime) -> datetime:
    """Excel has no time zones: keep the wall time the moment carries, as the PDF shows it."""
    return moment.replace(tzinfo=None)


def append_row(sheet: Worksheet, values: Sequence[object]) -> None:
    """Append a row with user text kept as text: characters XML cannot hold are dropped, and
    text beginning like a formula ("=", "+", "-", "@") stays a string, never a formula that a
    spreadsheet would run."""
    cleaned = [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in values]
    sheet.append(cleaned)
    for cell, value in zip(sheet[sheet.max_row], cleaned, strict=False):
        if isinstance(value, str) and value[:1] in FORMULA_STARTS:
            cell.value = value
            cell.data_type = "s"
            cell.quotePrefix = True


FORMULA_STARTS = ("=", "+", "-", "@")


def sheet_header(sheet: Worksheet, headers: Sequence[str], widths: Sequence[float]) -> None:
    """Row 1: bold wrapped headers, repeated on printed pages, frozen above the data."""
    append_row(sheet, list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def about_sheet(book: Workbook, title: str, pairs: Sequence[tuple[str, object]]) -> Worksheet:
    """A small second sheet of label/value lines saying what the report is and when it was
    made; dates and times get a readable number format."""
    sheet = book.create_sheet(title[:31])  # Excel's limit on sheet names
    for label, value in pairs:
        if isinstance(value, datetime):
            value = excel_time(value)
        append_row(sheet, [label, value])
        line = sheet.max_row
        sheet.cell(line, 1).font = Font(bold=True)
        if isinstance(value, datetime):
            sheet.cell(line, 2).number_format = "DD.MM.YYYY HH:MM"
        elif isinstance(value, date):
            sheet.cell(line, 2).number_format = "DD.MM.YYYY"
        sheet.cell(line, 2).alignment = Alignment(horizontal="left")
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 70
    return sheet
