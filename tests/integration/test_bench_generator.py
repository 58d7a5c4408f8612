"""The benchmark generator writes an ordinary, valid store: the same bookkeeping and change
capture as the services would, usable by the services afterwards."""

from __future__ import annotations

import random
import sqlite3
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from bench.generate import generate
from workgroup_app.domain.action_life import ActionStatus
from workgroup_app.domain.action_views import AGE_BUCKETS
from workgroup_app.domain.actions import Action
from workgroup_app.domain.actor import LOCAL_ADMIN
from workgroup_app.domain.deadlines import add_months
from workgroup_app.domain.entities import Agency, Decision
from workgroup_app.domain.enums import MeetingStatus
from workgroup_app.domain.views import ListQuery
from workgroup_app.services import action_reports, actions, directory, meetings
from workgroup_app.storage import clock_codec, maintenance
from workgroup_app.storage.database import Store, open_store
from workgroup_app.storage.unit_of_work import SqlUnitOfWork

TODAY = date(2026, 3, 18)
MEETINGS = 300
ACTIONS = 2000


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("bench") / "generated.sqlite"
    counts = generate(path, MEETINGS, seed=7, today=TODAY, progress=False, actions=ACTIONS)
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
                      "attendee", "agenda_item", "speech", "decision", "action",
                      "action_event", "action_co_agency"):
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


# ---- actions --------------------------------------------------------------------------------

def query(path: Path, sql: str, *params: object) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def test_actions_have_the_count_and_the_shape_asked_for(
        generated: tuple[Path, dict[str, int]]) -> None:
    path, counts = generated
    assert counts["action"] == ACTIONS
    assert 2.5 <= counts["action_event"] / ACTIONS <= 4.0
    sources = dict(query(path, "SELECT source, count(*) FROM action GROUP BY source"))
    assert sources["decision"] == ACTIONS - round(0.15 * ACTIONS)
    assert sources["direct"] == round(0.15 * ACTIONS)
    statuses = dict(query(path, "SELECT status, count(*) FROM action GROUP BY status"))
    assert statuses["done"] > 0.8 * ACTIONS
    assert statuses["open"] and statuses["reported"] and statuses["cancelled"]
    (first,), = query(path, "SELECT min(assigned_on) FROM action")
    assert date.fromisoformat(first) >= TODAY - timedelta(days=3660), "the last ten years"
    (unlinked,), = query(path, "SELECT count(*) FROM action a JOIN decision d ON "
                         "d.id = a.decision_id JOIN agenda_item i ON i.id = d.agenda_item_id "
                         "JOIN meeting m ON m.id = i.meeting_id WHERE m.id != a.meeting_id "
                         "OR m.workgroup_id != a.workgroup_id OR m.held_on != a.assigned_on "
                         "OR a.deadline < d.due_date")
    assert unlinked == 0, "actions point at their decision's meeting and keep its deadline"
    series = query(path, "SELECT series_id, count(*), max(occurrence) FROM action "
                   "WHERE recurrence != 'none' GROUP BY series_id")
    assert series and all(count == top for _id, count, top in series)


def test_the_derived_columns_are_what_the_services_derive(
        generated: tuple[Path, dict[str, int]], store: Store) -> None:
    path, _counts = generated
    rows = query(path, "SELECT id, status, current_deadline, current_agency_id, extensions, "
                 "reported_on, done_on, assigned_on FROM action ORDER BY id")

    def day(text: str | None) -> date | None:
        return date.fromisoformat(text) if text else None

    for row in random.Random(3).sample(rows, 300):
        detail = actions.get_action(SqlUnitOfWork(store), row[0])
        state = detail.state
        assert (state.status.value, state.deadline, state.agency_id, state.extensions,
                state.reported_on, state.done_on) == (row[1], day(row[2]), row[3], row[4],
                                                      day(row[5]), day(row[6])), row[0]
        assert all(event.effective for event in detail.events)
        days = [event.on for event in detail.events]
        assert days[0] == day(row[7]) and days == sorted(days) and days[-1] <= TODAY


def test_the_overview_matches_a_plain_sql_count(generated: tuple[Path, dict[str, int]],
                                                store: Store) -> None:
    path, _counts = generated
    figures = action_reports.overview(SqlUnitOfWork(store), TODAY)
    today = TODAY.isoformat()
    active = "status IN ('open', 'reported') AND deleted = 0"
    (total, overdue, awaiting), = query(
        path, "SELECT count(*), sum(current_deadline < ?), sum(status = 'reported') "
        f"FROM action WHERE {active}", today)
    assert (figures.active, figures.overdue, figures.awaiting_acceptance) == \
        (total, overdue, awaiting)
    assert figures.overdue > 0 and figures.awaiting_acceptance > 0
    ages = []
    for low, high in AGE_BUCKETS:
        latest = (TODAY - timedelta(days=low)).isoformat()
        earliest = (TODAY - timedelta(days=high)).isoformat() if high else "0000"
        ages.append(query(path, f"SELECT count(*) FROM action WHERE {active} AND "
                          "current_deadline BETWEEN ? AND ?", earliest, latest)[0][0])
    assert list(figures.overdue_by_age) == ages
    (week,), = query(path, f"SELECT count(*) FROM action WHERE {active} AND current_deadline "
                     "BETWEEN ? AND ?", today, figures.week_end.isoformat())
    assert figures.due_this_week == week
    by_agency = dict(query(path, "SELECT current_agency_id, count(*) FROM action "
                           f"WHERE {active} GROUP BY current_agency_id"))
    assert {g.id: g.active for g in figures.by_agency} == by_agency
    listed = actions.list_actions(SqlUnitOfWork(store), ListQuery(
        filters={"overdue": "1"}, sort="deadline"), TODAY)
    assert listed.total == overdue
    assert all(r.status in (ActionStatus.OPEN, ActionStatus.REPORTED) and r.deadline < TODAY
               for r in listed.rows)


def test_action_capture_matches_what_the_services_write(
        generated: tuple[Path, dict[str, int]], store: Store) -> None:
    path, _counts = generated
    (agency_id,), = query(path, "SELECT id FROM agency LIMIT 1")
    made = actions.create_action(SqlUnitOfWork(store), LOCAL_ADMIN, Action(
        "Проверить исполнение", agency_id, date(2026, 3, 2), deadline=date(2026, 3, 20)))
    actions.comment(SqlUnitOfWork(store), LOCAL_ADMIN, made.id, "Напомнено", date(2026, 3, 3),
                    today=TODAY)
    (event_id,), = query(path, "SELECT id FROM action_event WHERE action_id = ? LIMIT 1",
                         made.id)
    for table, row_id in (("action", made.id), ("action_event", event_id)):
        _v, by_service = clocks(path, table, row_id)
        _v, by_generator = clocks(path, table)
        assert set(by_service) == set(by_generator), table
    (generated_id,), = query(
        path, "SELECT action_id FROM action_event GROUP BY action_id HAVING count(*) > 2 "
        "LIMIT 1")
    version, action_clocks = clocks(path, "action", generated_id)
    (last_event_version,), = query(
        path, "SELECT max(c.local_version) FROM sync_change c JOIN action_event e ON "
        "e.id = c.row_id WHERE c.table_name = 'action_event' AND e.action_id = ?", generated_id)
    assert version == last_event_version, "the action changes with its last event"
    assert action_clocks["updated_at"][0] > action_clocks["text"][0]
    assert maintenance.check(store).ok


def test_recomputing_the_state_through_the_services_changes_nothing(
        generated: tuple[Path, dict[str, int]], store: Store) -> None:
    """A comment makes the repository recompute every derived column from the events; on a
    generated action (reassigned ones included) none of them may change."""
    path, _counts = generated
    derived = ("status, current_deadline, current_agency_id, current_official_id, extensions, "
               "reported_on, done_on, text_key")
    reassigned = [r[0] for r in query(path, "SELECT DISTINCT action_id FROM action_event "
                                      "WHERE kind = 'reassigned' ORDER BY action_id LIMIT 10")]
    others = [r[0] for r in query(path, "SELECT id FROM action ORDER BY id LIMIT 20")]
    assert reassigned
    for action_id in reassigned + others:
        sql = f"SELECT {derived} FROM action WHERE id = ?"
        before = query(path, sql, action_id)
        actions.comment(SqlUnitOfWork(store), LOCAL_ADMIN, action_id, "Сверено", TODAY,
                        today=TODAY)
        assert query(path, sql, action_id) == before, action_id


def test_series_count_their_deadlines_from_the_first_nominal_one(
        generated: tuple[Path, dict[str, int]]) -> None:
    path, _counts = generated
    rows = query(path, "SELECT series_id, recurrence, occurrence, nominal_deadline, deadline "
                 "FROM action WHERE recurrence != 'none' ORDER BY series_id, occurrence")
    first: dict[str, date] = {}
    for series_id, recurrence, occurrence, nominal, deadline in rows:
        first.setdefault(series_id, date.fromisoformat(nominal))
        months = {"monthly": 1, "quarterly": 3}[recurrence] * (occurrence - 1)
        assert date.fromisoformat(nominal) == add_months(first[series_id], months)
        assert date.fromisoformat(deadline) >= date.fromisoformat(nominal)
