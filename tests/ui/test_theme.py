"""The program's few colours of meaning follow the light or dark scheme (issue 9) and stay
readable on either: WCAG contrast 4.5:1 for text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from workgroup_app.ui import theme
from workgroup_app.ui.overview.tiles import RED, FigureTile

TEXT = (theme.ERROR, theme.WARNING, theme.GOOD, theme.INFO, theme.MUTED)
BACKGROUNDS = (("#ffffff", "#202124"), ("#efefef", "#2d2d2d"))  # base and window, light/dark


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    q = QColor(colour)
    return 0.2126 * channel(q.red()) + 0.7152 * channel(q.green()) + 0.0722 * channel(q.blue())


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture
def dark_palette(qapp: Any) -> Iterator[None]:
    before = QApplication.palette()
    palette = QPalette(before)
    for role, value in ((QPalette.ColorRole.Window, "#2d2d2d"),
                        (QPalette.ColorRole.Base, "#202124"),
                        (QPalette.ColorRole.WindowText, "#e8eaed"),
                        (QPalette.ColorRole.Text, "#e8eaed")):
        palette.setColor(role, QColor(value))
    QApplication.setPalette(palette)
    yield
    QApplication.setPalette(before)


def test_every_colour_of_meaning_reads_on_its_scheme() -> None:
    for light, dark in TEXT:
        for light_back, dark_back in BACKGROUNDS:
            assert contrast(light, light_back) >= 4.5, (light, light_back)
            assert contrast(dark, dark_back) >= 4.5, (dark, dark_back)


def test_the_light_palette_gets_the_light_colours(qapp: Any) -> None:
    assert not theme.dark()
    assert theme.error_style() == f"color: {theme.ERROR[0]};"


def test_a_dark_palette_gets_the_dark_colours(qtbot: Any, dark_palette: None) -> None:
    assert theme.dark()
    assert theme.muted() == f"color: {theme.MUTED[1]};"
    tile = FigureTile("Overdue", RED, "")
    qtbot.addWidget(tile)
    tile.set_value(7)
    assert RED[1] in tile.styleSheet() and theme.BORDER[1] in tile.styleSheet()
    assert RED[0] not in tile.styleSheet()


def _unticked_box_contrast(qtbot: Any, legible: bool) -> float:
    """The strongest contrast between the base and any pixel of an unticked item's check box
    in a list drawn by Fusion."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyleFactory

    view = QListWidget()
    qtbot.addWidget(view)
    view.setStyle(QStyleFactory.create("Fusion"))
    item = QListWidgetItem("Прокуратура области", view)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Unchecked)
    if legible:
        theme.legible_check_boxes(view)
    view.resize(300, 80)
    image = view.viewport().grab().toImage()
    rect = view.visualItemRect(item)
    base = QColor("#202124").name()
    return max(contrast(base, image.pixelColor(x, y).name())
               for x in range(rect.left(), rect.left() + rect.height() + 4)
               for y in range(rect.top(), rect.bottom()))


def test_unticked_check_boxes_in_lists_show_under_a_dark_palette(qtbot: Any,
                                                                 dark_palette: None) -> None:
    assert _unticked_box_contrast(qtbot, legible=False) < 1.5  # Fusion's own: all but gone
    assert _unticked_box_contrast(qtbot, legible=True) >= 3.0  # WCAG's 3:1 for a control


def test_only_the_boxes_change_not_the_view_or_its_frame(qtbot: Any, dark_palette: None) -> None:
    from PySide6.QtWidgets import QListWidget

    view = QListWidget()
    qtbot.addWidget(view)
    before = view.palette().color(QPalette.ColorRole.Window).name()
    theme.legible_check_boxes(view)
    assert view.palette().color(QPalette.ColorRole.Window).name() == before
    assert isinstance(view.itemDelegate(), theme.LegibleCheckDelegate)
