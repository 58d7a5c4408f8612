"""Domain rules: validation messages, numbering, moving agenda items."""

from __future__ import annotations

from datetime import date

import pytest

from workgroup_app.domain.entities import (
    Agency,
    AgendaItem,
    Attendee,
    Decision,
    Meeting,
    Person,
    Workgroup,
    WorkgroupMember,
)
from workgroup_app.domain.errors import ConflictError, ValidationError
from workgroup_app.domain.rules import (
    NAME_MAX,
    decision_number,
    ensure_number_free,
    move,
    next_meeting_number,
    parse_date,
    validate_agency,
    validate_meeting,
    validate_person,
    validate_workgroup,
)


def test_names_are_trimmed_and_required() -> None:
    assert validate_agency(Agency("  Прокуратура  ")).name == "Прокуратура"
    with pytest.raises(ValidationError) as caught:
        validate_agency(Agency("   "))
    assert caught.value.field == "name"
    assert "must not be empty" in str(caught.value)


def test_over_long_name_names_its_length() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_person(Person("Я" * (NAME_MAX + 1)))
    assert caught.value.field == "full_name"
    assert caught.value.params["length"] == NAME_MAX + 1


def test_email_needs_an_at_sign() -> None:
    with pytest.raises(ValidationError):
        validate_person(Person("Иванов И.И.", email="ivanov.example.by"))


@pytest.mark.parametrize("text", ["2026-02-30", "31.04.2026", "yesterday", "", "2026-13-01"])
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_date(text)
    assert "not a valid date" in str(caught.value)


def test_both_date_styles_are_read() -> None:
    assert parse_date("2026-03-05") == parse_date("05.03.2026") == date(2026, 3, 5)


def test_dates_out_of_range_are_refused() -> None:
    with pytest.raises(ValidationError):
        parse_date("1812-09-07")


def test_membership_cannot_end_before_it_starts() -> None:
    group = Workgroup("МРГ", members=[WorkgroupMember("p", since=date(2026, 5, 1),
                                                      until=date(2026, 1, 1))])
    with pytest.raises(ValidationError) as caught:
        validate_workgroup(group)
    assert caught.value.field == "members"


def test_meeting_content_is_checked_item_by_item() -> None:
    meeting = Meeting("wg", date(2026, 3, 1), items=[AgendaItem("О первом"), AgendaItem(" ")])
    with pytest.raises(ValidationError) as caught:
        validate_meeting(meeting)
    assert caught.value.params == {"position": 2}
    meeting.items[1].title = "О втором"
    meeting.items[1].decisions = [Decision("  ")]
    with pytest.raises(ValidationError) as caught:
        validate_meeting(meeting)
    assert caught.value.params == {"number": "2.1"}


def test_attendance_needs_a_person_or_a_name_and_no_duplicates() -> None:
    with pytest.raises(ValidationError):
        validate_meeting(Meeting("wg", date(2026, 3, 1), attendees=[Attendee()]))
    with pytest.raises(ValidationError):
        validate_meeting(Meeting("wg", date(2026, 3, 1),
                                 attendees=[Attendee(person_id="a"), Attendee(person_id="a")]))


def test_meeting_numbers_follow_the_highest_and_are_unique() -> None:
    assert next_meeting_number([]) == 1
    assert next_meeting_number([1, 2, 5]) == 6
    ensure_number_free(3, [1, 2], 2026)
    with pytest.raises(ConflictError) as caught:
        ensure_number_free(2, [1, 2], 2026)
    assert caught.value.field == "number"


def test_decisions_are_numbered_by_item_and_move_with_it() -> None:
    items = ["first", "second", "third"]
    move(items, 1, -1)
    assert items == ["second", "first", "third"]
    move(items, 0, -1)  # already first: nothing happens
    assert items == ["second", "first", "third"]
    assert [decision_number(2, n) for n in (1, 2)] == ["2.1", "2.2"]
