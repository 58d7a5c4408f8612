"""`workgroup db encrypt|decrypt|rekey`: encryption at rest of the store file.

On a store with user accounts only the administrator may (services/encryption.py). The key
goes into this computer's keyring, or comes from a passphrase (--passphrase): typed twice,
or from WORKGROUP_DB_PASSPHRASE (encrypt) / WORKGROUP_DB_NEW_PASSPHRASE (rekey) in scripts.
"""

from __future__ import annotations

import click

from ..bootstrap import AppContext, store_crypt
from ..domain.encryption import (
    NEW_PASSPHRASE_VARIABLE,
    PASSPHRASE_VARIABLE,
    KeySource,
    Protection,
)
from ..i18n import _, tr
from ..services import encryption
from .output import echo, print_json
from .state import CliState, pass_state
from .store_passphrase import new_passphrase


def _passphrase_help(variable: str) -> str:
    return tr("Derive the key from a passphrase (typed twice, or taken from {variable}) "
              "instead of keeping a random key in this computer's keyring.", variable=variable)


def _secrets(context: AppContext) -> encryption.Secrets:
    return lambda: context.keychain.secrets


def protection_text(protection: Protection) -> str:
    """How the store is protected, in a few words (`workgroup init`): why, when it is not."""
    if protection.source is KeySource.KEYRING:
        return _("on (the key is in this computer's keyring)")
    if protection.encrypted:
        return _("on (passphrase)")
    if protection.reason is None:
        return _("off")
    return tr("off: {reason}", reason=tr(protection.reason, **protection.params))


def _report(state: CliState, protection: Protection) -> None:
    if state.json:
        source = protection.source.value if protection.source else None
        print_json({"encrypted": protection.encrypted, "key": source})
    elif not protection.encrypted:
        echo(_("The database is no longer encrypted. Backups made while it was encrypted "
               "stay encrypted with its former key."))
    elif protection.source is KeySource.KEYRING:
        echo(_("The database is encrypted; its key is kept in this computer's keyring."))
    else:
        echo(_("The database is encrypted with your passphrase. Keep the passphrase safe: "
               "without it nobody can read the database, its administrator included."))


def _convert(state: CliState, operation: encryption.Operation, use_passphrase: bool,
             variable: str) -> None:
    context = state.context()
    crypt = store_crypt(context)
    encryption.check(context.uow(), crypt, operation)  # before anything is typed
    passphrase = new_passphrase(variable) if use_passphrase else None
    if operation is encryption.Operation.ENCRYPT:
        done = encryption.encrypt(context.uow(), crypt, _secrets(context),
                                  passphrase=passphrase)
    elif operation is encryption.Operation.REKEY:
        done = encryption.rekey(context.uow(), crypt, _secrets(context), passphrase=passphrase)
    else:
        done = encryption.decrypt(context.uow(), crypt)
    _report(state, done)


@click.command("encrypt", help=_("Encrypt the database file (SQLCipher). Nothing else may have "
                                 "it open meanwhile."))
@click.option("--passphrase", "use_passphrase", is_flag=True,
              help=_passphrase_help(PASSPHRASE_VARIABLE))
@pass_state
def encrypt(state: CliState, use_passphrase: bool) -> None:
    _convert(state, encryption.Operation.ENCRYPT, use_passphrase, PASSPHRASE_VARIABLE)


@click.command("decrypt", help=_("Store the database unencrypted again."))
@pass_state
def decrypt(state: CliState) -> None:
    _convert(state, encryption.Operation.DECRYPT, False, PASSPHRASE_VARIABLE)


@click.command("rekey", help=_("Give the encrypted database a new key (in the keyring, or "
                               "from a new passphrase)."))
@click.option("--passphrase", "use_passphrase", is_flag=True,
              help=_passphrase_help(NEW_PASSPHRASE_VARIABLE))
@pass_state
def rekey(state: CliState, use_passphrase: bool) -> None:
    _convert(state, encryption.Operation.REKEY, use_passphrase, NEW_PASSPHRASE_VARIABLE)


COMMANDS = [encrypt, decrypt, rekey]
