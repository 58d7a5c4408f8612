"""The bundle envelope refuses every damaged, foreign or misaddressed file (issue 6)."""

from __future__ import annotations

import os

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from workgroup_app.domain.errors import VerificationError
from workgroup_app.sync import envelope
from workgroup_app.sync.envelope import Recipient
from workgroup_app.sync.strict_json import dumps_canonical

NETWORK = "grodno-region"
A_SIGN, B_SIGN = envelope.new_signing_key(), envelope.new_signing_key()
B_BOX, C_BOX = envelope.new_encryption_key(), envelope.new_encryption_key()
PAYLOAD = os.urandom(150_000)  # three chunks


def keys(site: str, key_id: str) -> Ed25519PublicKey | None:
    return {("A", "a1"): A_SIGN.public_key(), ("B", "b1"): B_SIGN.public_key()}.get(
        (site, key_id))


def bundle(payload: bytes = PAYLOAD, bundle_id: str = "bundle-1", sender: str = "A",
           key_id: str = "a1", signing: object = A_SIGN) -> bytes:
    return envelope.seal_bundle({"channel_seq": 1}, payload, network_id=NETWORK,
                                bundle_id=bundle_id, sender_site=sender, sender_key_id=key_id,
                                signing_key=signing,  # type: ignore[arg-type]
                                recipients=[Recipient("b-box", B_BOX.public_key())])


def open_as_b(data: bytes) -> envelope.Opened:
    return envelope.open_bundle(data, network_id=NETWORK, sender_keys=keys,
                                my_key_id="b-box", my_key=B_BOX)


def test_the_recipient_opens_what_was_sealed() -> None:
    opened = open_as_b(bundle())
    assert opened.payload == PAYLOAD
    assert opened.header["channel_seq"] == 1 and opened.header["sender_site"] == "A"


def _parts(data: bytes) -> dict[str, int]:
    header_len = int.from_bytes(data[8:12], "big")
    return {"magic": 3, "header": 12 + header_len // 2, "signature": 12 + header_len + 10,
            "key wrap": 12 + data[12:12 + header_len].index(b'"wrapped":"') + 20,
            "payload nonce": 12 + header_len + 66 + 3,
            "first chunk": 12 + header_len + 66 + 16 + 100,
            "last chunk": len(data) - 5}


@pytest.mark.parametrize("part", ["magic", "header", "signature", "key wrap",
                                  "payload nonce", "first chunk", "last chunk"])
def test_a_flipped_bit_anywhere_is_refused(part: str) -> None:
    data = bytearray(bundle())
    data[_parts(bytes(data))[part]] ^= 0x04
    with pytest.raises(VerificationError):
        open_as_b(bytes(data))


def test_truncated_at_any_point_or_extended_is_refused() -> None:
    data = bundle(os.urandom(1000))
    for cut in range(0, len(data), 37):
        with pytest.raises(VerificationError):
            open_as_b(data[:cut])
    with pytest.raises(VerificationError, match="not the ones signed"):
        open_as_b(data + b"\x00")


def test_foreign_unknown_and_misaddressed_bundles_are_refused() -> None:
    with pytest.raises(VerificationError, match="not an exchange bundle"):
        open_as_b(b"PK\x03\x04 a zip file")
    with pytest.raises(VerificationError, match="does not trust"):
        open_as_b(bundle(sender="Z", key_id="z1"))
    with pytest.raises(VerificationError, match="addressed to other offices"):
        envelope.open_bundle(bundle(), network_id=NETWORK, sender_keys=keys,
                             my_key_id="c-box", my_key=C_BOX)
    with pytest.raises(VerificationError, match="another exchange network"):
        envelope.open_bundle(bundle(), network_id="elsewhere", sender_keys=keys,
                             my_key_id="b-box", my_key=B_BOX)


def test_a_bundle_re_signed_by_another_trusted_office_does_not_open() -> None:
    # Office B takes A's bundle, claims it as its own and signs the header with its key.
    original = bundle()
    header = envelope.read_header(original)
    header["sender_site"], header["sender_key_id"] = "B", "b1"
    header_bytes = dumps_canonical(header)
    signature = B_SIGN.sign(envelope.SIGNATURE_PREFIX + header_bytes)
    old_len = int.from_bytes(original[8:12], "big")
    payload = original[12 + old_len + 66:]
    forged = b"".join((envelope.MAGIC, len(header_bytes).to_bytes(4, "big"), header_bytes,
                       len(signature).to_bytes(2, "big"), signature, payload))
    with pytest.raises(VerificationError, match="does not open"):
        open_as_b(forged)


def test_the_header_of_one_bundle_with_the_payload_of_another_is_refused() -> None:
    first, second = bundle(bundle_id="one"), bundle(os.urandom(1000), bundle_id="two")
    first_len = int.from_bytes(first[8:12], "big")
    second_len = int.from_bytes(second[8:12], "big")
    mixed = first[:12 + first_len + 66] + second[12 + second_len + 66:]
    with pytest.raises(VerificationError, match="not the ones signed"):
        open_as_b(mixed)


def test_a_4_gb_header_length_or_a_newer_format_is_refused_before_reading() -> None:
    data = bytearray(bundle(os.urandom(10)))
    data[8:12] = (4 * 1024**3 - 1).to_bytes(4, "big")
    with pytest.raises(VerificationError, match="at most 65536"):
        open_as_b(bytes(data))
    header = envelope.read_header(bundle(os.urandom(10)))
    header["format"] = 2
    header_bytes = dumps_canonical(header)
    signature = A_SIGN.sign(envelope.SIGNATURE_PREFIX + header_bytes)
    newer = b"".join((envelope.MAGIC, len(header_bytes).to_bytes(4, "big"), header_bytes,
                      b"\x00\x40", signature))
    with pytest.raises(VerificationError, match="format version 2"):
        open_as_b(newer)


def test_duplicate_keys_in_the_header_are_refused() -> None:
    header_bytes = b'{"format":1,"format":1}'
    data = envelope.MAGIC + len(header_bytes).to_bytes(4, "big") + header_bytes + \
        b"\x00\x40" + bytes(64)
    with pytest.raises(VerificationError, match="duplicate key"):
        open_as_b(data)
