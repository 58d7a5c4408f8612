"""The composition root: configuration in, a ready application context out.

The GUI and the CLI both start here, so they always talk to the same services over the same
store. Nothing here is global: every entry point builds its own context.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import i18n
from .config import AppConfig
from .domain.actor import LOCAL_ADMIN, Actor
from .storage import maintenance
from .storage.database import Store, open_store
from .storage.unit_of_work import SqlUnitOfWork

if TYPE_CHECKING:  # keyring and cryptography load only when keys are needed
    from .services.keys import Keychain


@dataclass
class AppContext:
    config: AppConfig
    store: Store
    actor: Actor = field(default=LOCAL_ADMIN)
    _keychain: Keychain | None = field(default=None, repr=False)

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.store, self.actor)

    @property
    def office_id(self) -> str:
        return self.store.office_id

    @property
    def location(self) -> str:
        return str(self.store.path or self.store.url)

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


def open_context(config: AppConfig, *, create: bool = True, upgrade: bool = True) -> AppContext:
    i18n.set_language(config.language)
    store = open_store(config.database, create=create, upgrade=upgrade)
    context = AppContext(config=config, store=store)
    if config.demo:
        from .services.demo import ensure_demo

        ensure_demo(context.uow, context.actor)
    return context


def check_store(context: AppContext) -> maintenance.CheckReport:
    return maintenance.check(context.store)


def backup_store(context: AppContext, destination: Path) -> Path:
    return maintenance.backup(context.store, destination)
