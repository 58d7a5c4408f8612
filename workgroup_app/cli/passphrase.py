"""Passphrases on the command line: from a file (``--passphrase-file`` and its kin) or typed,
hidden, at a terminal.

A script has no terminal to type into, so there a missing passphrase is an error that names
the option to use instead of a prompt that would wait for ever.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..i18n import _, tr
from ..services.keys import MIN_PASSPHRASE
from .state import CliError

ATTEMPTS = 3
PASSPHRASE_FILE = click.Path(dir_okay=False, path_type=Path)


def interactive() -> bool:
    """Whether someone can type at a terminal: stdin is one."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stdin
        return False


def from_file(path: Path) -> str:
    """The first line of the file, its line end stripped; the rest of the file is ignored."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise CliError(tr("The passphrase file {path} cannot be read: {reason}.",
                          path=str(path), reason=reason)) from None
    lines = text.splitlines()
    if not lines or not lines[0]:
        raise CliError(tr("The passphrase file {path} is empty: its first line is the "
                          "passphrase.", path=str(path)))
    return lines[0]


def existing(file: Path | None, *, option: str, why: str) -> str:
    """The passphrase of an existing key: from ``file``, else typed once at a terminal after
    ``why`` is said; without a terminal the error names ``option``."""
    if file is not None:
        return from_file(file)
    if not interactive():
        raise CliError(tr("The key's passphrase is needed and there is no terminal to type "
                          "it: give it with {option} FILE.", option=option))
    click.echo(why, err=True)
    return click.prompt(_("Passphrase"), hide_input=True, err=True)


def chosen(file: Path | None, *, option: str = "--passphrase-file") -> str:
    """A passphrase for a new key where no keyring keeps one: from ``file``, or typed twice at
    a terminal (hidden, the same both times, at least MIN_PASSPHRASE characters)."""
    why = _("No system keyring is available; the key is protected by the passphrase you "
            "choose.")
    if file is not None:
        return from_file(file)
    if not interactive():
        raise CliError(tr("No system keyring is available and there is no terminal to type "
                          "a passphrase for the new key: give it with {option} FILE.",
                          option=option))
    click.echo(why, err=True)
    for _attempt in range(ATTEMPTS):
        first = click.prompt(_("New passphrase"), hide_input=True, err=True)
        if len(first) < MIN_PASSPHRASE:
            click.echo(tr("A passphrase needs at least {count} characters.",
                          count=MIN_PASSPHRASE), err=True)
            continue
        if click.prompt(_("Repeat the passphrase"), hide_input=True, err=True) == first:
            return first
        click.echo(_("The two passphrases differ; try again."), err=True)
    raise CliError(_("No passphrase was chosen."))
