"""The plaintext inside a bundle: a zlib stream of length-prefixed records.

    record = kind (1 byte) || u32 big-endian body length || body

    M  manifest, JSON, first and once: who, for whom, which versions, acknowledgements
    R  one row, JSON: {"t": table, "id": key, "v": {column: value}, "c": field clocks}
    B  one blob: 64 hex digits of its SHA-256, then its bytes (checked against the digits)
    E  the end, JSON: {"rows": n, "blobs": m}; nothing may follow it

No archive format is involved, so nothing is ever extracted to a path. Every record is
bounded before it is read, and the end record proves that no record was left out.
"""

from __future__ import annotations

import hashlib
import queue
import threading
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from ..domain.errors import VerificationError
from ..domain.messages import N_
from .strict_json import dumps_canonical, loads_strict

MANIFEST, ROW, BLOB, END = b"M", b"R", b"B", b"E"
MAX_RECORD = 16 * 1024 * 1024  # a JSON record
MAX_BLOB = 64 * 1024 * 1024  # an attachment (at most 50 MB) or a signed protocol
_PREFIX = 5
_LEVEL = 6
_STEP = 256 * 1024  # records are compressed in pieces of this size
_QUEUED = 8  # pieces waiting for the background thread at most


class Sink(Protocol):
    def write(self, data: bytes) -> None: ...


class RecordWriter:
    """Compresses records into ``sink`` (the payload sealer).

    With ``background``, compressing and sealing happen in a thread of their own (zlib, the
    hash and the file let go of the interpreter lock), beside the caller's reading of the
    store; the bytes are the same. Use it as a context manager then, so that the thread ends
    however the export does."""

    def __init__(self, sink: Sink, *, background: bool = False) -> None:
        self._sink = sink
        self._zlib = zlib.compressobj(_LEVEL)
        self._pending: list[bytes] = []
        self._size = 0
        self.rows = 0
        self.blobs = 0
        self._queue: queue.Queue[bytes | None] | None = None
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        if background:
            self._queue = queue.Queue(maxsize=_QUEUED)
            self._thread = threading.Thread(target=self._work, name="bundle-records",
                                            daemon=True)
            self._thread.start()

    def __enter__(self) -> RecordWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop()

    def manifest(self, manifest: dict[str, Any]) -> None:
        self._record(MANIFEST, dumps_canonical(manifest))

    def row(self, row: dict[str, Any]) -> None:
        self._record(ROW, dumps_canonical(row))
        self.rows += 1

    def encoded_row(self, body: bytes) -> None:
        """A row already in canonical JSON (what ``row`` would write of it)."""
        self._record(ROW, body)
        self.rows += 1

    def encoded_rows(self, bodies: tuple[bytes, ...]) -> None:
        """Rows already in canonical JSON, many at once (what ``encoded_row`` writes of each)."""
        self._pending.append(b"".join([ROW + len(body).to_bytes(4, "big") + body
                                       for body in bodies]))
        self._size += sum(map(len, bodies)) + _PREFIX * len(bodies)
        self.rows += len(bodies)
        if self._size >= _STEP:
            self._flush()

    def blob(self, digest: str, data: bytes) -> None:
        self._record(BLOB, digest.encode("ascii") + data)
        self.blobs += 1

    def close(self) -> None:
        self._record(END, dumps_canonical({"blobs": self.blobs, "rows": self.rows}))
        self._flush()
        self._stop()
        self._sink.write(self._zlib.flush())

    def _record(self, kind: bytes, body: bytes) -> None:
        self._pending.append(kind + len(body).to_bytes(4, "big") + body)
        self._size += len(body) + _PREFIX
        if self._size >= _STEP:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        data = b"".join(self._pending)
        self._pending.clear()
        self._size = 0
        if self._queue is None:
            self._sink.write(self._zlib.compress(data))
            return
        if self._error is not None:
            self._stop()
        self._queue.put(data)

    def _work(self) -> None:
        assert self._queue is not None
        while (data := self._queue.get()) is not None:
            if self._error is None:
                try:
                    self._sink.write(self._zlib.compress(data))
                except BaseException as error:  # handed to the caller's thread
                    self._error = error

    def _stop(self) -> None:
        """Let the thread finish what it was given; raise what it failed with."""
        if self._thread is not None:
            assert self._queue is not None
            self._queue.put(None)
            self._thread.join()
            self._thread = self._queue = None
        if self._error is not None:
            raise self._error


@dataclass(frozen=True, slots=True)
class Record:
    kind: bytes
    value: Any  # the parsed JSON, or for a blob (digest, bytes)


def _damaged(reason: str) -> VerificationError:
    return VerificationError(N_("The bundle's contents are malformed: {reason}."),
                             reason=reason)


def read_records(chunks: Iterable[bytes]) -> Iterator[Record]:
    """The records of a payload, each checked as it is read: the manifest first, bounded
    lengths, blobs that match their digests, and the end record's counts last."""
    inflate = zlib.decompressobj()
    buffer = bytearray()
    position = 0
    rows = blobs = 0
    seen_manifest = ended = False
    source = iter(chunks)
    exhausted = False
    while True:
        while len(buffer) - position < _PREFIX or \
                len(buffer) - position < _PREFIX + _length(buffer, position):
            if exhausted:
                if ended and position == len(buffer):
                    return
                raise _damaged("the records end in the middle")
            del buffer[:position]
            position = 0
            exhausted = _inflate_more(inflate, source, buffer)
        kind = bytes(buffer[position:position + 1])
        length = _length(buffer, position)
        body = bytes(buffer[position + _PREFIX:position + _PREFIX + length])
        position += _PREFIX + length
        if ended:
            raise _damaged("data follows the end record")
        if not seen_manifest and kind != MANIFEST:
            raise _damaged("the manifest is missing")
        if kind == MANIFEST:
            if seen_manifest:
                raise _damaged("a second manifest")
            seen_manifest = True
            yield Record(kind, _json_object(body))
        elif kind == ROW:
            rows += 1
            yield Record(kind, _json_object(body))
        elif kind == BLOB:
            blobs += 1
            yield Record(kind, _blob(body))
        elif kind == END:
            counts = _json_object(body)
            if counts.get("rows") != rows or counts.get("blobs") != blobs:
                raise _damaged("records are missing")
            ended = True
        else:
            raise _damaged(f"an unknown record kind {kind!r}")


def _length(buffer: bytearray, position: int) -> int:
    if len(buffer) - position < _PREFIX:
        return 0
    length = int.from_bytes(buffer[position + 1:position + _PREFIX], "big")
    limit = MAX_BLOB + 64 if buffer[position:position + 1] == BLOB else MAX_RECORD
    if length > limit:
        raise _damaged(f"a record of {length} bytes")
    return length


def _inflate_more(inflate: Any, source: Iterator[bytes], buffer: bytearray) -> bool:
    """Append more plaintext to ``buffer``; True once the compressed stream is exhausted."""
    try:
        if inflate.unconsumed_tail:
            buffer += inflate.decompress(inflate.unconsumed_tail, 4 * 1024 * 1024)
            return False
        chunk = next(source, None)
        if chunk is None:
            if not inflate.eof:
                raise _damaged("the compressed stream is cut")
            return True
        if inflate.eof:
            raise _damaged("data follows the compressed stream")
        buffer += inflate.decompress(chunk, 4 * 1024 * 1024)
        if inflate.eof and inflate.unused_data:
            raise _damaged("data follows the compressed stream")
    except zlib.error as error:
        raise _damaged(str(error)) from None
    return False


def _json_object(body: bytes) -> dict[str, Any]:
    value = loads_strict(body)
    if not isinstance(value, dict):
        raise _damaged("a record is not a JSON object")
    return value


def _blob(body: bytes) -> tuple[str, bytes]:
    digest = body[:64].decode("ascii", errors="replace")
    data = body[64:]
    if len(body) < 64 or hashlib.sha256(data).hexdigest() != digest:
        raise VerificationError(N_("A file inside the bundle does not match its SHA-256."))
    return digest, data
