"""The protocol of a meeting as plain data (DESIGN §6): what the documents layer lays out,
what the signing layer signs and what verification reports.

Everything here is already resolved to text (names, positions, agencies), so a renderer needs
no store and the same data always gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum

from .messages import N_
from .minutes_life import MinutesEvent, MinutesStatus


class SignerRole(StrEnum):
    CHAIR = "chair"
    SECRETARY = "secretary"

    @property
    def field_name(self) -> str:
        """The PDF signature field of this role: "Chair" or "Secretary"."""
        return self.value.capitalize()


SIGNER_ROLE_LABELS: dict[SignerRole, str] = {
    SignerRole.CHAIR: N_("Chair of the meeting"),
    SignerRole.SECRETARY: N_("Secretary"),
}

MINUTES_STATUS_LABELS: dict[MinutesStatus, str] = {
    MinutesStatus.DRAFT: N_("Draft"),
    MinutesStatus.APPROVED: N_("Approved"),
    MinutesStatus.SIGNED_BY_CHAIR: N_("Signed by the chair"),
    MinutesStatus.SIGNED: N_("Signed"),
    MinutesStatus.SUPERSEDED: N_("Superseded"),
}

PROTOCOL_LANGUAGES = ("ru", "en")


# ---- what a protocol says ------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ProtocolPerson:
    name: str
    position: str = ""
    agency: str = ""
    note: str = ""  # e.g. "substituted by …", "on leave"


@dataclass(frozen=True, slots=True)
class ProtocolSpeech:
    speaker: str
    position: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True)
class ProtocolDecision:
    number: str  # "1.2"
    text: str
    agency: str = ""  # the responsible agency, "" when none is named
    due: date | None = None


@dataclass(frozen=True, slots=True)
class ProtocolItem:
    number: int  # 1-based place on the agenda
    title: str
    heard: tuple[ProtocolSpeech, ...] = ()
    spoke: tuple[ProtocolSpeech, ...] = ()
    decisions: tuple[ProtocolDecision, ...] = ()
    dissent: str = ""


class ExecutionStatus(StrEnum):
    """How an earlier decision's action stood on the day of the meeting."""

    DONE = "done"
    DONE_LATE = "done_late"
    OVERDUE = "overdue"
    EXTENDED = "extended"
    IN_PROGRESS = "in_progress"
    AWAITING_ACCEPTANCE = "awaiting_acceptance"
    WITHDRAWN = "withdrawn"


EXECUTION_STATUS_LABELS: dict[ExecutionStatus, str] = {
    ExecutionStatus.DONE: N_("Done"),
    ExecutionStatus.DONE_LATE: N_("Done late"),
    ExecutionStatus.OVERDUE: N_("Not done on time"),
    ExecutionStatus.EXTENDED: N_("Extended"),
    ExecutionStatus.IN_PROGRESS: N_("In progress"),
    ExecutionStatus.AWAITING_ACCEPTANCE: N_("Awaiting acceptance"),
    ExecutionStatus.WITHDRAWN: N_("Withdrawn from control"),
}


@dataclass(frozen=True, slots=True)
class ExecutionLine:
    """One action of an earlier meeting, as the item "On the execution of earlier decisions"
    lists it."""

    meeting_number: int
    meeting_date: date
    decision: str  # "2.1", or "" for an action entered directly
    text: str
    agency: str
    deadline: date
    status: ExecutionStatus
    done_on: date | None = None
    extensions: int = 0


@dataclass(frozen=True, slots=True)
class ProtocolData:
    """Everything a protocol shows, in the order it shows it."""

    lang: str  # "ru" | "en"
    office: str  # the author in the PDF metadata
    workgroup: str
    number: int
    held_on: date
    starts_at: time | None = None
    venue: str = ""
    chair: ProtocolPerson | None = None
    secretary: ProtocolPerson | None = None
    present: tuple[ProtocolPerson, ...] = ()
    absent: tuple[ProtocolPerson, ...] = ()
    invited: tuple[ProtocolPerson, ...] = ()
    items: tuple[ProtocolItem, ...] = ()
    # None: the protocol has no item "On the execution of earlier decisions"; a tuple (maybe
    # empty) adds it before the agenda's own items.
    execution: tuple[ExecutionLine, ...] | None = None
    version: int = 1
    supersedes: str = ""  # "" or what the amendment replaces: "version 1 (SHA-256 …)"
    amendment_reason: str = ""


@dataclass(frozen=True, slots=True)
class ExtractData:
    """An extract (выписка): one agenda item's decisions addressed to one agency."""

    protocol: ProtocolData  # heading facts; its items are ignored
    item: ProtocolItem  # only the addressee's decisions are kept in it
    addressee: str


# ---- what a renderer returns ----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class SignatureBox:
    """Where a role's signature appearance goes: page (0-based) and box in PDF points
    (x1, y1, x2, y2), origin bottom left."""

    role: SignerRole
    page: int
    box: tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class RenderedPdf:
    data: bytes
    boxes: tuple[SignatureBox, ...]
    pages: int


# ---- keys and certificates -----------------------------------------------------------------

class CertificateKind(StrEnum):
    OFFICE_CA = "office_ca"  # this office's CA, with its key
    SIGNER = "signer"  # a person's signing certificate, with its key
    TRUSTED_ISSUER = "trusted_issuer"  # another CA whose signatures we accept; no key


@dataclass(frozen=True, slots=True)
class CertificateInfo:
    id: str
    kind: CertificateKind
    subject: str  # the common name
    issuer: str
    serial: str  # hex
    not_before: datetime
    not_after: datetime
    fingerprint: str  # SHA-256 of the DER, hex
    non_repudiation: bool
    person_id: str | None = None
    role: SignerRole | None = None
    has_key: bool = False

    def expired(self, at: datetime) -> bool:
        return not (self.not_before <= at <= self.not_after)


# ---- verification ---------------------------------------------------------------------------

class SignatureVerdict(StrEnum):
    VALID = "valid"
    INVALID = "invalid"  # the signature does not match the bytes or cannot be read
    CHANGED = "changed"  # intact, but the file was changed after signing in a way not allowed
    UNTRUSTED = "untrusted"  # intact, but the issuer is not one this office trusts
    UNSIGNED = "unsigned"  # the signature field is there, nobody has signed it yet


SIGNATURE_VERDICT_LABELS: dict[SignatureVerdict, str] = {
    SignatureVerdict.VALID: N_("valid"),
    SignatureVerdict.INVALID: N_("invalid"),
    SignatureVerdict.CHANGED: N_("changed after signing"),
    SignatureVerdict.UNTRUSTED: N_("untrusted issuer"),
    SignatureVerdict.UNSIGNED: N_("not signed yet"),
}


@dataclass(frozen=True, slots=True)
class SignatureCheck:
    field: str  # the PDF field name: "Chair", "Secretary"
    signer: str  # the certificate's common name
    issuer: str
    signed_at: datetime | None  # the time the signer's machine claimed (PAdES B-B)
    verdict: SignatureVerdict
    fingerprint: str = ""  # SHA-256 of the signer's certificate
    detail: str = ""  # pyHanko's one-line summary, for the curious

    @property
    def role(self) -> SignerRole | None:
        try:
            return SignerRole(self.field.lower())
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class VerificationReport:
    sha256: str
    size: int
    checks: tuple[SignatureCheck, ...]

    @property
    def all_valid(self) -> bool:
        """Every signature valid and every signature field signed: a protocol signed by the
        chair alone, or cut back to the chair's revision, is not a signed protocol."""
        return bool(self.checks) and all(c.verdict == SignatureVerdict.VALID for c in self.checks)


# ---- the versions of a meeting's minutes ------------------------------------------------------

@dataclass(frozen=True, slots=True)
class MinutesSignature:
    role: SignerRole
    signer: str
    fingerprint: str
    at: datetime


@dataclass(frozen=True, slots=True)
class MinutesVersion:
    id: str
    meeting_id: str
    version: int
    lang: str
    status: MinutesStatus
    sha256: str  # of the current bytes; "" while a draft
    size: int = 0
    supersedes_version: int | None = None
    amendment_reason: str = ""
    include_execution: bool = False
    events: tuple[MinutesEvent, ...] = ()
    signatures: tuple[MinutesSignature, ...] = field(default=())

    @property
    def locked(self) -> bool:
        return self.status not in (MinutesStatus.DRAFT, MinutesStatus.SUPERSEDED)
