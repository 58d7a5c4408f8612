"""Alembic, run from inside the package so installed and frozen builds carry their migrations.

Opening an up-to-date store does not load Alembic (a third of a second at every start): the
revisions are numbered 0001, 0002, … in one line, the newest is ``HEAD``, and the store's own
is read from ``alembic_version``. A test checks ``HEAD`` against Alembic's scripts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import inspect, text

from ..domain.errors import StoreError
from ..domain.messages import N_

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).parent / "migrations"
HEAD = "0008"  # the newest migration's revision: raise it with each new one
KNOWN = frozenset(f"{n:04d}" for n in range(1, int(HEAD) + 1))


def config(connection: Any | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(config())


def head() -> str:
    return HEAD


def current_revision(connection: Any) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def check_compatible(connection: Any, where: str) -> None:
    """Refuse databases of other programs and of newer versions of this one."""
    tables = set(inspect(connection).get_table_names())
    if not tables:
        return
    if "alembic_version" not in tables or "local_state" not in tables:
        raise StoreError(N_("'{where}' is not a Workgroup database."), where=where)
    revision = current_revision(connection)
    if revision is not None and revision not in KNOWN:
        raise StoreError(
            N_("The database '{where}' was made by a newer version of Workgroup "
               "(schema {revision}); install the newer version to open it."),
            where=where, revision=revision)


def needs_upgrade(connection: Any) -> bool:
    return current_revision(connection) != head()


def upgrade(connection: Any) -> None:
    if needs_upgrade(connection):
        from alembic import command

        command.upgrade(config(connection), "head")
