"""Encrypted stores (SQLCipher through the ``sqlcipher3`` module): keys, files, conversions.

Every connection to an encrypted store is keyed first thing (``PRAGMA key``), before any
other statement touches the file. The key is always given raw with its salt: a passphrase is
turned into a key here, once, with SQLCipher 4's own derivation (PBKDF2-HMAC-SHA512, 256,000
rounds, the salt at the start of the file), so a file made with a passphrase also opens with
``PRAGMA key = 'passphrase'`` in any SQLCipher 4 tool, and the pool's connections and the
backup copies of the store do not pay the derivation again.

``convert`` encrypts, decrypts and rekeys a store file without ever leaving it half done: it
exports to a new file beside it, checks that file, and only then puts it in place.

``sqlcipher3`` is optional (its wheels are Linux-only): without it plain stores work as before
and an encrypted one is refused with a clear message.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import secrets
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..domain.encryption import (
    CHECK_FAILED,
    CIPHER_MISSING,
    IN_USE,
    KEY_BYTES,
    NOT_CONVERTED,
    SALT_BYTES,
    FileKind,
    KeySource,
    StoreKey,
    wrong_key,
)
from ..domain.errors import StoreError

SQLITE_MAGIC = b"SQLite format 3\x00"
KDF_ITERATIONS = 256_000  # SQLCipher 4's default for PBKDF2-HMAC-SHA512
PAGE_GRAIN = 512  # every SQLite page size is a multiple of it, so is an encrypted file's size
PRIVATE_FILE = 0o600
_TEXT = frozenset(range(0x20, 0x7F)) | {0x09, 0x0A, 0x0D}
_log = logging.getLogger(__name__)

Listener = Callable[[Any, Any], None]


def available() -> bool:
    """Whether this installation can open encrypted stores."""
    try:
        import sqlcipher3.dbapi2  # noqa: F401
    except ImportError:
        return False
    return True


def dbapi() -> Any:
    """The SQLCipher DBAPI module (sqlite3's interface), or a clear StoreError."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        raise StoreError(CIPHER_MISSING) from None
    return dbapi2


# -- files -----------------------------------------------------------------------------------

def inspect_file(path: Path) -> FileKind:
    """What the file at ``path`` is, judged from its size and its first bytes only."""
    try:
        size = path.stat().st_size
        if size == 0:
            return FileKind.NEW
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        return FileKind.NEW
    if head == SQLITE_MAGIC:
        return FileKind.PLAIN
    # An encrypted store starts with its random salt and is a whole number of pages.
    if size < PAGE_GRAIN or size % PAGE_GRAIN or all(byte in _TEXT for byte in head):
        return FileKind.FOREIGN
    return FileKind.ENCRYPTED


def file_salt(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(SALT_BYTES)


def private(path: Path) -> None:
    """Make an existing file readable and writable by its owner only (POSIX; Windows keeps a
    user's profile private by its ACLs). A file of another user is left as it is."""
    if os.name == "nt":
        return
    try:
        if path.stat().st_mode & 0o777 != PRIVATE_FILE:
            path.chmod(PRIVATE_FILE)
    except FileNotFoundError:
        return
    except OSError as error:  # another user's file, a read-only disk: say so, work on
        _log.warning("cannot make %s private: %s", path.name, error.strerror)


def private_store(path: Path) -> None:
    """The store and its journal files; SQLite gives the journals it makes later the mode of
    the store file, so they come out private too."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        private(path.with_name(path.name + suffix))


def create_private(path: Path) -> None:
    """An empty file readable by its owner only, whatever the umask."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    os.close(descriptor)
    private(path)


# -- keys ------------------------------------------------------------------------------------

def new_salt() -> bytes:
    """16 random bytes that cannot be taken for the start of a text file (about one salt in
    five million would be, and its store would then be refused as foreign)."""
    while True:
        salt = secrets.token_bytes(SALT_BYTES)
        if not all(byte in _TEXT for byte in salt):
            return salt


def new_key() -> StoreKey:
    """A random key and salt for a store whose key the keyring will keep."""
    return StoreKey(secrets.token_bytes(KEY_BYTES), new_salt(), KeySource.KEYRING)


def passphrase_key(passphrase: str, salt: bytes | None = None) -> StoreKey:
    """The key SQLCipher 4 derives from ``passphrase`` with ``salt`` (a new one: random)."""
    salt = new_salt() if salt is None else salt
    key = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS,
                              KEY_BYTES)
    return StoreKey(key, salt, KeySource.PASSPHRASE)


def key_literal(key: StoreKey) -> str:
    """SQLCipher's raw key with its salt: x'<64 hex key><32 hex salt>'."""
    return f"x'{key.key.hex()}{key.salt.hex()}'"


def apply_key(connection: Any, key: StoreKey) -> None:
    # Keep SQLCipher quiet: a wrong key is our message to give, not lines on stderr.
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f'PRAGMA key = "{key_literal(key)}"')


def keyed(key: StoreKey) -> Listener:
    """An engine "connect" listener that keys each new connection."""

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        apply_key(dbapi_connection, key)

    return on_connect


def connect(path: Path, key: StoreKey | None) -> Any:
    """A SQLCipher connection to ``path`` in autocommit mode, keyed when ``key`` is given,
    that has read the file: a wrong key (or no store at all) raises the wrong-key error."""
    module = dbapi()
    connection = module.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        if key is not None:
            apply_key(connection, key)
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except module.DatabaseError:
        connection.close()
        raise wrong_key(path.name) from None
    return connection


def check_key(path: Path, key: StoreKey) -> None:
    """StoreError unless ``key`` opens the store file at ``path``; the file is only read."""
    connect(path, key).close()


def create(path: Path, key: StoreKey) -> None:
    """A new, empty encrypted store file (private), its first page written with the key's
    salt, so that the file says it is encrypted before anything else is stored in it."""
    if path.exists() and path.stat().st_size == 0:
        path.unlink()
    create_private(path)
    try:
        connection = connect(path, key)
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("CREATE TABLE workgroup_new (x)")
            connection.execute("DROP TABLE workgroup_new")
            connection.execute("COMMIT")
        finally:
            connection.close()
    except BaseException:
        _remove(path)
        raise


# -- converting a store file -----------------------------------------------------------------

def encrypt(path: Path, key: StoreKey) -> None:
    convert(path, None, key)


def decrypt(path: Path, key: StoreKey) -> None:
    convert(path, key, None)


def rekey(path: Path, old: StoreKey, new: StoreKey) -> None:
    convert(path, old, new)


def convert(path: Path, old: StoreKey | None, new: StoreKey | None,
            check: Callable[[Path], None] | None = None) -> None:
    """Rewrite the store at ``path`` (now keyed by ``old``, None: plain) to be keyed by
    ``new`` (None: plain). The new file is written beside it, checked (``quick_check`` and
    the row count of every table), flushed, and only then renamed over the store: a failure
    or a crash at any point leaves the store as it was. ``check``, if given, looks at the new
    file before it takes the store's place (tests use it to fail on purpose).

    Nothing else may have the store open (StoreError otherwise, nothing changed)."""
    module = dbapi()
    _remove_leftovers(path)
    source = connect(path, old)  # a wrong old key stops here, having only read the file
    partial = path.with_name(f".{path.name}.convert-{uuid.uuid4().hex[:12]}.partial")
    try:
        _claim(source, module)
        counts = _row_counts(source, "main")
        version = source.execute("PRAGMA main.user_version").fetchone()[0]
        create_private(partial)
        source.execute("ATTACH DATABASE ? AS target KEY ?",
                       (str(partial), key_literal(new) if new else ""))
        source.execute("BEGIN EXCLUSIVE")
        source.execute("SELECT sqlcipher_export('target')")
        source.execute(f"PRAGMA target.user_version = {int(version)}")
        source.execute("COMMIT")
        source.execute("DETACH DATABASE target")
        _verify(partial, new, counts)
        if check is not None:
            check(partial)
        _sync(partial)
        os.replace(partial, path)
        _sync_folder(path.parent)
    except module.Error as error:
        raise StoreError(NOT_CONVERTED, reason=str(error)) from None
    finally:
        source.close()
        _remove(partial)
    private_store(path)


def _claim(connection: Any, module: Any) -> None:
    """Hold the store alone until the connection closes: leaving WAL mode needs every other
    connection gone, and the exclusive locking mode keeps later ones out (so no change can
    be made to the old file after it was copied)."""
    try:
        connection.execute("PRAGMA busy_timeout = 300")
        mode = connection.execute("PRAGMA journal_mode = DELETE").fetchone()
        connection.execute("PRAGMA locking_mode = EXCLUSIVE")
        connection.execute("BEGIN EXCLUSIVE")
        connection.execute("COMMIT")
    except module.OperationalError:
        mode = None
    if not mode or str(mode[0]).lower() != "delete":
        raise StoreError(IN_USE)


def _row_counts(connection: Any, schema: str) -> dict[str, int]:
    names = [row[0] for row in connection.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%'")]
    return {name: connection.execute(f'SELECT count(*) FROM {schema}."{name}"').fetchone()[0]
            for name in names}


def _verify(path: Path, key: StoreKey | None, expected: dict[str, int]) -> None:
    connection = connect(path, key)
    try:
        result = connection.execute("PRAGMA quick_check").fetchone()
        if not result or result[0] != "ok":
            raise StoreError(CHECK_FAILED)
        if _row_counts(connection, "main") != expected:
            raise StoreError(CHECK_FAILED)
    finally:
        connection.close()
    with path.open("rb") as handle:
        plain = handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    if plain != (key is None):
        raise StoreError(CHECK_FAILED)


def _remove_leftovers(path: Path) -> None:
    """New files a killed conversion left beside the store (never the store itself)."""
    for leftover in path.parent.glob(f".{path.name}.convert-*.partial*"):
        _remove_file(leftover)


def _sync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    if os.name != "nt":  # Windows cannot open a folder to flush it
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        _remove_file(path.with_name(path.name + suffix))


def _remove_file(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
