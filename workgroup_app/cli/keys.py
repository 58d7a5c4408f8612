"""`workgroup keys …`: the office CA, the signing certificates of people, importing a PKCS#12
file, and the list of certificates this office holds.

A key's passphrase is random and kept in the system keyring. Where there is none, the
administrator chooses it: ``--passphrase-file`` or typed twice at a terminal.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from ..documents.files import atomic_write, check_output
from ..domain.errors import ConflictError
from ..domain.messages import N_
from ..domain.minutes import SIGNER_ROLE_LABELS, CertificateInfo, CertificateKind, SignerRole
from ..i18n import _, tr
from ..services import keys, lookup
from ..services.keys import MIN_PASSPHRASE, certificate_fingerprint
from . import passphrase, resolve
from .output import echo, fmt_date, plain, print_json, show_list
from .state import CliError, CliState, pass_state

SHORT_FINGERPRINT = 16
ROLES = click.Choice([role.value for role in SignerRole])
KIND_LABELS = {CertificateKind.OFFICE_CA: N_("Office CA"),
               CertificateKind.SIGNER: N_("Signer"),
               CertificateKind.TRUSTED_ISSUER: N_("Trusted issuer")}
STATUS_LABELS = {"valid": N_("valid now"), "expired": N_("expired"),
                 "not_yet_valid": N_("not yet valid")}
CA_NEEDS_PASSPHRASE = N_("No system keyring holds the CA key's passphrase; type it.")
NEW_PASSPHRASE_HELP = _("Where no system keyring exists: read the new key's passphrase (at "
                        "least 8 characters) from the first line of FILE.")


@click.group("keys", help=_("Signing keys: the office CA, certificates of people, "
                            "importing PKCS#12 files."))
def keys_group() -> None:
    """A group: the subcommands below do the work."""


def new_passphrase(state: CliState, file: Path | None) -> str | None:
    """None where the keyring will keep a random passphrase; else the administrator's."""
    if state.context().keychain.keyring_available:
        return None
    return passphrase.chosen(file)


def kept_where(state: CliState) -> str:
    if state.context().keychain.keyring_available:
        return _("The key's passphrase is kept in the system keyring.")
    return _("No system keyring is available: keep the passphrase safe, the key is useless "
             "without it.")


def made(state: CliState, info: CertificateInfo, message: str) -> None:
    if state.json:
        print_json(certificate_json(state, info))
        return
    echo(message)
    echo(tr("Valid {period}; fingerprint {fingerprint}.", period=period(info),
            fingerprint=info.fingerprint[:SHORT_FINGERPRINT]))
    echo(kept_where(state))


@keys_group.command("ca-init", help=_("Create the office's certification authority (once)."))
@click.option("--name", "office", metavar="OFFICE",
              help=_("The office's name in the CA certificate (default: the office name "
                     "setting)."))
@click.option("--passphrase-file", type=passphrase.PASSPHRASE_FILE, help=NEW_PASSPHRASE_HELP)
@pass_state
def ca_init(state: CliState, office: str | None, passphrase_file: Path | None) -> None:
    if office is None:
        from ..services.action_reports import office_name

        office = office_name(state.uow())
    if not office.strip():
        raise CliError(_("Give the office's name with --name: the CA certificate carries "
                         "it."))
    if keys.office_ca(state.uow()) is not None:  # before asking for a passphrase in vain
        raise ConflictError(N_("This office already has its certification authority."))
    secret = new_passphrase(state, passphrase_file)
    info = keys.ca_init(state.uow(), state.context().keychain, office_name=office,
                        passphrase=secret)
    made(state, info, tr("Office CA created: {subject}.", subject=info.subject))


@keys_group.command("issue", help=_("Issue a signing certificate to a person for a role, "
                                    "signed by the office CA."))
@click.argument("person")
@click.option("--role", type=ROLES, required=True, help=_("The role the certificate signs "
                                                          "in."))
@click.option("--years", metavar="N", type=click.IntRange(1, 10), default=3, show_default=True,
              help=_("How long the certificate is valid."))
@click.option("--ca-passphrase-file", type=passphrase.PASSPHRASE_FILE,
              help=_("Read the CA key's passphrase from the first line of FILE (where no "
                     "system keyring holds it)."))
@click.option("--passphrase-file", type=passphrase.PASSPHRASE_FILE, help=NEW_PASSPHRASE_HELP)
@pass_state
def issue(state: CliState, person: str, role: str, years: int,
          ca_passphrase_file: Path | None, passphrase_file: Path | None) -> None:
    person_id = resolve.person(state, person)
    chain = state.context().keychain
    ca = keys.office_ca(state.uow())
    ca_secret = secret = None
    if ca is not None:  # else the service says how to make one; nothing to ask
        if ca_passphrase_file is not None or keys.needs_passphrase(chain, ca.id):
            ca_secret = passphrase.existing(ca_passphrase_file, option="--ca-passphrase-file",
                                            why=_(CA_NEEDS_PASSPHRASE))
        secret = new_passphrase(state, passphrase_file)
    info = keys.issue(state.uow(), chain, person_id, SignerRole(role), years=years,
                      ca_passphrase=ca_secret, passphrase=secret)
    made(state, info, tr("Certificate issued to {name} as {role}.", name=info.subject,
                         role=_(SIGNER_ROLE_LABELS[SignerRole(role)])))


@keys_group.command("import", help=_("Import a person's key and certificate from a PKCS#12 "
                                     "file (.p12, .pfx)."))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--person", metavar="PERSON", required=True, help=_("Whose key it is."))
@click.option("--role", type=ROLES, required=True, help=_("The role the certificate signs "
                                                          "in."))
@click.option("--file-passphrase-file", type=passphrase.PASSPHRASE_FILE,
              help=_("Read the PKCS#12 file's passphrase from the first line of FILE."))
@click.option("--passphrase-file", type=passphrase.PASSPHRASE_FILE,
              help=_("Where no system keyring exists: read the key's new passphrase from "
                     "the first line of FILE (default: keep the file's)."))
@pass_state
def import_key(state: CliState, file: Path, person: str, role: str,
               file_passphrase_file: Path | None, passphrase_file: Path | None) -> None:
    try:
        data = file.read_bytes()
    except OSError as error:
        raise CliError(tr("The file {path} cannot be read: {reason}.", path=str(file),
                          reason=error.strerror or str(error))) from None
    person_id = resolve.person(state, person)
    file_secret = passphrase.existing(file_passphrase_file, option="--file-passphrase-file",
                                      why=_("Type the passphrase of the PKCS#12 file."))
    chain = state.context().keychain
    secret = None
    if not chain.keyring_available:
        if passphrase_file is not None:
            secret = passphrase.from_file(passphrase_file)
        elif len(file_secret) < MIN_PASSPHRASE:  # too short to keep: choose another
            secret = passphrase.chosen(None)
    info = keys.import_pkcs12(state.uow(), chain, data, file_secret, person_id,
                              SignerRole(role), passphrase=secret)
    made(state, info, tr("Imported the certificate of {name} as {role}, issued by {issuer}.",
                         name=info.subject, role=_(SIGNER_ROLE_LABELS[SignerRole(role)]),
                         issuer=info.issuer))


# -- other offices ----------------------------------------------------------------------------

@keys_group.command("export-ca", help=_("Write the office CA certificate (PEM, no key) for "
                                        "other offices to trust."))
@click.option("--out", "target", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help=_("The file to write."))
@pass_state
def export_ca(state: CliState, target: Path) -> None:
    data = keys.export_office_ca(state.uow())
    check_output(target)
    atomic_write(target, lambda temp: temp.write_bytes(data))
    ca = keys.office_ca(state.uow())
    echo(tr("Written {path}; fingerprint {fingerprint}.", path=str(target),
            fingerprint=ca.fingerprint if ca else ""))


@keys_group.command("trust", help=_("Trust another office's CA certificate, so minutes "
                                    "signed there verify here. Compare the fingerprint with "
                                    "that office first."))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--fingerprint", metavar="SHA256", required=True,
              help=_("The SHA-256 fingerprint the other office read out; refused if it "
                     "differs."))
@pass_state
def trust(state: CliState, file: Path, fingerprint: str) -> None:
    try:
        data = file.read_bytes()
    except OSError as error:
        raise CliError(tr("The file {path} cannot be read: {reason}.", path=str(file),
                          reason=error.strerror or str(error))) from None
    expected = "".join(fingerprint.split()).replace(":", "").lower()
    actual = certificate_fingerprint(data)
    if expected != actual:
        raise CliError(tr("The fingerprint differs: the file has {actual}. Nothing is "
                          "trusted.", actual=actual))
    info = keys.trust_issuer(state.uow(), data)
    made(state, info, tr("Signatures issued by {name} are now trusted.", name=info.subject))


# -- the list ---------------------------------------------------------------------------------

def status(info: CertificateInfo, now: datetime) -> str:
    if now < info.not_before:
        return "not_yet_valid"
    return "expired" if info.expired(now) else "valid"


def period(info: CertificateInfo) -> str:
    return f"{fmt_date(info.not_before.date())} – {fmt_date(info.not_after.date())}"


def holder(info: CertificateInfo, names: dict[str, str]) -> str:
    name = names.get(info.person_id or "", "")
    if info.role is None:
        return name
    return f"{name} / {_(SIGNER_ROLE_LABELS[info.role])}"


def certificate_json(state: CliState, info: CertificateInfo,
                     names: dict[str, str] | None = None) -> dict[str, Any]:
    if names is None:
        names = lookup.person_names(state.uow(), [info.person_id])
    return {**plain(info), "person": names.get(info.person_id or ""),
            "status": status(info, datetime.now(UTC))}


@keys_group.command("list", help=_("List the certificates this office holds: its CA, "
                                   "signers and trusted issuers."))
@pass_state
def list_keys(state: CliState) -> None:
    found = keys.list_certificates(state.uow())
    names = lookup.person_names(state.uow(), [c.person_id for c in found])
    now = datetime.now(UTC)
    show_list(state.json, [certificate_json(state, c, names) for c in found],
              [_("Kind"), _("Subject"), _("Person / role"), _("Issuer"), _("Valid"),
               _("Fingerprint"), _("Key here"), _("Status")],
              [[_(KIND_LABELS[c.kind]), c.subject, holder(c, names), c.issuer, period(c),
                c.fingerprint[:SHORT_FINGERPRINT], c.has_key,
                _(STATUS_LABELS[status(c, now)])] for c in found], len(found))
