"""Findings on the command line: naming one, the labels of its fields, and printing one with
its history and linked actions.

A finding is named by its id, an id prefix of at least four characters, or its act as
``TYPE/NUMBER/YEAR`` (``protest/02-15/12/2026``).
"""

from __future__ import annotations

import textwrap
from datetime import date
from typing import Any

from ..domain.action_life import ActionStatus
from ..domain.actions import STATUS_LABELS as ACTION_STATUS_LABELS
from ..domain.finding_views import FindingDetail, FindingRow
from ..domain.findings import (
    ACT_TYPE_LABELS,
    ESCALATION_LABELS,
    FINDING_EVENT_LABELS,
    FINDING_STATUS_LABELS,
    RESULT_LABELS,
    ActType,
    FindingEvent,
    FindingState,
    FindingStatus,
    ResponseResult,
)
from ..i18n import _, tr
from ..services import finding_lookup
from ..services.finding_labels import finding_label
from .output import echo, fields, fmt_date, plain, print_json, short_id
from .state import CliState

WIDTH = 100


def finding_id(state: CliState, text: str) -> str:
    return finding_lookup.resolve_finding(state.uow(), text)


def act_label(act_type: ActType) -> str:
    return _(ACT_TYPE_LABELS[act_type])


def status_text(status: FindingStatus, result: ResponseResult | None) -> str:
    """"Response received (Satisfied)"; the result only when one is known."""
    text = _(FINDING_STATUS_LABELS[status])
    return f"{text} ({_(RESULT_LABELS[result])})" if result is not None else text


def due_text(due: date | None) -> str:
    return fmt_date(due) if due is not None else _("no response due")


def row_json(row: FindingRow) -> dict[str, Any]:
    return plain(row)


def register_line(row: FindingRow) -> list[Any]:
    return [short_id(row.id), act_label(row.act_type), row.act_number, row.act_date,
            row.agency_name, row.response_due, row.overdue_days or "",
            status_text(row.status, row.result), row.subject]


def register_headers() -> list[str]:
    return ["ID", _("Act"), _("Number"), _("Act date"), _("Agency"), _("Response due"),
            _("Days overdue"), _("Status"), _("Inspection subject")]


def overdue_days(detail: FindingDetail, as_of: date) -> int:
    due = detail.finding.response_due
    return (as_of - due).days if due is not None and detail.state.overdue(due, as_of) else 0


def event_details(event: FindingEvent) -> list[str]:
    """What an event says besides its kind, one short phrase each."""
    parts: list[str] = []
    if event.result is not None:
        parts.append(tr("Result: {result}", result=_(RESULT_LABELS[event.result])))
    if event.disciplined:
        parts.append(tr("Officials disciplined: {count}", count=event.disciplined))
    if event.acts_repealed:
        parts.append(tr("Acts repealed or amended: {count}", count=event.acts_repealed))
    if event.escalation is not None:
        parts.append(_(ESCALATION_LABELS[event.escalation]))
    if event.attachment_name:
        parts.append(tr("File: {name}", name=event.attachment_name))
    return parts


def history_lines(detail: FindingDetail) -> list[str]:
    lines: list[str] = []
    hang = " " * 6
    for number, event in enumerate(detail.events, start=1):
        head = f"{number:>2}. {fmt_date(event.on)}  {_(FINDING_EVENT_LABELS[event.kind])}"
        if event.author:
            head += f"  ({event.author})"
        lines.append(head)
        parts = event_details(event)
        if event.id in detail.skipped:
            parts.append(_("not applied: it arrived by exchange and could not follow the "
                           "others"))
        for text in [*parts, *event.text.splitlines()]:
            lines.append(textwrap.fill(text, WIDTH, initial_indent=hang,
                                       subsequent_indent=hang))
    return lines


def state_pairs(now: FindingState) -> list[tuple[str, Any]]:
    pairs: list[tuple[str, Any]] = []
    if now.responded_on is not None:
        pairs.append((_("Responded on"), now.responded_on))
    if now.disciplined or now.acts_repealed:
        pairs += [(_("Officials disciplined"), now.disciplined),
                  (_("Acts repealed or amended"), now.acts_repealed)]
    if now.escalation is not None:
        pairs.append((_("Escalated"), _(ESCALATION_LABELS[now.escalation])))
    if now.closed_on is not None:
        pairs.append((_("Closed on"), now.closed_on))
    return pairs


def print_detail(state: CliState, detail: FindingDetail, as_of: date) -> None:
    late = overdue_days(detail, as_of)
    if state.json:
        print_json({**plain(detail), "skipped": sorted(detail.skipped),
                    "label": finding_label(detail.finding),
                    "overdue": late > 0, "days_overdue": late})
        return
    finding, now = detail.finding, detail.state
    due = due_text(finding.response_due)
    if late:
        due += " " + tr("(overdue by {days} days)", days=late)
    pairs: list[tuple[str, Any]] = [
        ("ID", finding.id), (_("Act"), finding_label(finding)),
        (_("Status"), status_text(now.status, now.result)), (_("Response due"), due),
        *state_pairs(now),
        (_("Inspected agency"), detail.agency_name),
        (_("Inspected official"), detail.official_name),
        (_("Inspected on"), finding.inspected_on),
        (_("Inspection subject"), textwrap.fill(finding.subject, WIDTH - 26)),
        (_("Violations"), textwrap.fill(finding.violations, WIDTH - 26)),
        (_("Legal norms"), textwrap.fill(finding.legal_norms, WIDTH - 26)),
        (_("Prosecutor"), detail.prosecutor_name), (_("Addressee"), finding.addressee),
        (_("Workgroup"), detail.workgroup_name), (_("Meeting"), detail.meeting_label)]
    echo(fields(pairs))
    echo("")
    echo(_("History:"))
    echo("\n".join(history_lines(detail)))
    if detail.actions:
        echo("")
        echo(_("Actions:"))
        for action in detail.actions:
            status = _(ACTION_STATUS_LABELS[ActionStatus(action.status)])
            echo(f"  {short_id(action.id)}  {fmt_date(action.deadline)}  {status}  "
                 f"{textwrap.shorten(action.text, 60, placeholder='…')}")
