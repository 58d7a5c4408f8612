"""The exchange between offices through the services (issue 6, DESIGN §5): what one office
writes arrives at another whole — signed protocols and attachments with their bytes —, a
bundle imported twice changes nothing, exports are incremental, a lost stick heals, a bundle
that skips ahead waits in quarantine, relays bring no duplicates, and concurrent edits and
deletes end the same at every office."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.helpers import dump, file_digest, rows
from tests.minutes_support import build_minutes_office
from tests.sync_support import (
    PASSPHRASE,
    Office,
    introduce,
    make_office,
    next_millisecond,
    replicated_dump,
)
from workgroup_app.bootstrap import AppContext, open_context
from workgroup_app.config import AppConfig
from workgroup_app.domain.actions import Action
from workgroup_app.domain.actor import LOCAL_ADMIN
from workgroup_app.domain.entities import Agency
from workgroup_app.domain.errors import NotFoundError
from workgroup_app.domain.minutes import SignatureVerdict, SignerRole
from workgroup_app.domain.minutes_life import MinutesStatus
from workgroup_app.domain.sync import BundleOutcome, ExportResult, Outcome
from workgroup_app.domain.views import ListQuery
from workgroup_app.security.keystore import SecretStore
from workgroup_app.services import (
    actions,
    directory,
    exchange_status,
    findings,
    keys,
    minutes,
    offices,
)
from workgroup_app.services.demo import seed_demo
from workgroup_app.services.keys import Keychain
from workgroup_app.storage import clock_codec
from workgroup_app.sync import envelope
from workgroup_app.sync.card import read_card
from workgroup_app.sync.payload import read_records

ACTOR = LOCAL_ADMIN
ALL = ListQuery(limit=5000)
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "sync"
FIXTURE5 = FIXTURE.with_name("sync-schema5")  # the last schema before the audit trail
_drives = itertools.count(1)


# ---- helpers -------------------------------------------------------------------------------

pytestmark = pytest.mark.both_databases


@pytest.fixture
def pair(tmp_path: Path, database: str) -> Iterator[tuple[Office, Office]]:
    """Two offices that trust each other; the first keeps its store in ``database``, so that
    every exchange runs from and to a PostgreSQL office too."""
    a = make_office(tmp_path / "a", "Alpha", database)
    b = make_office(tmp_path / "b", "Bravo")
    introduce(a, b)
    yield a, b
    a.close()
    b.close()


def new_drive(office: Office) -> Path:
    drive = office.root.parent / f"drive-{next(_drives)}"
    drive.mkdir()
    return drive


def send(sender: Office, receiver: Office) -> tuple[ExportResult, Path]:
    """The sender writes a bundle for the receiver to a fresh drive."""
    drive = new_drive(sender)
    [result] = sender.export(drive, to=[receiver])
    return result, Path(result.path)


def carry(sender: Office, receiver: Office) -> tuple[ExportResult, BundleOutcome]:
    """A bundle from ``sender`` imported at ``receiver``; it must apply."""
    result, path = send(sender, receiver)
    [outcome] = receiver.import_(path)
    assert outcome.outcome == Outcome.APPLIED, outcome.message
    return result, outcome


def exchange(first: Office, second: Office) -> None:
    """Both ways: each imports the other's bundle (the second one carries the ack)."""
    carry(first, second)
    carry(second, first)


def same(*members: Office) -> bool:
    dumps = [replicated_dump(o.target) for o in members]
    return all(d == dumps[0] for d in dumps[1:])


def records(counts: dict[str, int]) -> dict[str, int]:
    """Counts of records by table without the audit trail (every change adds entries)."""
    return {t: n for t, n in counts.items() if t != "audit_event"}


def add_agency(office: Office, name: str) -> str:
    return directory.save_agency(office.uow(), ACTOR, Agency(name, name[:20])).id


def edit_agency(office: Office, agency_id: str, **changes: str) -> None:
    agency = directory.get_agency(office.uow(), agency_id)
    directory.save_agency(office.uow(), ACTOR, replace(agency, **changes))


def stamp(office: Office, table: str, row_id: str, column: str) -> tuple[int, str]:
    """The clock of one field of one record at that office: (hlc, site)."""
    [(clocks,)] = rows(office.target, "SELECT field_clocks FROM sync_change WHERE "
                                      "table_name = ? AND row_id = ?", table, row_id)
    return clock_codec.decode(clocks)[column]


def snapshot(office: Office) -> tuple[str, str, str]:
    """The store as its files hold it: every row, the main file and the write-ahead log (a
    PostgreSQL office: every row)."""
    if office.url is not None:
        return dump(office.url), "", ""
    wal = office.store.with_name(office.store.name + "-wal")
    rows = dump(office.store)
    return rows, file_digest(office.store), file_digest(wal) if wal.exists() else ""


def reopen(office: Office, replacement: Path | None = None) -> None:
    """Close the office's store and open it again, first replacing its file with
    ``replacement`` (a backup restored) when given."""
    office.close()
    if replacement is not None:
        for suffix in ("-wal", "-shm"):
            office.store.with_name(office.store.name + suffix).unlink(missing_ok=True)
        shutil.copyfile(replacement, office.store)
    office.context = open_office_context(office.root)


def open_office_context(root: Path) -> AppContext:
    """The store at ``root`` with its own keys folder, as ``make_office`` opens it."""
    context = open_context(AppConfig.build(database=str(root / "store.sqlite"), language="en"))
    context._keychain = Keychain(folder=root / "keys", secrets=SecretStore(),
                                 cache=root / "cache")
    return context


def backup(office: Office, target: Path) -> Path:
    source, copy = sqlite3.connect(office.store), sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        source.close()
        copy.close()
    return target


def make_action(office: Office, agency_id: str, text: str = "Провести проверку") -> str:
    return actions.create_action(office.uow(), ACTOR, Action(
        text, agency_id, date(2026, 3, 5), deadline=date(2026, 4, 1))).id


# ---- a whole store arrives -----------------------------------------------------------------

def test_the_demo_office_arrives_whole(pair: tuple[Office, Office]) -> None:
    a, b = pair
    seed_demo(a.uow, ACTOR)
    result, outcome = carry(a, b)
    assert result.rows == sum(outcome.new.values()) > 800
    assert outcome.changed == {} and outcome.conflicts == 0
    assert same(a, b)
    listed = actions.list_actions(a.uow(), ALL)
    assert actions.list_actions(b.uow(), ALL).total == listed.total == 69
    for row in listed.rows[::10]:
        here, there = actions.get_action(a.uow(), row.id), actions.get_action(b.uow(), row.id)
        assert there.state == here.state
        assert [e.kind for e in there.events] == [e.kind for e in here.events]
        assert there.agency_name == here.agency_name
    found_here = findings.list_findings(a.uow(), ALL)
    found_there = findings.list_findings(b.uow(), ALL)
    assert found_there.total == found_here.total == 25
    assert [(r.id, r.status) for r in found_there.rows] == \
        [(r.id, r.status) for r in found_here.rows]


def test_signed_minutes_travel_with_their_bytes_and_verify_at_the_other_office(
        pair: tuple[Office, Office]) -> None:
    a, b = pair
    office = build_minutes_office(a.uow)
    chain = a.context.keychain
    for person, role in ((office["chair"], SignerRole.CHAIR),
                         (office["secretary"], SignerRole.SECRETARY)):
        keys.issue(a.uow(), chain, person, role, ca_passphrase=PASSPHRASE,
                   passphrase=PASSPHRASE)
    minutes.approve(a.uow(), ACTOR, office["meeting"], lang="ru")
    approved = minutes.document(a.uow(), office["meeting"])[1]
    for role in (SignerRole.CHAIR, SignerRole.SECRETARY):
        minutes.sign(a.uow(), ACTOR, chain, office["meeting"], role, passphrase=PASSPHRASE)
    signed = minutes.document(a.uow(), office["meeting"])[1]
    result, outcome = carry(a, b)
    assert result.blobs == outcome.blobs == 3  # approved, signed by the chair, by both
    version, there = minutes.document(b.uow(), office["meeting"])
    assert hashlib.sha256(there).hexdigest() == hashlib.sha256(signed).hexdigest()
    assert minutes.status_of(b.uow(), office["meeting"]) == MinutesStatus.SIGNED
    assert [s.signer for s in version.signatures] == ["Ёлкин Пётр Семёнович",
                                                      "Щукина Анна Ильинична"]
    stored = replicated_dump(b.target)["blob"]  # every step's file, the approved one too
    assert (hashlib.sha256(approved).hexdigest(), len(approved)) in stored
    report = minutes.verify(b.uow(), there)  # B trusts A's CA since it trusted A's card
    assert report.all_valid
    assert {c.verdict for c in report.checks} == {SignatureVerdict.VALID}
    assert same(a, b)


def test_report_attachments_travel(pair: tuple[Office, Office], tmp_path: Path) -> None:
    a, b = pair
    agency = add_agency(a, "УВД Гродненского облисполкома")
    action = make_action(a, agency)
    content = os.urandom(120_000)
    attached = tmp_path / "акт проверки.pdf"
    attached.write_bytes(content)
    actions.report(a.uow(), ACTOR, action, "Проверка проведена", date(2026, 3, 20),
                   attachment=attached)
    _result, outcome = carry(a, b)
    assert outcome.blobs == 1
    [event] = [e for e in actions.get_action(b.uow(), action).events if e.attachment_sha256]
    assert event.attachment_name == "акт проверки.pdf"
    assert actions.attachment(b.uow(), event.attachment_sha256) == content
    assert same(a, b)


# ---- replays, increments, losses, gaps -----------------------------------------------------

def test_a_bundle_imported_twice_changes_nothing_the_second_time(
        pair: tuple[Office, Office]) -> None:
    a, b = pair
    build_minutes_office(a.uow)
    _result, path = send(a, b)
    [first] = b.import_(path)
    assert first.outcome == Outcome.APPLIED
    before = snapshot(b)
    [second] = b.import_(path)
    assert second.outcome == Outcome.REPLAY
    assert (second.new, second.changed) == ({}, {})
    assert snapshot(b) == before


def test_exports_after_an_acknowledgement_carry_only_what_changed(
        pair: tuple[Office, Office]) -> None:
    a, b = pair
    office = build_minutes_office(a.uow)
    first, _outcome = carry(a, b)
    assert first.rows > 20
    unacknowledged, _path = send(a, b)
    assert unacknowledged.rows == first.rows  # no word from B yet: everything again
    carry(b, a)  # B's bundle brings its acknowledgement
    edit_agency(a, office["police"], name="УВД Гродненского облисполкома (новое)")
    result, outcome = carry(a, b)
    assert result.rows == 2  # the agency and the audit entry of its edit
    assert records(outcome.changed) == {"agency": 1} and records(outcome.new) == {}
    assert directory.get_agency(b.uow(), office["police"]).name == \
        "УВД Гродненского облисполкома (новое)"
    assert same(a, b)


def test_a_lost_stick_heals_with_the_next_bundle(pair: tuple[Office, Office]) -> None:
    a, b = pair
    first_agency = add_agency(a, "Гродненская региональная таможня")
    lost, lost_path = send(a, b)  # the stick is lost on the way
    second_agency = add_agency(a, "Пограничная служба")
    edit_agency(a, first_agency, region="Гродненская область")
    second, path = send(a, b)
    assert (lost.channel_seq, second.channel_seq) == (1, 2)
    [outcome] = b.import_(path)
    assert outcome.outcome == Outcome.APPLIED
    assert records(outcome.new) == {"agency": 2}
    assert directory.get_agency(b.uow(), first_agency).region == "Гродненская область"
    assert directory.get_agency(b.uow(), second_agency).name == "Пограничная служба"
    assert same(a, b)
    [peer] = exchange_status.status(b.uow())
    assert (peer.name, peer.received_seq, peer.missing) == ("Alpha", 2, (1,))
    [found_later] = b.import_(lost_path)  # the stick turns up: nothing to do, no gap left
    assert found_later.outcome == Outcome.REPLAY
    assert exchange_status.status(b.uow())[0].missing == ()
    assert same(a, b)


def test_a_bundle_that_skips_ahead_waits_in_quarantine_until_the_gap_is_filled(
        pair: tuple[Office, Office], tmp_path: Path) -> None:
    a, b = pair
    old_b = backup(b, tmp_path / "b-before.sqlite")  # B's backup, before bundle 1
    agency = add_agency(a, "Следственный комитет")
    _first, first_path = send(a, b)
    [applied] = b.import_(first_path)
    assert applied.outcome == Outcome.APPLIED
    carry(b, a)  # B acknowledges bundle 1
    reopen(b, old_b)  # B's disk fails; the backup made before bundle 1 comes back
    with pytest.raises(NotFoundError):
        directory.get_agency(b.uow(), agency)
    edit_agency(a, agency, short_name="СК")
    later_agency = add_agency(a, "Департамент финансовых расследований")
    second, second_path = send(a, b)
    assert second.rows == 4  # A believes B has bundle 1: two records, two audit entries
    [held] = b.import_(second_path)
    assert held.outcome == Outcome.QUARANTINED
    assert "needs an earlier bundle from Alpha" in held.message
    assert held.params["office"] == "Alpha"
    [peer] = exchange_status.status(b.uow())
    assert peer.quarantined == (2,)
    with pytest.raises(NotFoundError):
        directory.get_agency(b.uow(), later_agency)
    outcomes = b.import_(first_path)  # the first stick is still around
    assert [(o.outcome, o.channel_seq) for o in outcomes] == [(Outcome.APPLIED, 1),
                                                              (Outcome.APPLIED, 2)]
    assert directory.get_agency(b.uow(), agency).short_name == "СК"
    assert directory.get_agency(b.uow(), later_agency).name == \
        "Департамент финансовых расследований"
    assert exchange_status.status(b.uow())[0].quarantined == ()
    assert same(a, b)


def test_data_relayed_through_a_third_office_arrives_once(tmp_path: Path) -> None:
    a, b = make_office(tmp_path / "a", "Alpha"), make_office(tmp_path / "b", "Bravo")
    c = make_office(tmp_path / "c", "Charlie")
    try:
        introduce(a, b)
        introduce(b, c)  # C never met A
        office = build_minutes_office(a.uow)
        b_agency = add_agency(b, "Бравое управление")
        carry(a, b)
        _result, outcome = carry(b, c)
        assert outcome.new["agency"] == 4  # A's three and B's one
        assert directory.get_agency(c.uow(), office["police"]).name == \
            "УВД Гродненского облисполкома"
        assert directory.get_agency(c.uow(), b_agency).name == "Бравое управление"
        assert same(a, c) is False and same(b, c)  # A lacks B's agency so far
        counts = {t: len(rows) for t, rows in replicated_dump(c.target).items()}
        introduce(a, c)  # later, A and C meet: A sends C everything it has
        result, direct = carry(a, c)
        assert result.rows > 20
        # Only the audit entries of A trusting C are new to C.
        assert (records(direct.new), direct.changed, direct.conflicts) == ({}, {}, 0)
        assert {t: len(rows) for t, rows in replicated_dump(c.target).items()} == counts
        carry(b, a)
        assert same(a, b, c)
    finally:
        for member in (a, b, c):
            member.close()


# ---- concurrent edits and deletes ----------------------------------------------------------

def test_concurrent_edits_of_one_field_end_with_the_same_winner_and_a_listed_conflict(
        pair: tuple[Office, Office]) -> None:
    a, b = pair
    agency = add_agency(a, "Управление по наркоконтролю")
    exchange(a, b)
    edit_agency(a, agency, name="Управление по наркоконтролю (Альфа)")
    edit_agency(b, agency, name="Управление по наркоконтролю (Браво)")
    stamps = {a.name: stamp(a, "agency", agency, "name"),
              b.name: stamp(b, "agency", agency, "name")}
    winner = max((a, b), key=lambda o: stamps[o.name])
    loser = b if winner is a else a
    kept = directory.get_agency(winner.uow(), agency).name
    lost = directory.get_agency(loser.uow(), agency).name
    _, to_b = send(a, b)  # both export before either imports: truly concurrent
    _, to_a = send(b, a)
    assert [o.conflicts for o in b.import_(to_b)] == [1]
    assert [o.conflicts for o in a.import_(to_a)] == [1]
    assert directory.get_agency(a.uow(), agency).name == kept
    assert directory.get_agency(b.uow(), agency).name == kept
    exchange(a, b)  # the conflicts log travels too
    for office in (a, b):
        [conflict] = exchange_status.conflicts(office.uow())
        assert (conflict.table, conflict.row_id, conflict.column) == ("agency", agency, "name")
        assert (conflict.kept, conflict.kept_office) == (kept, winner.name)
        assert (conflict.lost, conflict.lost_office) == (lost, loser.name)
        assert conflict.restored_at is None
    assert same(a, b)
    [conflict] = exchange_status.conflicts(loser.uow())
    exchange_status.restore_conflict(loser.uow(), conflict.id)
    exchange(loser, winner)
    for office in (a, b):
        assert directory.get_agency(office.uow(), agency).name == lost
        assert exchange_status.conflicts(office.uow()) == []
        [restored] = exchange_status.conflicts(office.uow(), include_restored=True)
        assert restored.id == conflict.id and restored.restored_at is not None
    assert same(a, b)


def test_concurrent_edits_of_different_fields_both_survive(
        pair: tuple[Office, Office]) -> None:
    a, b = pair
    agency = add_agency(a, "Гродненская таможня")
    exchange(a, b)
    edit_agency(a, agency, short_name="ГРТ")
    edit_agency(b, agency, region="Гродненская область")
    _, to_b = send(a, b)
    _, to_a = send(b, a)
    assert [o.conflicts for o in [*b.import_(to_b), *a.import_(to_a)]] == [0, 0]
    exchange(a, b)
    for office in (a, b):
        stored = directory.get_agency(office.uow(), agency)
        assert (stored.name, stored.short_name, stored.region) == \
            ("Гродненская таможня", "ГРТ", "Гродненская область")
        assert exchange_status.conflicts(office.uow()) == []
    assert same(a, b)


def test_an_edit_after_a_concurrent_delete_brings_the_record_back(
        pair: tuple[Office, Office]) -> None:
    a, b = pair
    agency = add_agency(a, "Комитет по делам молодёжи")
    exchange(a, b)
    directory.delete_agency(a.uow(), ACTOR, agency)
    next_millisecond()
    edit_agency(b, agency, short_name="КДМ")
    assert stamp(b, "agency", agency, "deleted") > stamp(a, "agency", agency, "deleted")
    _, to_b = send(a, b)
    _, to_a = send(b, a)
    b.import_(to_b)
    a.import_(to_a)
    for office in (a, b):
        assert directory.get_agency(office.uow(), agency).short_name == "КДМ"
    exchange(a, b)  # the conflicts log (the delete that lost) travels too
    assert same(a, b)


def test_a_delete_after_a_concurrent_edit_removes_the_record_everywhere(
        pair: tuple[Office, Office]) -> None:
    a, b = pair
    agency = add_agency(a, "Комитет по делам молодёжи")
    exchange(a, b)
    edit_agency(a, agency, short_name="КДМ")
    next_millisecond()
    directory.delete_agency(b.uow(), ACTOR, agency)
    assert stamp(b, "agency", agency, "deleted") > stamp(a, "agency", agency, "deleted")
    _, to_b = send(a, b)
    _, to_a = send(b, a)
    b.import_(to_b)
    a.import_(to_a)
    for office in (a, b):
        with pytest.raises(NotFoundError):
            directory.get_agency(office.uow(), agency)
    exchange(a, b)
    assert same(a, b)


# ---- dry run -------------------------------------------------------------------------------

def test_a_dry_run_shows_exactly_what_the_import_does_and_changes_nothing(
        pair: tuple[Office, Office], tmp_path: Path) -> None:
    a, b = pair
    build_minutes_office(a.uow)
    agency = add_agency(b, "Управление юстиции")
    exchange(a, b)
    edit_agency(b, agency, name="Управление юстиции облисполкома")
    next_millisecond()
    edit_agency(a, agency, name="Главное управление юстиции")  # later: A's name wins
    content = os.urandom(5000)
    (tmp_path / "справка.txt").write_bytes(content)
    action = make_action(a, agency)
    actions.report(a.uow(), ACTOR, action, "Исполнено", date(2026, 3, 20),
                   attachment=tmp_path / "справка.txt")
    _result, path = send(a, b)
    before = snapshot(b)
    [preview] = b.import_(path, dry_run=True)
    assert preview.outcome == Outcome.PREVIEW
    assert snapshot(b) == before
    [applied] = b.import_(path)
    assert applied.outcome == Outcome.APPLIED
    assert (preview.new, preview.changed, preview.conflicts, preview.blobs) == \
        (applied.new, applied.changed, applied.conflicts, applied.blobs)
    assert records(applied.new) == {"action": 1, "action_event": 2} and applied.blobs == 1
    assert (applied.changed, applied.conflicts) == ({"agency": 1}, 1)
    assert directory.get_agency(b.uow(), agency).name == "Главное управление юстиции"
    assert snapshot(b) != before  # the comparison sees an import


# ---- a bundle of the previous schema -------------------------------------------------------

def _receiver_of_the_fixture(root: Path, fixture: Path = FIXTURE) -> Office:
    """A fresh store of the current schema that takes the fixture receiver's identity (its
    site id, its card's public keys, its private key files), as a reinstalled office would."""
    card = read_card((fixture / "receiver.card").read_bytes())
    store = root / "store.sqlite"
    open_context(AppConfig.build(database=str(store), language="en")).close()
    connection = sqlite3.connect(store)
    try:
        connection.execute("UPDATE local_state SET value = ? WHERE key = 'office_id'",
                           (card.site_id,))
        connection.commit()
    finally:
        connection.close()
    shutil.copytree(fixture / "receiver-keys", root / "keys")
    office = Office(card.name, root, open_office_context(root))
    with office.uow() as uow:
        uow.sync.add_office(site_id=card.site_id, name=card.name, region=card.region,
                            country=card.country, network=card.network,
                            sign_public=card.sign_public, enc_public=card.enc_public,
                            ca_der=None, fingerprint=card.fingerprint, is_self=True,
                            added_at=datetime.now(UTC))
        uow.commit()
    assert office.site == card.site_id
    return office


@pytest.mark.parametrize(("fixture", "schema"), [(FIXTURE, 4), (FIXTURE5, 5)])
def test_a_bundle_of_the_previous_schema_still_imports(tmp_path: Path, fixture: Path,
                                                       schema: int) -> None:
    expected = json.loads((fixture / "expected.json").read_text(encoding="utf-8"))
    bundle = (fixture / "bundle.osb").read_bytes()
    sender_card = (fixture / "sender.card").read_bytes()
    office = _receiver_of_the_fixture(tmp_path / "receiver", fixture)
    try:
        with pytest.raises(NotFoundError):  # nothing of it here before
            actions.get_action(office.uow(), expected["action"])
        offices.trust_card(office.uow(), sender_card,
                           offices.preview_card(office.uow(), sender_card).fingerprint)
        me = offices.load_identity(office.uow(), office.context.keychain, PASSPHRASE)
        opened = envelope.open_bundle(
            bundle, network_id=me.network, my_key_id=me.enc_key_id, my_key=me.enc_key,
            sender_keys=lambda site, key: offices.sender_keys(office.uow()).get((site, key)))
        manifest = next(read_records([opened.payload])).value
        assert manifest["schema_version"] == expected["schema_version"] == schema
        [outcome] = office.import_(fixture / "bundle.osb")
        assert outcome.outcome == Outcome.APPLIED, outcome.message
        assert (outcome.new, outcome.blobs) == (expected["new"], expected["blobs"])
        names = sorted(r.name for r in directory.list_agencies(office.uow(), ALL).rows)
        assert names == expected["agencies"]
        detail = actions.get_action(office.uow(), expected["action"])
        assert detail.co_agency_names == ["Гродненская региональная таможня"]
        [event] = [e for e in detail.events if e.attachment_sha256]
        data = actions.attachment(office.uow(), event.attachment_sha256)
        assert hashlib.sha256(data).hexdigest() == expected["attachment_sha256"]
    finally:
        office.close()
