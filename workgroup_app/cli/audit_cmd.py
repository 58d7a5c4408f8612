"""`workgroup audit list|export|verify`: the audit trail — who changed what, when, at which
office — and the proof that nobody edited it afterwards (issue 7).

Every signed-in user may read the trail. ``audit verify`` prints one line per office chain and
exits 0 when every chain is intact, 3 (verification failed, DESIGN §7) when one is broken: that
chain's line, naming its first broken entry, goes to stderr.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..domain.messages import N_
from ..i18n import _, tr
from ..services import audit
from ..services.audit import AuditLine, AuditQuery
from .output import echo, print_json, table
from .state import CliState, pass_state, read_date
from .sync_cmd import Progress

EXIT_BROKEN = 3  # verification failed (DESIGN §7)
CHANGES_CELLS = 70
F = TypeVar("F", bound=Callable[..., Any])


@click.group("audit", help=_("The audit trail: who changed what, when and at which office; "
                             "list it, export it, verify its hash chains."))
def audit_group() -> None:
    """A group: the subcommands below do the work."""


def filter_options(command: F) -> F:
    """The filters ``list`` and ``export`` share."""
    options = [
        click.option("--user", "user", metavar="NAME",
                     help=_("Only changes made by this user.")),
        click.option("--record", "record", metavar="ID",
                     help=_("Only changes of this record (its whole id).")),
        click.option("--table", "table_name", type=click.Choice(sorted(audit.RECORD_KINDS)),
                     help=_("Only records of this kind.")),
        click.option("--from", "date_from", metavar="DATE",
                     help=_("Changes made on or after this day.")),
        click.option("--to", "date_to", metavar="DATE",
                     help=_("Changes made on or before this day.")),
        click.option("--json", "as_json", is_flag=True, help=_("Print JSON for programs.")),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def build_query(user: str | None, record: str | None, table_name: str | None,
                date_from: str | None, date_to: str | None, limit: int = audit.PAGE
                ) -> AuditQuery:
    query = AuditQuery(user=user or "", row_id=record or "", table=table_name or "",
                       date_from=read_date(date_from, N_("From")),
                       date_to=read_date(date_to, N_("To")), limit=limit)
    audit.check_period(query)
    return query


def entry_json(line: AuditLine) -> dict[str, Any]:
    return {"at": line.at.isoformat(), "office": line.office, "seq": line.seq,
            "user": line.user, "role": line.role, "table": line.table, "row_id": line.row_id,
            "operation": line.operation, "changes": line.changes}


@audit_group.command("list", help=_("List the audit trail, newest first."))
@filter_options
@click.option("--limit", type=click.IntRange(1, 5000), default=100, show_default=True)
@pass_state
def list_entries(state: CliState, user: str | None, record: str | None,
                 table_name: str | None, date_from: str | None, date_to: str | None,
                 as_json: bool, limit: int) -> None:
    query = build_query(user, record, table_name, date_from, date_to, limit)
    page = audit.list_entries(state.uow(), query)
    if state.json or as_json:
        print_json({"total": page.total, "entries": [entry_json(line) for line in page.rows]})
        return
    if not page.rows:
        echo(_("Nothing found."))
        return
    echo(table([_("Time"), _("Office"), _("No."), _("User"), _("Role"), _("Record kind"),
                _("Record id"), _("Operation"), _("Changes")],
               [[audit.local_time(line.at), line.office, line.seq, line.user,
                 audit.role_label(line.role), audit.record_kind(line.table), line.row_id,
                 audit.operation_label(line.operation), audit.change_summary(line.changes)]
                for line in page.rows], limit=CHANGES_CELLS))
    if len(page.rows) < page.total:
        echo(tr("Showing {shown} of {total}; use --limit to see more.", shown=len(page.rows),
                total=page.total))


@audit_group.command("export", help=_("Write every matching entry of the audit trail to a "
                                      "file: .pdf or .xlsx."))
@click.argument("file", type=click.Path(dir_okay=True, path_type=Path))
@filter_options
@pass_state
def export(state: CliState, file: Path, user: str | None, record: str | None,
           table_name: str | None, date_from: str | None, date_to: str | None,
           as_json: bool) -> None:
    query = build_query(user, record, table_name, date_from, date_to)
    progress = Progress(_("Exporting…"))
    try:
        written = audit.export(state.uow(), query, file, progress=progress)
    finally:
        progress.finish()
    if state.json or as_json:
        print_json({"out": str(file), "entries": written})
        return
    echo(tr("Audit trail written to {path}: {count} entries.", path=str(file), count=written))


@audit_group.command("verify", help=_("Check every office's hash chain of the audit trail. "
                                      "Exit 3 if one is broken."))
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON for programs."))
@pass_state
def verify(state: CliState, as_json: bool) -> None:
    total = audit.count(state.uow(), AuditQuery())
    progress = Progress(_("Verifying…"))
    done = 0

    def step(entries: int) -> None:
        nonlocal done
        done += entries
        progress(done, total)

    try:
        result = audit.verify(state.uow(), step)
    finally:
        progress.finish()
    if state.json or as_json:
        print_json({"intact": result.intact, "entries": result.entries, "chains": [
            {"office_id": c.office_id, "office": c.office, "entries": c.entries,
             "intact": c.broken is None, "broken_at": c.broken.seq if c.broken else None,
             "entry_id": c.broken.entry_id if c.broken else None, "message": c.message()}
            for c in result.chains]})
    elif not result.chains:
        echo(_("The audit trail is empty."))
    else:
        for chain in result.chains:
            if chain.broken is None:
                echo(chain.message())
            else:
                click.echo(tr("Error: {message}", message=chain.message()), err=True)
    if not result.intact:
        click.get_current_context().exit(EXIT_BROKEN)
