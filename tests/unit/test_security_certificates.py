"""The office CA, signer certificates, PKCS#12 files and the fitness check before signing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from workgroup_app.domain.errors import SecretError, ValidationError
from workgroup_app.domain.minutes import CertificateKind, SignerRole
from workgroup_app.security.certificates import (
    LoadedKey,
    cert_der,
    check_fit_for_signing,
    describe,
    fingerprint,
    issue_signer,
    issued_by,
    load_cert,
    load_pkcs12,
    make_office_ca,
    to_pkcs12,
)

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
NAME = "Иванов Иван Иванович"
OFFICE = "ООО «Ромашка»"


@pytest.fixture(scope="module")
def ca() -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    return make_office_ca(OFFICE, now=NOW)


@pytest.fixture(scope="module")
def signer(ca: tuple) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    return issue_signer(ca[0], ca[1], full_name=NAME, position="Председатель", office=OFFICE,
                        role=SignerRole.CHAIR, now=NOW)


def test_office_ca_is_a_leaf_only_ca(ca: tuple) -> None:
    key, cert = ca
    assert isinstance(key, ec.EllipticCurvePrivateKey) and key.curve.name == "secp256r1"
    constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.critical and constraints.value.ca and constraints.value.path_length == 0
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.key_cert_sign and usage.crl_sign and not usage.content_commitment
    cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
    assert cert.not_valid_after_utc - cert.not_valid_before_utc >= timedelta(days=3650)
    assert issued_by(cert, cert)  # self-signed


def test_signer_certificate_carries_the_person_and_the_usages(ca: tuple, signer: tuple) -> None:
    key, cert = signer
    assert isinstance(key, rsa.RSAPrivateKey) and key.key_size == 2048
    subject = cert.subject
    assert subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == NAME
    assert subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == OFFICE
    assert subject.get_attributes_for_oid(NameOID.TITLE)[0].value == "Председатель"
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical and usage.value.digital_signature and usage.value.content_commitment
    aki = cert.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    ski = ca[1].extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    assert aki.key_identifier == ski.digest
    assert issued_by(cert, ca[1])
    assert not issued_by(cert, make_office_ca("Other office", now=NOW)[1])
    check_fit_for_signing(cert, NOW)


def test_serials_are_random(ca: tuple) -> None:
    serials = {issue_signer(ca[0], ca[1], full_name="A", position="", office="O",
                            role=SignerRole.SECRETARY, now=NOW)[1].serial_number
               for _ in range(3)}
    assert len(serials) == 3


def test_pkcs12_round_trip_keeps_key_cert_chain_and_cyrillic(ca: tuple, signer: tuple) -> None:
    data = to_pkcs12(signer[0], signer[1], [ca[1]], "пароль-passphrase", "Иванов")
    loaded = load_pkcs12(data, "пароль-passphrase")
    assert isinstance(loaded, LoadedKey)
    assert loaded.cert == signer[1]
    assert loaded.chain == (ca[1],)
    assert loaded.key.public_key().public_numbers() == signer[0].public_key().public_numbers()
    assert describe(loaded.cert, id="c1", kind=CertificateKind.SIGNER).subject == NAME


@pytest.mark.parametrize("data, passphrase", [
    ("good", "wrong"),
    ("garbage", "passphrase"),
    ("certs only", "passphrase"),
])
def test_unusable_pkcs12_is_a_secret_error(ca: tuple, signer: tuple, data: str,
                                           passphrase: str) -> None:
    blobs = {
        "good": to_pkcs12(signer[0], signer[1], [ca[1]], "passphrase", "x"),
        "garbage": b"\x30\x82 not a pkcs12 file",
        "certs only": pkcs12.serialize_key_and_certificates(
            None, None, None, [ca[1]],
            serialization.BestAvailableEncryption(b"passphrase")),
    }
    with pytest.raises(SecretError) as caught:
        load_pkcs12(blobs[data], passphrase)
    assert caught.value.msgid == \
        "The passphrase is wrong or the file is not a PKCS#12 key file."


def test_describe_reads_names_times_and_usage(ca: tuple, signer: tuple) -> None:
    info = describe(signer[1], id="s1", kind=CertificateKind.SIGNER, person_id="p1",
                    role=SignerRole.CHAIR, has_key=True)
    assert (info.subject, info.issuer) == (NAME, OFFICE)
    assert info.serial == format(signer[1].serial_number, "x")
    assert info.not_before.tzinfo is not None and info.not_before <= NOW < info.not_after
    assert info.fingerprint == fingerprint(signer[1]) and len(info.fingerprint) == 64
    assert info.non_repudiation and info.has_key and info.role is SignerRole.CHAIR
    assert not describe(ca[1], id="ca", kind=CertificateKind.OFFICE_CA).non_repudiation


def test_describe_without_common_name_uses_the_whole_name(ca: tuple) -> None:
    cert = _custom_cert(ca, x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Acme")]),
                        usage=_usage(digital_signature=True, content_commitment=True))
    assert describe(cert, id="x", kind=CertificateKind.TRUSTED_ISSUER).subject == "O=Acme"


def test_certificates_load_from_der_and_pem(signer: tuple) -> None:
    cert = signer[1]
    assert load_cert(cert_der(cert)) == cert
    assert load_cert(cert.public_bytes(serialization.Encoding.PEM)) == cert
    with pytest.raises(ValidationError):
        load_cert(b"hello")


def test_expired_and_future_certificates_are_unfit(ca: tuple, signer: tuple) -> None:
    cert = signer[1]
    with pytest.raises(ValidationError, match="expired on"):
        check_fit_for_signing(cert, NOW + timedelta(days=4 * 365))
    with pytest.raises(ValidationError, match="not valid until"):
        check_fit_for_signing(cert, NOW - timedelta(days=1))


def test_certificate_without_non_repudiation_is_unfit(ca: tuple) -> None:
    cert = _custom_cert(ca, x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, NAME)]),
                        usage=_usage(digital_signature=True, content_commitment=False))
    with pytest.raises(ValidationError, match="non-repudiation") as caught:
        check_fit_for_signing(cert, NOW)
    assert caught.value.params["name"] == NAME


def test_certificate_without_digital_signature_is_unfit(ca: tuple) -> None:
    cert = _custom_cert(ca, x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "B")]),
                        usage=_usage(digital_signature=False, content_commitment=True))
    with pytest.raises(ValidationError, match="lacks the digital signature"):
        check_fit_for_signing(cert, NOW)


def test_ca_certificate_is_unfit(ca: tuple) -> None:
    with pytest.raises(ValidationError, match="is a CA certificate"):
        check_fit_for_signing(ca[1], NOW)


# ---- helpers ---------------------------------------------------------------------------------

def _usage(*, digital_signature: bool, content_commitment: bool) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=digital_signature,
                         content_commitment=content_commitment, key_encipherment=False,
                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                         crl_sign=False, encipher_only=False, decipher_only=False)


def _custom_cert(ca: tuple, subject: x509.Name, *, usage: x509.KeyUsage) -> x509.Certificate:
    key = ec.generate_private_key(ec.SECP256R1())
    return (
        x509.CertificateBuilder()
        .subject_name(subject).issuer_name(ca[1].subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - timedelta(days=1)).not_valid_after(NOW + timedelta(days=30))
        .add_extension(usage, critical=True)
        .sign(ca[0], hashes.SHA256())
    )
