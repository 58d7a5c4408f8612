"""Encryption at rest, the use cases: finding the key of a store before it opens, deciding
whether a new store is encrypted, and encrypting, decrypting or rekeying an open one.

A new store is encrypted where a usable OS keyring exists (and the sqlcipher3 module, and
the switch is not "off"): a random key goes into the keyring *before* the file exists, so no
file is ever made whose key was not kept. An existing encrypted store opens with the key the
keyring holds under its salt, else with a passphrase (the environment's, else asked). Keys are
never removed from the keyring here: backups made before a rekey or a decrypt still need
theirs.

Converting a store needs the administrator (MANAGE_SETTINGS) on a store with user accounts;
the GUI and the CLI both come through here.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..domain.access import Permission
from ..domain.encryption import (
    ALREADY_ENCRYPTED,
    CIPHER_MISSING,
    NO_CIPHER,
    NO_KEY,
    NO_KEYRING,
    NO_PASSPHRASE,
    NOT_ENCRYPTED,
    PASSPHRASE_VARIABLE,
    PLAIN_BY_CHOICE,
    SERVER,
    SWITCH_VARIABLE,
    SWITCHED_OFF,
    FileKind,
    KeySource,
    Protection,
    StoreKey,
    check_passphrase,
    keyring_name,
)
from ..domain.errors import DomainError, SecretError, StoreError
from ..domain.messages import N_
from . import users
from .ports import UnitOfWork

if TYPE_CHECKING:  # keyring loads only when a key is looked for
    from ..security.keystore import SecretStore

ATTEMPTS = 3
NO_KEYRING_FOR_NEW = N_("There is no system keyring on this computer to keep the key, so the "
                        "new store is not encrypted ('workgroup db encrypt --passphrase' "
                        "encrypts it with a passphrase).")
KEYRING_KEY_WRONG = N_("The key the keyring holds for '{name}' does not open it. Nothing was "
                       "changed.")

# (store file name, the refusal of the previous passphrase or None) -> a passphrase, or None
# when the user gives up.
PassphraseAsker = Callable[[str, DomainError | None], str | None]
Secrets = Callable[[], "SecretStore"]  # made only when needed: importing keyring takes time


class StoreFiles(Protocol):
    """What is needed of store files (storage/encryption.py)."""

    def available(self) -> bool: ...

    def inspect_file(self, path: Path) -> FileKind: ...

    def file_salt(self, path: Path) -> bytes: ...

    def new_key(self) -> StoreKey: ...

    def passphrase_key(self, passphrase: str, salt: bytes | None = None) -> StoreKey: ...

    def check_key(self, path: Path, key: StoreKey) -> None: ...


class StoreCrypt(StoreFiles, Protocol):
    """The open store, converted in place (the store is closed and reopened around it)."""

    @property
    def path(self) -> Path | None: ...

    @property
    def key(self) -> StoreKey | None: ...

    def convert(self, new: StoreKey | None) -> None: ...


class Operation(Enum):
    ENCRYPT = "encrypt"
    DECRYPT = "decrypt"
    REKEY = "rekey"


def switched_on(switch: str) -> bool:
    return switch.strip().lower() not in ("off", "0", "no", "false")


# -- before the store opens ------------------------------------------------------------------

def new_store_protection(path: Path | None, files: StoreFiles, secrets: Secrets,
                         switch: str) -> Protection:
    """Whether a new store at ``path`` is encrypted, and if not, why not."""
    if path is None:
        return Protection(False, reason=SERVER)
    if not switched_on(switch):
        return Protection(False, reason=SWITCHED_OFF, params={"variable": SWITCH_VARIABLE})
    if not files.available():
        return Protection(False, reason=CIPHER_MISSING)
    if not secrets().available():
        return Protection(False, reason=NO_KEYRING_FOR_NEW)
    return Protection(True, KeySource.KEYRING)


def unlock(path: Path | None, *, create: bool, files: StoreFiles, secrets: Secrets,
           switch: str, passphrase: str | None = None,
           ask: PassphraseAsker | None = None) -> StoreKey | None:
    """The key the store at ``path`` opens with (None: plain, or not a file store). A new
    store gets a new key, kept in the keyring, when it is to be encrypted. An encrypted one:
    the keyring's key for its salt, else ``passphrase``, else what ``ask`` is given (up to
    three tries). Refusals are StoreErrors naming the file only."""
    if path is None:
        return None
    kind = files.inspect_file(path)
    if kind is FileKind.NEW:
        if not create or not new_store_protection(path, files, secrets, switch).encrypted:
            return None
        key = files.new_key()
        secrets().put(keyring_name(key.salt), key.key.hex())
        return key
    if kind is not FileKind.ENCRYPTED:
        return None  # plain, or not a store at all: opening it says so
    if not files.available():
        raise StoreError(NO_CIPHER, name=path.name)
    salt = files.file_salt(path)
    kept = secrets().get(keyring_name(salt))
    if kept is not None:
        key = StoreKey(bytes.fromhex(kept), salt, KeySource.KEYRING)
        try:
            files.check_key(path, key)
        except StoreError:
            raise StoreError(KEYRING_KEY_WRONG, name=path.name) from None
        return key
    if passphrase is not None:
        key = files.passphrase_key(passphrase, salt)
        files.check_key(path, key)
        return key
    if ask is None:
        raise StoreError(NO_KEY, name=path.name, variable=PASSPHRASE_VARIABLE)
    refusal: DomainError | None = None
    for _attempt in range(ATTEMPTS):
        typed = ask(path.name, refusal)
        if typed is None:
            raise StoreError(NO_PASSPHRASE, name=path.name)
        key = files.passphrase_key(typed, salt)
        try:
            files.check_key(path, key)
        except StoreError as error:
            refusal = error
            continue
        return key
    assert refusal is not None
    raise refusal


# -- an open store ---------------------------------------------------------------------------

def protection(crypt: StoreCrypt, secrets: Secrets, switch: str) -> Protection:
    """How the open store is protected; for a plain one, why (what the GUI shows once)."""
    if crypt.key is not None:
        return Protection(True, crypt.key.source)
    made = new_store_protection(crypt.path, crypt, secrets, switch)
    if made.encrypted:
        return Protection(False, reason=PLAIN_BY_CHOICE)
    return made


def check(uow: UnitOfWork, crypt: StoreCrypt, operation: Operation) -> None:
    """Refuse what cannot be done before anything is asked of the user: another role than
    the administrator's on a store with accounts, a server database, a store already so."""
    if users.accounts_exist(uow):
        uow.actor.require(Permission.MANAGE_SETTINGS)
    if crypt.path is None:
        raise StoreError(SERVER)
    if not crypt.available():
        raise StoreError(CIPHER_MISSING)
    if operation is Operation.ENCRYPT and crypt.key is not None:
        raise StoreError(ALREADY_ENCRYPTED)
    if operation is not Operation.ENCRYPT and crypt.key is None:
        raise StoreError(NOT_ENCRYPTED)


def encrypt(uow: UnitOfWork, crypt: StoreCrypt, secrets: Secrets, *,
            passphrase: str | None = None) -> Protection:
    """Encrypt the plain store: a random key kept in the keyring, or one derived from
    ``passphrase``."""
    check(uow, crypt, Operation.ENCRYPT)
    key = _new_key(crypt, secrets, passphrase)
    crypt.convert(key)
    return Protection(True, key.source)


def rekey(uow: UnitOfWork, crypt: StoreCrypt, secrets: Secrets, *,
          passphrase: str | None = None) -> Protection:
    """Give the encrypted store a new key (keyring, or from ``passphrase``)."""
    check(uow, crypt, Operation.REKEY)
    key = _new_key(crypt, secrets, passphrase)
    crypt.convert(key)
    return Protection(True, key.source)


def decrypt(uow: UnitOfWork, crypt: StoreCrypt) -> Protection:
    check(uow, crypt, Operation.DECRYPT)
    crypt.convert(None)
    return Protection(False, reason=PLAIN_BY_CHOICE)


def _new_key(crypt: StoreCrypt, secrets: Secrets, passphrase: str | None) -> StoreKey:
    """A new key; one for the keyring is stored there before any file uses it."""
    if passphrase is not None:
        return crypt.passphrase_key(check_passphrase(passphrase))
    store = secrets()
    if not store.available():
        raise SecretError(NO_KEYRING)
    key = crypt.new_key()
    store.put(keyring_name(key.salt), key.key.hex())
    return key
