"""Actions of the generated archive: ``python -m bench.generate … --actions N``.

Most actions come from the decisions of the meetings held in the last ten years (a decision
naming an agency and a deadline gives one action, or several to different agencies when
there are more actions than decisions); the rest (15 %) are entered directly by a region's
prosecutor, some as monthly or quarterly series. Each action gets a life like the demo
office's (``services/demo_actions.py``): reported and accepted — on time, late, after an
extension or a return for rework — cancelled, reassigned, or still open; old ones are rarely
still open, recent ones often. The state columns are what ``action_life.apply`` makes of the
events, so they equal ``derive_tolerant`` over them, as the services would store them.

Rows go in with raw ``sqlite3`` ``executemany`` in large transactions, with the bookkeeping of
``storage/capture.py``: timestamps, origin office, ``text_key``, and one ``sync_change`` row per
row. Creating an action (the action, its co-executors, its creation event) is one HLC tick and
local version, every later event another, and the action's ``updated_at`` clock and version
follow its last event, as when the services append events one by one.
"""

from __future__ import annotations

import random
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import inspect

from bench.store_writer import Group, Writer
from workgroup_app.calendars.country import country_calendar
from workgroup_app.domain import hlc
from workgroup_app.domain.action_life import ActionEvent, ActionState, EventKind, apply
from workgroup_app.domain.actions import RECURRENCE_MONTHS, Recurrence, next_nominal_deadline
from workgroup_app.domain.deadlines import DeadlineRule, WorkCalendar, add_months
from workgroup_app.services import demo_actions as pools
from workgroup_app.services import demo_texts as texts
from workgroup_app.storage import capture, clock_codec
from workgroup_app.storage import models as m
from workgroup_app.storage.text_keys import search_key

YEARS = 10  # actions are assigned over the last ten years
DIRECT_SHARE = 0.15
SERIES_SHARE = 0.01  # of direct actions: heads of monthly or quarterly series
BATCH = 20_000  # actions per transaction
AUTHOR = "admin"
MARKS = (987_654_321_987_654, 987_654_321_987_655)  # stand-ins for stamps in the templates
Due = tuple[date, date]  # a deadline as set (nominal) and moved off days off
ACTION_COLUMNS = (
    "id", "text", "agency_id", "assigned_on", "deadline_rule", "deadline_days", "deadline",
    "nominal_deadline", "official_id", "controller_id", "source", "decision_id", "meeting_id",
    "workgroup_id", "recurrence", "recur_until", "series_id", "occurrence", "status",
    "current_deadline", "current_agency_id", "current_official_id", "extensions",
    "reported_on", "done_on", "text_key", "created_at", "updated_at", "origin_office_id",
    "deleted")
EVENT_COLUMNS = ("id", "action_id", "seq", "kind", "happened_on", "text", "deadline",
                 "agency_id", "person_id", "attachment_name", "attachment_sha256", "author",
                 "created_at", "updated_at", "origin_office_id", "deleted")
CO_COLUMNS = ("id", "action_id", "agency_id", "position", "created_at", "updated_at",
              "origin_office_id", "deleted")


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def _captured(model: type[m.Replicated]) -> list[str]:
    """The columns capture.py stamps: mapped columns minus the derived ones."""
    skip = m.DERIVED_COLUMNS | model.derived_columns
    return [c.key for c in inspect(model).column_attrs if c.key not in skip]


def _template(model: type[m.Replicated], office: str, split_updated: bool = False) -> str:
    """The field_clocks JSON of a new row with MARKS where the stamps go; ``split_updated``:
    ``updated_at`` carries the second (a later event's) stamp, and so does ``deleted``, which
    capture stamps with every edit."""
    clocks = {c: (MARKS[0], office) for c in _captured(model)}
    if split_updated:
        clocks["updated_at"] = (MARKS[1], office)
        clocks["deleted"] = (MARKS[1], office)
    return clock_codec.encode(clocks)


@dataclass(slots=True)
class Slot:
    """An action to make: when, and from which decision (index) or directly (None)."""

    assigned_on: date
    source: int | None
    copy: int = 0  # the n-th action of one decision: 0 goes to the decision's agency
    series: int = 0  # occurrences of a series starting here (0: not a series)
    recurrence: Recurrence = Recurrence.NONE
    until: date | None = None


@dataclass(frozen=True, slots=True)
class Source:
    decision_id: str
    text: str
    agency_id: str
    due: date
    meeting_id: str
    held_on: date
    workgroup_id: str


class ActionMaker:
    def __init__(self, path: Path, writer: Writer, groups: list[Group], today: date,
                 rng: random.Random) -> None:
        self.path, self.writer, self.today, self.rng = path, writer, today, rng
        self.groups = groups
        self.group_of = {g.id: g for g in groups}
        self.cal: WorkCalendar = country_calendar(
            "BY", range(today.year - YEARS - 2, today.year + 3))
        office = writer.office
        self.templates = {"action": _template(m.ActionRow, office),
                          "action+": _template(m.ActionRow, office, split_updated=True),
                          "action_event": _template(m.ActionEventRow, office),
                          "action_co_agency": _template(m.ActionCoAgencyRow, office)}
        self.keys: dict[str, str] = {}
        self.rows: dict[str, list[tuple[Any, ...]]] = {
            "action": [], "action_event": [], "action_co_agency": [], "sync_change": []}
        self.counts = {"action": 0, "action_event": 0, "action_co_agency": 0}
        self.people: dict[str, list[str]] = {}
        self.sources: list[Source] = []
        self.stamp_text = ""

    # -- reading the archive ------------------------------------------------------------------
    def load(self, connection: sqlite3.Connection) -> None:
        for person_id, agency_id in connection.execute(
                "SELECT id, agency_id FROM person WHERE agency_id IS NOT NULL ORDER BY id"):
            self.people.setdefault(agency_id, []).append(person_id)
        since = (self.today - timedelta(days=365 * YEARS)).isoformat()
        interned: dict[str, str] = {}
        for row in connection.execute(
                "SELECT d.id, d.text, d.responsible_agency_id, d.due_date, m.id, m.held_on, "
                "m.workgroup_id FROM decision d JOIN agenda_item i ON i.id = d.agenda_item_id "
                "JOIN meeting m ON m.id = i.meeting_id WHERE d.responsible_agency_id IS NOT "
                "NULL AND d.due_date IS NOT NULL AND m.status = 'held' AND m.held_on >= ? "
                "AND m.held_on < ? AND d.deleted = 0 ORDER BY m.held_on, d.id",
                (since, self.today.isoformat())):
            text = interned.setdefault(row[1], row[1])
            self.sources.append(Source(row[0], text, row[2], date.fromisoformat(row[3]), row[4],
                                       date.fromisoformat(row[5]), row[6]))

    def slots(self, total: int) -> list[Slot]:
        """``total`` actions, from decisions and direct, in the order they were assigned."""
        rng, sources = self.rng, self.sources
        direct = total if not sources else round(total * DIRECT_SHARE)
        from_decisions = total - direct
        copies = [0] * len(sources)
        if from_decisions <= len(sources):
            for index in rng.sample(range(len(sources)), from_decisions):
                copies[index] = 1
        else:
            base, extra = divmod(from_decisions, len(sources))
            copies = [base] * len(sources)
            for index in rng.sample(range(len(sources)), extra):
                copies[index] += 1
        slots = [Slot(sources[i].held_on, i, c) for i, n in enumerate(copies) for c in range(n)]
        first = self.today - timedelta(days=365 * YEARS)
        while direct > 0:
            slot = Slot(first + timedelta(days=rng.randrange((self.today - first).days)), None)
            if rng.random() < SERIES_SHARE:
                slot.recurrence = Recurrence.MONTHLY if rng.random() < 0.34 \
                    else Recurrence.QUARTERLY
                slot.until = slot.assigned_on + timedelta(days=rng.choice((730, 1095, 1825)))
                slot.series = len(self.series_deadlines(slot))
                if slot.series > direct:
                    slot.series, slot.recurrence, slot.until = 0, Recurrence.NONE, None
            slots.append(slot)
            direct -= max(1, slot.series)
        slots.sort(key=lambda s: s.assigned_on)
        return slots

    def series_deadlines(self, slot: Slot) -> list[Due]:
        """The (nominal, working-day) deadlines of a series' occurrences up to the current
        one: each one before today is accepted and makes the next, as
        ``services.actions.accept`` does, counting from the first nominal deadline."""
        assert slot.until is not None
        first = add_months(slot.assigned_on, RECURRENCE_MONTHS[slot.recurrence])
        deadlines = [(first, self.cal.roll_forward(first))]
        while deadlines[-1][1] < self.today:
            nominal = next_nominal_deadline(first, slot.recurrence, len(deadlines))
            if nominal > slot.until:
                break
            deadlines.append((nominal, self.cal.roll_forward(nominal)))
        return deadlines

    # -- one action -----------------------------------------------------------------------------
    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def tick(self) -> tuple[int, int]:
        w = self.writer
        w.stamp = hlc.tick(w.stamp, self.now_ms)
        w.version += 1
        return w.stamp, w.version

    def make(self, slot: Slot) -> None:
        rng = self.rng
        if slot.source is not None:
            src = self.sources[slot.source]
            group = self.group_of[src.workgroup_id]
            agency = src.agency_id if slot.copy == 0 else rng.choice(
                [a for a in group.agency_ids.values() if a != src.agency_id])
            controller = group.secretary.person_id if rng.random() < 0.8 \
                else group.chair.person_id
            self.action(src.text, agency, slot.assigned_on, DeadlineRule.FIXED_DATE, 0,
                        (src.due, self.cal.roll_forward(src.due)), controller, group, "decision",
                        (src.decision_id, src.meeting_id, src.workgroup_id))
            return
        group = rng.choice(self.groups)
        key, wording = rng.choice(rng.choice(group.theme.topics).decisions)
        text = texts.compose_decision(key, wording, False, group.forms)
        rule, days, due = self.direct_deadline(slot.assigned_on)
        if not slot.series:
            self.action(text, group.agency_ids[key], slot.assigned_on, rule, days, due,
                        group.chair.person_id, group, "direct", (None, None, None))
            return
        assert slot.until is not None
        series_id, assigned = "", slot.assigned_on
        deadlines = self.series_deadlines(slot)
        for occurrence, due in enumerate(deadlines, start=1):
            current = occurrence == len(deadlines)
            action_id, accepted_on = self.action(
                text, group.agency_ids[key], assigned, DeadlineRule.FIXED_DATE, 0, due,
                group.chair.person_id, group, "direct", (None, None, None),
                series=(slot.recurrence, slot.until, series_id, occurrence),
                settled=not current, last_of_series=current and due[1] >= self.today)
            series_id = series_id or action_id
            assigned = accepted_on  # the next occurrence is made when this one is accepted

    def direct_deadline(self, start: date) -> tuple[DeadlineRule, int, Due]:
        """A rule, its days and the (nominal, working-day) deadline, as ``create_action``
        computes them (``deadlines.nominal_deadline``; working days have no other)."""
        roll = self.rng.random()
        if roll < 0.9 and roll >= 0.7:
            days = self.rng.choice((5, 10, 20))
            deadline = self.cal.add_working_days(start, days)
            return DeadlineRule.WORKING_DAYS, days, (deadline, deadline)
        if roll < 0.5:
            rule, days = DeadlineRule.FIXED_DATE, 0
            nominal = start + timedelta(days=self.rng.choice((14, 30, 45, 60)))
        elif roll < 0.7:
            rule, days = DeadlineRule.CALENDAR_DAYS, self.rng.choice((10, 15, 30))
            nominal = start + timedelta(days=days)
        else:
            rule, days, nominal = DeadlineRule.ONE_MONTH, 0, add_months(start, 1)
        return rule, days, (nominal, self.cal.roll_forward(nominal))

    def action(self, text: str, agency: str, assigned: date, rule: DeadlineRule, days: int,
               due: Due, controller: str, group: Group, source: str,
               links: tuple[str | None, str | None, str | None],
               series: tuple[Recurrence, date, str, int] | None = None,
               settled: bool = False, last_of_series: bool = False) -> tuple[str, date]:
        """Write one action and its life; returns its id and the day of its last event."""
        rng, now = self.rng, self.stamp_text
        nominal, deadline = due
        action_id = self.new_id()
        staff = self.people.get(agency)
        official = rng.choice(staff) if staff else None
        stamp, version = self.tick()
        sync = self.rows["sync_change"]
        if rng.random() < 0.1:
            co = rng.choice(list(group.agency_ids.values()))
            if co != agency:
                co_id = self.new_id()
                self.rows["action_co_agency"].append((co_id, action_id, co, 0, now, now,
                                                      self.writer.office, 0))
                self.counts["action_co_agency"] += 1
                sync.append(("action_co_agency", co_id, version, self._clocks(
                    "action_co_agency", stamp)))
        created = ActionEvent(EventKind.CREATED, assigned, deadline=deadline, agency_id=agency,
                              author=AUTHOR, id=self.new_id())
        state = apply(None, created)
        events = [created]
        life = Life(self, assigned, group, controller, agency, settled, last_of_series)
        current_official = official
        for event in life.events(state):
            state = apply(state, event)
            events.append(event)
            if event.kind == EventKind.REASSIGNED:  # the official follows the handover
                current_official = event.person_id
        last = (stamp, version)
        for seq, event in enumerate(events):
            if seq:
                last = self.tick()
            self.rows["action_event"].append((
                event.id, action_id, seq, event.kind.value, event.on.isoformat(), event.text,
                _iso(event.deadline), event.agency_id, event.person_id, "", "", AUTHOR, now, now,
                self.writer.office, 0))
            sync.append(("action_event", event.id, last[1], self._clocks("action_event",
                                                                          last[0])))
        recurrence, until, series_id, occurrence = series or (Recurrence.NONE, None, None, 1)
        key = self.keys.get(text)
        if key is None:
            key = self.keys[text] = search_key(text)
        decision_id, meeting_id, workgroup_id = links
        self.rows["action"].append((
            action_id, text, agency, assigned.isoformat(), rule.value, days,
            deadline.isoformat(), nominal.isoformat(), official, controller, source,
            decision_id, meeting_id,
            workgroup_id, recurrence.value, _iso(until), series_id or (
                action_id if series else None), occurrence, state.status.value,
            state.deadline.isoformat(), state.agency_id, current_official, state.extensions,
            _iso(state.reported_on), _iso(state.done_on), key, now, now, self.writer.office, 0))
        template = "action+" if len(events) > 1 else "action"
        sync.append(("action", action_id, last[1], self._clocks(template, stamp, last[0])))
        self.counts["action"] += 1
        self.counts["action_event"] += len(events)
        return action_id, events[-1].on

    def _clocks(self, template: str, stamp: int, later: int = 0) -> str:
        payload = self.templates[template].replace(str(MARKS[0]), str(stamp))
        return payload.replace(str(MARKS[1]), str(later)) if later else payload

    # -- writing --------------------------------------------------------------------------------
    def run(self, total: int, progress: Callable[[int], None] | None = None) -> dict[str, int]:
        connection = sqlite3.connect(self.path, isolation_level=None)
        try:
            for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-1048576",
                           "temp_store=MEMORY"):
                connection.execute(f"PRAGMA {pragma}")
            self.load(connection)
            slots = self.slots(total)
            self._restamp()
            for number, slot in enumerate(slots, start=1):
                self.make(slot)
                if number % BATCH == 0:
                    self.flush(connection)
                    if progress:
                        progress(self.counts["action"])
            self.flush(connection)  # no ANALYZE: the app's stores have no statistics either
        finally:
            connection.close()
        for table, count in self.counts.items():
            self.writer.counts.add(table, count)
        return dict(self.counts)

    def _restamp(self) -> None:
        now = datetime.now(UTC)
        self.now_ms = int(now.timestamp() * 1000)
        self.stamp_text = now.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")

    def flush(self, connection: sqlite3.Connection) -> None:
        connection.execute("BEGIN")
        for table, columns in (("action", ACTION_COLUMNS), ("action_co_agency", CO_COLUMNS),
                               ("action_event", EVENT_COLUMNS)):
            connection.executemany(_insert(table, columns), self.rows[table])
        connection.executemany(_insert("sync_change", ("table_name", "row_id", "local_version",
                                                       "field_clocks")),
                               self.rows["sync_change"])
        for key, value in ((capture.HLC_KEY, self.writer.stamp),
                           (capture.VERSION_KEY, self.writer.version)):
            connection.execute("UPDATE local_state SET value = ? WHERE key = ?",
                               (str(value), key))
        connection.execute("COMMIT")
        for rows in self.rows.values():
            rows.clear()
        self._restamp()


class Life:
    """What happens to one action after it is assigned, up to today: the events in order."""

    def __init__(self, maker: ActionMaker, assigned: date, group: Group, controller: str,
                 agency: str, settled: bool, last_of_series: bool) -> None:
        self.maker, self.rng, self.today = maker, maker.rng, maker.today
        self.cal, self.group, self.controller, self.agency = maker.cal, group, controller, agency
        self.last, self.settled = assigned, settled
        self.may_accept_early = not last_of_series  # accepting it would make the next one

    def between(self, low: date, high: date) -> date:
        """A day from ``low`` to ``high``, not before the last event nor after today."""
        low, high = max(low, self.last), min(high, self.today)
        day = low if high <= low else low + timedelta(days=self.rng.randint(0, (high - low).days))
        self.last = min(day, self.today)
        return self.last

    def event(self, kind: EventKind, on: date, text: str = "", deadline: date | None = None,
              agency: str | None = None, person: str | None = None) -> ActionEvent:
        return ActionEvent(kind, on, text, deadline, agency, person, author=AUTHOR,
                           id=self.maker.new_id())

    def events(self, state: ActionState) -> Iterator[ActionEvent]:
        rng, today, deadline = self.rng, self.today, state.deadline
        if self.last >= today:
            return
        if self.settled:  # an earlier occurrence of a series: reported on time and accepted
            yield from self.done(deadline, late=False)
            return
        if rng.random() < 0.015:
            yield self.event(EventKind.CANCELLED, self.between(
                self.last + timedelta(days=3), deadline), rng.choice(pools.CANCEL_REASONS))
            return
        if rng.random() < 0.01 and self.last < deadline:
            agency = rng.choice(list(self.group.agency_ids.values()))
            if agency != self.agency:
                staff = self.maker.people.get(agency)
                yield self.event(EventKind.REASSIGNED, self.between(
                    self.last + timedelta(days=1), deadline - timedelta(days=1)),
                    "Передано по компетенции.", agency=agency,
                    person=rng.choice(staff) if staff else None)
        if deadline >= today:
            yield from self.future(deadline)
            return
        age = (today - deadline).days
        chance = 0.30 if age <= 30 else 0.15 if age <= 90 else 0.08 if age <= 365 else 0.04
        yield from self.overdue(deadline, age) if rng.random() < chance else \
            self.done(deadline, late=rng.random() < 0.2)

    def report(self, on: date) -> ActionEvent:
        return self.event(EventKind.REPORTED, on, pools.report_text(self.rng))

    def extend(self, deadline: date, new: date) -> ActionEvent:
        reason = self.rng.choice(pools.EXTEND_REASONS)
        return self.event(EventKind.EXTENDED, self.between(deadline - timedelta(days=7),
                                                           deadline), reason, new,
                          person=self.controller)

    def done(self, deadline: date, late: bool) -> Iterator[ActionEvent]:
        rng, today = self.rng, self.today
        roll = rng.random()
        if not self.settled and roll < 0.12 and deadline + timedelta(days=75) < today:
            for _step in range(1 + (roll < 0.04)):
                new = self.cal.roll_forward(deadline + timedelta(days=rng.choice((14, 21, 30))))
                yield self.extend(deadline, new)
                deadline = new
        elif not self.settled and roll < 0.18 and deadline + timedelta(days=40) < today:
            yield self.report(self.between(deadline - timedelta(days=12),
                                           deadline - timedelta(days=2)))
            returned = self.between(self.last + timedelta(days=1), self.last + timedelta(days=5))
            deadline = self.cal.roll_forward(max(deadline, returned) + timedelta(days=14))
            yield self.event(EventKind.RETURNED, returned, rng.choice(pools.RETURN_REASONS),
                             deadline)
        if rng.random() < 0.05:
            yield self.event(EventKind.COMMENT, self.between(self.last, deadline),
                             rng.choice(pools.COMMENTS))
        if late and deadline + timedelta(days=3) < today:
            yield self.report(self.between(deadline + timedelta(days=2),
                                           min(deadline + timedelta(days=40),
                                               today - timedelta(days=1))))
        else:
            yield self.report(self.between(max(self.last + timedelta(days=1),
                                               deadline - timedelta(days=12)),
                                           min(deadline, today - timedelta(days=1))))
        yield self.event(EventKind.ACCEPTED, self.between(self.last,
                                                          self.last + timedelta(days=4)))

    def overdue(self, deadline: date, age: int) -> Iterator[ActionEvent]:
        """Still open or reported after the deadline, sometimes after an extension."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.15 and age > 20:
            new = self.cal.roll_forward(deadline + timedelta(days=rng.randint(5, age - 10)))
            if deadline < new < self.today:
                yield self.extend(deadline, new)
                deadline = new
        if rng.random() < 0.15:
            yield self.event(EventKind.COMMENT, self.between(self.last, self.today),
                             rng.choice(pools.COMMENTS))
        roll = rng.random()
        if roll < 0.2:
            yield self.report(self.between(deadline + timedelta(days=1), self.today))
        elif roll < 0.3 and deadline - timedelta(days=4) > self.last:
            yield self.report(self.between(self.last + timedelta(days=1),
                                           deadline - timedelta(days=4)))
            yield self.event(EventKind.RETURNED, self.between(
                self.last + timedelta(days=1), self.last + timedelta(days=3)),
                rng.choice(pools.RETURN_REASONS))

    def future(self, deadline: date) -> Iterator[ActionEvent]:
        """Not yet due: awaiting acceptance, done early, extended, or simply open."""
        rng, today = self.rng, self.today
        roll = rng.random()
        if roll < 0.10:
            yield self.report(self.between(self.last + timedelta(days=1), today))
        elif roll < 0.22 and self.last + timedelta(days=5) < today and self.may_accept_early:
            yield self.report(self.between(self.last + timedelta(days=3),
                                           today - timedelta(days=1)))
            yield self.event(EventKind.ACCEPTED, self.between(self.last, today))
        elif roll < 0.26:
            yield self.extend(deadline, self.cal.roll_forward(deadline + timedelta(days=30)))
        elif roll < 0.31:
            yield self.event(EventKind.COMMENT, self.between(self.last, today),
                             rng.choice(pools.COMMENTS))


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()
