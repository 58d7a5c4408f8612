"""`workgroup findings …`: the register of supervision findings and their acts of response,
one finding, recording one, and what follows it (response, measures, escalation, closing).

Each event command appends one event; a refused one changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from ..domain.findings import (
    COUNT_MAX,
    FINDING_EVENT_LABELS,
    Escalation,
    Finding,
    FindingEventKind,
    FindingState,
    FindingStatus,
    ResponseResult,
    parse_act_type,
)
from ..domain.messages import N_
from ..domain.views import ListQuery
from ..i18n import _, tr
from ..services import findings
from . import resolve
from .finding_view import (
    due_text,
    finding_id,
    print_detail,
    register_headers,
    register_line,
    row_json,
    status_text,
)
from .output import echo, plain, print_json, show_list
from .state import CliState, pass_state, read_date, required_date

F = Callable[..., Any]
STATUSES = [s.value for s in FindingStatus]


@click.group("findings", help=_("Supervision findings and the acts of prosecutorial "
                                "response: the register, recording, responses and closing."))
def findings_group() -> None:
    """A group: the subcommands below do the work."""


def as_of_option(command: F) -> F:
    return click.option("--as-of", metavar="DATE", help=_(
        "Count overdue responses as of this date (default: today)."))(command)


def as_of_date(text: str | None) -> date:
    return read_date(text, N_("As of")) or date.today()


@findings_group.command("list", help=_("List findings, the newest act first."))
@click.option("--status", type=click.Choice(STATUSES), help=_("Only findings in this state."))
@click.option("--overdue", is_flag=True, help=_("Only findings whose response is overdue."))
@click.option("--agency", metavar="AGENCY", help=_("Only findings of this inspected agency."))
@click.option("--act-type", metavar="TYPE", help=_("Only acts of this type."))
@click.option("--workgroup", metavar="WG", help=_("Only findings of this workgroup."))
@click.option("--from", "date_from", metavar="DATE", help=_("Acts dated on or after this date."))
@click.option("--to", "date_to", metavar="DATE", help=_("Acts dated on or before this date."))
@click.option("--search", default="", help=_("Part of the subject, number or violations."))
@as_of_option
@click.option("--limit", type=click.IntRange(1, 5000), default=100, show_default=True)
@pass_state
def list_findings(state: CliState, status: str | None, overdue: bool, agency: str | None,
                  act_type: str | None, workgroup: str | None, date_from: str | None,
                  date_to: str | None, search: str, as_of: str | None, limit: int) -> None:
    day = as_of_date(as_of)
    filters: dict[str, str] = {"status": status} if status else {}
    if overdue:
        filters["overdue"] = "1"
    if act_type:
        filters["act_type"] = parse_act_type(act_type).value
    for key, text in (("from", date_from), ("to", date_to)):
        bound = read_date(text, N_("Act date"))
        if bound is not None:
            filters[key] = bound.isoformat()
    if agency:
        filters["agency"] = resolve.agency(state, agency)
    if workgroup:
        filters["workgroup"] = resolve.workgroup(state, workgroup)
    page = findings.list_findings(state.uow(), ListQuery(text=search, limit=limit,
                                                         filters=filters), day)
    show_list(state.json, [row_json(r) for r in page.rows], register_headers(),
              [register_line(r) for r in page.rows], page.total)


@findings_group.command("show", help=_("Show a finding with its history and actions."))
@click.argument("finding")
@as_of_option
@pass_state
def show_finding(state: CliState, finding: str, as_of: str | None) -> None:
    day = as_of_date(as_of)
    print_detail(state, findings.get_finding(state.uow(), finding_id(state, finding)), day)


@findings_group.command("add", help=_("Record a finding and its act of response; prints the "
                                      "response due date from the act type's term."))
@click.option("--agency", metavar="AGENCY", required=True, help=_("The inspected agency."))
@click.option("--act-type", metavar="TYPE", required=True, help=_(
    "protest, submission, order, warning, demand or resolution."))
@click.option("--act-number", metavar="N", required=True, help=_("The act's number."))
@click.option("--act-date", metavar="DATE", required=True, help=_("The act's date."))
@click.option("--subject", required=True, help=_("What was inspected."))
@click.option("--inspected", metavar="DATE", help=_("The inspection date (default: the act's "
                                                    "date)."))
@click.option("--official", metavar="PERSON", help=_("The inspected official."))
@click.option("--violations", default="", help=_("The violations found."))
@click.option("--norms", default="", help=_("The legal norms violated."))
@click.option("--prosecutor", metavar="PERSON", help=_("The prosecutor who issued the act."))
@click.option("--addressee", default="", help=_("To whom the act is addressed."))
@click.option("--workgroup", metavar="WG", help=_("The linked workgroup."))
@click.option("--meeting", metavar="MEETING", help=_("The linked meeting."))
@click.option("--due", metavar="DATE", help=_("The response due date the prosecutor set "
                                              "(required for orders and demands)."))
@pass_state
def add_finding(state: CliState, agency: str, act_type: str, act_number: str, act_date: str,
                subject: str, inspected: str | None, official: str | None, violations: str,
                norms: str, prosecutor: str | None, addressee: str, workgroup: str | None,
                meeting: str | None, due: str | None) -> None:
    kind = parse_act_type(act_type)  # the domain's own message for an unknown type
    dated = required_date(act_date, N_("Act date"))
    inspected_on = read_date(inspected, N_("Inspected on")) or dated
    fixed_due = read_date(due, N_("Response due"))
    finding = Finding(
        agency_id=resolve.agency(state, agency), inspected_on=inspected_on, subject=subject,
        act_type=kind, act_number=act_number, act_date=dated,
        official_id=resolve.optional_person(state, official), violations=violations,
        legal_norms=norms, prosecutor_id=resolve.optional_person(state, prosecutor),
        addressee=addressee,
        workgroup_id=resolve.workgroup(state, workgroup) if workgroup else None,
        meeting_id=resolve.meeting(state, meeting) if meeting else None)
    created = findings.add_finding(state.uow(), state.context().actor, finding, fixed_due)
    if state.json:
        print_json(created)
        return
    echo(tr("Finding added: {id}", id=created.id))
    if created.response_due is None:
        echo(_("No response is due."))
    else:
        echo(tr("Response due: {date}", date=due_text(created.response_due)))


# -- what follows the act ---------------------------------------------------------------------

def done(state: CliState, reference: str, kind: FindingEventKind, after: FindingState) -> None:
    """Say what the finding's state is now."""
    if state.json:
        print_json({"id": reference, "event": kind.value, **plain(after)})
        return
    echo(tr("{event}. Status: {status}.", event=_(FINDING_EVENT_LABELS[kind]),
            status=status_text(after.status, after.result)))


def event_date(text: str | None) -> date:
    return read_date(text, N_("Date")) or date.today()


@findings_group.command("respond", help=_("Record the addressee's response to the act."))
@click.argument("finding")
@click.option("--date", "on", metavar="DATE", required=True, help=_("The response's date."))
@click.option("--result", type=click.Choice([r.value for r in ResponseResult]),
              help=_("How the act was considered."))
@click.option("--text", default="", help=_("What the response says."))
@click.option("--attach", type=click.Path(dir_okay=False, path_type=Path),
              help=_("A file to keep with the response."))
@pass_state
def respond(state: CliState, finding: str, on: str, result: str | None, text: str,
            attach: Path | None) -> None:
    day = required_date(on, N_("Date"))
    reference = finding_id(state, finding)
    after = findings.respond(state.uow(), state.context().actor, reference, day, text,
                             ResponseResult(result) if result else None, attach)
    done(state, reference, FindingEventKind.RESPONSE, after)


@findings_group.command("result", help=_("Record how the act was considered, after the "
                                         "response."))
@click.argument("finding")
@click.option("--date", "on", metavar="DATE", help=_("When it was known (default: today)."))
@click.option("--result", "outcome", type=click.Choice([r.value for r in ResponseResult]),
              required=True, help=_("How the act was considered."))
@click.option("--text", default="", help=_("A note."))
@pass_state
def record_result(state: CliState, finding: str, on: str | None, outcome: str,
                  text: str) -> None:
    reference = finding_id(state, finding)
    after = findings.result(state.uow(), state.context().actor, reference, event_date(on),
                            ResponseResult(outcome), text)
    done(state, reference, FindingEventKind.RESULT, after)


@findings_group.command("attach", help=_("Keep a document with the finding (the act, an "
                                         "inspection report …)."))
@click.argument("finding")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--date", "on", metavar="DATE", help=_("The document's date (default: today)."))
@click.option("--text", default="", help=_("What the document is."))
@pass_state
def attach(state: CliState, finding: str, file: Path, on: str | None, text: str) -> None:
    reference = finding_id(state, finding)
    after = findings.attach(state.uow(), state.context().actor, reference, event_date(on),
                            file, text)
    done(state, reference, FindingEventKind.ATTACHED, after)


@findings_group.command("comment", help=_("Add a comment to a finding's history."))
@click.argument("finding")
@click.option("--text", required=True, help=_("The comment."))
@click.option("--date", "on", metavar="DATE", help=_("Its date (default: today)."))
@pass_state
def add_comment(state: CliState, finding: str, text: str, on: str | None) -> None:
    reference = finding_id(state, finding)
    after = findings.comment(state.uow(), state.context().actor, reference, event_date(on),
                             text)
    done(state, reference, FindingEventKind.COMMENT, after)


@findings_group.command("measures", help=_("Record the measures taken on the act."))
@click.argument("finding")
@click.option("--date", "on", metavar="DATE", required=True, help=_("When they were taken."))
@click.option("--disciplined", type=click.IntRange(0, COUNT_MAX), default=0,
              help=_("Officials brought to disciplinary responsibility."))
@click.option("--repealed", type=click.IntRange(0, COUNT_MAX), default=0,
              help=_("Acts repealed or amended."))
@click.option("--text", default="", help=_("Other measures, in words."))
@pass_state
def record_measures(state: CliState, finding: str, on: str, disciplined: int, repealed: int,
                    text: str) -> None:
    day = required_date(on, N_("Date"))
    reference = finding_id(state, finding)
    after = findings.measures(state.uow(), state.context().actor, reference, day, disciplined,
                              repealed, text)
    done(state, reference, FindingEventKind.MEASURES, after)


@findings_group.command("escalate", help=_("Record that the matter went to a higher body or "
                                           "to court."))
@click.argument("finding")
@click.option("--date", "on", metavar="DATE", required=True, help=_("When it was sent."))
@click.option("--to", "to", type=click.Choice([e.value for e in Escalation]), required=True,
              help=_("Where the matter went."))
@click.option("--text", default="", help=_("A note."))
@pass_state
def escalate(state: CliState, finding: str, on: str, to: str, text: str) -> None:
    day = required_date(on, N_("Date"))
    reference = finding_id(state, finding)
    after = findings.escalate(state.uow(), state.context().actor, reference, day,
                              Escalation(to), text)
    done(state, reference, FindingEventKind.ESCALATED, after)


@findings_group.command("close", help=_("Close a finding: nothing more is expected on it."))
@click.argument("finding")
@click.option("--date", "on", metavar="DATE", help=_("When it was closed (default: today)."))
@click.option("--text", default="", help=_("Why it is closed."))
@pass_state
def close(state: CliState, finding: str, on: str | None, text: str) -> None:
    day = event_date(on)
    reference = finding_id(state, finding)
    after = findings.close(state.uow(), state.context().actor, reference, day, text)
    done(state, reference, FindingEventKind.CLOSED, after)
