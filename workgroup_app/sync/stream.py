"""The payload of a bundle, encrypted in chunks (the STREAM construction of age).

A 32-byte file key and a random 16-byte nonce give the payload key (HKDF-SHA256). The
plaintext is cut into 64 KiB chunks, each sealed with ChaCha20-Poly1305 under a 12-byte
nonce: an 11-byte big-endian chunk counter and one byte that is 1 on the last chunk and 0
otherwise. So a reordered, repeated, dropped or extra chunk fails to open, and a stream cut
anywhere — even exactly at a chunk boundary — lacks its final chunk and is refused.

    payload = nonce16 || sealed chunk 0 || … || sealed final chunk
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from typing import BinaryIO

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


class Sealer:
    """Encrypts what is written to it, chunk by chunk, into ``out``: a payload of any size
    in constant memory. A chunk is sealed only once more data follows it, so the final one
    is known when ``close`` is called."""

    def __init__(self, file_key: bytes, out: BinaryIO, nonce: bytes | None = None) -> None:
        nonce = os.urandom(NONCE) if nonce is None else nonce
        if len(nonce) != NONCE:
            raise ValueError("the payload nonce is 16 bytes")
        self._aead = _payload_key(file_key, nonce)
        self._out = out
        self._buffer = bytearray()
        self._counter = 0
        out.write(nonce)

    def write(self, data: bytes) -> None:
        self._buffer += data
        while len(self._buffer) > CHUNK:
            self._emit(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]

    def close(self) -> None:
        # An empty payload is one empty final chunk; otherwise no chunk is empty.
        self._emit(bytes(self._buffer), last=True)
        self._buffer.clear()

    def _emit(self, plain: bytes, last: bool) -> None:
        self._out.write(self._aead.encrypt(_chunk_nonce(self._counter, last), plain, None))
        self._counter += 1


def seal(file_key: bytes, plaintext: bytes, nonce: bytes | None = None) -> bytes:
    """The encrypted payload. ``nonce`` is random unless given (test vectors give it)."""
    out = io.BytesIO()
    sealer = Sealer(file_key, out, nonce)
    sealer.write(plaintext)
    sealer.close()
    return out.getvalue()


def open_sealed(file_key: bytes, payload: bytes) -> bytes:
    """The plaintext, or VerificationError when any chunk was changed, moved, dropped, added
    or cut."""
    return b"".join(open_stream(file_key, io.BytesIO(payload), len(payload)))


def open_stream(file_key: bytes, source: BinaryIO, length: int) -> Iterator[bytes]:
    """The plaintext chunks of the ``length`` payload bytes that ``source`` reads next."""
    refused = VerificationError(N_("The bundle's contents are damaged or incomplete."))
    if length < NONCE + TAG:
        raise refused
    aead = _payload_key(file_key, _read(source, NONCE, refused))
    left = length - NONCE
    sealed_chunk = CHUNK + TAG
    counter = 0
    while True:
        piece = _read(source, min(sealed_chunk, left), refused)
        left -= len(piece)
        last = left == 0
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


def _read(source: BinaryIO, size: int, refused: VerificationError) -> bytes:
    data = source.read(size)
    if len(data) != size:
        raise refused
    return data
