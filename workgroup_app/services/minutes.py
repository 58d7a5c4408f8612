"""The protocol of a meeting: build, approve, reopen, sign, amend, export, extract, verify.

The bytes fixed at approval and every signed state are stored as blobs and never rebuilt: a
signature covers exact bytes (DESIGN §6). Signing loads the signer's key through ``keys``.
The PDF renderers and pyHanko are imported where they are used: listing versions or exporting
stored bytes should not pay for loading them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from ..domain.access import Permission
from ..domain.actor import Actor
from ..domain.entities import Meeting
from ..domain.errors import ConflictError, NotFoundError, ValidationError
from ..domain.messages import N_
from ..domain.minutes import (
    MINUTES_STATUS_LABELS,
    PROTOCOL_LANGUAGES,
    SIGNER_ROLE_LABELS,
    MinutesVersion,
    RenderedPdf,
    SignerRole,
    VerificationReport,
)
from ..domain.minutes_life import MinutesEvent, MinutesState, MinutesStatus, MinutesStep, apply
from ..i18n import translator
from . import keys
from .acting import act
from .action_reports import office_name
from .keys import Keychain
from .ports import UnitOfWork
from .protocol_data import check_complete, extract_data, protocol_data

STAMP_TITLE = N_("Signed electronically")
SIGN_REASON = {SignerRole.CHAIR: N_("Approval of the protocol"),
               SignerRole.SECRETARY: N_("The protocol is drawn up correctly")}
EXTRACT_REASON = N_("The extract is correct")
SUPERSEDES = N_("version {version} of {day} (SHA-256 {digest})")
STEP_OF_ROLE = {SignerRole.CHAIR: MinutesStep.SIGNED_CHAIR,
                SignerRole.SECRETARY: MinutesStep.SIGNED_SECRETARY}


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def _meeting(uow: UnitOfWork, meeting_id: str) -> Meeting:
    meeting = uow.meetings.get(meeting_id)
    if meeting is None:
        raise NotFoundError(N_("Meeting {id} not found."), id=meeting_id)
    return meeting


def _check_lang(lang: str) -> str:
    if lang not in PROTOCOL_LANGUAGES:
        raise ValidationError(N_("A protocol is written in Russian (ru) or English (en), "
                                 "not '{lang}'."), field="lang", lang=lang)
    return lang


def _with_fields(rendered: RenderedPdf) -> bytes:
    """The signature fields go in before anyone signs (DESIGN §9), reproducibly."""
    from ..security import signing

    return signing.add_signature_fields(rendered.data, rendered.boxes)


def _render(uow: UnitOfWork, meeting: Meeting, lang: str, include_execution: bool,
            earlier: MinutesVersion | None = None, version: int = 1,
            reason: str = "") -> bytes:
    supersedes = ""
    if earlier is not None:
        approved = next((e.at for e in reversed(earlier.events)
                         if e.step == MinutesStep.APPROVED), None)
        supersedes = translator(lang)(SUPERSEDES, version=earlier.version,
                                      day=(approved or _now(None)).date(),
                                      digest=earlier.sha256[:16])
    data = protocol_data(uow, meeting, lang=lang, include_execution=include_execution,
                         office=office_name(uow), version=version, supersedes=supersedes,
                         reason=reason)
    from ..documents.protocol import render_protocol

    return _with_fields(render_protocol(data))


def _earlier(uow: UnitOfWork, meeting_id: str, latest: MinutesVersion | None
             ) -> MinutesVersion | None:
    if latest is None or latest.supersedes_version is None:
        return None
    return next((v for v in uow.minutes.versions(meeting_id)
                 if v.version == latest.supersedes_version), None)


def build(uow: UnitOfWork, meeting_id: str, *, lang: str = "ru",
          include_execution: bool = False) -> bytes:
    """The protocol as it would be approved now, with empty signature fields. The same data
    gives the same bytes: building an approved meeting again gives the approved file as long
    as the names it shows (people, agencies, the office) have not changed since."""
    _check_lang(lang)
    with uow:
        meeting = _meeting(uow, meeting_id)
        latest = uow.minutes.latest(meeting_id)
        version = 1 if latest is None else latest.version
        reason = "" if latest is None else latest.amendment_reason
        return _render(uow, meeting, lang, include_execution, _earlier(uow, meeting_id, latest),
                       version, reason)


def versions(uow: UnitOfWork, meeting_id: str) -> list[MinutesVersion]:
    with uow:
        _meeting(uow, meeting_id)
        return uow.minutes.versions(meeting_id)


def current(uow: UnitOfWork, meeting_id: str) -> MinutesVersion | None:
    with uow:
        return uow.minutes.latest(meeting_id)


def status_of(uow: UnitOfWork, meeting_id: str) -> MinutesStatus | None:
    with uow:
        return uow.minutes.status_of(meeting_id)


def approve(uow: UnitOfWork, actor: Actor, meeting_id: str, *, lang: str = "ru",
            include_execution: bool = False, now: datetime | None = None) -> MinutesVersion:
    """Fix the protocol: its PDF is built and stored, the meeting's content is locked."""
    act(uow, actor, Permission.EDIT_MINUTES)
    _check_lang(lang)
    with uow:
        meeting = _meeting(uow, meeting_id)
        check_complete(meeting)
        latest = uow.minutes.latest(meeting_id)
        if latest is not None and latest.status != MinutesStatus.DRAFT:
            raise ValidationError(N_("The minutes are already {status}."), field="status",
                                  status=MINUTES_STATUS_LABELS[latest.status])
        version = 1 if latest is None else latest.version
        reason = "" if latest is None else latest.amendment_reason
        data = _render(uow, meeting, lang, include_execution,
                       _earlier(uow, meeting_id, latest), version, reason)
        digest = uow.blobs.put(data)
        if latest is None:
            minutes_id = uow.minutes.add_version(meeting_id, version=1, lang=lang,
                                                 include_execution=include_execution)
        else:
            minutes_id = latest.id
            uow.minutes.set_format(minutes_id, lang=lang, include_execution=include_execution)
        uow.minutes.append(minutes_id, MinutesEvent(MinutesStep.APPROVED, _now(now),
                                                    actor.user), pdf_sha256=digest)
        uow.commit()
        return uow.minutes.latest(meeting_id)


def reopen(uow: UnitOfWork, actor: Actor, meeting_id: str, reason: str,
           now: datetime | None = None) -> MinutesVersion:
    """Back to draft (approved, nobody signed yet): the meeting may be edited again."""
    act(uow, actor, Permission.EDIT_MINUTES)
    return _step(uow, actor, meeting_id, MinutesStep.REOPENED, reason, now)


def _step(uow: UnitOfWork, actor: Actor, meeting_id: str, step: MinutesStep, reason: str,
          now: datetime | None) -> MinutesVersion:
    with uow:
        _meeting(uow, meeting_id)
        latest = uow.minutes.latest(meeting_id)
        if latest is None:
            raise ValidationError(N_("The minutes of this meeting have not been approved "
                                     "yet."), field="status")
        uow.minutes.append(latest.id, MinutesEvent(step, _now(now), actor.user,
                                                   reason.strip()))
        uow.commit()
        return uow.minutes.latest(meeting_id)


def amend(uow: UnitOfWork, actor: Actor, meeting_id: str, reason: str,
          now: datetime | None = None) -> MinutesVersion:
    """Start a new version that will supersede the signed one; the meeting may be edited
    again and the signed bytes of every version stay as they are."""
    act(uow, actor, Permission.EDIT_MINUTES)
    with uow:
        _meeting(uow, meeting_id)
        latest = uow.minutes.latest(meeting_id)
        if latest is None:
            raise ValidationError(N_("Only signed minutes are amended; reopen approved "
                                     "minutes, or edit a draft."), field="status")
        uow.minutes.append(latest.id, MinutesEvent(MinutesStep.AMENDED, _now(now),
                                                   actor.user, reason.strip()))
        uow.minutes.add_version(meeting_id, version=latest.version + 1, lang=latest.lang,
                                include_execution=latest.include_execution,
                                supersedes_id=latest.id, reason=reason.strip())
        uow.commit()
        return uow.minutes.latest(meeting_id)


def _stamp(lang: str, role: SignerRole) -> str:
    t = translator(lang)
    return f"{t(STAMP_TITLE)}\n%(signer)s\n{t(SIGNER_ROLE_LABELS[role])}\n%(ts)s"


SIGNING_PERMISSION = {SignerRole.CHAIR: Permission.SIGN_AS_CHAIR,
                      SignerRole.SECRETARY: Permission.SIGN_AS_SECRETARY}


def sign(uow: UnitOfWork, actor: Actor, keychain: Keychain, meeting_id: str,
         role: SignerRole, *, passphrase: str | None = None,
         now: datetime | None = None) -> MinutesVersion:
    """Sign the current version as the meeting's chair (first) or secretary (second), with
    that person's own certificate, as an incremental update of the stored bytes."""
    act(uow, actor, SIGNING_PERMISSION[SignerRole(role)])
    step = STEP_OF_ROLE[role]
    with uow:
        meeting = _meeting(uow, meeting_id)
        latest = uow.minutes.latest(meeting_id)
        if latest is None:
            raise ValidationError(N_("The minutes of this meeting have not been approved "
                                     "yet."), field="status")
        apply(MinutesState(latest.status), MinutesEvent(step, _now(now), actor.user))
        signer_id = meeting.chair_id if role == SignerRole.CHAIR else meeting.secretary_id
        unsigned = uow.blobs.get(latest.sha256)
    if signer_id is None:
        raise ValidationError(N_("The meeting names no {role}."), field="role",
                              role=SIGNER_ROLE_LABELS[role])
    if unsigned is None:
        raise NotFoundError(N_("The stored file of version {version} is missing."),
                            version=latest.version)
    cert = keys.signer_certificate(uow, signer_id, role, now)
    key = keys.load_key(uow, keychain, cert.id, passphrase)
    from ..security import signing
    from ..security.stamp_font import stamp_font

    t = translator(latest.lang)
    signed = signing.sign_pdf(unsigned, key=key, role=role, certify=role == SignerRole.CHAIR,
                              stamp_text=_stamp(latest.lang, role), reason=t(SIGN_REASON[role]),
                              location=meeting.venue, font=stamp_font(keychain.cache))
    with uow:
        _check_unchanged(uow, meeting_id, latest)
        digest = uow.blobs.put(signed)
        uow.minutes.append(latest.id, MinutesEvent(step, _now(now), actor.user),
                           pdf_sha256=digest, signer=cert.subject,
                           fingerprint=cert.fingerprint)
        uow.commit()
        return uow.minutes.latest(meeting_id)


def _check_unchanged(uow: UnitOfWork, meeting_id: str, signed_over: MinutesVersion) -> None:
    """Signing happens outside the transaction (a passphrase may be asked meanwhile): record
    it only if the minutes still are the bytes that were signed."""
    now_latest = uow.minutes.latest(meeting_id)
    if now_latest is None or (now_latest.id, now_latest.sha256) != (signed_over.id,
                                                                   signed_over.sha256):
        raise ConflictError(N_("The minutes changed while they were being signed; nothing "
                               "was recorded. Look at them again and sign anew."))


def document(uow: UnitOfWork, meeting_id: str, version: int | None = None
             ) -> tuple[MinutesVersion, bytes]:
    """The stored bytes of a version (the newest by default), exactly as kept."""
    with uow:
        found = uow.minutes.versions(meeting_id) if uow.meetings.exists(meeting_id) else None
        if found is None:
            raise NotFoundError(N_("Meeting {id} not found."), id=meeting_id)
        if not found:
            raise ValidationError(N_("The minutes of this meeting have not been approved "
                                     "yet."), field="version")
        chosen = found[-1] if version is None else next(
            (v for v in found if v.version == version), None)
        if chosen is None:
            raise ValidationError(N_("There is no version {version}; this meeting has "
                                     "versions 1 to {count}."), field="version",
                                  version=version, count=len(found))
        if not chosen.sha256:
            raise ValidationError(N_("Version {version} is a draft: no file is fixed yet."),
                                  field="version", version=chosen.version)
        data = uow.blobs.get(chosen.sha256)
    if data is None:
        raise NotFoundError(N_("The stored file of version {version} is missing."),
                            version=chosen.version)
    return chosen, data


def extract(uow: UnitOfWork, keychain: Keychain, meeting_id: str, item_number: int,
            agency_id: str, *, lang: str | None = None, sign_it: bool = False,
            passphrase: str | None = None) -> bytes:
    """An extract of one item's decisions for one agency, from approved or signed minutes;
    signed by the secretary when ``sign_it``."""
    if sign_it:
        uow.actor.require(Permission.SIGN_AS_SECRETARY)
    with uow:
        meeting = _meeting(uow, meeting_id)
        latest = uow.minutes.latest(meeting_id)
        if latest is None or not latest.locked:
            raise ValidationError(N_("An extract is made from approved minutes; approve the "
                                     "minutes first."), field="status")
        agency = uow.agencies.get(agency_id)
        if agency is None:
            raise NotFoundError(N_("Agency {id} not found."), id=agency_id)
        language = _check_lang(lang or latest.lang)
        protocol = protocol_data(uow, meeting, lang=language, include_execution=False,
                                 office=office_name(uow), version=latest.version)
        data = extract_data(protocol, item_number, agency_id, agency.name, meeting)
    from ..documents.extract import render_extract
    from ..security import signing
    from ..security.stamp_font import stamp_font

    pdf = _with_fields(render_extract(data))
    if not sign_it:
        return pdf
    if meeting.secretary_id is None:
        raise ValidationError(N_("The meeting names no {role}."), field="role",
                              role=SIGNER_ROLE_LABELS[SignerRole.SECRETARY])
    cert = keys.signer_certificate(uow, meeting.secretary_id, SignerRole.SECRETARY)
    key = keys.load_key(uow, keychain, cert.id, passphrase)
    return signing.sign_pdf(pdf, key=key, role=SignerRole.SECRETARY, certify=True,
                            stamp_text=_stamp(language, SignerRole.SECRETARY),
                            reason=translator(language)(EXTRACT_REASON),
                            location=meeting.venue, font=stamp_font(keychain.cache))


# A protocol of a hundred pages is a few megabytes; a file far larger is not one, and reading
# it whole would only exhaust the memory of the machine that checks it.
MAX_PDF_BYTES = 100 * 1024 * 1024


def read_pdf(path: Path) -> bytes:
    """The bytes of a PDF to verify, or one clear refusal (unreadable, a folder, too large)."""
    try:
        size = path.stat().st_size
        if size > MAX_PDF_BYTES:
            raise ValidationError(N_("The file is {size} MB, far larger than any protocol; it "
                                     "is not checked."), field="file",
                                  size=size // (1024 * 1024))
        return path.read_bytes()
    except OSError as error:
        raise ValidationError(N_("The file {path} cannot be read: {reason}"), field="file",
                              path=str(path), reason=error.strerror or str(error)) from None


def verify(uow: UnitOfWork, data: bytes) -> VerificationReport:
    """Check every signature of a signed PDF against the issuers this office trusts."""
    from ..security.verification import verify_pdf

    return verify_pdf(data, keys.trust_roots(uow))


def signer_needs_passphrase(uow: UnitOfWork, keychain: Keychain, meeting_id: str,
                            role: SignerRole) -> bool:
    """Whether signing as ``role`` will need a typed passphrase (no keyring entry)."""
    with uow:
        meeting = _meeting(uow, meeting_id)
    signer_id = meeting.chair_id if role == SignerRole.CHAIR else meeting.secretary_id
    if signer_id is None:
        return False
    try:
        cert = keys.signer_certificate(uow, signer_id, role)
    except (NotFoundError, ValidationError):
        return False
    return keys.needs_passphrase(keychain, cert.id)
