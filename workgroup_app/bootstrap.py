"""The composition root: configuration in, a ready application context out.

The GUI and the CLI both start here, so they always talk to the same services over the same
store. Nothing here is global: every entry point builds its own context.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from . import i18n
from .config import AppConfig
from .domain.actor import LOCAL_ADMIN, Actor
from .domain.backups import BackupError, reason_of
from .domain.encryption import Protection, StoreKey
from .domain.errors import DomainError, ValidationError
from .domain.messages import N_
from .services import backups
from .services import encryption as store_encryption
from .storage import automatic_backups, maintenance, store_copy
from .storage import encryption as store_files
from .storage.database import (
    Store,
    open_store,
    probe_server,
    server_account,
    server_database_url,
    shown_url,
    sqlite_path,
    to_url,
    with_password,
)
from .storage.unit_of_work import SqlUnitOfWork

if TYPE_CHECKING:  # keyring and cryptography load only when keys are needed
    from .security.keystore import SecretStore
    from .services.keys import Keychain

log = logging.getLogger(__name__)

# Automatic backups (before migrations and imports, daily) are on unless this is "0": the
# tests and the benchmarks turn them off, a multi-gigabyte store must not be copied each run.
AUTO_BACKUP_VARIABLE = "WORKGROUP_AUTO_BACKUP"


def automatic_backups_on() -> bool:
    return os.environ.get(AUTO_BACKUP_VARIABLE, "1").strip() != "0"


class ContextUnitOfWork(SqlUnitOfWork):
    """A unit of work that reaches the store's backups (a sync import takes one first)."""

    def __init__(self, store: Store, actor: Actor,
                 backups: automatic_backups.AutomaticBackups) -> None:
        super().__init__(store, actor)
        self.backups = backups


@dataclass
class AppContext:
    config: AppConfig
    store: Store
    actor: Actor = field(default=LOCAL_ADMIN)
    _keychain: Keychain | None = field(default=None, repr=False)
    _backups: automatic_backups.AutomaticBackups | None = field(default=None, repr=False)

    def uow(self) -> SqlUnitOfWork:
        return ContextUnitOfWork(self.store, self.actor, self.backups)

    @property
    def backups(self) -> automatic_backups.AutomaticBackups:
        """The store's backups, kept in the ``backups`` folder of the data directory."""
        if self._backups is None:
            self._backups = automatic_backups.AutomaticBackups(
                self, backups_folder(self.config), enabled=automatic_backups_on())
        return self._backups

    @property
    def office_id(self) -> str:
        return self.store.office_id

    @property
    def location(self) -> str:
        """Where the store is, as the user may be shown it (a server's URL without its
        password)."""
        return str(self.store.path) if self.store.path else shown_url(self.store.url)

    @property
    def keychain(self) -> Keychain:
        """Keys live in the data directory; their passphrases in the OS keyring."""
        if self._keychain is None:
            from .security.keystore import SecretStore
            from .services.keys import Keychain

            self._keychain = Keychain(folder=self.config.data_dir / "keys",
                                      secrets=SecretStore(),
                                      cache=self.config.data_dir / "cache")
        return self._keychain

    def close(self) -> None:
        self.store.close()


def backups_folder(config: AppConfig) -> Path:
    return config.data_dir / "backups"


def open_context(config: AppConfig, *, create: bool = True, upgrade: bool = True,
                 daily_backup: bool = True) -> AppContext:
    """The open store and what works on it. ``daily_backup=False`` leaves the day's backup to
    the caller (the GUI takes it in the background: on a big store it is a long copy)."""
    i18n.set_language(config.language)
    key = unlock_store(config, create=create)
    if upgrade and automatic_backups_on():
        _backup_before_migration(config, key)
    store = open_store(server_url(config.database), create=create, upgrade=upgrade, key=key)
    context = AppContext(config=config, store=store)
    if config.demo:
        from .services.demo import ensure_demo

        ensure_demo(context.uow, context.actor)
    if daily_backup:
        take_daily_backup(context)
    return context


def server_url(database: str) -> str:
    """A server's URL with the password the OS keyring keeps for it, when the URL names a
    user and no password (``workgroup db password`` put it there). Without one the driver
    still looks in PGPASSWORD and ~/.pgpass; a password never goes into a settings file."""
    url = to_url(database)
    account = server_account(url)
    if account is None:
        return url
    password = _secrets().get(account)
    return url if password is None else with_password(url, password)


def remember_server_password(database: str, password: str) -> str:
    """Check ``password`` against the server, then keep it in the OS keyring; where the URL
    is shown (without the password)."""
    url = to_url(database)
    account = server_account(url)
    if account is None:
        raise ValidationError(N_("Give the server's URL with a user name and without a "
                                 "password, such as postgresql://clerk@server/workgroup."))
    probe_server(with_password(url, password))
    _secrets().put(account, password)
    return shown_url(url)


def server_store_url(host: str, port: int, database: str, user: str) -> str:
    """The URL of a store on a PostgreSQL server, without a password (the dialog's)."""
    return server_database_url(host, port, database, user)


def check_server(database: str, password: str | None = None) -> str:
    """Connect to the server of ``database`` once — with ``password``, or as a kept password,
    PGPASSWORD or ~/.pgpass allow — or StoreError; where it is, as the user may be shown."""
    url = server_url(database) if password is None else with_password(to_url(database),
                                                                        password)
    probe_server(url)
    return shown_url(url)


def keyring_available() -> bool:
    return _secrets().available()


def forget_server_password(database: str) -> None:
    account = server_account(to_url(database))
    if account is not None:
        _secrets().delete(account)


def _backup_before_migration(config: AppConfig, key: StoreKey | None) -> None:
    """A store about to be migrated is copied first; if that fails it is not migrated."""
    try:
        automatic_backups.before_migration(config.database, backups_folder(config),
                                           datetime.now(), key)
    except (DomainError, OSError) as error:
        raise BackupError(N_("The store was not upgraded: the automatic backup before the "
                             "upgrade could not be made ({reason}). Nothing was changed."),
                          reason=reason_of(error)) from None


def take_daily_backup(context: AppContext) -> None:
    """The day's backup; its failure must not stop the day's work, so it is only logged."""
    if not context.backups.enabled:
        return
    try:
        backups.daily(context.uow(), context.backups)
    except (DomainError, OSError) as error:
        log.warning("The daily backup of %s could not be made: %s", context.location,
                    reason_of(error))


def _secrets() -> SecretStore:
    from .security.keystore import SecretStore

    return SecretStore()


def unlock_store(config: AppConfig, *, create: bool) -> StoreKey | None:
    """The key of the configured store (None: plain): the keyring's, else the passphrase of
    the environment or the one ``config.ask_passphrase`` gets; a new key for a new store
    where a keyring keeps it (services/encryption.py)."""
    return store_encryption.unlock(
        sqlite_path(to_url(config.database)), create=create, files=store_files,
        secrets=_secrets, switch=config.encryption, passphrase=config.passphrase,
        ask=config.ask_passphrase)


def store_crypt(context: AppContext) -> store_encryption.StoreCrypt:
    """The open store, for services.encryption's encrypt, decrypt and rekey."""
    from .storage.store_crypt import OpenStoreCrypt

    return OpenStoreCrypt(context)


def store_protection(context: AppContext) -> Protection:
    """Whether the open store is encrypted and, if not, why (for `init` and the GUI)."""
    return store_encryption.protection(store_crypt(context), _secrets,
                                       context.config.encryption)


def check_store(context: AppContext) -> maintenance.CheckReport:
    return maintenance.check(context.store)


class StoreCopy:
    """services.store_copy's port: the open store and the database it is copied into."""

    def __init__(self, source: AppContext, target: AppContext) -> None:
        self.source, self.into = source, target
        self.target = target.location

    def target_holds(self) -> str | None:
        return store_copy.holds_data(self.into.store)

    def copy(self, progress: Callable[[str, int], None] | None) -> dict[str, int]:
        return store_copy.copy_rows(self.source.store, self.into.store, progress)

    def fingerprints(self) -> tuple[store_copy.Fingerprint, store_copy.Fingerprint]:
        return store_copy.fingerprint(self.source.store), store_copy.fingerprint(self.into.store)


def backup_store(context: AppContext, destination: Path) -> Path:
    return maintenance.backup(context.store, destination)
