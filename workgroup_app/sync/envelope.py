"""The outer form of a bundle file (reference: sync-anchors §2.5–2.6; docs/sync-format.md).

    offset  field
    0       magic "OSB\\x01\\r\\n\\x1a\\n" (8 bytes)
    8       u32 big-endian header length (at most 64 KiB, checked before anything is read)
    12      header: canonical UTF-8 JSON; these exact bytes are signed
    …       u16 big-endian signature length (64) + Ed25519 signature over
            b"OSB1-header\\0" || header bytes
    …       payload: the STREAM of ``stream.py``; nothing may follow it

The header names the sender and, per recipient office, the payload's file key wrapped with
HPKE (X25519, HKDF-SHA256, ChaCha20-Poly1305) under an ``info`` that binds the network, the
bundle, the sender and the recipient: a payload re-signed by another office, or moved under
another header, does not open. Checks run in an order that touches nothing untrusted before
the signature is verified, and each refusal says what is wrong in one sentence.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from ..domain.errors import VerificationError
from ..domain.messages import N_
from . import canonical_b64, stream
from .strict_json import dumps_canonical, loads_strict

MAGIC = b"OSB\x01\r\n\x1a\n"
FORMAT = 1
MAX_HEADER = 64 * 1024
SIGNATURE_PREFIX = b"OSB1-header\0"
SIGNATURE_LEN = 64
KNOWN_CRITICAL: frozenset[str] = frozenset()
SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)


@dataclass(frozen=True, slots=True)
class Recipient:
    key_id: str
    public_key: X25519PublicKey


@dataclass(frozen=True, slots=True)
class Opened:
    header: dict[str, Any]
    payload: bytes


# Looks up the verify key of (sender site, sender key id); None for an unknown or revoked one.
SenderKeys = Callable[[str, str], Ed25519PublicKey | None]


def _info(network_id: str, bundle_id: str, sender_site: str, key_id: str) -> bytes:
    return "|".join(("osb1", network_id, bundle_id, sender_site, key_id)).encode("utf-8")


def seal_bundle(fields: dict[str, Any], payload: bytes, *, network_id: str, bundle_id: str,
                sender_site: str, sender_key_id: str, signing_key: Ed25519PrivateKey,
                recipients: Sequence[Recipient]) -> bytes:
    """A whole bundle file: ``fields`` (sequence numbers, clocks …) join the header."""
    if not recipients:
        raise ValueError("a bundle needs at least one recipient")
    file_key = os.urandom(stream.KEY)
    sealed = stream.seal(file_key, payload)
    stanzas = [{"key_id": r.key_id, "wrapped": canonical_b64.encode(SUITE.encrypt(
        file_key, r.public_key, info=_info(network_id, bundle_id, sender_site, r.key_id)))}
        for r in recipients]
    header = {**fields, "format": FORMAT, "critical": [], "network_id": network_id,
              "bundle_id": bundle_id, "sender_site": sender_site,
              "sender_key_id": sender_key_id, "recipients": stanzas,
              "payload_len": len(sealed), "payload_sha256": hashlib.sha256(sealed).hexdigest(),
              "chunk_size": stream.CHUNK}
    header_bytes = dumps_canonical(header)
    if len(header_bytes) > MAX_HEADER:
        raise ValueError("too many recipients for one header")
    signature = signing_key.sign(SIGNATURE_PREFIX + header_bytes)
    return b"".join((MAGIC, len(header_bytes).to_bytes(4, "big"), header_bytes,
                     len(signature).to_bytes(2, "big"), signature, sealed))


def _refuse(msgid: str, **params: Any) -> VerificationError:
    return VerificationError(msgid, **params)


def _split(data: bytes) -> tuple[bytes, bytes, bytes]:
    """Header bytes, signature and payload, after the structural checks."""
    if not data.startswith(MAGIC):
        raise _refuse(N_("This file is not an exchange bundle."))
    if len(data) < len(MAGIC) + 4:
        raise _refuse(N_("The bundle is truncated."))
    length = int.from_bytes(data[8:12], "big")
    if length > MAX_HEADER:
        raise _refuse(N_("The bundle's header claims {size} bytes; at most {limit} are "
                         "allowed."), size=length, limit=MAX_HEADER)
    header_end = 12 + length
    if len(data) < header_end + 2:
        raise _refuse(N_("The bundle is truncated."))
    sig_len = int.from_bytes(data[header_end:header_end + 2], "big")
    if sig_len != SIGNATURE_LEN or len(data) < header_end + 2 + sig_len:
        raise _refuse(N_("The bundle's signature is missing or malformed."))
    return (data[12:header_end], data[header_end + 2:header_end + 2 + sig_len],
            data[header_end + 2 + sig_len:])


def _field(header: dict[str, Any], name: str, kind: type) -> Any:
    value = header.get(name)
    if not isinstance(value, kind) or isinstance(value, bool) != (kind is bool):
        raise _refuse(N_("The bundle's header lacks a valid '{name}'."), name=name)
    return value


def read_header(data: bytes) -> dict[str, Any]:
    """The header of a bundle file, unverified: for choosing keys and listing files only."""
    header = loads_strict(_split(data)[0])
    if not isinstance(header, dict):
        raise _refuse(N_("The bundle's header lacks a valid '{name}'."), name="format")
    return header


def open_bundle(data: bytes, *, network_id: str, sender_keys: SenderKeys, my_key_id: str,
                my_key: X25519PrivateKey) -> Opened:
    """Verify and decrypt a bundle addressed to this office, or refuse it in one sentence:
    not a bundle, damaged, a newer format, another network, an unknown or revoked sender, a
    bad signature, a payload that is not the one signed, or not addressed to us."""
    header_bytes, signature, payload = _split(data)
    header = loads_strict(header_bytes)
    if not isinstance(header, dict):
        raise _refuse(N_("The bundle's header lacks a valid '{name}'."), name="format")
    version = _field(header, "format", int)
    if version != FORMAT:
        raise _refuse(N_("The bundle has format version {version}; this program reads "
                         "version {known}. Update the program."), version=version,
                      known=FORMAT)
    unknown = set(_field(header, "critical", list)) - KNOWN_CRITICAL
    if unknown:
        raise _refuse(N_("The bundle needs features this program lacks: {features}."),
                      features=", ".join(sorted(map(str, unknown))))
    if _field(header, "network_id", str) != network_id:
        raise _refuse(N_("The bundle belongs to another exchange network."))
    sender = _field(header, "sender_site", str)
    verify_key = sender_keys(sender, _field(header, "sender_key_id", str))
    if verify_key is None:
        raise _refuse(N_("The bundle comes from office {site}, which this office does not "
                         "trust (unknown or revoked)."), site=sender)
    try:
        verify_key.verify(signature, SIGNATURE_PREFIX + header_bytes)
    except InvalidSignature:
        raise _refuse(N_("The bundle's signature is not valid: it was changed or forged."))\
            from None
    if _field(header, "payload_len", int) != len(payload) or \
            _field(header, "payload_sha256", str) != hashlib.sha256(payload).hexdigest():
        raise _refuse(N_("The bundle's contents are not the ones signed: damaged, cut or "
                         "extended."))
    stanza = next((s for s in _field(header, "recipients", list)
                   if isinstance(s, dict) and s.get("key_id") == my_key_id), None)
    if stanza is None:
        raise _refuse(N_("The bundle is addressed to other offices."))
    wrapped = canonical_b64.decode(str(stanza.get("wrapped", "")))
    bundle_id = _field(header, "bundle_id", str)
    try:
        file_key = SUITE.decrypt(wrapped, my_key,
                                 info=_info(network_id, bundle_id, sender, my_key_id))
    except (InvalidTag, ValueError):
        raise _refuse(N_("The bundle's key for this office does not open.")) from None
    return Opened(header, stream.open_sealed(file_key, payload))


def new_signing_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def new_encryption_key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()
