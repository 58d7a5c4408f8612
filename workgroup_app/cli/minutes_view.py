"""How the minutes commands show things: the versions of a meeting's minutes, a verification
report, times in the reader's local zone, and a PDF's page count."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..domain.minutes import (
    MINUTES_STATUS_LABELS,
    SIGNATURE_VERDICT_LABELS,
    SIGNER_ROLE_LABELS,
    MinutesSignature,
    MinutesVersion,
    SignatureCheck,
    SignatureVerdict,
    VerificationReport,
)
from ..i18n import _, tr
from .output import echo, fields, fmt_date, plain, print_json, table

SHORT_DIGEST = 16
VERSION_CELL_MAX = 72


def local_time(moment: datetime | None) -> str:
    """A moment in this computer's time zone, with its UTC offset: a signature made in another
    zone reads as its signer's clock showed it, converted."""
    if moment is None:
        return ""
    local = moment.astimezone()
    return f"{fmt_date(local.date())} {local:%H:%M:%S} (UTC{local.isoformat()[-6:]})"


def page_count(data: bytes) -> int:
    """The pages of a PDF; pdfium is loaded on use, like the PDF writers."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def role_of(check: SignatureCheck) -> str:
    """The role a signature field stands for, or the field's own name (another office's)."""
    role = check.role
    return check.field if role is None else f"{_(SIGNER_ROLE_LABELS[role])} ({check.field})"


# -- versions ---------------------------------------------------------------------------------

def signature_text(signature: MinutesSignature) -> str:
    local = signature.at.astimezone()
    return tr("{role}: {signer}, {time}", role=_(SIGNER_ROLE_LABELS[signature.role]),
              signer=signature.signer, time=f"{fmt_date(local.date())} {local:%H:%M}")


def version_json(version: MinutesVersion) -> dict[str, Any]:
    return {**plain(version), "status_label": _(MINUTES_STATUS_LABELS[version.status])}


def version_rows(version: MinutesVersion) -> list[list[Any]]:
    """One row per version; a second signature goes on a line of its own below it."""
    signatures = [signature_text(s) for s in version.signatures] or [""]
    first = [version.version, _(MINUTES_STATUS_LABELS[version.status]), version.lang,
             version.sha256[:SHORT_DIGEST], version.size or "", signatures[0],
             version.supersedes_version or "", version.amendment_reason]
    return [first, *(["", "", "", "", "", more, "", ""] for more in signatures[1:])]


def show_versions(as_json: bool, versions: list[MinutesVersion]) -> None:
    if as_json:
        print_json([version_json(v) for v in versions])
        return
    if not versions:
        echo(_("The minutes of this meeting have not been approved yet."))
        return
    echo(table([_("Version"), _("Status"), _("Language"), "SHA-256", _("Size"),
                _("Signatures"), _("Supersedes"), _("Reason")],
               [row for v in versions for row in version_rows(v)], limit=VERSION_CELL_MAX))


# -- verification -----------------------------------------------------------------------------

def check_json(check: SignatureCheck) -> dict[str, Any]:
    return {**plain(check), "role": None if check.role is None else check.role.value,
            "verdict_label": _(SIGNATURE_VERDICT_LABELS[check.verdict])}


def summary(report: VerificationReport) -> str:
    count = len(report.checks)
    if report.all_valid:
        return tr("All signatures are valid ({count}).", count=count)
    bad = sum(1 for check in report.checks if check.verdict != SignatureVerdict.VALID)
    return tr("Not valid: {bad} of {count} signatures.", bad=bad, count=count)


def show_report(as_json: bool, path: str, report: VerificationReport) -> None:
    if as_json:
        print_json({"file": path, "sha256": report.sha256, "size": report.size,
                    "all_valid": report.all_valid, "error": None,
                    "signatures": [check_json(c) for c in report.checks]})
        return
    echo(fields([(_("File"), path), ("SHA-256", report.sha256),
                 (_("Size"), tr("{size} bytes", size=report.size))]))
    for number, check in enumerate(report.checks, start=1):
        echo("")
        echo(f"{number}. {role_of(check)}")
        block = fields([(_("Signer"), check.signer), (_("Issuer"), check.issuer),
                        (_("Signed at"), local_time(check.signed_at)),
                        (_("Verdict"), _(SIGNATURE_VERDICT_LABELS[check.verdict]))])
        echo("\n".join(f"   {line}" for line in block.splitlines()))
    echo("")
    echo(summary(report))


def show_unverifiable(as_json: bool, path: str, message: str) -> None:
    """A file whose signatures cannot be checked at all: damaged, cut short, none there."""
    if as_json:
        print_json({"file": path, "all_valid": False, "error": message, "signatures": []})
        return
    echo(fields([(_("File"), path)]))
    echo(tr("Not verified: {reason}", reason=message))
