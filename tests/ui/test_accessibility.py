"""Every control a user works with has a name a screen reader can say (issue 9): its own
accessible name, its text, or a label that is its buddy. Qt's own parts (headers, calendar
and combo popups, a line edit's clear button) name themselves."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from workgroup_app.ui.pages.registry import PAGE_KEYS

from .accessibility_checks import CONTROLS, qt_own, tab_order_jumps, unnamed, without_tab_stop


def test_every_control_of_every_page_has_a_name(main_window: Any) -> None:
    for key in PAGE_KEYS:
        main_window.show_page(key)
    assert unnamed(main_window) == []


def test_every_control_but_the_date_buttons_takes_a_tab_stop(main_window: Any) -> None:
    """The date buttons are skipped on purpose: Alt+Down in the field opens their calendar."""
    from PySide6.QtCore import Qt

    for key in PAGE_KEYS:
        main_window.show_page(key)
    skipped = [f"{type(w).__name__} {w.objectName()!r} {w.accessibleName()!r}"
               for w in main_window.findChildren(QWidget)
               if isinstance(w, CONTROLS) and not qt_own(w)
               and not w.focusPolicy() & Qt.FocusPolicy.TabFocus
               and w.accessibleName() != "Pick a date from the calendar"]
    assert skipped == []


def test_alt_down_in_a_date_field_opens_the_calendar(qtbot: Any) -> None:
    from datetime import date

    from PySide6.QtCore import Qt

    from workgroup_app.ui.widgets.date_edit import DateEdit

    field = DateEdit()
    qtbot.addWidget(field)
    field.set_value(date(2026, 3, 12))
    field.show()
    field.line.setFocus()
    qtbot.keyClick(field.line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert field.menu.isVisible()
    assert field.calendar.selectedDate().toPython() == date(2026, 3, 12)
    field.menu.close()


def test_the_dialogs_other_tests_build_without_showing_name_their_controls(qtbot: Any) -> None:
    """Every other dialog is checked as the GUI tests show it (conftest's DialogWatch); these
    three are only built there, so they are shown here."""
    from workgroup_app.ui.minutes.extract_dialog import ExtractDialog, ExtractTarget
    from workgroup_app.ui.minutes.reason_dialog import ReasonDialog
    from workgroup_app.ui.widgets.passphrase_dialog import PassphraseDialog

    dialogs = [
        ExtractDialog(None, [ExtractTarget(1, "О мерах", (("a1", "УВД"), ("a2", "Таможня")))]),
        ReasonDialog(None, "Withdraw", "Say why the protocol is withdrawn.", "Withdraw"),
        PassphraseDialog(None, "New key", "No system keyring is available.", confirm=True),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        assert unnamed(dialog, visible_only=True) == []
        assert without_tab_stop(dialog) == []
        dialog.close()


def test_tab_reads_every_page_top_to_bottom_column_by_column(main_window: Any,
                                                            qtbot: Any) -> None:
    main_window.show()
    qtbot.waitExposed(main_window)
    jumps = {}
    for key in PAGE_KEYS:
        main_window.show_page(key)
        qtbot.wait(20)  # the page is laid out
        if found := tab_order_jumps(main_window):
            jumps[key] = found
    assert jumps == {}
