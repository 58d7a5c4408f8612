"""PDF pages through PDFium (pypdfium2), which draws signature appearances where QtPdf does not
(DESIGN §9): a flattened copy for the on-screen preview, and page images for the printer.

PDFium is not thread-safe, so these run on the UI thread only; both are quick (a flattened
copy takes a few milliseconds, a page at 300 dpi a tenth of a second).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QImage

POINTS_PER_INCH = 72.0
PdfError = pdfium.PdfiumError  # what PDFium raises on a file it cannot read


def display_copy(data: bytes) -> bytes:
    """A copy with every annotation (the signature stamps among them) burnt into the page
    content, for QtPdf to show. It carries no signatures: never save or send it."""
    pdf = pdfium.PdfDocument(data)
    try:
        pdf.init_forms()  # form widgets get their appearance streams before flattening
        for index in range(len(pdf)):
            page = pdf[index]
            pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_PRINT)
            page.close()
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()
    finally:
        pdf.close()


def page_count(data: bytes) -> int:
    pdf = pdfium.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def page_sizes(data: bytes) -> list[QSizeF]:
    """Each page's size in points."""
    pdf = pdfium.PdfDocument(data)
    try:
        sizes = []
        for index in range(len(pdf)):
            page = pdf[index]
            width, height = page.get_size()
            sizes.append(QSizeF(width, height))
            page.close()
        return sizes
    finally:
        pdf.close()


def page_images(data: bytes, dpi: float, pages: Iterable[int]) -> Iterator[QImage]:
    """The pages (0-based) as images at ``dpi``, form fields and signature stamps drawn."""
    pdf = pdfium.PdfDocument(data)
    try:
        pdf.init_forms()
        for index in pages:
            page = pdf[index]
            bitmap = page.render(scale=dpi / POINTS_PER_INCH, may_draw_forms=True,
                                 force_bitmap_format=pdfium_c.FPDFBitmap_BGRA,
                                 rev_byteorder=True)
            # copy(): the QImage must own its pixels before PDFium frees the bitmap
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGBA8888).copy()
            bitmap.close()
            page.close()
            yield image
    finally:
        pdf.close()
