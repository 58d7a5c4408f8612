"""Change capture: per row and field, the HLC stamp and site of the last write, ready for sync."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from workgroup_app.domain import hlc
from workgroup_app.domain.actor import LOCAL_ADMIN
from workgroup_app.domain.entities import Agency, Person
from workgroup_app.domain.errors import NotFoundError, ValidationError
from workgroup_app.services import directory
from workgroup_app.storage import capture, clock_codec
from workgroup_app.storage.database import Store, open_store
from workgroup_app.storage.models import AgencyRow, LocalStateRow, SyncChangeRow
from workgroup_app.storage.unit_of_work import SqlUnitOfWork

pytestmark = pytest.mark.both_databases


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def changes(store: Store, table: str, row_id: str) -> tuple[int, dict[str, list]]:
    with store.session() as session:
        row = session.get(SyncChangeRow, (table, row_id))
        assert row is not None
        return row.local_version, clock_codec.decode(row.field_clocks)


def state(store: Store, key: str) -> int:
    with store.session() as session:
        row = session.get(LocalStateRow, key)
        assert row is not None
        return int(row.value)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 20, 9, 0, tzinfo=UTC))


@pytest.fixture
def store(store_path: Path, clock: FakeClock) -> Iterator[Store]:
    opened = open_store(store_path, clock=clock)
    yield opened
    opened.close()


def test_a_new_row_stamps_every_field_with_this_office(store: Store) -> None:
    agency = directory.save_agency(SqlUnitOfWork(store), LOCAL_ADMIN,
                                   Agency("УВД облисполкома", "УВД", region="Гродненская"))
    version, clocks = changes(store, "agency", agency.id)
    assert version == 1
    assert {"name", "short_name", "kind", "region", "deleted", "created_at",
            "origin_office_id"} <= set(clocks)
    assert "name_key" not in clocks and "id" not in clocks  # derived, not replicated
    assert {site for _stamp, site in clocks.values()} == {store.office_id}


def test_an_edit_restamps_only_the_fields_it_changed(store: Store, clock: FakeClock) -> None:
    uow = lambda: SqlUnitOfWork(store)  # noqa: E731
    agency = directory.save_agency(uow(), LOCAL_ADMIN, Agency("Таможня", "ГТК"))
    _version, before = changes(store, "agency", agency.id)
    clock.now += timedelta(seconds=5)
    agency.region = "Брестская"
    directory.save_agency(uow(), LOCAL_ADMIN, agency)
    version, after = changes(store, "agency", agency.id)
    assert version == 2
    assert after["region"][0] > before["region"][0]
    assert after["name"] == before["name"] and after["kind"] == before["kind"]


def test_deleting_is_a_captured_tombstone(store: Store) -> None:
    uow = lambda: SqlUnitOfWork(store)  # noqa: E731
    agency = directory.save_agency(uow(), LOCAL_ADMIN, Agency("Отдел образования"))
    _v, before = changes(store, "agency", agency.id)
    directory.delete_agency(uow(), LOCAL_ADMIN, agency.id)
    _v, after = changes(store, "agency", agency.id)
    assert after["deleted"][0] > before["deleted"][0]
    with store.session() as session:
        row = session.get(AgencyRow, agency.id)
        assert row is not None and row.deleted is True  # kept, never physically removed


def test_the_clock_never_goes_backwards_across_reopening(store_path: Path,
                                                         clock: FakeClock) -> None:
    first = open_store(store_path, clock=clock)
    directory.save_agency(SqlUnitOfWork(first), LOCAL_ADMIN, Agency("Прокуратура"))
    high = state(first, capture.HLC_KEY)
    first.close()
    clock.now -= timedelta(days=400)  # a dead CMOS battery
    again = open_store(store_path, clock=clock)
    agency = directory.save_agency(SqlUnitOfWork(again), LOCAL_ADMIN, Agency("Следственный"))
    _v, clocks = changes(again, "agency", agency.id)
    assert clocks["name"][0] > high
    assert hlc.wall_of(clocks["name"][0]) >= hlc.wall_of(high)
    again.close()


def test_a_refused_change_leaves_no_trace(store: Store) -> None:
    uow = lambda: SqlUnitOfWork(store)  # noqa: E731
    version_before = state(store, capture.VERSION_KEY)
    with pytest.raises(ValidationError):
        directory.save_person(uow(), LOCAL_ADMIN, Person(""))
    with pytest.raises(NotFoundError):
        directory.save_person(uow(), LOCAL_ADMIN, Person("Петров П.П.", agency_id="nope"))
    assert state(store, capture.VERSION_KEY) == version_before
    with store.session() as session:
        assert session.scalars(select(SyncChangeRow)).all() == []


def test_timestamps_and_origin_are_filled_in(store: Store, clock: FakeClock) -> None:
    agency = directory.save_agency(SqlUnitOfWork(store), LOCAL_ADMIN, Agency("Погрануправление"))
    with store.session() as session:
        row = session.get(AgencyRow, agency.id)
        assert row is not None
        assert row.created_at == clock.now and row.updated_at == clock.now
        assert row.created_at.tzinfo is not None
        assert row.origin_office_id == store.office_id
