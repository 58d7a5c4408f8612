"""The overdue actions by age as horizontal bars, drawn by hand: four bars need no chart
library, and every bar is a target to click (or to reach with the arrow keys and Enter)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...domain.action_views import AGE_BUCKETS
from ...i18n import _, count_text, tr
from .. import theme

# Older is darker: the eye goes to the long-overdue first.
BAR_COLOURS = ("#e8958d", "#d65a4f", "#b3261e", "#7a1712")
ROW_HEIGHT, ROW_GAP, MARGIN = 28, 8, 8


def bucket_label(low: int, high: int | None) -> str:
    if high is None:
        return tr("over {days} days", days=low - 1)
    return tr("{low}–{high} days", low=low, high=high)


class AgeChart(QWidget):
    """``clicked`` carries the index of the bucket (in the order of AGE_BUCKETS)."""

    clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts: tuple[int, ...] = (0,) * len(AGE_BUCKETS)
        self.labels = [bucket_label(low, high) for low, high in AGE_BUCKETS]
        self.current = 0
        self._hover = -1
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.sizeHint().height())
        self.setAccessibleName(_("Overdue actions by age"))
        self.setToolTip(_("Click a bar to open these actions"))

    def sizeHint(self) -> QSize:
        rows = len(AGE_BUCKETS)
        return QSize(420, 2 * MARGIN + rows * ROW_HEIGHT + (rows - 1) * ROW_GAP)

    def set_counts(self, counts: Sequence[int]) -> None:
        self.counts = tuple(counts)
        self.setAccessibleDescription("; ".join(
            f"{label}: {count}" for label, count in zip(self.labels, self.counts, strict=True)))
        self.update()

    # -- geometry ----------------------------------------------------------------------------
    def _label_width(self) -> int:
        metrics = self.fontMetrics()
        return max(metrics.horizontalAdvance(label) for label in self.labels) + 16

    def row_rect(self, index: int) -> QRect:
        """The clickable band of bucket ``index``: its label, its bar and the room after it."""
        top = MARGIN + index * (ROW_HEIGHT + ROW_GAP)
        return QRect(0, top, self.width(), ROW_HEIGHT)

    def bar_rect(self, index: int) -> QRectF:
        """Where bucket ``index``'s bar is drawn (at least a sliver, so a zero shows too)."""
        left = self._label_width()
        number_room = self.fontMetrics().horizontalAdvance("000 000") + 16
        track = max(10, self.width() - left - number_room - MARGIN)
        top = self.row_rect(index).top() + 3
        biggest = max(self.counts) or 1
        width = max(3.0, track * self.counts[index] / biggest)
        return QRectF(left, top, width, ROW_HEIGHT - 6)

    def index_at(self, x: float, y: float) -> int:
        for index in range(len(AGE_BUCKETS)):
            if self.row_rect(index).contains(int(x), int(y)):
                return index
        return -1

    # -- drawing -----------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        text_colour = self.palette().windowText().color()
        for index, (label, count) in enumerate(zip(self.labels, self.counts, strict=True)):
            band = self.row_rect(index)
            if index == self._hover or (self.hasFocus() and index == self.current):
                painter.fillRect(band, QColor(179, 38, 30, 22))
            painter.setPen(text_colour)
            label_rect = QRect(MARGIN, band.top(), self._label_width() - MARGIN - 8,
                               band.height())
            painter.drawText(label_rect, int(Qt.AlignmentFlag.AlignRight
                                             | Qt.AlignmentFlag.AlignVCenter), label)
            bar = self.bar_rect(index)
            colour = QColor(BAR_COLOURS[index]) if count else theme.qcolour(theme.BORDER)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(bar, 3, 3)
            font = QFont(self.font())
            font.setBold(bool(count))
            painter.setFont(font)
            painter.setPen(QPen(theme.qcolour(theme.ERROR) if count else text_colour))
            number_rect = QRectF(bar.right() + 8, band.top(), metrics.horizontalAdvance(
                "000 000") + 8, band.height())
            painter.drawText(number_rect, int(Qt.AlignmentFlag.AlignLeft
                                              | Qt.AlignmentFlag.AlignVCenter), count_text(count))
            painter.setFont(self.font())
        painter.end()

    # -- input -------------------------------------------------------------------------------
    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.index_at(event.position().x(), event.position().y())
        if index != self._hover:
            self._hover = index
            self.setCursor(Qt.CursorShape.PointingHandCursor if index >= 0
                           else Qt.CursorShape.ArrowCursor)
            self.update()

    def leaveEvent(self, _event: object) -> None:
        self._hover = -1
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        index = self.index_at(event.position().x(), event.position().y())
        if event.button() == Qt.MouseButton.LeftButton and index >= 0:
            self.current = index
            self.clicked.emit(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = -1 if key == Qt.Key.Key_Up else 1
            self.current = (self.current + step) % len(AGE_BUCKETS)
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.current)
        else:
            super().keyPressEvent(event)
