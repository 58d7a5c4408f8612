"""The passphrase of an encrypted store whose key is not in the keyring, typed hidden at a
terminal (WORKGROUP_DB_PASSPHRASE is read before this is asked: config.py). Without a
terminal nothing is asked: the refusal says which variable to set."""

from __future__ import annotations

import os

import click

from ..domain.encryption import NO_KEY, PASSPHRASE_VARIABLE, check_passphrase
from ..domain.errors import DomainError, StoreError
from ..i18n import error_text, tr
from .errors import CliError
from .sign_in import interactive

ATTEMPTS = 3


def ask_store_passphrase(name: str, refusal: DomainError | None) -> str | None:
    """The passphrase of the store ``name``; ``refusal`` is why the previous one failed."""
    if not interactive():  # nobody to ask: say where a script gives it
        raise StoreError(NO_KEY, name=name, variable=PASSPHRASE_VARIABLE)
    if refusal is not None:
        click.echo(error_text(refusal), err=True)
    typed = click.prompt(tr("Passphrase of {name}", name=name), hide_input=True, err=True,
                         default="", show_default=False)
    return typed or None


def new_passphrase(variable: str) -> str:
    """A new passphrase for the store: from ``variable`` (scripts), else typed twice at a
    terminal (asked again when the rules refuse it or the two differ)."""
    given = os.environ.get(variable)
    if given is not None:
        return check_passphrase(given)
    if not interactive():
        raise CliError(tr("The new passphrase is needed and there is no terminal to type "
                          "it: set {variable}.", variable=variable))
    for _attempt in range(ATTEMPTS):
        first = click.prompt(tr("New passphrase of the store"), hide_input=True, err=True)
        try:
            check_passphrase(first)
        except DomainError as error:
            click.echo(error_text(error), err=True)
            continue
        again = click.prompt(tr("Repeat the new passphrase"), hide_input=True, err=True)
        if again == first:
            return first
        click.echo(tr("The two passphrases differ; try again."), err=True)
    raise CliError(tr("No new passphrase was chosen. Nothing was changed."))
