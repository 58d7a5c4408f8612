"""Who runs a command (issue 7): on a store with user accounts every command acts as a
signed-in user, named by ``--user`` (or WORKGROUP_USER) and proved by a session kept in the OS
keyring (``workgroup login``) or by the password.

The password comes from WORKGROUP_PASSWORD (for scripts; other processes of the same OS user
can read a process's environment) or is typed, hidden, at a terminal. Without a terminal it is
the next line of standard input: getpass would open /dev/tty instead and wait there, so a
script (or a test) feeding standard input would hang.

A store without accounts stays open as before: nobody signs in and ``--user`` is ignored.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from enum import Enum

import click

from ..bootstrap import AppContext
from ..domain import access
from ..domain.actor import Actor
from ..domain.errors import DomainError
from ..domain.messages import N_
from ..i18n import _, error_text, tr
from ..services import users
from .errors import CliError

USER_VARIABLE = "WORKGROUP_USER"
PASSWORD_VARIABLE = "WORKGROUP_PASSWORD"
ATTEMPTS = 3
NOBODY = Actor(user="", role="signed-out")  # an unknown role: may change nothing

NEEDS_USER = N_("This store has user accounts: give --user NAME (or set WORKGROUP_USER).")
MUST_CHANGE = N_("The administrator set the password of {name}: choose your own first with "
                 "'workgroup --user {name} user passwd'.")


class Access(Enum):
    """How a command signs in."""

    SIGNED_IN = "signed-in"  # a kept session, else the password; a pending change refuses
    PASSWORD = "password"  # always the password (login: a new session starts from it)
    PASSWORD_CHANGE = "password-change"  # like SIGNED_IN, but a pending change is allowed
    NOBODY = "nobody"  # no sign-in at all (logout only forgets a kept session)


@dataclass(frozen=True)
class SignedIn:
    actor: Actor
    password: str | None  # the password this command was proved with (None: a session)


def interactive() -> bool:
    """Whether someone can type at a terminal: stdin is one."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stdin
        return False


def typed(label: str, missing: str) -> str:
    """A secret typed hidden at a terminal, else the next line of standard input; ``missing``
    is the error when standard input has no line left."""
    if interactive():
        return click.prompt(label, hide_input=True, err=True)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    if not line:
        raise CliError(missing)
    return line.rstrip("\r\n")


def new_password(username: str) -> str:
    """A new password typed twice. At a terminal a password the rules refuse, or two that
    differ, is asked again; from standard input (two lines) the first problem is the error."""
    missing = _("The new password is needed and there is no terminal to type it: give it "
                "twice, on two lines of standard input.")
    for _attempt in range(ATTEMPTS if interactive() else 1):
        first = typed(_("New password"), missing)
        try:
            access.check_password(first, username)
        except DomainError as error:
            if not interactive():
                raise
            click.echo(error_text(error), err=True)
            continue
        if typed(_("Repeat the new password"), missing) == first:
            return first
        if not interactive():
            raise CliError(_("The two passwords differ."))
        click.echo(_("The two passwords differ; try again."), err=True)
    raise CliError(_("No new password was chosen."))


def password_of(username: str) -> str:
    """The sign-in password: WORKGROUP_PASSWORD, else typed (or read from standard input)."""
    given = os.environ.get(PASSWORD_VARIABLE)
    if given is not None:
        return given
    return typed(tr("Password of {name}", name=username),
                 tr("The password of {name} is needed and there is no terminal to type it: "
                    "give it on standard input or in {variable}.", name=username,
                    variable=PASSWORD_VARIABLE))


def sign_in(context: AppContext, username: str | None, how: Access) -> SignedIn | None:
    """Sign ``username`` in on the store of ``context`` and make them its actor; None on a
    store without accounts (or for ``Access.NOBODY``). Refusals raise CliError or the
    services' DomainError (a wrong password, a disabled or locked account)."""
    if not users.accounts_exist(context.uow()):
        return None
    if how is Access.NOBODY:
        context.actor = NOBODY  # the unrestricted default must not stay on such a store
        return None
    name = (username or "").strip()
    if not name:
        raise CliError(_(NEEDS_USER))
    actor, password = None, None
    if how is not Access.PASSWORD:
        actor = users.session_actor(context.uow(), context.keychain.secrets, name)
    if actor is None:
        password = password_of(name)
        actor = users.sign_in(context.uow(), name, password)
    context.actor = actor
    if how is not Access.PASSWORD_CHANGE and \
            users.current(context.uow(), actor.user).must_change_password:
        raise CliError(tr(MUST_CHANGE, name=actor.user))
    return SignedIn(actor, password)
