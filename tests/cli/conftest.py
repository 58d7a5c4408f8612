"""Fixtures of the CLI tests: a temporary store per test, and the small office.

``office`` is built once per session through the services and copied for each test, so tests
that only need data (and the bad-input cases) do not pay for building it command by command.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli.support import Cli, Result, build_office, run_cli


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store.sqlite"


@pytest.fixture
def cli(db_path: Path) -> Cli:
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
def office(office_template: tuple[Path, dict[str, str]], db_path: Path) -> dict[str, str]:
    """This test's store is a fresh copy of the small office; returns its ids."""
    template, ids = office_template
    for suffix in ("", "-wal", "-shm"):
        source = template.with_name(template.name + suffix)
        if source.exists():
            shutil.copyfile(source, db_path.with_name(db_path.name + suffix))
    return ids
