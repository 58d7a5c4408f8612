"""The payload of a bundle, encrypted in chunks (the STREAM construction of age).

A 32-byte file key and a random 16-byte nonce give the payload key (HKDF-SHA256). The
plaintext is cut into 64 KiB chunks, each sealed with ChaCha20-Poly1305 under a 12-byte
nonce: an 11-byte big-endian chunk counter and one byte that is 1 on the last chunk and 0
otherwise. So a reordered, repeated, dropped or extra chunk fails to open, and a stream cut
anywhere — even exactly at a chunk boundary — lacks its final chunk and is refused.

    payload = nonce16 || sealed chunk 0 || … || sealed final chunk
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ..domain.errors import VerificationError
from ..domain.messages import N_

CHUNK = 64 * 1024
TAG = 16
NONCE = 16
KEY = 32
_COUNTER_LIMIT = 1 << 88  # 11 bytes of counter


def _payload_key(file_key: bytes, nonce: bytes) -> ChaCha20Poly1305:
    if len(file_key) != KEY:
        raise ValueError("the file key is 32 bytes")
    key = HKDF(algorithm=hashes.SHA256(), length=KEY, salt=nonce, info=b"payload"
               ).derive(file_key)
    return ChaCha20Poly1305(key)


def _chunk_nonce(counter: int, last: bool) -> bytes:
    if counter >= _COUNTER_LIMIT:
        raise ValueError("too many chunks")
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def seal(file_key: bytes, plaintext: bytes, nonce: bytes | None = None) -> bytes:
    """The encrypted payload. ``nonce`` is random unless given (test vectors give it)."""
    nonce = os.urandom(NONCE) if nonce is None else nonce
    if len(nonce) != NONCE:
        raise ValueError("the payload nonce is 16 bytes")
    aead = _payload_key(file_key, nonce)
    pieces = [nonce]
    # An empty payload is one empty final chunk; otherwise no chunk is empty.
    starts = range(0, max(len(plaintext), 1), CHUNK)
    for counter, start in enumerate(starts):
        last = start + CHUNK >= len(plaintext)
        pieces.append(aead.encrypt(_chunk_nonce(counter, last),
                                   plaintext[start:start + CHUNK], None))
    return b"".join(pieces)


def open_sealed(file_key: bytes, payload: bytes) -> bytes:
    """The plaintext, or VerificationError when any chunk was changed, moved, dropped, added
    or cut."""
    return b"".join(_chunks(file_key, payload))


def _chunks(file_key: bytes, payload: bytes) -> Iterator[bytes]:
    refused = VerificationError(N_("The bundle's contents are damaged or incomplete."))
    if len(payload) < NONCE + TAG:
        raise refused
    aead = _payload_key(file_key, payload[:NONCE])
    body = memoryview(payload)[NONCE:]
    sealed_chunk = CHUNK + TAG
    counter = 0
    while True:
        piece = bytes(body[:sealed_chunk])
        body = body[sealed_chunk:]
        last = len(body) == 0
        try:
            plain = aead.decrypt(_chunk_nonce(counter, last), piece, None)
        except InvalidTag:
            raise refused from None
        if not last and len(plain) != CHUNK:
            raise refused  # only the final chunk may be short
        if last and not plain and counter > 0:
            raise refused  # an empty final chunk follows only an empty payload
        yield plain
        if last:
            return
        counter += 1
