"""`workgroup db restore FILE [--yes]` and `workgroup db backups [--keep N]`: putting a backup
back, and the automatic backups (services/backups.py decides and checks; this only talks)."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from ..domain.backups import REASON_LABELS, BackupFile
from ..i18n import _, human_size, tr
from ..services import backups
from .output import echo, fields, fmt_date, print_json, table
from .state import CliError, CliState, pass_state


def moment(value: datetime) -> str:
    return f"{fmt_date(value.date())} {value:%H:%M}"


@click.command("restore", help=_("Put a backup of this office's store (FILE) in place of the "
                                 "store. The backup is checked first, the store as it is is "
                                 "backed up, and the other offices send back at the next "
                                 "exchange what the backup lacks. Administrators only."))
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--yes", is_flag=True, help=_("Restore without asking."))
@pass_state
def restore(state: CliState, file: Path, yes: bool) -> None:
    context = state.context()
    port = context.backups
    prepared = backups.prepare_restore(context.uow(), port, file)
    try:
        if not yes:
            confirm(prepared.info.taken_at)
    except BaseException:
        backups.cancel_restore(port, prepared)
        raise
    done = backups.restore(context.uow(), port, prepared)
    if state.json:
        print_json({"restored": str(done.info.source), "taken_at": done.info.taken_at,
                    "revision": done.info.revision, "previous_store": str(done.safety.path)})
        return
    echo(tr("The store is restored from the backup of {moment}.",
            moment=moment(done.info.taken_at)))
    echo(tr("The store as it was is kept in {path}.", path=str(done.safety.path)))


def confirm(taken_at: datetime) -> None:
    if not sys.stdin.isatty():
        raise CliError(_("Restoring replaces the store: without a terminal to ask on, give "
                         "--yes. Nothing was restored."))
    question = tr("Restore the store from the backup of {moment}? Changes made here since then "
                  "are lost, except those the other offices send back at the next exchange.",
                  moment=moment(taken_at))
    try:
        agreed = click.confirm(question, default=False, err=True)
    except click.Abort:
        agreed = False
    if not agreed:
        raise CliError(_("Nothing was restored (give --yes to restore without being asked)."))


@click.command("backups", help=_("List the automatic backups of the store (where they are, how "
                                 "many are kept); --keep N sets how many to keep (0 turns "
                                 "them off)."))
@click.option("--keep", type=int, metavar="N",
              help=_("Keep the newest N automatic backups (0: take none)."))
@pass_state
def backups_list(state: CliState, keep: int | None) -> None:
    context = state.context()
    if keep is not None:
        backups.set_keep_count(context.uow(), keep)
    seen = backups.overview(context.uow(), context.backups)
    if state.json:
        print_json({"folder": str(seen.folder), "keep": seen.keep, "automatic": seen.automatic,
                    "backups": [_as_json(b) for b in seen.backups]})
        return
    state_text = tr("the newest {count} are kept", count=seen.keep) if seen.automatic else \
        _("off") if seen.keep == 0 else _("off on this computer (WORKGROUP_AUTO_BACKUP=0)")
    echo(fields([(_("Folder"), str(seen.folder)), (_("Automatic backups"), state_text)]))
    echo("")
    if not seen.backups:
        echo(_("No automatic backups yet."))
        return
    echo(table([_("Taken"), _("Why"), _("Size"), _("File")],
               [[moment(b.taken_at), _(REASON_LABELS[b.reason]), human_size(b.size),
                 b.path.name] for b in reversed(seen.backups)], limit=80))


def _as_json(found: BackupFile) -> dict[str, object]:
    return {"file": str(found.path), "taken_at": found.taken_at, "reason": found.reason,
            "size": found.size}


COMMANDS = [restore, backups_list]
