"""The audit trail travels between offices and is verified on import: entries arrive with
their chains intact; a bundle that changes an entry, writes in the reader's name or breaks a
chain is refused and changes nothing."""

from __future__ import annotations

import itertools
import json
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import dump
from tests.sync_support import Office, introduce, make_office
from workgroup_app.domain.actor import LOCAL_ADMIN
from workgroup_app.domain.audit import entry_hash
from workgroup_app.domain.entities import Agency
from workgroup_app.domain.sync import Outcome
from workgroup_app.services import audit, directory

_drives = itertools.count(1)


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Office, Office]]:
    a, b = make_office(tmp_path / "a", "Alpha"), make_office(tmp_path / "b", "Bravo")
    introduce(a, b)
    yield a, b
    a.close()
    b.close()


def carry(sender: Office, receiver: Office) -> Any:
    drive = sender.root.parent / f"drive-{next(_drives)}"
    drive.mkdir()
    [result] = sender.export(drive, to=[receiver])
    [outcome] = receiver.import_(Path(result.path))
    return outcome


def entries(office: Office, origin: Office) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(office.store)
    try:
        return connection.execute(
            "SELECT seq, user, table_name, operation, changes, hash FROM audit_event "
            "WHERE origin_office_id = ? ORDER BY seq", (origin.site,)).fetchall()
    finally:
        connection.close()


def inject(office: Office, **values: Any) -> None:
    """Write an audit row into the office's file by hand, marked as changed so that its
    next export sends it (as a tampered store would)."""
    connection = sqlite3.connect(office.store)
    try:
        (version,) = connection.execute(
            "SELECT value FROM local_state WHERE key = 'local_version'").fetchone()
        version = int(version) + 1
        (hlc,) = connection.execute("SELECT value FROM local_state WHERE key = 'hlc_last'"
                                    ).fetchone()
        row = {"id": str(uuid.uuid4()), "created_at": "2026-11-28 09:00:00.000000",
               "updated_at": "2026-11-28 09:00:00.000000", "deleted": 0, **values}
        existing = connection.execute("SELECT 1 FROM audit_event WHERE id = ?",
                                      (row["id"],)).fetchone()
        if existing:
            sets = ", ".join(f'"{k}" = ?' for k in row if k != "id")
            connection.execute(f"UPDATE audit_event SET {sets} WHERE id = ?",
                               [v for k, v in row.items() if k != "id"] + [row["id"]])
        else:
            connection.execute(f"INSERT INTO audit_event ({', '.join(f'{k!r}' for k in row)}) "
                               f"VALUES ({', '.join('?' * len(row))})", list(row.values()))
        fields = sorted(k for k in row if k != "id")
        clocks = json.dumps({"site": office.site, "clocks": [[int(hlc) + 1, fields]]},
                            separators=(",", ":"))
        connection.execute("INSERT OR REPLACE INTO sync_change VALUES ('audit_event', ?, ?, ?)",
                           (row["id"], version, clocks))
        connection.execute("UPDATE local_state SET value = ? WHERE key = 'local_version'",
                           (str(version),))
        connection.execute("UPDATE local_state SET value = ? WHERE key = 'hlc_last'",
                           (str(int(hlc) + 1),))
        connection.commit()
    finally:
        connection.close()


def _chained(office: Office, origin: str, seq: int, prev: str, **fields: Any) -> dict[str, Any]:
    values = {"origin_office_id": origin, "seq": seq, "at": "2026-11-28T09:00:00+00:00",
              "user": "intruder", "role": "administrator", "table_name": "agency",
              "row_id": str(uuid.uuid4()), "operation": "update",
              "changes": '{"name":["a","b"]}', "prev_hash": prev}
    values.update(fields)
    values["hash"] = entry_hash(values["origin_office_id"], values["seq"], values["at"],
                                values["user"], values["role"], values["table_name"],
                                values["row_id"], values["operation"], values["changes"],
                                values["prev_hash"])
    return values


def test_entries_arrive_with_their_chains_intact(pair: tuple[Office, Office]) -> None:
    a, b = pair
    directory.save_agency(a.uow(), LOCAL_ADMIN, Agency("УВД облисполкома", "УВД"))
    assert carry(a, b).outcome == Outcome.APPLIED
    sent = entries(a, a)
    assert sent and entries(b, a) == sent
    assert any(e[2] == "agency" and e[3] == "create" and "УВД" in e[4] for e in sent)
    report = audit.verify(b.uow())
    assert report.intact and {c.office_id for c in report.chains} == {a.site, b.site}
    # Back at A through B: the same entries, nothing doubled.
    assert carry(b, a).outcome == Outcome.APPLIED
    assert entries(a, a) == sent and audit.verify(a.uow()).intact


def test_a_bundle_that_changes_an_entry_is_refused(pair: tuple[Office, Office]) -> None:
    a, b = pair
    directory.save_agency(a.uow(), LOCAL_ADMIN, Agency("УВД облисполкома", "УВД"))
    carry(a, b)
    # Someone rewrites A's last entry (and its hash) in A's file; A sends it again.
    last = entries(a, a)[-1]
    connection = sqlite3.connect(a.store)
    row = dict(zip(("id", "seq", "prev_hash", "table_name", "row_id", "operation", "at",
                    "user", "role"), connection.execute(
        "SELECT id, seq, prev_hash, table_name, row_id, operation, at, user, role "
        "FROM audit_event WHERE hash = ?", (last[5],)).fetchone(), strict=True))
    connection.close()
    forged = _chained(a, a.site, row["seq"], row["prev_hash"], table_name=row["table_name"],
                      row_id=row["row_id"], operation=row["operation"], at=row["at"],
                      user=row["user"], role=row["role"], changes='{"name":[null,"Другое"]}')
    inject(a, id=row["id"], **forged)
    before = dump(b.store)
    outcome = carry(a, b)
    assert outcome.outcome == Outcome.REFUSED
    assert "changes an entry of the audit trail" in outcome.message
    assert dump(b.store) == before


def test_entries_that_follow_nothing_here_are_refused(pair: tuple[Office, Office]) -> None:
    a, b = pair
    inject(a, **_chained(a, b.site, 999, "0" * 64))  # in B's own name, out of nowhere
    before = dump(b.store)
    outcome = carry(a, b)
    assert outcome.outcome == Outcome.REFUSED
    assert "do not continue its chain (entry 999)" in outcome.message
    assert dump(b.store) == before


def test_a_bundle_whose_entries_break_their_chain_is_refused(
        pair: tuple[Office, Office]) -> None:
    a, b = pair
    directory.save_agency(a.uow(), LOCAL_ADMIN, Agency("УВД облисполкома", "УВД"))
    head = entries(a, a)[-1]
    inject(a, **_chained(a, a.site, head[0] + 1, "f" * 64))  # its own hash is right
    before = dump(b.store)
    outcome = carry(a, b)
    assert outcome.outcome == Outcome.REFUSED
    assert "do not continue its chain" in outcome.message
    assert dump(b.store) == before
