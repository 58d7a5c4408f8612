"""Trust another office by its card: what the card says, its fingerprint large, and a field
where the user types the fingerprint the other office reads out by phone. Trust is enabled
only when the two agree (spaces and case do not matter)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...domain.sync import CardPreview, OfficeInfo
from ...i18n import _, tr
from ...services import offices
from .. import theme
from ..context import UiContext
from ..settings.office_box import COUNTRY_NAMES
from ..widgets.form import ErrorLabel
from .common import (
    fingerprint_digits,
    fingerprint_font,
    fingerprint_label,
    message,
    show_fingerprint,
)


class CardDialog(QDialog):
    """``office`` is the office trusted once the dialog is accepted."""

    def __init__(self, context: UiContext, data: bytes, preview: CardPreview,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.data = data
        self.preview = preview
        self.office: OfficeInfo | None = None
        self.setWindowTitle(tr("Trust {office}?", office=preview.name))
        self.setMinimumWidth(680)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for label, text, name in (
                (_("Name"), preview.name, "cardName"),
                (_("Region"), preview.region or "—", "cardRegion"),
                (_("Country"), _(COUNTRY_NAMES[preview.country])
                 if preview.country in COUNTRY_NAMES else preview.country or "—", "cardCountry"),
                (_("Exchange network"), preview.network, "cardNetwork")):
            value = QLabel(text, self)
            value.setObjectName(name)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, value)
        self.fingerprint = fingerprint_label("cardFingerprint", self)
        self.fingerprint.setWordWrap(False)  # ten groups on one line, as read aloud
        show_fingerprint(self.fingerprint, preview.fingerprint)
        form.addRow(_("Fingerprint"), self.fingerprint)
        steps = QLabel(_(
            "Call the other office and ask them to read the fingerprint shown on their "
            "Exchange page. Type it below as you hear it: Trust is possible only when it "
            "matches the card.\n\nTrusting the office lets this office read the bundles it "
            "sends and verify the protocols it signs."), self)
        steps.setWordWrap(True)
        typed_caption = QLabel(_("Fingerprint &read to you:"), self)
        self.typed = QLineEdit(self)
        self.typed.setObjectName("typedFingerprint")
        self.typed.setFont(fingerprint_font(2))
        self.typed.setPlaceholderText("0000 0000 0000 0000 0000 0000 0000 0000 0000 0000")
        typed_caption.setBuddy(self.typed)
        self.typed.textChanged.connect(self._check)
        self.match = QLabel(self)
        self.match.setObjectName("fingerprintMatch")
        self.match.setWordWrap(True)
        self.known = QLabel(_("This office already has a card of that office; trusting this "
                              "one replaces it."), self)
        self.known.setStyleSheet(theme.muted())
        self.known.setWordWrap(True)
        self.known.setVisible(preview.known)
        self.error = ErrorLabel(self)
        self.error.setObjectName("cardError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.trust_button = self.buttons.addButton(
            _("&Trust"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.trust_button.setObjectName("trustCard")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(steps)
        column.addWidget(typed_caption)
        column.addWidget(self.typed)
        column.addWidget(self.match)
        column.addWidget(self.known)
        column.addWidget(self.error)
        column.addWidget(self.buttons)
        self.typed.setFocus()
        self._check()

    def matches(self) -> bool:
        return fingerprint_digits(self.typed.text()) == \
            fingerprint_digits(self.preview.fingerprint)

    def _check(self) -> None:
        typed = fingerprint_digits(self.typed.text())
        wanted = fingerprint_digits(self.preview.fingerprint)
        ok = typed == wanted
        self.trust_button.setEnabled(ok)
        self.trust_button.setDefault(ok)
        if ok:
            self.match.setText(_("The fingerprints match."))
            self.match.setStyleSheet(theme.good_style())
        elif len(typed) >= len(wanted) or (typed and not wanted.startswith(typed)):
            self.match.setText(_("The fingerprints differ: do not trust this card. Ask the "
                                 "other office to read it again, or to send its card anew."))
            self.match.setStyleSheet(theme.error_style())
        else:
            self.match.setText(tr("{typed} of {count} characters typed.", typed=len(typed),
                                  count=len(wanted)))
            self.match.setStyleSheet(theme.muted())

    def accept(self) -> None:
        if not self.matches():
            return
        try:
            self.office = offices.trust_card(self.context.uow(), self.data, self.typed.text())
        except DomainError as error:
            self.error.show_text(message(error))
            return
        super().accept()
