"""The window opens where the user left it (issue 9): its size and each page's dividers."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QSplitter

from workgroup_app.ui.context import UiContext
from workgroup_app.ui.main_window import MainWindow


def remembering_window(qtbot: Any, context: UiContext) -> MainWindow:
    window = MainWindow(context, remember=True, reminders=False, watch=False)
    qtbot.addWidget(window)
    return window


def test_size_page_and_dividers_come_back_at_the_next_start(
        qtbot: Any, ui_context: UiContext) -> None:
    first = remembering_window(qtbot, ui_context)
    first.resize(701, 455)  # within the offscreen screen (800×600)
    first.show()
    page = first.show_page("meetings")
    splitter = page.findChildren(QSplitter)[0]
    splitter.setSizes([300, 700])
    wanted = splitter.sizes()
    left = (first.width(), first.height())  # as small as its pages allow, not the default
    assert left != (1280, 800)
    first.close()

    second = remembering_window(qtbot, ui_context)
    # The offscreen screen is 800 pixels wide: the width comes back clamped to it.
    assert second.height() == left[1] and second.width() <= left[0]
    assert second.current_page().key == "meetings"
    # The list keeps its width; the editor takes what the (clamped) window leaves.
    assert second.current_page().findChildren(QSplitter)[0].sizes()[0] == wanted[0]


def test_a_window_that_does_not_remember_leaves_no_trace(
        qtbot: Any, ui_context: UiContext) -> None:
    from PySide6.QtCore import QSettings

    QSettings("Workgroup", "Workgroup").setValue("window/geometry", b"kept")
    window = MainWindow(ui_context, remember=False)
    qtbot.addWidget(window)
    window.resize(600, 400)
    window.close()
    assert QSettings("Workgroup", "Workgroup").value("window/geometry") == b"kept"
    QSettings("Workgroup", "Workgroup").remove("window/geometry")
