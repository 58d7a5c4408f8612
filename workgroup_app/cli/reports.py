"""`workgroup report discipline|overdue`: the execution-control reports as PDF or XLSX files.

The file is written whole or not at all: a wrong suffix or a missing folder is refused and
no file appears.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import ModuleType

import click

from ..domain.action_views import DisciplineLine
from ..domain.messages import N_
from ..i18n import _, tr
from . import resolve
from .output import echo, fmt_date, plain, print_json, table
from .state import CliState, pass_state, read_date, required_date


def report_service() -> ModuleType:
    """The report writers, imported on use: reportlab and openpyxl would slow every command."""
    from ..services import action_reports

    return action_reports


OUT = click.Path(dir_okay=True, path_type=Path)


@click.group("report", help=_("Reports of execution control: executive discipline and "
                              "overdue actions, as PDF or XLSX."))
def report_group() -> None:
    """A group: the subcommands below do the work."""


def share(line: DisciplineLine) -> str:
    value = line.on_time_share
    return "—" if value is None else f"{round(value * 100)}"


@report_group.command("discipline", help=_("The executive-discipline report for a period, "
                                           "per agency."))
@click.option("--from", "date_from", metavar="DATE", required=True,
              help=_("The first day of the period."))
@click.option("--to", "date_to", metavar="DATE", required=True,
              help=_("The last day of the period."))
@click.option("--out", type=OUT, required=True, help=_("The file to write: .pdf or .xlsx."))
@click.option("--as-of", metavar="DATE", help=_("Count overdue actions as of this date "
                                                "(default: today)."))
@pass_state
def discipline(state: CliState, date_from: str, date_to: str, out: Path,
               as_of: str | None) -> None:
    start = required_date(date_from, N_("Period from"))
    end = required_date(date_to, N_("Period to"))
    day = read_date(as_of, N_("As of")) or date.today()
    result = report_service().export_discipline(state.uow(), out, start, end, day)
    if state.json:
        print_json({"out": str(out), "report": plain(result)})
        return
    lines = [*result.lines, result.total]
    echo(table([_("Agency"), _("Assigned"), _("Done on time"), _("Done late"),
                _("Overdue now"), _("Extended (actions)"), _("Extensions"), _("On time %")],
               [[line.agency_name if line is not result.total else _("Total"), line.assigned,
                 line.done_on_time, line.done_late, line.overdue_now, line.extended,
                 line.extensions, share(line)] for line in lines]))
    echo(tr("Report written to {path}.", path=str(out)))


@report_group.command("overdue", help=_("The list of overdue actions, longest overdue first."))
@click.option("--as-of", metavar="DATE", help=_("Overdue as of this date (default: today)."))
@click.option("--agency", metavar="AGENCY", help=_("Only actions of this responsible agency."))
@click.option("--workgroup", metavar="WG", help=_("Only actions of this workgroup."))
@click.option("--out", type=OUT, required=True, help=_("The file to write: .pdf or .xlsx."))
@pass_state
def overdue(state: CliState, as_of: str | None, agency: str | None, workgroup: str | None,
            out: Path) -> None:
    day = read_date(as_of, N_("As of")) or date.today()
    filters: dict[str, str] = {}
    if agency:
        filters["agency_id"] = resolve.agency(state, agency)
    if workgroup:
        filters["workgroup_id"] = resolve.workgroup(state, workgroup)
    rows = report_service().export_overdue(state.uow(), out, day, filters)
    if state.json:
        print_json({"out": str(out), "as_of": day, "count": len(rows),
                    "ids": [row.id for row in rows]})
        return
    echo(tr("Overdue actions as of {date}: {count}.", date=fmt_date(day), count=len(rows)))
    echo(tr("Report written to {path}.", path=str(out)))


@report_group.command("findings", help=_("The statistics of supervision findings for a "
                                         "period, per agency and act type."))
@click.option("--from", "date_from", metavar="DATE", required=True,
              help=_("The first day of the period."))
@click.option("--to", "date_to", metavar="DATE", required=True,
              help=_("The last day of the period."))
@click.option("--out", type=OUT, required=True, help=_("The file to write: .pdf or .xlsx."))
@click.option("--as-of", metavar="DATE", help=_("Count missing responses as of this date "
                                                "(default: today)."))
@pass_state
def findings_statistics(state: CliState, date_from: str, date_to: str, out: Path,
                        as_of: str | None) -> None:
    from ..services import finding_reports  # reportlab and openpyxl load on use only

    start = required_date(date_from, N_("Period from"))
    end = required_date(date_to, N_("Period to"))
    day = read_date(as_of, N_("As of")) or date.today()
    written = finding_reports.export_statistics(state.uow(), out, start, end, day)
    if state.json:
        print_json({"out": str(written)})
        return
    echo(tr("Report written to {path}.", path=str(written)))
