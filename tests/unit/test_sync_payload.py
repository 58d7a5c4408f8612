"""The records inside a bundle, and office cards: round trips and every malformation."""

from __future__ import annotations

import hashlib
import io
import zlib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from workgroup_app.domain.errors import VerificationError
from workgroup_app.sync import canonical_b64
from workgroup_app.sync.card import OfficeCard, normalise_fingerprint, read_card, write_card
from workgroup_app.sync.payload import BLOB, MANIFEST, ROW, RecordWriter, read_records


def written(rows: int = 3, blob: bytes = b"%PDF-1.7 ...") -> bytes:
    out = io.BytesIO()
    writer = RecordWriter(out)
    writer.manifest({"bundle_id": "b"})
    for i in range(rows):
        writer.row({"t": "agency", "id": str(i), "v": {"name": "Прокуратура"}, "c": {}})
    writer.blob(hashlib.sha256(blob).hexdigest(), blob)
    writer.close()
    return out.getvalue()


def chunks_of(data: bytes, size: int = 7) -> list[bytes]:
    return [data[i:i + size] for i in range(0, len(data), size)]


def records(data: bytes) -> list:
    return list(read_records(chunks_of(data)))


def raw(*parts: tuple[bytes, bytes]) -> bytes:
    return zlib.compress(b"".join(kind + len(body).to_bytes(4, "big") + body
                                  for kind, body in parts))


def test_records_round_trip_in_any_chunking() -> None:
    data = written(rows=1000)
    for size in (1, 100, 65536):
        got = list(read_records(chunks_of(data, size)))
        assert [r.kind for r in got] == [MANIFEST, *[ROW] * 1000, BLOB]
    assert got[1].value["v"]["name"] == "Прокуратура"
    assert got[-1].value[1] == b"%PDF-1.7 ..."


END = (b"E", b'{"blobs":0,"rows":0}')


@pytest.mark.parametrize("payload", [
    b"", b"not zlib at all",
    raw((b"R", b'{"t":"agency"}'), END),  # no manifest first
    raw((b"M", b"{}"), (b"M", b"{}"), END),  # two manifests
    raw((b"M", b"{}")),  # no end record
    raw((b"M", b"{}"), END, (b"R", b"{}")),  # data after the end
    raw((b"M", b"{}"), (b"X", b"{}"), END),  # unknown kind
    raw((b"M", b"{}"), (b"R", b'{"a":1,"a":2}'), (b"E", b'{"blobs":0,"rows":1}')),
    raw((b"M", b"{}"), (b"R", b'{"a":NaN}'), (b"E", b'{"blobs":0,"rows":1}')),
    raw((b"M", b"{}"), (b"R", b"[1]"), (b"E", b'{"blobs":0,"rows":1}')),
    raw((b"M", b"{}"), (b"B", b"0" * 64 + b"data"), (b"E", b'{"blobs":1,"rows":0}')),
    raw((b"M", b"{}"), (b"E", b'{"blobs":0,"rows":5}')),  # rows left out
    zlib.compress(b"M" + (2 ** 31).to_bytes(4, "big") + b"{}"),  # an absurd length
    raw((b"M", b"{}"), END) + b"trailing",
])
def test_every_malformation_is_refused(payload: bytes) -> None:
    with pytest.raises(VerificationError):
        records(payload)


def test_bytes_after_the_compressed_stream_are_refused_in_the_same_chunk() -> None:
    data = written(rows=2) + b"extra"
    with pytest.raises(VerificationError):
        list(read_records([data]))


def test_a_cut_payload_is_refused_wherever_it_is_cut() -> None:
    data = written(rows=50)
    for cut in range(0, len(data), max(1, len(data) // 40)):
        with pytest.raises(VerificationError):
            records(data[:cut])


KEY = Ed25519PrivateKey.generate()


def card() -> OfficeCard:
    from cryptography.hazmat.primitives import serialization
    public = KEY.public_key().public_bytes(serialization.Encoding.Raw,
                                           serialization.PublicFormat.Raw)
    return OfficeCard("site-1", "Прокуратура области", "Гродно", "BY", "workgroup",
                      canonical_b64.encode(public), canonical_b64.encode(b"x" * 32), "")


def test_a_card_reads_back_and_its_fingerprint_is_readable_aloud() -> None:
    data = write_card(card(), KEY)
    back = read_card(data)
    assert back == card()
    groups = back.fingerprint.split(" ")
    assert len(groups) == 10 and all(len(g) == 4 for g in groups)
    assert normalise_fingerprint(back.fingerprint.lower().replace(" ", "")) == back.fingerprint


@pytest.mark.parametrize("tamper", [
    lambda d: d.replace("Гродно".encode(), "Минск".encode()),
    lambda d: d.replace(b'"BY"', b'"RU"'),
    lambda d: d[:-20],
    lambda d: b"{}",
    lambda d: b"\x00" * 10,
    lambda d: d.replace(b'"format":1', b'"format":2'),
])
def test_an_altered_card_is_refused(tamper: object) -> None:
    data = write_card(card(), KEY)
    with pytest.raises(VerificationError):
        read_card(tamper(data))  # type: ignore[operator]
