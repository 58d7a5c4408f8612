"""Groundwork of the exchange (issue 6): strict JSON, canonical base64, the chunked payload."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workgroup_app.domain.errors import VerificationError
from workgroup_app.sync import canonical_b64, stream
from workgroup_app.sync.strict_json import dumps_canonical, loads_strict

KEY = bytes(range(32))
NONCE = bytes(16)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=20)
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=20)


@given(json_values)
def test_canonical_json_reads_back_as_written_and_is_stable(value: object) -> None:
    data = dumps_canonical(value)
    assert loads_strict(data) == value
    assert dumps_canonical(loads_strict(data)) == data


@pytest.mark.parametrize("data", [
    b'{"a": 1, "a": 2}', b'{"x": NaN}', b'[Infinity]', b'[-Infinity]', b'{"a": 1',
    b'\xff\xfe{}', b'[' * 40 + b']' * 40, b'', b'{"a": 1} trailing'])
def test_ambiguous_or_malformed_json_is_refused(data: bytes) -> None:
    with pytest.raises(VerificationError, match="malformed data"):
        loads_strict(data)


def test_canonical_json_sorts_keys_and_refuses_nan() -> None:
    assert dumps_canonical({"b": 1, "a": "ё"}) == '{"a":"ё","b":1}'.encode()
    with pytest.raises(ValueError):
        dumps_canonical({"x": float("nan")})


@given(st.binary(max_size=64))
def test_base64_round_trip(data: bytes) -> None:
    assert canonical_b64.decode(canonical_b64.encode(data)) == data


@pytest.mark.parametrize("text", ["QQ", "QR==", "QQ==\n", " QQ==", "QQ=a", "Q===", "ЖЖ=="])
def test_non_canonical_base64_is_refused(text: str) -> None:
    with pytest.raises(VerificationError):
        canonical_b64.decode(text)


SIZES = [0, 1, stream.CHUNK - 1, stream.CHUNK, stream.CHUNK + 1, 2 * stream.CHUNK,
         2 * stream.CHUNK + 7]


@pytest.mark.parametrize("size", SIZES)
def test_the_payload_opens_to_what_was_sealed(size: int) -> None:
    plain = os.urandom(size)
    sealed = stream.seal(KEY, plain)
    assert stream.open_sealed(KEY, sealed) == plain
    chunks = max(1, -(-size // stream.CHUNK))
    assert len(sealed) == stream.NONCE + size + chunks * stream.TAG


def test_a_known_vector_is_stable() -> None:
    # A test vector for docs/sync-format.md: the key 00..1f, a zero nonce, "hello".
    sealed = stream.seal(KEY, b"hello", nonce=NONCE)
    assert sealed.hex() == ("00000000000000000000000000000000"
                            "547d3aebf7de2157d0750e74354606ed0c8b453baf")
    assert stream.open_sealed(KEY, sealed) == b"hello"


def _damaged_versions(sealed: bytes) -> list[bytes]:
    body = stream.NONCE
    chunk = stream.CHUNK + stream.TAG
    first, second = sealed[body:body + chunk], sealed[body + chunk:body + 2 * chunk]
    return [
        sealed[:body + chunk],  # cut exactly after a whole chunk: no final chunk
        sealed[:-1],
        sealed + b"\x00",
        sealed + sealed[-(stream.TAG + 5):],
        sealed[:body] + second + first + sealed[body + 2 * chunk:],  # chunks swapped
        sealed[:body] + first + first + sealed[body + 2 * chunk:],  # a chunk repeated
        sealed[:body] + sealed[body + chunk:],  # a chunk dropped
        sealed[:10],
    ]


def test_cut_extended_reordered_or_repeated_chunks_are_refused() -> None:
    sealed = stream.seal(KEY, os.urandom(2 * stream.CHUNK + 5))
    for damaged in _damaged_versions(sealed):
        with pytest.raises(VerificationError, match="damaged or incomplete"):
            stream.open_sealed(KEY, damaged)
    with pytest.raises(VerificationError):
        stream.open_sealed(bytes(32), sealed)  # another key


@settings(max_examples=60)
@given(st.data())
def test_any_flipped_bit_or_cut_is_refused(data: st.DataObject) -> None:
    plain = data.draw(st.binary(min_size=0, max_size=300))
    sealed = stream.seal(KEY, plain)
    position = data.draw(st.integers(0, len(sealed) - 1))
    bit = data.draw(st.integers(0, 7))
    flipped = bytearray(sealed)
    flipped[position] ^= 1 << bit
    with pytest.raises(VerificationError):
        stream.open_sealed(KEY, bytes(flipped))
    cut = data.draw(st.integers(0, len(sealed) - 1))
    with pytest.raises(VerificationError):
        stream.open_sealed(KEY, sealed[:cut])
