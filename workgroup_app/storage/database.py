"""Opening a store: recognise it, refuse foreign or newer files, migrate, initialise.

A store is a SQLite file (the embedded default) or a PostgreSQL URL (the office server).
Every failure here becomes a ``StoreError`` with one sentence a user can act on.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..domain.encryption import FileKind, StoreKey, wrong_key
from ..domain.errors import StoreError
from ..domain.messages import N_
from . import capture, encryption, migrate, sqlite_dialect
from .encryption import SQLITE_MAGIC
from .models import LocalStateRow

__all__ = ["SQLITE_MAGIC", "Store", "check_file", "make_engine", "open_store",
           "probe_server", "server_account", "server_database_url", "shown_url",
           "sqlite_path", "table_names", "to_url", "with_password"]

NEEDS_KEY = N_("'{name}' is encrypted (or is not a Workgroup database): it opens only with "
               "its key.")
NOT_ENCRYPTED = N_("'{name}' is not encrypted, but a key was given for it.")


# What users type for PostgreSQL, and the driver this program ships (psycopg 3): SQLAlchemy
# alone would look for psycopg2 behind a plain "postgresql://".
SERVER_SCHEMES = {"postgresql://": "postgresql+psycopg://",
                  "postgres://": "postgresql+psycopg://"}


def to_url(target: str | Path) -> str:
    """A database URL (PostgreSQL's through psycopg 3), or a path that becomes a SQLite URL."""
    text_target = str(target)
    for scheme, driver in SERVER_SCHEMES.items():
        if text_target.startswith(scheme):
            return driver + text_target[len(scheme):]
    if "://" in text_target:
        return text_target
    return f"sqlite:///{Path(text_target).expanduser().resolve()}"


def shown_url(url: str) -> str:
    """A database URL as messages show it: never with its password."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url.split("@")[-1]


def server_account(url: str) -> str | None:
    """The name a server's password is kept under in the OS keyring (``database:user@host:
    port/db``) for a server URL that names a user but carries no password; else None."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if not parsed.drivername.startswith("postgresql") or not parsed.username or \
            parsed.password is not None:
        return None
    return (f"database:{parsed.username}@{parsed.host or 'localhost'}:{parsed.port or 5432}/"
            f"{parsed.database or ''}")


def server_database_url(host: str, port: int, database: str, user: str) -> str:
    """The URL of a store on a PostgreSQL server, without a password (names quoted)."""
    from sqlalchemy.engine import URL

    return URL.create("postgresql", username=user, host=host, port=port,
                      database=database).render_as_string()


def probe_server(url: str) -> None:
    """Connect to a server once (a password is checked before it is kept), or StoreError."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except (DatabaseError, OperationalError) as exc:
        reason = str(exc.orig) if getattr(exc, "orig", None) else str(exc)
        raise StoreError(N_("Cannot open the database '{where}': {reason}."),
                         where=shown_url(url), reason=reason.strip()) from None
    finally:
        engine.dispose()


def with_password(url: str, password: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(password=password).render_as_string(hide_password=False)


def sqlite_path(url: str) -> Path | None:
    prefix = "sqlite:///"
    if url.startswith(prefix) and url != "sqlite:///:memory:":
        return Path(url[len(prefix):])
    return None


@dataclass
class Store:
    """An open store: the engine, a session factory with change capture, and the office id."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    office_id: str
    clock: capture.Clock = field(default=capture.utc_now)
    # The schema revision found when the store was opened (None: a new store), and after.
    revision_on_open: str | None = None
    revision: str | None = None
    # The key of an encrypted store (None: plain): a store reopened after a restore or a
    # conversion needs it again. Never shown.
    key: StoreKey | None = field(default=None, repr=False)

    def session(self) -> Session:
        session = self.sessions()
        session.info["capture"] = capture.CaptureContext(self.office_id, self.clock)
        return session

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    def close(self) -> None:
        self.engine.dispose()


def make_engine(url: str, key: StoreKey | None = None) -> Engine:
    """The engine of a store; with ``key``, of an encrypted one: its connections come from
    SQLCipher and are keyed before anything else runs on them (the listener goes first)."""
    if url.startswith("sqlite"):
        extra: dict[str, Any] = {} if key is None else {"module": encryption.dbapi()}
        engine = create_engine(url, connect_args={"check_same_thread": False}, **extra)
        event.listen(engine, "connect", sqlite_dialect.on_connect)
        if key is not None:
            event.listen(engine, "connect", encryption.keyed(key), insert=True)
        return engine
    return create_engine(url, pool_pre_ping=True)


def check_file(path: Path, create: bool, key: StoreKey | None = None) -> None:
    """Refuse what is plainly not a store before SQLite gets to touch (or create) it; make a
    new store file (encrypted with ``key`` when given) and keep every store file private."""
    if path.is_dir():
        raise StoreError(N_("'{path}' is a folder, not a database file."), path=str(path))
    try:
        kind = encryption.inspect_file(path)
    except OSError as exc:
        raise StoreError(N_("Cannot read '{path}': {reason}."), path=str(path),
                         reason=exc.strerror or str(exc)) from None
    if kind is FileKind.NEW:
        if not path.exists():
            if not create:
                raise StoreError(N_("There is no database at '{path}'."), path=str(path))
            _make_folder(path.parent)
        if key is not None:
            encryption.create(path, key)
        elif not path.exists():
            encryption.create_private(path)
    elif kind is FileKind.FOREIGN:
        raise StoreError(N_("'{path}' is not a Workgroup database."), path=str(path))
    elif kind is FileKind.ENCRYPTED:
        if key is None:
            raise StoreError(NEEDS_KEY, name=path.name)
        encryption.check_key(path, key)  # a wrong key: refused having only read the file
    elif key is not None:
        raise StoreError(NOT_ENCRYPTED, name=path.name)
    encryption.private_store(path)


def _make_folder(folder: Path) -> None:
    """The folders made for a new store are their owner's only (POSIX)."""
    missing = [folder, *folder.parents]
    missing = [f for f in missing if not f.exists()]
    folder.mkdir(parents=True, exist_ok=True)
    if os.name != "nt":
        for made in missing:
            made.chmod(0o700)


def open_store(target: str | Path, *, create: bool = True, upgrade: bool = True,
               clock: capture.Clock = capture.utc_now, key: StoreKey | None = None) -> Store:
    """Open (or create) the store; ``key`` opens an encrypted one or makes a new store
    encrypted (bootstrap finds it: the keyring, or a passphrase)."""
    url = to_url(target)
    path = sqlite_path(url)
    where = str(path) if path is not None else shown_url(url)
    if path is not None:
        check_file(path, create, key)
    elif key is not None:
        raise ValueError("only a store file is encrypted by this program")
    engine = make_engine(url, key)
    try:
        with engine.connect() as connection:
            migrate.check_compatible(connection, where=where)
            if path is not None:
                sqlite_dialect.use_wal(connection)
        with engine.begin() as connection:
            revision_on_open = migrate.current_revision(connection)
            if upgrade:
                migrate.upgrade(connection)
            elif migrate.needs_upgrade(connection):
                raise StoreError(
                    N_("The database '{where}' needs an upgrade: run 'workgroup db upgrade'."),
                    where=where)
            office_id = _initialise(connection)
            revision = migrate.current_revision(connection)
    except StoreError:
        engine.dispose()
        raise
    except (DatabaseError, OperationalError) as exc:
        engine.dispose()
        reason = str(exc.orig) if getattr(exc, "orig", None) else str(exc)
        if key is not None and path is not None and "not a database" in reason:
            raise wrong_key(path.name) from None
        if "not a database" in reason or "malformed" in reason:
            raise StoreError(N_("'{where}' is not a Workgroup database."),
                             where=where) from None
        raise StoreError(N_("Cannot open the database '{where}': {reason}."),
                         where=where, reason=reason) from None
    sessions = sessionmaker(bind=engine, expire_on_commit=False)
    capture.install(sessions)
    return Store(url=url, engine=engine, sessions=sessions, office_id=office_id, clock=clock,
                 revision_on_open=revision_on_open, revision=revision, key=key)


def _initialise(connection: Any) -> str:
    """Give a new store its office id and zeroed clocks; return the office id."""
    table = LocalStateRow.__table__
    existing = dict(connection.execute(text("SELECT key, value FROM local_state")).all())
    defaults = {capture.OFFICE_KEY: str(uuid.uuid4()), capture.HLC_KEY: "0",
                capture.VERSION_KEY: "0"}
    missing = [{"key": k, "value": v} for k, v in defaults.items() if k not in existing]
    if missing:
        connection.execute(table.insert(), missing)
    return existing.get(capture.OFFICE_KEY) or defaults[capture.OFFICE_KEY]


def table_names(engine: Engine) -> list[str]:
    return inspect(engine).get_table_names()


