"""Shared fixtures: every test gets its own temporary store; nothing touches the user's data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tests.databases import DATABASES, drop_templates, store_target

# Property tests run briefly in `make test`; HYPOTHESIS_PROFILE=long runs them at length
# (before an issue is resolved): `HYPOTHESIS_PROFILE=long pytest tests/unit`.
settings.register_profile("long", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "both_databases: run each test on SQLite and on "
                            "PostgreSQL (tests/databases.py)")
    config.addinivalue_line("markers", "sqlite_only: a test of SQLite's own file in a module "
                            "that runs on both databases")


def pytest_sessionfinish(session: pytest.Session) -> None:
    drop_templates()

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["WORKGROUP_LANG"] = "en"
# No test may reach the user's real keyring: by default there is no backend at all (as on a
# headless server); tests that need one take ``memory_keyring`` or the FileKeyring.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
# No automatic backups (bootstrap.AUTO_BACKUP_VARIABLE) unless a test turns them on with
# ``monkeypatch.setenv("WORKGROUP_AUTO_BACKUP", "1")``; CLI subprocesses inherit this.
os.environ["WORKGROUP_AUTO_BACKUP"] = "0"
# New stores stay plain (domain.encryption.SWITCH_VARIABLE) even where a test has a keyring;
# the encryption tests turn it on with ``monkeypatch.setenv(…, "auto")``.
os.environ["WORKGROUP_DB_ENCRYPTION"] = "off"


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKGROUP_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))


@pytest.fixture
def memory_keyring() -> Iterator[object]:
    """An in-memory keyring backend for this test; the previous backend comes back after."""
    import keyring

    from tests.keyring_backend import MemoryKeyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests of a module marked ``both_databases`` run once on SQLite and once on PostgreSQL
    (tests/databases.py), unless the test itself is marked ``sqlite_only``."""
    if ("database" in metafunc.fixturenames
            and metafunc.definition.get_closest_marker("both_databases")
            and not metafunc.definition.get_closest_marker("sqlite_only")):
        metafunc.parametrize("database", DATABASES, indirect=True)


@pytest.fixture
def database(request: pytest.FixtureRequest) -> str:
    """Which database this test's store lives in: "sqlite" unless parametrised."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def store_path(tmp_path: Path, database: str) -> Iterator[Path | str]:
    """This test's store: a SQLite file, or the URL of a PostgreSQL database of its own."""
    with store_target(database, tmp_path) as target:
        yield Path(target) if database == "sqlite" else target


@pytest.fixture
def context(store_path: Path) -> Iterator[object]:
    from workgroup_app.bootstrap import open_context
    from workgroup_app.config import AppConfig

    ctx = open_context(AppConfig.build(database=str(store_path), language="en"))
    yield ctx
    ctx.close()
