"""The application's own icons (resources/icons), drawn as SVG so they stay sharp at any
scale; the desktop theme's icon where ours is missing. The page icons are line drawings in
one colour, which is made the palette's text colour so they read on a light or dark one."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from ..paths import resource

PAGE_ICON_COLOUR = "#4a5a6e"  # the stroke the page icons are drawn with
SIZES = (16, 20, 24, 32, 48)


def app_icon() -> QIcon:
    return QIcon(str(resource("icons", "workgroup.svg")))


def page_icon(key: str, theme_name: str) -> QIcon:
    path = resource("icons", "pages", f"{key}.svg")
    if not path.is_file():
        return QIcon.fromTheme(theme_name)
    palette = QGuiApplication.palette()
    stroke = palette.color(QPalette.ColorRole.WindowText).name()
    svg = path.read_text(encoding="utf-8").replace(PAGE_ICON_COLOUR, stroke)
    renderer = QSvgRenderer(QByteArray(svg.encode()))
    icon = QIcon()
    ratio = QGuiApplication.primaryScreen().devicePixelRatio() \
        if QGuiApplication.primaryScreen() else 1.0
    for size in SIZES:
        icon.addPixmap(draw_svg(renderer, size, ratio))
    return icon


def draw_svg(renderer: QSvgRenderer, size: int, ratio: float) -> QPixmap:
    """A square pixmap of ``size`` logical pixels with ``ratio`` device pixels each: sharp on a
    high-DPI screen. The target rectangle is given in logical pixels; without it the drawing
    would take the device pixels as its size and come out ``ratio`` times too big, clipped."""
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap
