"""Validation and numbering rules. Each failure names the field so forms can show it inline."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .entities import Agency, AgendaItem, Meeting, Person, Workgroup
from .errors import ConflictError, ValidationError
from .messages import N_

NAME_MAX = 300
SHORT_NAME_MAX = 60
TEXT_MAX = 20_000
LINE_MAX = 500
MEETING_NUMBER_MAX = 9999
EARLIEST_DATE = date(1990, 1, 1)
LATEST_DATE = date(2100, 12, 31)


def clean(text: str | None) -> str:
    """Trim and collapse the outer whitespace a form or shell leaves around a value."""
    return (text or "").strip()


def require_text(value: str, field: str, label: str, maximum: int = NAME_MAX) -> str:
    value = clean(value)
    if not value:
        raise ValidationError(N_("{label} must not be empty."), field=field, label=label)
    return limit_text(value, field, label, maximum)


def limit_text(value: str, field: str, label: str, maximum: int = LINE_MAX) -> str:
    value = clean(value)
    if len(value) > maximum:
        raise ValidationError(
            N_("{label} is too long: {length} characters, at most {maximum} are allowed."),
            field=field, label=label, length=len(value), maximum=maximum,
        )
    if "\x00" in value:
        raise ValidationError(N_("{label} contains a NUL character."), field=field, label=label)
    return value


def check_date(value: date | None, field: str, label: str) -> None:
    if value is not None and not (EARLIEST_DATE <= value <= LATEST_DATE):
        raise ValidationError(
            N_("{label} must be between {earliest} and {latest}."),
            field=field, label=label, earliest=EARLIEST_DATE,
            latest=LATEST_DATE,
        )


def parse_date(text: str, field: str = "date", label: str = N_("Date")) -> date:
    """Read an ISO date (YYYY-MM-DD) or a Russian-style one (DD.MM.YYYY)."""
    raw = clean(text)
    try:
        if "." in raw:
            day, month, year = (int(part) for part in raw.split("."))
            value = date(year, month, day)
        else:
            value = date.fromisoformat(raw)
    except ValueError:
        raise ValidationError(
            N_("{label}: '{value}' is not a valid date (use YYYY-MM-DD or DD.MM.YYYY)."),
            field=field, label=label, value=raw,
        ) from None
    check_date(value, field, label)
    return value


def validate_agency(agency: Agency) -> Agency:
    agency.name = require_text(agency.name, "name", N_("Agency name"))
    agency.short_name = limit_text(agency.short_name, "short_name", N_("Short name"),
                                   SHORT_NAME_MAX)
    agency.region = limit_text(agency.region, "region", N_("Region"))
    return agency


def validate_person(person: Person) -> Person:
    person.full_name = require_text(person.full_name, "full_name", N_("Full name"))
    person.position = limit_text(person.position, "position", N_("Position"))
    person.phone = limit_text(person.phone, "phone", N_("Phone"), 100)
    person.email = limit_text(person.email, "email", N_("E-mail"), 200)
    if person.email and "@" not in person.email:
        raise ValidationError(N_("E-mail '{value}' has no @."), field="email", value=person.email)
    return person


def validate_workgroup(group: Workgroup) -> Workgroup:
    group.name = require_text(group.name, "name", N_("Workgroup name"), NAME_MAX)
    group.region = limit_text(group.region, "region", N_("Region"))
    group.legal_basis = limit_text(group.legal_basis, "legal_basis", N_("Legal basis"), 2000)
    check_date(group.established_on, "established_on", N_("Established on"))
    for member in group.members:
        check_date(member.since, "members", N_("Member since"))
        check_date(member.until, "members", N_("Member until"))
        if member.since and member.until and member.until < member.since:
            raise ValidationError(
                N_("A membership cannot end ({until}) before it starts ({since})."),
                field="members", since=member.since, until=member.until,
            )
    return group


def validate_meeting(meeting: Meeting) -> Meeting:
    check_date(meeting.held_on, "held_on", N_("Meeting date"))
    if meeting.number is not None and not (1 <= meeting.number <= MEETING_NUMBER_MAX):
        raise ValidationError(
            N_("The meeting number must be between 1 and {maximum}."),
            field="number", maximum=MEETING_NUMBER_MAX,
        )
    meeting.venue = limit_text(meeting.venue, "venue", N_("Venue"))
    for attendee in meeting.attendees:
        if attendee.person_id is None and not clean(attendee.guest_name):
            raise ValidationError(
                N_("Each line of attendance needs a person or a guest's name."),
                field="attendees",
            )
        attendee.guest_name = limit_text(attendee.guest_name, "attendees", N_("Guest name"))
        attendee.guest_position = limit_text(attendee.guest_position, "attendees",
                                             N_("Guest position"))
        attendee.guest_organisation = limit_text(attendee.guest_organisation, "attendees",
                                                 N_("Guest organisation"))
    people = [a.person_id for a in meeting.attendees if a.person_id]
    if len(people) != len(set(people)):
        raise ValidationError(N_("A person is listed twice in the attendance."),
                              field="attendees")
    for position, item in enumerate(meeting.items, start=1):
        validate_item(item, position)
    return meeting


def validate_item(item: AgendaItem, position: int) -> AgendaItem:
    item.title = clean(item.title)
    if not item.title:
        raise ValidationError(N_("Agenda item {position} has no title."), field="items",
                              position=position)
    item.title = limit_text(item.title, "items", N_("Agenda item title"), 2000)
    item.dissent = limit_text(item.dissent, "items", N_("Dissenting opinion"), TEXT_MAX)
    for speech in item.speeches:
        speech.text = limit_text(speech.text, "items", N_("Speech"), TEXT_MAX)
        speech.speaker_name = limit_text(speech.speaker_name, "items", N_("Speaker"))
        speech.speaker_position = limit_text(speech.speaker_position, "items",
                                             N_("Speaker's position"))
        if speech.person_id is None and not speech.speaker_name:
            raise ValidationError(N_("A speech under agenda item {position} has no speaker."),
                                  field="items", position=position)
    for number, decision in enumerate(item.decisions, start=1):
        decision.text = clean(decision.text)
        if not decision.text:
            raise ValidationError(N_("Decision {number} has no text."), field="items",
                                  number=decision_number(position, number))
        decision.text = limit_text(decision.text, "items", N_("Decision text"), TEXT_MAX)
        check_date(decision.due_date, "items", N_("Decision deadline"))
    return item


def decision_number(item_position: int, decision_position: int) -> str:
    """Decisions are numbered within their agenda item: 1.1, 1.2, 2.1 …"""
    return f"{item_position}.{decision_position}"


def next_meeting_number(taken: Iterable[int]) -> int:
    """The next number of a workgroup's year: one past the highest, never reusing a gap."""
    return max(taken, default=0) + 1


def ensure_number_free(number: int, taken: Iterable[int], year: int) -> None:
    if number in set(taken):
        raise ConflictError(
            N_("Meeting No. {number} of {year} already exists in this workgroup."),
            field="number", number=number, year=year,
        )


def move(items: list, index: int, delta: int) -> None:
    """Move ``items[index]`` by ``delta`` places in place; out-of-range moves do nothing."""
    target = index + delta
    if 0 <= index < len(items) and 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
