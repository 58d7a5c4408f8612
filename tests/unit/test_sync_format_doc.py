"""docs/sync-format.md says what the code does (issue 6): its test vectors are what the code
produces and reads, and its table of replicated columns is the schema's."""

from __future__ import annotations

import json
import re
import zlib
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from workgroup_app.security.office_keys import public_raw
from workgroup_app.storage.sync_columns import MAX_TEXT, TABLE_ORDER, TABLES, ColumnSpec, decode_row
from workgroup_app.storage.sync_store import parse_clocks
from workgroup_app.sync import canonical_b64, stream
from workgroup_app.sync.card import OfficeCard, key_id, read_card, write_card
from workgroup_app.sync.payload import END, MANIFEST, ROW, RecordWriter, read_records
from workgroup_app.sync.strict_json import dumps_canonical

DOC = Path(__file__).resolve().parents[2] / "docs" / "sync-format.md"
COMMON = ("created_at", "updated_at", "origin_office_id", "deleted")


def block(kind: str, name: str) -> str:
    found = re.search(rf"<!-- {kind}: {name} -->\s*```\n(.*?)```", DOC.read_text(), re.S)
    assert found, f"{kind} {name} is missing from {DOC.name}"
    return found.group(1)


def vector(name: str) -> bytes:
    text = block("vector", name)
    assert re.fullmatch(r"[0-9a-f\s]+", text), f"vector {name} is not hex"
    return bytes.fromhex("".join(text.split()))


def test_the_stream_vector_of_the_format_page() -> None:
    expected = vector("stream-hello")
    assert stream.seal(bytes(range(32)), b"hello", nonce=bytes(16)) == expected
    assert stream.open_sealed(bytes(range(32)), expected) == b"hello"


def _records_shown() -> list[tuple[bytes, dict[str, Any]]]:
    """The records the page shows as ``kind body`` lines, bodies parsed."""
    shown = []
    for line in block("records", "payload-tiny").splitlines():
        kind, body = line.split(" ", 1)
        value = json.loads(body)
        assert dumps_canonical(value).decode() == body, "the page's JSON is not canonical"
        shown.append((kind.encode("ascii"), value))
    return shown


def test_the_payload_vector_of_the_format_page() -> None:
    plaintext = vector("payload-tiny")
    shown = _records_shown()
    assert [kind for kind, _value in shown] == [MANIFEST, ROW, END]
    framed = b"".join(kind + len(dumps_canonical(v)).to_bytes(4, "big") + dumps_canonical(v)
                      for kind, v in shown)
    assert zlib.decompress(plaintext) == framed

    records = list(read_records([plaintext]))
    assert [(r.kind, r.value) for r in records] == [(k, v) for k, v in shown if k != END]
    # In chunks as the stream yields them, too.
    pieces = [plaintext[i:i + 7] for i in range(0, len(plaintext), 7)]
    assert [r.value for r in read_records(pieces)] == [r.value for r in records]

    manifest, row = records[0].value, records[1].value
    assert manifest["bundle_id"] and manifest["schema_version"] == 5
    spec = TABLES[row["t"]]
    decode_row(spec, row["v"])  # valid values for the schema
    clocks = parse_clocks(row["t"], row["c"], set(spec.replicated))
    assert set(clocks) == set(row["v"]) == set(spec.replicated)  # a complete new row
    assert {site for _stamp, site in clocks.values()} == {manifest["sender_site"]}

    written: list[bytes] = []

    class Sink:
        def write(self, data: bytes) -> None:
            written.append(data)

    writer = RecordWriter(Sink())
    writer.manifest(manifest)
    writer.row(row)
    writer.close()
    assert b"".join(written) == plaintext


def test_the_office_card_vector_of_the_format_page() -> None:
    text = block("card", "office-a")
    sign_key = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    enc_key = X25519PrivateKey.from_private_bytes(bytes(range(32, 64)))
    card = read_card(text.encode("utf-8"))
    assert card == OfficeCard(
        site_id="11111111-1111-4111-8111-111111111111", name="Office A", region="",
        country="BY", network="workgroup",
        sign_public=canonical_b64.encode(public_raw(sign_key)),
        enc_public=canonical_b64.encode(public_raw(enc_key)), ca_certificate="")
    assert write_card(card, sign_key).decode("utf-8") == text  # Ed25519 is deterministic
    shown = re.search(r"<!-- fingerprint: office-a -->`([0-9A-F ]+)`", DOC.read_text())
    assert shown and shown.group(1) == card.fingerprint
    assert f"signing key id `{key_id(card.sign_public)}`" in DOC.read_text()
    assert f"encryption key id `{key_id(card.enc_public)}`" in DOC.read_text()


def _type(column: ColumnSpec) -> str:
    kind = column.kind
    if kind == "str":
        kind = "text" if column.max_length == MAX_TEXT else f"str({column.max_length})"
    if column.nullable:
        return kind + "?"
    if not column.has_default:
        return kind + "!"
    if column.default in ("", 0, False) and type(column.default) in (str, int, bool):
        return kind
    return f"{kind} = {json.dumps(column.default)}"


def test_the_table_of_replicated_columns_is_the_schema() -> None:
    text = DOC.read_text()
    rows = re.findall(r"^\| `(\w+)` \| (.*) \| (.*) \|$",
                      text.split("<!-- tables: schema 7 -->", 1)[1], re.M)
    assert [name for name, _c, _d in rows] == TABLE_ORDER
    for name, columns, derived in rows:
        spec = TABLES[name]
        assert columns == ", ".join(f"`{n}` {_type(c)}" for n, c in spec.replicated.items()
                                    if n not in COMMON), name
        assert derived == (", ".join(f"`{n}`" for n in spec.local) or "—"), name
        assert [f"`{n}` {_type(spec.replicated[n])}" for n in COMMON] == [
            "`created_at` datetime!", "`updated_at` datetime!",
            "`origin_office_id` str(36)!", "`deleted` bool"], name
