"""Epochs: which run of an office's version numbers a bundle speaks of.

An office numbers its changes 1, 2, 3 … and its peers remember how far they have applied and
acknowledged. If its store is put back to an older copy (a restored backup), the numbers run
again from an earlier point: peers would take its new changes for ones already applied, and it
would never get back its own lost writes, which peers do not echo. So each run of numbers has
an epoch — the time it began and a random part — that travels in every bundle:

- an office that learns from a peer's acknowledgement that it sent more than it remembers
  (its store went back) starts a new epoch and sends everything again;
- an office that sees a peer's newer epoch forgets how far it had applied that peer's numbers
  and sends that peer everything, the peer's own writes included, once;
- a bundle of an older epoch than known is a leftover from before the restore: nothing to do.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from ..domain.errors import VerificationError
from ..domain.messages import N_
from .ports import UnitOfWork

SETTING = "sync_epoch"
MAX_LENGTH = 60


def new_epoch(now: datetime) -> str:
    return f"{int(now.timestamp() * 1000):012x}-{uuid.uuid4().hex[:16]}"


def started(epoch: str) -> int:
    """When an epoch began (ms); 0 for none (bundles written before epochs existed)."""
    try:
        return int(epoch.split("-", 1)[0], 16) if epoch else 0
    except ValueError:
        return 0


def checked(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > MAX_LENGTH:
        raise VerificationError(N_("The bundle's header lacks a valid '{name}'."), name="epoch")
    return value


def current(uow: UnitOfWork, now: datetime) -> str:
    """This office's epoch, begun with its first exchange (inside the caller's transaction)."""
    epoch = uow.settings.get(SETTING)
    if not epoch:
        epoch = new_epoch(now)
        uow.settings.set(SETTING, epoch)
    return epoch


def restart(uow: UnitOfWork, now: datetime) -> str:
    """Our store went back: a new epoch, and every peer gets everything again."""
    epoch = new_epoch(now)
    uow.settings.set(SETTING, epoch)
    for office in uow.sync.offices():
        if not office.is_self:
            uow.sync.peer(office.site_id).acked_base = 0
    return epoch
