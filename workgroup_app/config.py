"""Application configuration: where the data lives, which store, which language, and how an
encrypted store gets its passphrase."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

from .domain.encryption import PASSPHRASE_VARIABLE, SWITCH_VARIABLE
from .domain.errors import DomainError

APP_NAME = "Workgroup"

# Asked when an encrypted store's key is not in the keyring: (file name, the refusal of the
# previous try or None) -> the passphrase, or None when the user gives up.
PassphraseAsker = Callable[[str, DomainError | None], str | None]


def default_data_dir() -> Path:
    override = os.environ.get("WORKGROUP_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


STORE_CHOICE_FILE = "store.json"


def _store_choice() -> Path:
    return Path(user_config_dir(APP_NAME, appauthor=False)) / STORE_CHOICE_FILE


def saved_database() -> str | None:
    """The store this computer opens when none is named (a path or a URL without its
    password), as File → Connect to a store… or `workgroup db use` saved it."""
    try:
        value = json.loads(_store_choice().read_text(encoding="utf-8")).get("database")
    except (OSError, ValueError, AttributeError):
        return None  # none saved, or a damaged file: the default store
    return value if isinstance(value, str) and value else None


def save_database(database: str | None) -> None:
    """Keep ``database`` as this computer's store (None: back to the default). A settings
    file, readable by its owner only; never a password (the callers refuse a URL with one)."""
    path = _store_choice()
    if database is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps({"database": database}, ensure_ascii=False),
                       encoding="utf-8")
    partial.chmod(0o600)
    partial.replace(path)


@dataclass(frozen=True, slots=True)
class AppConfig:
    data_dir: Path
    database: str  # a URL or a file path
    language: str = "en"
    demo: bool = False
    # New stores are encrypted where a keyring exists unless this is "off" (the tests and the
    # benchmarks set WORKGROUP_DB_ENCRYPTION=off); existing stores open as they are.
    encryption: str = "auto"
    # The passphrase of an encrypted store (WORKGROUP_DB_PASSPHRASE), else ``ask_passphrase``.
    passphrase: str | None = field(default=None, repr=False, compare=False)
    ask_passphrase: PassphraseAsker | None = field(default=None, repr=False, compare=False)

    @classmethod
    def build(cls, database: str | None = None, *, demo: bool = False,
              language: str = "en", data_dir: Path | None = None,
              ask_passphrase: PassphraseAsker | None = None) -> AppConfig:
        folder = data_dir or default_data_dir()
        if database is None:
            database = None if demo else saved_database()
        if database is None:
            database = str(folder / ("demo.sqlite" if demo else "workgroup.sqlite"))
        return cls(data_dir=folder, database=database, language=language, demo=demo,
                   encryption=os.environ.get(SWITCH_VARIABLE, "auto"),
                   passphrase=os.environ.get(PASSPHRASE_VARIABLE),
                   ask_passphrase=ask_passphrase)
