"""Encryption at rest, the rules without the machinery: what a store's key is, where it came
from, what a store file looks like from outside, and the messages a user sees.

The key of an encrypted store is 256 random bits kept in the OS keyring, or 256 bits derived
from a passphrase the user types. Either way the store file carries its 16-byte salt in the
clear at its start; the key is never shown, logged or put in a message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from .errors import StoreError, ValidationError
from .messages import N_

KEY_BYTES = 32
SALT_BYTES = 16
MIN_PASSPHRASE = 8

# The environment switch of new stores: "off" keeps them plain (tests, benchmarks, or an
# office that encrypts the disk instead); anything else encrypts where a keyring exists.
SWITCH_VARIABLE = "WORKGROUP_DB_ENCRYPTION"
# The passphrase of a store whose key is not in the keyring (scripts; typed otherwise).
PASSPHRASE_VARIABLE = "WORKGROUP_DB_PASSPHRASE"
# The new passphrase of `workgroup db rekey --passphrase`, for scripts.
NEW_PASSPHRASE_VARIABLE = "WORKGROUP_DB_NEW_PASSPHRASE"


class KeySource(Enum):
    KEYRING = "keyring"  # random, kept in the OS keyring under the store's salt
    PASSPHRASE = "passphrase"  # derived from what the user types


class FileKind(Enum):
    """A store file as seen before opening it."""

    NEW = "new"  # missing or empty: opening creates it
    PLAIN = "plain"  # an unencrypted SQLite file
    ENCRYPTED = "encrypted"  # not plain SQLite, and shaped like an encrypted one
    FOREIGN = "foreign"  # neither: text, or some other kind of file


@dataclass(frozen=True, slots=True)
class StoreKey:
    """The raw key and the salt of an encrypted store; ``repr`` never shows the key."""

    key: bytes = field(repr=False)
    salt: bytes
    source: KeySource

    def __post_init__(self) -> None:
        if len(self.key) != KEY_BYTES or len(self.salt) != SALT_BYTES:
            raise ValueError("a store key has 32 key bytes and 16 salt bytes")


@dataclass(frozen=True, slots=True)
class Protection:
    """How a store is protected, for the CLI and the GUI to show: ``reason`` says why a
    plain store is plain (None when it is encrypted or nothing stands in the way)."""

    encrypted: bool
    source: KeySource | None = None
    reason: str | None = None
    params: dict[str, str] = field(default_factory=dict)


def keyring_name(salt: bytes) -> str:
    """The keyring entry of a store's key: named by the salt the file carries, so the key
    follows the file when it is moved, and a new key (encrypt, rekey) never overwrites the
    one the file still needs until the new file is in place."""
    return f"store-key:{salt.hex()}"


def check_passphrase(passphrase: str) -> str:
    if "\x00" in passphrase:
        raise ValidationError(N_("A passphrase cannot contain a NUL character."),
                              field="passphrase")
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(N_("A passphrase needs at least {count} characters."),
                              field="passphrase", count=MIN_PASSPHRASE)
    return passphrase


# -- messages --------------------------------------------------------------------------------
# They name the file only (never its folder, never a key), and say what was left unchanged.

WRONG_KEY = N_("The key or passphrase does not open '{name}' (or the file is not a Workgroup "
               "store). Nothing was changed.")
NO_KEY = N_("'{name}' is encrypted and its key is not in this computer's keyring: give its "
            "passphrase (or set {variable}).")
NO_PASSPHRASE = N_("'{name}' is encrypted and no passphrase was given. Nothing was opened.")
NO_CIPHER = N_("'{name}' looks encrypted, and this installation cannot open encrypted stores "
               "(the sqlcipher3 module is missing).")
CIPHER_MISSING = N_("Encryption is not available in this installation (the sqlcipher3 module "
                    "is missing).")
NO_KEYRING = N_("There is no system keyring on this computer to keep the store's key: "
                "encrypt it with a passphrase instead (--passphrase).")
SWITCHED_OFF = N_("Encryption of new stores is switched off ({variable}=off).")
SERVER = N_("A server database is protected by the server, not by this program.")
PLAIN_BY_CHOICE = N_("The store is not encrypted: 'workgroup db encrypt' encrypts it.")
ALREADY_ENCRYPTED = N_("The store is already encrypted: 'workgroup db rekey' changes its key.")
NOT_ENCRYPTED = N_("The store is not encrypted.")
IN_USE = N_("The store is in use by another window or program; close it and try again. "
            "Nothing was changed.")
NOT_CONVERTED = N_("The store could not be converted: {reason}. Nothing was changed.")
CHECK_FAILED = N_("The converted copy of the store failed its check, so the store was left as "
                  "it was.")


def wrong_key(name: str) -> StoreError:
    return StoreError(WRONG_KEY, name=name)
