"""`workgroup login|logout` and `workgroup user …`: signing in and the user accounts (issue 7).

Who runs a command is settled in state.py/sign_in.py before any of these runs; the services
check what the role may do. Passwords are typed hidden twice at a terminal, or read line by
line from standard input by scripts. A store without accounts gets its first administrator
from ``user add NAME --role administrator``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from ..domain import access
from ..domain.access import ROLE_LABELS, Permission, Role
from ..domain.errors import SecretError
from ..domain.messages import N_
from ..i18n import _, tr
from ..services import users
from ..services.users import UserInfo
from .output import echo, fields, fmt_date, plain, print_json, table
from .sign_in import Access, new_password, typed
from .state import CliError, CliState, pass_state

NO_ACCOUNTS = N_("This store has no user accounts: whoever opens it may do everything. Make "
                 "the first administrator with 'workgroup user add NAME --role "
                 "administrator'.")
ROLE_CHOICE = click.Choice([role.value for role in Role], case_sensitive=False)


def role_label(role: str) -> str:
    """The role in the user's language (the raw value for a role this version does not
    know)."""
    try:
        return _(ROLE_LABELS[Role(role)])
    except ValueError:
        return role


def moment(value: datetime | None) -> str:
    """A stored UTC moment in this computer's local time; "never" for none."""
    if value is None:
        return _("never")
    local = value.astimezone()
    return f"{fmt_date(local.date())} {local:%H:%M}"


def state_text(user: UserInfo) -> str:
    if user.disabled:
        return _("disabled")
    if user.locked():
        return tr("locked until {time}", time=moment(user.wait_until))
    if user.must_change_password:
        return _("active, must change the password")
    return _("active")


def user_json(user: UserInfo) -> dict[str, Any]:
    return {**plain(user), "locked": user.locked()}


def has_accounts(state: CliState) -> bool:
    return users.accounts_exist(state.uow())


def report_user(state: CliState, user: UserInfo, message: str) -> None:
    if state.json:
        print_json(user_json(user))
    else:
        echo(message)


# ---- signing in ------------------------------------------------------------------------------

@click.command("login", help=_("Sign in once and keep the sign-in in the system keyring for "
                               "{hours} hours: commands with the same --user need no password "
                               "until then.").format(hours=users.SESSION_HOURS))
@pass_state
def login(state: CliState) -> None:
    from ..security.keystore import SecretStore

    if not SecretStore().available():  # said before the password is asked for nothing
        raise CliError(_("There is no system keyring on this computer to keep the sign-in: "
                         "give the password to each command instead (typed, or in "
                         "WORKGROUP_PASSWORD)."))
    context = state.context(access=Access.PASSWORD)  # a fresh sign-in with the password
    if not has_accounts(state):
        raise CliError(_(NO_ACCOUNTS))
    actor, secrets = context.actor, context.keychain.secrets
    users.close_session(context.uow(), secrets, actor.user)  # a new session replaces it
    try:
        expires = users.open_session(context.uow(), secrets, actor)
    except SecretError as error:
        raise CliError(tr("The system keyring refused to keep the sign-in: {reason}",
                          reason=str(error.params.get("reason", "")))) from None
    if state.json:
        print_json({"user": actor.user, "role": actor.role, "expires": expires})
        return
    echo(tr("Signed in as {name} ({role}) until {time}; until then commands with --user "
            "{name} need no password. 'workgroup --user {name} logout' ends it sooner.",
            name=actor.user, role=role_label(actor.role), time=moment(expires)))


@click.command("logout", help=_("Forget the sign-in that 'workgroup login' kept for --user."))
@pass_state
def logout(state: CliState) -> None:
    context = state.context(access=Access.NOBODY)  # forgetting one's session needs no password
    if not has_accounts(state):
        raise CliError(_(NO_ACCOUNTS))
    name = (state.user or "").strip()
    if not name:
        raise CliError(_("Whose sign-in should be forgotten? Give --user NAME (or set "
                         "WORKGROUP_USER)."))
    kept = users.close_session(context.uow(), context.keychain.secrets, name)
    if state.json:
        print_json({"user": name, "signed_out": kept})
    elif kept:
        echo(tr("Signed out: the kept sign-in of {name} is forgotten.", name=name))
    else:
        echo(tr("There was no kept sign-in of {name} here.", name=name))


# ---- user … ----------------------------------------------------------------------------------

@click.group("user", help=_("User accounts: who you are, the users and their roles, passwords."))
def user_group() -> None:
    """A group: the subcommands below do the work."""


@user_group.command("whoami", help=_("Show the signed-in user and their role."))
@pass_state
def whoami(state: CliState) -> None:
    context = state.context()
    if not has_accounts(state):
        if state.json:
            print_json({"user": None, "role": context.actor.role, "accounts": False})
        else:
            echo(_(NO_ACCOUNTS))
        return
    info = users.current(context.uow(), context.actor.user)
    if state.json:
        print_json({"user": info.username, "full_name": info.full_name, "role": info.role,
                    "accounts": True})
        return
    echo(fields([(_("User"), info.username), (_("Full name"), info.full_name),
                 (_("Role"), role_label(info.role))]))


@user_group.command("list", help=_("List the user accounts (administrators only)."))
@pass_state
def list_users(state: CliState) -> None:
    context = state.context()
    found = users.list_users(context.uow(), context.actor)
    if state.json:
        print_json([user_json(user) for user in found])
    elif not found:
        echo(_(NO_ACCOUNTS))
    else:
        echo(table([_("User"), _("Full name"), _("Role"), _("State"), _("Last sign-in")],
                   [(u.username, u.full_name, role_label(u.role), state_text(u),
                     moment(u.last_login_at)) for u in found]))


@user_group.command("add", help=_("Add a user with a first password, typed twice; they choose "
                                  "their own at the first sign-in. On a store without "
                                  "accounts this makes the first administrator."))
@click.argument("name")
@click.option("--role", "role", type=ROLE_CHOICE, required=True,
              help=_("The role: administrator, prosecutor, secretary, head or observer."))
@click.option("--full-name", "full_name", default="", help=_("The user's full name."))
@pass_state
def add(state: CliState, name: str, role: str, full_name: str) -> None:
    context = state.context()
    name = access.check_username(name)  # refused before a password is typed for nothing
    if not has_accounts(state):
        if role != Role.ADMINISTRATOR:
            raise CliError(_("This store has no user accounts yet: the first one must be an "
                             "administrator (--role administrator)."))
        actor = users.create_first_administrator(context.uow(), name, full_name,
                                                 new_password(name))
        info = users.current(context.uow(), actor.user)
        report_user(state, info, tr(
            "{name} is the first administrator of this store. From now on every command "
            "needs --user NAME and the password.", name=info.username))
        return
    context.actor.require(Permission.MANAGE_USERS)
    info = users.add_user(context.uow(), context.actor, name, full_name, role,
                          new_password(name))
    report_user(state, info, tr("{name} is added as {role}; they choose their own password at "
                                "the first sign-in.", name=info.username,
                                role=role_label(info.role)))


@user_group.command("passwd", help=_("Change your own password (the current one, then the new "
                                     "one twice); with NAME, an administrator resets the "
                                     "password of that user."))
@click.argument("name", required=False)
@pass_state
def passwd(state: CliState, name: str | None) -> None:
    if name is None:
        change_own(state)
        return
    context = state.context()
    context.actor.require(Permission.MANAGE_USERS)
    target = users.current(context.uow(), name)  # an unknown name before any typing
    info = users.reset_password(context.uow(), context.actor, target.username,
                                new_password(target.username))
    message = tr("The password of {name} is reset.", name=info.username)
    if info.must_change_password:
        message += " " + _("They choose their own at the next sign-in.")
    report_user(state, info, message)


def change_own(state: CliState) -> None:
    context = state.context(access=Access.PASSWORD_CHANGE)
    if not has_accounts(state):
        raise CliError(_(NO_ACCOUNTS))
    actor = context.actor
    current = state.password  # just proved by this sign-in: not asked twice
    if current is None:
        current = typed(_("Current password"), _("The current password is needed and there "
                                                 "is no terminal to type it: give it on "
                                                 "standard input."))
    users.change_own_password(context.uow(), actor, current, new_password(actor.user))
    if state.json:
        print_json({"user": actor.user, "password_changed": True})
    else:
        echo(_("Your password is changed."))


@user_group.command("role", help=_("Give a user another role (administrators only)."))
@click.argument("name")
@click.argument("role", type=ROLE_CHOICE)
@pass_state
def role(state: CliState, name: str, role: str) -> None:
    context = state.context()
    info = users.set_role(context.uow(), context.actor, name, role)
    report_user(state, info, tr("{name} is now {role}.", name=info.username,
                                role=role_label(info.role)))


@user_group.command("disable", help=_("Disable a user: they can no longer sign in."))
@click.argument("name")
@pass_state
def disable(state: CliState, name: str) -> None:
    context = state.context()
    info = users.set_disabled(context.uow(), context.actor, name, True)
    report_user(state, info, tr("{name} is disabled: they cannot sign in.", name=info.username))


@user_group.command("enable", help=_("Enable a disabled user again."))
@click.argument("name")
@pass_state
def enable(state: CliState, name: str) -> None:
    context = state.context()
    info = users.set_disabled(context.uow(), context.actor, name, False)
    report_user(state, info, tr("{name} is enabled again.", name=info.username))


@user_group.command("unlock", help=_("Lift the lock after repeated wrong passwords."))
@click.argument("name")
@pass_state
def unlock(state: CliState, name: str) -> None:
    context = state.context()
    info = users.unlock(context.uow(), context.actor, name)
    report_user(state, info, tr("{name} is unlocked and may sign in again.",
                                name=info.username))


COMMANDS = [login, logout, user_group]
