"""Use cases on a temporary store (SQLite, and PostgreSQL where a server is given): the
directory, workgroups and meetings."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from tests.helpers import dump
from workgroup_app.bootstrap import AppContext
from workgroup_app.domain.entities import (
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
from workgroup_app.domain.enums import AgencyKind, AttendeeKind, MeetingStatus, MemberRole
from workgroup_app.domain.errors import ConflictError, NotFoundError, ValidationError
from workgroup_app.domain.views import ListQuery
from workgroup_app.services import directory, meetings, workgroups

pytestmark = pytest.mark.both_databases


@pytest.fixture
def office(context: AppContext) -> dict[str, str]:
    """A small office: two agencies, three people, one workgroup."""
    uow, actor = context.uow, context.actor
    prosecution = directory.save_agency(uow(), actor, Agency(
        "Прокуратура Гродненской области", "Прокуратура", AgencyKind.PROSECUTION, "Гродненская"))
    police = directory.save_agency(uow(), actor, Agency(
        "УВД Гродненского облисполкома", "УВД", AgencyKind.INTERNAL_AFFAIRS, "Гродненская"))
    chair = directory.save_person(uow(), actor, Person("Ёлкин Пётр Семёнович", "прокурор области",
                                                       prosecution.id))
    secretary = directory.save_person(uow(), actor, Person("Иванова Анна Сергеевна",
                                                           "старший помощник", prosecution.id))
    officer = directory.save_person(uow(), actor, Person("Сидоров Олег Игоревич",
                                                         "начальник УНиПТЛ", police.id))
    group = workgroups.save_workgroup(uow(), actor, Workgroup(
        "МРГ по противодействию незаконному обороту наркотиков", "Гродненская",
        "приказ прокурора области № 12 от 10.01.2025", date(2025, 1, 10), chair.id, None,
        secretary.id, members=[WorkgroupMember(chair.id, MemberRole.CHAIR),
                               WorkgroupMember(secretary.id, MemberRole.SECRETARY),
                               WorkgroupMember(officer.id, until=date(2025, 6, 30))]))
    return {"prosecution": prosecution.id, "police": police.id, "chair": chair.id,
            "secretary": secretary.id, "officer": officer.id, "group": group.id}


def test_search_is_cyrillic_and_case_insensitive(context: AppContext,
                                                 office: dict[str, str]) -> None:
    found = directory.list_people(context.uow(), ListQuery(text="ИВАНОВА"))
    assert [p.full_name for p in found.rows] == ["Иванова Анна Сергеевна"]
    # "е" finds "ё" too, as Russian writers expect.
    assert directory.list_people(context.uow(), ListQuery(text="елкин")).total == 1
    agencies = directory.list_agencies(context.uow(), ListQuery(text="увд"))
    assert [a.short_name for a in agencies.rows] == ["УВД"] and agencies.rows[0].people == 1


def test_lists_are_paged_and_sorted_by_the_query(context: AppContext,
                                                 office: dict[str, str]) -> None:
    page = directory.list_people(context.uow(), ListQuery(sort="full_name", limit=2))
    assert page.total == 3 and len(page.rows) == 2
    rest = directory.list_people(context.uow(), ListQuery(sort="full_name", offset=2, limit=2))
    names = [p.full_name for p in page.rows + rest.rows]
    assert names == sorted(names, key=lambda n: n.casefold().replace("ё", "е"))
    backwards = directory.list_people(context.uow(), ListQuery(sort="full_name", descending=True))
    assert [p.full_name for p in backwards.rows] == names[::-1]


def test_deleting_an_agency_with_people_is_refused_and_changes_nothing(
        context: AppContext, office: dict[str, str], store_path: Path) -> None:
    before = dump(store_path)
    with pytest.raises(ConflictError) as caught:
        directory.delete_agency(context.uow(), context.actor, office["police"])
    assert "1 people still belong" in str(caught.value)
    assert dump(store_path) == before


def test_an_empty_agency_can_be_deleted_and_disappears_from_lists(context: AppContext) -> None:
    agency = directory.save_agency(context.uow(), context.actor, Agency("Отдел образования"))
    directory.delete_agency(context.uow(), context.actor, agency.id)
    assert directory.list_agencies(context.uow(), ListQuery()).total == 0
    with pytest.raises(NotFoundError):
        directory.get_agency(context.uow(), agency.id)


def test_bad_names_change_nothing(context: AppContext, office: dict[str, str],
                                  store_path: Path) -> None:
    before = dump(store_path)
    with pytest.raises(ValidationError):
        directory.save_agency(context.uow(), context.actor, Agency(""))
    with pytest.raises(ValidationError):
        directory.save_person(context.uow(), context.actor, Person("Ж" * 301))
    person = directory.get_person(context.uow(), office["officer"])
    person.full_name = "   "
    with pytest.raises(ValidationError):
        directory.save_person(context.uow(), context.actor, person)
    assert dump(store_path) == before


def test_workgroup_round_trip_keeps_members_roles_and_periods(context: AppContext,
                                                              office: dict[str, str]) -> None:
    group = workgroups.get_workgroup(context.uow(), office["group"])
    assert [m.role for m in group.members] == [MemberRole.CHAIR, MemberRole.SECRETARY,
                                               MemberRole.MEMBER]
    assert group.members[2].until == date(2025, 6, 30)
    group.members.pop(1)
    workgroups.save_workgroup(context.uow(), context.actor, group)
    again = workgroups.get_workgroup(context.uow(), office["group"])
    assert len(again.members) == 2
    row = workgroups.list_workgroups(context.uow(), ListQuery()).rows[0]
    assert (row.members, row.chair_name) == (2, "Ёлкин Пётр Семёнович")


def full_meeting(office: dict[str, str], held_on: date = date(2026, 3, 12)) -> Meeting:
    return Meeting(
        office["group"], held_on, starts_at=time(10, 0), venue="г. Гродно, ул. Ленина, 1",
        status=MeetingStatus.HELD, chair_id=office["chair"], secretary_id=office["secretary"],
        attendees=[Attendee(person_id=office["chair"]), Attendee(person_id=office["secretary"]),
                   Attendee(person_id=office["officer"], present=False, note="командировка"),
                   Attendee(kind=AttendeeKind.INVITED, guest_name="Петров П.П.",
                            guest_position="главный врач", guest_organisation="ОНД")],
        items=[
            AgendaItem("О состоянии работы по противодействию наркопреступности",
                       speeches=[Speech(person_id=office["officer"], text="Доложил.")],
                       decisions=[Decision("Информацию принять к сведению."),
                                  Decision("Усилить профилактику.", office["police"],
                                           date(2026, 6, 30))]),
            AgendaItem("Об исполнении ранее принятых решений",
                       decisions=[Decision("Снять с контроля п. 1.2.", office["prosecution"])],
                       dissent="Сидоров О.И. не согласен с п. 2.1."),
        ])


def test_a_meeting_round_trips_with_numbered_content(context: AppContext,
                                                     office: dict[str, str]) -> None:
    saved = meetings.save_meeting(context.uow(), context.actor, full_meeting(office))
    assert saved.number == 1
    loaded = meetings.get_meeting(context.uow(), saved.id)
    assert [i.title for i in loaded.items] == [i.title for i in saved.items]
    assert [len(i.decisions) for i in loaded.items] == [2, 1]
    assert loaded.items[0].decisions[1].due_date == date(2026, 6, 30)
    assert loaded.attendees[2].present is False and loaded.attendees[3].guest_name
    assert loaded.items[1].dissent.startswith("Сидоров")
    assert loaded.starts_at == time(10, 0)


def test_moving_an_item_renumbers_and_edits_keep_ids(context: AppContext,
                                                     office: dict[str, str]) -> None:
    saved = meetings.save_meeting(context.uow(), context.actor, full_meeting(office))
    loaded = meetings.get_meeting(context.uow(), saved.id)
    second_id = loaded.items[1].id
    meetings.move_item(loaded, 1, -1)
    loaded.items[1].decisions.pop(0)
    meetings.save_meeting(context.uow(), context.actor, loaded)
    again = meetings.get_meeting(context.uow(), saved.id)
    assert again.items[0].id == second_id
    assert [d.text for d in again.items[1].decisions] == ["Усилить профилактику."]


def test_numbers_are_per_workgroup_and_year_and_duplicates_are_refused(
        context: AppContext, office: dict[str, str], store_path: Path) -> None:
    first = meetings.save_meeting(context.uow(), context.actor, full_meeting(office))
    second = meetings.save_meeting(context.uow(), context.actor,
                                   Meeting(office["group"], date(2026, 5, 1)))
    next_year = meetings.save_meeting(context.uow(), context.actor,
                                      Meeting(office["group"], date(2027, 1, 20)))
    assert (first.number, second.number, next_year.number) == (1, 2, 1)
    before = dump(store_path)
    duplicate = Meeting(office["group"], date(2026, 9, 1), number=2)
    with pytest.raises(ConflictError) as caught:
        meetings.save_meeting(context.uow(), context.actor, duplicate)
    assert caught.value.field == "number" and "No. 2 of 2026" in str(caught.value)
    assert dump(store_path) == before


def test_a_draft_is_prefilled_from_the_workgroup(context: AppContext,
                                                 office: dict[str, str]) -> None:
    draft = meetings.draft_meeting(context.uow(), office["group"], date(2026, 2, 1))
    assert draft.chair_id == office["chair"] and draft.secretary_id == office["secretary"]
    # The officer's membership ended in June 2025: not on the 2026 attendance list.
    assert {a.person_id for a in draft.attendees} == {office["chair"], office["secretary"]}
    assert draft.number == 1


def test_unknown_references_are_refused(context: AppContext, office: dict[str, str]) -> None:
    meeting = full_meeting(office)
    meeting.items[0].decisions[0].responsible_agency_id = "no-such-agency"
    with pytest.raises(NotFoundError):
        meetings.save_meeting(context.uow(), context.actor, meeting)
    with pytest.raises(NotFoundError):
        meetings.save_meeting(context.uow(), context.actor, Meeting("nope", date(2026, 1, 1)))


def test_meetings_list_filters_and_sorts(context: AppContext, office: dict[str, str]) -> None:
    for day in (5, 1, 20):
        meetings.save_meeting(context.uow(), context.actor,
                              Meeting(office["group"], date(2026, 4, day)))
    newest = meetings.list_meetings(context.uow(), ListQuery(sort="held_on", descending=True))
    assert [r.held_on.day for r in newest.rows] == [20, 5, 1]
    planned = meetings.list_meetings(context.uow(), ListQuery(filters={"status": "held"}))
    assert planned.total == 0
    assert meetings.list_meetings(context.uow(), ListQuery(text="наркотик")).total == 3
    meetings.save_meeting(context.uow(), context.actor, full_meeting(office, date(2026, 7, 1)))
    by_venue = meetings.list_meetings(context.uow(), ListQuery(text="УЛ. ЛЕНИНА"))
    assert [r.venue for r in by_venue.rows] == ["г. Гродно, ул. Ленина, 1"]


def test_a_held_meeting_with_content_cannot_be_deleted(context: AppContext,
                                                       office: dict[str, str]) -> None:
    saved = meetings.save_meeting(context.uow(), context.actor, full_meeting(office))
    with pytest.raises(ValidationError):
        meetings.delete_meeting(context.uow(), context.actor, saved.id)
    planned = meetings.save_meeting(context.uow(), context.actor,
                                    Meeting(office["group"], date(2026, 12, 1)))
    meetings.delete_meeting(context.uow(), context.actor, planned.id)
    assert meetings.list_meetings(context.uow(), ListQuery()).total == 1
