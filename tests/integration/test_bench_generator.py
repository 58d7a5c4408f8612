"""The benchmark generator writes an ordinary, valid store: the same bookkeeping and change
capture as the services would, usable by the services afterwards."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from bench.generate import generate
from workgroup_app.domain.actor import LOCAL_ADMIN
from workgroup_app.domain.entities import Agency, Decision
from workgroup_app.domain.enums import MeetingStatus
from workgroup_app.domain.views import ListQuery
from workgroup_app.services import directory, meetings
from workgroup_app.storage import clock_codec, maintenance
from workgroup_app.storage.database import Store, open_store
from workgroup_app.storage.unit_of_work import SqlUnitOfWork

TODAY = date(2026, 3, 18)
MEETINGS = 300


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("bench") / "generated.sqlite"
    counts = generate(path, MEETINGS, seed=7, today=TODAY, progress=False)
    return path, counts


@pytest.fixture
def store(generated: tuple[Path, dict[str, int]]) -> Iterator[Store]:
    opened = open_store(generated[0])
    yield opened
    opened.close()


def clocks(path: Path, table: str, row_id: str | None = None) -> tuple[int, dict[str, list]]:
    connection = sqlite3.connect(path)
    try:
        query = "SELECT local_version, field_clocks FROM sync_change WHERE table_name = ?"
        params: tuple[str, ...] = (table,)
        if row_id:
            query, params = query + " AND row_id = ?", (table, row_id)
        version, payload = connection.execute(query + " LIMIT 1", params).fetchone()
        return version, clock_codec.decode(payload)
    finally:
        connection.close()


def test_the_store_is_valid_and_has_the_shape_asked_for(
        generated: tuple[Path, dict[str, int]], store: Store) -> None:
    _path, counts = generated
    assert maintenance.check(store).ok
    assert counts["meeting"] == MEETINGS
    assert 2.5 <= counts["agenda_item"] / MEETINGS <= 3.5
    assert 2.0 <= counts["decision"] / counts["agenda_item"] <= 3.0
    assert 7 <= counts["attendee"] / MEETINGS <= 10
    assert counts["speech"] >= counts["agenda_item"]
    page = meetings.list_meetings(SqlUnitOfWork(store), ListQuery(limit=50))
    assert page.total == MEETINGS and len(page.rows) == 50
    statuses = Counter(row.status for row in meetings.list_meetings(
        SqlUnitOfWork(store), ListQuery(limit=MEETINGS)).rows)
    assert statuses[MeetingStatus.HELD] > 0.9 * MEETINGS and statuses[MeetingStatus.PLANNED] >= 1
    years = {row.year for row in page.rows}
    assert min(years) < TODAY.year - 5, "years of meetings"


def test_every_row_has_its_change_capture(generated: tuple[Path, dict[str, int]]) -> None:
    path, counts = generated
    connection = sqlite3.connect(path)
    try:
        for table in ("agency", "person", "workgroup", "workgroup_member", "meeting",
                      "attendee", "agenda_item", "speech", "decision"):
            missing = connection.execute(
                f"SELECT count(*) FROM {table} t LEFT JOIN sync_change c ON c.table_name = ? "
                "AND c.row_id = t.id WHERE c.row_id IS NULL", (table,)).fetchone()[0]
            assert missing == 0, table
        state = dict(connection.execute("SELECT key, value FROM local_state").fetchall())
        top_version, rows = connection.execute(
            "SELECT max(local_version), count(*) FROM sync_change").fetchone()
    finally:
        connection.close()
    assert rows == sum(v for k, v in counts.items() if k != "seconds")
    assert int(state["local_version"]) == top_version
    _version, meeting_clocks = clocks(path, "meeting")
    stamps = {stamp for stamp, _site in meeting_clocks.values()}
    assert len(stamps) == 1 and int(state["hlc_last"]) >= stamps.pop()
    assert {site for _stamp, site in meeting_clocks.values()} == {state["office_id"]}


def test_the_capture_matches_what_the_services_write(
        generated: tuple[Path, dict[str, int]], store: Store) -> None:
    path, _counts = generated
    made = directory.save_agency(SqlUnitOfWork(store), LOCAL_ADMIN, Agency("Новое ведомство"))
    _v, by_service = clocks(path, "agency", made.id)
    _v, by_generator = clocks(path, "agency")
    assert set(by_service) == set(by_generator)


def test_a_generated_meeting_can_be_edited_through_the_services(
        generated: tuple[Path, dict[str, int]], store: Store) -> None:
    path, _counts = generated
    uow = SqlUnitOfWork(store)
    row = meetings.list_meetings(uow, ListQuery(filters={"status": "held"}, limit=1)).rows[0]
    before_version, before = clocks(path, "meeting", row.id)
    meeting = meetings.get_meeting(uow, row.id)
    assert meeting.items and meeting.attendees and meeting.items[0].decisions
    meeting.venue = "г. Минск, ул. Интернациональная, 22"
    meeting.items[0].decisions.append(Decision("Информацию принять к сведению."))
    meetings.save_meeting(SqlUnitOfWork(store), LOCAL_ADMIN, meeting)
    again = meetings.get_meeting(SqlUnitOfWork(store), row.id)
    assert again.venue == meeting.venue and again.number == row.number
    assert again.items[0].decisions[-1].text == "Информацию принять к сведению."
    after_version, after = clocks(path, "meeting", row.id)
    assert after_version > before_version
    assert after["venue"][0] > before["venue"][0]
    assert after["held_on"] == before["held_on"]
    assert maintenance.check(store).ok


def test_generated_people_are_found_by_cyrillic_search(store: Store) -> None:
    first = directory.list_people(SqlUnitOfWork(store), ListQuery(limit=1)).rows[0]
    surname = first.full_name.split()[0]
    found = directory.list_people(SqlUnitOfWork(store), ListQuery(text=surname.upper()))
    assert first.id in {p.id for p in found.rows} or found.total > len(found.rows)


def test_the_content_depends_only_on_the_seed(tmp_path: Path) -> None:
    def content(path: Path) -> list[tuple[str, ...]]:
        connection = sqlite3.connect(path)
        try:
            return connection.execute("SELECT id, held_on, venue FROM meeting ORDER BY id"
                                      ).fetchall()
        finally:
            connection.close()

    generate(tmp_path / "a.sqlite", 40, seed=5, today=TODAY, progress=False)
    generate(tmp_path / "b.sqlite", 40, seed=5, today=TODAY, progress=False)
    assert content(tmp_path / "a.sqlite") == content(tmp_path / "b.sqlite")
    with pytest.raises(FileExistsError):
        generate(tmp_path / "a.sqlite", 40, seed=5, today=TODAY, progress=False)
