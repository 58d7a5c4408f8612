"""Tab order that follows the layout: Qt chains widgets as they were made, which differs
from where they are shown once a row is inserted above another or a form is laid out in
columns."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtWidgets import QWidget


def tab_chain(*widgets: QWidget) -> None:
    """Tab goes from each widget to the next, in the order given."""
    for before, after in pairwise(widgets):
        QWidget.setTabOrder(before, after)
