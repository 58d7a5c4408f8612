"""Signature fields and PAdES B-B signatures on minutes (pyHanko), all in memory.

Every field is created in one reproducible update before the first signature: a visible
field added after a certification signature reads as an illegal change (DESIGN §9). Each
signature is then an incremental update, so earlier signatures stay intact.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import MDPPerm, SigFieldSpec, SigSeedSubFilter
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

from ..domain.errors import ValidationError
from ..domain.messages import N_
from ..domain.minutes import SignatureBox, SignerRole
from .certificates import LoadedKey, cert_der, check_fit_for_signing
from .pyhanko_logs import quiet_pyhanko

STAMP_FONT_SIZE = 8
TIMESTAMP_FORMAT = "%d.%m.%Y %H:%M %Z"
_ID_SALT = b"workgroup signature fields"

_NOT_PDF = N_("The file is not a PDF.")
_DAMAGED = N_("The PDF is damaged and cannot be read.")

quiet_pyhanko()


class _ReproducibleWriter(IncrementalPdfFileWriter):
    """pyHanko's incremental writer without its two sources of change: a random second file
    ID and a modification date of 'now'. The same input then gives the same bytes."""

    @classmethod
    def _handle_id(cls, prev: PdfFileReader) -> generic.ArrayObject:
        try:
            id1 = prev.trailer["/ID"][0]
            raw = id1.original_bytes if isinstance(id1, generic.TextStringObject) else bytes(id1)
        except (KeyError, IndexError, TypeError):
            raw = hashlib.sha256(_ID_SALT + b" no id").digest()[:16]
        id2 = hashlib.sha256(raw + _ID_SALT).digest()[:16]
        return generic.ArrayObject([generic.ByteStringObject(raw),
                                    generic.ByteStringObject(id2)])

    def _update_meta(self) -> None:
        """Leave /Info alone: pyHanko would stamp ModDate with the time, so two builds of
        the same protocol would differ."""


def _reader(pdf: bytes) -> PdfFileReader:
    if not pdf.startswith(b"%PDF-"):
        raise ValidationError(_NOT_PDF)
    try:
        return PdfFileReader(io.BytesIO(pdf))
    except Exception as error:  # pyHanko raises several types on damaged files
        raise ValidationError(_DAMAGED) from error


def add_signature_fields(pdf: bytes, boxes: Sequence[SignatureBox]) -> bytes:
    """One empty visible signature field per box, in one byte-reproducible incremental update."""
    reader = _reader(pdf)
    existing = {name for name, _value, _ref in fields.enumerate_sig_fields(reader)}
    writer = _ReproducibleWriter.from_reader(reader)
    pages = int(reader.root["/Pages"]["/Count"])
    for box in boxes:
        name = box.role.field_name
        if name in existing:
            raise ValidationError(N_("The PDF already has a signature field '{name}'."),
                                  name=name)
        if not 0 <= box.page < pages:
            raise ValidationError(N_("The signature box of '{name}' is on page {page}, "
                                     "but the PDF has {pages} pages."),
                                  name=name, page=box.page + 1, pages=pages)
        # pyHanko types the box as ints but writes any number (rounded to 4 places)
        fields.append_signature_field(writer, SigFieldSpec(
            name, on_page=box.page, box=box.box))  # type: ignore[arg-type]
        existing.add(name)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _signer(key: LoadedKey) -> signers.SimpleSigner:
    der = key.key.private_bytes(serialization.Encoding.DER,
                                serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    chain = [asn1_x509.Certificate.load(cert_der(c)) for c in key.chain]
    return signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(cert_der(key.cert)),
        signing_key=asn1_keys.PrivateKeyInfo.load(der),
        cert_registry=SimpleCertificateStore.from_certs(chain))


def stamp_style(font: Path, stamp_text: str) -> TextStampStyle:
    # Text box and glyph font sizes must be equal or multi-line stamps drift (pyHanko#733).
    return TextStampStyle(
        stamp_text=stamp_text, timestamp_format=TIMESTAMP_FORMAT,
        text_box_style=TextBoxStyle(
            font=GlyphAccumulatorFactory(str(font), font_size=STAMP_FONT_SIZE),
            font_size=STAMP_FONT_SIZE),
        border_width=1, background=None)


def _check_field(reader: PdfFileReader, name: str) -> None:
    found = list(fields.enumerate_sig_fields(reader, with_name=name))
    if not found:
        raise ValidationError(N_("The PDF has no signature field '{name}'."), name=name)
    if found[0][1] is not None:
        raise ValidationError(N_("The signature field '{name}' is already signed."),
                              name=name)


def sign_pdf(pdf: bytes, *, key: LoadedKey, role: SignerRole, certify: bool,
             stamp_text: str, reason: str, location: str, font: Path,
             now: datetime | None = None) -> bytes:
    """Sign the existing field of ``role`` as an incremental update (PAdES B-B, SHA-256).

    ``certify`` makes a certification signature that still allows filling in forms, so the
    second signer can sign. ``stamp_text`` may use pyHanko's %(signer)s and %(ts)s.
    ``now`` is only for the certificate check; the signing time is the machine's clock.
    """
    check_fit_for_signing(key.cert, now or datetime.now(UTC))
    reader = _reader(pdf)
    _check_field(reader, role.field_name)
    meta = signers.PdfSignatureMetadata(
        field_name=role.field_name, subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256",
        certify=certify, docmdp_permissions=MDPPerm.FILL_FORMS,  # used only when certifying
        reason=reason or None, location=location or None)
    pdf_signer = signers.PdfSigner(meta, signer=_signer(key),
                                   stamp_style=stamp_style(font, stamp_text))
    writer = IncrementalPdfFileWriter.from_reader(reader)
    out = io.BytesIO()
    try:
        pdf_signer.sign_pdf(writer, existing_fields_only=True, output=out)
    except ValidationError:
        raise
    except Exception as error:  # pyHanko's SigningError and friends: the PDF refused it
        raise ValidationError(N_("The PDF cannot be signed: {reason}"),
                              reason=str(error) or type(error).__name__) from error
    return out.getvalue()
