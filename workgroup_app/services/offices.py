"""This office's identity and the offices it trusts (DESIGN §5; issue 6).

The identity is made once: the site id the store already has, an Ed25519 key that signs
bundles and the office card, an X25519 key that opens bundles addressed here, and the office
CA that signs people's certificates. Other offices are trusted by their card, once its
fingerprint has been compared by phone; trusting a card also trusts its CA for protocols.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from ..domain.access import Permission
from ..domain.errors import ConflictError, NotFoundError, SecretError, ValidationError
from ..domain.messages import N_
from ..domain.sync import CardPreview, OfficeInfo
from ..security import office_keys
from ..security.keystore import random_passphrase
from ..sync import canonical_b64
from ..sync.card import OfficeCard, key_id, normalise_fingerprint, read_card, write_card
from ..sync.card import fingerprint as card_fingerprint
from . import keys
from .keys import Keychain
from .ports import UnitOfWork

SECRET_NAME = "office-keys"
DEFAULT_NETWORK = "workgroup"
NAME_MAX = 300


@dataclass(frozen=True)
class Identity:
    """This office's keys, loaded for one export or import."""

    site_id: str
    name: str
    network: str
    sign_key: Ed25519PrivateKey
    enc_key: X25519PrivateKey
    sign_key_id: str
    enc_key_id: str


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def _info(row: Any) -> OfficeInfo:
    return OfficeInfo(site_id=row.site_id, name=row.name, region=row.region,
                      country=row.country, network=row.network, fingerprint=row.fingerprint,
                      is_self=row.is_self, added_at=row.added_at, revoked_at=row.revoked_at,
                      has_ca=row.ca_der is not None)


def own_office(uow: UnitOfWork) -> OfficeInfo | None:
    with uow:
        row = uow.sync.own_office()
        return None if row is None else _info(row)


def list_offices(uow: UnitOfWork) -> list[OfficeInfo]:
    with uow:
        return [_info(r) for r in uow.sync.offices()]


def needs_passphrase(keychain: Keychain) -> bool:
    """Whether the user must type the office keys' passphrase (no keyring holds it)."""
    if not keychain.keyring_available:
        return True
    return keychain.secrets.get(SECRET_NAME) is None


def init_office(uow: UnitOfWork, keychain: Keychain, *, name: str, region: str = "",
                country: str = "", network: str = DEFAULT_NETWORK,
                passphrase: str | None = None, now: datetime | None = None) -> OfficeInfo:
    """Set up this office's identity once; the office CA too when there is none yet."""
    uow.actor.require(Permission.MANAGE_OFFICES)
    name, region, network = name.strip(), region.strip(), network.strip()
    country = country.strip().upper()
    if not name:
        raise ValidationError(N_("Give the office's name."), field="name")
    if len(name) > NAME_MAX or len(region) > NAME_MAX:
        raise ValidationError(N_("A name may have at most {count} characters."),
                              field="name", count=NAME_MAX)
    if country and (len(country) != 2 or not country.isalpha()):
        raise ValidationError(N_("The country is a two-letter code such as BY or RU."),
                              field="country")
    if not network or len(network) > 100:
        raise ValidationError(N_("Give the exchange network's name (up to 100 characters)."),
                              field="network")
    with uow:
        if uow.sync.own_office() is not None:
            raise ConflictError(N_("This office's identity is already set up."))
    existing = [keychain.folder / f for f in (office_keys.SIGN_FILE, office_keys.ENC_FILE)
                if (keychain.folder / f).exists()]
    if existing:
        # Another store's office keys: overwriting them would cut that office off.
        raise ConflictError(N_("Office keys already exist in {folder}, made for another "
                               "store. Give this store a data folder of its own."),
                            folder=str(keychain.folder))
    if keys.office_ca(uow) is None:
        keys.ca_init(uow, keychain, office_name=name, passphrase=passphrase, now=now)
    secret = random_passphrase() if keychain.keyring_available \
        else keys.check_passphrase(passphrase)
    sign_key, enc_key = Ed25519PrivateKey.generate(), X25519PrivateKey.generate()
    if keychain.keyring_available:
        keychain.secrets.put(SECRET_NAME, secret)
    office_keys.write_key(keychain.folder / office_keys.SIGN_FILE, sign_key, secret)
    office_keys.write_key(keychain.folder / office_keys.ENC_FILE, enc_key, secret)
    with uow:
        ca = uow.certificates.office_ca()
        ca_b64 = canonical_b64.encode(ca.der) if ca else ""
        sign_b64 = canonical_b64.encode(office_keys.public_raw(sign_key))
        enc_b64 = canonical_b64.encode(office_keys.public_raw(enc_key))
        row = uow.sync.add_office(
            site_id=uow.office_id, name=name, region=region, country=country,
            network=network, sign_public=sign_b64, enc_public=enc_b64,
            ca_der=ca.der if ca else None, is_self=True, added_at=_now(now),
            fingerprint=card_fingerprint(uow.office_id, network, sign_b64, enc_b64, ca_b64))
        info = _info(row)
        uow.commit()
    return info


def _secret(keychain: Keychain, passphrase: str | None) -> str:
    secret = None if passphrase is not None or not keychain.keyring_available \
        else keychain.secrets.get(SECRET_NAME)
    secret = passphrase if secret is None else secret
    if secret is None:
        raise SecretError(N_("The passphrase of the office keys is needed: no system keyring "
                             "holds it here."), field="passphrase")
    return secret


def load_identity(uow: UnitOfWork, keychain: Keychain,
                  passphrase: str | None = None) -> Identity:
    with uow:
        row = uow.sync.own_office()
        if row is None:
            raise NotFoundError(N_("This office's identity is not set up yet: set it up "
                                   "first (office init, or Exchange → This office)."))
        site_id, name, network = row.site_id, row.name, row.network
        sign_b64, enc_b64 = row.sign_public, row.enc_public
    secret = _secret(keychain, passphrase)
    sign_key = office_keys.read_key(keychain.folder / office_keys.SIGN_FILE, secret)
    enc_key = office_keys.read_key(keychain.folder / office_keys.ENC_FILE, secret)
    if not isinstance(sign_key, Ed25519PrivateKey) or not isinstance(enc_key, X25519PrivateKey)\
            or canonical_b64.encode(office_keys.public_raw(sign_key)) != sign_b64 \
            or canonical_b64.encode(office_keys.public_raw(enc_key)) != enc_b64:
        raise SecretError(N_("The office key files do not match this office's identity."))
    return Identity(site_id, name, network, sign_key, enc_key, key_id(sign_b64),
                    key_id(enc_b64))


def export_card(uow: UnitOfWork, keychain: Keychain, passphrase: str | None = None) -> bytes:
    """This office's card: public keys and CA certificate, signed with its own key."""
    uow.actor.require(Permission.MANAGE_OFFICES)
    identity = load_identity(uow, keychain, passphrase)
    with uow:
        row = uow.sync.own_office()
        assert row is not None
        card = OfficeCard(site_id=row.site_id, name=row.name, region=row.region,
                          country=row.country, network=row.network,
                          sign_public=row.sign_public, enc_public=row.enc_public,
                          ca_certificate=canonical_b64.encode(row.ca_der) if row.ca_der else "")
    return write_card(card, identity.sign_key)


def preview_card(uow: UnitOfWork, data: bytes) -> CardPreview:
    """What a card file says, checked, for the user to compare the fingerprint."""
    card = read_card(data)
    with uow:
        known = uow.sync.office(card.site_id) is not None
    return CardPreview(card.site_id, card.name, card.region, card.country, card.network,
                       card.fingerprint, bool(card.ca_certificate), known)


def trust_card(uow: UnitOfWork, data: bytes, fingerprint: str,
               now: datetime | None = None) -> OfficeInfo:
    """Trust another office by its card, once the fingerprint read out by phone matches.
    Its CA becomes a trusted issuer here, so the protocols it signs verify."""
    uow.actor.require(Permission.MANAGE_OFFICES)
    card = read_card(data)
    if normalise_fingerprint(fingerprint) != card.fingerprint:
        raise ValidationError(N_("The fingerprint does not match the card: do not trust it. "
                                 "The card shows {shown}."), field="fingerprint",
                              shown=card.fingerprint)
    with uow:
        own = uow.sync.own_office()
        if own is None:
            raise NotFoundError(N_("This office's identity is not set up yet: set it up "
                                   "first (office init, or Exchange → This office)."))
        if card.site_id == own.site_id:
            raise ValidationError(N_("This is this office's own card."))
        if card.network != own.network:
            raise ValidationError(N_("The card belongs to the exchange network '{network}'; "
                                     "this office is in '{own}'."), network=card.network,
                                  own=own.network)
        ca_der = canonical_b64.decode(card.ca_certificate) if card.ca_certificate else None
        row = uow.sync.trust_office(
            site_id=card.site_id, name=card.name, region=card.region, country=card.country,
            network=card.network, sign_public=card.sign_public, enc_public=card.enc_public,
            ca_der=ca_der, fingerprint=card.fingerprint, added_at=_now(now))
        info = _info(row)
        uow.commit()
    if ca_der is not None:
        # Trusted already (an earlier card, or by file), or expired: the office still is.
        with contextlib.suppress(ConflictError, ValidationError):
            keys.trust_issuer(uow, ca_der, now=now)
    return info


def find_office(uow: UnitOfWork, reference: str) -> OfficeInfo:
    """An office by site id (or its first characters) or by name, case-insensitively."""
    wanted = reference.strip().casefold()
    offices = [o for o in list_offices(uow) if not o.is_self]
    exact = [o for o in offices if wanted in (o.site_id.casefold(), o.name.casefold())]
    found = exact or [o for o in offices if o.site_id.startswith(wanted) and len(wanted) >= 4]
    if len(found) != 1:
        raise NotFoundError(N_("No single office matches '{reference}'.") if not found else
                            N_("More than one office matches '{reference}'; give its id."),
                            reference=reference)
    return found[0]


def revoke(uow: UnitOfWork, reference: str, now: datetime | None = None) -> OfficeInfo:
    """Stop accepting that office's bundles and sending it ours. Its CA stays trusted, so
    the protocols it signed before keep verifying."""
    uow.actor.require(Permission.MANAGE_OFFICES)
    office = find_office(uow, reference)
    if office.revoked_at is not None:
        raise ConflictError(N_("Trust in {office} was already revoked."), office=office.name)
    with uow:
        row = uow.sync.revoke_office(office.site_id, _now(now))
        info = _info(row)
        uow.commit()
    return info


def sender_keys(uow: UnitOfWork) -> dict[tuple[str, str], Ed25519PublicKey]:
    """The verify keys of the offices trusted now, by (site id, key id)."""
    result = {}
    for office in list_offices(uow):
        if office.trusted:
            with uow:
                row = uow.sync.office(office.site_id)
                public = row.sign_public
            result[(office.site_id, key_id(public))] = Ed25519PublicKey.from_public_bytes(
                canonical_b64.decode(public))
    return result


def recipient_key(uow: UnitOfWork, site_id: str) -> tuple[str, X25519PublicKey]:
    with uow:
        row = uow.sync.office(site_id)
        if row is None or row.is_self or row.revoked_at is not None:
            raise NotFoundError(N_("This office does not trust office {site} (unknown or "
                                   "revoked)."), site=site_id)
        public = row.enc_public
    return key_id(public), X25519PublicKey.from_public_bytes(canonical_b64.decode(public))
