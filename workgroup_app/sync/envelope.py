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
import io
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

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
COPY_BLOCK = 1024 * 1024
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


class PayloadWriter:
    """The plaintext of a payload goes in; its sealed form goes to ``out`` (a temporary
    file), counted and hashed on the way, since the signed header must name both."""

    def __init__(self, out: BinaryIO, nonce: bytes | None = None) -> None:
        self.file_key = os.urandom(stream.KEY)
        self._counted = _Counting(out)
        self._sealer = stream.Sealer(self.file_key, self._counted, nonce)

    def write(self, data: bytes) -> None:
        self._sealer.write(data)

    def close(self) -> tuple[int, str]:
        """Seal the final chunk; the sealed length and SHA-256."""
        self._sealer.close()
        return self._counted.length, self._counted.sha256.hexdigest()


class _Counting:
    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.length = 0
        self.sha256 = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.out.write(data)
        self.length += len(data)
        self.sha256.update(data)
        return len(data)


def write_bundle(out: BinaryIO, fields: dict[str, Any], payload: PayloadWriter,
                 sealed: BinaryIO, *, network_id: str, bundle_id: str, sender_site: str,
                 sender_key_id: str, signing_key: Ed25519PrivateKey,
                 recipients: Sequence[Recipient]) -> None:
    """Write the whole bundle file to ``out``: the signed header, then the sealed payload
    read back from ``sealed`` (where ``payload`` wrote it). ``fields`` join the header."""
    if not recipients:
        raise ValueError("a bundle needs at least one recipient")
    length, digest = payload.close()
    stanzas = [{"key_id": r.key_id, "wrapped": canonical_b64.encode(SUITE.encrypt(
        payload.file_key, r.public_key,
        info=_info(network_id, bundle_id, sender_site, r.key_id)))} for r in recipients]
    header = {**fields, "format": FORMAT, "critical": [], "network_id": network_id,
              "bundle_id": bundle_id, "sender_site": sender_site,
              "sender_key_id": sender_key_id, "recipients": stanzas,
              "payload_len": length, "payload_sha256": digest, "chunk_size": stream.CHUNK}
    header_bytes = dumps_canonical(header)
    if len(header_bytes) > MAX_HEADER:
        raise ValueError("too many recipients for one header")
    signature = signing_key.sign(SIGNATURE_PREFIX + header_bytes)
    out.write(b"".join((MAGIC, len(header_bytes).to_bytes(4, "big"), header_bytes,
                        len(signature).to_bytes(2, "big"), signature)))
    sealed.seek(0)
    shutil.copyfileobj(sealed, out, COPY_BLOCK)


def seal_bundle(fields: dict[str, Any], payload: bytes, *, network_id: str, bundle_id: str,
                sender_site: str, sender_key_id: str, signing_key: Ed25519PrivateKey,
                recipients: Sequence[Recipient]) -> bytes:
    """A whole bundle file in memory (small bundles, tests)."""
    sealed, out = io.BytesIO(), io.BytesIO()
    writer = PayloadWriter(sealed)
    writer.write(payload)
    write_bundle(out, fields, writer, sealed, network_id=network_id, bundle_id=bundle_id,
                 sender_site=sender_site, sender_key_id=sender_key_id,
                 signing_key=signing_key, recipients=recipients)
    return out.getvalue()


def _refuse(msgid: str, **params: Any) -> VerificationError:
    return VerificationError(msgid, **params)


def _read_exact(source: BinaryIO, size: int) -> bytes:
    data = source.read(size)
    if len(data) != size:
        raise _refuse(N_("The bundle is truncated."))
    return data


def _split(source: BinaryIO) -> tuple[bytes, bytes]:
    """Header bytes and signature, after the structural checks; ``source`` is left at the
    first payload byte."""
    if source.read(len(MAGIC)) != MAGIC:
        raise _refuse(N_("This file is not an exchange bundle."))
    length = int.from_bytes(_read_exact(source, 4), "big")
    if length > MAX_HEADER:
        raise _refuse(N_("The bundle's header claims {size} bytes; at most {limit} are "
                         "allowed."), size=length, limit=MAX_HEADER)
    header_bytes = _read_exact(source, length)
    sig_len = int.from_bytes(_read_exact(source, 2), "big")
    if sig_len != SIGNATURE_LEN:
        raise _refuse(N_("The bundle's signature is missing or malformed."))
    signature = source.read(sig_len)
    if len(signature) != sig_len:
        raise _refuse(N_("The bundle's signature is missing or malformed."))
    return header_bytes, signature


def _quoted(text: str, limit: int = 64) -> str:
    """Unverified header text fit to quote in a message: printable, short."""
    shown = "".join(ch if ch.isprintable() else "?" for ch in text[:limit])
    return shown + ("…" if len(text) > limit else "")


def _field(header: dict[str, Any], name: str, kind: type) -> Any:
    value = header.get(name)
    if not isinstance(value, kind) or isinstance(value, bool) != (kind is bool):
        raise _refuse(N_("The bundle's header lacks a valid '{name}'."), name=name)
    return value


def _parse_header(header_bytes: bytes) -> dict[str, Any]:
    header = loads_strict(header_bytes)
    if not isinstance(header, dict):
        raise _refuse(N_("The bundle's header lacks a valid '{name}'."), name="format")
    return header


def read_header(data: bytes | BinaryIO) -> dict[str, Any]:
    """The header of a bundle file, unverified: for choosing keys and listing files only."""
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    return _parse_header(_split(source)[0])


@dataclass
class VerifiedBundle:
    """A bundle whose signature, payload hash and key wrap were checked: the payload can be
    decrypted chunk by chunk (each chunk authenticated) as often as needed."""

    header: dict[str, Any]
    file_key: bytes
    source: BinaryIO
    offset: int
    length: int

    def chunks(self) -> Iterator[bytes]:
        self.source.seek(self.offset)
        return stream.open_stream(self.file_key, self.source, self.length)


def verify_bundle(source: BinaryIO, *, network_id: str, sender_keys: SenderKeys,
                  my_key_id: str, my_key: X25519PrivateKey) -> VerifiedBundle:
    """Verify a bundle addressed to this office, or refuse it in one sentence: not a bundle,
    damaged, a newer format, another network, an unknown or revoked sender, a bad signature,
    a payload that is not the one signed, or not addressed to us. ``source`` must be a
    private copy: the payload is read twice (hashed now, decrypted later)."""
    header_bytes, signature = _split(source)
    header = _parse_header(header_bytes)
    version = _field(header, "format", int)
    if version != FORMAT:
        raise _refuse(N_("The bundle has format version {version}; this program reads "
                         "version {known}. Update the program."), version=version,
                      known=FORMAT)
    unknown = set(map(str, _field(header, "critical", list))) - KNOWN_CRITICAL
    if unknown:
        raise _refuse(N_("The bundle needs features this program lacks: {features}."),
                      features=_quoted(", ".join(sorted(unknown))))
    if _field(header, "network_id", str) != network_id:
        raise _refuse(N_("The bundle belongs to another exchange network."))
    sender = _field(header, "sender_site", str)
    verify_key = sender_keys(sender, _field(header, "sender_key_id", str))
    if verify_key is None:
        raise _refuse(N_("The bundle comes from office {site}, which this office does not "
                         "trust (unknown or revoked)."), site=_quoted(sender))
    try:
        verify_key.verify(signature, SIGNATURE_PREFIX + header_bytes)
    except InvalidSignature:
        raise _refuse(N_("The bundle's signature is not valid: it was changed or forged."))\
            from None
    offset = source.tell()
    length, digest = _hash_rest(source)
    if _field(header, "payload_len", int) != length or \
            _field(header, "payload_sha256", str) != digest:
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
    return VerifiedBundle(header, file_key, source, offset, length)


def check_written(source: BinaryIO, verify_key: Ed25519PublicKey) -> dict[str, Any]:
    """Read back a bundle this office wrote: structure, signature and payload hash (it cannot
    open the payload, which is sealed for the recipients only)."""
    header_bytes, signature = _split(source)
    header = _parse_header(header_bytes)
    try:
        verify_key.verify(signature, SIGNATURE_PREFIX + header_bytes)
    except InvalidSignature:
        raise _refuse(N_("The bundle's signature is not valid: it was changed or forged."))\
            from None
    if (header.get("payload_len"), header.get("payload_sha256")) != _hash_rest(source):
        raise _refuse(N_("The bundle's contents are not the ones signed: damaged, cut or "
                         "extended."))
    return header


def _hash_rest(source: BinaryIO) -> tuple[int, str]:
    digest = hashlib.sha256()
    length = 0
    while block := source.read(COPY_BLOCK):
        digest.update(block)
        length += len(block)
    return length, digest.hexdigest()


def open_bundle(data: bytes, *, network_id: str, sender_keys: SenderKeys, my_key_id: str,
                my_key: X25519PrivateKey) -> Opened:
    """Verify and decrypt a bundle held in memory (small bundles, tests)."""
    verified = verify_bundle(io.BytesIO(data), network_id=network_id,
                             sender_keys=sender_keys, my_key_id=my_key_id, my_key=my_key)
    return Opened(verified.header, b"".join(verified.chunks()))


def new_signing_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def new_encryption_key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()
