"""What the exchange between offices shows a user: offices, bundles, outcomes, conflicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from .errors import DomainError
from .messages import N_


class Cancelled(DomainError):
    """The user cancelled a long operation; nothing was written."""


@dataclass(frozen=True)
class OfficeInfo:
    site_id: str
    name: str
    region: str
    country: str
    network: str
    fingerprint: str
    is_self: bool
    added_at: datetime
    revoked_at: datetime | None
    has_ca: bool

    @property
    def trusted(self) -> bool:
        return not self.is_self and self.revoked_at is None


@dataclass(frozen=True)
class CardPreview:
    """An office card read from a file, before the user decides to trust it."""

    site_id: str
    name: str
    region: str
    country: str
    network: str
    fingerprint: str
    has_ca: bool
    known: bool  # this office already has a card for that site


@dataclass(frozen=True)
class ExportResult:
    office: str
    site_id: str
    path: str
    channel_seq: int
    rows: int
    blobs: int
    size: int


class Outcome(StrEnum):
    APPLIED = "applied"
    PREVIEW = "preview"  # a dry run: what it would apply
    REPLAY = "replay"  # imported before: nothing to do
    QUARANTINED = "quarantined"  # an earlier bundle of its sender is missing
    REFUSED = "refused"


OUTCOME_LABELS = {Outcome.APPLIED: N_("applied"), Outcome.PREVIEW: N_("would apply"),
                  Outcome.REPLAY: N_("already imported"),
                  Outcome.QUARANTINED: N_("waiting for a missing bundle"),
                  Outcome.REFUSED: N_("refused")}


@dataclass(frozen=True)
class BundleOutcome:
    file: str
    outcome: Outcome
    sender: str = ""  # the office's name, or its site id when unknown
    channel_seq: int = 0
    new: dict[str, int] = field(default_factory=dict)  # table -> rows
    changed: dict[str, int] = field(default_factory=dict)
    conflicts: int = 0
    blobs: int = 0
    message: str = ""  # English with parameters filled; translated by the caller's msgid
    msgid: str = ""
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class FoundBundle:
    """A bundle file seen on a drive, read as far as its (unverified) header."""

    path: str
    sender_site: str
    sender: str
    channel_seq: int
    for_us: bool
    state: str  # "new", "imported", "waiting", "other office", "unreadable"


@dataclass(frozen=True)
class PeerStatus:
    site_id: str
    name: str
    trusted: bool
    sent_seq: int
    sent_at: datetime | None
    received_seq: int
    received_at: datetime | None
    waiting_ack: int  # records changed here that the office has not acknowledged
    missing: tuple[int, ...]  # its bundles never imported here (later ones were)
    quarantined: tuple[int, ...]
    newest_data: datetime | None  # the newest write of that office seen here


@dataclass(frozen=True)
class ConflictInfo:
    id: str
    table: str
    row_id: str
    column: str
    record: str  # a short human description of the record
    kept: str
    kept_office: str
    kept_at: datetime
    lost: str
    lost_office: str
    lost_at: datetime
    seen_at: datetime
    seen_by: str  # the office that noticed it first
    restored_at: datetime | None
