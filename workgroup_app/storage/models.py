"""Tables. Replicated tables share ``Replicated``: a UUID id made by the creating office,
UTC timestamps, the origin office and a tombstone. Local tables are never replicated.

Migrations only ever add: a new table, a nullable column, an index. Uniqueness that sync could
break (meeting numbers) is enforced by the services, not by the database.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    Time,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .types import UtcDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

UUID_LEN = 36
# A hybrid-clock stamp (48 bits of milliseconds, 16 of counter): BIGINT on PostgreSQL, whose
# INTEGER has 32 bits; SQLite's INTEGER already has 64 (migration 0008).
CLOCK = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Replicated:
    """Columns every replicated row carries (DESIGN §3)."""

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    origin_office_id: Mapped[str] = mapped_column(String(UUID_LEN))
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # Columns recomputed here from other data (search keys, state derived from events):
    # change capture ignores them and sync never carries them.
    derived_columns: ClassVar[frozenset[str]] = frozenset()


def ref(table: str, nullable: bool = True) -> Mapped:
    return mapped_column(String(UUID_LEN), ForeignKey(f"{table}.id"), nullable=nullable)


class AgencyRow(Replicated, Base):
    __tablename__ = "agency"
    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str] = mapped_column(String(60), default="")
    kind: Mapped[str] = mapped_column(String(40))
    region: Mapped[str] = mapped_column(String(500), default="")
    # Derived: casefolded name for Cyrillic case-insensitive search; recomputed, not synced.
    name_key: Mapped[str] = mapped_column(String(400), index=True)


class PersonRow(Replicated, Base):
    __tablename__ = "person"
    full_name: Mapped[str] = mapped_column(String(300))
    position: Mapped[str] = mapped_column(String(500), default="")
    agency_id: Mapped[str | None] = ref("agency")
    phone: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    name_key: Mapped[str] = mapped_column(String(400), index=True)
    __table_args__ = (Index("ix_person_agency", "agency_id"),)


class WorkgroupRow(Replicated, Base):
    __tablename__ = "workgroup"
    name: Mapped[str] = mapped_column(String(300))
    region: Mapped[str] = mapped_column(String(500), default="")
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    established_on: Mapped[date | None] = mapped_column(Date)
    chair_id: Mapped[str | None] = ref("person")
    deputy_chair_id: Mapped[str | None] = ref("person")
    secretary_id: Mapped[str | None] = ref("person")
    name_key: Mapped[str] = mapped_column(String(400), index=True)


class WorkgroupMemberRow(Replicated, Base):
    __tablename__ = "workgroup_member"
    workgroup_id: Mapped[str] = ref("workgroup", nullable=False)
    person_id: Mapped[str] = ref("person", nullable=False)
    role: Mapped[str] = mapped_column(String(40))
    since: Mapped[date | None] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (Index("ix_workgroup_member_group", "workgroup_id"),)


class MeetingRow(Replicated, Base):
    __tablename__ = "meeting"
    workgroup_id: Mapped[str] = ref("workgroup", nullable=False)
    number: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)
    held_on: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[time | None] = mapped_column(Time)
    venue: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(20))
    chair_id: Mapped[str | None] = ref("person")
    secretary_id: Mapped[str | None] = ref("person")
    __table_args__ = (
        Index("ix_meeting_held_on", "held_on"),
        Index("ix_meeting_number", "workgroup_id", "year", "number"),
    )


class AttendeeRow(Replicated, Base):
    __tablename__ = "attendee"
    meeting_id: Mapped[str] = ref("meeting", nullable=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(20))
    person_id: Mapped[str | None] = ref("person")
    present: Mapped[bool] = mapped_column(Boolean, default=True)
    substitute_id: Mapped[str | None] = ref("person")
    guest_name: Mapped[str] = mapped_column(String(500), default="")
    guest_position: Mapped[str] = mapped_column(String(500), default="")
    guest_organisation: Mapped[str] = mapped_column(String(500), default="")
    note: Mapped[str] = mapped_column(String(500), default="")
    __table_args__ = (Index("ix_attendee_meeting", "meeting_id"),)


class AgendaItemRow(Replicated, Base):
    __tablename__ = "agenda_item"
    meeting_id: Mapped[str] = ref("meeting", nullable=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(Text)
    dissent: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (Index("ix_agenda_item_meeting", "meeting_id"),)


class SpeechRow(Replicated, Base):
    __tablename__ = "speech"
    agenda_item_id: Mapped[str] = ref("agenda_item", nullable=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    section: Mapped[str] = mapped_column(String(20))
    person_id: Mapped[str | None] = ref("person")
    speaker_name: Mapped[str] = mapped_column(String(500), default="")
    speaker_position: Mapped[str] = mapped_column(String(500), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (Index("ix_speech_item", "agenda_item_id"),)


class DecisionRow(Replicated, Base):
    __tablename__ = "decision"
    agenda_item_id: Mapped[str] = ref("agenda_item", nullable=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    responsible_agency_id: Mapped[str | None] = ref("agency")
    due_date: Mapped[date | None] = mapped_column(Date)
    __table_args__ = (Index("ix_decision_item", "agenda_item_id"),)


# ---- execution control ---------------------------------------------------------------------

ACTIVE_STATUSES = ("open", "reported")
# Partial index condition; queries repeat it literally (``queries_actions.ACTIVE``) so that
# SQLite can prove the index applies.
_ACTIVE = text("status IN ('open', 'reported')")


class ActionRow(Replicated, Base):
    """An action as assigned, plus its current state derived from its events (``status`` …
    ``text_key``), kept here so a million actions filter and count in SQL."""

    __tablename__ = "action"
    derived_columns = frozenset({"status", "current_deadline", "current_agency_id",
                                 "current_official_id", "extensions", "reported_on", "done_on",
                                 "text_key"})
    text: Mapped[str] = mapped_column(Text)
    agency_id: Mapped[str | None] = ref("agency")
    assigned_on: Mapped[date] = mapped_column(Date)
    deadline_rule: Mapped[str] = mapped_column(String(20))
    deadline_days: Mapped[int] = mapped_column(Integer, default=0)
    deadline: Mapped[date] = mapped_column(Date)
    # The deadline as set, before a move off a day off: recurring series count from it.
    nominal_deadline: Mapped[date | None] = mapped_column(Date)
    official_id: Mapped[str | None] = ref("person")
    controller_id: Mapped[str | None] = ref("person")
    source: Mapped[str] = mapped_column(String(20))
    decision_id: Mapped[str | None] = ref("decision")
    meeting_id: Mapped[str | None] = ref("meeting")
    workgroup_id: Mapped[str | None] = ref("workgroup")
    recurrence: Mapped[str] = mapped_column(String(20), default="none")
    recur_until: Mapped[date | None] = mapped_column(Date)
    series_id: Mapped[str | None] = mapped_column(String(UUID_LEN))
    occurrence: Mapped[int] = mapped_column(Integer, default=1)
    # Added with findings (migration 0004): a plain column, so old stores gain it without
    # rebuilding the action table; the services check that the finding exists.
    finding_id: Mapped[str | None] = mapped_column(String(UUID_LEN), index=True)
    status: Mapped[str] = mapped_column(String(20))
    current_deadline: Mapped[date] = mapped_column(Date)
    current_agency_id: Mapped[str | None] = ref("agency")
    current_official_id: Mapped[str | None] = ref("person")
    extensions: Mapped[int] = mapped_column(Integer, default=0)
    reported_on: Mapped[date | None] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    text_key: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (
        # The overview and the overdue list read only live open or reported actions.
        Index("ix_action_active", "current_deadline", sqlite_where=_ACTIVE,
              postgresql_where=_ACTIVE),
        # The overview groups live actions by agency and by workgroup: covering partial
        # indexes let it read them without touching the table.
        Index("ix_action_active_agency", "current_agency_id", "current_deadline", "status",
              "deleted", sqlite_where=_ACTIVE, postgresql_where=_ACTIVE),
        Index("ix_action_active_workgroup", "workgroup_id", "current_deadline", "status",
              "deleted", sqlite_where=_ACTIVE, postgresql_where=_ACTIVE),
        Index("ix_action_deadline", "current_deadline", "id"),  # keyset paging by deadline
        Index("ix_action_agency", "current_agency_id", "status"),
        Index("ix_action_workgroup", "workgroup_id"),
        Index("ix_action_controller", "controller_id"),
        Index("ix_action_assigned_on", "assigned_on"),
        Index("ix_action_done_on", "done_on"),
        Index("ix_action_decision", "decision_id"),
        Index("ix_action_series", "series_id"),
    )


class ActionCoAgencyRow(Replicated, Base):
    """A co-executing agency of an action."""

    __tablename__ = "action_co_agency"
    action_id: Mapped[str] = ref("action", nullable=False)
    agency_id: Mapped[str] = ref("agency", nullable=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (Index("ix_action_co_agency_action", "action_id"),)


class ActionEventRow(Replicated, Base):
    """One append-only event of an action's life. ``seq`` is its place when recorded; events
    are read in (seq, created_at, id) order, the same at every office."""

    __tablename__ = "action_event"
    action_id: Mapped[str] = ref("action", nullable=False)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    happened_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text, default="")
    deadline: Mapped[date | None] = mapped_column(Date)
    agency_id: Mapped[str | None] = ref("agency")
    person_id: Mapped[str | None] = ref("person")
    attachment_name: Mapped[str] = mapped_column(String(300), default="")
    attachment_sha256: Mapped[str] = mapped_column(String(64), default="")
    author: Mapped[str] = mapped_column(String(200), default="")
    __table_args__ = (Index("ix_action_event_action", "action_id", "seq"),)


class CalendarOverrideRow(Replicated, Base):
    """An office-entered day off or working day on top of the country's official calendar."""

    __tablename__ = "calendar_override"
    country: Mapped[str] = mapped_column(String(2))
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))  # "day_off" | "working_day"
    note: Mapped[str] = mapped_column(String(500), default="")
    __table_args__ = (Index("ix_calendar_override_day", "country", "day"),)


class BlobRow(Base):
    """A file kept by content (SHA-256): report attachments now, signed minutes later. Blobs
    are immutable, so they need no clocks; exchange carries them by hash."""

    __tablename__ = "blob"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


# ---- supervision findings -------------------------------------------------------------------


class FindingRow(Replicated, Base):
    """A finding and its act of response as recorded, plus its state derived from the events
    (``status`` … ``text_key``), so 200,000 findings filter and count in SQL."""

    __tablename__ = "finding"
    derived_columns = frozenset({"status", "responded_on", "result", "disciplined",
                                 "acts_repealed", "escalation", "closed_on", "text_key"})
    agency_id: Mapped[str | None] = ref("agency")
    official_id: Mapped[str | None] = ref("person")
    inspected_on: Mapped[date] = mapped_column(Date)
    subject: Mapped[str] = mapped_column(Text)
    violations: Mapped[str] = mapped_column(Text, default="")
    legal_norms: Mapped[str] = mapped_column(Text, default="")
    workgroup_id: Mapped[str | None] = ref("workgroup")
    meeting_id: Mapped[str | None] = ref("meeting")
    act_type: Mapped[str] = mapped_column(String(20))
    act_number: Mapped[str] = mapped_column(String(50))
    act_date: Mapped[date] = mapped_column(Date)
    act_year: Mapped[int] = mapped_column(Integer)
    prosecutor_id: Mapped[str | None] = ref("person")
    addressee: Mapped[str] = mapped_column(String(500), default="")
    response_due: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="awaiting")
    responded_on: Mapped[date | None] = mapped_column(Date)
    result: Mapped[str | None] = mapped_column(String(20))
    disciplined: Mapped[int] = mapped_column(Integer, default=0)
    acts_repealed: Mapped[int] = mapped_column(Integer, default=0)
    escalation: Mapped[str | None] = mapped_column(String(20))
    closed_on: Mapped[date | None] = mapped_column(Date)
    text_key: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (
        # The register's order among live rows: it serves the page and counts the total.
        Index("ix_finding_act_date", "deleted", "act_date", "id"),
        Index("ix_finding_type_date", "act_type", "act_date", "id"),
        Index("ix_finding_number", "act_type", "act_year", "act_number"),
        Index("ix_finding_agency", "agency_id", "act_date"),
        Index("ix_finding_awaiting", "response_due", postgresql_where=text(
            "status = 'awaiting'"), sqlite_where=text("status = 'awaiting'")),
    )


class FindingEventRow(Replicated, Base):
    __tablename__ = "finding_event"
    finding_id: Mapped[str] = ref("finding", nullable=False)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    happened_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str | None] = mapped_column(String(20))
    disciplined: Mapped[int] = mapped_column(Integer, default=0)
    acts_repealed: Mapped[int] = mapped_column(Integer, default=0)
    escalation: Mapped[str | None] = mapped_column(String(20))
    attachment_name: Mapped[str] = mapped_column(String(300), default="")
    attachment_sha256: Mapped[str] = mapped_column(String(64), default="")
    author: Mapped[str] = mapped_column(String(200), default="")
    __table_args__ = (Index("ix_finding_event_finding", "finding_id", "seq"),)


# ---- minutes ------------------------------------------------------------------------------


class MinutesRow(Replicated, Base):
    """One version of a meeting's protocol. Version 1 appears when the minutes are first
    approved; an amendment adds the next version, which supersedes the signed one."""

    __tablename__ = "minutes"
    meeting_id: Mapped[str] = ref("meeting", nullable=False)
    version: Mapped[int] = mapped_column(Integer)
    lang: Mapped[str] = mapped_column(String(2), default="ru")
    include_execution: Mapped[bool] = mapped_column(Boolean, default=False)
    supersedes_id: Mapped[str | None] = ref("minutes")
    amendment_reason: Mapped[str] = mapped_column(Text, default="")
    # Derived from the events: the state and the SHA-256 of the current bytes.
    status: Mapped[str] = mapped_column(String(20), default="draft")
    pdf_sha256: Mapped[str] = mapped_column(String(64), default="")
    derived_columns: ClassVar[frozenset[str]] = frozenset({"status", "pdf_sha256"})
    __table_args__ = (Index("ix_minutes_meeting", "meeting_id", "version"),)


class MinutesEventRow(Replicated, Base):
    """One append-only step of a protocol version: approved (with the PDF it fixed), reopened,
    signed by the chair or the secretary (with the signed bytes), amended."""

    __tablename__ = "minutes_event"
    minutes_id: Mapped[str] = ref("minutes", nullable=False)
    seq: Mapped[int] = mapped_column(Integer)
    step: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    author: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    pdf_sha256: Mapped[str] = mapped_column(String(64), default="")
    signer: Mapped[str] = mapped_column(String(500), default="")
    fingerprint: Mapped[str] = mapped_column(String(64), default="")
    __table_args__ = (Index("ix_minutes_event_minutes", "minutes_id", "seq"),)


# ---- local tables: never replicated -------------------------------------------------------


class LocalStateRow(Base):
    """Small key/value facts of this installation: office id, HLC high-water mark, version."""

    __tablename__ = "local_state"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SigningCertificateRow(Base):
    """A certificate this office holds: its own CA, a person's signing certificate (whose
    encrypted PKCS#12 key lies in the keys folder) or another issuer it trusts. Local: keys
    never travel, and trust is each office's own decision."""

    __tablename__ = "signing_certificate"
    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    person_id: Mapped[str | None] = mapped_column(String(UUID_LEN))
    role: Mapped[str | None] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(500))
    issuer: Mapped[str] = mapped_column(String(500))
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    not_before: Mapped[datetime] = mapped_column(UtcDateTime())
    not_after: Mapped[datetime] = mapped_column(UtcDateTime())
    der: Mapped[bytes] = mapped_column(LargeBinary)
    key_file: Mapped[str] = mapped_column(String(200), default="")  # "" = no private key here
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    __table_args__ = (Index("ix_signing_certificate_person", "person_id", "role"),)


class SyncChangeRow(Base):
    """Change capture for sync: per replicated row, the HLC stamp and site of each field's last
    write (``clock_codec``) and the local version at which it last changed
    here. An export to a peer selects ``local_version > what the peer acknowledged``."""

    __tablename__ = "sync_change"
    table_name: Mapped[str] = mapped_column(String(60), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    local_version: Mapped[int] = mapped_column(Integer, index=True)
    field_clocks: Mapped[str] = mapped_column(Text)


# ---- exchange between offices (local: each office keeps its own view) -----------------------


class OfficeRow(Base):
    """An office identity: this office's own (``is_self``) or another's, from its card. Only
    public keys live here; this office's private keys are encrypted files in the keys folder."""

    __tablename__ = "office"
    site_id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    region: Mapped[str] = mapped_column(String(300), default="")
    country: Mapped[str] = mapped_column(String(2), default="")
    network: Mapped[str] = mapped_column(String(100))
    sign_public: Mapped[str] = mapped_column(String(100))  # Ed25519, base64
    enc_public: Mapped[str] = mapped_column(String(100))  # X25519, base64
    ca_der: Mapped[bytes | None] = mapped_column(LargeBinary)
    fingerprint: Mapped[str] = mapped_column(String(100))
    is_self: Mapped[bool] = mapped_column(Boolean, default=False)
    added_at: Mapped[datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class SyncPeerRow(Base):
    """Per peer office: what went out, what came in, what it has acknowledged."""

    __tablename__ = "sync_peer"
    site_id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    out_seq: Mapped[int] = mapped_column(Integer, default=0)  # last channel_seq sent to it
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    sent_head: Mapped[int] = mapped_column(Integer, default=0)
    acked_base: Mapped[int] = mapped_column(Integer, default=0)  # our version it confirmed
    in_seq: Mapped[int] = mapped_column(Integer, default=0)  # highest channel_seq applied
    applied_head: Mapped[int] = mapped_column(Integer, default=0)  # its version we applied
    received_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    received_created: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # Its version space: a new epoch means its store went back (a restored copy), so its
    # versions start again and it may lack what it had written itself.
    epoch: Mapped[str] = mapped_column(String(60), default="")
    # From this bundle of ours on, send it everything, its own writes too (0: no need).
    resend_seq: Mapped[int] = mapped_column(Integer, default=0)


class SyncReceiptRow(Base):
    """A bundle applied (or found to bring nothing new): importing it again is a no-op."""

    __tablename__ = "sync_receipt"
    bundle_id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    sender: Mapped[str] = mapped_column(String(UUID_LEN))
    channel_seq: Mapped[int] = mapped_column(Integer)
    base_version: Mapped[int] = mapped_column(Integer)
    head_version: Mapped[int] = mapped_column(Integer)
    rows: Mapped[int] = mapped_column(Integer, default=0)
    epoch: Mapped[str] = mapped_column(String(60), default="")
    applied_at: Mapped[datetime] = mapped_column(UtcDateTime())
    __table_args__ = (Index("ix_sync_receipt_sender", "sender", "channel_seq"),)


class SyncQuarantineRow(Base):
    """A verified bundle that cannot apply yet: an earlier bundle of its sender is missing.
    The file itself is kept in the private quarantine folder under ``file_name``."""

    __tablename__ = "sync_quarantine"
    bundle_id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    sender: Mapped[str] = mapped_column(String(UUID_LEN))
    channel_seq: Mapped[int] = mapped_column(Integer)
    base_version: Mapped[int] = mapped_column(Integer)
    head_version: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(300))
    held_at: Mapped[datetime] = mapped_column(UtcDateTime())


class SyncConflictRow(Replicated, Base):
    """A value overwritten because another office wrote the same field without having seen
    it. Replicated, so every office lists it whoever noticed it first; its id is derived
    from the overwritten write, so two offices noticing the same conflict make one record."""

    __tablename__ = "sync_conflict"
    table_name: Mapped[str] = mapped_column(String(60))
    row_id: Mapped[str] = mapped_column(String(UUID_LEN))
    column: Mapped[str] = mapped_column(String(60))
    kept_value: Mapped[str] = mapped_column(Text)  # JSON
    kept_hlc: Mapped[int] = mapped_column(CLOCK)
    kept_site: Mapped[str] = mapped_column(String(UUID_LEN))
    lost_value: Mapped[str] = mapped_column(Text)  # JSON
    lost_hlc: Mapped[int] = mapped_column(CLOCK)
    lost_site: Mapped[str] = mapped_column(String(UUID_LEN))
    restored_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    __table_args__ = (Index("ix_sync_conflict_row", "table_name", "row_id"),)


class SyncOriginRow(Base):
    """The newest write seen from each office, whoever carried it here (freshness)."""

    __tablename__ = "sync_origin"
    site_id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    max_hlc: Mapped[int] = mapped_column(CLOCK)




# ---- user accounts (local: each office has its own users) -----------------------------------


class UserAccountRow(Base):
    """A person who signs in here: their role and password hash (argon2id). Never replicated:
    each office manages its own users."""

    __tablename__ = "user_account"
    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    username: Mapped[str] = mapped_column(String(60))
    username_key: Mapped[str] = mapped_column(String(60), unique=True)  # casefolded
    full_name: Mapped[str] = mapped_column(String(300), default="")
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(300))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_count: Mapped[int] = mapped_column(Integer, default=0)
    wait_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_login_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    password_changed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class UserSessionRow(Base):
    """A sign-in kept for the command line: the SHA-256 of a random token whose other half the
    OS keyring holds, valid until ``expires_at``."""

    __tablename__ = "user_session"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(UUID_LEN), ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())


# ---- the audit trail (replicated, append-only) ------------------------------------------------


class AuditEventRow(Replicated, Base):
    """One change to one record, by whom, hash-chained per office (domain/audit.py). Never
    edited: a bundle that would change an entry is refused."""

    __tablename__ = "audit_event"
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[str] = mapped_column(String(40))  # ISO 8601 UTC, hashed as written
    user: Mapped[str] = mapped_column(String(60))
    role: Mapped[str] = mapped_column(String(20))
    table_name: Mapped[str] = mapped_column(String(60))
    row_id: Mapped[str] = mapped_column(String(UUID_LEN))
    operation: Mapped[str] = mapped_column(String(10))
    changes: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    __table_args__ = (Index("ix_audit_event_chain", "origin_office_id", "seq"),
                      Index("ix_audit_event_record", "table_name", "row_id"),
                      Index("ix_audit_event_at", "at"),
                      Index("ix_audit_event_user", "user", "at"))


REPLICATED_MODELS: tuple[type[Replicated], ...] = (
    AgencyRow, PersonRow, WorkgroupRow, WorkgroupMemberRow, MeetingRow, AttendeeRow,
    AgendaItemRow, SpeechRow, DecisionRow, ActionRow, ActionCoAgencyRow, ActionEventRow,
    CalendarOverrideRow, MinutesRow, MinutesEventRow, FindingRow, FindingEventRow,
    SyncConflictRow, AuditEventRow,
)
DERIVED_COLUMNS = frozenset({"id", "name_key"})
