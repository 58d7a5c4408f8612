"""Opening stores: migrations, foreign and newer files, backups."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect

from tests.helpers import dump, file_digest
from workgroup_app.domain.errors import StoreError
from workgroup_app.storage import maintenance, migrate
from workgroup_app.storage.database import open_store
from workgroup_app.storage.models import Base


def test_migrating_an_empty_database_gives_exactly_the_models_schema(store_path: Path) -> None:
    store = open_store(store_path)
    try:
        assert maintenance.schema_differences(store.engine) == []
        tables = set(inspect(store.engine).get_table_names())
        assert tables == set(Base.metadata.tables) | {"alembic_version"}
        for table in Base.metadata.sorted_tables:
            columns = {c["name"] for c in inspect(store.engine).get_columns(table.name)}
            assert columns == {c.name for c in table.columns}, table.name
            indexes = {i["name"] for i in inspect(store.engine).get_indexes(table.name)}
            assert indexes == {i.name for i in table.indexes}, table.name
        report = maintenance.check(store)
        assert report.ok and report.revision == migrate.head()
    finally:
        store.close()


def test_the_head_and_known_revisions_are_alembics() -> None:
    """Opening a store reads them without Alembic: they must be what its scripts say."""
    scripts = migrate.script()
    assert scripts.get_current_head() == migrate.HEAD
    assert {rev.revision for rev in scripts.walk_revisions()} == migrate.KNOWN


def test_a_new_store_gets_an_office_id_that_survives_reopening(store_path: Path) -> None:
    first = open_store(store_path)
    office = first.office_id
    first.close()
    again = open_store(store_path)
    assert again.office_id == office and len(office) == 36
    again.close()


def test_a_text_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("Протокол заседания — не база данных\n", encoding="utf-8")
    before = file_digest(path)
    with pytest.raises(StoreError) as caught:
        open_store(path)
    assert "is not a Workgroup database" in str(caught.value)
    assert file_digest(path) == before


def test_a_foreign_sqlite_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    connection.execute("INSERT INTO invoices VALUES (1, 9.5)")
    connection.commit()
    connection.close()
    before = file_digest(path)
    with pytest.raises(StoreError) as caught:
        open_store(path)
    assert "is not a Workgroup database" in str(caught.value)
    assert file_digest(path) == before


def test_a_store_from_a_newer_version_is_refused_and_left_alone(store_path: Path) -> None:
    open_store(store_path).close()
    connection = sqlite3.connect(store_path)
    connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.commit()
    connection.close()
    before = dump(store_path), file_digest(store_path)
    with pytest.raises(StoreError) as caught:
        open_store(store_path)
    assert "newer version" in str(caught.value)
    assert (dump(store_path), file_digest(store_path)) == before


def test_a_folder_or_a_missing_file_without_create_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        open_store(tmp_path)
    with pytest.raises(StoreError, match="no database"):
        open_store(tmp_path / "absent.sqlite", create=False)
    assert not (tmp_path / "absent.sqlite").exists()


def test_backup_is_verified_and_opens(store_path: Path, tmp_path: Path) -> None:
    store = open_store(store_path)
    target = maintenance.backup(store, tmp_path / "copy.sqlite")
    store.close()
    copy = open_store(target, create=False)
    assert maintenance.check(copy).ok
    assert copy.office_id == open_store(store_path).office_id
    copy.close()


def test_backup_refuses_to_overwrite_the_store_or_write_into_a_missing_folder(
        store_path: Path, tmp_path: Path) -> None:
    store = open_store(store_path)
    with pytest.raises(StoreError):
        maintenance.backup(store, store_path)
    with pytest.raises(StoreError, match="does not exist"):
        maintenance.backup(store, tmp_path / "nowhere" / "copy.sqlite")
    store.close()
