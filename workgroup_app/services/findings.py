"""Supervision findings: record, respond, measures, escalate, close; presets of response
terms; actions made from a finding; the register and the statistics of a period."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from ..domain.access import Permission
from ..domain.actions import Action, ActionSource
from ..domain.actor import Actor
from ..domain.deadlines import DeadlineRule, compute_deadline
from ..domain.errors import ConflictError, NotFoundError, ValidationError
from ..domain.finding_views import FindingDetail, FindingRow, FindingStatLine, FindingStats
from ..domain.findings import (
    ACT_TYPE_LABELS,
    DEFAULT_PRESETS,
    ActType,
    Escalation,
    Finding,
    FindingEvent,
    FindingEventKind,
    FindingState,
    ResponsePreset,
    ResponseResult,
    apply,
)
from ..domain.messages import N_
from ..domain.rules import check_date, clean, limit_text
from ..domain.views import ListQuery, Page
from ..i18n import tr
from . import revisions
from .acting import act
from .attachments import attachment_name, read_attachment
from .finding_labels import finding_label
from .ports import UnitOfWork
from .workdays import calendar_in

TEXT_MAX = 4000
ACT_NUMBER_MAX = 100
PRESET_KEY = "finding_preset."


# ---- presets of response terms -----------------------------------------------------------------

def _encode(preset: ResponsePreset) -> str:
    return "none" if preset.rule is None else f"{preset.rule.value}:{preset.days}"


def _decode(text: str, default: ResponsePreset) -> ResponsePreset:
    if text == "none":
        return ResponsePreset(None)
    try:
        rule, days = text.split(":")
        return ResponsePreset(DeadlineRule(rule), int(days))
    except ValueError:
        return default  # a damaged setting falls back to the statute


def presets(uow: UnitOfWork) -> dict[ActType, ResponsePreset]:
    with uow:
        stored = {t: uow.settings.get(PRESET_KEY + t.value, "") for t in ActType}
    return {t: _decode(text, DEFAULT_PRESETS[t]) if text else DEFAULT_PRESETS[t]
            for t, text in stored.items()}


def _checked_preset(act_type: ActType, preset: ResponsePreset) -> ResponsePreset:
    day_rules = (DeadlineRule.CALENDAR_DAYS, DeadlineRule.WORKING_DAYS)
    if preset.rule in day_rules and not 1 <= preset.days <= 365:
        raise ValidationError(N_("A response term is 1 to 365 days."),
                              field=f"days.{act_type.value}")
    return ResponsePreset(preset.rule, preset.days if preset.rule in day_rules else 0)


def set_preset(uow: UnitOfWork, actor: Actor, act_type: ActType,
               preset: ResponsePreset) -> ResponsePreset:
    act(uow, actor, Permission.MANAGE_SETTINGS)
    return set_presets(uow, actor, {act_type: preset})[act_type]


def set_presets(uow: UnitOfWork, actor: Actor, changed: dict[ActType, ResponsePreset]
                ) -> dict[ActType, ResponsePreset]:
    """Store several terms at once: all of them, or none when one is refused."""
    act(uow, actor, Permission.MANAGE_SETTINGS)
    checked = {t: _checked_preset(t, p) for t, p in changed.items()}
    with uow:
        for act_type, preset in checked.items():
            uow.settings.set(PRESET_KEY + act_type.value, _encode(preset))
        uow.commit()
    return checked


def response_due(uow: UnitOfWork, act_type: ActType, act_date: date,
                 fixed: date | None = None) -> date | None:
    """The response due date of an act: its type's preset through the office calendar, or
    the date the prosecutor set (required where the preset says so)."""
    preset = presets(uow)[act_type]
    if preset.rule is None:
        if fixed is not None and fixed < act_date:
            raise ValidationError(N_("The response cannot be due before the act ({day})."),
                                  field="response_due", day=act_date)
        return fixed
    if preset.rule == DeadlineRule.FIXED_DATE and fixed is None:
        raise ValidationError(N_("For this act the prosecutor sets the response date: give "
                                 "it."), field="response_due")
    if preset.rule != DeadlineRule.FIXED_DATE and fixed is not None:
        preset = ResponsePreset(DeadlineRule.FIXED_DATE)  # the prosecutor's own date wins
    check_date(fixed, "response_due", N_("Response due"))
    with uow:
        calendar = calendar_in(uow, act_date)
    return compute_deadline(preset.rule, act_date, calendar, days=preset.days, fixed=fixed)


# ---- recording --------------------------------------------------------------------------------

def validate_finding(finding: Finding) -> Finding:
    finding.subject = clean(finding.subject)
    finding.act_number = limit_text(finding.act_number, "act_number", N_("Act number"),
                                    ACT_NUMBER_MAX)
    finding.violations = finding.violations.strip()
    finding.legal_norms = finding.legal_norms.strip()
    finding.addressee = limit_text(finding.addressee, "addressee", N_("Addressee"))
    check_date(finding.inspected_on, "inspected_on", N_("Inspection date"))
    check_date(finding.act_date, "act_date", N_("Act date"))
    if not finding.agency_id:
        raise ValidationError(N_("Choose the inspected agency."), field="agency_id")
    if not finding.subject:
        raise ValidationError(N_("Say what was inspected."), field="subject")
    if not finding.act_number:
        raise ValidationError(N_("Give the act's number."), field="act_number")
    for name, label in (("subject", N_("Inspection subject")),
                        ("violations", N_("Violations found")), ("legal_norms", N_("Legal norms"))):
        limit_text(getattr(finding, name), name, label, TEXT_MAX)
    if finding.act_date < finding.inspected_on:
        raise ValidationError(N_("The act ({act}) cannot be dated before the inspection "
                                 "({inspected})."), field="act_date", act=finding.act_date,
                              inspected=finding.inspected_on)
    return finding


def _check(uow: UnitOfWork, finding: Finding) -> None:
    if not uow.agencies.exists(finding.agency_id):
        raise NotFoundError(N_("Agency {id} not found."), field="agency_id",
                            id=finding.agency_id)
    for name in ("official_id", "prosecutor_id"):
        person = getattr(finding, name)
        if person is not None and not uow.people.exists(person):
            raise NotFoundError(N_("Person {id} not found."), field=name, id=person)
    if finding.workgroup_id is not None and not uow.workgroups.exists(finding.workgroup_id):
        raise NotFoundError(N_("Workgroup {id} not found."), field="workgroup_id",
                            id=finding.workgroup_id)
    if finding.meeting_id is not None and not uow.meetings.exists(finding.meeting_id):
        raise NotFoundError(N_("Meeting {id} not found."), field="meeting_id",
                            id=finding.meeting_id)
    # Unique per year and type, checked here and not by the database: exchange between
    # offices must never fail on it (as with meeting numbers).
    if uow.findings.numbers_taken(finding.act_type, finding.act_year, finding.act_number,
                                  except_id=finding.id):
        raise ConflictError(N_("{act} No. {number} of {year} is already recorded."),
                            field="act_number", act=ACT_TYPE_LABELS[finding.act_type],
                            number=finding.act_number, year=finding.act_year)


def add_finding(uow: UnitOfWork, actor: Actor, finding: Finding,
                due: date | None = None) -> Finding:
    """Record a finding and its act; ``due`` is the prosecutor's date where the preset asks
    for one (or overrides it). The computed due date is in the returned finding."""
    act(uow, actor, Permission.EDIT_FINDINGS)
    validate_finding(finding)
    finding.response_due = response_due(uow, finding.act_type, finding.act_date, due)
    with uow:
        uow.lock_writes()  # keeps the act number free between the check and the write
        _check(uow, finding)
        uow.findings.add(finding, FindingEvent(FindingEventKind.RECORDED, finding.act_date,
                                               author=actor.user))
        uow.commit()
    return finding


def update_finding(uow: UnitOfWork, actor: Actor, finding: Finding,
                   due: date | None = None, expected: str | None = None) -> Finding:
    """Edit what was recorded. Without ``due`` the due date stays as it was while the act's
    type and date stay; an act date moved past the events recorded since is refused.
    ``expected`` is the revision the editor opened (revisions.check)."""
    act(uow, actor, Permission.EDIT_FINDINGS)
    validate_finding(finding)
    with uow:
        stored = uow.findings.get(finding.id)
        if stored is None:
            raise NotFoundError(N_("Finding {id} not found."), id=finding.id)
        events = uow.findings.event_list(finding.id)
    same_act = (stored.act_type, stored.act_date) == (finding.act_type, finding.act_date)
    if due is None and same_act:
        finding.response_due = stored.response_due
    else:
        finding.response_due = response_due(uow, finding.act_type, finding.act_date, due)
    _check_events(events, finding)
    with uow:
        uow.lock_writes()
        # Read again under the lock: what was read above may have changed meanwhile.
        now = uow.findings.get(finding.id)
        if now is None:
            raise NotFoundError(N_("Finding {id} not found."), id=finding.id)
        revisions.check(uow, expected, now, N_("The finding"), ["finding"], [finding.id])
        if due is None and same_act:
            finding.response_due = now.response_due
        _check_events(uow.findings.event_list(finding.id), finding)
        _check(uow, finding)
        uow.findings.update(finding)
        uow.commit()
    return finding


def _check_events(events: list[FindingEvent], finding: Finding) -> None:
    later = [e.on for e in events if e.kind != FindingEventKind.RECORDED]
    if later and min(later) < finding.act_date:
        raise ValidationError(N_("Events dated from {day} are recorded; the act cannot be dated "
                                 "after them."), field="act_date", day=min(later))


def record(uow: UnitOfWork, actor: Actor, finding_id: str, event: FindingEvent,
           attachment: Path | None = None, today: date | None = None) -> FindingState:
    """Append an event after checking it against the finding's state; an attachment is kept
    in the store by its SHA-256."""
    act(uow, actor, Permission.EDIT_FINDINGS)
    text = limit_text(event.text, "text", N_("Text"), TEXT_MAX) if event.text.strip() else ""
    event = replace(event, text=text, author=actor.user)
    if event.on > (today or date.today()):
        raise ValidationError(N_("The date {date} is in the future."), field="on",
                              date=event.on)
    data = None if attachment is None else read_attachment(attachment)
    with uow:
        finding = uow.findings.get(finding_id)
        if finding is None:
            raise NotFoundError(N_("Finding {id} not found."), id=finding_id)
        state, _skipped = uow.findings.state(finding_id)
        apply(state, event, finding.act_date)  # refuses what cannot follow
        if data is not None and attachment is not None:
            event = replace(event, attachment_name=attachment_name(attachment),
                            attachment_sha256=uow.blobs.put(data))
        state = uow.findings.append(finding_id, event)
        uow.commit()
    return state


def respond(uow: UnitOfWork, actor: Actor, finding_id: str, on: date, text: str = "",
            result: ResponseResult | None = None, attachment: Path | None = None,
            today: date | None = None) -> FindingState:
    """The addressee's response, with its result when known."""
    act(uow, actor, Permission.EDIT_FINDINGS)
    return record(uow, actor, finding_id, FindingEvent(
        FindingEventKind.RESPONSE, on, text, result=result), attachment, today)


def measures(uow: UnitOfWork, actor: Actor, finding_id: str, on: date, disciplined: int = 0,
             acts_repealed: int = 0, text: str = "") -> FindingState:
    act(uow, actor, Permission.EDIT_FINDINGS)
    return record(uow, actor, finding_id, FindingEvent(
        FindingEventKind.MEASURES, on, text, disciplined=disciplined,
        acts_repealed=acts_repealed))


def escalate(uow: UnitOfWork, actor: Actor, finding_id: str, on: date, to: Escalation,
             text: str = "") -> FindingState:
    act(uow, actor, Permission.EDIT_FINDINGS)
    return record(uow, actor, finding_id, FindingEvent(FindingEventKind.ESCALATED, on, text,
                                                        escalation=to))


def result(uow: UnitOfWork, actor: Actor, finding_id: str, on: date,
           outcome: ResponseResult, text: str = "") -> FindingState:
    act(uow, actor, Permission.EDIT_FINDINGS)
    return record(uow, actor, finding_id, FindingEvent(FindingEventKind.RESULT, on, text,
                                                        result=outcome))


def attach(uow: UnitOfWork, actor: Actor, finding_id: str, on: date, path: Path,
           text: str = "") -> FindingState:
    """A document of the finding itself (the act, an inspection report …)."""
    act(uow, actor, Permission.EDIT_FINDINGS)
    return record(uow, actor, finding_id, FindingEvent(FindingEventKind.ATTACHED, on, text),
                  attachment=path)


def comment(uow: UnitOfWork, actor: Actor, finding_id: str, on: date,
            text: str) -> FindingState:
    act(uow, actor, Permission.EDIT_FINDINGS)
    if not text.strip():
        raise ValidationError(N_("Write the comment."), field="text")
    return record(uow, actor, finding_id, FindingEvent(FindingEventKind.COMMENT, on, text))


def close(uow: UnitOfWork, actor: Actor, finding_id: str, on: date,
          text: str = "") -> FindingState:
    act(uow, actor, Permission.EDIT_FINDINGS)
    return record(uow, actor, finding_id, FindingEvent(FindingEventKind.CLOSED, on, text))


# ---- reading ----------------------------------------------------------------------------------

def list_findings(uow: UnitOfWork, query: ListQuery, as_of: date | None = None
                  ) -> Page[FindingRow]:
    with uow:
        return uow.finding_queries.register(query, as_of or date.today())


def get_finding(uow: UnitOfWork, finding_id: str) -> FindingDetail:
    with uow:
        finding = uow.findings.get(finding_id)
        if finding is None:
            raise NotFoundError(N_("Finding {id} not found."), id=finding_id)
        state, skipped = uow.findings.state(finding_id)
        events = uow.findings.event_list(finding_id)
        people = uow.queries.people_names([p for p in (finding.official_id,
                                                        finding.prosecutor_id) if p])
        agency = uow.agencies.get(finding.agency_id) if finding.agency_id else None
        group = uow.workgroups.get(finding.workgroup_id) if finding.workgroup_id else None
        meeting = uow.meetings.get(finding.meeting_id) if finding.meeting_id else None
        linked = tuple(uow.findings.actions_of(finding_id))
    meeting_label = tr(N_("No. {number} of {date}"), number=meeting.number,
                       date=meeting.held_on) if meeting else ""
    return FindingDetail(finding, state, tuple(events), agency.name if agency else "",
                         people.get(finding.official_id or "", ""),
                         people.get(finding.prosecutor_id or "", ""),
                         group.name if group else "", meeting_label, linked,
                         frozenset(skipped))


def label(uow: UnitOfWork, finding_id: str) -> str:
    with uow:
        finding = uow.findings.get(finding_id)
    if finding is None:
        raise NotFoundError(N_("Finding {id} not found."), id=finding_id)
    return finding_label(finding)


def overdue_responses(uow: UnitOfWork, as_of: date | None = None) -> int:
    with uow:
        return uow.finding_queries.overdue_count(as_of or date.today())


def draft_action(uow: UnitOfWork, finding_id: str, today: date | None = None) -> Action:
    """An action to check that the violations are eliminated, for the inspected agency; the
    caller sets the deadline and may change the text."""
    with uow:
        finding = uow.findings.get(finding_id)
    if finding is None:
        raise NotFoundError(N_("Finding {id} not found."), id=finding_id)
    text = tr(N_("Check that the violations found are eliminated: {subject}"),
              subject=finding.subject)
    return Action(text=text, agency_id=finding.agency_id,
                  assigned_on=max(today or date.today(), finding.act_date),
                  source=ActionSource.FINDING, finding_id=finding.id,
                  workgroup_id=finding.workgroup_id, meeting_id=None,
                  controller_id=finding.prosecutor_id)


def statistics(uow: UnitOfWork, date_from: date, date_to: date,
               as_of: date | None = None) -> FindingStats:
    if date_to < date_from:
        raise ValidationError(N_("The period ends before it begins."), field="to")
    as_of = as_of or date.today()
    with uow:
        lines = uow.finding_queries.statistics(date_from, date_to, as_of)
    total = FindingStatLine("", ActType.SUBMISSION, *(
        sum(getattr(line, name) for line in lines) for name in (
            "issued", "on_time", "late", "missing", "pending", "with_result", "satisfied",
            "disciplined")))
    return FindingStats(date_from, date_to, as_of, tuple(lines), total)
