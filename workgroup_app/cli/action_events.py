"""`workgroup actions report|accept|return|extend|reassign|cancel|comment`: what happens to an
action after it is assigned. Each appends one event; a refused one changes nothing.

Each prints the action's status and deadline afterwards (accept also the next occurrence of
a recurring action).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from ..domain.action_life import ActionState, EventKind
from ..domain.actions import EVENT_LABELS
from ..domain.messages import N_
from ..i18n import _, tr
from ..services import actions
from . import resolve
from .action_view import action_id, status_label
from .output import echo, fmt_date, print_json
from .state import CliState, pass_state, read_date, required_date

F = Callable[..., Any]


def date_option(command: F) -> F:
    return click.option("--date", "on", metavar="DATE",
                        help=_("When it happened (default: today)."))(command)


def event_date(text: str | None) -> date:
    return read_date(text, N_("Date")) or date.today()


def done(state: CliState, reference: str, kind: EventKind, after: ActionState,
         next_id: str | None = None) -> None:
    """Say what the action's state is now."""
    next_deadline = None
    if next_id is not None:
        next_deadline = actions.get_action(state.uow(), next_id).state.deadline
    if state.json:
        print_json({"id": reference, "event": kind.value, "status": after.status.value,
                    "deadline": after.deadline, "extensions": after.extensions,
                    "agency_id": after.agency_id, "next_id": next_id,
                    "next_deadline": next_deadline})
        return
    echo(tr("{event}. Status: {status}; deadline {deadline}.",
            event=_(EVENT_LABELS[kind]), status=status_label(after.status),
            deadline=fmt_date(after.deadline)))
    if next_id is not None:
        echo(tr("Next occurrence: {id}, deadline {deadline}.", id=next_id,
                deadline=fmt_date(next_deadline)))


@click.command("report", help=_("Record the executor's report, with a file if given."))
@click.argument("action")
@click.option("--text", default="", help=_("What was done."))
@click.option("--attach", type=click.Path(dir_okay=False, path_type=Path),
              help=_("A file to keep with the report (up to 50 MB)."))
@date_option
@pass_state
def report(state: CliState, action: str, text: str, attach: Path | None,
           on: str | None) -> None:
    day = event_date(on)
    reference = action_id(state, action)
    after = actions.report(state.uow(), state.context().actor, reference, text, day, attach)
    done(state, reference, EventKind.REPORTED, after)


@click.command("accept", help=_("Accept the report; a recurring action gets its next "
                                "occurrence."))
@click.argument("action")
@date_option
@pass_state
def accept(state: CliState, action: str, on: str | None) -> None:
    day = event_date(on)
    reference = action_id(state, action)
    next_id = actions.accept(state.uow(), state.context().actor, reference, day)
    after = actions.get_action(state.uow(), reference).state
    done(state, reference, EventKind.ACCEPTED, after, next_id)


@click.command("return", help=_("Return the report for rework, with the reason."))
@click.argument("action")
@click.option("--reason", default="", help=_("Why the report is not accepted."))
@click.option("--deadline", metavar="DATE", help=_("A new deadline, if any."))
@date_option
@pass_state
def return_for_rework(state: CliState, action: str, reason: str, deadline: str | None,
                      on: str | None) -> None:
    day = event_date(on)
    new_deadline = read_date(deadline, N_("Deadline"))
    reference = action_id(state, action)
    after = actions.return_for_rework(state.uow(), state.context().actor, reference, reason,
                                      day, new_deadline)
    done(state, reference, EventKind.RETURNED, after)


@click.command("extend", help=_("Extend the deadline, with the reason and who approved it."))
@click.argument("action")
@click.option("--deadline", metavar="DATE", required=True, help=_("The new deadline."))
@click.option("--reason", default="", help=_("Why the deadline is extended."))
@click.option("--approved-by", metavar="PERSON", help=_("Who approved the extension."))
@date_option
@pass_state
def extend(state: CliState, action: str, deadline: str, reason: str, approved_by: str | None,
           on: str | None) -> None:
    day = event_date(on)
    new_deadline = required_date(deadline, N_("Deadline"))
    reference = action_id(state, action)
    person = resolve.optional_person(state, approved_by)
    after = actions.extend(state.uow(), state.context().actor, reference, new_deadline, reason,
                           day, person)
    done(state, reference, EventKind.EXTENDED, after)


@click.command("reassign", help=_("Pass the action to another responsible agency."))
@click.argument("action")
@click.option("--agency", metavar="AGENCY", required=True, help=_("The new responsible agency."))
@click.option("--official", metavar="PERSON", help=_("The new responsible official."))
@click.option("--reason", default="", help=_("Why it passes to them."))
@date_option
@pass_state
def reassign(state: CliState, action: str, agency: str, official: str | None, reason: str,
             on: str | None) -> None:
    day = event_date(on)
    reference = action_id(state, action)
    agency_id = resolve.agency(state, agency)
    person = resolve.optional_person(state, official)
    after = actions.reassign(state.uow(), state.context().actor, reference, agency_id, day,
                             reason, person)
    done(state, reference, EventKind.REASSIGNED, after)


@click.command("cancel", help=_("Withdraw the action from control, with the reason."))
@click.argument("action")
@click.option("--reason", default="", help=_("Why it is cancelled."))
@date_option
@pass_state
def cancel(state: CliState, action: str, reason: str, on: str | None) -> None:
    day = event_date(on)
    reference = action_id(state, action)
    after = actions.cancel(state.uow(), state.context().actor, reference, reason, day)
    done(state, reference, EventKind.CANCELLED, after)


@click.command("comment", help=_("Add a comment to the action's history."))
@click.argument("action")
@click.option("--text", default="", help=_("The comment."))
@date_option
@pass_state
def comment(state: CliState, action: str, text: str, on: str | None) -> None:
    day = event_date(on)
    reference = action_id(state, action)
    after = actions.comment(state.uow(), state.context().actor, reference, text, day)
    done(state, reference, EventKind.COMMENT, after)


COMMANDS = [report, accept, return_for_rework, extend, reassign, cancel, comment]
