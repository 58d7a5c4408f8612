"""The two databases a store can live in, for tests that run on both (issue 8).

SQLite needs nothing. PostgreSQL needs a server: ``WORKGROUP_TEST_PG`` names a database URL
whose role may create databases (``.ci/run`` starts one and sets it). Without it the
PostgreSQL cases skip and say why; with ``WORKGROUP_REQUIRE_PG=1`` (CI) they fail instead.

Each PostgreSQL case gets a database of its own, copied from a template that was migrated
once per test process (a copy takes a tenth of a second, migrating takes one), and dropped
afterwards.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

PG_VARIABLE = "WORKGROUP_TEST_PG"
REQUIRE_VARIABLE = "WORKGROUP_REQUIRE_PG"
NO_SERVER = (f"no PostgreSQL server for the tests: set {PG_VARIABLE} to a URL such as "
             "postgresql+psycopg://user:password@localhost/postgres (a role that may create "
             "databases)")
DATABASES = ("sqlite", "postgresql")

_template: dict[str, str] = {}
_kept: list[tuple[str, str]] = []  # (server, database) to drop when the session ends


def admin_url() -> str:
    """The server's URL, or skip (fail where PostgreSQL is required)."""
    url = os.environ.get(PG_VARIABLE, "")
    if not url:
        if os.environ.get(REQUIRE_VARIABLE) == "1":
            pytest.fail(NO_SERVER)
        pytest.skip(NO_SERVER)
    return url


def _with_database(url: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=name).render_as_string(hide_password=False)


def _execute(url: str, statement: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def _template_name(server: str) -> str:
    """A migrated, empty store on the server (its office id removed, so that each copy gets
    its own), made once per test process."""
    if server in _template:
        return _template[server]
    from workgroup_app.storage.database import open_store

    name = f"wg_template_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    _execute(server, f'CREATE DATABASE "{name}"')
    url = _with_database(server, name)
    open_store(url).close()
    _execute(url, "DELETE FROM local_state")
    _template[server] = name
    return name


def _drop(server: str, name: str) -> None:
    """Drop a test database. FORCE ends sessions a test left open; it is refused (to a role
    that is not a superuser) while an autovacuum worker happens to be in the database, which a
    plain DROP ends by itself, so that is the second try (CI failed once on this race)."""
    from sqlalchemy.exc import DBAPIError

    statements = [f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
                  f'DROP DATABASE IF EXISTS "{name}"']
    for attempt in range(20):
        try:
            _execute(server, statements[attempt % 2])
            return
        except DBAPIError:
            if attempt == 19:
                raise
            time.sleep(0.1 * (attempt + 1))


def drop_templates() -> None:
    """Drop what this process kept for the whole session (at its end)."""
    for server, name in [*_template.items(), *_kept]:
        _drop(server, name)
    _template.clear()
    _kept.clear()


def _copy(template: str | None) -> tuple[str, str]:
    server = admin_url()
    name = f"wg_test_{uuid.uuid4().hex}"
    _execute(server, f'CREATE DATABASE "{name}" TEMPLATE "{template or _template_name(server)}"')
    return server, name


@contextmanager
def postgres_database(template: str | None = None) -> Iterator[str]:
    """The URL of a new database on the test server, dropped after: a migrated, empty store,
    or a copy of ``template`` (a database made by ``session_database``)."""
    server, name = _copy(template)
    try:
        yield _with_database(server, name)
    finally:
        _drop(server, name)


def session_database() -> tuple[str, str]:
    """A new migrated, empty store kept until the session ends: (URL, database name). Once
    filled and closed it can be the ``template`` of ``postgres_database``."""
    server, name = _copy(None)
    _kept.append((server, name))
    return _with_database(server, name), name


@contextmanager
def store_target(database: str, folder: Path) -> Iterator[str]:
    """Where a test's store lives: a SQLite file in ``folder`` or a PostgreSQL database."""
    if database == "sqlite":
        yield str(folder / "store.sqlite")
    else:
        with postgres_database() as url:
            yield url
