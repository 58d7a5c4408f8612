"""Office cards: the public half of an office identity, exchanged once as a file and
confirmed by reading the fingerprint aloud over the phone (DESIGN §5).

A card is canonical JSON, signed by the office's own Ed25519 key (proof that whoever made the
card holds the key). The fingerprint is over what identifies the office — its site id,
network and public keys, and its CA certificate, so trusting a card also lets this office
check the protocols that office signs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ..domain.errors import VerificationError
from ..domain.messages import N_
from . import canonical_b64
from .strict_json import dumps_canonical, loads_strict

KIND = "workgroup-office-card"
FORMAT = 1
MAX_CARD = 64 * 1024
_PREFIX = b"OSB1-card\0"
FIELDS = ("site_id", "name", "region", "country", "network", "sign_public", "enc_public",
          "ca_certificate")


@dataclass(frozen=True)
class OfficeCard:
    site_id: str
    name: str
    region: str
    country: str
    network: str
    sign_public: str  # base64 of the raw 32 bytes
    enc_public: str
    ca_certificate: str  # base64 DER, "" when the office has no CA yet

    def body(self) -> dict[str, Any]:
        return {"kind": KIND, "format": FORMAT, **{f: getattr(self, f) for f in FIELDS}}

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.site_id, self.network, self.sign_public, self.enc_public,
                           self.ca_certificate)


def fingerprint(site_id: str, network: str, sign_public: str, enc_public: str,
                ca_certificate: str) -> str:
    """Forty hex digits in groups of four: short enough to read aloud, 160 bits."""
    digest = hashlib.sha256(dumps_canonical([site_id, network, sign_public, enc_public,
                                             ca_certificate])).hexdigest()[:40].upper()
    return " ".join(digest[i:i + 4] for i in range(0, 40, 4))


def normalise_fingerprint(text: str) -> str:
    digits = "".join(ch for ch in text.upper() if ch in "0123456789ABCDEF")
    return " ".join(digits[i:i + 4] for i in range(0, len(digits), 4))


def key_id(public_b64: str) -> str:
    return hashlib.sha256(public_b64.encode("ascii")).hexdigest()[:16]


def write_card(card: OfficeCard, signing_key: Ed25519PrivateKey) -> bytes:
    body = card.body()
    signature = signing_key.sign(_PREFIX + dumps_canonical(body))
    return dumps_canonical({**body, "signature": canonical_b64.encode(signature)}) + b"\n"


def read_card(data: bytes) -> OfficeCard:
    """The card in ``data``, or VerificationError: not a card, damaged, or its signature
    does not match its own key."""
    if len(data) > MAX_CARD:
        raise VerificationError(N_("This file is not an office card."))
    value = loads_strict(data.strip())
    if not isinstance(value, dict) or value.get("kind") != KIND:
        raise VerificationError(N_("This file is not an office card."))
    if value.get("format") != FORMAT:
        raise VerificationError(N_("The office card has format {version}; this program reads "
                                   "version {known}. Update the program."),
                                version=str(value.get("format")), known=FORMAT)
    if set(value) != {"kind", "format", "signature", *FIELDS} or \
            not all(isinstance(value[f], str) for f in (*FIELDS, "signature")):
        raise VerificationError(N_("The office card is damaged."))
    card = OfficeCard(**{f: value[f] for f in FIELDS})
    try:
        public = Ed25519PublicKey.from_public_bytes(canonical_b64.decode(card.sign_public))
        canonical_b64.decode(card.enc_public)
        public.verify(canonical_b64.decode(value["signature"]),
                      _PREFIX + dumps_canonical(card.body()))
    except (InvalidSignature, ValueError, VerificationError):
        raise VerificationError(N_("The office card is damaged or was altered.")) from None
    if not card.site_id or not card.name or len(card.name) > 300:
        raise VerificationError(N_("The office card is damaged."))
    return card
