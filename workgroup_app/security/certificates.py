"""The office CA, signers' certificates and their PKCS#12 key files (cryptography).

The CA is EC P-256 and signs only certificates; a signer gets RSA-2048 with the digital
signature and non-repudiation key usages, which pyHanko's default validation policy requires.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import (
    CertificateIssuerPrivateKeyTypes,
    PrivateKeyTypes,
)
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from ..domain.errors import SecretError, ValidationError
from ..domain.messages import N_
from ..domain.minutes import CertificateInfo, CertificateKind, SignerRole

# PBKDF2-SHA256 rounds for the key file (key encryption and MAC). The passphrase is normally
# 256 random bits from the keyring, so rounds add little there; for a typed passphrase they
# slow guessing. Measured: loading takes ~36 ms at 2,048 rounds (mostly the RSA key check),
# ~47 ms at 50,000 and ~60 ms at 100,000; a whole signature with 50,000 takes ~0.17 s.
PKCS12_KDF_ROUNDS = 50_000

_WRONG_P12 = N_("The passphrase is wrong or the file is not a PKCS#12 key file.")


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _ski(key: PrivateKeyTypes) -> x509.SubjectKeyIdentifier:
    return x509.SubjectKeyIdentifier.from_public_key(key.public_key())  # type: ignore[arg-type]


def make_office_ca(office_name: str, *, now: datetime,
                   years: int = 10) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A self-signed CA for this office; it may issue signer certificates only (path length 0)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, office_name),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, office_name)])
    start = _utc(now) - timedelta(minutes=5)  # tolerate a little clock skew between machines
    cert = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start).not_valid_after(start + timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=False, content_commitment=False, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
            encipher_only=False, decipher_only=False), critical=True)
        .add_extension(_ski(key), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def issue_signer(ca_key: CertificateIssuerPrivateKeyTypes, ca_cert: x509.Certificate, *,
                 full_name: str, position: str, office: str, role: SignerRole,
                 now: datetime, years: int = 3) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    """An RSA-2048 signing certificate for a person, issued by the office CA.

    ``role`` is recorded by the caller (which field the person signs); the certificate itself
    names only the person, so one person keeps one certificate whatever they sign as.
    """
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, full_name)]
    if position:
        attributes.append(x509.NameAttribute(NameOID.TITLE, position))
    if office:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, office))
    start = _utc(now) - timedelta(minutes=5)
    ca_ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attributes)).issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start).not_valid_after(start + timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
            encipher_only=False, decipher_only=False), critical=True)
        .add_extension(_ski(key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski),
            critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert


# ---- PKCS#12 ---------------------------------------------------------------------------------

def to_pkcs12(key: PrivateKeyTypes, cert: x509.Certificate, chain: list[x509.Certificate],
              passphrase: str, name: str, *, kdf_rounds: int = PKCS12_KDF_ROUNDS) -> bytes:
    encryption = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(kdf_rounds)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(passphrase.encode("utf-8"))
    )
    return pkcs12.serialize_key_and_certificates(
        name.encode("utf-8"), key, cert, chain or None, encryption)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class LoadedKey:
    key: PrivateKeyTypes
    cert: x509.Certificate
    chain: tuple[x509.Certificate, ...]


def load_pkcs12(data: bytes, passphrase: str) -> LoadedKey:
    try:
        loaded = pkcs12.load_pkcs12(data, passphrase.encode("utf-8"))
    except Exception as error:  # wrong passphrase, garbage, unsupported algorithm: all the same
        raise SecretError(_WRONG_P12) from error
    if loaded.key is None or loaded.cert is None:
        raise SecretError(_WRONG_P12)
    chain = tuple(c.certificate for c in loaded.additional_certs)
    return LoadedKey(key=loaded.key, cert=loaded.cert.certificate, chain=chain)


# ---- reading certificates --------------------------------------------------------------------

def cert_der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


def load_cert(der_or_pem: bytes) -> x509.Certificate:
    try:
        if der_or_pem.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_certificate(der_or_pem)
        return x509.load_der_x509_certificate(der_or_pem)
    except ValueError as error:
        raise ValidationError(N_("The file is not an X.509 certificate.")) from error


def to_pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def fingerprint(cert: x509.Certificate) -> str:
    return hashlib.sha256(cert_der(cert)).hexdigest()


def common_name(name: x509.Name) -> str:
    """The CN of a name, or its RFC 4514 text when it has none."""
    values = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    if values:
        value = values[0].value
        return value if isinstance(value, str) else value.decode("utf-8", "replace")
    return name.rfc4514_string()


def _key_usage(cert: x509.Certificate) -> x509.KeyUsage | None:
    try:
        return cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return None


def is_ca(cert: x509.Certificate) -> bool:
    try:
        return cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        return False


def describe(cert: x509.Certificate, *, id: str, kind: CertificateKind,
             person_id: str | None = None, role: SignerRole | None = None,
             has_key: bool = False) -> CertificateInfo:
    usage = _key_usage(cert)
    return CertificateInfo(
        id=id, kind=kind, subject=common_name(cert.subject), issuer=common_name(cert.issuer),
        serial=format(cert.serial_number, "x"),
        not_before=cert.not_valid_before_utc, not_after=cert.not_valid_after_utc,
        fingerprint=fingerprint(cert),
        non_repudiation=bool(usage and usage.content_commitment),
        person_id=person_id, role=role, has_key=has_key)


def check_fit_for_signing(cert: x509.Certificate, now: datetime) -> None:
    """Raise ValidationError unless the certificate can make a signature that validates."""
    name = common_name(cert.subject)
    moment = _utc(now)
    if moment < cert.not_valid_before_utc:
        raise ValidationError(N_("The certificate of {name} is not valid until {date}."),
                              name=name, date=cert.not_valid_before_utc.date())
    if moment > cert.not_valid_after_utc:
        raise ValidationError(N_("The certificate of {name} expired on {date}."),
                              name=name, date=cert.not_valid_after_utc.date())
    # A CA certificate is checked before the key usages: its usages would be "missing" too,
    # and "this is a CA" says what is actually wrong.
    if is_ca(cert):
        raise ValidationError(N_("The certificate of {name} is a CA certificate; "
                                 "a person signs with their own certificate."), name=name)
    usage = _key_usage(cert)
    if usage is None or not usage.content_commitment:
        raise ValidationError(N_("The certificate of {name} lacks the non-repudiation key "
                                 "usage that a signature on minutes requires."), name=name)
    if not usage.digital_signature:
        raise ValidationError(N_("The certificate of {name} lacks the digital signature "
                                 "key usage."), name=name)


def issuer_path(cert: x509.Certificate, chain: Sequence[x509.Certificate]
                ) -> list[x509.Certificate]:
    """The CA certificates of ``chain`` that lead from ``cert`` upwards, each checked to be a CA
    and to have signed the one below it; anything else in the chain is left out."""
    path: list[x509.Certificate] = []
    current = cert
    remaining = list(chain)
    while True:
        found = next((c for c in remaining if is_ca(c) and c != current
                      and issued_by(current, c)), None)
        if found is None:
            return path
        path.append(found)
        remaining.remove(found)
        current = found


def issued_by(cert: x509.Certificate, ca_cert: x509.Certificate) -> bool:
    """True when ca_cert's key signed cert (and the names chain)."""
    try:
        cert.verify_directly_issued_by(ca_cert)
    except Exception:  # a mismatch, a bad signature or an unsupported key type
        return False
    return True
