"""What a user chooses when someone else saved the record they are editing (the optimistic
version check, ``services.revisions``): see the other version, keep theirs, or go on editing.

``ask`` is a module function so that tests replace it instead of clicking a modal box.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from ...domain.errors import ConcurrentEditError
from ...i18n import _, error_text


class Choice(Enum):
    RELOAD = "reload"  # drop my edits, show the record as stored now
    OVERWRITE = "overwrite"  # save mine over theirs
    KEEP_EDITING = "keep"  # close the question, nothing saved or lost


def question(parent: QWidget | None, error: ConcurrentEditError
             ) -> tuple[QMessageBox, dict[object, Choice]]:
    """The question box and what each of its buttons means."""
    box = QMessageBox(QMessageBox.Icon.Warning, _("Changed by someone else"),
                      error_text(error), parent=parent)
    box.setObjectName("concurrentEditBox")
    reload = box.addButton(_("Reload"), QMessageBox.ButtonRole.ResetRole)
    overwrite = box.addButton(_("Overwrite"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(_("Keep editing"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(reload)
    box.setEscapeButton(keep)
    return box, {reload: Choice.RELOAD, overwrite: Choice.OVERWRITE, keep: Choice.KEEP_EDITING}


def ask(parent: QWidget, error: ConcurrentEditError) -> Choice:
    box, meanings = question(parent, error)
    box.exec()
    return meanings.get(box.clickedButton(), Choice.KEEP_EDITING)
