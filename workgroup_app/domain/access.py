"""Who may do what: roles, the permissions each holds, and the sign-in rules (issue 7).

Reading is open to every signed-in user; each change names the permission it needs and the
services check it (``require``), so the GUI and the CLI obey the same rules. A store without
accounts (made before issue 7, or not yet set up) is open to whoever opens it: its actor is
unrestricted until the first administrator account is made.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from .errors import DomainError, ValidationError
from .messages import N_


class Role(StrEnum):
    ADMINISTRATOR = "administrator"
    PROSECUTOR = "prosecutor"
    SECRETARY = "secretary"
    HEAD = "head"
    OBSERVER = "observer"


ROLE_LABELS: dict[Role, str] = {
    Role.ADMINISTRATOR: N_("Administrator"),
    Role.PROSECUTOR: N_("Prosecutor"),
    Role.SECRETARY: N_("Secretary"),
    Role.HEAD: N_("Head of office"),
    Role.OBSERVER: N_("Observer"),
}

UNRESTRICTED = "unrestricted"  # the actor of a store without accounts; never a user's role


class Permission(StrEnum):
    EDIT_DIRECTORY = "edit_directory"  # agencies, people, workgroups
    EDIT_MEETINGS = "edit_meetings"  # meetings, attendance, agenda, decisions
    EDIT_MINUTES = "edit_minutes"  # build, approve and amend the protocol
    SIGN_AS_CHAIR = "sign_as_chair"
    SIGN_AS_SECRETARY = "sign_as_secretary"
    EDIT_ACTIONS = "edit_actions"  # assign, edit, report, extend, reassign, cancel, comment
    CONTROL_ACTIONS = "control_actions"  # accept a report, return it for rework
    EDIT_FINDINGS = "edit_findings"
    MANAGE_USERS = "manage_users"
    MANAGE_KEYS = "manage_keys"  # the office CA and the signers' certificates
    MANAGE_OFFICES = "manage_offices"  # this office's identity, trusted offices
    EXCHANGE = "exchange"  # bundles in and out, restoring conflicts
    MANAGE_SETTINGS = "manage_settings"  # calendar overrides and other office settings


P = Permission
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMINISTRATOR: frozenset({P.MANAGE_USERS, P.MANAGE_KEYS, P.MANAGE_OFFICES, P.EXCHANGE,
                                   P.MANAGE_SETTINGS}),
    Role.PROSECUTOR: frozenset({P.EDIT_DIRECTORY, P.EDIT_MEETINGS, P.EDIT_ACTIONS,
                                P.CONTROL_ACTIONS, P.EDIT_FINDINGS, P.SIGN_AS_CHAIR}),
    Role.SECRETARY: frozenset({P.EDIT_DIRECTORY, P.EDIT_MEETINGS, P.EDIT_MINUTES,
                               P.SIGN_AS_SECRETARY}),
    Role.HEAD: frozenset({P.CONTROL_ACTIONS, P.SIGN_AS_CHAIR}),
    Role.OBSERVER: frozenset(),
}

# What each permission lets one do, for the refusal message ("… may not {what}").
PERMISSION_TASKS: dict[Permission, str] = {
    P.EDIT_DIRECTORY: N_("change the directory of agencies, people and workgroups"),
    P.EDIT_MEETINGS: N_("change meetings"),
    P.EDIT_MINUTES: N_("prepare or approve minutes"),
    P.SIGN_AS_CHAIR: N_("sign minutes as the chair"),
    P.SIGN_AS_SECRETARY: N_("sign minutes as the secretary"),
    P.EDIT_ACTIONS: N_("assign or change actions"),
    P.CONTROL_ACTIONS: N_("accept or return actions"),
    P.EDIT_FINDINGS: N_("change supervision findings"),
    P.MANAGE_USERS: N_("manage user accounts"),
    P.MANAGE_KEYS: N_("manage signing keys and certificates"),
    P.MANAGE_OFFICES: N_("manage this office and the trusted offices"),
    P.EXCHANGE: N_("exchange data with other offices"),
    P.MANAGE_SETTINGS: N_("change the office settings"),
}


class AccessDenied(DomainError):
    """The actor's role does not hold the permission a change needs."""


class SignInError(DomainError):
    """A sign-in was refused: wrong name or password, locked or disabled account."""


def permissions(role: str) -> frozenset[Permission]:
    if role == UNRESTRICTED:
        return frozenset(Permission)
    try:
        return ROLE_PERMISSIONS[Role(role)]
    except ValueError:
        return frozenset()  # an unknown role may do nothing


def may(role: str, permission: Permission) -> bool:
    return permission in permissions(role)


def refusal(role: str, permission: Permission) -> AccessDenied:
    label = ROLE_LABELS.get(Role(role), role) if role in set(Role) else role
    return AccessDenied(N_("Your role ({role}) may not {task}."), role=label,
                        task=PERMISSION_TASKS[permission])


# ---- accounts ---------------------------------------------------------------------------------

USERNAME_MAX = 60
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
# Repeated wrong passwords: from the third on, each makes the account wait before the next try
# (1 s, 2 s, 4 s … at most 60 s); the tenth locks it for a quarter of an hour.
SLOW_AFTER = 3
LOCK_AFTER = 10
LOCK_FOR = timedelta(minutes=15)
MAX_WAIT = timedelta(seconds=60)


def check_username(name: str) -> str:
    name = name.strip()
    if not name:
        raise ValidationError(N_("Enter a user name."), field="username")
    if len(name) > USERNAME_MAX or any(c.isspace() or not c.isprintable() for c in name):
        raise ValidationError(N_("A user name is at most {limit} letters, digits or signs, "
                                 "without spaces."), field="username", limit=USERNAME_MAX)
    return name


def check_password(password: str, username: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(N_("A password needs at least {count} characters."),
                              field="password", count=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        raise ValidationError(N_("A password is at most {count} characters."),
                              field="password", count=MAX_PASSWORD)
    if password.strip().casefold() == username.strip().casefold():
        raise ValidationError(N_("The password must differ from the user name."),
                              field="password")
    return password


def check_role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise ValidationError(N_("Unknown role '{role}': one of {roles}."), field="role",
                              role=role, roles=", ".join(r.value for r in Role)) from None


def wait_after(failures: int, now: datetime) -> datetime | None:
    """Until when an account waits after ``failures`` wrong passwords in a row (None: no
    wait)."""
    if failures >= LOCK_AFTER:
        return now + LOCK_FOR
    if failures >= SLOW_AFTER:
        return now + min(timedelta(seconds=2 ** (failures - SLOW_AFTER)), MAX_WAIT)
    return None
