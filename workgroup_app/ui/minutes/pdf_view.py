"""The preview of a protocol: QPdfView over a flattened display copy (QtPdf draws no signature
stamps, DESIGN §9), with page navigation and zoom; or a message in place of the pages."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QObject, QPointF, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _, tr
from .pdfium_pages import PdfError, display_copy

ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.25, 5.0
PAGES, MESSAGE = 0, 1


class PdfPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("minutesPreview")
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None  # QPdfDocument reads from it while it lives
        self.view = QPdfView(self)
        self.view.setObjectName("minutesPdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(_("Preview of the protocol"))
        self.message = QLabel(self)
        self.message.setObjectName("minutesPreviewMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setMargin(24)
        font = self.message.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.message.setFont(font)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.message)
        self._toolbar()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self.tools)
        column.addWidget(self.stack, 1)
        self.view.installEventFilter(self)
        navigator = self.view.pageNavigator()
        navigator.currentPageChanged.connect(self._page_changed)
        for keys, slot in ((QKeySequence.StandardKey.ZoomIn, self.zoom_in),
                           (QKeySequence("Ctrl+="), self.zoom_in),
                           (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
                           (QKeySequence("Ctrl+0"), self.fit_width)):
            QShortcut(keys, self, slot)
        self.clear()

    def _button(self, text: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.clicked.connect(slot)
        self.tools.addWidget(button)
        return button

    def _toolbar(self) -> None:
        self.tools = QHBoxLayout()
        self.previous_button = self._button("◀", _("Previous page"), self.previous_page)
        self.page = QSpinBox(self)
        self.page.setObjectName("minutesPage")
        self.page.setAccessibleName(_("Page"))
        self.page.setMinimum(1)
        self.page.valueChanged.connect(lambda value: self.go_to(value - 1))
        self.tools.addWidget(self.page)
        self.page_total = QLabel(self)
        self.tools.addWidget(self.page_total)
        self.next_button = self._button("▶", _("Next page"), self.next_page)
        self.tools.addStretch(1)
        self._button("−", _("Zoom out (Ctrl+-)"), self.zoom_out)
        self.zoom_label = QLabel(self)
        self.zoom_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000 %"))
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tools.addWidget(self.zoom_label)
        self._button("+", _("Zoom in (Ctrl++)"), self.zoom_in)
        self._button(_("Fit width"), _("Fit the page to the width (Ctrl+0)"), self.fit_width)

    # -- what is shown ---------------------------------------------------------------------
    def show_pdf(self, data: bytes) -> None:
        """Show ``data`` (its signature stamps included, through a flattened copy)."""
        try:
            shown = display_copy(data)
        except PdfError as error:
            self.show_message(tr("The PDF cannot be shown: {reason}", reason=str(error)))
            return
        buffer = QBuffer(self)
        buffer.setData(QByteArray(shown))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self.stack.setCurrentIndex(PAGES)
        self._set_enabled(True)
        self._page_limits()
        self.go_to(0)
        self._page_changed(0)
        self._zoom_text()

    def show_message(self, text: str) -> None:
        """Say ``text`` in place of the pages (nothing to show, or why not)."""
        self.document.close()
        self.message.setText(text)
        self.stack.setCurrentIndex(MESSAGE)
        self._set_enabled(False)
        self._page_limits()

    def clear(self) -> None:
        self.show_message("")

    def showing_pages(self) -> bool:
        return self.stack.currentIndex() == PAGES

    def message_text(self) -> str:
        return "" if self.showing_pages() else self.message.text()

    def page_count(self) -> int:
        return self.document.pageCount() if self.showing_pages() else 0

    def current_page(self) -> int:
        """The page in view, 0-based."""
        return self.view.pageNavigator().currentPage()

    def _set_enabled(self, on: bool) -> None:
        for index in range(self.tools.count()):
            widget = self.tools.itemAt(index).widget()
            if widget is not None:
                widget.setEnabled(on)

    def _page_limits(self) -> None:
        count = self.page_count()
        self.page.blockSignals(True)
        self.page.setMaximum(max(1, count))
        self.page.setValue(1)
        self.page.blockSignals(False)
        self.page_total.setText(tr("of {count}", count=count))

    # -- navigation and zoom ----------------------------------------------------------------
    def go_to(self, page: int) -> None:
        if 0 <= page < self.page_count():
            self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())

    def previous_page(self) -> None:
        self.go_to(self.current_page() - 1)

    def next_page(self) -> None:
        self.go_to(self.current_page() + 1)

    def _page_changed(self, page: int) -> None:
        self.page.blockSignals(True)
        self.page.setValue(page + 1)
        self.page.blockSignals(False)
        self.previous_button.setEnabled(self.showing_pages() and page > 0)
        self.next_button.setEnabled(self.showing_pages() and page + 1 < self.page_count())

    def zoom(self) -> float:
        """The scale the pages are drawn at now (1.0: real size)."""
        if self.view.zoomMode() != QPdfView.ZoomMode.FitToWidth or self.page_count() == 0:
            return self.view.zoomFactor()
        points = self.document.pagePointSize(max(0, self.current_page())).width()
        pixels = points * self.view.logicalDpiX() / 72.0
        margins = self.view.documentMargins()
        width = self.view.viewport().width() - margins.left() - margins.right()
        return max(ZOOM_MIN, width / pixels) if pixels > 0 else 1.0

    def set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(ZOOM_MAX, max(ZOOM_MIN, factor)))
        self._zoom_text()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._zoom_text()

    def _zoom_text(self) -> None:
        self.zoom_label.setText(f"{round(self.zoom() * 100)} %" if self.page_count() else "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Fitted to the width, the scale changes with the window: say it.
        if watched is self.view and event.type() == QEvent.Type.Resize:
            self._zoom_text()
        return super().eventFilter(watched, event)
