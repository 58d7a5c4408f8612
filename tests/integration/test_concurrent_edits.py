"""Several workstations on one store (issue 8): a save over someone else's newer change is
refused with who and when (the optimistic version check) and changes nothing; overwriting is
a choice; writers at once neither lose an update nor fork the counters and the audit chain.
Each workstation opens the store itself, as another computer would."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest

from tests.helpers import dump, rows
from workgroup_app.domain.actions import Action
from workgroup_app.domain.actor import Actor
from workgroup_app.domain.entities import (
    Agency,
    AgendaItem,
    Decision,
    Meeting,
    Person,
    Workgroup,
    WorkgroupMember,
)
from workgroup_app.domain.enums import MeetingStatus
from workgroup_app.domain.errors import ConcurrentEditError
from workgroup_app.domain.findings import ActType, Finding
from workgroup_app.domain.revisions import revision
from workgroup_app.i18n import error_text
from workgroup_app.services import actions, audit, directory, findings, meetings, workgroups
from workgroup_app.storage.database import Store, open_store
from workgroup_app.storage.unit_of_work import SqlUnitOfWork

pytestmark = pytest.mark.both_databases


@dataclass
class Workstation:
    store: Store
    actor: Actor

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.store, self.actor)


@pytest.fixture
def stations(store_path: Path | str) -> Iterator[tuple[Workstation, Workstation]]:
    first = Workstation(open_store(store_path), Actor(user="ivanova"))
    second = Workstation(open_store(store_path), Actor(user="petrov"))
    yield first, second
    first.store.close()
    second.store.close()


def refused(save: Callable[[], object], store_path: Path | str) -> ConcurrentEditError:
    """The save is refused as a concurrent edit, and the store is exactly as it was."""
    before = dump(store_path)
    with pytest.raises(ConcurrentEditError) as caught:
        save()
    assert dump(store_path) == before
    return caught.value


def test_an_agency_saved_over_a_newer_change_is_refused_with_who_and_when(
        stations: tuple[Workstation, Workstation], store_path: Path | str) -> None:
    mine, theirs = stations
    agency = directory.save_agency(mine.uow(), mine.actor, Agency("УВД", "УВД"))
    opened = directory.get_agency(mine.uow(), agency.id)
    expected = revision(opened)
    directory.save_agency(theirs.uow(), theirs.actor, replace(opened, region="Гродненская"))

    error = refused(lambda: directory.save_agency(
        mine.uow(), mine.actor, replace(opened, short_name="УВД облисполкома"), expected),
        store_path)
    text = error_text(error)
    assert "The agency was changed by petrov at " in text and "Reload" in text
    assert directory.get_agency(mine.uow(), agency.id).region == "Гродненская"

    # Overwrite: the user saw theirs and keeps their own; asked again only if it moves on.
    directory.save_agency(mine.uow(), mine.actor, replace(opened, short_name="УВД ОИК"),
                          error.revision)
    stored = directory.get_agency(mine.uow(), agency.id)
    assert (stored.short_name, stored.region) == ("УВД ОИК", "")
    # The revision just saved is current: a second save with it goes through.
    directory.save_agency(mine.uow(), mine.actor, replace(stored, region="Минская"),
                          revision(stored))


def test_a_person_deleted_meanwhile_is_not_found_rather_than_made_again(
        stations: tuple[Workstation, Workstation], store_path: Path | str) -> None:
    mine, theirs = stations
    person = directory.save_person(mine.uow(), mine.actor, Person("Ёлкин П.С."))
    directory.delete_person(theirs.uow(), theirs.actor, person.id)
    before = dump(store_path)
    with pytest.raises(Exception, match="not found"):
        directory.save_person(mine.uow(), mine.actor, replace(person, position="прокурор"),
                              revision(person))
    assert dump(store_path) == before


def test_an_event_recorded_meanwhile_does_not_block_an_edit_of_the_text(
        stations: tuple[Workstation, Workstation], store_path: Path | str) -> None:
    mine, theirs = stations
    agency = directory.save_agency(mine.uow(), mine.actor, Agency("УВД"))
    action = actions.create_action(mine.uow(), mine.actor, Action(
        "Провести проверку", agency.id, date(2026, 3, 2), deadline=date(2026, 4, 1)))
    opened = actions.get_action(mine.uow(), action.id).action
    expected = actions.action_revision(opened)
    # Someone extends the deadline: an event, not the fields this editor writes.
    actions.extend(theirs.uow(), theirs.actor, action.id, date(2026, 5, 4), "по ходатайству",
                   date(2026, 3, 20))
    actions.update_action(mine.uow(), mine.actor, replace(opened, text="Провести проверку "
                                                          "исполнения"), expected)
    detail = actions.get_action(mine.uow(), action.id)
    assert detail.action.text == "Провести проверку исполнения"
    assert detail.state.deadline == date(2026, 5, 4)  # the extension stayed

    reopened = detail.action
    actions.update_action(theirs.uow(), theirs.actor, replace(reopened, text="Иначе"))
    error = refused(lambda: actions.update_action(
        mine.uow(), mine.actor, replace(reopened, text="По-моему"),
        actions.action_revision(reopened)), store_path)
    assert "The action was changed by petrov" in error_text(error)


def test_a_decision_changed_inside_a_meeting_refuses_the_stale_meeting(
        stations: tuple[Workstation, Workstation], store_path: Path | str) -> None:
    mine, theirs = stations
    group = workgroups.save_workgroup(mine.uow(), mine.actor, Workgroup("МРГ"))
    meeting = meetings.save_meeting(mine.uow(), mine.actor, Meeting(
        group.id, date(2026, 3, 12), status=MeetingStatus.HELD,
        items=[AgendaItem("О наркопреступности", decisions=[Decision("Принять к сведению.")])]))
    opened = meetings.get_meeting(mine.uow(), meeting.id)
    expected = revision(opened)
    theirs_copy = meetings.get_meeting(theirs.uow(), meeting.id)
    theirs_copy.items[0].decisions[0].text = "Принять к сведению и усилить."
    meetings.save_meeting(theirs.uow(), theirs.actor, theirs_copy)

    mine_copy = meetings.get_meeting(mine.uow(), meeting.id)  # as the editor had it
    mine_copy.items = opened.items
    mine_copy.venue = "г. Гродно"
    error = refused(lambda: meetings.save_meeting(mine.uow(), mine.actor, mine_copy, expected),
                    store_path)
    assert "The meeting was changed by petrov" in error_text(error)
    stored = meetings.get_meeting(mine.uow(), meeting.id)
    assert stored.items[0].decisions[0].text == "Принять к сведению и усилить."


def test_a_member_added_meanwhile_refuses_the_stale_workgroup(
        stations: tuple[Workstation, Workstation], store_path: Path | str) -> None:
    mine, theirs = stations
    person = directory.save_person(mine.uow(), mine.actor, Person("Иванова А.С."))
    group = workgroups.save_workgroup(mine.uow(), mine.actor, Workgroup("МРГ"))
    opened = workgroups.get_workgroup(mine.uow(), group.id)
    workgroups.save_workgroup(theirs.uow(), theirs.actor,
                              replace(opened, members=[WorkgroupMember(person.id)]))
    error = refused(lambda: workgroups.save_workgroup(
        mine.uow(), mine.actor, replace(opened, region="Гродненская"), revision(opened)),
        store_path)
    assert "The workgroup was changed by petrov" in error_text(error)


def test_a_finding_saved_over_a_newer_change_is_refused(
        stations: tuple[Workstation, Workstation], store_path: Path | str) -> None:
    mine, theirs = stations
    agency = directory.save_agency(mine.uow(), mine.actor, Agency("УВД"))
    finding = findings.add_finding(mine.uow(), mine.actor, Finding(
        agency.id, date(2026, 2, 20), "Хранение наркотических средств", ActType.PROTEST,
        "02-15/12", date(2026, 3, 5)))
    opened = findings.get_finding(mine.uow(), finding.id).finding
    findings.update_finding(theirs.uow(), theirs.actor, replace(opened, addressee="Начальнику"))
    error = refused(lambda: findings.update_finding(
        mine.uow(), mine.actor, replace(opened, subject="Иное"), None, revision(opened)),
        store_path)
    assert "The finding was changed by petrov" in error_text(error)


def test_writers_at_once_lose_no_update_and_keep_one_audit_chain(
        stations: tuple[Workstation, Workstation], store_path: Path | str) -> None:
    """Threads, each with its own connection, append their marks to one agency's name the
    way an editor would: read, save with the revision read, on refusal read again. Every mark
    ends in the name; every save got a local version of its own; the chain verifies."""
    mine, _theirs = stations
    agency = directory.save_agency(mine.uow(), mine.actor, Agency("Орган"))
    writers, rounds = 3, 6
    failures: list[BaseException] = []
    refusals = [0]

    def write(number: int) -> None:
        station = Workstation(open_store(store_path), Actor(user=f"w{number}"))
        try:
            for step in range(rounds):
                while True:
                    current = directory.get_agency(station.uow(), agency.id)
                    marked = replace(current, name=f"{current.name} {number}.{step}")
                    try:
                        directory.save_agency(station.uow(), station.actor, marked,
                                              revision(current))
                        break
                    except ConcurrentEditError:
                        refusals[0] += 1
        except BaseException as error:  # reported below, not lost in the thread
            failures.append(error)
        finally:
            station.store.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    name = directory.get_agency(mine.uow(), agency.id).name
    marks = name.split()[1:]
    assert sorted(marks) == sorted(f"{n}.{s}" for n in range(writers) for s in range(rounds))
    entries = rows(store_path, "SELECT seq FROM audit_event ORDER BY seq")
    assert [e[0] for e in entries] == list(range(1, len(entries) + 1))
    verified = audit.verify(mine.uow())
    assert verified.intact and verified.entries == len(entries)


def test_a_save_waiting_behind_a_long_writer_is_told_so_and_changes_nothing(
        stations: tuple[Workstation, Workstation], store_path: Path | str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An import holds the writer lock for minutes: a user's save waits a while, then says
    why it cannot go on (on SQLite: its busy timeout; on PostgreSQL: USER_WAIT_SECONDS)."""
    from workgroup_app.domain.errors import StoreError
    from workgroup_app.storage import write_lock

    monkeypatch.setattr(write_lock, "USER_WAIT_SECONDS", 0.3)
    mine, theirs = stations
    agency = directory.save_agency(mine.uow(), mine.actor, Agency("УВД"))
    before = dump(store_path)
    long_writer = theirs.uow().__enter__()
    try:
        long_writer.lock_writes(patient=True)  # as an import does
        with pytest.raises(StoreError, match="Another workstation is writing"):
            directory.save_agency(mine.uow(), mine.actor, replace(agency, region="Минская"))
    finally:
        long_writer.__exit__(None, None, None)
    assert dump(store_path) == before
    directory.save_agency(mine.uow(), mine.actor, replace(agency, region="Минская"))
