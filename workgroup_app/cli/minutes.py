"""`workgroup minutes …`: the protocol of a meeting as a PDF — build, approve, reopen, sign,
amend, extract, export, list the versions and verify any signed file.

The services that build and sign PDFs pull in reportlab and pyHanko, so they are imported on
use: every other command stays quick to start. What is shown lives in minutes_view.py.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import click

from ..documents.files import atomic_write, check_output
from ..domain.errors import VerificationError
from ..domain.messages import N_
from ..domain.minutes import (
    MINUTES_STATUS_LABELS,
    PROTOCOL_LANGUAGES,
    SIGNER_ROLE_LABELS,
    MinutesVersion,
    SignerRole,
)
from ..i18n import _, error_text, tr
from . import passphrase, resolve
from .minutes_view import (
    page_count,
    show_report,
    show_unverifiable,
    show_versions,
    version_json,
)
from .output import echo, print_json
from .state import CliState, pass_state

EXIT_VERIFY = 3
OUT = click.Path(dir_okay=True, path_type=Path)
LANG = click.Choice(PROTOCOL_LANGUAGES)
ROLES = click.Choice([role.value for role in SignerRole])
NEEDS_PASSPHRASE = N_("No system keyring holds this key's passphrase; type it.")


def service() -> ModuleType:
    from ..services import minutes

    return minutes


@click.group("minutes", help=_("The protocol of a meeting as a signed PDF: build, approve, "
                               "sign, verify, amend, extract."))
def minutes_group() -> None:
    """A group: the subcommands below do the work."""


def language(state: CliState, meeting_id: str, lang: str | None) -> str:
    """The protocol's language: as asked, else that of the current version, else Russian."""
    if lang is not None:
        return lang
    current = service().current(state.uow(), meeting_id)
    return "ru" if current is None else current.lang


def write(out: Path, data: bytes) -> None:
    """The whole file appears at ``out`` in one step, or nothing does."""
    atomic_write(out, lambda temp: temp.write_bytes(data))


def said(state: CliState, version: MinutesVersion, message: str) -> None:
    if state.json:
        print_json(version_json(version))
    else:
        echo(message)


def status_label(version: MinutesVersion) -> str:
    return _(MINUTES_STATUS_LABELS[version.status])


def signing_passphrase(state: CliState, meeting_id: str, role: SignerRole,
                       file: Path | None) -> str | None:
    """The key's passphrase when no keyring holds it: from the file, or typed."""
    if file is None and not service().signer_needs_passphrase(
            state.uow(), state.context().keychain, meeting_id, role):
        return None
    return passphrase.existing(file, option="--passphrase-file", why=_(NEEDS_PASSPHRASE))


LANG_HELP = _("The protocol's language (default: that of the current version, else ru).")
EXECUTION_HELP = _("Add the item \"On the execution of earlier decisions\".")
PASSPHRASE_HELP = _("Read the key's passphrase from the first line of FILE (where no system "
                    "keyring holds it).")


@minutes_group.command("build", help=_("Build the protocol as it would be approved now and "
                                       "write it to a PDF file."))
@click.argument("meeting")
@click.option("--lang", type=LANG, help=LANG_HELP)
@click.option("--with-execution", is_flag=True, help=EXECUTION_HELP)
@click.option("--out", metavar="FILE", type=OUT, required=True, help=_("The PDF file to write."))
@pass_state
def build(state: CliState, meeting: str, lang: str | None, with_execution: bool,
          out: Path) -> None:
    check_output(out)
    meeting_id = resolve.meeting(state, meeting)
    data = service().build(state.uow(), meeting_id, lang=language(state, meeting_id, lang),
                           include_execution=with_execution)
    write(out, data)
    pages = page_count(data)
    if state.json:
        print_json({"out": str(out), "pages": pages, "size": len(data)})
        return
    echo(tr("Written {path} ({pages} p., {size} bytes).", path=str(out), pages=pages,
            size=len(data)))


@minutes_group.command("approve", help=_("Approve the protocol: its PDF is fixed and the "
                                         "meeting's content is locked."))
@click.argument("meeting")
@click.option("--lang", type=LANG, help=LANG_HELP)
@click.option("--with-execution", is_flag=True, help=EXECUTION_HELP)
@pass_state
def approve(state: CliState, meeting: str, lang: str | None, with_execution: bool) -> None:
    meeting_id = resolve.meeting(state, meeting)
    version = service().approve(state.uow(), state.context().actor, meeting_id,
                                lang=language(state, meeting_id, lang),
                                include_execution=with_execution)
    said(state, version, tr("Minutes version {version} approved ({lang}, SHA-256 {digest}); "
                            "the meeting is locked.", version=version.version,
                            lang=version.lang, digest=version.sha256[:16]))


@minutes_group.command("reopen", help=_("Return approved minutes that nobody has signed to "
                                        "draft, so the meeting can be edited again."))
@click.argument("meeting")
@click.option("--reason", required=True, help=_("Why the minutes are reopened."))
@pass_state
def reopen(state: CliState, meeting: str, reason: str) -> None:
    version = service().reopen(state.uow(), state.context().actor,
                               resolve.meeting(state, meeting), reason)
    said(state, version, tr("Minutes version {version} reopened: {status}.",
                            version=version.version, status=status_label(version)))


@minutes_group.command("amend", help=_("Start a new version that will supersede the signed "
                                       "minutes; the signed file stays as it is."))
@click.argument("meeting")
@click.option("--reason", required=True, help=_("Why the minutes are amended."))
@pass_state
def amend(state: CliState, meeting: str, reason: str) -> None:
    version = service().amend(state.uow(), state.context().actor,
                              resolve.meeting(state, meeting), reason)
    said(state, version, tr("Version {version} started; it supersedes version {earlier} once "
                            "approved. The meeting may be edited.", version=version.version,
                            earlier=version.supersedes_version))


@minutes_group.command("sign", help=_("Sign the approved minutes as the chair (first) or the "
                                      "secretary (second)."))
@click.argument("meeting")
@click.option("--as", "role", type=ROLES, required=True, help=_("Sign as this role."))
@click.option("--passphrase-file", type=passphrase.PASSPHRASE_FILE, help=PASSPHRASE_HELP)
@pass_state
def sign(state: CliState, meeting: str, role: str, passphrase_file: Path | None) -> None:
    meeting_id = resolve.meeting(state, meeting)
    signer_role = SignerRole(role)
    secret = signing_passphrase(state, meeting_id, signer_role, passphrase_file)
    context = state.context()
    version = service().sign(state.uow(), context.actor, context.keychain, meeting_id,
                             signer_role, passphrase=secret)
    signed = version.signatures[-1]
    said(state, version, tr("Signed by {signer} as {role}. The minutes are now: {status}.",
                            signer=signed.signer, role=_(SIGNER_ROLE_LABELS[signer_role]),
                            status=status_label(version)))


@minutes_group.command("extract", help=_("Write an extract: one agenda item's decisions for "
                                         "one addressee agency, as its own PDF."))
@click.argument("meeting")
@click.option("--item", metavar="N", type=click.IntRange(min=1), required=True,
              help=_("The agenda item's number."))
@click.option("--agency", metavar="AGENCY", required=True, help=_("The addressee agency."))
@click.option("--out", metavar="FILE", type=OUT, required=True, help=_("The PDF file to write."))
@click.option("--lang", type=LANG, help=_("The extract's language (default: the "
                                          "protocol's)."))
@click.option("--sign", "sign_it", is_flag=True, help=_("Sign the extract as the secretary."))
@click.option("--passphrase-file", type=passphrase.PASSPHRASE_FILE, help=PASSPHRASE_HELP)
@pass_state
def extract(state: CliState, meeting: str, item: int, agency: str, out: Path,
            lang: str | None, sign_it: bool, passphrase_file: Path | None) -> None:
    check_output(out)
    meeting_id = resolve.meeting(state, meeting)
    agency_id = resolve.agency(state, agency)
    secret = signing_passphrase(state, meeting_id, SignerRole.SECRETARY, passphrase_file) \
        if sign_it else None
    data = service().extract(state.uow(), state.context().keychain, meeting_id, item,
                             agency_id, lang=lang, sign_it=sign_it, passphrase=secret)
    write(out, data)
    if state.json:
        print_json({"out": str(out), "pages": page_count(data), "size": len(data),
                    "signed": sign_it})
        return
    echo(tr("Extract of item {item} written to {path} ({pages} p., {size} bytes).",
            item=item, path=str(out), pages=page_count(data), size=len(data)))
    if sign_it:
        echo(_("Signed by the secretary."))


@minutes_group.command("export", help=_("Write the stored file of a version exactly as kept "
                                        "(signed bytes stay signed)."))
@click.argument("meeting")
@click.option("--version", "number", metavar="N", type=click.IntRange(min=1),
              help=_("The version (default: the newest)."))
@click.option("--out", metavar="FILE", type=OUT, required=True, help=_("The file to write."))
@pass_state
def export(state: CliState, meeting: str, number: int | None, out: Path) -> None:
    check_output(out)
    version, data = service().document(state.uow(), resolve.meeting(state, meeting), number)
    write(out, data)
    if state.json:
        print_json({"out": str(out), "version": version.version,
                    "status": version.status.value, "size": len(data),
                    "sha256": version.sha256})
        return
    echo(tr("Version {version} ({status}) written to {path}: {size} bytes, SHA-256 {digest}.",
            version=version.version, status=status_label(version), path=str(out),
            size=len(data), digest=version.sha256))


@minutes_group.command("versions", help=_("List the versions of a meeting's minutes with "
                                          "their state and signatures."))
@click.argument("meeting")
@pass_state
def versions(state: CliState, meeting: str) -> None:
    show_versions(state.json, service().versions(state.uow(), resolve.meeting(state, meeting)))


@minutes_group.command("verify", help=_("Check every signature of a signed PDF. Exit 0 when "
                                        "all are valid, 3 otherwise."))
@click.argument("file", type=click.Path(path_type=Path))
@pass_state
def verify(state: CliState, file: Path) -> None:
    data = service().read_pdf(file)
    try:
        report = service().verify(state.uow(), data)
    except VerificationError as error:
        show_unverifiable(state.json, str(file), error_text(error))
        click.get_current_context().exit(EXIT_VERIFY)
    show_report(state.json, str(file), report)
    if not report.all_valid:
        click.get_current_context().exit(EXIT_VERIFY)
