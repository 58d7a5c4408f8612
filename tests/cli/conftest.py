"""Fixtures of the CLI tests: a temporary store per test, and the small office.

``office`` is built once per session through the services and copied for each test, so tests
that only need data (and the bad-input cases) do not pay for building it command by command.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.support import SERVER_TEMPLATES, Cli, Result, build_office, on_server, run_cli
from tests.databases import postgres_database


@pytest.fixture
def cli_target(request: pytest.FixtureRequest, database: str) -> Iterator[str | None]:
    """The PostgreSQL database this test's commands use (None: the SQLite file db_path); a
    copy of the small office when the test takes ``office``."""
    if database == "sqlite":
        yield None
        return
    wanted = [key for key in SERVER_TEMPLATES if key in request.fixturenames]
    template = on_server(wanted[0])[0] if wanted else None
    with postgres_database(template) as url:
        yield url


@pytest.fixture
def db_path(tmp_path: Path, cli_target: str | None) -> Path | str:
    """This test's store: a SQLite file, or (in modules marked both_databases) the URL of a
    PostgreSQL database of its own."""
    return cli_target or tmp_path / "store.sqlite"


@pytest.fixture
def cli(db_path: Path | str) -> Cli:
    """``cli("agencies", "list")`` runs the command on this test's store."""
    def run(*args: str, lang: str = "en", env: dict[str, str] | None = None) -> Result:
        return run_cli(db_path, *args, lang=lang, env=env)
    return run


@pytest.fixture(scope="session")
def office_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("office") / "office.sqlite"
    ids = build_office(path)
    return path, ids


@pytest.fixture
def office(request: pytest.FixtureRequest, db_path: Path | str) -> dict[str, str]:
    """This test's store is a fresh copy of the small office; returns its ids."""
    if isinstance(db_path, str):  # a PostgreSQL database, copied from the office already
        return on_server("office")[1]
    template, ids = request.getfixturevalue("office_template")
    for suffix in ("", "-wal", "-shm"):
        source = template.with_name(template.name + suffix)
        if source.exists():
            shutil.copyfile(source, db_path.with_name(db_path.name + suffix))
    return ids
