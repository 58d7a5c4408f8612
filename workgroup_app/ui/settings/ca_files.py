"""Exchanging CA certificates with other offices by file: export ours, trust theirs.

Until office cards arrive with the exchange between offices, this is how minutes signed at
another office come to verify here. The fingerprint is shown so both sides can compare it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ...domain.errors import DomainError, ValidationError
from ...domain.messages import N_
from ...i18n import _, error_text, tr
from ...services import keys
from ..context import UiContext
from .fingerprints import grouped

CERT_FILTER = N_("Certificates (*.pem *.crt *.cer *.der);;All files (*)")


def trust_ca_file(context: UiContext, path: Path) -> str:
    """Trust the CA certificate in ``path``; returns the message to show."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ValidationError(N_("The file cannot be read: {reason}"), field="file",
                              reason=error.strerror or str(error)) from error
    info = keys.trust_issuer(context.uow(), data)
    return tr("Signatures issued by {name} are now trusted. Fingerprint: {fingerprint}",
              name=info.subject, fingerprint=grouped(info.fingerprint))


def export_ca_file(context: UiContext, path: Path) -> str:
    path.write_bytes(keys.export_office_ca(context.uow()))
    ca = keys.office_ca(context.uow())
    return tr("The office CA certificate is saved to {path}. Fingerprint: {fingerprint}",
              path=str(path), fingerprint=grouped(ca.fingerprint if ca else ""))


def ask_and_trust(context: UiContext, parent: QWidget) -> bool:
    name, _filter = QFileDialog.getOpenFileName(parent, _("Trust another office's CA"), "",
                                                _(CERT_FILTER))
    if not name:
        return False
    try:
        digest = keys.certificate_fingerprint(Path(name).read_bytes())
    except (DomainError, OSError):
        digest = ""  # trust_ca_file says what is wrong with the file
    if digest:
        answer = QMessageBox.question(parent, _("Trust another office's CA"), tr(
            "Compare this fingerprint with the one the other office reads out to you. Trust "
            "the certificate only if they are the same.\n\n{fingerprint}",
            fingerprint=grouped(digest)))
        if answer != QMessageBox.StandardButton.Yes:
            return False
    return _report(parent, lambda: trust_ca_file(context, Path(name)))


def ask_and_export(context: UiContext, parent: QWidget) -> bool:
    name, _filter = QFileDialog.getSaveFileName(parent, _("Export the office CA certificate"),
                                                "office-ca.pem", _(CERT_FILTER))
    if not name:
        return False
    return _report(parent, lambda: export_ca_file(context, Path(name)))


def _report(parent: QWidget, work: object) -> bool:
    try:
        message = work()  # type: ignore[operator]
    except DomainError as error:
        QMessageBox.warning(parent, _("Signing keys"), error_text(error))
        return False
    except OSError as error:
        QMessageBox.warning(parent, _("Signing keys"), error.strerror or str(error))
        return False
    QMessageBox.information(parent, _("Signing keys"), message)
    return True
