"""Printing a protocol through the system print dialog.

Pages are drawn by PDFium with their form fields, so the signature stamps reach the paper
(QtPdf would print empty boxes, DESIGN §9). The range, the current page and the number of
copies chosen in the dialog are honoured; where the printer cannot make copies itself (print
to a PDF file, say) the pages are sent once per copy.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPageSize, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ...i18n import _
from .pdfium_pages import page_images, page_sizes

# Text stays sharp at 300 dpi; a page at a printer's 1200 dpi would take half a gigabyte.
MAX_DPI = 300


def pages_to_print(printer: QPrinter, count: int, current: int = 0) -> list[int]:
    """The 0-based pages to send, in order, copies included when the printer makes none."""
    chosen = printer.printRange()
    if chosen == QPrinter.PrintRange.CurrentPage:
        pages = [min(max(0, current), count - 1)] if count else []
    elif chosen == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(count, printer.toPage() or count)
        pages = list(range(first - 1, last))
    else:
        pages = list(range(count))
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if printer.collateCopies():
        return pages * copies
    return [page for page in pages for _copy in range(copies)]


def _fit(image: QSize, area: QRect) -> QRect:
    """The largest rectangle of the image's proportions centred in ``area``."""
    scaled = image.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    left = area.left() + (area.width() - scaled.width()) // 2
    top = area.top() + (area.height() - scaled.height()) // 2
    return QRect(left, top, scaled.width(), scaled.height())


def print_document(printer: QPrinter, data: bytes, pages: list[int]) -> bool:
    """Draw ``pages`` of the PDF on ``printer``; False when the printer cannot be started."""
    if not pages:
        return True
    dpi = min(printer.resolution(), MAX_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        for number, image in enumerate(page_images(data, dpi, pages)):
            if number > 0:
                printer.newPage()
            target = _fit(image.size(), painter.viewport())
            painter.fillRect(target, QColor("white"))
            painter.drawImage(target, image)
    finally:
        painter.end()
    return True


def make_printer(data: bytes) -> QPrinter:
    """A printer set to the protocol's paper, the whole sheet addressable."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    sizes = page_sizes(data)
    if sizes:
        printer.setPageSize(QPageSize(sizes[0], QPageSize.Unit.Point, "",
                                      QPageSize.SizeMatchPolicy.FuzzyMatch))
    printer.setDocName(_("Protocol"))
    return printer


def print_pdf(data: bytes, parent: QWidget | None, current_page: int = 0) -> bool:
    """Ask the system print dialog, then print. True when something was sent to print."""
    printer = make_printer(data)
    count = len(page_sizes(data))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print the protocol"))
    dialog.setMinMax(1, max(1, count))
    for option in (QAbstractPrintDialog.PrintDialogOption.PrintPageRange,
                   QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage,
                   QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies):
        dialog.setOption(option, True)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
    finally:
        dialog.deleteLater()
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        done = print_document(printer, data, pages_to_print(printer, count, current_page))
    finally:
        QGuiApplication.restoreOverrideCursor()
    if not done:
        QMessageBox.warning(parent, _("Print the protocol"),
                            _("The printer could not be started. Check that it is "
                              "connected, or choose another one."))
    return done
