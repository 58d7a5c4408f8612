"""Convergence of the exchange between offices (issue 6, DESIGN §5), as a Hypothesis state
machine: three or four offices edit the directory, the calendar and actions on their own —
the same field of a record at two offices, different fields, deletes and re-creations, events
appended to one action at several offices — and pass bundles on sticks that may be lost,
imported twice, delivered late or out of order, or carried to the wrong office. No step may
fail with anything but a refusal of the services' rules, and no bundle may be refused. At the
end every office exchanges with every other until nothing moves, and then every office holds
the same replicated data: the same rows (derived columns too), the same field clocks, the
same files.

`make test` runs a few examples (``WORKGROUP_SYNC_EXAMPLES``, 8 by default; 300 with
``HYPOTHESIS_PROFILE=long``). For a long run before the issue is resolved:

    WORKGROUP_SYNC_EXAMPLES=2000 WORKGROUP_SYNC_STEPS=40 .venv/bin/python -m pytest \\
        tests/integration/test_sync_convergence.py

(about 1 s per example of 15 steps).
"""

from __future__ import annotations

import itertools
import os
import shutil
import sys
import tempfile
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    precondition,
    rule,
    run_state_machine_as_test,
)

from tests.databases import DATABASES, admin_url
from tests.sync_support import Office, introduce, make_office, replicated_dump
from workgroup_app.domain.actions import Action
from workgroup_app.domain.actor import LOCAL_ADMIN
from workgroup_app.domain.entities import Agency, Person, Workgroup, WorkgroupMember
from workgroup_app.domain.enums import AgencyKind
from workgroup_app.domain.errors import ConflictError, NotFoundError, ValidationError
from workgroup_app.domain.sync import BundleOutcome, Outcome
from workgroup_app.services import actions, directory, workdays, workgroups

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
EXAMPLES = int(os.environ.get("WORKGROUP_SYNC_EXAMPLES", "300" if LONG else "8"))
STEPS = int(os.environ.get("WORKGROUP_SYNC_STEPS", "15"))
ACTOR = LOCAL_ADMIN
NAMES = ("Alpha", "Bravo", "Charlie", "Delta")
# What the services may refuse by their rules; anything else escaping a step is a bug.
RULE_ERRORS = (ValidationError, NotFoundError, ConflictError)
SETTLED = (Outcome.APPLIED, Outcome.REPLAY, Outcome.QUARANTINED)
MAX_ROUNDS = 6
TODAY = date.today()
ASSIGNED = TODAY - timedelta(days=60)
DAYS = [date(2031, 3, 3) + timedelta(days=i) for i in range(3)]  # calendar entries

words = st.sampled_from(["north", "south", "east", "west", "river", "hill", "port", "field"])
offices_ = st.integers(0, 3)  # taken modulo the number of offices


class Exchange(RuleBasedStateMachine):
    # Where the first office keeps its store (the others: SQLite files); see the test below.
    first_database = "sqlite"

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="wg-converge-"))
        self.offices: list[Office] = []
        self.pending: list[list[Path]] = []  # per recipient: bundles on its stick
        self.delivered: list[list[Path]] = []  # per recipient: bundles it has imported
        self.agencies: list[str] = []
        self.people: list[str] = []
        self.groups: list[str] = []
        self.actions: list[str] = []
        self.deleted: dict[str, object] = {}  # id -> the record as it was, to re-create
        self.counter = itertools.count(1)

    # ---- helpers -----------------------------------------------------------------------

    def office(self, index: int) -> Office:
        return self.offices[index % len(self.offices)]

    def other(self, index: int, shift: int) -> Office:
        """Another office than ``office(index)``."""
        count = len(self.offices)
        return self.offices[(index + 1 + shift % (count - 1)) % count]

    def send(self, sender: Office, to: list[Office]) -> None:
        drive = self.root / "drives" / str(next(self.counter))
        for result in sender.export(drive, to=to):
            recipient = [o.site for o in self.offices].index(result.site_id)
            stick = self.root / "sticks" / str(recipient)
            stick.mkdir(parents=True, exist_ok=True)
            kept = stick / Path(result.path).name
            shutil.move(result.path, kept)
            self.pending[recipient].append(kept)

    def check(self, outcomes: list[BundleOutcome]) -> list[BundleOutcome]:
        for outcome in outcomes:
            assert outcome.outcome in SETTLED, (outcome.outcome, outcome.message)
            event(f"bundle {outcome.outcome.value}")
            if outcome.conflicts:
                event("bundle with conflicts")
        return outcomes

    def receive(self, recipient: int, bundle: Path) -> None:
        self.check(self.offices[recipient].import_(bundle))
        self.pending[recipient].remove(bundle)
        archive = self.root / "archive" / str(recipient)
        archive.mkdir(parents=True, exist_ok=True)
        kept = archive / bundle.name
        shutil.move(bundle, kept)
        self.delivered[recipient].append(kept)

    # ---- setup -------------------------------------------------------------------------

    @initialize(count=st.integers(3, 4))
    def setup(self, count: int) -> None:
        self.offices = [make_office(self.root / name, name,
                                    self.first_database if n == 0 else "sqlite")
                        for n, name in enumerate(NAMES[:count])]
        introduce(*self.offices)
        self.pending = [[] for _ in self.offices]
        self.delivered = [[] for _ in self.offices]
        # Records every office has, so the first steps can already edit them concurrently.
        first = self.offices[0]
        for name in ("Ministry of Works", "Regional Council"):
            self.agencies.append(directory.save_agency(first.uow(), ACTOR,
                                                       Agency(name, name[:8])).id)
        for name, agency in (("Anna Ivanova", self.agencies[0]), ("Boris Petrov", None)):
            self.people.append(directory.save_person(first.uow(), ACTOR,
                                                     Person(name, agency_id=agency)).id)
        self.groups.append(workgroups.save_workgroup(first.uow(), ACTOR, Workgroup(
            "Roads", members=[WorkgroupMember(self.people[1])])).id)
        self.actions.append(actions.create_action(first.uow(), ACTOR, Action(
            "Repair the bridge", self.agencies[1], ASSIGNED,
            deadline=TODAY + timedelta(days=10))).id)
        workdays.set_override(first.uow(), ACTOR, DAYS[0], "day_off", "holiday")
        self.send(first, self.offices[1:])
        for index in range(1, count):
            for bundle in list(self.pending[index]):
                self.receive(index, bundle)

    def teardown(self) -> None:
        try:
            # The final exchange, unless a step failed already (its error is the finding).
            if self.offices and sys.exc_info()[0] is None:
                self.converge()
        finally:
            for office in self.offices:
                office.close()
            shutil.rmtree(self.root, ignore_errors=True)

    def converge(self) -> None:
        """Every office sends to every other, and imports what it got, until no bundle
        carries a record; then all hold the same."""
        for _round in range(MAX_ROUNDS):
            moved = 0
            drive = self.root / "final" / str(next(self.counter))
            for office in self.offices:
                moved += sum(r.rows for r in office.export(drive))
            for office in self.offices:
                self.check(office.import_(drive))
            if not moved:
                break
        else:
            raise AssertionError(f"the exchange still moves records after {MAX_ROUNDS} rounds")
        dumps = [replicated_dump(o.target, audit=True) for o in self.offices]
        for office, other in zip(self.offices[1:], dumps[1:], strict=True):
            for table in dumps[0]:
                assert other[table] == dumps[0][table], (
                    f"{office.name} differs from {self.offices[0].name} in {table}")

    # ---- directory ---------------------------------------------------------------------

    @rule(at=offices_, name=words)
    def create_agency(self, at: int, name: str) -> None:
        agency = Agency(f"{name.title()} agency {next(self.counter)}", name)
        self.agencies.append(directory.save_agency(self.office(at).uow(), ACTOR, agency).id)

    @rule(at=offices_, name=words, data=st.data())
    def create_person(self, at: int, name: str, data: st.DataObject) -> None:
        agency = data.draw(st.none() | st.sampled_from(self.agencies))
        try:
            person = directory.save_person(self.office(at).uow(), ACTOR, Person(
                f"{name.title()} {next(self.counter)}", agency_id=agency))
        except RULE_ERRORS:
            return
        self.people.append(person.id)

    @rule(at=offices_, name=words, data=st.data())
    def create_workgroup(self, at: int, name: str, data: st.DataObject) -> None:
        members = data.draw(st.lists(st.sampled_from(self.people), max_size=2, unique=True))
        try:
            group = workgroups.save_workgroup(self.office(at).uow(), ACTOR, Workgroup(
                f"{name.title()} group", members=[WorkgroupMember(p) for p in members]))
        except RULE_ERRORS:
            return
        self.groups.append(group.id)

    def edit(self, office: Office, kind: str, record_id: str, field: str, value: str) -> None:
        uow = office.uow()
        try:
            if kind == "agency":
                agency = directory.get_agency(uow, record_id)
                directory.save_agency(office.uow(), ACTOR, replace(agency, **{field: value}))
            elif kind == "person":
                person = directory.get_person(uow, record_id)
                directory.save_person(office.uow(), ACTOR, replace(person, **{field: value}))
            else:
                group = workgroups.get_workgroup(uow, record_id)
                workgroups.save_workgroup(office.uow(), ACTOR, replace(group, **{field: value}))
        except RULE_ERRORS:
            pass

    FIELDS = {"agency": ["name", "short_name", "region", "kind"],
              "person": ["full_name", "position", "phone", "agency_id"],
              "workgroup": ["name", "region", "legal_basis"]}

    def field(self, data: st.DataObject, kind: str) -> tuple[str, str, str]:
        """A record of ``kind``, one of its fields and a new value for it."""
        records = {"agency": self.agencies, "person": self.people, "workgroup": self.groups}
        record = data.draw(st.sampled_from(records[kind]))
        field = data.draw(st.sampled_from(self.FIELDS[kind]))
        return record, field, self.value(data, field)

    def value(self, data: st.DataObject, field: str) -> str:
        if field == "kind":
            return data.draw(st.sampled_from([k.value for k in AgencyKind]))
        if field == "agency_id":
            return data.draw(st.sampled_from(self.agencies))
        return f"{data.draw(words)} {next(self.counter)}"

    @rule(at=offices_, kind=st.sampled_from(["agency", "person", "workgroup"]),
          data=st.data())
    def edit_record(self, at: int, kind: str, data: st.DataObject) -> None:
        self.edit(self.office(at), kind, *self.field(data, kind))

    @rule(at=offices_, shift=st.integers(0, 2),
          kind=st.sampled_from(["agency", "person", "workgroup"]), same_field=st.booleans(),
          data=st.data())
    def concurrent_edits(self, at: int, shift: int, kind: str, same_field: bool,
                         data: st.DataObject) -> None:
        """Two offices edit one record before either hears of the other's edit."""
        record, field, value = self.field(data, kind)
        self.edit(self.office(at), kind, record, field, value)
        if same_field:
            self.edit(self.other(at, shift), kind, record, field, self.value(data, field))
        else:
            _, other_field, other_value = self.field(data, kind)
            self.edit(self.other(at, shift), kind, record, other_field, other_value)

    @rule(at=offices_, member=st.booleans(), data=st.data())
    def change_members(self, at: int, member: bool, data: st.DataObject) -> None:
        office = self.office(at)
        group_id = data.draw(st.sampled_from(self.groups))
        try:
            group = workgroups.get_workgroup(office.uow(), group_id)
            if member or not group.members:
                person = data.draw(st.sampled_from(self.people))
                members = [*group.members, WorkgroupMember(person)]
            else:
                members = group.members[1:]
            workgroups.save_workgroup(office.uow(), ACTOR, replace(group, members=members))
        except RULE_ERRORS:
            pass

    @rule(at=offices_, kind=st.sampled_from(["agency", "person", "workgroup"]),
          data=st.data())
    def delete_record(self, at: int, kind: str, data: st.DataObject) -> None:
        office = self.office(at)
        uow = office.uow()
        try:
            if kind == "agency":
                record_id = data.draw(st.sampled_from(self.agencies))
                record: object = directory.get_agency(uow, record_id)
                directory.delete_agency(office.uow(), ACTOR, record_id)
            elif kind == "person":
                record_id = data.draw(st.sampled_from(self.people))
                record = directory.get_person(uow, record_id)
                directory.delete_person(office.uow(), ACTOR, record_id)
            else:
                record_id = data.draw(st.sampled_from(self.groups))
                record = workgroups.get_workgroup(uow, record_id)
                workgroups.delete_workgroup(office.uow(), ACTOR, record_id)
        except RULE_ERRORS:
            return
        self.deleted[record_id] = record

    @precondition(lambda self: bool(self.deleted))
    @rule(at=offices_, data=st.data())
    def recreate(self, at: int, data: st.DataObject) -> None:
        """Save a deleted record again under its id (here it may be deleted or not yet)."""
        office = self.office(at)
        record = self.deleted[data.draw(st.sampled_from(sorted(self.deleted)))]
        try:
            if isinstance(record, Agency):
                directory.save_agency(office.uow(), ACTOR, record)
            elif isinstance(record, Person):
                directory.save_person(office.uow(), ACTOR, record)
            else:
                assert isinstance(record, Workgroup)
                workgroups.save_workgroup(office.uow(), ACTOR, record)
        except RULE_ERRORS:
            pass

    # ---- calendar ----------------------------------------------------------------------

    @rule(at=offices_, day=st.sampled_from(DAYS),
          kind=st.sampled_from(["day_off", "working_day"]), note=words)
    def set_day(self, at: int, day: date, kind: str, note: str) -> None:
        workdays.set_override(self.office(at).uow(), ACTOR, day, kind, note)

    @rule(at=offices_, data=st.data())
    def remove_day(self, at: int, data: st.DataObject) -> None:
        office = self.office(at)
        entries = workdays.list_overrides(office.uow())
        if entries:
            entry = data.draw(st.sampled_from(entries))
            workdays.remove_override(office.uow(), ACTOR, entry.id)

    # ---- actions -----------------------------------------------------------------------

    @rule(at=offices_, data=st.data())
    def create_action(self, at: int, data: st.DataObject) -> None:
        agency = data.draw(st.sampled_from(self.agencies))
        days = data.draw(st.integers(1, 30))
        try:
            action = actions.create_action(self.office(at).uow(), ACTOR, Action(
                f"Task {next(self.counter)}", agency, ASSIGNED,
                deadline=TODAY + timedelta(days=days)))
        except RULE_ERRORS:
            return
        self.actions.append(action.id)

    @rule(at=offices_, event=st.sampled_from(["report", "accept", "return", "extend",
                                              "comment"]),
          ago=st.integers(0, 30), attach=st.booleans(), data=st.data())
    def action_event(self, at: int, event: str, ago: int, attach: bool,
                     data: st.DataObject) -> None:
        office = self.office(at)
        action_id = data.draw(st.sampled_from(self.actions))
        on = TODAY - timedelta(days=ago)
        uow = office.uow()
        try:
            if event == "report":
                attachment = None
                if attach:
                    attachment = self.root / f"report-{next(self.counter)}.txt"
                    attachment.write_text(f"report {attachment.name}", encoding="utf-8")
                actions.report(uow, ACTOR, action_id, f"done {ago}", on, attachment)
            elif event == "accept":
                actions.accept(uow, ACTOR, action_id, on)
            elif event == "return":
                actions.return_for_rework(uow, ACTOR, action_id, "redo", on)
            elif event == "extend":
                actions.extend(uow, ACTOR, action_id, TODAY + timedelta(days=40 + ago),
                               "more time", on)
            else:
                actions.comment(uow, ACTOR, action_id, f"note {next(self.counter)}", on)
        except RULE_ERRORS:
            pass

    # ---- sticks ------------------------------------------------------------------------

    @rule(at=offices_, data=st.data())
    def export(self, at: int, data: st.DataObject) -> None:
        sender = self.office(at)
        others = [o for o in self.offices if o is not sender]
        to = data.draw(st.lists(st.sampled_from(others), min_size=1, unique_by=id))
        self.send(sender, to)

    @precondition(lambda self: any(self.pending))
    @rule(data=st.data())
    def deliver_one(self, data: st.DataObject) -> None:
        """One bundle of a stick, maybe not the oldest (a later one may have come first)."""
        recipient = data.draw(st.sampled_from([i for i, p in enumerate(self.pending) if p]))
        self.receive(recipient, data.draw(st.sampled_from(self.pending[recipient])))

    @precondition(lambda self: any(self.pending))
    @rule(data=st.data())
    def deliver_stick(self, data: st.DataObject) -> None:
        """The whole stick at once: its bundles in each sender's order."""
        recipient = data.draw(st.sampled_from([i for i, p in enumerate(self.pending) if p]))
        self.check(self.offices[recipient].import_(self.root / "sticks" / str(recipient)))
        for bundle in list(self.pending[recipient]):
            archive = self.root / "archive" / str(recipient)
            archive.mkdir(parents=True, exist_ok=True)
            shutil.move(bundle, archive / bundle.name)
            self.delivered[recipient].append(archive / bundle.name)
        self.pending[recipient] = []

    @precondition(lambda self: any(self.pending))
    @rule(data=st.data())
    def lose(self, data: st.DataObject) -> None:
        recipient = data.draw(st.sampled_from([i for i, p in enumerate(self.pending) if p]))
        bundle = data.draw(st.sampled_from(self.pending[recipient]))
        bundle.unlink()
        self.pending[recipient].remove(bundle)

    @precondition(lambda self: any(self.delivered))
    @rule(data=st.data())
    def deliver_again(self, data: st.DataObject) -> None:
        """A bundle imported before, again (a copy left on a stick, or an old stick found)."""
        recipient = data.draw(st.sampled_from([i for i, d in enumerate(self.delivered) if d]))
        bundle = data.draw(st.sampled_from(self.delivered[recipient]))
        outcomes = self.check(self.offices[recipient].import_(bundle))
        assert all(o.outcome != Outcome.APPLIED or not (o.new or o.changed)
                   for o in outcomes), outcomes

    @precondition(lambda self: any(self.pending))
    @rule(at=offices_, data=st.data())
    def wrong_office(self, at: int, data: st.DataObject) -> None:
        """A stick carried through another office: the bundles for others are left alone."""
        office = self.office(at)
        index = self.offices.index(office)
        sticks = [i for i, p in enumerate(self.pending) if p and i != index]
        if not sticks:
            return
        stick = self.root / "sticks" / str(data.draw(st.sampled_from(sticks)))
        before = replicated_dump(office.target)
        assert office.import_(stick) == []
        assert replicated_dump(office.target) == before


class ExchangeWithServer(Exchange):
    """The same, with the first office on PostgreSQL (an office server, issue 8)."""

    first_database = "postgresql"


@pytest.mark.timeout(0 if LONG or EXAMPLES > 50 else 300)
@pytest.mark.parametrize("first", DATABASES)
def test_offices_converge_whatever_the_sticks_do(first: str) -> None:
    if first == "postgresql":
        admin_url()  # skips (or fails where required) without a server
    machine = ExchangeWithServer if first == "postgresql" else Exchange
    run_state_machine_as_test(machine, settings=settings(
        max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]))
