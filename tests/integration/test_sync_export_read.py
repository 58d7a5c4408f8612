"""An export reads the same records whichever way it reads them (storage/sync_export.py):
whole tables with SQLite making each row's JSON, the general way from stored values in
Python, typed values (as on another database), and a few changes found by version. Tricky
values are included — quotes, backslashes, control characters, characters beyond the BMP,
times with and without microseconds, a timestamp stored in another form, a date that is not
one — and rows whose clocks name two offices or the recipient."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from tests.sync_support import Office, introduce, make_office
from workgroup_app.domain.actor import LOCAL_ADMIN
from workgroup_app.domain.views import ListQuery
from workgroup_app.services import directory
from workgroup_app.services.demo import seed_demo
from workgroup_app.storage import sync_export
from workgroup_app.sync.strict_json import dumps_canonical

TRICKY = 'кавычки " и \\ обратная, \n строка\tтаб \x01\x1f\x7f ё 😀 \u2028'


@pytest.fixture(scope="module")
def offices(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Office, Office]]:
    root = tmp_path_factory.mktemp("export-read")
    a, b = make_office(root / "a", "Alpha"), make_office(root / "b", "Bravo")
    introduce(a, b)
    seed_demo(a.uow, LOCAL_ADMIN)
    drive = root / "drive"
    [result] = a.export(drive, to=[b])
    b.import_(Path(result.path))
    connection = sqlite3.connect(a.store)
    with connection:  # values the app would not write itself, behind capture's back
        connection.execute("UPDATE agency SET name = ?, created_at = '2026-01-02 03:04:05.000000'"
                           " WHERE id = (SELECT min(id) FROM agency)", (TRICKY,))
        connection.execute("UPDATE agency SET short_name = ?, updated_at = "
                           "'2026-01-02T03:04:05.123456' WHERE id = (SELECT max(id) FROM agency)",
                           (TRICKY,))
        connection.execute("UPDATE meeting SET starts_at = '10:30:00.250000' "
                           "WHERE id = (SELECT min(id) FROM meeting WHERE starts_at IS NOT NULL)")
        connection.execute("UPDATE action_event SET text = ?, created_at = "
                           "'2026-01-02 23:59:59.999999' WHERE id = (SELECT min(id) FROM "
                           "action_event)", (TRICKY,))
    connection.close()
    # Bravo edits some of Alpha's rows: their clocks name both offices.
    for row in directory.list_agencies(b.uow(), ListQuery(limit=3)).rows:
        agency = directory.get_agency(b.uow(), row.id)
        directory.save_agency(b.uow(), LOCAL_ADMIN, replace(agency, region="Другой регион"))
    yield a, b
    a.close()
    b.close()


def _records(office: Office, since: int, skip: str) -> tuple[list[bytes], int]:
    """The records an export would write (sorted), and how many SQLite made."""
    made, records = 0, []
    with office.uow() as uow:
        for row in uow.sync.changed_rows(since, skip):
            if row.batch:
                made += len(row.batch)
                records += [body + b"()" for body in row.batch]
                continue
            if row.record is not None:
                made += 1
                body = row.record
            else:
                body = dumps_canonical({"t": row.table, "id": row.id, "v": row.values,
                                        "c": row.clocks})
            records.append(body + repr(row.blobs).encode())
    return sorted(records), made


@pytest.mark.parametrize("who, skip", [("a", "b"), ("b", "a"), ("a", ""), ("b", "")])
def test_every_way_of_reading_gives_the_same_records(
        offices: tuple[Office, Office], who: str, skip: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Bravo's own edits for Alpha (b, a) name both offices: the general way only (but for
    Bravo's audit entries, written by Bravo alone)."""
    a, b = offices
    office = a if who == "a" else b
    skip_site = {"a": a.site, "b": b.site, "": ""}[skip]
    few, made_few = _records(office, 0, skip_site)  # a small store: by id
    assert few and made_few == 0
    monkeypatch.setattr(sync_export, "FEW_CHANGES", 0)
    whole, made = _records(office, 0, skip_site)
    assert whole == few
    entries = sum(b'"t":"audit_event"' in record for record in whole)
    assert made > len(whole) // 2 if (who, skip) != ("b", "a") else made == entries
    monkeypatch.setattr(sync_export, "_json_select", lambda connection, spec: ("NULL", "0"))
    assert _records(office, 0, skip_site) == (few, 0)
    monkeypatch.setattr(sync_export, "_raw", lambda connection: False)
    assert _records(office, 0, skip_site) == (few, 0)


def test_a_few_changes_are_read_alike(offices: tuple[Office, Office],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = offices
    with b.uow() as uow:
        since = uow.sync.version() - 1
    few = _records(b, since, a.site)
    assert few[0]
    monkeypatch.setattr(sync_export, "FEW_CHANGES", 0)
    assert _records(b, since, a.site)[0] == few[0]


def test_a_date_that_is_not_one_is_refused_either_way(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    office = make_office(tmp_path / "c", "Charlie")
    try:
        seed_demo(office.uow, LOCAL_ADMIN)
        with sqlite3.connect(office.store) as connection:
            connection.execute("UPDATE action SET assigned_on = '2026-02-30' "
                               "WHERE id = (SELECT min(id) FROM action)")
        for few in (True, False):
            monkeypatch.setattr(sync_export, "FEW_CHANGES", 10 ** 9 if few else 0)
            with pytest.raises(ValueError):
                _records(office, 0, "")
    finally:
        office.close()


def test_an_import_gives_the_connection_its_page_cache_back(
        offices: tuple[Office, Office], tmp_path: Path) -> None:
    a, b = offices
    with a.uow() as uow:
        before = uow.session.connection().exec_driver_sql("PRAGMA cache_size").scalar()
    [result] = b.export(tmp_path / "drive", to=[a])
    [outcome] = a.import_(Path(result.path))
    assert outcome.outcome.value == "applied"
    with a.uow() as uow:
        assert uow.session.connection().exec_driver_sql("PRAGMA cache_size").scalar() == before
