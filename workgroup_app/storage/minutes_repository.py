"""Protocol versions with their append-only steps, and the certificates this office holds.

A version's status and the hash of its current bytes are recomputed from its steps after every
append (and, with issue 6, after an exchange import); steps that cannot follow the ones before
them (two offices both signed as chair) are skipped the same way at every office.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.action_life import ActionEvent
from ..domain.entities import new_id
from ..domain.errors import ConflictError, ValidationError
from ..domain.messages import N_
from ..domain.minutes import (
    CertificateInfo,
    CertificateKind,
    MinutesSignature,
    MinutesVersion,
    SignerRole,
)
from ..domain.minutes_life import MinutesEvent, MinutesState, MinutesStatus, MinutesStep, apply
from ..domain.rules import decision_number
from . import models as m
from .action_repository import event_of
from .capture import utc_now

_SIGNED = {MinutesStep.SIGNED_CHAIR: SignerRole.CHAIR,
           MinutesStep.SIGNED_SECRETARY: SignerRole.SECRETARY}


class MinutesRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _live(self, meeting_id: str) -> list[m.MinutesRow]:
        return list(self.session.scalars(
            select(m.MinutesRow).where(m.MinutesRow.meeting_id == meeting_id,
                                       m.MinutesRow.deleted.is_(False))
            .order_by(m.MinutesRow.version, m.MinutesRow.created_at, m.MinutesRow.id)))

    def versions(self, meeting_id: str) -> list[MinutesVersion]:
        rows = self._live(meeting_id)
        numbers = {r.id: r.version for r in rows}
        return [self._view(r, numbers) for r in rows]

    def latest(self, meeting_id: str) -> MinutesVersion | None:
        found = self.versions(meeting_id)
        return found[-1] if found else None

    def status_of(self, meeting_id: str) -> MinutesStatus | None:
        """The status of the newest version, without reading its steps."""
        row = self.session.scalars(
            select(m.MinutesRow).where(m.MinutesRow.meeting_id == meeting_id,
                                       m.MinutesRow.deleted.is_(False))
            .order_by(m.MinutesRow.version.desc(), m.MinutesRow.created_at.desc())).first()
        return None if row is None else MinutesStatus(row.status)

    def add_version(self, meeting_id: str, *, version: int, lang: str, include_execution: bool,
                    supersedes_id: str | None = None, reason: str = "") -> str:
        row = m.MinutesRow(id=new_id(), meeting_id=meeting_id, version=version, lang=lang,
                           include_execution=include_execution, supersedes_id=supersedes_id,
                           amendment_reason=reason, status=MinutesStatus.DRAFT.value,
                           pdf_sha256="", deleted=False)
        self.session.add(row)
        self.session.flush()
        return row.id

    def set_format(self, minutes_id: str, *, lang: str, include_execution: bool) -> None:
        row = self.session.get(m.MinutesRow, minutes_id)
        assert row is not None
        if row.lang != lang:
            row.lang = lang
        if row.include_execution != include_execution:
            row.include_execution = include_execution
        self.session.flush()

    def append(self, minutes_id: str, event: MinutesEvent, *, pdf_sha256: str = "",
               signer: str = "", fingerprint: str = "") -> MinutesState:
        """Record a step; refused (ValidationError) when it cannot follow the steps so far."""
        state = self._derive(self._events(minutes_id))[0]
        apply(state, event)  # raises when the step is not allowed now
        seq = self.session.scalar(select(func.count()).select_from(m.MinutesEventRow).where(
            m.MinutesEventRow.minutes_id == minutes_id)) or 0
        self.session.add(m.MinutesEventRow(
            id=new_id(), minutes_id=minutes_id, seq=seq, step=event.step.value, at=event.at,
            author=event.by, reason=event.reason, pdf_sha256=pdf_sha256, signer=signer,
            fingerprint=fingerprint, deleted=False))
        self.session.flush()
        return self.refresh_state(minutes_id)

    def refresh_state(self, minutes_id: str) -> MinutesState:
        row = self.session.get(m.MinutesRow, minutes_id)
        assert row is not None
        state, digest, _ = self._derive(self._events(minutes_id))
        if row.status != state.status.value:
            row.status = state.status.value
        if row.pdf_sha256 != digest:
            row.pdf_sha256 = digest
        self.session.flush()
        return state

    def _events(self, minutes_id: str) -> list[m.MinutesEventRow]:
        return list(self.session.scalars(
            select(m.MinutesEventRow).where(m.MinutesEventRow.minutes_id == minutes_id,
                                            m.MinutesEventRow.deleted.is_(False))
            .order_by(m.MinutesEventRow.seq, m.MinutesEventRow.created_at,
                      m.MinutesEventRow.id)))

    @staticmethod
    def _derive(rows: list[m.MinutesEventRow]
                ) -> tuple[MinutesState, str, list[m.MinutesEventRow]]:
        """State, hash of the current bytes and the steps that applied, skipping any step
        that cannot follow the ones before it."""
        state, digest, applied = MinutesState(), "", []
        for row in rows:
            try:
                state = apply(state, _event(row))
            except ValidationError:
                continue
            applied.append(row)
            if state.status == MinutesStatus.DRAFT:
                digest = ""
            elif row.pdf_sha256:
                digest = row.pdf_sha256
        return state, digest, applied

    def _view(self, row: m.MinutesRow, numbers: dict[str, int]) -> MinutesVersion:
        state, digest, applied = self._derive(self._events(row.id))
        signatures = tuple(MinutesSignature(_SIGNED[MinutesStep(e.step)], e.signer,
                                            e.fingerprint, e.at)
                           for e in applied if MinutesStep(e.step) in _SIGNED)
        size = 0
        if digest:
            blob = self.session.get(m.BlobRow, digest)
            size = 0 if blob is None else blob.size
        return MinutesVersion(
            id=row.id, meeting_id=row.meeting_id, version=row.version, lang=row.lang,
            status=state.status, sha256=digest, size=size,
            supersedes_version=numbers.get(row.supersedes_id or ""),
            amendment_reason=row.amendment_reason, include_execution=row.include_execution,
            events=tuple(_event(e) for e in applied), signatures=signatures)


    def earlier_actions(self, workgroup_id: str, before: date) -> list[EarlierAction]:
        """The actions made at meetings of the workgroup held before ``before``, with their
        events, in the order of the meetings and decisions."""
        item, decision, meeting = m.AgendaItemRow, m.DecisionRow, m.MeetingRow
        rows = self.session.execute(
            select(m.ActionRow.id, m.ActionRow.text, m.ActionRow.current_agency_id,
                   meeting.number, meeting.held_on, item.position, decision.position)
            .join(meeting, meeting.id == m.ActionRow.meeting_id)
            .outerjoin(decision, decision.id == m.ActionRow.decision_id)
            .outerjoin(item, item.id == decision.agenda_item_id)
            .where(meeting.workgroup_id == workgroup_id, meeting.held_on < before,
                   meeting.deleted.is_(False), m.ActionRow.deleted.is_(False))
            .order_by(meeting.held_on, meeting.number, item.position, decision.position,
                      m.ActionRow.occurrence, m.ActionRow.id)).all()
        found = []
        for action_id, text, agency_id, number, held_on, item_pos, decision_pos in rows:
            events = [event_of(r) for r in self.session.scalars(
                select(m.ActionEventRow).where(m.ActionEventRow.action_id == action_id,
                                               m.ActionEventRow.deleted.is_(False))
                .order_by(m.ActionEventRow.seq, m.ActionEventRow.created_at,
                          m.ActionEventRow.id))]
            label = "" if item_pos is None or decision_pos is None \
                else decision_number(item_pos + 1, decision_pos + 1)
            found.append(EarlierAction(action_id, text, agency_id, number, held_on, label,
                                       events))
        return found


@dataclass(frozen=True, slots=True)
class EarlierAction:
    id: str
    text: str
    agency_id: str | None
    meeting_number: int
    meeting_date: date
    decision: str
    events: list[ActionEvent]


def _event(row: m.MinutesEventRow) -> MinutesEvent:
    return MinutesEvent(MinutesStep(row.step), row.at, row.author, row.reason)


@dataclass(frozen=True, slots=True)
class StoredCertificate:
    """A certificate as kept here: its DER and what this office says about it. The services
    read everything else (names, validity, key usage) from the DER itself."""

    id: str
    kind: CertificateKind
    der: bytes
    person_id: str | None = None
    role: SignerRole | None = None
    key_file: str = ""  # "" = no private key here


class CertificateRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, info: CertificateInfo, der: bytes, key_file: str = "") -> None:
        if self.by_fingerprint(info.fingerprint) is not None:
            raise ConflictError(N_("This certificate is already here."))
        self.session.add(m.SigningCertificateRow(
            id=info.id, kind=info.kind.value, person_id=info.person_id,
            role=None if info.role is None else info.role.value, subject=info.subject,
            issuer=info.issuer, fingerprint=info.fingerprint, not_before=info.not_before,
            not_after=info.not_after, der=der, key_file=key_file, created_at=utc_now()))
        self.session.flush()

    def all(self) -> list[StoredCertificate]:
        return [_stored(r) for r in self.session.scalars(
            select(m.SigningCertificateRow).order_by(
                m.SigningCertificateRow.kind, m.SigningCertificateRow.subject,
                m.SigningCertificateRow.not_after, m.SigningCertificateRow.id))]

    def get(self, cert_id: str) -> StoredCertificate | None:
        row = self.session.get(m.SigningCertificateRow, cert_id)
        return None if row is None else _stored(row)

    def by_fingerprint(self, fingerprint: str) -> StoredCertificate | None:
        row = self.session.scalars(select(m.SigningCertificateRow).where(
            m.SigningCertificateRow.fingerprint == fingerprint)).first()
        return None if row is None else _stored(row)

    def office_ca(self) -> StoredCertificate | None:
        row = self.session.scalars(select(m.SigningCertificateRow).where(
            m.SigningCertificateRow.kind == CertificateKind.OFFICE_CA.value)).first()
        return None if row is None else _stored(row)

    def for_person(self, person_id: str, role: SignerRole) -> list[StoredCertificate]:
        """The person's signing certificates for a role with a key here, newest first."""
        return [_stored(r) for r in self.session.scalars(
            select(m.SigningCertificateRow).where(
                m.SigningCertificateRow.person_id == person_id,
                m.SigningCertificateRow.role == role.value,
                m.SigningCertificateRow.key_file != "")
            .order_by(m.SigningCertificateRow.not_after.desc()))]

    def trust_roots(self) -> list[bytes]:
        """The issuers whose signatures this office accepts: its own CA and those it trusts."""
        kinds = (CertificateKind.OFFICE_CA.value, CertificateKind.TRUSTED_ISSUER.value)
        return list(self.session.scalars(select(m.SigningCertificateRow.der).where(
            m.SigningCertificateRow.kind.in_(kinds)).order_by(m.SigningCertificateRow.id)))


def _stored(row: m.SigningCertificateRow) -> StoredCertificate:
    return StoredCertificate(row.id, CertificateKind(row.kind), row.der, row.person_id,
                             None if row.role is None else SignerRole(row.role), row.key_file)
