"""Verify the signatures of any PDF (ours or another office's) with pyHanko, offline.

The input may be hostile or damaged: anything pyHanko cannot read becomes a clear
VerificationError for the whole file, or an INVALID verdict for one signature, never a crash.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import TypeVar

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESIndeterminate
from pyhanko.sign.fields import enumerate_sig_fields
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext

from ..domain.errors import ValidationError, VerificationError
from ..domain.messages import N_
from ..domain.minutes import SignatureCheck, SignatureVerdict, VerificationReport
from .certificates import common_name
from .pyhanko_logs import quiet_pyhanko

# A PDF header may follow a little junk (ISO 32000-1 §7.5.2 readers look in the first 1 KiB).
_HEADER_WINDOW = 1024
_log = logging.getLogger(__name__)

quiet_pyhanko()


def verify_pdf(data: bytes, trust_roots: Sequence[bytes]) -> VerificationReport:
    """One check per embedded signature, in signing order. ``trust_roots`` are DER certificates.

    Bytes after the last %%EOF are no part of any revision, so no signature covers them.
    pyHanko's diff analysis finds no change in them and would call the file valid; PDF
    readers ignore them too. Line ends and spaces there are harmless (mail and transfer tools
    add them), but anything else means the file is not the one that was signed and may carry
    a payload for other programs, so every otherwise good signature then reads CHANGED. The
    same rule catches a file cut inside its last incremental update: pyHanko reads the
    earlier revision and the partial update is left over after its %%EOF.
    """
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        raise ValidationError(N_("The file is not a PDF."))
    roots = _roots(trust_roots)
    try:
        reader = PdfFileReader(io.BytesIO(data))
        signatures = list(reader.embedded_signatures)
        empty = [str(name) for name, _value, _ref in enumerate_sig_fields(
            reader, filled_status=False)]
    except Exception as error:  # pyHanko raises many types on damaged input
        _log.info("unreadable PDF: %s", error)
        raise VerificationError(N_("The PDF is damaged or truncated and cannot be read.")) \
            from error
    if not signatures:
        raise VerificationError(N_("The PDF carries no signatures."))
    checks = [_check(sig, roots) for sig in signatures]
    # Our files get nothing after the last signature (no time stamps, no validation data):
    # an update there that pyHanko deems harmless (a new /Info title) is still a change.
    last = signatures[-1]
    if _safe(lambda: last.signed_revision < reader.xrefs.total_revisions - 1, True):
        checks[-1] = _as_changed(checks[-1], "UPDATED_AFTER_LAST_SIGNATURE")
    if _has_trailing_data(data):
        checks = [_as_changed(check, "DATA_AFTER_EOF") for check in checks]
    checks += [SignatureCheck(field=name, signer="", issuer="", signed_at=None,
                              verdict=SignatureVerdict.UNSIGNED) for name in empty]
    return VerificationReport(sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                              checks=tuple(checks))


def _roots(trust_roots: Sequence[bytes]) -> list[asn1_x509.Certificate]:
    """The readable roots; an unreadable one could trust nothing, so it is left out."""
    roots = []
    for der in trust_roots:
        try:
            root = asn1_x509.Certificate.load(der)
            root.native  # noqa: B018 - asn1crypto parses lazily; fail here, not mid-validation
        except Exception as error:
            _log.warning("an unreadable trust root is ignored: %s", error)
            continue
        roots.append(root)
    return roots


def _has_trailing_data(data: bytes) -> bool:
    return not data.rstrip(b"\x00\t\n\x0c\r ").endswith(b"%%EOF")  # PDF white-space


def _as_changed(check: SignatureCheck, why: str) -> SignatureCheck:
    if check.verdict not in (SignatureVerdict.VALID, SignatureVerdict.UNTRUSTED):
        return check
    return replace(check, verdict=SignatureVerdict.CHANGED, detail=f"{check.detail},{why}")


def _check(sig: EmbeddedPdfSignature, roots: list[asn1_x509.Certificate]) -> SignatureCheck:
    field = _safe(lambda: str(sig.field_name), "")
    signer, issuer, print_ = _signer_facts(sig)
    # PAdES B-B carries no trusted time: the certificate is judged at the time the signer's
    # computer claimed (never later than now), so minutes signed while a certificate was
    # valid still verify after it expires. A backdated claim cannot be caught offline.
    claimed = _safe(lambda: _aware(sig.self_reported_timestamp), None)
    moment = min(claimed, datetime.now(UTC)) if claimed is not None else None
    context = ValidationContext(trust_roots=roots, allow_fetching=False,
                                revocation_mode="soft-fail", moment=moment)
    try:
        status = validate_pdf_signature(sig, context)
    except Exception as error:  # a malformed signature object or CMS blob
        _log.info("signature %r cannot be validated: %s", field, error)
        return SignatureCheck(field=field, signer=signer, issuer=issuer,
                              signed_at=_safe(lambda: _aware(sig.self_reported_timestamp), None),
                              verdict=SignatureVerdict.INVALID, fingerprint=print_,
                              detail=f"INVALID: {type(error).__name__}")
    return SignatureCheck(field=field, signer=signer, issuer=issuer,
                          signed_at=_aware(status.signer_reported_dt), verdict=_verdict(status),
                          fingerprint=print_, detail=_safe(status.summary, ""))


def _verdict(status: PdfSignatureStatus) -> SignatureVerdict:
    if not (status.intact and status.valid):
        return SignatureVerdict.INVALID
    if not status.docmdp_ok:
        return SignatureVerdict.CHANGED
    if not status.trusted:
        # Only an unknown issuer is a matter of trust; a known chain that breaks its rules
        # (a signer without non-repudiation, an expired certificate) is a bad signature.
        unknown = status.trust_problem_indic in (None, AdESIndeterminate.NO_CERTIFICATE_CHAIN_FOUND)
        return SignatureVerdict.UNTRUSTED if unknown else SignatureVerdict.INVALID
    # What remains of pyHanko's bottom line: seed-value and time-stamp token checks.
    return SignatureVerdict.VALID if status.bottom_line else SignatureVerdict.INVALID


def _signer_facts(sig: EmbeddedPdfSignature) -> tuple[str, str, str]:
    try:
        cert = x509.load_der_x509_certificate(sig.signer_cert.dump())
    except Exception:  # no or unreadable signer certificate: the verdict will say INVALID
        return "", "", ""
    return (common_name(cert.subject), common_name(cert.issuer),
            hashlib.sha256(sig.signer_cert.dump()).hexdigest())


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


T = TypeVar("T")
D = TypeVar("D")


def _safe(read: Callable[[], T], default: D) -> T | D:
    try:
        return read()
    except Exception:
        return default
