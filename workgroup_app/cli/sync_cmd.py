"""`workgroup sync …`: bundles out to a drive or folder, bundles in, the state of the exchange
with each office, and the conflicts log (issue 6).

``sync import`` exits 0 when no bundle was refused and 3 — verification failed, as DESIGN §7
says — when any was (each refusal is one line on stderr); bundles for other offices are left
alone. Ctrl+C during an export or an import stops it cleanly: the bundle being written or read
is dropped or rolled back whole, and the command says what was done (exit 1).
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from ..domain.errors import DomainError, ValidationError
from ..domain.messages import N_
from ..domain.sync import OUTCOME_LABELS, BundleOutcome, ConflictInfo, Outcome, PeerStatus
from ..i18n import _, error_text, human_size, tr
from ..services import exchange, exchange_import, exchange_status, offices
from . import passphrase
from .office import OFFICE_PASSPHRASE_HELP, office_secret, own
from .output import echo, fields, fmt_date, plain, print_json, short_id, table
from .state import CliError, CliState, pass_state

EXIT_REFUSED = 3  # verification failed (DESIGN §7)
FILE_CELLS = 80  # a bundle's file name is never clipped
SHOWN_SEQS = 5


@click.group("sync", help=_("Exchange with other offices on removable drives: export, import, "
                            "status, conflicts."))
def sync_group() -> None:
    """A group: the subcommands below do the work."""


@contextlib.contextmanager
def interruptible() -> Iterator[Callable[[], bool]]:
    """Ctrl+C asks the work to stop at its next check instead of killing it mid-write."""
    asked = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield asked.is_set
        return
    previous = signal.signal(signal.SIGINT, lambda _signum, _frame: asked.set())
    try:
        yield asked.is_set
    finally:
        signal.signal(signal.SIGINT, previous)


def work_dir(state: CliState) -> Path:
    """This office's private folder for bundles being built or read, and those on hold."""
    return state.context().config.data_dir / "sync"


class Progress:
    """A percentage on stderr, only when a person watches it there."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.shown = -1
        try:
            self.enabled = sys.stderr.isatty()
        except (AttributeError, ValueError):
            self.enabled = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        percent = min(100, done * 100 // total)
        if percent != self.shown:
            self.shown = percent
            click.echo(f"\r{self.label} {percent}%", nl=False, err=True)

    def finish(self) -> None:
        if self.enabled and self.shown >= 0:
            click.echo("", err=True)


def local_time(moment: datetime | None) -> str:
    """A stored UTC moment in this computer's time, to the minute."""
    if moment is None:
        return ""
    local = moment.astimezone()
    return f"{fmt_date(local.date())} {local:%H:%M}"


# -- export -----------------------------------------------------------------------------------

@sync_group.command("export", help=_("Write a bundle for each trusted office (or those given "
                                     "with --for) to a drive or folder."))
@click.option("--to", "target", required=True, metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path),
              help=_("The drive or folder to write the bundles to."))
@click.option("--for", "recipients", multiple=True, metavar="OFFICE",
              help=_("Only for this office (name or the first characters of its id); may be "
                     "repeated. Default: every trusted office."))
@click.option("--passphrase-file", type=passphrase.PASSPHRASE_FILE,
              help=OFFICE_PASSPHRASE_HELP)
@pass_state
def export(state: CliState, target: Path, recipients: tuple[str, ...],
           passphrase_file: Path | None) -> None:
    own(state)
    sites = [offices.find_office(state.uow(), r).site_id for r in recipients] or None
    if not target.is_dir():  # before asking for a passphrase in vain
        raise CliError(tr("'{path}' is not a folder.", path=str(target)))
    secret = office_secret(state, passphrase_file)
    progress = Progress(_("Exporting…"))
    try:
        with interruptible() as cancelled:
            results = exchange.export_bundles(state.uow(), state.context().keychain, target,
                                              work_dir(state), recipients=sites,
                                              passphrase=secret, progress=progress,
                                              cancelled=cancelled)
    finally:
        progress.finish()
    if state.json:
        print_json(results)
        return
    echo(table([_("Office"), _("File"), _("Records"), _("Files"), _("Size")],
               [[r.office, Path(r.path).name, r.rows, r.blobs, human_size(r.size)]
                for r in results], limit=FILE_CELLS))


# -- import -----------------------------------------------------------------------------------

def outcome_text(outcome: BundleOutcome) -> str:
    """A refusal's (or a hold's) reason in the user's language."""
    if not outcome.msgid:
        return outcome.message
    try:
        return error_text(DomainError(outcome.msgid, **outcome.params))
    except (KeyError, IndexError, ValueError):
        return outcome.message


def kind(table_name: str) -> str:
    label = exchange_status.TABLE_LABELS.get(table_name)
    return _(label) if label else table_name


def outcome_lines(outcome: BundleOutcome) -> list[str]:
    who = outcome.sender or _("an unknown office")
    number = tr("#{number}", number=outcome.channel_seq) if outcome.channel_seq else "—"
    lines = [tr("From {office}, bundle {number} ({file}): {outcome}", office=who,
                number=number, file=outcome.file, outcome=_(OUTCOME_LABELS[outcome.outcome]))]
    for table_name in sorted(set(outcome.new) | set(outcome.changed), key=kind):
        lines.append("  " + tr("{kind}: {new} new, {changed} changed", kind=kind(table_name),
                               new=outcome.new.get(table_name, 0),
                               changed=outcome.changed.get(table_name, 0)))
    if outcome.blobs:
        lines.append("  " + tr("Files: {count}", count=outcome.blobs))
    if outcome.outcome in (Outcome.APPLIED, Outcome.PREVIEW):
        if not outcome.new and not outcome.changed and not outcome.blobs:
            lines.append("  " + _("Nothing new."))
        if outcome.conflicts:
            lines.append("  " + tr("Conflicts: {count} (see 'workgroup sync conflicts')",
                                   count=outcome.conflicts))
    elif outcome.message:
        lines.append("  " + outcome_text(outcome))
    return lines


@sync_group.command("import", help=_("Import the bundles addressed to this office from a bundle "
                                     "file or a drive or folder. Exit 3 if any was refused."))
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help=_("Check and show what the bundles would bring, "
                                                "changing nothing."))
@click.option("--passphrase-file", type=passphrase.PASSPHRASE_FILE,
              help=OFFICE_PASSPHRASE_HELP)
@pass_state
def import_(state: CliState, path: Path, dry_run: bool, passphrase_file: Path | None) -> None:
    own(state)
    found = exchange_import.scan(state.uow(), path)  # says so when the path does not exist
    if path.is_file() and not any(f.for_us or f.state == "unreadable" for f in found):
        raise ValidationError(N_("The bundle is addressed to other offices."), field="path")
    if path.is_dir() and not any(f.for_us or f.state == "unreadable" for f in found):
        if state.json:
            print_json([])
        else:
            echo(tr("No bundle for this office in {path}.", path=str(path)))
        return
    secret = office_secret(state, passphrase_file)
    progress = Progress(_("Checking…") if dry_run else _("Importing…"))
    try:
        with interruptible() as cancelled:
            outcomes = exchange_import.import_path(state.uow(), state.context().keychain,
                                                   path, work_dir(state), dry_run=dry_run,
                                                   passphrase=secret, progress=progress,
                                                   cancelled=cancelled)
    finally:
        progress.finish()
    refused = [o for o in outcomes if o.outcome == Outcome.REFUSED]
    if state.json:
        print_json([{**plain(o), "text": outcome_text(o) if o.message else ""}
                    for o in outcomes])
    else:
        shown = [o for o in outcomes if o.outcome != Outcome.REFUSED]
        for outcome in shown:
            echo("\n".join(outcome_lines(outcome)))
        if dry_run and shown:
            echo(_("Dry run: nothing was changed."))
        for outcome in refused:
            who = f" ({outcome.sender})" if outcome.sender else ""
            click.echo(tr("Error: {message}", message=tr(
                "{file}{sender} refused: {reason}", file=outcome.file, sender=who,
                reason=" ".join(outcome_text(outcome).split()))), err=True)
    if refused:
        click.get_current_context().exit(EXIT_REFUSED)


# -- status -----------------------------------------------------------------------------------

def numbers(seqs: tuple[int, ...]) -> str:
    shown = ", ".join(str(s) for s in seqs[:SHOWN_SEQS])
    return shown + (" …" if len(seqs) > SHOWN_SEQS else "")


def bundle_at(seq: int, at: datetime | None) -> str:
    if not seq:
        return _("none yet")
    return tr("#{number}, {when}", number=seq, when=local_time(at) if at else "—")


def age(value: datetime | None, now: datetime) -> str:
    if value is None:
        return "—"
    days = (now - value).days
    if days <= 0:
        return tr("today ({when})", when=local_time(value))
    return tr("{days} d. old ({when})", days=days, when=local_time(value))


def peer_block(peer: PeerStatus, now: datetime) -> str:
    if not peer.missing:
        missing = _("none")
    elif len(peer.missing) == 1:
        missing = tr("bundle {number} was never imported", number=peer.missing[0])
    else:
        missing = tr("bundles {numbers} were never imported", numbers=numbers(peer.missing))
    held = tr("{numbers}: waiting for the missing ones", numbers=numbers(peer.quarantined)) \
        if peer.quarantined else _("none")
    waiting = tr("{count} record(s)", count=peer.waiting_ack) if peer.waiting_ack \
        else _("nothing")
    body = fields([(_("Status"), _("trusted") if peer.trusted else _("revoked")),
                   (_("Last sent"), bundle_at(peer.sent_seq, peer.sent_at)),
                   (_("Last received"), bundle_at(peer.received_seq, peer.received_at)),
                   (_("Waiting for acknowledgement"), waiting),
                   (_("Missing"), missing), (_("On hold"), held),
                   (_("Newest data from it"), age(peer.newest_data, now))])
    lines = [f"{peer.name} ({short_id(peer.site_id)})",
             *("  " + line for line in body.splitlines())]
    return "\n".join(lines)


@sync_group.command("status", help=_("Per office: the last bundles sent and received, what "
                                     "waits for acknowledgement, missing bundles, bundles on "
                                     "hold, how old its newest data is."))
@pass_state
def status(state: CliState) -> None:
    own(state)
    peers = exchange_status.status(state.uow())
    if state.json:
        print_json(peers)
        return
    if not peers:
        echo(_("No other office is known yet: trust one with 'workgroup office trust'."))
        return
    now = datetime.now(UTC)
    echo("\n\n".join(peer_block(peer, now) for peer in peers))


# -- conflicts --------------------------------------------------------------------------------

def field_label(column: str) -> str:
    return _(column.replace("_", " ").capitalize())


def find_conflict(state: CliState, reference: str) -> ConflictInfo:
    wanted = reference.strip().casefold()
    everything = exchange_status.conflicts(state.uow(), include_restored=True)
    found = [c for c in everything if c.id.casefold() == wanted] or \
        [c for c in everything if len(wanted) >= 4 and c.id.casefold().startswith(wanted)]
    if len(found) != 1:
        raise CliError(tr("No single conflict matches '{reference}'.", reference=reference)
                       if not found else
                       tr("More than one conflict matches '{reference}'; give more of its "
                          "id.", reference=reference))
    return found[0]


def conflict_json(conflict: ConflictInfo) -> dict[str, Any]:
    return plain(conflict)


@sync_group.command("conflicts", help=_("List the values overwritten by another office's "
                                        "concurrent change, or restore one."))
@click.option("--all", "everything", is_flag=True, help=_("Include those already restored."))
@click.option("--restore", "restore_id", metavar="ID",
              help=_("Write the overwritten value back (as a new change that travels with the "
                     "next export)."))
@pass_state
def conflicts(state: CliState, everything: bool, restore_id: str | None) -> None:
    if restore_id is not None:
        conflict = find_conflict(state, restore_id)
        info = exchange_status.restore_conflict(state.uow(), conflict.id)
        if state.json:
            print_json(conflict_json(info))
            return
        echo(tr("Restored \"{value}\" ({kind}, {field}); the other offices get it with the "
                "next export.", value=info.lost, kind=kind(info.table),
                field=field_label(info.column)))
        return
    found = exchange_status.conflicts(state.uow(), include_restored=everything)
    if state.json:
        print_json([conflict_json(c) for c in found])
        return
    if not found:
        echo(_("No conflicts."))
        return
    echo(table([_("ID"), _("Record"), _("Field"), _("Kept value"), _("Overwritten value"),
                _("When"), _("Restored")],
               [[short_id(c.id), tr("{kind}: {record}", kind=kind(c.table), record=c.record),
                 field_label(c.column),
                 tr("{value} ({office})", value=c.kept, office=c.kept_office),
                 tr("{value} ({office})", value=c.lost, office=c.lost_office),
                 local_time(c.seen_at), local_time(c.restored_at)] for c in found]))
