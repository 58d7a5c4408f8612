"""A held meeting ready for its protocol, built through the services (used by the service,
CLI and GUI tests of the minutes)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import Any

from workgroup_app.domain.actor import LOCAL_ADMIN
from workgroup_app.domain.entities import (
    Agency,
    AgendaItem,
    Attendee,
    Decision,
    Meeting,
    Person,
    Speech,
    Workgroup,
)
from workgroup_app.domain.enums import AgencyKind, AttendeeKind, MeetingStatus, SpeechSection
from workgroup_app.services import action_reports, directory, meetings
from workgroup_app.services import workgroups as groups

HELD_ON = date(2026, 3, 5)


def build_minutes_office(uow: Callable[[], Any]) -> dict[str, str]:
    actor = LOCAL_ADMIN
    action_reports.set_office_name(uow(), "Прокуратура Гродненской области")
    prosecution = directory.save_agency(uow(), actor, Agency(
        "Прокуратура Гродненской области", "Прокуратура", AgencyKind.PROSECUTION))
    police = directory.save_agency(uow(), actor, Agency("УВД Гродненского облисполкома", "УВД",
                                                        AgencyKind.INTERNAL_AFFAIRS))
    customs = directory.save_agency(uow(), actor, Agency("Гродненская региональная таможня",
                                                         "Таможня", AgencyKind.CUSTOMS))
    chair = directory.save_person(uow(), actor, Person(
        "Ёлкин Пётр Семёнович", "прокурор области", prosecution.id))
    secretary = directory.save_person(uow(), actor, Person(
        "Щукина Анна Ильинична", "старший помощник прокурора", prosecution.id))
    member = directory.save_person(uow(), actor, Person(
        "Иванов Иван Иванович", "начальник УВД", police.id))
    absent = directory.save_person(uow(), actor, Person(
        "Петров Пётр Петрович", "начальник таможни", customs.id))
    group = groups.save_workgroup(uow(), actor, Workgroup(
        "Межведомственная рабочая группа по противодействию коррупции",
        chair_id=chair.id, secretary_id=secretary.id))
    meeting = meetings.save_meeting(uow(), actor, Meeting(
        workgroup_id=group.id, held_on=HELD_ON, starts_at=time(10, 0), venue="г. Гродно",
        status=MeetingStatus.HELD, chair_id=chair.id, secretary_id=secretary.id,
        attendees=[Attendee(person_id=chair.id), Attendee(person_id=secretary.id),
                   Attendee(person_id=member.id),
                   Attendee(person_id=absent.id, present=False, note="отпуск"),
                   Attendee(kind=AttendeeKind.INVITED, guest_name="Сидоров С. С.",
                            guest_position="эксперт", guest_organisation="университет")],
        items=[AgendaItem("О состоянии работы по профилактике коррупции", speeches=[
            Speech(SpeechSection.HEARD, member.id, text="Доложил о результатах проверок."),
            Speech(SpeechSection.SPOKE, chair.id, text="Предложил усилить контроль.")],
            decisions=[Decision("Провести проверки закупок", police.id, date(2026, 4, 1)),
                       Decision("Представить сведения о нарушениях", customs.id,
                                date(2026, 4, 15)),
                       Decision("Информацию принять к сведению")],
            dissent="Петров П. П. не согласен с п. 1.2."),
            AgendaItem("О плане работы на второй квартал", decisions=[
                Decision("Утвердить план работы", police.id)])]))
    return {"prosecution": prosecution.id, "police": police.id, "customs": customs.id,
            "chair": chair.id, "secretary": secretary.id, "member": member.id,
            "absent": absent.id, "group": group.id, "meeting": meeting.id}
