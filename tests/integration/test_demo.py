"""The demo office: what it contains, that it reads as a real office, and that it is seeded once."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from workgroup_app.bootstrap import AppContext, check_store, open_context
from workgroup_app.config import AppConfig
from workgroup_app.domain.action_life import ActionStatus, EventKind
from workgroup_app.domain.actions import ActionSource, Recurrence
from workgroup_app.domain.entities import Meeting
from workgroup_app.domain.enums import AttendeeKind, MeetingStatus, SpeechSection
from workgroup_app.domain.errors import ValidationError
from workgroup_app.domain.findings import ActType, Escalation, FindingStatus
from workgroup_app.domain.minutes_life import MinutesStatus
from workgroup_app.domain.views import ListQuery
from workgroup_app.services import (
    action_reports,
    actions,
    directory,
    findings,
    meetings,
    minutes,
    workdays,
    workgroups,
)
from workgroup_app.services.demo import ensure_demo, seed_demo
from workgroup_app.services.demo_texts import (
    PEOPLE,
    PERSON,
    THEMES,
    compose_decision,
    compose_spoke,
    figures,
    fill,
    period_of,
    plural,
)

TODAY = date(2026, 3, 18)
ALL = ListQuery(limit=5000)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppContext, dict[str, int]]]:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    context = open_context(AppConfig.build(database=str(path), demo=False, language="en"))
    counts = seed_demo(context.uow, context.actor, today=TODAY)
    yield context, counts
    context.close()


def all_meetings(context: AppContext) -> list[Meeting]:
    rows = meetings.list_meetings(context.uow(), ALL).rows
    return [meetings.get_meeting(context.uow(), row.id) for row in rows]


def test_the_counts_returned_match_the_store(demo: tuple[AppContext, dict[str, int]]) -> None:
    context, counts = demo
    assert counts["agencies"] == 9
    assert counts["people"] == 30
    assert counts["workgroups"] == 2
    assert (counts["meetings"], counts["held"], counts["planned"]) == (14, 12, 2)
    assert directory.list_agencies(context.uow(), ALL).total == 9
    assert directory.list_people(context.uow(), ALL).total == 30
    assert workgroups.list_workgroups(context.uow(), ALL).total == 2
    statuses = Counter(row.status for row in meetings.list_meetings(context.uow(), ALL).rows)
    assert statuses == {MeetingStatus.HELD: 12, MeetingStatus.PLANNED: 2}
    stored = all_meetings(context)
    assert sum(len(m.items) for m in stored) == counts["agenda_items"]
    assert sum(len(i.decisions) for m in stored for i in m.items) == counts["decisions"]
    assert check_store(context).ok


def test_agencies_cover_the_partners_of_a_regional_workgroup(
        demo: tuple[AppContext, dict[str, int]]) -> None:
    context, _counts = demo
    agencies = directory.list_agencies(context.uow(), ALL).rows
    assert {a.kind.value for a in agencies} >= {
        "prosecution", "internal_affairs", "investigative_committee", "customs",
        "border_service", "state_security", "health", "education"}
    assert all(a.short_name and a.region == "Гродненская область" for a in agencies)
    assert all(a.people >= 2 for a in agencies)


def test_workgroups_have_a_legal_basis_leaders_and_members_with_periods(
        demo: tuple[AppContext, dict[str, int]]) -> None:
    context, _counts = demo
    rows = workgroups.list_workgroups(context.uow(), ALL).rows
    drugs = next(r for r in rows if "незаконному обороту наркотиков" in r.name)
    group = workgroups.get_workgroup(context.uow(), drugs.id)
    assert group.legal_basis.startswith("приказ прокурора Гродненской области № ")
    assert " от " in group.legal_basis
    assert group.chair_id and group.deputy_chair_id and group.secretary_id
    chair = directory.get_person(context.uow(), group.chair_id)
    assert chair.position == "прокурор Гродненской области"
    assert len(group.members) >= 10
    assert any(m.until is not None for m in group.members), "one member rotated out"
    assert all(m.since is not None for m in group.members)


def test_held_meetings_read_like_protocols(demo: tuple[AppContext, dict[str, int]]) -> None:
    context, _counts = demo
    held = [m for m in all_meetings(context) if m.status == MeetingStatus.HELD]
    assert len(held) == 12
    for meeting in held:
        assert TODAY - timedelta(days=366) <= meeting.held_on < TODAY
        assert meeting.starts_at is not None and meeting.venue
        assert 2 <= len(meeting.items) <= 4
        absent = [a for a in meeting.attendees if not a.present]
        guests = [a for a in meeting.attendees if a.kind == AttendeeKind.INVITED]
        assert 1 <= len(absent) <= 3 and all(a.note for a in absent)
        assert 1 <= len(guests) <= 4
        for item in meeting.items:
            assert item.title.startswith(("О ", "Об "))
            heard = [s for s in item.speeches if s.section == SpeechSection.HEARD]
            assert len(heard) == 1 and heard[0].person_id and heard[0].speaker_position
            assert heard[0].text.endswith(".") and heard[0].text.count(". ") + 1 <= 5
            assert 2 <= len(item.decisions) <= 4
    decisions = [d for m in held for i in m.items for d in i.decisions]
    assigned = [d for d in decisions if d.responsible_agency_id and d.due_date]
    assert len(assigned) > len(decisions) / 2
    assert all(d.due_date >= m.held_on for m in held for i in m.items for d in i.decisions
               if d.due_date)
    assert any(s.section == SpeechSection.SPOKE for m in held for i in m.items for s in i.speeches)
    assert any(a.substitute_id for m in held for a in m.attendees)
    assert sum(bool(i.dissent) for m in held for i in m.items) == 1
    titles = Counter(i.title for m in held for i in m.items)
    assert titles["Об исполнении решений, принятых на предыдущих заседаниях межведомственной "
                  "рабочей группы"] == 10
    assert len(titles) >= 12, "the agenda varies from meeting to meeting"


def test_numbers_run_per_workgroup_and_year(demo: tuple[AppContext, dict[str, int]]) -> None:
    context, _counts = demo
    by_year: dict[tuple[str, int], list[int]] = {}
    for meeting in sorted(all_meetings(context), key=lambda m: m.held_on):
        by_year.setdefault((meeting.workgroup_id, meeting.year), []).append(meeting.number or 0)
    for numbers in by_year.values():
        assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def test_planned_meetings_have_an_agenda_but_no_decisions(
        demo: tuple[AppContext, dict[str, int]]) -> None:
    context, _counts = demo
    planned = [m for m in all_meetings(context) if m.status == MeetingStatus.PLANNED]
    assert len(planned) == 2
    for meeting in planned:
        assert meeting.held_on > TODAY
        assert meeting.items and all(not item.decisions for item in meeting.items)
        assert all(item.speeches[0].person_id for item in meeting.items)


def test_cyrillic_search_finds_people_and_agencies(
        demo: tuple[AppContext, dict[str, int]]) -> None:
    context, _counts = demo
    found = directory.list_people(context.uow(), ListQuery(text="КОВАЛЬЧУК"))
    assert [p.full_name for p in found.rows] == ["Ковальчук Андрей Викторович"]
    assert found.rows[0].agency_name == "Прокуратура Гродненской области"
    assert [p.full_name for p in directory.list_people(
        context.uow(), ListQuery(text="королев")).rows] == ["Королёв Вадим Николаевич"]
    assert directory.list_agencies(context.uow(), ListQuery(text="таможня")).total == 1


def test_the_demo_is_deterministic(tmp_path: Path) -> None:
    texts = []
    for name in ("a", "b"):
        context = open_context(AppConfig.build(database=str(tmp_path / f"{name}.sqlite")))
        seed_demo(context.uow, context.actor, today=TODAY)
        texts.append([(m.number, m.held_on, m.venue,
                       [(i.title, [s.text for s in i.speeches], [d.text for d in i.decisions])
                        for i in m.items]) for m in all_meetings(context)])
        context.close()
    assert texts[0] == texts[1]


def test_ensure_demo_seeds_only_an_empty_store(context: AppContext) -> None:
    assert ensure_demo(context.uow, context.actor, today=TODAY) is True
    assert ensure_demo(context.uow, context.actor, today=TODAY) is False
    assert directory.list_agencies(context.uow(), ALL).total == 9
    rows = meetings.list_meetings(context.uow(), ALL).rows
    assert len(rows) == 14
    states = {r.id: minutes.status_of(context.uow(), r.id) for r in rows}
    approved = [i for i, s in states.items() if s == MinutesStatus.APPROVED]
    assert 1 <= len(approved) <= 8
    newest = max((r for r in rows if r.status == MeetingStatus.HELD), key=lambda r: r.held_on)
    assert states[newest.id] is None  # left for the user to approve and sign
    assert b"%PDF" in minutes.document(context.uow(), approved[0])[1][:8]


def test_the_demo_flag_of_the_configuration_seeds_once(tmp_path: Path) -> None:
    config = AppConfig.build(database=str(tmp_path / "demo.sqlite"), demo=True)
    for _attempt in range(2):
        context = open_context(config)
        assert meetings.list_meetings(context.uow(), ALL).total == 14
        context.close()


def test_scale_multiplies_workgroups_and_meetings(tmp_path: Path) -> None:
    context = open_context(AppConfig.build(database=str(tmp_path / "s.sqlite")))
    counts = seed_demo(context.uow, context.actor, scale=2, today=TODAY)
    assert (counts["workgroups"], counts["meetings"], counts["people"]) == (4, 28, 30)
    names = [r.name for r in workgroups.list_workgroups(context.uow(), ALL).rows]
    assert len(set(names)) == 4
    with pytest.raises(ValidationError):
        seed_demo(context.uow, context.actor, scale=0)
    context.close()


def test_russian_numerals_agree() -> None:
    assert [plural(n, "дело", "дела", "дел") for n in (1, 2, 5, 11, 21, 22, 112, 104)] == [
        "дело", "дела", "дел", "дел", "дело", "дела", "дел", "дела"]
    assert fill("выявлено {n|преступление|преступления|преступлений}", {"n": 21}) == \
        "выявлено 21 преступление"
    assert period_of(date(2026, 1, 20)) == "2025 год"
    assert period_of(date(2026, 5, 20)) == "4 месяца 2026 года"
    assert period_of(date(2026, 7, 1)) == "6 месяцев 2026 года"


def test_every_template_of_the_pools_fills() -> None:
    """Each sentence and decision of every topic formats: no stray or missing field."""
    rng = random.Random(3)
    values = figures(rng, date(2026, 5, 12))
    for theme in THEMES:
        for topic in theme.topics:
            assert topic.speaker in PERSON and topic.agencies[0] == PERSON[topic.speaker].agency
            for sentence in (*topic.intros, *topic.facts, *topic.problems):
                filled = fill(sentence, values)
                assert "{" not in filled and filled.endswith(".")
            for agency, action in topic.decisions:
                assert "{" not in compose_decision(agency, action, permanent=True)
    for person in PEOPLE:
        assert compose_spoke(rng, person.female, person.agency, "prosecution").count(".") >= 2


# ---- execution control -----------------------------------------------------------------------

def test_the_office_has_its_name_and_country(demo: tuple[AppContext, dict[str, int]]) -> None:
    context, _counts = demo
    assert action_reports.office_name(context.uow()) == "Прокуратура Гродненской области"
    assert workdays.office_country(context.uow()) == "BY"


def test_actions_show_a_living_office_as_of_today(
        demo: tuple[AppContext, dict[str, int]]) -> None:
    context, counts = demo
    rows = actions.list_actions(context.uow(), ListQuery(limit=5000), TODAY).rows
    assert len(rows) == counts["actions"] >= 40
    statuses = Counter(r.status for r in rows)
    assert statuses[ActionStatus.DONE] > len(rows) / 2, "most are done"
    assert statuses[ActionStatus.CANCELLED] >= 1
    assert any(r.done_on and r.done_on > r.deadline for r in rows), "some were done late"
    figures = action_reports.overview(context.uow(), TODAY)
    assert 0.08 <= figures.overdue / len(rows) <= 0.16
    assert all(count >= 1 for count in figures.overdue_by_age), figures.overdue_by_age
    assert sum(figures.overdue_by_age) == figures.overdue
    assert figures.due_this_week >= 1
    assert 2 <= figures.awaiting_acceptance <= 0.1 * len(rows)
    assert figures.active > figures.overdue + figures.due_this_week, "others run on"
    soon = actions.list_actions(context.uow(), ListQuery(filters={
        "status": "active", "due_from": TODAY.isoformat(),
        "due_to": (TODAY + timedelta(days=7)).isoformat()}), TODAY)
    assert soon.total >= 2
    assert {r.extensions for r in rows} >= {0, 1, 2}, "some extended once or twice"
    assert all(r.controller_id for r in rows)
    assert len({r.controller_id for r in rows}) >= 2
    assert {r.source for r in rows} == {ActionSource.DECISION.value, ActionSource.DIRECT.value,
                                        ActionSource.FINDING.value}
    assert sum(r.source == ActionSource.DIRECT.value for r in rows) >= 2
    assert all(r.meeting_held_on and r.decision_number for r in rows
               if r.source == ActionSource.DECISION.value)


def test_action_histories_are_dated_before_today_and_derive_the_state(
        demo: tuple[AppContext, dict[str, int]]) -> None:
    context, _counts = demo
    rows = actions.list_actions(context.uow(), ListQuery(limit=5000), TODAY).rows
    kinds: Counter[EventKind] = Counter()
    for row in rows:
        detail = actions.get_action(context.uow(), row.id)
        assert (detail.state.status, detail.state.deadline) == (row.status, row.deadline)
        assert all(e.effective for e in detail.events)
        days = [e.on for e in detail.events]
        assert days == sorted(days) and days[-1] <= TODAY
        assert days[0] == detail.action.assigned_on
        kinds.update(e.kind for e in detail.events)
    assert set(kinds) >= {EventKind.CREATED, EventKind.REPORTED, EventKind.ACCEPTED,
                          EventKind.RETURNED, EventKind.EXTENDED, EventKind.CANCELLED,
                          EventKind.COMMENT}


def test_a_quarterly_series_runs_with_its_current_occurrence_open(
        demo: tuple[AppContext, dict[str, int]]) -> None:
    context, _counts = demo
    series = actions.list_actions(context.uow(), ListQuery(text="ежеквартально",
                                                           sort="deadline"), TODAY).rows
    assert len(series) >= 3
    details = [actions.get_action(context.uow(), r.id) for r in series]
    assert {d.action.recurrence for d in details} == {Recurrence.QUARTERLY}
    assert len({d.action.series_id for d in details}) == 1
    assert [d.action.occurrence for d in details] == list(range(1, len(details) + 1))
    assert [d.state.status for d in details[:-1]] == [ActionStatus.DONE] * (len(details) - 1)
    assert details[-1].state.status == ActionStatus.OPEN and details[-1].state.deadline >= TODAY


# ---- supervision findings --------------------------------------------------------------------

def test_findings_cover_every_act_type_status_and_timeliness(
        demo: tuple[AppContext, dict[str, int]]) -> None:
    context, counts = demo
    rows = findings.list_findings(context.uow(), ListQuery(limit=500), TODAY).rows
    assert len(rows) == counts["findings"] == 25
    assert {r.act_type for r in rows} == set(ActType)
    assert set(Counter(r.status for r in rows)) == set(FindingStatus)
    overdue = findings.overdue_responses(context.uow(), TODAY)
    assert overdue >= 1 and overdue == sum(r.overdue_days > 0 for r in rows)
    assert any(r.response_due and r.response_due >= TODAY and r.responded_on is None
               for r in rows), "some are awaited within their term"
    stats = findings.statistics(context.uow(), TODAY - timedelta(days=366), TODAY, TODAY)
    assert stats.total.issued == 25
    assert stats.total.on_time > stats.total.late >= 1
    assert stats.total.missing == overdue
    assert stats.total.satisfied >= 1 and stats.total.disciplined >= 1
    details = [findings.get_finding(context.uow(), r.id) for r in rows]
    assert sum(d.state.escalation == Escalation.COURT for d in details) == 1
    assert all(d.finding.legal_norms.startswith("ст. ") and d.finding.subject for d in details)
    assert all(e.on <= TODAY for d in details for e in d.events)
    linked = [d for d in details if d.actions]
    assert len(linked) == 2
    for detail in linked:
        action = actions.get_action(context.uow(), detail.actions[0].id)
        assert action.action.source == ActionSource.FINDING
        assert action.finding_label
