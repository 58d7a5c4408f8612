"""Every damaged, foreign, forged or malformed bundle is refused through the services with a
clear message, and leaves the receiving store byte-for-byte unchanged (issue 6: guarantees).

Bravo receives. Alpha and Charlie are trusted by it; Delta is unknown to it (Delta trusts
Bravo, so it could write for it); Bravo revoked Foxtrot after Foxtrot wrote its bundle. Some
bundles are changed after signing (a damaged stick); others are re-signed with the sender's
real key after the change (a trusted but buggy or hostile office), so the checks behind the
signature are reached too.
"""

from __future__ import annotations

import base64
import hashlib
import io
import itertools
import json
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import dump, file_digest
from tests.sync_support import PASSPHRASE, Office, introduce, make_office
from workgroup_app.domain import hlc
from workgroup_app.domain.actions import Action
from workgroup_app.domain.actor import LOCAL_ADMIN
from workgroup_app.domain.entities import Agency
from workgroup_app.domain.errors import DomainError
from workgroup_app.domain.sync import Outcome
from workgroup_app.services import actions, directory, offices
from workgroup_app.sync import envelope, stream
from workgroup_app.sync.payload import BLOB, MANIFEST, ROW, RecordWriter, read_records
from workgroup_app.sync.strict_json import dumps_canonical

ACTOR = LOCAL_ADMIN
SEALED_CHUNK = stream.CHUNK + stream.TAG
_files = itertools.count(1)


@dataclass
class World:
    alpha: Office
    bravo: Office
    charlie: Office
    drive: Path
    good: bytes  # Alpha's bundle for Bravo, four chunks (an incompressible attachment)
    later: bytes  # Alpha's next bundle for Bravo
    for_charlie: bytes  # Alpha's bundle for Charlie
    from_unknown: bytes  # Delta's, for Bravo, which never trusted Delta
    from_revoked: bytes  # Foxtrot's, for Bravo, written before Bravo revoked it
    delta_site: str
    foxtrot_site: str


def _card(office: Office) -> bytes:
    return offices.export_card(office.uow(), office.context.keychain, PASSPHRASE)


def _trust(office: Office, card: bytes) -> None:
    offices.trust_card(office.uow(), card, offices.preview_card(office.uow(), card).fingerprint)


def _only_bundle(results: list[Any]) -> bytes:
    [result] = results
    return Path(result.path).read_bytes()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    root = tmp_path_factory.mktemp("offices")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WORKGROUP_DATA_DIR", str(root / "data"))
        alpha, bravo, charlie, delta, foxtrot = (
            make_office(root / name.lower(), name)
            for name in ("Alpha", "Bravo", "Charlie", "Delta", "Foxtrot"))
        members = (alpha, bravo, charlie, delta, foxtrot)
        try:
            introduce(alpha, bravo, charlie)
            introduce(bravo, foxtrot)
            _trust(delta, _card(bravo))
            agency = directory.save_agency(alpha.uow(), ACTOR, Agency(
                "УВД Гродненского облисполкома", "УВД")).id
            action = actions.create_action(alpha.uow(), ACTOR, Action(
                "Провести проверку", agency, date(2026, 3, 5), deadline=date(2026, 4, 1))).id
            attached = root / "акт.bin"
            attached.write_bytes(os.urandom(200_000))
            actions.report(alpha.uow(), ACTOR, action, "Проверка проведена",
                           date(2026, 3, 20), attachment=attached)
            good = _only_bundle(alpha.export(root / "good", to=[bravo]))
            directory.save_agency(alpha.uow(), ACTOR, Agency("Гродненская таможня"))
            later = _only_bundle(alpha.export(root / "later", to=[bravo]))
            for_charlie = _only_bundle(alpha.export(root / "charlie", to=[charlie]))
            directory.save_agency(delta.uow(), ACTOR, Agency("Дельта"))
            from_unknown = _only_bundle(delta.export(root / "delta", to=[bravo]))
            directory.save_agency(foxtrot.uow(), ACTOR, Agency("Фокстрот"))
            from_revoked = _only_bundle(foxtrot.export(root / "foxtrot", to=[bravo]))
            offices.revoke(bravo.uow(), foxtrot.site)
            drive = root / "drive"
            drive.mkdir()
            yield World(alpha, bravo, charlie, drive, good, later, for_charlie, from_unknown,
                        from_revoked, delta.site, foxtrot.site)
        finally:
            for member in members:
                member.close()


# ---- helpers -------------------------------------------------------------------------------

def snapshot(office: Office) -> tuple[str, str, str]:
    """The store as its files hold it: every row, the main file and the write-ahead log."""
    wal = office.store.with_name(office.store.name + "-wal")
    rows = dump(office.store)
    return rows, file_digest(office.store), file_digest(wal) if wal.exists() else ""


def put(world: World, data: bytes) -> Path:
    path = world.drive / f"bundle-{next(_files)}.osb"
    path.write_bytes(data)
    return path


def refusal(world: World, data: bytes) -> str:
    """Import ``data`` at Bravo: it must be refused with a message and change nothing."""
    path = put(world, data)
    before = snapshot(world.bravo)
    try:
        outcomes = world.bravo.import_(path)
    except DomainError as error:
        message = error.english()
    else:
        [outcome] = outcomes
        assert outcome.outcome == Outcome.REFUSED, outcome
        assert outcome.msgid
        message = outcome.message
    assert message.strip()
    assert snapshot(world.bravo) == before
    return message


def preview(world: World, data: bytes) -> dict[str, int]:
    """A dry run at Bravo: the bundle would apply (what it brings), nothing changes."""
    before = snapshot(world.bravo)
    [outcome] = world.bravo.import_(put(world, data), dry_run=True)
    assert outcome.outcome == Outcome.PREVIEW, outcome.message
    assert snapshot(world.bravo) == before
    records = {t: n for t, n in outcome.new.items() if t != "audit_event"}  # and their entries
    assert outcome.new.get("audit_event", 0) >= sum(records.values())
    return {**records, "blobs": outcome.blobs}


def identity(office: Office) -> offices.Identity:
    return offices.load_identity(office.uow(), office.context.keychain, PASSPHRASE)


def parts(data: bytes) -> tuple[dict[str, Any], bytes]:
    """The header (parsed) and the payload of a bundle."""
    length = int.from_bytes(data[8:12], "big")
    return json.loads(data[12:12 + length]), data[78 + length:]


def payload_start(data: bytes) -> int:
    return 78 + int.from_bytes(data[8:12], "big")


def resign(data: bytes, signer: Office, change: Callable[[dict[str, Any]], None] | None = None,
           payload: bytes | None = None) -> bytes:
    """The bundle with its header changed and signed again by ``signer``'s real key; the
    header names the (new) payload's length and hash, so checks past the signature run."""
    header, old_payload = parts(data)
    payload = old_payload if payload is None else payload
    header.update(payload_len=len(payload), payload_sha256=hashlib.sha256(payload).hexdigest())
    if change is not None:
        change(header)
    header_bytes = dumps_canonical(header)
    signature = identity(signer).sign_key.sign(envelope.SIGNATURE_PREFIX + header_bytes)
    return b"".join((envelope.MAGIC, len(header_bytes).to_bytes(4, "big"), header_bytes,
                     len(signature).to_bytes(2, "big"), signature, payload))


def flipped(data: bytes, position: int, bit: int = 0x10) -> bytes:
    changed = bytearray(data)
    changed[position] ^= bit
    return bytes(changed)


def chunk_count(data: bytes) -> int:
    return -(-(len(parts(data)[1]) - stream.NONCE) // SEALED_CHUNK)


def test_the_bundles_used_here_are_good_and_long_enough(world: World) -> None:
    assert chunk_count(world.good) == 4
    brings = preview(world, world.good)
    assert brings == {"agency": 1, "action": 1, "action_event": 2, "blobs": 1}
    assert preview(world, resign(world.good, world.alpha)) == brings  # re-signing is sound


# ---- damaged on the way --------------------------------------------------------------------

def _cut_points(data: bytes) -> dict[str, int]:
    start = payload_start(data)
    header_len = start - 78
    return {"magic": 5, "header length": 10, "header": 12 + header_len // 2,
            "signature length": 13 + header_len, "signature": 14 + header_len + 32,
            "payload start": start, "payload nonce": start + 8,
            "chunk boundary 0": start + stream.NONCE,
            "chunk boundary 1": start + stream.NONCE + SEALED_CHUNK,
            "chunk boundary 2": start + stream.NONCE + 2 * SEALED_CHUNK,
            "chunk boundary 3": start + stream.NONCE + 3 * SEALED_CHUNK,
            "inside the last chunk": len(data) - 100, "last byte": len(data) - 1}


@pytest.mark.parametrize("point", ["magic", "header length", "header", "signature length",
                                   "signature", "payload start", "payload nonce",
                                   "chunk boundary 0", "chunk boundary 1", "chunk boundary 2",
                                   "chunk boundary 3", "inside the last chunk", "last byte"])
def test_a_truncated_bundle_is_refused(world: World, point: str) -> None:
    cut = _cut_points(world.good)[point]
    assert 0 < cut < len(world.good)
    expected = {"magic": "This file is not an exchange bundle.",
                "header length": "The bundle is truncated.",
                "header": "The bundle is truncated.",
                "signature length": "The bundle is truncated.",
                "signature": "The bundle's signature is missing or malformed."}
    assert refusal(world, world.good[:cut]) == expected.get(
        point, "The bundle's contents are not the ones signed: damaged, cut or extended.")


@pytest.mark.parametrize("chunks", [0, 1, 2, 3])
def test_a_payload_cut_at_a_chunk_boundary_and_signed_again_is_refused(
        world: World, chunks: int) -> None:
    """The hash in the header matches the cut payload: the missing final chunk tells."""
    payload = parts(world.good)[1]
    cut = payload[:stream.NONCE + chunks * SEALED_CHUNK]
    message = refusal(world, resign(world.good, world.alpha, payload=cut))
    assert message == "The bundle's contents are damaged or incomplete."


def _flip_points(data: bytes) -> dict[str, int]:
    start = payload_start(data)
    header = data[12:start - 66]
    wrap = 12 + header.index(b'"wrapped":"') + len(b'"wrapped":"') + 20
    chunk = start + stream.NONCE
    return {"magic": 2, "header length": 9, "header": 12 + header.index(b'"format"') + 3,
            "header recipient": 12 + header.index(b'"recipient_site":"') + 20,
            "signature": start - 30, "key wrap": wrap, "payload nonce": start + 3,
            "chunk 0": chunk + 100, "chunk 1": chunk + SEALED_CHUNK + 7,
            "chunk 2": chunk + 2 * SEALED_CHUNK + 60_000,
            "chunk 3 (final)": chunk + 3 * SEALED_CHUNK + 5, "last byte": len(data) - 1}


@pytest.mark.parametrize("point", ["magic", "header length", "header", "header recipient",
                                   "signature", "key wrap", "payload nonce", "chunk 0",
                                   "chunk 1", "chunk 2", "chunk 3 (final)", "last byte"])
def test_a_single_flipped_bit_is_refused(world: World, point: str) -> None:
    # In the hex site id and the base64 key wrap the low bit keeps the header JSON well formed
    # (0x10 would turn a '2' into a quote or an 'L' into a backslash), so the refusal is the
    # addressing or the signature one whatever the random bytes are.
    bit = 0x01 if point in ("header recipient", "key wrap") else 0x10
    message = refusal(world, flipped(world.good, _flip_points(world.good)[point], bit))
    expected = {"magic": "not an exchange bundle", "header length": "header claims",
                "header": "lacks a valid 'format'",  # the key "format" is misspelt
                "header recipient": "addressed to other offices",
                "signature": "signature is not valid", "key wrap": "signature is not valid"}
    assert expected.get(point, "contents are not the ones signed") in message


@pytest.mark.parametrize("chunk", [0, 1, 2, 3])
def test_a_flipped_bit_in_a_chunk_signed_again_is_refused(world: World, chunk: int) -> None:
    """Past the signature and the hash, each chunk's own authentication tells."""
    payload = parts(world.good)[1]
    position = stream.NONCE + chunk * SEALED_CHUNK + 1000
    message = refusal(world, resign(world.good, world.alpha,
                                    payload=flipped(payload, position, 0x01)))
    assert message == "The bundle's contents are damaged or incomplete."


def test_a_changed_key_wrap_signed_again_does_not_open(world: World) -> None:
    def damage(header: dict[str, Any]) -> None:
        [stanza] = header["recipients"]
        raw = bytearray(base64.b64decode(stanza["wrapped"]))
        raw[len(raw) // 2] ^= 0x01
        stanza["wrapped"] = base64.b64encode(bytes(raw)).decode()

    message = refusal(world, resign(world.good, world.alpha, damage))
    assert message == "The bundle's key for this office does not open."


def test_bytes_appended_are_refused(world: World) -> None:
    assert "not the ones signed" in refusal(world, world.good + b"\0")
    assert "not the ones signed" in refusal(world, world.good + world.good[-200:])
    extended = parts(world.good)[1] + os.urandom(SEALED_CHUNK)
    assert refusal(world, resign(world.good, world.alpha, payload=extended)) == \
        "The bundle's contents are damaged or incomplete."


def test_a_header_length_of_four_gigabytes_is_refused_before_reading_it(world: World) -> None:
    data = world.good[:8] + b"\xff\xff\xff\xff" + world.good[12:]
    message = refusal(world, data)
    assert "4294967295" in message and "65536" in message


def test_the_header_of_one_bundle_with_the_payload_of_another_is_refused(
        world: World) -> None:
    mixed = world.good[:payload_start(world.good)] + world.later[payload_start(world.later):]
    assert "not the ones signed" in refusal(world, mixed)
    swapped = world.later[:payload_start(world.later)] + world.good[payload_start(world.good):]
    assert "not the ones signed" in refusal(world, swapped)


# ---- foreign, forged, misaddressed ---------------------------------------------------------

def test_an_unknown_format_version_asks_for_an_update(world: World) -> None:
    message = refusal(world, resign(world.good, world.alpha, lambda h: h.update(format=2)))
    assert "format version 2" in message and "Update the program" in message
    critical = resign(world.good, world.alpha, lambda h: h.update(critical=["zstd"]))
    assert "features this program lacks: zstd" in refusal(world, critical)


def test_a_sender_unknown_or_revoked_is_refused(world: World) -> None:
    unknown = refusal(world, world.from_unknown)
    assert "does not trust" in unknown and world.delta_site in unknown
    revoked = refusal(world, world.from_revoked)
    assert "does not trust" in revoked and "Foxtrot" in revoked  # named: it is known here
    assert world.foxtrot_site not in revoked


def test_a_bundle_for_another_office_is_refused_or_left_alone(world: World) -> None:
    assert "addressed to other offices" in refusal(world, world.for_charlie)
    folder = world.drive / "charlie-only"
    folder.mkdir()
    (folder / "for-charlie.osb").write_bytes(world.for_charlie)
    before = snapshot(world.bravo)
    assert world.bravo.import_(folder) == []  # left on the stick for Charlie
    assert snapshot(world.bravo) == before
    readdressed = resign(world.for_charlie, world.alpha,
                         lambda h: h.update(recipient_site=world.bravo.site))
    assert "addressed to other offices" in refusal(world, readdressed)


def test_a_bundle_signed_again_by_another_trusted_office_does_not_open(world: World) -> None:
    charlie = identity(world.charlie)

    def as_charlie(header: dict[str, Any]) -> None:
        header.update(sender_site=charlie.site_id, sender_key_id=charlie.sign_key_id)

    message = refusal(world, resign(world.good, world.charlie, as_charlie))
    assert message == "The bundle's key for this office does not open."
    # Charlie's name on it but Alpha's signature: the signature fails.
    header, payload = parts(world.good)
    as_charlie(header)
    header_bytes = dumps_canonical(header)
    forged = b"".join((world.good[:8], len(header_bytes).to_bytes(4, "big"), header_bytes,
                       world.good[payload_start(world.good) - 66:payload_start(world.good)],
                       payload))
    assert "signature is not valid" in refusal(world, forged)


# ---- a trusted office sends malformed contents ---------------------------------------------

class RawRecords(RecordWriter):
    """Writes records as given, so malformed ones can be sent."""

    def raw(self, kind: bytes, body: bytes) -> None:
        self._record(kind, body)
        if kind == ROW:
            self.rows += 1
        elif kind == BLOB:
            self.blobs += 1


def records_of(world: World, data: bytes) -> tuple[dict[str, Any], list[tuple[bytes, Any]]]:
    """Open a bundle for Bravo with Bravo's keys: its header and records."""
    bravo = identity(world.bravo)
    opened = envelope.open_bundle(
        data, network_id=bravo.network, my_key_id=bravo.enc_key_id, my_key=bravo.enc_key,
        sender_keys=lambda site, key: offices.sender_keys(world.bravo.uow()).get((site, key)))
    return opened.header, [(r.kind, r.value) for r in read_records([opened.payload])]


def forge(world: World, records: list[tuple[bytes, bytes]]) -> bytes:
    """A bundle from Alpha to Bravo, sealed and signed with their real keys, holding the
    manifest of ``world.good`` and then ``records`` (kind, body) exactly as given."""
    header, original = records_of(world, world.good)
    alpha = identity(world.alpha)
    bundle_id = str(uuid.uuid4())
    manifest = {**original[0][1], "bundle_id": bundle_id}
    key_id, public = offices.recipient_key(world.alpha.uow(), world.bravo.site)
    sealed, out = io.BytesIO(), io.BytesIO()
    writer = envelope.PayloadWriter(sealed)
    encoder = RawRecords(writer)
    encoder.manifest(manifest)
    for kind, body in records:
        encoder.raw(kind, body)
    encoder.close()
    fields = {name: header[name] for name in ("channel_seq", "recipient_site",
                                              "base_version", "head_version", "created_wall")}
    envelope.write_bundle(out, fields, writer, sealed, network_id=alpha.network,
                          bundle_id=bundle_id, sender_site=alpha.site_id,
                          sender_key_id=alpha.sign_key_id, signing_key=alpha.sign_key,
                          recipients=[envelope.Recipient(key_id, public)])
    return out.getvalue()


def honest_records(world: World) -> list[tuple[bytes, bytes]]:
    """The records of ``world.good`` re-encoded as Alpha's exporter writes them."""
    _header, records = records_of(world, world.good)
    assert records[0][0] == MANIFEST
    return [(kind, dumps_canonical(value) if kind == ROW else
             value[0].encode("ascii") + value[1]) for kind, value in records[1:]]


def _row_index(records: list[tuple[bytes, bytes]], table: str) -> int:
    return next(i for i, (kind, body) in enumerate(records)
                if kind == ROW and json.loads(body)["t"] == table)


def _a_year_ahead(site: str) -> Callable[[dict[str, Any]], None]:
    future = hlc.pack(int((datetime.now(UTC) + timedelta(days=365)).timestamp() * 1000), 0)

    def change(row: dict[str, Any]) -> None:
        row["c"] = {"site": site, "clocks": [[future, sorted(row["v"])]]}
    return change


def _with(change: Callable[[dict[str, Any]], None]) -> Callable[[bytes], bytes]:
    def tamper(body: bytes) -> bytes:
        row = json.loads(body)
        change(row)
        return dumps_canonical(row)
    return tamper


def test_an_honest_forgery_applies_so_the_tampered_ones_fail_for_their_fault(
        world: World) -> None:
    assert preview(world, forge(world, honest_records(world))) == preview(world, world.good)


TAMPERED_ROWS: dict[str, tuple[Callable[[World], Callable[[bytes], bytes]], str]] = {
    "duplicate key": (lambda w: lambda body: b'{"t":"agency",' + body[1:],
                      "malformed data: duplicate key 't'"),
    "NaN": (lambda w: lambda body: body.replace(b'"v":{', b'"v":{"kind":NaN,', 1),
            "malformed data: non-finite number NaN"),
    "clock a year ahead": (lambda w: _with(_a_year_ahead(w.alpha.site)),
                           "The clock of office Alpha is too far ahead"),
    "relayed clock a year ahead": (lambda w: _with(_a_year_ahead(w.charlie.site)),
                                   "The clock of office Charlie is too far ahead"),
    "unknown table": (lambda w: _with(lambda row: row.update(t="vehicle")),
                      "unknown kind (vehicle); update the program"),
    "unknown column": (lambda w: _with(lambda row: (
        row["v"].update(colour="red"), row["c"]["clocks"][0][1].append("colour"))),
        "fields this version does not know (agency: colour); update the program"),
}


@pytest.mark.parametrize("fault", list(TAMPERED_ROWS))
def test_a_trusted_office_sending_a_malformed_record_is_refused(world: World,
                                                                fault: str) -> None:
    make, expected = TAMPERED_ROWS[fault]
    records = honest_records(world)
    index = _row_index(records, "agency")
    records[index] = (ROW, make(world)(records[index][1]))
    message = refusal(world, forge(world, records))
    assert expected in message


def test_a_file_whose_bytes_do_not_match_its_hash_is_refused(world: World) -> None:
    records = honest_records(world)
    index = next(i for i, (kind, _body) in enumerate(records) if kind == BLOB)
    body = records[index][1]
    records[index] = (BLOB, body[:64] + bytes([body[64] ^ 0x01]) + body[65:])
    assert refusal(world, forge(world, records)) == \
        "A file inside the bundle does not match its SHA-256."


def test_a_bundle_id_that_is_not_a_uuid_is_refused_and_names_no_file(world: World,
                                                                     tmp_path: Path) -> None:
    planted = tmp_path / "outside" / "planted"
    planted.parent.mkdir()
    hostile = resign(world.good, world.alpha, lambda h: h.update(
        bundle_id=str(planted), base_version=10 ** 6, head_version=10 ** 6 + 1))
    assert refusal(world, hostile)  # the key wrap binds the id; the header check too
    assert list(planted.parent.iterdir()) == []
    from workgroup_app.services.exchange_import import _checked_header
    header = {"channel_seq": 1, "base_version": 0, "head_version": 1,
              "bundle_id": str(planted), "sender_site": world.delta_site,
              "recipient_site": "me"}
    with pytest.raises(DomainError, match="bundle_id"):
        _checked_header(header, "me")


def test_header_text_quoted_before_the_signature_is_made_printable(world: World) -> None:
    escape = resign(world.good, world.alpha, lambda h: h.update(critical=["\x1b[2J" + "x" * 99]))
    message = refusal(world, escape)
    assert "\x1b" not in message and "…" in message


def test_office_init_refuses_to_overwrite_another_stores_office_keys(tmp_path: Path) -> None:
    from tests.sync_support import PASSPHRASE, make_office
    from workgroup_app.domain.errors import ConflictError
    from workgroup_app.services import offices

    first = make_office(tmp_path / "first", "First")
    other = make_office(tmp_path / "other", "Other")
    keys_before = sorted(p.read_bytes() for p in first.context.keychain.folder.glob("*.pem"))
    other.context._keychain = first.context.keychain  # the same data folder
    with other.uow() as uow:
        uow.session.execute(__import__("sqlalchemy").text("DELETE FROM office"))
        uow.commit()
    with pytest.raises(ConflictError, match="already exist"):
        offices.init_office(other.uow(), other.context.keychain, name="Other",
                            passphrase=PASSPHRASE)
    assert sorted(p.read_bytes() for p in first.context.keychain.folder.glob("*.pem")) == \
        keys_before
    first.close(), other.close()
