"""The list pages' counters group digits as the language does (issue 9): the head of office
with a million actions reads «Всего: 1 000 000» or "Total: 1,000,000"."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QStandardItemModel

from workgroup_app import i18n
from workgroup_app.ui.widgets.list_tools import CountLabel


class BigModel(QStandardItemModel):
    total = 1_234_567


@pytest.fixture
def language() -> Iterator[None]:
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(("code", "text"), [("en", "Total: 1,234,567"),
                                            ("ru", "Всего: 1\u00a0234\u00a0567")])
def test_the_count_of_a_list_is_grouped_for_the_language(qapp: Any, language: None, code: str,
                                                         text: str) -> None:
    i18n.set_language(code)
    label = CountLabel(BigModel())  # type: ignore[arg-type]
    assert label.text() == text
