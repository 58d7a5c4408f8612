"""Choose what an extract (выписка) holds: one agenda item, one addressee agency among those
its decisions name, and whether the secretary signs it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...domain.entities import Meeting
from ...domain.errors import NotFoundError
from ...i18n import _, tr
from ...services import directory
from ..context import UiContext


@dataclass(frozen=True)
class ExtractTarget:
    item: int  # 1-based place on the agenda
    title: str
    agencies: tuple[tuple[str, str], ...]  # (id, name) of the agencies its decisions name


@dataclass(frozen=True)
class ExtractChoice:
    item: int
    agency_id: str
    agency: str
    sign: bool


def extract_targets(context: UiContext, meeting: Meeting) -> list[ExtractTarget]:
    """The items that address a decision to some agency, with those agencies."""
    names: dict[str, str] = {}
    targets = []
    for number, item in enumerate(meeting.items, 1):
        found: list[tuple[str, str]] = []
        for decision in item.decisions:
            agency_id = decision.responsible_agency_id
            if agency_id is None or any(agency_id == known for known, _name in found):
                continue
            if agency_id not in names:
                try:
                    names[agency_id] = directory.get_agency(context.uow(), agency_id).name
                except NotFoundError:
                    continue
            found.append((agency_id, names[agency_id]))
        if found:
            targets.append(ExtractTarget(number, item.title, tuple(found)))
    return targets


class ExtractDialog(QDialog):
    """``may_sign``: the role may sign as the secretary; otherwise no signing is offered."""

    def __init__(self, parent: QWidget | None, targets: list[ExtractTarget], *,
                 may_sign: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("extractDialog")
        self.setWindowTitle(_("Extract from the protocol"))
        self.setModal(True)
        self.setMinimumWidth(520)
        self.targets = targets
        intro = QLabel(_("An extract holds the decisions of one agenda item addressed to one "
                         "agency."), self)
        intro.setWordWrap(True)
        self.item = QComboBox(self)
        self.item.setObjectName("extractItem")
        for target in targets:
            self.item.addItem(tr("{number}. {title}", number=target.item, title=target.title),
                              target.item)
        self.agency = QComboBox(self)
        self.agency.setObjectName("extractAgency")
        self.sign = QCheckBox(_("Sign as secretary"), self)
        self.sign.setObjectName("extractSign")
        form = QFormLayout()
        form.addRow(_("Agenda item:"), self.item)
        form.addRow(_("Addressee:"), self.agency)
        if may_sign:
            form.addRow("", self.sign)
        else:
            self.sign.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Make the extract"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addLayout(form)
        column.addWidget(self.buttons)
        self.item.currentIndexChanged.connect(self._fill_agencies)
        self._fill_agencies()

    def _fill_agencies(self) -> None:
        self.agency.clear()
        index = self.item.currentIndex()
        if 0 <= index < len(self.targets):
            for agency_id, name in self.targets[index].agencies:
                self.agency.addItem(name, agency_id)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.agency.count() > 0)

    def choose(self, item: int, agency_id: str, sign: bool = False) -> None:
        """Set the choice as a user would (used by tests and keyboard-free callers)."""
        self.item.setCurrentIndex(self.item.findData(item))
        self.agency.setCurrentIndex(self.agency.findData(agency_id))
        self.sign.setChecked(sign and not self.sign.isHidden())

    def choice(self) -> ExtractChoice | None:
        if self.item.currentIndex() < 0 or self.agency.currentIndex() < 0:
            return None
        return ExtractChoice(int(self.item.currentData()), str(self.agency.currentData()),
                             self.agency.currentText(),
                             self.sign.isChecked() and not self.sign.isHidden())


def ask_extract(parent: QWidget | None, targets: list[ExtractTarget],
                may_sign: bool = True) -> ExtractChoice | None:
    """The extract chosen, or None when the user cancels."""
    dialog = ExtractDialog(parent, targets, may_sign=may_sign)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()
    finally:
        dialog.deleteLater()
