"""The protocol through the services: build, approve, lock, sign, verify, amend, extract."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.helpers import dump
from tests.minutes_support import build_minutes_office
from workgroup_app.bootstrap import AppContext
from workgroup_app.domain.entities import AgendaItem, Attendee, Meeting
from workgroup_app.domain.enums import MeetingStatus
from workgroup_app.domain.errors import (
    ConflictError,
    NotFoundError,
    SecretError,
    ValidationError,
    VerificationError,
)
from workgroup_app.domain.minutes import SignatureVerdict, SignerRole
from workgroup_app.domain.minutes_life import MinutesStatus
from workgroup_app.services import actions, keys, meetings, minutes

PASS = "correct horse battery"

pytestmark = pytest.mark.both_databases


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def office(context: AppContext) -> dict[str, str]:
    return build_minutes_office(context.uow)


@pytest.fixture
def signers(context: AppContext, office: dict[str, str], memory_keyring: object
            ) -> dict[str, str]:
    """The office CA and certificates for the chair and the secretary, keys in the keyring."""
    uow, chain = context.uow, context.keychain
    keys.ca_init(uow(), chain, office_name="Прокуратура Гродненской области")
    chair = keys.issue(uow(), chain, office["chair"], SignerRole.CHAIR)
    secretary = keys.issue(uow(), chain, office["secretary"], SignerRole.SECRETARY)
    return {"chair": chair.id, "secretary": secretary.id}


def _signed(context: AppContext, office: dict[str, str]) -> bytes:
    uow, actor = context.uow, context.actor
    minutes.approve(uow(), actor, office["meeting"], lang="ru")
    minutes.sign(uow(), actor, context.keychain, office["meeting"], SignerRole.CHAIR)
    minutes.sign(uow(), actor, context.keychain, office["meeting"], SignerRole.SECRETARY)
    return minutes.document(uow(), office["meeting"])[1]


def test_building_twice_gives_the_same_bytes_and_approval_stores_exactly_them(
        context: AppContext, office: dict[str, str]) -> None:
    first = minutes.build(context.uow(), office["meeting"], lang="ru")
    second = minutes.build(context.uow(), office["meeting"], lang="ru")
    assert first == second
    text = text_of(first)
    assert "Ёлкин Пётр Семёнович" in text and "1.2" in text and "05.03.2026" in text
    version = minutes.approve(context.uow(), context.actor, office["meeting"], lang="ru")
    assert version.status == MinutesStatus.APPROVED and version.version == 1
    assert minutes.document(context.uow(), office["meeting"])[1] == first
    english = minutes.build(context.uow(), office["meeting"], lang="en")
    assert english != first and "PROTOCOL" in text_of(english).upper()


def test_an_incomplete_meeting_says_what_is_missing_and_changes_nothing(
        context: AppContext, office: dict[str, str], store_path: Path) -> None:
    bare = meetings.save_meeting(context.uow(), context.actor, Meeting(
        workgroup_id=office["group"], held_on=date(2026, 4, 2)))
    full = meetings.get_meeting(context.uow(), office["meeting"])
    no_decisions = meetings.save_meeting(context.uow(), context.actor, Meeting(
        workgroup_id=office["group"], held_on=date(2026, 4, 9), status=MeetingStatus.HELD,
        chair_id=full.chair_id, secretary_id=full.secretary_id,
        attendees=[Attendee(person_id=office["chair"])],
        items=[AgendaItem("О разном")]))
    before = dump(store_path)
    with pytest.raises(ValidationError) as caught:
        minutes.approve(context.uow(), context.actor, bare.id)
    message = str(caught.value)
    for missing in ("not marked as held", "no chair", "no secretary",
                    "nobody is marked present", "agenda is empty"):
        assert missing in message
    with pytest.raises(ValidationError, match="no decisions are recorded"):
        minutes.approve(context.uow(), context.actor, no_decisions.id)
    with pytest.raises(ValidationError, match="Russian"):
        minutes.approve(context.uow(), context.actor, office["meeting"], lang="de")
    with pytest.raises(NotFoundError):
        minutes.approve(context.uow(), context.actor, "no-such-meeting")
    assert dump(store_path) == before


def test_approval_locks_the_meeting_until_reopened_with_a_reason(
        context: AppContext, office: dict[str, str], store_path: Path) -> None:
    uow, actor = context.uow, context.actor
    minutes.approve(uow(), actor, office["meeting"], lang="ru")
    meeting = meetings.get_meeting(uow(), office["meeting"])
    meeting.venue = "Минск"
    before = dump(store_path)
    with pytest.raises(ValidationError, match="locked"):
        meetings.save_meeting(uow(), actor, meeting)
    with pytest.raises(ValidationError, match="cannot be deleted"):
        meetings.delete_meeting(uow(), actor, office["meeting"])
    with pytest.raises(ValidationError, match="Say why"):
        minutes.reopen(uow(), actor, office["meeting"], "  ")
    assert dump(store_path) == before
    reopened = minutes.reopen(uow(), actor, office["meeting"], "Опечатка в фамилии")
    assert reopened.status == MinutesStatus.DRAFT and reopened.sha256 == ""
    meetings.save_meeting(uow(), actor, meeting)
    again = minutes.approve(uow(), actor, office["meeting"], lang="ru")
    assert again.status == MinutesStatus.APPROVED
    assert [e.step.value for e in again.events] == ["approved", "reopened", "approved"]
    assert "Минск" in text_of(minutes.document(uow(), office["meeting"])[1])


def test_chair_then_secretary_sign_and_both_signatures_verify(
        context: AppContext, office: dict[str, str], signers: dict[str, str]) -> None:
    uow, actor = context.uow, context.actor
    minutes.approve(uow(), actor, office["meeting"], lang="ru")
    with pytest.raises(ValidationError, match="after the chair"):
        minutes.sign(uow(), actor, context.keychain, office["meeting"], SignerRole.SECRETARY)
    approved = minutes.document(uow(), office["meeting"])[1]
    minutes.sign(uow(), actor, context.keychain, office["meeting"], SignerRole.CHAIR)
    chair_signed = minutes.document(uow(), office["meeting"])[1]
    assert chair_signed.startswith(approved)  # an incremental update
    version = minutes.sign(uow(), actor, context.keychain, office["meeting"],
                           SignerRole.SECRETARY)
    assert version.status == MinutesStatus.SIGNED
    assert [s.role for s in version.signatures] == [SignerRole.CHAIR, SignerRole.SECRETARY]
    assert version.signatures[0].signer == "Ёлкин Пётр Семёнович"
    signed = minutes.document(uow(), office["meeting"])[1]
    assert signed.startswith(chair_signed)
    report = minutes.verify(uow(), signed)
    assert report.all_valid
    assert [(c.role, c.signer) for c in report.checks] == [
        (SignerRole.CHAIR, "Ёлкин Пётр Семёнович"),
        (SignerRole.SECRETARY, "Щукина Анна Ильинична")]
    with pytest.raises(ValidationError):
        minutes.sign(uow(), actor, context.keychain, office["meeting"], SignerRole.CHAIR)


def test_a_signed_protocol_changed_or_truncated_does_not_verify(
        context: AppContext, office: dict[str, str], signers: dict[str, str]) -> None:
    signed = _signed(context, office)
    flipped = bytearray(signed)
    middle = len(signed) // 3
    flipped[middle] = flipped[middle] ^ 0x01
    report = minutes.verify(context.uow(), bytes(flipped))
    assert not report.all_valid
    assert SignatureVerdict.INVALID in {c.verdict for c in report.checks}
    with pytest.raises(VerificationError, match="damaged or truncated"):
        minutes.verify(context.uow(), signed[: len(signed) - 200])
    cut_in_signature = minutes.verify(context.uow(), signed[:-1])
    assert [c.verdict for c in cut_in_signature.checks] == [SignatureVerdict.VALID,
                                                            SignatureVerdict.INVALID]
    with pytest.raises(ValidationError, match="not a PDF"):
        minutes.verify(context.uow(), b"PK\x03\x04 a zip file, not a protocol")


def test_without_a_keyring_passphrases_are_asked_and_a_wrong_one_changes_nothing(
        context: AppContext, office: dict[str, str], store_path: Path) -> None:
    uow, chain, actor = context.uow, context.keychain, context.actor
    assert not chain.keyring_available
    with pytest.raises(SecretError, match="keyring"):
        keys.ca_init(uow(), chain, office_name="Прокуратура")
    keys.ca_init(uow(), chain, office_name="Прокуратура", passphrase=PASS)
    with pytest.raises(SecretError):
        keys.issue(uow(), chain, office["chair"], SignerRole.CHAIR, ca_passphrase="wrong one",
                   passphrase=PASS)
    chair = keys.issue(uow(), chain, office["chair"], SignerRole.CHAIR, ca_passphrase=PASS,
                       passphrase=PASS)
    assert keys.needs_passphrase(chain, chair.id)
    minutes.approve(uow(), actor, office["meeting"], lang="en")
    before = dump(store_path)
    with pytest.raises(SecretError, match="passphrase"):
        minutes.sign(uow(), actor, chain, office["meeting"], SignerRole.CHAIR,
                     passphrase="not the passphrase")
    assert dump(store_path) == before
    version = minutes.sign(uow(), actor, chain, office["meeting"], SignerRole.CHAIR,
                           passphrase=PASS)
    assert version.status == MinutesStatus.SIGNED_BY_CHAIR
    key_file = chain.folder / f"{chair.id}.p12"
    assert key_file.stat().st_mode & 0o077 == 0


def test_missing_and_expired_certificates_are_refused(
        context: AppContext, office: dict[str, str], memory_keyring: object,
        store_path: Path) -> None:
    uow, chain, actor = context.uow, context.keychain, context.actor
    minutes.approve(uow(), actor, office["meeting"], lang="ru")
    before = dump(store_path)
    with pytest.raises(NotFoundError, match="no signing certificate"):
        minutes.sign(uow(), actor, chain, office["meeting"], SignerRole.CHAIR)
    with pytest.raises(NotFoundError, match="no certification authority"):
        keys.issue(uow(), chain, office["chair"], SignerRole.CHAIR)
    assert dump(store_path) == before
    keys.ca_init(uow(), chain, office_name="Прокуратура",
                 now=datetime(2020, 1, 1, tzinfo=UTC))
    with pytest.raises(ConflictError):
        keys.ca_init(uow(), chain, office_name="Прокуратура")
    keys.issue(uow(), chain, office["chair"], SignerRole.CHAIR, years=1,
               now=datetime(2020, 1, 1, tzinfo=UTC))
    before = dump(store_path)
    with pytest.raises(ValidationError, match="expired"):
        minutes.sign(uow(), actor, chain, office["meeting"], SignerRole.CHAIR)
    assert dump(store_path) == before


def test_a_certificate_without_non_repudiation_cannot_be_imported(
        context: AppContext, office: dict[str, str], memory_keyring: object,
        tmp_path: Path) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Без неотрекаемости")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now).not_valid_after(now + timedelta(days=365))
            .add_extension(x509.KeyUsage(True, False, False, False, False, False, False,
                                         False, False), critical=True)
            .sign(key, hashes.SHA256()))
    data = pkcs12.serialize_key_and_certificates(b"x", key, cert, None,
                                                 BestAvailableEncryption(PASS.encode()))
    with pytest.raises(ValidationError, match="non-repudiation"):
        keys.import_pkcs12(context.uow(), context.keychain, data, PASS, office["chair"],
                           SignerRole.CHAIR)
    with pytest.raises(SecretError):
        keys.import_pkcs12(context.uow(), context.keychain, data, "wrong", office["chair"],
                           SignerRole.CHAIR)
    assert keys.list_certificates(context.uow()) == []


def test_an_amendment_supersedes_the_signed_version_whose_bytes_stay(
        context: AppContext, office: dict[str, str], signers: dict[str, str]) -> None:
    uow, actor = context.uow, context.actor
    first = _signed(context, office)
    with pytest.raises(ValidationError, match="Say why"):
        minutes.amend(uow(), actor, office["meeting"], "")
    draft = minutes.amend(uow(), actor, office["meeting"], "Уточнён срок по п. 1.1")
    assert (draft.version, draft.status, draft.supersedes_version) == (
        2, MinutesStatus.DRAFT, 1)
    meeting = meetings.get_meeting(uow(), office["meeting"])
    meeting.items[0].decisions[0].due_date = date(2026, 5, 4)
    meetings.save_meeting(uow(), actor, meeting)
    minutes.approve(uow(), actor, office["meeting"], lang="ru")
    second = minutes.document(uow(), office["meeting"])[1]
    text = text_of(second)
    assert "04.05.2026" in text and "Уточнён срок" in text
    listed = minutes.versions(uow(), office["meeting"])
    assert [(v.version, v.status) for v in listed] == [
        (1, MinutesStatus.SUPERSEDED), (2, MinutesStatus.APPROVED)]
    assert minutes.document(uow(), office["meeting"], 1)[1] == first
    assert minutes.verify(uow(), first).all_valid
    with pytest.raises(ValidationError, match="no version 7"):
        minutes.document(uow(), office["meeting"], 7)


def test_an_extract_keeps_one_agency_s_decisions_and_can_be_signed(
        context: AppContext, office: dict[str, str], signers: dict[str, str]) -> None:
    uow, chain = context.uow, context.keychain
    with pytest.raises(ValidationError, match="approve the minutes first"):
        minutes.extract(uow(), chain, office["meeting"], 1, office["police"])
    minutes.approve(uow(), context.actor, office["meeting"], lang="ru")
    pdf = minutes.extract(uow(), chain, office["meeting"], 1, office["police"])
    text = text_of(pdf)
    assert "Провести проверки закупок" in text
    assert "Представить сведения" not in text and "Утвердить план" not in text
    with pytest.raises(ValidationError, match="no decisions addressed"):
        minutes.extract(uow(), chain, office["meeting"], 2, office["customs"])
    with pytest.raises(ValidationError, match="no item 9"):
        minutes.extract(uow(), chain, office["meeting"], 9, office["police"])
    signed = minutes.extract(uow(), chain, office["meeting"], 1, office["police"],
                             sign_it=True)
    report = minutes.verify(uow(), signed)
    assert report.all_valid and [c.role for c in report.checks] == [SignerRole.SECRETARY]


def test_the_execution_item_reports_earlier_actions_as_they_stood_that_day(
        context: AppContext, office: dict[str, str]) -> None:
    uow, actor = context.uow, context.actor
    meeting = meetings.get_meeting(uow(), office["meeting"])
    made = []
    for decision in meeting.items[0].decisions[:2]:
        draft = actions.draft_from_decision(uow(), meeting.id, decision.id)
        made.append(actions.create_action(uow(), actor, draft))
    actions.report(uow(), actor, made[0].id, "Проверки проведены", date(2026, 3, 30),
                   today=date(2026, 3, 30))
    actions.accept(uow(), actor, made[0].id, date(2026, 3, 31), today=date(2026, 3, 31))
    later = meetings.get_meeting(uow(), office["meeting"])
    later.id = "later-meeting-0000-0000-000000000000"
    later.held_on = date(2026, 5, 6)
    later.number = None
    for line in later.attendees:
        line.id = f"{line.id[:-4]}beef"
    for item in later.items:
        item.id = f"{item.id[:-4]}beef"
        for decision in item.decisions:
            decision.id = f"{decision.id[:-4]}beef"
        for speech in item.speeches:
            speech.id = f"{speech.id[:-4]}beef"
    later = meetings.save_meeting(uow(), actor, later)
    pdf = minutes.build(uow(), later.id, lang="en", include_execution=True)
    text = text_of(pdf)
    assert "execution of earlier decisions" in text.lower()
    assert "Done" in text and "Not done on time" in text
    # The review of earlier decisions comes after the agenda, which keeps its numbers.
    assert text.index("1. О состоянии работы") < text.index("3. On the execution")
    plain = minutes.build(uow(), later.id, lang="en")
    assert "execution of earlier decisions" not in text_of(plain).lower()
    assert later.status == MeetingStatus.HELD


def test_minutes_signed_at_another_office_verify_once_its_ca_is_trusted(
        context: AppContext, office: dict[str, str], signers: dict[str, str],
        tmp_path: Path) -> None:
    from workgroup_app.bootstrap import open_context
    from workgroup_app.config import AppConfig

    signed = _signed(context, office)
    exported = keys.export_office_ca(context.uow())
    assert exported.startswith(b"-----BEGIN CERTIFICATE-----")
    other = open_context(AppConfig.build(database=str(tmp_path / "other.sqlite"),
                                         data_dir=tmp_path / "other", language="en"))
    try:
        before = minutes.verify(other.uow(), signed)
        assert {c.verdict for c in before.checks} == {SignatureVerdict.UNTRUSTED}
        leaf = next(c for c in keys.list_certificates(context.uow())
                    if c.kind.value == "signer")
        with pytest.raises(ValidationError, match="not a CA certificate"):
            keys.trust_issuer(other.uow(), _der_of(context, leaf.id))
        with pytest.raises(ValidationError, match=r"not an X\.509"):
            keys.trust_issuer(other.uow(), b"garbage")
        keys.trust_issuer(other.uow(), exported)
        with pytest.raises(ConflictError):
            keys.trust_issuer(other.uow(), exported)
        assert minutes.verify(other.uow(), signed).all_valid
    finally:
        other.close()


def _der_of(context: AppContext, cert_id: str) -> bytes:
    with context.uow() as uow:
        return uow.certificates.get(cert_id).der


def test_minutes_changed_while_signing_are_not_signed_over_stale_bytes(
        context: AppContext, office: dict[str, str], signers: dict[str, str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    uow, actor = context.uow, context.actor
    minutes.approve(uow(), actor, office["meeting"], lang="ru")
    real_load = keys.load_key

    def load_while_someone_reopens(*args: object, **kwargs: object) -> object:
        minutes.reopen(uow(), actor, office["meeting"], "Исправлено место")
        meeting = meetings.get_meeting(uow(), office["meeting"])
        meeting.venue = "г. Лида"
        meetings.save_meeting(uow(), actor, meeting)
        minutes.approve(uow(), actor, office["meeting"], lang="ru")
        return real_load(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(keys, "load_key", load_while_someone_reopens)
    with pytest.raises(ConflictError, match="changed while"):
        minutes.sign(uow(), actor, context.keychain, office["meeting"], SignerRole.CHAIR)
    monkeypatch.setattr(keys, "load_key", real_load)
    version = minutes.current(uow(), office["meeting"])
    assert version is not None and version.status == MinutesStatus.APPROVED
    assert version.signatures == ()
    signed = minutes.sign(uow(), actor, context.keychain, office["meeting"], SignerRole.CHAIR)
    assert "г. Лида" in text_of(minutes.document(uow(), office["meeting"])[1])
    assert signed.status == MinutesStatus.SIGNED_BY_CHAIR


def test_importing_a_key_trusts_only_the_cas_that_issued_it(
        context: AppContext, office: dict[str, str], memory_keyring: object) -> None:
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

    from workgroup_app.security.certificates import issue_signer, make_office_ca

    now = datetime.now(UTC)
    ca_key, ca = make_office_ca("Прокуратура Брестской области", now=now)
    _other_key, unrelated = make_office_ca("Totally Unrelated CA", now=now)
    leaf_key, leaf = issue_signer(ca_key, ca, full_name="Ёлкин Пётр Семёнович", position="",
                                  office="", role=SignerRole.CHAIR, now=now)
    _stray_key, stray_leaf = issue_signer(ca_key, ca, full_name="Mallory Leaf", position="",
                                          office="", role=SignerRole.CHAIR, now=now)
    data = pkcs12.serialize_key_and_certificates(
        b"x", leaf_key, leaf, [unrelated, stray_leaf, ca],
        BestAvailableEncryption(PASS.encode()))
    keys.import_pkcs12(context.uow(), context.keychain, data, PASS, office["chair"],
                       SignerRole.CHAIR)
    listed = {(c.kind.value, c.subject) for c in keys.list_certificates(context.uow())}
    assert listed == {("signer", "Ёлкин Пётр Семёнович"),
                      ("trusted_issuer", "Прокуратура Брестской области")}
    assert not list(context.keychain.folder.glob("*.tmp"))


def test_files_too_large_or_unreadable_are_refused_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as handle:  # sparse: no disk is spent
        handle.truncate(minutes.MAX_PDF_BYTES + 1)
    with pytest.raises(ValidationError, match="far larger than any protocol"):
        minutes.read_pdf(huge)
    with pytest.raises(ValidationError, match="cannot be read"):
        minutes.read_pdf(tmp_path)
    with pytest.raises(ValidationError, match="cannot be read"):
        minutes.read_pdf(tmp_path / "missing.pdf")
    small = tmp_path / "small.pdf"
    small.write_bytes(b"%PDF-1.7\n")
    assert minutes.read_pdf(small) == b"%PDF-1.7\n"
