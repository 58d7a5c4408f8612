"""The texts Qt draws itself follow the interface's language, Belarusian included (Qt ships
no Belarusian catalogue; the project's locale/be/qt/*.po stands in)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QWizard

from workgroup_app.ui.qt_strings import install_qt_translations, qt_entries


@pytest.mark.parametrize(("language", "cancel", "finish"), [
    ("be", "Скасаваць", "&Гатова"),
    ("ru", "Отмена", "&Завершить"),
])
def test_standard_buttons_speak_the_interface_language(qapp: Any, language: str, cancel: str,
                                                       finish: str) -> None:
    translator = install_qt_translations(qapp, language)
    assert translator is not None
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                               QDialogButtonBox.StandardButton.Cancel)
        texts = [button.text() for button in box.buttons()]
        assert cancel in texts
        wizard = QWizard()
        assert wizard.buttonText(QWizard.WizardButton.FinishButton) == finish
    finally:
        qapp.removeTranslator(translator)
    english = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert [button.text() for button in english.buttons()] == ["Cancel"]


def test_english_needs_no_translator(qapp: Any) -> None:
    assert install_qt_translations(qapp, "en") is None
    assert install_qt_translations(qapp, "xx") is None


def test_the_belarusian_edit_menu_keeps_one_accelerator_per_item(qapp: Any) -> None:
    entries = qt_entries("be")
    menu = [text for (context, _source), text in entries.items() if context == "QLineEdit"]
    assert len(menu) == 7
    letters = [text[text.index("&") + 1].lower() for text in menu if "&" in text]
    assert len(letters) == len(set(letters)) == 5
    translator = install_qt_translations(qapp, "be")
    assert translator is not None
    try:
        edit = QLineEdit()
        menu_texts = [a.text().split("\t")[0] for a in edit.createStandardContextMenu().actions()]
        assert "Вылучыць усё" in menu_texts
    finally:
        qapp.removeTranslator(translator)


def test_key_names_in_shortcut_texts_speak_belarusian(qapp: Any) -> None:
    from PySide6.QtGui import QKeySequence

    translator = install_qt_translations(qapp, "be")
    assert translator is not None
    try:
        shown = QKeySequence("Alt+Down").toString(QKeySequence.SequenceFormat.NativeText)
        assert shown == "Alt+Уніз"
    finally:
        qapp.removeTranslator(translator)
