"""Export: one bundle per recipient office, written to a drive or folder (DESIGN §5).

A bundle holds every record changed here that the recipient has not acknowledged (with each
field's clock, whoever wrote it: data relayed from a third office travels on), the files those
records point to, and our acknowledgement of what we applied from it. The sealed payload is
built in this office's private work folder, then the bundle is written to the drive under a
temporary name, flushed, renamed, flushed, and read back and checked before it counts as sent.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from ..domain.access import Permission
from ..domain.errors import (
    ConflictError,
    NotFoundError,
    StoreError,
    ValidationError,
    VerificationError,
)
from ..domain.messages import N_
from ..domain.sync import Cancelled, ExportResult
from ..sync import envelope
from ..sync.payload import RecordWriter
from . import exchange_epochs as epochs
from . import offices
from .keys import Keychain
from .ports import UnitOfWork

SCHEMA_VERSION = 7  # the migration whose replicated tables this program writes
MIN_READER_SCHEMA = 7  # the oldest schema whose tables can take what we send (audit_event)
OLDEST_READABLE_SCHEMA = 4  # the oldest writer's schema whose bundles we still apply
SUFFIX = ".osb"
PROGRESS_EVERY = 1000

Progress = Callable[[int, int], None]  # (done, total)
CancelCheck = Callable[[], bool]


def _never() -> bool:
    return False


def bundle_name(network: str, sender: str, recipient: str, seq: int, bundle_id: str) -> str:
    return f"{network}-{sender[:8]}-{recipient[:8]}-{seq:06d}-{bundle_id[:8]}{SUFFIX}"


def export_bundles(uow: UnitOfWork, keychain: Keychain, destination: Path, work_dir: Path, *,
                   recipients: list[str] | None = None, passphrase: str | None = None,
                   progress: Progress | None = None, cancelled: CancelCheck = _never,
                   now: datetime | None = None) -> list[ExportResult]:
    """Write a bundle for each recipient (site ids; default every trusted office)."""
    uow.actor.require(Permission.EXCHANGE)
    if not destination.is_dir():
        raise ValidationError(N_("'{path}' is not a folder."), field="destination",
                              path=str(destination))
    identity = offices.load_identity(uow, keychain, passphrase)
    trusted = [o for o in offices.list_offices(uow) if o.trusted]
    if recipients is None:
        chosen = trusted
    else:
        by_site = {o.site_id: o for o in trusted}
        missing = [r for r in recipients if r not in by_site]
        if missing:
            raise NotFoundError(N_("This office does not trust office {site} (unknown or "
                                   "revoked)."), site=missing[0])
        chosen = [by_site[r] for r in dict.fromkeys(recipients)]
    if not chosen:
        raise ValidationError(N_("There is no trusted office to send to: import another "
                                 "office's card first."))
    work_dir.mkdir(parents=True, exist_ok=True)
    totals = _totals(uow, [o.site_id for o in chosen])
    done = [0, sum(totals.values())]
    results = []
    for office in chosen:
        try:
            results.append(_export_one(uow, identity, office.site_id, office.name,
                                       destination, work_dir, progress, cancelled, done, now))
        except Cancelled:
            if not results:
                raise
            raise Cancelled(N_("The export was cancelled. The bundles already written for "
                               "{offices} are complete and count as sent; no other was "
                               "written."), offices=", ".join(r.office for r in results)
                            ) from None
    return results


SENT_MEANWHILE = N_("Another workstation sent a bundle to {office} while this one was being "
                    "written; nothing was sent from here. Export again.")


def _totals(uow: UnitOfWork, sites: list[str]) -> dict[str, int]:
    with uow:
        return {site: uow.sync.pending_count(uow.sync.peer(site).acked_base) for site in sites}


def _export_one(uow: UnitOfWork, identity: offices.Identity, site: str, name: str,
                destination: Path, work_dir: Path, progress: Progress | None,
                cancelled: CancelCheck, done: list[int], now: datetime | None
                ) -> ExportResult:
    key_id, public = offices.recipient_key(uow, site)
    bundle_id = str(uuid.uuid4())
    moment = now or datetime.now(UTC)
    sealed_path = work_dir / f"{bundle_id}.payload"
    try:
        with uow, sealed_path.open("w+b") as sealed, ExitStack() as stack:
            peer = uow.sync.peer(site)
            base, seq = peer.acked_base, peer.out_seq + 1
            head = uow.sync.version()
            epoch = epochs.current(uow, moment)
            # Once it went back to an older copy, it may lack its own writes: send them too.
            resend = bool(peer.resend_seq) and seq >= peer.resend_seq
            writer = envelope.PayloadWriter(sealed)
            records = stack.enter_context(RecordWriter(writer, background=True))
            records.manifest({
                "bundle_id": bundle_id, "sender_site": identity.site_id,
                "recipient_site": site, "schema_version": SCHEMA_VERSION,
                "min_reader_schema": MIN_READER_SCHEMA, "base_version": base,
                "head_version": head, "ack": uow.sync.peer(site).applied_head,
                "ack_seq": peer.in_seq, "created_wall": moment.isoformat(),
                "have": uow.sync.have(identity.site_id), "epoch": epoch,
                "your_epoch": peer.epoch})
            sent_blobs: set[str] = set()
            next_check = done[0] + PROGRESS_EVERY
            for row in uow.sync.changed_rows(base, "" if resend else site):
                if row.batch:  # the records of many rows, read as the bundle writes them
                    records.encoded_rows(row.batch)
                    done[0] += len(row.batch)
                elif row.record is not None:
                    records.encoded_row(row.record)
                    done[0] += 1
                else:
                    records.row({"t": row.table, "id": row.id, "v": row.values,
                                 "c": row.clocks})
                    done[0] += 1
                for digest in row.blobs:
                    data = None if digest in sent_blobs else uow.sync.blob(digest)
                    if data is not None:
                        records.blob(digest, data)
                        sent_blobs.add(digest)
                if done[0] >= next_check:
                    next_check = done[0] + PROGRESS_EVERY
                    if cancelled():
                        raise Cancelled(N_("The export was cancelled; nothing was sent."))
                    if progress:
                        progress(done[0], done[1])
            records.close()
            header = {"channel_seq": seq, "recipient_site": site, "base_version": base,
                      "head_version": head, "created_wall": moment.isoformat(),
                      "epoch": epoch}
            target = destination / bundle_name(identity.network, identity.site_id, site, seq,
                                               bundle_id)

            def record_sent() -> None:
                # Before the bundle can be seen under its name: were the store to lose this
                # after the peer had the file, it would take itself for a restored copy.
                # Under the writer lock, read again: another workstation of an office server
                # may have sent this peer a bundle of the same number meanwhile.
                uow.lock_writes()
                if uow.sync.peer(site).out_seq != seq - 1:
                    raise ConflictError(SENT_MEANWHILE, office=name)
                current = uow.sync.peer(site)
                current.out_seq, current.sent_at, current.sent_head = seq, moment, head
                uow.commit()

            size = _write_atomically(target, lambda out: envelope.write_bundle(
                out, header, writer, sealed, network_id=identity.network,
                bundle_id=bundle_id, sender_site=identity.site_id,
                sender_key_id=identity.sign_key_id, signing_key=identity.sign_key,
                recipients=[envelope.Recipient(key_id, public)]), cancelled, record_sent)
            _read_back(target, identity)
            rows = records.rows
    finally:
        sealed_path.unlink(missing_ok=True)
    if progress:
        progress(done[0], done[1])
    return ExportResult(name, site, str(target), seq, rows, len(sent_blobs), size)


def _write_atomically(target: Path, write: Callable[[BinaryIO], None],
                      cancelled: CancelCheck, before_publish: Callable[[], None]) -> int:
    """Temporary name, flush, rename, flush the folder: a crash or a pulled stick leaves no
    half bundle under the real name (and a reader refuses a cut one anyway)."""
    partial = target.with_name(target.name + ".partial")
    try:
        with partial.open("wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        if cancelled():
            raise Cancelled(N_("The export was cancelled; nothing was sent."))
        before_publish()
        os.replace(partial, target)
        _fsync_dir(target.parent)
    except OSError as error:
        raise StoreError(N_("The bundle cannot be written to '{path}': {reason}."),
                         path=str(target.parent), reason=error.strerror or str(error)) from None
    finally:
        partial.unlink(missing_ok=True)
    return target.stat().st_size


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":
        return  # Windows cannot open a folder for flushing; the rename is journaled there
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _read_back(target: Path, identity: offices.Identity) -> None:
    """The file as the drive gives it back: signature and payload hash must check out."""
    try:
        with target.open("rb") as source:
            envelope.check_written(source, identity.sign_key.public_key())
    except (OSError, VerificationError):
        target.unlink(missing_ok=True)
        raise StoreError(N_("The bundle written to '{path}' does not read back correctly; "
                            "the drive may be failing. Nothing was recorded as sent."),
                         path=str(target)) from None

