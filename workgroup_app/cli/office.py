"""`workgroup office …`: this office's exchange identity and the offices it trusts (issue 6).

The identity is set up once; its card goes to the other offices, which trust it after
comparing its fingerprint read out by phone. The office keys' passphrase is kept in the system
keyring; where there is none, the administrator chooses it (``--passphrase-file`` or typed).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..documents.files import atomic_write
from ..domain.errors import ConflictError, NotFoundError
from ..domain.messages import N_
from ..domain.sync import OfficeInfo
from ..i18n import _, tr
from ..services import offices
from . import passphrase
from .output import echo, fields, plain, print_json, short_id, table
from .state import CliError, CliState, pass_state

NOT_SET_UP = N_("This office's identity is not set up yet: set it up first (office init, or "
                "Exchange → This office).")
TYPE_OFFICE_PASSPHRASE = N_("No system keyring holds the passphrase of this office's keys; "
                            "type it.")
OFFICE_PASSPHRASE_HELP = _("Where no system keyring holds it: read the office keys' "
                           "passphrase from the first line of FILE.")
FINGERPRINT_CELLS = 60  # forty digits in groups of four, never clipped in a table


@click.group("office", help=_("This office's exchange identity, its card, and the offices it "
                              "trusts."))
def office_group() -> None:
    """A group: the subcommands below do the work."""


def own(state: CliState) -> OfficeInfo:
    """This office's identity; a clear error when it is not set up."""
    info = offices.own_office(state.uow())
    if info is None:
        raise NotFoundError(NOT_SET_UP)
    return info


def office_secret(state: CliState, file: Path | None) -> str | None:
    """The office keys' passphrase: from ``file``, else typed where no keyring holds it,
    else None (the keyring has it)."""
    if file is not None:
        return passphrase.from_file(file)
    if not offices.needs_passphrase(state.context().keychain):
        return None
    return passphrase.existing(None, option="--passphrase-file", why=_(TYPE_OFFICE_PASSPHRASE))


def status_label(info: OfficeInfo) -> str:
    if info.is_self:
        return _("this office")
    return _("revoked") if info.revoked_at is not None else _("trusted")


def office_json(info: OfficeInfo) -> dict[str, Any]:
    return {**plain(info), "trusted": info.trusted}


def identity_fields(info: OfficeInfo) -> str:
    pairs: list[tuple[str, Any]] = [
        (_("Name"), info.name), (_("Office id"), info.site_id), (_("Region"), info.region),
        (_("Country"), info.country), (_("Network"), info.network),
        (_("Fingerprint"), info.fingerprint)]
    if info.revoked_at is not None:
        pairs.append((_("Revoked"), info.revoked_at))
    return fields(pairs)


@office_group.command("init", help=_("Set up this office's exchange identity (once): its keys, "
                                     "and the office CA if there is none yet."))
@click.option("--name", required=True, help=_("The office's name, as other offices will see "
                                              "it."))
@click.option("--region", default="", help=_("The region the office serves."))
@click.option("--country", default="", metavar="BY|RU",
              help=_("The country, as a two-letter code such as BY or RU."))
@click.option("--network", default=offices.DEFAULT_NETWORK, show_default=True,
              help=_("The exchange network: only offices of the same network exchange."))
@click.option("--passphrase-file", type=passphrase.PASSPHRASE_FILE,
              help=_("Where no system keyring exists: read the new keys' passphrase (at least "
                     "8 characters) from the first line of FILE."))
@pass_state
def init(state: CliState, name: str, region: str, country: str, network: str,
         passphrase_file: Path | None) -> None:
    if offices.own_office(state.uow()) is not None:  # before asking for a passphrase in vain
        raise ConflictError(N_("This office's identity is already set up."))
    chain = state.context().keychain
    secret = None if chain.keyring_available else passphrase.chosen(passphrase_file)
    info = offices.init_office(state.uow(), chain, name=name, region=region, country=country,
                               network=network, passphrase=secret)
    if state.json:
        print_json(office_json(info))
        return
    echo(tr("This office's identity is set up: {name}.", name=info.name))
    echo(identity_fields(info))
    echo(_("The keys' passphrase is kept in the system keyring.") if chain.keyring_available
         else _("No system keyring is available: keep the passphrase safe, the office keys "
                "are useless without it."))


@office_group.command("show", help=_("Show this office's identity and the fingerprint to read "
                                     "aloud to other offices."))
@pass_state
def show(state: CliState) -> None:
    info = own(state)
    if state.json:
        print_json(office_json(info))
        return
    echo(identity_fields(info))


@office_group.command("export-card", help=_("Write this office's card (public keys only) to "
                                            "FILE for another office to trust."))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help=_("Replace FILE if it exists."))
@click.option("--passphrase-file", type=passphrase.PASSPHRASE_FILE,
              help=OFFICE_PASSPHRASE_HELP)
@pass_state
def export_card(state: CliState, file: Path, force: bool,
                passphrase_file: Path | None) -> None:
    info = own(state)
    if file.exists() and not force:
        raise CliError(tr("{path} exists already; give --force to replace it.",
                          path=str(file)))
    data = offices.export_card(state.uow(), state.context().keychain,
                               office_secret(state, passphrase_file))
    atomic_write(file, lambda temp: temp.write_bytes(data))
    if state.json:
        print_json({"path": str(file), "site_id": info.site_id, "name": info.name,
                    "fingerprint": info.fingerprint})
        return
    echo(tr("Written {path}. Give it to the other office, then read them this fingerprint "
            "by phone:", path=str(file)))
    echo(f"  {info.fingerprint}")


def read_card(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except OSError as error:
        raise CliError(tr("The file {path} cannot be read: {reason}.", path=str(file),
                          reason=error.strerror or str(error))) from None


@office_group.command("trust", help=_("Trust another office by its card, once the fingerprint "
                                      "it read out by phone matches."))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--fingerprint", metavar="FP", required=True,
              help=_("The fingerprint the other office read out (spaces optional); nothing is "
                     "trusted if it differs from the card's."))
@pass_state
def trust(state: CliState, file: Path, fingerprint: str) -> None:
    info = offices.trust_card(state.uow(), read_card(file), fingerprint)
    if state.json:
        print_json(office_json(info))
        return
    echo(tr("{name} is trusted: its bundles are accepted here, and the protocols it signs "
            "verify.", name=info.name))
    echo(identity_fields(info))


@office_group.command("revoke", help=_("Stop trusting an office (by name or the first "
                                       "characters of its id): its bundles are refused and "
                                       "none are written for it."))
@click.argument("office")
@pass_state
def revoke(state: CliState, office: str) -> None:
    info = offices.revoke(state.uow(), office)
    if state.json:
        print_json(office_json(info))
        return
    echo(tr("Trust in {name} is revoked.", name=info.name))


@office_group.command("list", help=_("List this office and the offices it knows, with their "
                                     "fingerprints."))
@pass_state
def list_offices(state: CliState) -> None:
    found = offices.list_offices(state.uow())
    found.sort(key=lambda o: (not o.is_self, o.name.casefold()))
    if state.json:
        print_json([office_json(o) for o in found])
        return
    if not found:
        echo(_("No office is set up yet: start with 'workgroup office init'."))
        return
    echo(table([_("Name"), _("ID"), _("Region"), _("Status"), _("Fingerprint")],
               [[o.name, short_id(o.site_id), o.region, status_label(o), o.fingerprint]
                for o in found], limit=FINGERPRINT_CELLS))
