"""The demo office: a regional prosecutor's office of Гродненская область with its partner
agencies, two interagency workgroups and a year of meetings, written in Russian officialese.

Everything goes through the services, so validation and change capture apply as for any user.
The content is deterministic: one ``random.Random`` and dates counted from ``today``.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from ..domain.actor import Actor
from ..domain.entities import (
    Agency,
    AgendaItem,
    Attendee,
    Decision,
    Meeting,
    Person,
    Speech,
    Workgroup,
    WorkgroupMember,
)
from ..domain.enums import AttendeeKind, MeetingStatus, MemberRole, SpeechSection
from ..domain.errors import ValidationError
from ..domain.messages import N_
from ..domain.rules import decision_number
from ..domain.views import ListQuery
from . import demo_texts as t
from . import directory, meetings, workgroups
from .demo_actions import seed_actions
from .demo_findings import seed_findings
from .demo_minutes import seed_minutes
from .demo_texts import (
    compose_decision,
    compose_heard,
    compose_spoke,
    fill,
    meeting_day,
    working_day,
)
from .ports import UnitOfWork

SEED = 2024
AGENCY = t.AGENCY
PERSON = t.PERSON
START_TIMES = (time(10, 0), time(10, 0), time(11, 0), time(14, 30), time(15, 0))
# Days before today of the held meetings, and after today of the planned one, per theme.
HELD_DAYS = {"drugs": (350, 300, 245, 190, 130, 75, 20), "juvenile": (330, 260, 180, 110, 45)}
PLANNED_DAYS = {"drugs": 12, "juvenile": 26}
ESTABLISHED_DAYS = {"drugs": 880, "juvenile": 470}
ROTATION_DAYS = 210  # the drug group's border service member changed this many days ago
DUE_DAYS = (30, 30, 45, 60, 60, 90, 120)
STANDING = ("обеспечить", "усилить", "проводить", "продолжить")  # may be "на постоянной основе"

# ---- the builder --------------------------------------------------------------------------

@dataclass
class _Held:
    """What the next meeting's control item needs to know about the previous one."""

    number: int
    held_on: date
    actions: list[tuple[str, str, date]]  # (decision number, agency key, due date)


@dataclass
class _Roll:
    """The attendance of one meeting, by person key."""

    lines: list[Attendee]
    key_of: Mapping[str, str]
    present: list[str] = field(default_factory=list)
    listed: set[str] = field(default_factory=set)

    def refresh(self) -> None:
        self.present, self.listed = [], set()
        for line in self.lines:
            for person_id in (line.person_id, line.substitute_id):
                if person_id:
                    self.listed.add(self.key_of[person_id])
            if line.present and line.person_id:
                self.present.append(self.key_of[line.person_id])
            elif line.substitute_id:
                self.present.append(self.key_of[line.substitute_id])


class DemoBuilder:
    def __init__(self, uow_factory: Callable[[], UnitOfWork], actor: Actor, today: date,
                 rng: random.Random) -> None:
        self.uow, self.actor, self.today, self.rng = uow_factory, actor, today, rng
        self.agency_ids: dict[str, str] = {}
        self.person_ids: dict[str, str] = {}
        self.key_of: dict[str, str] = {}
        self.counts: dict[str, int] = dict.fromkeys(
            ("agencies", "people", "workgroups", "members", "meetings", "held", "planned",
             "attendees", "agenda_items", "speeches", "decisions", "dissents"), 0)

    # -- directory ----------------------------------------------------------------------------
    def directory(self) -> None:
        for text in t.AGENCIES:
            agency = directory.save_agency(self.uow(), self.actor, Agency(
                text.name, text.short_name, text.kind, t.REGION))
            self.agency_ids[text.key] = agency.id
            self.counts["agencies"] += 1
        for text in t.PEOPLE:
            phone = f"{t.CITY_PHONE_CODE} {self.rng.randint(40, 79)}-" \
                    f"{self.rng.randint(10, 99)}-{self.rng.randint(10, 99)}"
            person = directory.save_person(self.uow(), self.actor, Person(
                text.full_name, text.position, self.agency_ids[text.agency], phone))
            self.person_ids[text.key] = person.id
            self.key_of[person.id] = text.key
            self.counts["people"] += 1

    # -- workgroups -----------------------------------------------------------------------
    def workgroup(self, theme: t.Theme, area: int) -> Workgroup:
        place = t.AREAS[area % len(t.AREAS)]
        suffix = f" (состав № {area // len(t.AREAS) + 1})" if area >= len(t.AREAS) else ""
        established = working_day(self.today - timedelta(
            days=ESTABLISHED_DAYS[theme.key] + 9 * area))
        basis = (f"приказ прокурора Гродненской области № {self.rng.randint(8, 96)} от "
                 f"{established:%d.%m.%Y} «{theme.order_title}»")
        ids = self.person_ids
        members = [WorkgroupMember(ids[theme.chair], MemberRole.CHAIR, established),
                   WorkgroupMember(ids[theme.deputy], MemberRole.DEPUTY_CHAIR, established),
                   WorkgroupMember(ids[theme.secretary], MemberRole.SECRETARY, established)]
        rotation = self.today - timedelta(days=ROTATION_DAYS)
        for key in theme.members:
            until = rotation if key == "border_control" else None
            members.append(WorkgroupMember(ids[key], MemberRole.MEMBER, established, until))
            if until is not None:
                members.append(WorkgroupMember(ids["border_deputy"], MemberRole.MEMBER,
                                               rotation + timedelta(days=1)))
        group = workgroups.save_workgroup(self.uow(), self.actor, Workgroup(
            f"{theme.name} в {place}{suffix}", t.REGION, basis, established, ids[theme.chair],
            ids[theme.deputy], ids[theme.secretary], members))
        self.counts["workgroups"] += 1
        self.counts["members"] += len(members)
        return group

    # -- meetings -------------------------------------------------------------------------
    def meetings(self, group: Workgroup, theme: t.Theme, area: int, with_dissent: bool) -> None:
        jitter = self.rng.randint(-4, 4) if area else 0
        held_days = [meeting_day(self.today - timedelta(days=d + jitter))
                     for d in HELD_DAYS[theme.key]]
        # The group met before the first meeting recorded here: its protocol numbers of that
        # year continue from the meetings it would have held since January.
        first = held_days[0]
        gap = (held_days[-1] - first).days // max(1, len(held_days) - 1)
        earlier = first.timetuple().tm_yday // gap if group.established_on and \
            group.established_on.year < first.year else 0
        plan_at = _plan_meeting(held_days)
        topics = _TopicDeck(theme.topics, self.rng)
        previous: _Held | None = None
        for index, held_on in enumerate(held_days):
            number = earlier + 1 if index == 0 else None
            previous = self.held_meeting(group, held_on, number, topics, previous,
                                         plan=index == plan_at, chair_away=index == 2,
                                         dissent=with_dissent and index == 3)
        planned_on = meeting_day(self.today + timedelta(days=PLANNED_DAYS[theme.key] + jitter))
        self.planned_meeting(group, planned_on, topics, has_previous=previous is not None)

    def held_meeting(self, group: Workgroup, held_on: date, number: int | None,
                     topics: _TopicDeck, previous: _Held | None, *, plan: bool,
                     chair_away: bool, dissent: bool) -> _Held:
        rng = self.rng
        meeting = meetings.draft_meeting(self.uow(), group.id, held_on)
        meeting.number = number or meeting.number
        meeting.status = MeetingStatus.HELD
        meeting.starts_at = rng.choice(START_TIMES)
        meeting.venue = rng.choice(t.VENUES)
        roll = _Roll(meeting.attendees, self.key_of)
        self.absences(meeting, group, roll, chair_away)
        name, position, organisation = rng.choice(t.GUESTS)
        meeting.attendees.append(Attendee(AttendeeKind.INVITED, guest_name=name,
                                          guest_position=position,
                                          guest_organisation=organisation))
        roll.refresh()
        count = rng.choice((1, 2, 2, 3)) if previous else rng.choice((2, 2, 3))
        count = min(count, 4 - int(plan) - int(previous is not None))
        actions: list[tuple[str, str, date]] = []
        for position_ in range(1, max(count, 1) + 1):
            item = self.topical_item(topics.draw(), meeting, roll, position_, actions)
            meeting.items.append(item)
        if dissent:
            self.dissent(meeting.items[0], roll, group)
        if plan:
            meeting.items.append(self.plan_item(meeting, group))
        if previous is not None:
            meeting.items.append(self.control_item(meeting, group, previous,
                                                   len(meeting.items) + 1, actions))
        saved = meetings.save_meeting(self.uow(), self.actor, meeting)
        self.tally(saved)
        return _Held(saved.number or 0, held_on, actions)

    def planned_meeting(self, group: Workgroup, day: date, topics: _TopicDeck,
                        has_previous: bool) -> None:
        meeting = meetings.draft_meeting(self.uow(), group.id, day)
        meeting.status = MeetingStatus.PLANNED
        meeting.starts_at = time(10, 0)
        meeting.venue = t.VENUES[0]
        roll = _Roll(meeting.attendees, self.key_of)
        roll.refresh()
        for _number in range(self.rng.choice((1, 2))):
            topic = topics.draw()
            speaker = self.speaker(topic, meeting, roll)
            meeting.items.append(AgendaItem(topic.title, [self.speech(speaker, "")]))
        if has_previous:
            secretary = self.key_of[group.secretary_id or ""]
            meeting.items.append(AgendaItem(t.CONTROL_TITLE, [self.speech(secretary, "")]))
        self.tally(meetings.save_meeting(self.uow(), self.actor, meeting))

    def absences(self, meeting: Meeting, group: Workgroup, roll: _Roll,
                 chair_away: bool) -> None:
        rng = self.rng
        leaders = {group.chair_id, group.deputy_chair_id, group.secretary_id}
        lines = [a for a in meeting.attendees if a.person_id not in leaders]
        away = rng.sample(lines, k=min(len(lines), rng.choice((1, 1, 2))))
        if chair_away:
            away += [a for a in meeting.attendees if a.person_id == group.chair_id]
            meeting.chair_id = group.deputy_chair_id
        for line in away:
            roll.refresh()
            line.present = False
            line.note = rng.choice(t.ABSENCE_NOTES)
            person = PERSON[self.key_of[line.person_id or ""]]
            stand_ins = [p.key for p in t.PEOPLE
                         if p.agency == person.agency and p.key not in roll.listed]
            if stand_ins and line.person_id != group.chair_id and rng.random() < 0.5:
                line.substitute_id = self.person_ids[rng.choice(stand_ins)]

    def speaker(self, topic: t.Topic, meeting: Meeting, roll: _Roll) -> str:
        """The reporter: the preferred person if present, else a colleague who does not
        lead the meeting, else the preferred person (or a colleague) invited."""
        if topic.speaker in roll.present:
            return topic.speaker
        agency = PERSON[topic.speaker].agency
        leaders = {self.key_of.get(i or "") for i in (meeting.chair_id, meeting.secretary_id)}
        colleagues = [k for k in roll.present if PERSON[k].agency == agency]
        ordinary = [k for k in colleagues if k not in leaders]
        if ordinary:
            return ordinary[0]
        guests = [p.key for p in sorted(t.PEOPLE, key=lambda p: p.key != topic.speaker)
                  if p.agency == agency and p.key not in roll.listed]
        if not guests:
            return (colleagues or roll.present)[0]
        meeting.attendees.append(Attendee(AttendeeKind.INVITED,
                                          person_id=self.person_ids[guests[0]]))
        roll.refresh()
        return guests[0]

    def speech(self, key: str, text: str,
               section: SpeechSection = SpeechSection.HEARD) -> Speech:
        person = PERSON[key]
        return Speech(section, self.person_ids[key], person.full_name, person.position, text)

    def topical_item(self, topic: t.Topic, meeting: Meeting, roll: _Roll, position: int,
                     actions: list[tuple[str, str, date]]) -> AgendaItem:
        rng = self.rng
        reporter = self.speaker(topic, meeting, roll)
        item = AgendaItem(topic.title, [self.speech(
            reporter, compose_heard(topic, rng, meeting.held_on))])
        partners = [k for k in roll.present
                    if k != reporter and PERSON[k].agency in topic.agencies[1:]]
        if partners and rng.random() < 0.7:
            for key in rng.sample(partners, k=min(len(partners), rng.choice((1, 1, 2)))):
                spoke = compose_spoke(rng, PERSON[key].female, PERSON[key].agency,
                                      topic.agencies[0])
                item.speeches.append(self.speech(key, spoke, SpeechSection.SPOKE))
        if rng.random() < 0.6:
            item.decisions.append(Decision(rng.choice(t.ACKNOWLEDGE)))
        chosen = rng.sample(topic.decisions, k=min(len(topic.decisions), rng.choice((2, 2, 3))))
        for agency_key, action in chosen[:4 - len(item.decisions)]:
            permanent = action.startswith(STANDING) and rng.random() < 0.25
            due = None if permanent else working_day(
                meeting.held_on + timedelta(days=rng.choice(DUE_DAYS)))
            item.decisions.append(Decision(compose_decision(agency_key, action, permanent),
                                           self.agency_ids[agency_key], due))
            if due is not None:
                actions.append((decision_number(position, len(item.decisions)), agency_key, due))
        if len(item.decisions) < 4 and rng.random() < 0.3:
            agency = PERSON[reporter].agency
            due = working_day(meeting.held_on + timedelta(days=90))
            item.decisions.append(Decision(f"{AGENCY[agency].dative} {t.REPORT_BACK}.",
                                           self.agency_ids[agency], due))
            actions.append((decision_number(position, len(item.decisions)), agency, due))
        return item

    def dissent(self, item: AgendaItem, roll: _Roll, group: Workgroup) -> None:
        reporter = self.key_of[item.speeches[0].person_id or ""]
        leaders = {self.key_of[i] for i in (group.chair_id, group.secretary_id) if i}
        members = [k for k in roll.present if k != reporter and k not in leaders]
        dated = [n for n, d in enumerate(item.decisions, start=1) if d.due_date]
        if not members or not dated:
            return
        person = PERSON[self.rng.choice(members)]
        item.dissent = t.DISSENT.format(
            member=person.short, agency=AGENCY[person.agency].short_name,
            agreed="согласна" if person.female else "согласен",
            number=decision_number(1, self.rng.choice(dated)))

    def plan_item(self, meeting: Meeting, group: Workgroup) -> AgendaItem:
        year = meeting.held_on.year + (1 if meeting.held_on.month >= 7 else 0)
        secretary = self.key_of[group.secretary_id or ""]
        heard = fill(t.PLAN_HEARD, {"year": year, "k": self.rng.randint(8, 14)})
        return AgendaItem(t.PLAN_TITLE.format(year=year), [self.speech(secretary, heard)],
                          [Decision(text.format(year=year)) for text in t.PLAN_DECISIONS])

    def control_item(self, meeting: Meeting, group: Workgroup, previous: _Held,
                     position: int, actions: list[tuple[str, str, date]]) -> AgendaItem:
        rng = self.rng
        done = [a for a in previous.actions if a[2] < meeting.held_on]
        left = [a for a in previous.actions if a[2] >= meeting.held_on]
        values: dict[str, object] = {"total": len(previous.actions), "done": len(done),
                                     "date": f"{previous.held_on:%d.%m.%Y}",
                                     "number": previous.number}
        template = t.CONTROL_HEARD if done else t.CONTROL_NONE_DUE
        text = fill(template if left else t.CONTROL_ALL_DONE, values)
        if done and rng.random() < 0.3:
            text += " " + t.CONTROL_LATE
        secretary = self.key_of[group.secretary_id or ""]
        item = AgendaItem(t.CONTROL_TITLE, [self.speech(secretary, text)],
                          [Decision("Информацию секретаря рабочей группы принять к сведению.")])
        if done:
            numbers = ", ".join(a[0] for a in done)
            item.decisions.append(Decision(fill(t.CONTROL_CLOSE, values | {"numbers": numbers})))
        for number, agency, due in left[:4 - len(item.decisions) - 1]:
            text = fill(t.CONTROL_KEEP, values | {"item": number})
            item.decisions.append(Decision(f"{AGENCY[agency].dative} {text}.",
                                           self.agency_ids[agency], due))
            actions.append((decision_number(position, len(item.decisions)), agency, due))
        if len(item.decisions) < 4:
            item.decisions.append(Decision(t.CONTROL_DISCIPLINE))
        return item

    def tally(self, meeting: Meeting) -> None:
        counts = self.counts
        counts["meetings"] += 1
        counts[meeting.status.value] = counts.get(meeting.status.value, 0) + 1
        counts["attendees"] += len(meeting.attendees)
        counts["agenda_items"] += len(meeting.items)
        for item in meeting.items:
            counts["speeches"] += len(item.speeches)
            counts["decisions"] += len(item.decisions)
            counts["dissents"] += bool(item.dissent)


class _TopicDeck:
    """Topics drawn without repetition until the pool runs out, then reshuffled."""

    def __init__(self, topics: tuple[t.Topic, ...], rng: random.Random) -> None:
        self.topics, self.rng = topics, rng
        self.deck: list[t.Topic] = []

    def draw(self) -> t.Topic:
        if not self.deck:
            self.deck = list(self.topics)
            self.rng.shuffle(self.deck)
        return self.deck.pop()


def _plan_meeting(days: list[date]) -> int | None:
    """The held meeting nearest the turn of the year (within 45 days) adopts next year's plan."""
    def distance(day: date) -> int:
        return min(abs((day - date(year, 12, 20)).days) for year in (day.year - 1, day.year))

    best = min(range(len(days)), key=lambda i: distance(days[i]))
    return best if distance(days[best]) <= 45 else None


# ---- entry points -------------------------------------------------------------------------

def seed_demo(uow_factory: Callable[[], UnitOfWork], actor: Actor, scale: int = 1,
              today: date | None = None) -> dict[str, int]:
    """Fill the store with the demo office; ``scale`` N gives 2N workgroups and 14N meetings.

    Returns how many records of each kind were created.
    """
    if not 1 <= scale <= 1000:
        raise ValidationError(N_("The demo scale must be between 1 and {maximum}."),
                              field="scale", maximum=1000)
    builder = DemoBuilder(uow_factory, actor, today or date.today(), random.Random(SEED))
    builder.directory()
    for index in range(2 * scale):
        theme = t.THEMES[index % len(t.THEMES)]
        group = builder.workgroup(theme, index // len(t.THEMES))
        builder.meetings(group, theme, index // len(t.THEMES), with_dissent=theme.key == "drugs")
    builder.counts.update(seed_actions(uow_factory, actor, builder.today, builder.agency_ids,
                                       builder.person_ids))
    for key, count in seed_findings(uow_factory, actor, builder.today, builder.agency_ids,
                                    builder.person_ids).items():
        builder.counts[key] = builder.counts.get(key, 0) + count  # actions add to the actions
    return builder.counts


def ensure_demo(uow_factory: Callable[[], UnitOfWork], actor: Actor,
                today: date | None = None) -> bool:
    """Seed the demo office into an empty store (one without agencies); True if it did."""
    if directory.list_agencies(uow_factory(), ListQuery(limit=1)).total:
        return False
    seed_demo(uow_factory, actor, today=today)
    seed_minutes(uow_factory, actor)
    return True
