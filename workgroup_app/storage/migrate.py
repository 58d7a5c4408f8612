"""Alembic, run from inside the package so installed and frozen builds carry their migrations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from ..domain.errors import StoreError
from ..domain.messages import N_

MIGRATIONS = Path(__file__).parent / "migrations"


def config(connection: Any | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def script() -> ScriptDirectory:
    return ScriptDirectory.from_config(config())


def head() -> str:
    current = script().get_current_head()
    assert current is not None
    return current


def current_revision(connection: Any) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def check_compatible(connection: Any, where: str) -> None:
    """Refuse databases of other programs and of newer versions of this one."""
    tables = set(inspect(connection).get_table_names())
    if not tables:
        return
    if "alembic_version" not in tables or "local_state" not in tables:
        raise StoreError(N_("'{where}' is not a Workgroup database."), where=where)
    revision = current_revision(connection)
    known = {rev.revision for rev in script().walk_revisions()}
    if revision is not None and revision not in known:
        raise StoreError(
            N_("The database '{where}' was made by a newer version of Workgroup "
               "(schema {revision}); install the newer version to open it."),
            where=where, revision=revision)


def needs_upgrade(connection: Any) -> bool:
    return current_revision(connection) != head()


def upgrade(connection: Any) -> None:
    if needs_upgrade(connection):
        command.upgrade(config(connection), "head")
