"""The office CA and the signing certificates of people (DESIGN §6).

A private key lives in an encrypted PKCS#12 file in the keys folder. Its passphrase is random
and kept in the OS keyring; where there is no keyring backend the user chooses one and types
it when signing (the GUI asks, the CLI prompts or reads ``--passphrase-file``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..domain.access import Permission
from ..domain.entities import new_id
from ..domain.errors import ConflictError, NotFoundError, SecretError, ValidationError
from ..domain.messages import N_
from ..domain.minutes import SIGNER_ROLE_LABELS, CertificateInfo, CertificateKind, SignerRole
from ..security import certificates as certs
from ..security import file_modes
from ..security.keystore import SecretStore, random_passphrase
from .ports import UnitOfWork

MIN_PASSPHRASE = 8


@dataclass(frozen=True)
class Keychain:
    """Where keys are: the folder of PKCS#12 files, the keyring, a cache for the stamp font."""

    folder: Path
    secrets: SecretStore
    cache: Path

    @property
    def keyring_available(self) -> bool:
        return self.secrets.available()

    def secret_name(self, cert_id: str) -> str:
        return f"p12:{cert_id}"


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def check_passphrase(passphrase: str | None) -> str:
    if passphrase is None:
        raise SecretError(N_("No keyring is available on this computer to keep the key's "
                             "passphrase, so choose a passphrase for it."), field="passphrase")
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(N_("A passphrase needs at least {count} characters."),
                              field="passphrase", count=MIN_PASSPHRASE)
    return passphrase


def _write_key(keychain: Keychain, cert_id: str, key: object, cert: object, chain: list,
               name: str, passphrase: str | None) -> str:
    """Encrypt the key to a PKCS#12 file readable by its owner only; the passphrase goes to
    the keyring when there is one (then ``passphrase`` is ignored), else it is the user's.
    The secret is stored before the file appears, so no key file exists whose passphrase was
    lost; a failed write leaves no temporary file behind."""
    in_keyring = keychain.keyring_available
    secret = random_passphrase() if in_keyring else check_passphrase(passphrase)
    data = certs.to_pkcs12(key, cert, chain, secret, name)
    file_modes.secure_folder(keychain.folder)
    filename = f"{cert_id}.p12"
    target = keychain.folder / filename
    temp = target.with_suffix(".tmp")
    try:
        fd = file_modes.open_private(temp)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if in_keyring:
            keychain.secrets.put(keychain.secret_name(cert_id), secret)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    return filename


def needs_passphrase(keychain: Keychain, cert_id: str) -> bool:
    """Whether the user must type the passphrase of this key (no keyring entry for it)."""
    if not keychain.keyring_available:
        return True
    return keychain.secrets.get(keychain.secret_name(cert_id)) is None


def load_key(uow: UnitOfWork, keychain: Keychain, cert_id: str,
             passphrase: str | None = None) -> certs.LoadedKey:
    with uow:
        stored = uow.certificates.get(cert_id)
    if stored is None or not stored.key_file:
        raise NotFoundError(N_("There is no private key for this certificate here."))
    path = keychain.folder / stored.key_file
    file_modes.secure_folder(keychain.folder)  # one made before keys were kept private
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SecretError(N_("The key file {path} cannot be read: {reason}"),
                          path=str(path), reason=error.strerror or str(error)) from error
    secret = None if passphrase is not None or not keychain.keyring_available \
        else keychain.secrets.get(keychain.secret_name(cert_id))
    secret = passphrase if secret is None else secret
    if secret is None:
        raise SecretError(N_("The passphrase of this key is needed: no system keyring holds it "
                             "here. If the key was made where a keyring keeps its passphrase, "
                             "sign in that desktop session."), field="passphrase")
    return certs.load_pkcs12(data, secret)


def _info(stored_id: str, der: bytes, kind: CertificateKind, person_id: str | None,
          role: SignerRole | None, has_key: bool) -> CertificateInfo:
    return certs.describe(certs.load_cert(der), id=stored_id, kind=kind, person_id=person_id,
                          role=role, has_key=has_key)


def list_certificates(uow: UnitOfWork) -> list[CertificateInfo]:
    with uow:
        stored = uow.certificates.all()
    return [_info(s.id, s.der, s.kind, s.person_id, s.role, bool(s.key_file)) for s in stored]


def office_ca(uow: UnitOfWork) -> CertificateInfo | None:
    with uow:
        stored = uow.certificates.office_ca()
    return None if stored is None else _info(stored.id, stored.der, stored.kind, None, None,
                                             bool(stored.key_file))


def ca_init(uow: UnitOfWork, keychain: Keychain, *, office_name: str,
            passphrase: str | None = None, now: datetime | None = None) -> CertificateInfo:
    """Create the office CA once. ``passphrase`` protects its key where there is no keyring."""
    uow.actor.require(Permission.MANAGE_KEYS)
    office_name = office_name.strip()
    if not office_name:
        raise ValidationError(N_("Give the office's name: the CA certificate carries it."),
                              field="office_name")
    with uow:
        if uow.certificates.office_ca() is not None:
            raise ConflictError(N_("This office already has its certification authority."))
        key, cert = certs.make_office_ca(office_name, now=_now(now))
        cert_id = new_id()
        key_file = _write_key(keychain, cert_id, key, cert, [], "office-ca", passphrase)
        info = certs.describe(cert, id=cert_id, kind=CertificateKind.OFFICE_CA, has_key=True)
        uow.certificates.add(info, certs.cert_der(cert), key_file)
        uow.commit()
    return info


def issue(uow: UnitOfWork, keychain: Keychain, person_id: str, role: SignerRole, *,
          ca_passphrase: str | None = None, passphrase: str | None = None, years: int = 3,
          now: datetime | None = None) -> CertificateInfo:
    """Issue a signing certificate to a person for a role, signed by the office CA."""
    uow.actor.require(Permission.MANAGE_KEYS)
    if not 1 <= years <= 10:
        raise ValidationError(N_("A certificate is issued for 1 to 10 years."), field="years")
    with uow:
        person = uow.people.get(person_id)
        ca = uow.certificates.office_ca()
        office = ""
        if person is not None and person.agency_id:
            agency = uow.agencies.get(person.agency_id)
            office = "" if agency is None else agency.name
    if person is None:
        raise NotFoundError(N_("Person {id} not found."), id=person_id)
    if ca is None:
        raise NotFoundError(N_("This office has no certification authority yet: create it "
                               "first (keys ca-init)."))
    if not keychain.keyring_available:
        check_passphrase(passphrase)
    ca_key = load_key(uow, keychain, ca.id, ca_passphrase)
    key, cert = certs.issue_signer(ca_key.key, ca_key.cert, full_name=person.full_name,
                                   position=person.position, office=office, role=role,
                                   now=_now(now), years=years)
    cert_id = new_id()
    info = certs.describe(cert, id=cert_id, kind=CertificateKind.SIGNER, person_id=person_id,
                          role=role, has_key=True)
    with uow:
        key_file = _write_key(keychain, cert_id, key, cert, [ca_key.cert], f"{role.value}",
                              passphrase)
        uow.certificates.add(info, certs.cert_der(cert), key_file)
        uow.commit()
    return info


def import_pkcs12(uow: UnitOfWork, keychain: Keychain, data: bytes, file_passphrase: str,
                  person_id: str, role: SignerRole, *, passphrase: str | None = None,
                  now: datetime | None = None) -> CertificateInfo:
    """Take a person's existing key. It is re-encrypted under a passphrase of our own (the
    keyring's, or ``passphrase``, or the file's when neither is given). The CAs that issued it
    (its path through the file's chain, nothing else the file carries) become trusted: the
    administrator vouches for them by importing it, and the list shows them."""
    uow.actor.require(Permission.MANAGE_KEYS)
    loaded = certs.load_pkcs12(data, file_passphrase)
    certs.check_fit_for_signing(loaded.cert, _now(now))
    with uow:
        if uow.people.get(person_id) is None:
            raise NotFoundError(N_("Person {id} not found."), id=person_id)
        cert_id = new_id()
        info = certs.describe(loaded.cert, id=cert_id, kind=CertificateKind.SIGNER,
                              person_id=person_id, role=role, has_key=True)
        if uow.certificates.by_fingerprint(info.fingerprint) is not None:
            raise ConflictError(N_("This certificate is already here."))
        own = passphrase if passphrase is not None else file_passphrase
        key_file = _write_key(keychain, cert_id, loaded.key, loaded.cert, list(loaded.chain),
                              role.value, own)
        uow.certificates.add(info, certs.cert_der(loaded.cert), key_file)
        for issuer in certs.issuer_path(loaded.cert, loaded.chain):
            issuer_info = certs.describe(issuer, id=new_id(),
                                         kind=CertificateKind.TRUSTED_ISSUER)
            if uow.certificates.by_fingerprint(issuer_info.fingerprint) is None:
                uow.certificates.add(issuer_info, certs.cert_der(issuer))
        uow.commit()
    return info


def signer_certificate(uow: UnitOfWork, person_id: str, role: SignerRole,
                       now: datetime | None = None) -> CertificateInfo:
    """The person's newest certificate for the role that can sign now."""
    moment = _now(now)
    with uow:
        stored = uow.certificates.for_person(person_id, role)
        person = uow.people.get(person_id)
    name = person.full_name if person is not None else person_id
    if not stored:
        raise NotFoundError(N_("{name} has no signing certificate as {role} here; the "
                               "administrator issues one (keys issue)."),
                            name=name, role=SIGNER_ROLE_LABELS[role])
    infos = [_info(s.id, s.der, s.kind, s.person_id, s.role, True) for s in stored]
    usable = [i for i in infos if not i.expired(moment)]
    if not usable:
        if any(i.not_before > moment for i in infos):
            raise ValidationError(N_("The signing certificate of {name} is not valid before "
                                     "{day}."), name=name,
                                  day=min(i.not_before for i in infos).date())
        raise ValidationError(N_("The signing certificate of {name} expired on {day}; the "
                                 "administrator issues a new one."),
                              name=name, day=infos[0].not_after.date())
    return usable[0]


def trust_roots(uow: UnitOfWork) -> list[bytes]:
    with uow:
        return uow.certificates.trust_roots()


def export_office_ca(uow: UnitOfWork) -> bytes:
    """The office CA certificate (PEM) for other offices to trust; never the key."""
    with uow:
        stored = uow.certificates.office_ca()
    if stored is None:
        raise NotFoundError(N_("This office has no certification authority yet: create it "
                               "first (keys ca-init)."))
    return certs.to_pem(certs.load_cert(stored.der))


def certificate_fingerprint(data: bytes) -> str:
    """The SHA-256 fingerprint of a certificate file (PEM or DER), to compare by phone."""
    return certs.fingerprint(certs.load_cert(data))


def trust_issuer(uow: UnitOfWork, data: bytes, now: datetime | None = None) -> CertificateInfo:
    """Accept signatures issued by another office's CA (its certificate, PEM or DER), so
    minutes signed there verify here. Until office cards arrive with the exchange, the
    administrator compares the fingerprint with the other office by phone."""
    uow.actor.require(Permission.MANAGE_KEYS)
    cert = certs.load_cert(data)
    if not certs.is_ca(cert):
        raise ValidationError(N_("This is not a CA certificate: trust the issuing office's CA, "
                                 "not a person's certificate."), field="file")
    if cert.not_valid_after_utc < _now(now):
        raise ValidationError(N_("This CA certificate expired on {day}."),
                              day=cert.not_valid_after_utc.date())
    info = certs.describe(cert, id=new_id(), kind=CertificateKind.TRUSTED_ISSUER)
    with uow:
        if uow.certificates.by_fingerprint(info.fingerprint) is not None:
            raise ConflictError(N_("This certificate is already here."))
        uow.certificates.add(info, certs.cert_der(cert))
        uow.commit()
    return info
