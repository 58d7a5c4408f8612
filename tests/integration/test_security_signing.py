"""Signature fields, two PAdES signatures (chair certifies, secretary approves) and their
verification: valid, untrusted, changed, tampered, truncated, hostile; cross-checked with
poppler's pdfsig and rendered with PDFium."""

from __future__ import annotations

import io
import os
import random
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from workgroup_app.domain.errors import ValidationError, VerificationError
from workgroup_app.domain.minutes import SignatureBox, SignatureVerdict, SignerRole
from workgroup_app.security.certificates import (
    LoadedKey,
    cert_der,
    fingerprint,
    issue_signer,
    load_pkcs12,
    make_office_ca,
    to_pkcs12,
)
from workgroup_app.security.signing import add_signature_fields, sign_pdf
from workgroup_app.security.stamp_font import stamp_font
from workgroup_app.security.verification import verify_pdf

CHAIR = "Иванов Иван Иванович"
SECRETARY = "Петрова Анна Сергеевна"
STAMP = "Signed electronically\n%(signer)s\n{role}\n%(ts)s"
CHAIR_BOX = SignatureBox(SignerRole.CHAIR, 1, (72, 600, 300, 660))
SECRETARY_BOX = SignatureBox(SignerRole.SECRETARY, 1, (320, 600, 540, 660))


@dataclass(frozen=True)
class Office:
    ca: x509.Certificate
    chair: LoadedKey
    secretary: LoadedKey
    font: Path


def _two_page_pdf() -> bytes:
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    rl_config.invariant = 1
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for text in ("Minutes, page one", "Minutes, page two"):
        pdf.drawString(72, 750, text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Office:
    now = datetime.now(UTC)
    ca_key, ca = make_office_ca("Office of the Workgroup", now=now)
    keys = []
    for name, role in ((CHAIR, SignerRole.CHAIR), (SECRETARY, SignerRole.SECRETARY)):
        key, cert = issue_signer(ca_key, ca, full_name=name, position="", office="ООО «Ромашка»",
                                 role=role, now=now)
        keys.append(load_pkcs12(to_pkcs12(key, cert, [ca], "pass", name), "pass"))
    return Office(ca, keys[0], keys[1], stamp_font(tmp_path_factory.mktemp("fonts")))


@pytest.fixture(scope="module")
def with_fields() -> bytes:
    return add_signature_fields(_two_page_pdf(), [CHAIR_BOX, SECRETARY_BOX])


def _sign(pdf: bytes, office: Office, role: SignerRole) -> bytes:
    key = office.chair if role is SignerRole.CHAIR else office.secretary
    return sign_pdf(pdf, key=key, role=role, certify=role is SignerRole.CHAIR,
                    stamp_text=STAMP.format(role=role.field_name), reason="Approval of minutes",
                    location="Минск", font=office.font)


@pytest.fixture(scope="module")
def signed_once(with_fields: bytes, office: Office) -> bytes:
    return _sign(with_fields, office, SignerRole.CHAIR)


@pytest.fixture(scope="module")
def signed(signed_once: bytes, office: Office) -> bytes:
    return _sign(signed_once, office, SignerRole.SECRETARY)


def _verdicts(data: bytes, office: Office) -> list[SignatureVerdict]:
    return [check.verdict for check in verify_pdf(data, [cert_der(office.ca)]).checks]


# ---- fields -----------------------------------------------------------------------------------

def test_adding_fields_is_byte_reproducible_and_keeps_the_document_id() -> None:
    pdf = _two_page_pdf()
    first = add_signature_fields(pdf, [CHAIR_BOX, SECRETARY_BOX])
    assert first == add_signature_fields(pdf, [CHAIR_BOX, SECRETARY_BOX])
    assert first.startswith(pdf)  # an incremental update
    before = PdfFileReader(io.BytesIO(pdf)).trailer["/ID"]
    after = PdfFileReader(io.BytesIO(first)).trailer["/ID"]
    assert after[0].original_bytes == before[0].original_bytes
    assert after[1].original_bytes != before[1].original_bytes


def test_fields_are_created_empty_on_their_pages(with_fields: bytes) -> None:
    from pyhanko.sign.fields import enumerate_sig_fields

    reader = PdfFileReader(io.BytesIO(with_fields))
    found = {name: value for name, value, _ref in enumerate_sig_fields(reader)}
    assert found == {"Chair": None, "Secretary": None}
    annots = reader.root["/Pages"]["/Kids"][1].get_object()["/Annots"]
    rects = sorted([float(v) for v in a.get_object()["/Rect"]] for a in annots)
    assert rects == [[72, 600, 300, 660], [320, 600, 540, 660]]


def test_duplicate_field_or_missing_page_is_refused(with_fields: bytes) -> None:
    with pytest.raises(ValidationError, match="already has a signature field"):
        add_signature_fields(with_fields, [CHAIR_BOX])
    with pytest.raises(ValidationError, match="page 3"):
        add_signature_fields(_two_page_pdf(), [SignatureBox(SignerRole.CHAIR, 2, (0, 0, 9, 9))])
    with pytest.raises(ValidationError, match="not a PDF"):
        add_signature_fields(b"hello", [CHAIR_BOX])


# ---- signing -----------------------------------------------------------------------------------

def test_two_signatures_verify_valid_with_the_office_ca(signed: bytes, office: Office) -> None:
    report = verify_pdf(signed, [cert_der(office.ca)])
    assert report.all_valid and report.size == len(signed)
    chair, secretary = report.checks
    assert (chair.field, chair.signer, chair.role) == ("Chair", CHAIR, SignerRole.CHAIR)
    assert (secretary.field, secretary.signer) == ("Secretary", SECRETARY)
    assert chair.issuer == "Office of the Workgroup"
    assert chair.fingerprint == fingerprint(office.chair.cert)
    assert chair.signed_at is not None and chair.signed_at.tzinfo is not None
    assert abs((datetime.now(UTC) - chair.signed_at).total_seconds()) < 600
    assert "ACCEPTABLE_MODIFICATIONS" in chair.detail and "UNTOUCHED" in secretary.detail


def test_chair_certifies_and_secretary_approves(signed: bytes) -> None:
    reader = PdfFileReader(io.BytesIO(signed))
    assert "/DocMDP" in reader.root["/Perms"]
    subfilters = [sig.sig_object["/SubFilter"] for sig in reader.embedded_signatures]
    assert subfilters == ["/ETSI.CAdES.detached"] * 2
    chair, secretary = reader.embedded_signatures
    assert chair.docmdp_level is not None and chair.docmdp_level.value == 2  # FILL_FORMS
    assert chair.sig_object["/Reference"][0]["/TransformMethod"] == "/DocMDP"
    assert "/Reference" not in secretary.sig_object  # an approval signature


def test_signing_refuses_a_missing_or_signed_field_and_non_pdfs(
        _two_page: bytes, signed_once: bytes, office: Office) -> None:
    with pytest.raises(ValidationError, match="no signature field 'Chair'"):
        _sign(_two_page, office, SignerRole.CHAIR)
    with pytest.raises(ValidationError, match="'Chair' is already signed"):
        _sign(signed_once, office, SignerRole.CHAIR)
    with pytest.raises(ValidationError, match="not a PDF"):
        _sign(b"PK\x03\x04 a zip file", office, SignerRole.CHAIR)


def test_signing_refuses_an_expired_certificate(with_fields: bytes, office: Office) -> None:
    long_ago = datetime(2015, 1, 1, tzinfo=UTC)
    ca_key, ca = make_office_ca("Old office", now=long_ago)
    key, cert = issue_signer(ca_key, ca, full_name=CHAIR, position="", office="",
                             role=SignerRole.CHAIR, now=long_ago, years=1)
    with pytest.raises(ValidationError, match="expired on 2015-12-31"):
        sign_pdf(with_fields, key=LoadedKey(key, cert, (ca,)), role=SignerRole.CHAIR,
                 certify=True, stamp_text="x", reason="", location="", font=office.font)


@pytest.fixture(scope="module")
def _two_page() -> bytes:
    return _two_page_pdf()


# ---- verification ------------------------------------------------------------------------------

def test_unknown_issuer_is_untrusted(signed: bytes) -> None:
    assert [c.verdict for c in verify_pdf(signed, []).checks] == \
        [SignatureVerdict.UNTRUSTED] * 2
    other_ca = make_office_ca("Another office", now=datetime.now(UTC))[1]
    garbage_root = b"\x30\x03\x02\x01\x00"
    assert [c.verdict for c in verify_pdf(signed, [cert_der(other_ca), garbage_root]).checks] \
        == [SignatureVerdict.UNTRUSTED] * 2


def test_page_content_changed_after_signing_reads_changed(signed: bytes, office: Office) -> None:
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Contents"] = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 100 Td (Forged) Tj ET"))
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    assert _verdicts(out.getvalue(), office) == [SignatureVerdict.CHANGED] * 2


def test_flipped_byte_inside_the_signed_range_reads_invalid(signed: bytes,
                                                            office: Office) -> None:
    tampered = bytearray(signed)
    tampered[signed.index(b"stream") + 20] ^= 0x01  # inside the first page's content
    assert _verdicts(bytes(tampered), office) == [SignatureVerdict.INVALID] * 2


def test_truncated_file_is_an_error_or_not_valid(signed: bytes, signed_once: bytes,
                                                 office: Office) -> None:
    # cut inside the secretary's signature: the byte range is incomplete
    assert _verdicts(signed[:-1], office) == [SignatureVerdict.VALID, SignatureVerdict.INVALID]
    # cut inside the secretary's update: pyHanko reads the chair's revision and the rest of
    # the file is left over after its end, which the chair did not sign
    # ... and the secretary's field is left unsigned in that revision
    assert _verdicts(signed[:len(signed_once) + 500], office) == [
        SignatureVerdict.CHANGED, SignatureVerdict.UNSIGNED]
    for cut in (len(signed) // 2, len(signed) - 8, 100):
        with pytest.raises(VerificationError, match="damaged or truncated"):
            verify_pdf(signed[:cut], [cert_der(office.ca)])


def test_bytes_after_the_end_of_file(signed: bytes, office: Office) -> None:
    # line ends added by transfer tools are harmless; anything else is not what was signed
    assert _verdicts(signed + b"\r\n", office) == [SignatureVerdict.VALID] * 2
    assert _verdicts(signed + b"<script>payload</script>", office) == \
        [SignatureVerdict.CHANGED] * 2


def test_not_a_pdf_and_no_signatures(with_fields: bytes) -> None:
    with pytest.raises(ValidationError, match="not a PDF"):
        verify_pdf(b"GIF89a....", [])
    with pytest.raises(ValidationError, match="not a PDF"):
        verify_pdf(b"", [])
    with pytest.raises(VerificationError, match="no signatures"):
        verify_pdf(with_fields, [])  # empty fields are not signatures
    with pytest.raises(VerificationError, match="damaged"):
        verify_pdf(b"%PDF-1.7\n%%EOF\n", [])


# `make test` tries 60 damaged files; WORKGROUP_FUZZ_ROUNDS=5000 is the long run before a release.
FUZZ_ROUNDS = int(os.environ.get("WORKGROUP_FUZZ_ROUNDS", "60"))


def test_hostile_input_never_crashes(signed: bytes, office: Office) -> None:
    chance = random.Random(int(os.environ.get("WORKGROUP_FUZZ_SEED", "4")))
    roots = [cert_der(office.ca)]
    outcomes = set()
    # The signature values themselves (/Contents) are outside every signed range by design;
    # there a changed byte of padding or of a spare certificate copy leaves the signed content
    # and the signer's certificate intact, so such a file may still verify.
    unsigned = [range(m.start(), m.end())
                for m in re.finditer(rb"/Contents\s*<[0-9a-fA-F]*>", signed)]
    for _ in range(FUZZ_ROUNDS):
        damaged = bytearray(signed)
        changed = []
        for _ in range(chance.randint(1, 4)):
            changed.append(chance.randrange(len(damaged)))
            damaged[changed[-1]] = chance.randrange(256)
        if chance.random() < 0.3:
            damaged = damaged[:chance.randrange(len(damaged))]
        try:
            report = verify_pdf(bytes(damaged), roots)
        except (ValidationError, VerificationError) as error:
            outcomes.add(type(error).__name__)
        else:
            assert len(report.checks) in (1, 2)
            outcomes.update(check.verdict.value for check in report.checks)
            if report.all_valid:
                assert all(any(p in r for r in unsigned) for p in changed
                           if damaged[p:p + 1] != signed[p:p + 1]), changed
    assert "invalid" in outcomes and "VerificationError" in outcomes


# ---- other readers -----------------------------------------------------------------------------

def need_tool(name: str) -> None:
    """Skip without poppler on a developer's machine; CI installs it and sets
    WORKGROUP_REQUIRE_TOOLS, so there a missing tool fails instead of hiding the check."""
    if shutil.which(name) is not None:
        return
    message = f"poppler's {name} is not installed (apt-get install poppler-utils)"
    if os.environ.get("WORKGROUP_REQUIRE_TOOLS"):
        pytest.fail(message)
    pytest.skip(message)


def test_pdfsig_finds_both_signatures_valid(signed: bytes, tmp_path: Path) -> None:
    need_tool("pdfsig")
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    output = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True,
                            timeout=60).stdout
    assert output.count("Signature is Valid") == 2
    assert f"Common Name: {CHAIR}" in output and f"Common Name: {SECRETARY}" in output


def test_stamps_are_drawn_and_carry_the_signers_names(with_fields: bytes, signed: bytes,
                                                      tmp_path: Path) -> None:
    assert _ink_in(with_fields, CHAIR_BOX) == 0  # the empty field draws nothing
    assert _ink_in(signed, CHAIR_BOX) > 200
    assert _ink_in(signed, SECRETARY_BOX) > 200
    need_tool("pdftotext")
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    text = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(path), "-"],
                          capture_output=True, text=True, timeout=60).stdout
    assert CHAIR in text and SECRETARY in text and "Signed electronically" in text


def _ink_in(pdf: bytes, box: SignatureBox) -> int:
    """Dark pixels inside the box, as PDFium draws the page with its form fields."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    document.init_forms()
    page = document[box.page]
    height = page.get_height()
    image = page.render(scale=2, may_draw_forms=True).to_pil().convert("L")
    x1, y1, x2, y2 = (v * 2 for v in box.box)
    crop = image.crop((int(x1), int(2 * height - y2), int(x2), int(2 * height - y1)))
    dark = sum(1 for value in crop.tobytes() if value < 128)
    page.close()
    document.close()
    return dark


def test_minutes_signed_while_the_certificate_was_valid_verify_after_it_expires(
        with_fields: bytes, office: Office) -> None:
    # A one-year certificate that runs out five seconds from now (issued with a 5-minute
    # allowance for clock skew): sign, wait until it has expired, verify. Five seconds leave
    # room for a loaded machine to make the key and sign before it runs out.
    now = datetime.now(UTC)
    ca_key, ca = make_office_ca("Short-lived office", now=now - timedelta(days=30))
    issued = now - timedelta(days=365) + timedelta(minutes=5, seconds=5)
    key, cert = issue_signer(ca_key, ca, full_name=CHAIR, position="", office="",
                             role=SignerRole.CHAIR, now=issued, years=1)
    signed = sign_pdf(with_fields, key=LoadedKey(key, cert, (ca,)), role=SignerRole.CHAIR,
                      certify=True, stamp_text="x", reason="", location="", font=office.font)
    time.sleep(max(0.0, (cert.not_valid_after_utc - datetime.now(UTC)).total_seconds()) + 1.5)
    assert datetime.now(UTC) > cert.not_valid_after_utc
    report = verify_pdf(signed, [cert_der(ca)])
    assert [c.verdict for c in report.checks] == [SignatureVerdict.VALID,
                                                  SignatureVerdict.UNSIGNED]


def test_a_protocol_signed_by_the_chair_alone_is_not_all_valid(signed_once: bytes,
                                                              office: Office) -> None:
    report = verify_pdf(signed_once, [cert_der(office.ca)])
    assert [(c.field, c.verdict) for c in report.checks] == [
        ("Chair", SignatureVerdict.VALID), ("Secretary", SignatureVerdict.UNSIGNED)]
    assert not report.all_valid


def test_an_update_after_the_last_signature_reads_changed_even_if_only_the_title(
        signed: bytes, office: Office) -> None:
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    info = writer.trailer["/Info"].get_object() if "/Info" in writer.trailer else None
    assert info is not None
    info[generic.NameObject("/Title")] = generic.TextStringObject("FORGED TITLE")
    writer.update_container(info)
    out = io.BytesIO()
    writer.write(out)
    verdicts = _verdicts(out.getvalue(), office)
    assert verdicts[-1] == SignatureVerdict.CHANGED


def test_a_signer_without_non_repudiation_under_our_ca_is_invalid_not_untrusted(
        with_fields: bytes, office: Office) -> None:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    now = datetime.now(UTC)
    ca_key, ca = make_office_ca("Office with a careless CA", now=now - timedelta(days=1))
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, CHAIR)]))
            .issuer_name(ca.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(hours=1)).not_valid_after(now + timedelta(days=9))
            .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False,
                                         False), critical=True)
            .sign(ca_key, hashes.SHA256()))
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    signer = signers.SimpleSigner.load_pkcs12_data(
        to_pkcs12(key, cert, [ca], "pass", "x"), other_certs=[], passphrase=b"pass")
    out = signers.PdfSigner(signers.PdfSignatureMetadata(
        field_name="Chair", subfilter=SigSeedSubFilter.PADES), signer=signer).sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(with_fields)), existing_fields_only=True)
    report = verify_pdf(out.getvalue(), [cert_der(ca)])
    assert report.checks[0].verdict == SignatureVerdict.INVALID
