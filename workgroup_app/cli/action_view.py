"""Actions on the command line: naming one, and printing one with its history.

An action is named by its id or the first characters of it (at least four); tables show
the first eight.
"""

from __future__ import annotations

import textwrap
from datetime import date
from typing import Any

from ..domain.action_life import ActionState, ActionStatus, EventKind
from ..domain.action_views import ActionDetail, ActionRow, EventLine
from ..domain.actions import (
    EVENT_LABELS,
    RECURRENCE_LABELS,
    RULE_LABELS,
    SOURCE_LABELS,
    STATUS_LABELS,
    ActionSource,
    Recurrence,
)
from ..i18n import _, tr
from ..services import action_lookup
from .output import echo, fields, fmt_date, plain, print_json
from .state import CliState

WIDTH = 100


def action_id(state: CliState, text: str) -> str:
    return action_lookup.resolve_action(state.uow(), text)


def status_label(status: ActionStatus) -> str:
    return _(STATUS_LABELS[status])


def row_json(row: ActionRow, as_of: date) -> dict[str, Any]:
    """A register line for programs: every field, plus the days overdue on ``as_of``."""
    return {**plain(row), "days_overdue": row.days_overdue(as_of)}


def deadline_text(state: ActionState, as_of: date) -> str:
    """The current deadline, and how long it is overdue if it is."""
    text = fmt_date(state.deadline)
    if state.overdue(as_of):
        text += " " + tr("(overdue by {days} days)", days=(as_of - state.deadline).days)
    return text


def source_text(detail: ActionDetail) -> str:
    action = detail.action
    if action.source == ActionSource.DECISION and detail.meeting_number is not None:
        return tr("Meeting No. {number} of {date}, decision {decision}",
                  number=detail.meeting_number, date=fmt_date(detail.meeting_held_on),
                  decision=detail.decision_number or "—")
    return _(SOURCE_LABELS[action.source])


def rule_text(detail: ActionDetail) -> str:
    action = detail.action
    label = _(RULE_LABELS[action.deadline_rule])
    return f"{label}: {action.deadline_days}" if action.deadline_days else label


def recurrence_text(detail: ActionDetail) -> str:
    action = detail.action
    if action.recurrence == Recurrence.NONE:
        return _(RECURRENCE_LABELS[Recurrence.NONE])
    return tr("{rule} until {date} (occurrence {number})",
              rule=_(RECURRENCE_LABELS[action.recurrence]), date=fmt_date(action.recur_until),
              number=action.occurrence)


def event_details(event: EventLine) -> list[str]:
    """What an event says besides its kind, one short phrase each."""
    parts: list[str] = []
    if event.deadline is not None:
        parts.append(tr("Deadline: {date}", date=fmt_date(event.deadline)))
    if event.agency_name:
        parts.append(tr("Responsible: {agency}", agency=event.agency_name))
    if event.person_name:
        parts.append(tr("Approved by: {name}", name=event.person_name)
                     if event.kind == EventKind.EXTENDED
                     else tr("Official: {name}", name=event.person_name))
    if event.attachment_name:
        parts.append(tr("File: {name}", name=event.attachment_name))
    if not event.effective:
        parts.append(_("not applied: it arrived by exchange and could not follow the others"))
    return parts


def history_lines(events: list[EventLine]) -> list[str]:
    lines: list[str] = []
    for number, event in enumerate(events, start=1):
        head = f"{number:>2}. {fmt_date(event.on)}  {_(EVENT_LABELS[event.kind])}"
        if event.author:
            head += f"  ({event.author})"
        lines.append(head)
        hang = " " * 6
        for part in event_details(event):
            lines.append(textwrap.fill(part, WIDTH, initial_indent=hang,
                                       subsequent_indent=hang))
        for paragraph in event.text.splitlines():
            lines.append(textwrap.fill(paragraph, WIDTH, initial_indent=hang,
                                       subsequent_indent=hang))
    return lines


def detail_json(detail: ActionDetail, as_of: date) -> dict[str, Any]:
    return {**plain(detail), "overdue": detail.overdue(as_of),
            "days_overdue": max(0, (as_of - detail.state.deadline).days)
            if detail.overdue(as_of) else 0}


def print_detail(state: CliState, detail: ActionDetail, as_of: date) -> None:
    if state.json:
        print_json(detail_json(detail, as_of))
        return
    action, now = detail.action, detail.state
    pairs: list[tuple[str, Any]] = [
        ("ID", action.id), (_("Text"), textwrap.fill(action.text, WIDTH - 26)),
        (_("Status"), status_label(now.status)),
        (_("Deadline"), deadline_text(now, as_of)),
        (_("Responsible agency"), detail.agency_name)]
    if detail.co_agency_names:
        pairs.append((_("Co-executing agencies"), "\n".join(detail.co_agency_names)))
    pairs += [(_("Official"), detail.official_name), (_("Controller"), detail.controller_name),
              (_("Workgroup"), detail.workgroup_name), (_("Source"), source_text(detail)),
              (_("Assigned on"), action.assigned_on),
              (_("Deadline set"), f"{rule_text(detail)} → {fmt_date(action.deadline)}"),
              (_("Recurrence"), recurrence_text(detail)),
              (_("Extensions"), now.extensions)]
    if now.reported_on is not None:
        pairs.append((_("Reported on"), now.reported_on))
    if now.done_on is not None:
        pairs.append((_("Done on"), now.done_on))
    echo(fields(pairs))
    echo("")
    echo(_("History:"))
    echo("\n".join(history_lines(detail.events)))
