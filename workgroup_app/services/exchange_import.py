"""Import: find the bundles addressed to this office, verify, merge in one transaction.

Each bundle is first copied to this office's private work folder, so what is verified is what
is read (a stick can change between two reads). Then: the signature of a trusted office, the
payload's hash, the key wrapped for us; a bundle imported before is a no-op; one whose base
this office has not reached waits in quarantine; any other is merged — every record checked
against the local schema, every clock against the calendar — and committed at once, or not
at all. A dry run does all of it and rolls back: the preview is exact. Before an import
with a new bundle to apply, the store is backed up (services/backups.py); if that fails,
nothing is imported.
"""

from __future__ import annotations

import os
import stat
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..domain.access import Permission
from ..domain.errors import DomainError, ValidationError, VerificationError
from ..domain.messages import N_
from ..domain.sync import BundleOutcome, Cancelled, FoundBundle, Outcome
from ..sync import envelope
from ..sync.payload import BLOB, ROW, read_records
from . import backups, offices
from . import exchange_epochs as epochs
from .exchange import OLDEST_READABLE_SCHEMA, SCHEMA_VERSION, SUFFIX
from .keys import Keychain
from .ports import UnitOfWork

MAX_BUNDLE = 8 * 1024 ** 3
Progress = Callable[[int, int], None]


@dataclass
class _Context:
    uow: UnitOfWork
    identity: offices.Identity
    work_dir: Path
    names: dict[str, str]
    keys: dict[tuple[str, str], Any]
    dry_run: bool
    now: datetime
    progress: Progress | None
    done: list[int]
    cancelled: Callable[[], bool]


def bundle_files(path: Path) -> list[Path]:
    """The bundle files at ``path``: the file itself, or those in the folder and one level
    below it (a drive's root and its folders)."""
    if path.is_file():
        return [path]
    if not path.exists():
        raise ValidationError(N_("'{path}' does not exist."), field="path", path=str(path))
    if not path.is_dir():
        raise ValidationError(N_("'{path}' is neither a bundle file nor a folder."),
                              field="path", path=str(path))
    found = [*path.glob(f"*{SUFFIX}"), *path.glob(f"*/*{SUFFIX}")]
    return sorted(p for p in found if p.is_file())


def scan(uow: UnitOfWork, path: Path) -> list[FoundBundle]:
    """What bundles lie at ``path``, from their headers (unverified; nothing is opened)."""
    with uow:
        own = uow.sync.own_office()
        me = own.site_id if own else ""
        names = {o.site_id: o.name for o in uow.sync.offices()}
        found = []
        for file in bundle_files(path):
            header = _peek(file)
            if header is None:
                found.append(FoundBundle(str(file), "", "", 0, False, "unreadable"))
                continue
            sender = str(header.get("sender_site", ""))
            seq = header.get("channel_seq") if type(header.get("channel_seq")) is int else 0
            for_us = header.get("recipient_site") == me
            bundle_id = str(header.get("bundle_id", ""))
            state = "other office" if not for_us else \
                "imported" if uow.sync.receipt(bundle_id) else \
                "waiting" if any(q.bundle_id == bundle_id for q in uow.sync.quarantined(sender))\
                else "new"
            found.append(FoundBundle(str(file), sender, names.get(sender, sender), seq or 0,
                                     for_us, state))
    return found


def _peek(file: Path) -> dict[str, Any] | None:
    try:
        with file.open("rb") as source:
            return envelope.read_header(source)
    except (OSError, DomainError):
        return None


def import_path(uow: UnitOfWork, keychain: Keychain, path: Path, work_dir: Path, *,
                dry_run: bool = False, passphrase: str | None = None,
                progress: Progress | None = None, now: datetime | None = None,
                cancelled: Callable[[], bool] = lambda: False) -> list[BundleOutcome]:
    """Import every bundle at ``path`` addressed to this office, in each sender's order;
    bundles for other offices are left alone. Returns one outcome per bundle for us.
    ``cancelled`` is asked as the payload is read: the bundle in progress rolls back (those
    applied before it stay) and ``Cancelled`` is raised."""
    uow.actor.require(Permission.EXCHANGE)
    identity = offices.load_identity(uow, keychain, passphrase)
    files = [f for f in scan(uow, path) if f.for_us or f.state == "unreadable"]
    if path.is_file() and not files:
        raise ValidationError(N_("The bundle is addressed to other offices."), field="path")
    files.sort(key=lambda f: (f.sender_site, f.channel_seq, f.path))
    if not dry_run and any(f.state == "new" for f in files):
        backups.before_import(uow)  # if it fails, the import stops here: nothing changed
    with uow:
        names = {o.site_id: o.name for o in uow.sync.offices()}
    context = _Context(uow, identity, work_dir, names, offices.sender_keys(uow), dry_run,
                       now or datetime.now(UTC), progress,
                       [0, sum(_size(Path(f.path)) for f in files)], cancelled)
    for folder in ("incoming", "quarantine"):
        (work_dir / folder).mkdir(parents=True, exist_ok=True)
    outcomes = []
    for found in files:
        outcome = _import_file(context, Path(found.path))
        outcomes.append(outcome)
        if outcome.outcome == Outcome.APPLIED:
            outcomes.extend(_release_quarantine(context, found.sender_site))
    return outcomes


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _refused(file: Path, error: DomainError, sender: str = "", seq: int = 0) -> BundleOutcome:
    return BundleOutcome(file.name, Outcome.REFUSED, sender, seq, message=error.english(),
                         msgid=error.msgid, params=dict(error.params))


def _import_file(context: _Context, file: Path) -> BundleOutcome:
    private = context.work_dir / "incoming" / f"{uuid.uuid4()}{SUFFIX}"
    try:
        try:
            _copy_private(file, private)
        except OSError as error:
            raise VerificationError(N_("The file cannot be read: {reason}."),
                                    reason=error.strerror or str(error)) from None
        return _import_private(context, file, private)
    except Cancelled:
        raise
    except DomainError as error:
        return _refused(file, _named(error, context.names))
    finally:
        private.unlink(missing_ok=True)


def _copy_private(file: Path, private: Path) -> None:
    """Copy a regular file of bounded size (never a device or a pipe, which never end)."""
    with file.open("rb") as source:
        if not stat.S_ISREG(os.fstat(source.fileno()).st_mode):
            raise VerificationError(N_("This file is not an exchange bundle."))
        with private.open("wb") as target:
            copied = 0
            while block := source.read(1024 * 1024):
                copied += len(block)
                if copied > MAX_BUNDLE:
                    raise VerificationError(N_("The file is larger than any bundle can be."))
                target.write(block)


def _import_private(context: _Context, file: Path, private: Path) -> BundleOutcome:
    with private.open("rb") as source:
        verified = envelope.verify_bundle(
            source, network_id=context.identity.network,
            sender_keys=lambda site, key: context.keys.get((site, key)),
            my_key_id=context.identity.enc_key_id, my_key=context.identity.enc_key)
        header = _checked_header(verified.header, context.identity.site_id)
        sender, seq = header["sender_site"], header["channel_seq"]
        name = context.names.get(sender, sender)
        try:
            outcome = _apply(context, verified, header, file.name, name)
        except Cancelled:
            raise
        except DomainError as error:
            return _refused(file, _named(error, context.names), name, seq)
    if outcome.outcome == Outcome.QUARANTINED and not context.dry_run:
        _hold(context, private, header)
    return outcome


def _int(header: dict[str, Any], name: str) -> int:
    value = header.get(name)
    if type(value) is not int or value < 0:
        raise VerificationError(N_("The bundle's header lacks a valid '{name}'."), name=name)
    return value


def _checked_header(header: dict[str, Any], me: str) -> dict[str, Any]:
    for name in ("channel_seq", "base_version", "head_version"):
        _int(header, name)
    if not _is_uuid(header.get("bundle_id")) or not _is_uuid(header.get("sender_site")):
        raise VerificationError(N_("The bundle's header lacks a valid '{name}'."),
                                name="bundle_id")
    if header["base_version"] > header["head_version"]:
        raise VerificationError(N_("The bundle's header lacks a valid '{name}'."),
                                name="base_version")
    if header.get("recipient_site") != me:
        raise VerificationError(N_("The bundle is addressed to other offices."))
    return header


def _is_uuid(value: Any) -> bool:
    try:
        return isinstance(value, str) and str(uuid.UUID(value)) == value
    except ValueError:
        return False


def _apply(context: _Context, verified: envelope.VerifiedBundle, header: dict[str, Any],
           file_name: str, sender_name: str) -> BundleOutcome:
    uow = context.uow
    sender, seq = header["sender_site"], header["channel_seq"]
    base, head = header["base_version"], header["head_version"]
    with uow:
        peer = uow.sync.peer(sender)
        receipt = uow.sync.receipt(header["bundle_id"])
        held = [q for q in uow.sync.quarantined() if q.bundle_id == header["bundle_id"]]
        if (receipt is not None and receipt.sender != sender) or \
                any(q.sender != sender for q in held):
            raise VerificationError(N_("Another office's bundle with the same id was received "
                                       "before: this one is refused."))
        if receipt is not None:
            return BundleOutcome(file_name, Outcome.REPLAY, sender_name, seq)
        epoch = epochs.checked(header.get("epoch"))
        if peer.epoch and epoch != peer.epoch:
            if epochs.started(epoch) < epochs.started(peer.epoch):
                return BundleOutcome(file_name, Outcome.REPLAY, sender_name, seq)  # leftover
            # Its store went back to an older copy: its numbers start again, and it gets
            # everything from us once, its own writes included.
            peer.applied_head = peer.in_seq = peer.acked_base = 0
            peer.resend_seq = peer.out_seq + 1
        peer.epoch = epoch
        if head <= peer.applied_head and seq <= peer.in_seq:
            # Overtaken by a later bundle that carried all of it: nothing to merge, but it
            # was received (the status must not call it missing).
            uow.sync.add_receipt(bundle_id=header["bundle_id"], sender=sender,
                                 channel_seq=seq, base_version=base, head_version=head,
                                 rows=0, applied_at=context.now, epoch=peer.epoch)
            if not context.dry_run:
                uow.commit()
            return BundleOutcome(file_name, Outcome.REPLAY, sender_name, seq)
        if base > peer.applied_head:
            return BundleOutcome(
                file_name, Outcome.QUARANTINED, sender_name, seq,
                message=N_("It needs an earlier bundle from {office} first (changes "
                           "{first}–{last}); it will apply once that one is imported.")
                .format(office=sender_name, first=peer.applied_head + 1, last=base),
                msgid=N_("It needs an earlier bundle from {office} first (changes "
                         "{first}–{last}); it will apply once that one is imported."),
                params={"office": sender_name, "first": peer.applied_head + 1, "last": base})
        uow.import_mode()
        records = read_records(_counting(verified.chunks(), context))
        manifest = next(records).value
        _check_manifest(manifest, header)
        ack_valid = _check_own_epoch(uow, peer, manifest, context.now)
        version = uow.sync.next_version()
        merger = uow.sync.merger(version=version, have=manifest["have"],
                                 now_ms=int(context.now.timestamp() * 1000),
                                 names=context.names,
                                 seen=uow.sync.have(context.identity.site_id))
        blobs = 0
        for record in records:
            if record.kind == ROW:
                value = record.value
                merger.add(value.get("t"), value.get("id"), value.get("v"), value.get("c"))
            elif record.kind == BLOB:
                digest, data = record.value
                blobs += uow.sync.put_blob(digest, data, context.now)
        merger.flush()
        uow.refresh_imported()
        stats = merger.stats
        uow.sync.note_origins(stats.max_hlc)
        if stats.max_hlc:
            uow.sync.observe_clock(max(stats.max_hlc.values()))
        uow.sync.add_conflicts(stats.conflicts, site=context.identity.site_id,
                               version=version, now=context.now)
        _record_receipt(uow, peer, header, manifest, context.now,
                        sum(stats.new.values()) + sum(stats.changed.values()), ack_valid)
        outcome = BundleOutcome(file_name, Outcome.PREVIEW if context.dry_run else
                                Outcome.APPLIED, sender_name, seq, dict(stats.new),
                                dict(stats.changed), len(stats.conflicts), blobs)
        if not context.dry_run:
            uow.commit()
    return outcome


def _named(error: DomainError, names: dict[str, str]) -> DomainError:
    """Name a known office in a refusal instead of showing its site id."""
    site = error.params.get("site")
    if isinstance(site, str) and site in names:
        error.params["site"] = names[site]
    return error


def _counting(chunks: Iterator[bytes], context: _Context) -> Iterator[bytes]:
    for chunk in chunks:
        if context.cancelled():
            raise Cancelled(N_("The import was cancelled: the bundle being read was not "
                               "applied; those applied before it stay applied."))
        context.done[0] += len(chunk)
        if context.progress:
            context.progress(min(context.done[0], context.done[1]), context.done[1])
        yield chunk


def _check_manifest(manifest: dict[str, Any], header: dict[str, Any]) -> None:
    """The manifest inside must say what the signed header says, and be readable here."""
    for name in ("bundle_id", "sender_site", "recipient_site", "base_version",
                 "head_version"):
        if manifest.get(name) != header.get(name):
            raise VerificationError(N_("The bundle's contents do not match its header "
                                       "({name})."), name=name)
    _int(manifest, "ack")
    _int(manifest, "ack_seq")
    have = manifest.get("have")
    if not isinstance(have, dict) or not all(
            type(v) is int and 0 <= v < 2 ** 63 for v in have.values()):
        raise VerificationError(N_("The bundle's header lacks a valid '{name}'."), name="have")
    reader = manifest.get("min_reader_schema")
    if type(reader) is not int or type(manifest.get("schema_version")) is not int:
        raise VerificationError(N_("The bundle's header lacks a valid '{name}'."),
                                name="schema_version")
    if reader > SCHEMA_VERSION:
        raise VerificationError(N_("The bundle was written by a newer version of the program "
                                   "(data version {version}); update this program to read "
                                   "it."), version=manifest["schema_version"])
    if manifest["schema_version"] < OLDEST_READABLE_SCHEMA:
        raise VerificationError(N_("The bundle was written by a version too old to read "
                                   "(data version {version})."),
                                version=manifest["schema_version"])


def _check_own_epoch(uow: UnitOfWork, peer: Any, manifest: dict[str, Any],
                     now: datetime) -> bool:
    """Whether the peer's acknowledgement speaks of our current numbers. If it says we sent
    more than we remember, our store went back to an older copy: a new epoch begins."""
    mine = epochs.current(uow, now)
    theirs = epochs.checked(manifest.get("your_epoch"))
    if theirs and theirs != mine:
        return False  # of an earlier epoch of ours: it gets everything again
    if manifest["ack"] > uow.sync.version() or manifest["ack_seq"] > peer.out_seq:
        epochs.restart(uow, now)
        return False
    return True


def _record_receipt(uow: UnitOfWork, peer: Any, header: dict[str, Any],
                    manifest: dict[str, Any], now: datetime, rows: int,
                    ack_valid: bool) -> None:
    uow.sync.add_receipt(bundle_id=header["bundle_id"], sender=header["sender_site"],
                         channel_seq=header["channel_seq"],
                         base_version=header["base_version"],
                         head_version=header["head_version"], rows=rows, applied_at=now,
                         epoch=peer.epoch)
    newest = header["channel_seq"] >= peer.in_seq
    if not ack_valid or (peer.resend_seq and manifest["ack_seq"] < peer.resend_seq):
        peer.acked_base = 0  # it must get everything (again) before its word counts
    elif newest:
        # The newest word of the peer on what it has of ours; lower than before only when it
        # lost data (a restored backup): then what it lacks is sent again.
        peer.acked_base = manifest["ack"]
        peer.resend_seq = 0  # it has had everything once, if it needed to
    if newest:
        peer.in_seq = header["channel_seq"]
        peer.received_created = _parse_time(header.get("created_wall"))
    peer.applied_head = max(peer.applied_head, header["head_version"])
    peer.received_at = now


def _parse_time(value: Any) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    return parsed if parsed is None or parsed.tzinfo else None


def _hold(context: _Context, private: Path, header: dict[str, Any]) -> None:
    """Keep a bundle that cannot apply yet; it applies when the gap is filled."""
    bundle_id = header["bundle_id"]
    # The file's name is ours, never one taken from the bundle.
    kept = context.work_dir / "quarantine" / f"{uuid.uuid4()}{SUFFIX}"
    with context.uow as uow:
        if any(q.bundle_id == bundle_id for q in uow.sync.quarantined(header["sender_site"])):
            return  # held already (the same stick read again)
        os.replace(private, kept)
        uow.sync.hold(bundle_id=bundle_id, sender=header["sender_site"],
                      channel_seq=header["channel_seq"], base_version=header["base_version"],
                      head_version=header["head_version"], file_name=kept.name,
                      held_at=context.now)
        uow.commit()


def _release_quarantine(context: _Context, sender: str) -> list[BundleOutcome]:
    """Apply the held bundles of ``sender`` that the last import made applicable."""
    outcomes: list[BundleOutcome] = []
    while True:
        with context.uow as uow:
            applied = uow.sync.peer(sender).applied_head
            ready = [(q.bundle_id, q.file_name) for q in uow.sync.quarantined(sender)
                     if q.base_version <= applied]
        if not ready:
            return outcomes
        bundle_id, file_name = ready[0]
        kept = context.work_dir / "quarantine" / file_name
        outcome = _import_file(context, kept) if kept.exists() else _refused(
            kept, VerificationError(N_("The file of a held bundle is missing; ask its "
                                       "sender to export again.")),
            context.names.get(sender, sender))
        outcomes.append(outcome)
        if not context.dry_run:
            with context.uow as uow:
                uow.sync.release(bundle_id)
                uow.commit()
            kept.unlink(missing_ok=True)
        if context.dry_run or outcome.outcome not in (Outcome.APPLIED, Outcome.REPLAY):
            return outcomes

