"""The records of the directory, workgroups and meetings as plain dataclasses.

These cross every layer: services validate them, storage maps them to rows, the GUI edits
them, the CLI prints them. Field names equal column names. Ids are UUIDs made here, at the
office that creates the record, never by the database.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time

from .enums import AgencyKind, AttendeeKind, MeetingStatus, MemberRole, SpeechSection


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass(slots=True)
class Agency:
    name: str
    short_name: str = ""
    kind: AgencyKind = AgencyKind.OTHER
    region: str = ""
    id: str = field(default_factory=new_id)


@dataclass(slots=True)
class Person:
    full_name: str
    position: str = ""
    agency_id: str | None = None
    phone: str = ""
    email: str = ""
    id: str = field(default_factory=new_id)


@dataclass(slots=True)
class WorkgroupMember:
    person_id: str
    role: MemberRole = MemberRole.MEMBER
    since: date | None = None
    until: date | None = None
    id: str = field(default_factory=new_id)


@dataclass(slots=True)
class Workgroup:
    name: str
    region: str = ""
    legal_basis: str = ""
    established_on: date | None = None
    chair_id: str | None = None
    deputy_chair_id: str | None = None
    secretary_id: str | None = None
    members: list[WorkgroupMember] = field(default_factory=list)
    id: str = field(default_factory=new_id)


@dataclass(slots=True)
class Attendee:
    """One line of attendance: a member present or absent (maybe with a substitute), or a guest.

    A guest may be a person of the directory (``person_id``) or just a name typed in.
    """

    kind: AttendeeKind = AttendeeKind.MEMBER
    person_id: str | None = None
    present: bool = True
    substitute_id: str | None = None
    guest_name: str = ""
    guest_position: str = ""
    guest_organisation: str = ""
    note: str = ""
    id: str = field(default_factory=new_id)


@dataclass(slots=True)
class Speech:
    """A statement under HEARD (the report) or SPOKE (the discussion)."""

    section: SpeechSection = SpeechSection.HEARD
    person_id: str | None = None
    speaker_name: str = ""
    speaker_position: str = ""
    text: str = ""
    id: str = field(default_factory=new_id)


@dataclass(slots=True)
class Decision:
    text: str
    responsible_agency_id: str | None = None
    due_date: date | None = None
    id: str = field(default_factory=new_id)


@dataclass(slots=True)
class AgendaItem:
    title: str
    speeches: list[Speech] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    dissent: str = ""
    id: str = field(default_factory=new_id)


@dataclass(slots=True)
class Meeting:
    """A meeting with its whole content. List order is the order of the protocol."""

    workgroup_id: str
    held_on: date
    number: int | None = None  # None: the next free number of the workgroup and year
    starts_at: time | None = None
    venue: str = ""
    status: MeetingStatus = MeetingStatus.PLANNED
    chair_id: str | None = None
    secretary_id: str | None = None
    attendees: list[Attendee] = field(default_factory=list)
    items: list[AgendaItem] = field(default_factory=list)
    id: str = field(default_factory=new_id)

    @property
    def year(self) -> int:
        return self.held_on.year


@dataclass(frozen=True, slots=True)
class Stamp:
    """Bookkeeping of a stored record, read-only for callers."""

    created_at: datetime
    updated_at: datetime
    origin_office_id: str
