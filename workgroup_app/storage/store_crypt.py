"""The open store of the application context, encrypted, decrypted or rekeyed in place:
``services.encryption.StoreCrypt`` over storage/encryption.py."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from ..domain.encryption import FileKind, StoreKey
from . import encryption
from .database import Store, open_store


class StoreOwner(Protocol):
    """Who holds the open store (the application context): a conversion replaces it."""

    store: Store


class OpenStoreCrypt:
    def __init__(self, owner: StoreOwner) -> None:
        self.owner = owner

    @property
    def path(self) -> Path | None:
        return self.owner.store.path

    @property
    def key(self) -> StoreKey | None:
        return self.owner.store.key

    def available(self) -> bool:
        return encryption.available()

    def inspect_file(self, path: Path) -> FileKind:
        return encryption.inspect_file(path)

    def file_salt(self, path: Path) -> bytes:
        return encryption.file_salt(path)

    def new_key(self) -> StoreKey:
        return encryption.new_key()

    def passphrase_key(self, passphrase: str, salt: bytes | None = None) -> StoreKey:
        return encryption.passphrase_key(passphrase, salt)

    def check_key(self, path: Path, key: StoreKey) -> None:
        encryption.check_key(path, key)

    def convert(self, new: StoreKey | None) -> None:
        """Close the store, rewrite its file with ``new`` (None: plain), open it again — with
        the old key if the conversion was refused (it then changed nothing)."""
        store = self.owner.store
        path = store.path
        if path is None:
            raise ValueError("only a store file is converted")
        store.close()
        try:
            encryption.convert(path, store.key, new)
        except BaseException:
            self.owner.store = _reopen(store, store.key)
            raise
        self.owner.store = _reopen(store, new)


def _reopen(store: Store, key: StoreKey | None) -> Store:
    return open_store(store.url, create=False, upgrade=False, clock=store.clock, key=key)
