"""`workgroup actions …`: the register of actions (поручения), one action, assigning one.

What happens to an action afterwards (report, accept, return …) lives in action_events.py.
"""

from __future__ import annotations

from datetime import date, timedelta

import click

from ..domain.action_views import DecisionChoice
from ..domain.actions import Action, Recurrence
from ..domain.deadlines import DeadlineRule, add_months
from ..domain.messages import N_
from ..domain.views import ListQuery
from ..i18n import _, tr
from ..services import actions, findings
from . import action_events, resolve
from .action_view import action_id, print_detail, row_json, status_label
from .finding_view import finding_id
from .output import echo, fmt_date, print_json, short_id, show_list
from .state import CliError, CliState, pass_state, read_date

STATUSES = ["open", "reported", "done", "cancelled", "active"]
RECURRENCES = [Recurrence.MONTHLY.value, Recurrence.QUARTERLY.value]


@click.group("actions", help=_("Actions (assignments) with deadlines: the register, "
                               "assigning, reports and their acceptance."))
def actions_group() -> None:
    """A group: the subcommands below do the work."""


for command in action_events.COMMANDS:
    actions_group.add_command(command)


def as_of_date(text: str | None) -> date:
    return read_date(text, N_("As of")) or date.today()


@actions_group.command("list", help=_("List actions, the earliest deadline first."))
@click.option("--overdue", is_flag=True, help=_("Only overdue actions."))
@click.option("--agency", metavar="AGENCY", help=_("Only actions of this responsible agency."))
@click.option("--workgroup", metavar="WG", help=_("Only actions of this workgroup."))
@click.option("--controller", metavar="PERSON", help=_("Only actions under this controller."))
@click.option("--status", type=click.Choice(STATUSES),
              help=_("Only actions in this state; active: open or reported."))
@click.option("--due-before", metavar="DATE", help=_("Deadline before this date."))
@click.option("--due-after", metavar="DATE", help=_("Deadline after this date."))
@click.option("--text", default="", help=_("Part of the action's text."))
@click.option("--as-of", metavar="DATE", help=_("Count overdue days as of this date "
                                                "(default: today)."))
@click.option("--limit", type=click.IntRange(1, 5000), default=100, show_default=True)
@pass_state
def list_actions(state: CliState, overdue: bool, agency: str | None, workgroup: str | None,
                 controller: str | None, status: str | None, due_before: str | None,
                 due_after: str | None, text: str, as_of: str | None, limit: int) -> None:
    day = as_of_date(as_of)
    before = read_date(due_before, N_("Deadline"))
    after = read_date(due_after, N_("Deadline"))
    filters: dict[str, str] = {}
    if overdue:
        filters["overdue"] = "1"
    if agency:
        filters["agency_id"] = resolve.agency(state, agency)
    if workgroup:
        filters["workgroup_id"] = resolve.workgroup(state, workgroup)
    if controller:
        filters["controller_id"] = resolve.person(state, controller)
    if status:
        filters["status"] = status
    # "Before" and "after" leave the date itself out; the register's bounds include it.
    if before is not None:
        filters["due_to"] = (before - timedelta(days=1)).isoformat()
    if after is not None:
        filters["due_from"] = (after + timedelta(days=1)).isoformat()
    page = actions.list_actions(state.uow(), ListQuery(text=text, sort="deadline", limit=limit,
                                                       filters=filters), day)
    show_list(state.json, [row_json(r, day) for r in page.rows],
              ["ID", _("Deadline"), _("Days overdue"), _("Agency"), _("Status"), _("Text")],
              [[short_id(r.id), r.deadline, r.days_overdue(day) or "", r.agency_name,
                status_label(r.status), r.text] for r in page.rows], page.total)


@actions_group.command("show", help=_("Show an action with its whole history."))
@click.argument("action")
@click.option("--as-of", metavar="DATE", help=_("Count overdue days as of this date "
                                                "(default: today)."))
@pass_state
def show_action(state: CliState, action: str, as_of: str | None) -> None:
    day = as_of_date(as_of)
    print_detail(state, actions.get_action(state.uow(), action_id(state, action)), day)


# -- add --------------------------------------------------------------------------------------

def find_decision(choices: list[DecisionChoice], text: str) -> DecisionChoice:
    """A decision of the meeting by its number ("1.2"), its id or an id prefix."""
    reference = text.strip()
    for choice in choices:
        if choice.number == reference or choice.id == reference:
            return choice
    prefixed = [c for c in choices if len(reference) >= 4 and c.id.startswith(reference.lower())]
    if len(prefixed) == 1:
        return prefixed[0]
    raise CliError(tr("There is no decision {number}.", number=reference))


def deadline_rule(deadline: str | None, days: int | None, working_days: int | None,
                  month: bool) -> tuple[DeadlineRule, int, date | None] | None:
    """The rule the options give, or None when none is given; two at once are refused."""
    given = [deadline is not None, days is not None, working_days is not None, month]
    if sum(given) > 1:
        raise CliError(_("Give only one of --deadline, --days, --working-days and --month."))
    if deadline is not None:
        fixed = read_date(deadline, N_("Deadline"))
        if fixed is None:
            raise CliError(_("Give the deadline's date."))
        return DeadlineRule.FIXED_DATE, 0, fixed
    if days is not None:
        return DeadlineRule.CALENDAR_DAYS, days, None
    if working_days is not None:
        return DeadlineRule.WORKING_DAYS, working_days, None
    if month:
        return DeadlineRule.ONE_MONTH, 0, None
    return None


def nominal_deadline(action: Action, start: date, fixed: date | None) -> date | None:
    """The deadline before moving it off a day off (None for working days: never moved)."""
    if action.deadline_rule == DeadlineRule.FIXED_DATE:
        return fixed
    if action.deadline_rule == DeadlineRule.CALENDAR_DAYS:
        return start + timedelta(days=action.deadline_days)
    if action.deadline_rule == DeadlineRule.ONE_MONTH:
        return add_months(start, 1)
    return None


def draft(state: CliState, meeting: str | None, decision: str | None,
          finding: str | None = None) -> tuple[Action, date | None]:
    """A new action: from a decision of a meeting (text, agency, deadline prefilled), from a
    supervision finding (to check that its violations are eliminated), or empty; and the
    meeting's date, from which the deadline then counts."""
    if finding is not None:
        if meeting is not None or decision is not None:
            raise click.UsageError(_("Give either --finding or --meeting with --decision."))
        return findings.draft_action(state.uow(), finding_id(state, finding)), None
    if meeting is None or decision is None:
        if meeting is not None or decision is not None:
            raise click.UsageError(_("Give --meeting and --decision together."))
        return Action(text="", agency_id=None, assigned_on=date.today()), None
    meeting_id = resolve.meeting(state, meeting)
    choice = find_decision(actions.decision_choices(state.uow(), meeting_id), decision)
    record = actions.draft_from_decision(state.uow(), meeting_id, choice.id)
    return record, record.assigned_on


@actions_group.command("add", help=_("Assign an action: directly, or from a decision of a "
                                     "meeting (--meeting with --decision)."))
@click.option("--text", help=_("What is to be done (from a decision: its text by default)."))
@click.option("--agency", metavar="AGENCY", help=_("The responsible agency."))
@click.option("--official", metavar="PERSON", help=_("The responsible official."))
@click.option("--controller", metavar="PERSON", help=_("Who controls the execution."))
@click.option("--co-agency", "co_agencies", metavar="AGENCY", multiple=True,
              help=_("A co-executing agency; may be repeated."))
@click.option("--workgroup", metavar="WG", help=_("The workgroup (from a meeting: its own)."))
@click.option("--meeting", metavar="MEETING", help=_("The meeting that decided it."))
@click.option("--decision", metavar="N.M|ID", help=_("The decision: its number such as 1.2, "
                                                    "or its id."))
@click.option("--finding", metavar="FINDING", help=_("The supervision finding it checks "
                                                   "(id, id prefix or TYPE/NUMBER/YEAR)."))
@click.option("--assigned", metavar="DATE", help=_("Assigned on (default: today, or the "
                                                   "meeting's date)."))
@click.option("--deadline", metavar="DATE", help=_("The deadline, a date."))
@click.option("--days", metavar="N", type=int, help=_("The deadline in N calendar days."))
@click.option("--working-days", metavar="N", type=int, help=_("The deadline in N working days."))
@click.option("--month", is_flag=True, help=_("The deadline in one month."))
@click.option("--recur", type=click.Choice(RECURRENCES),
              help=_("Repeat: the next occurrence is made when one is accepted."))
@click.option("--until", metavar="DATE", help=_("The last date a recurring action recurs to."))
@pass_state
def add_action(state: CliState, text: str | None, agency: str | None, official: str | None,
               controller: str | None, co_agencies: tuple[str, ...], workgroup: str | None,
               meeting: str | None, decision: str | None, finding: str | None,
               assigned: str | None,
               deadline: str | None, days: int | None, working_days: int | None, month: bool,
               recur: str | None, until: str | None) -> None:
    rule = deadline_rule(deadline, days, working_days, month)
    if until is not None and recur is None:
        raise click.UsageError(_("--until goes with --recur."))
    assigned_on = read_date(assigned, N_("Assigned on"))
    recur_until = read_date(until, N_("Recurs until"))
    action, held_on = draft(state, meeting, decision, finding)
    if text is not None:
        action.text = text
    if agency is not None:
        action.agency_id = resolve.optional_agency(state, agency)
    action.official_id = resolve.optional_person(state, official)
    action.controller_id = resolve.optional_person(state, controller)
    action.co_agency_ids = [resolve.agency(state, a) for a in co_agencies]
    if workgroup is not None:
        action.workgroup_id = resolve.workgroup(state, workgroup)
    if assigned_on is not None:
        action.assigned_on = assigned_on
    fixed = action.deadline
    if rule is not None:
        action.deadline_rule, action.deadline_days, fixed = rule
        action.deadline = fixed
    elif fixed is None:
        raise CliError(_("Give the deadline: --deadline DATE, --days N, --working-days N or "
                         "--month."))
    if recur is not None:
        action.recurrence, action.recur_until = Recurrence(recur), recur_until
    created = actions.create_action(state.uow(), state.context().actor, action)
    if state.json:
        print_json(created)
        return
    echo(tr("Action added: {id}", id=created.id))
    line = tr("Deadline: {date}", date=fmt_date(created.deadline))
    nominal = nominal_deadline(created, held_on or created.assigned_on, fixed)
    if nominal is not None and nominal != created.deadline:
        line += " " + tr("({date} is a day off; moved to the next working day)",
                         date=fmt_date(nominal))
    echo(line)
