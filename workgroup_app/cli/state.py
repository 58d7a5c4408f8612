"""What every command shares: the global options, the lazily opened store, input parsing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any, TypeVar

import click

from ..bootstrap import AppContext, open_context
from ..config import AppConfig
from ..domain.messages import N_
from ..domain.rules import parse_date
from ..i18n import _, tr
from ..services.ports import UnitOfWork
from .errors import CliError
from .sign_in import Access, sign_in
from .store_passphrase import ask_store_passphrase

__all__ = ["Access", "CliError", "CliState", "pass_state"]

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class CliState:
    database: str | None = None
    json: bool = False
    language: str = "en"
    user: str | None = None  # --user / WORKGROUP_USER: who signs in on a store with accounts
    # The password this command signed in with (None: a kept session or no accounts), so
    # that `user passwd` need not ask again for the password it was just given.
    password: str | None = field(default=None, repr=False)
    _context: AppContext | None = field(default=None, repr=False)
    # Revisions of the records this command read to change (id -> revision): its save is
    # refused if someone else saved the record in between, instead of undoing their change.
    opened: dict[str, str] = field(default_factory=dict, repr=False)

    def config(self) -> AppConfig:
        return AppConfig.build(database=self.database, language=self.language,
                               ask_passphrase=ask_store_passphrase)

    def context(self, *, create: bool = False, upgrade: bool = False,
                access: Access = Access.SIGNED_IN) -> AppContext:
        """The open store, its actor the signed-in user (see sign_in.py). Only ``init``,
        ``demo`` and ``db upgrade`` create or migrate it. The first call decides how the user
        signs in: commands other than the usual pass ``access`` before anything else."""
        if self._context is None:
            config = self.config()
            if not create:
                target = config.database
                if "://" not in target and not Path(target).expanduser().exists():
                    raise CliError(tr("There is no database at '{path}'; create it with "
                                      "'workgroup init'.", path=target))
            context = open_context(config, create=create, upgrade=upgrade)
            try:
                signed_in = sign_in(context, self.user, access)
            except BaseException:
                context.close()
                raise
            self.password = signed_in.password if signed_in else None
            self._context = context
        return self._context

    def uow(self) -> UnitOfWork:
        return self.context().uow()

    def close(self) -> None:
        self.password = None
        if self._context is not None:
            self._context.close()
            self._context = None


pass_state: Callable[[F], F] = click.make_pass_decorator(CliState)  # type: ignore[assignment]


def read_date(text: str | None, label: str = N_("Date")) -> date | None:
    """A date option: None stays None, an empty value clears, a bad one is a user error."""
    if text is None or not text.strip():
        return None
    return parse_date(text, label=label)


def required_date(text: str, label: str = N_("Date")) -> date:
    return parse_date(text, label=label)


def read_time(text: str | None) -> time | None:
    if text is None or not text.strip():
        return None
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        raise CliError(tr("'{value}' is not a valid time (use HH:MM).",
                          value=text.strip())) from None


def nothing_to_change(given: dict[str, object]) -> None:
    """Refuse an ``edit`` without any option: it would silently do nothing."""
    if all(value is None for value in given.values()):
        raise click.UsageError(_("Nothing to change: give at least one option."))
