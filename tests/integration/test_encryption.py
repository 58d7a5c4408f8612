"""Encryption at rest (issue 7): new stores encrypted where a keyring exists, keys found in
the keyring or from a passphrase, refusals that change and reveal nothing, encrypt / decrypt /
rekey keeping every row and never leaving a half-done store, backups staying encrypted, and
files readable by their owner only."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cli.support import build_office
from tests.helpers import dump, file_digest, plain_sqlite_reads
from workgroup_app.bootstrap import AppContext, open_context, store_crypt, store_protection
from workgroup_app.config import AppConfig
from workgroup_app.domain import encryption as rules
from workgroup_app.domain.access import AccessDenied, Role
from workgroup_app.domain.encryption import KeySource, keyring_name
from workgroup_app.domain.errors import DomainError, SecretError, StoreError
from workgroup_app.security.keystore import SecretStore
from workgroup_app.services import encryption, users
from workgroup_app.storage import encryption as files
from workgroup_app.storage import maintenance
from workgroup_app.storage.database import open_store

pytestmark = pytest.mark.skipif(not files.available(), reason="sqlcipher3 is not installed")

PASSPHRASE = "Грозовой перевал 1847"


@pytest.fixture
def encrypting(monkeypatch: pytest.MonkeyPatch) -> None:
    """New stores are encrypted where a keyring exists (the suite keeps them plain)."""
    monkeypatch.setenv(rules.SWITCH_VARIABLE, "auto")
    monkeypatch.delenv(rules.PASSPHRASE_VARIABLE, raising=False)


def config(path: Path, **extra: Any) -> AppConfig:
    return AppConfig.build(database=str(path), language="en", **extra)


def secrets() -> SecretStore:
    return SecretStore()


def rows(context: AppContext) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, read through the store's own connections."""
    raw = context.store.engine.raw_connection()
    try:
        names = [r[0] for r in raw.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {name: sorted(map(tuple, raw.execute(f'SELECT * FROM "{name}"')), key=repr)
                for name in names}
    finally:
        raw.close()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def office_store(tmp_path: Path) -> Path:
    """A plain store holding a small office (directory, workgroup, a meeting)."""
    path = tmp_path / "office.sqlite"
    build_office(path)
    return path


@pytest.fixture
def opened(office_store: Path, memory_keyring: object) -> Iterator[AppContext]:
    context = open_context(config(office_store))
    yield context
    context.close()


# -- new stores ------------------------------------------------------------------------------

def test_a_new_store_is_encrypted_with_a_key_kept_in_the_keyring(
        tmp_path: Path, memory_keyring: Any, encrypting: None) -> None:
    path = tmp_path / "new.sqlite"
    context = open_context(config(path))
    key = context.store.key
    assert key is not None and key.source is KeySource.KEYRING
    assert store_protection(context).encrypted
    office = context.office_id
    context.close()
    assert path.read_bytes()[:16] == key.salt  # the salt names the key in the keyring
    assert memory_keyring.get_password("workgroup", keyring_name(key.salt)) == key.key.hex()
    assert not plain_sqlite_reads(path)
    assert key.key not in path.read_bytes() and key.key.hex().encode() not in path.read_bytes()
    again = open_context(config(path))  # the keyring opens it again, nothing asked
    assert again.office_id == office and again.store.key == key
    again.close()


def test_without_a_keyring_a_new_store_is_plain_and_the_reason_is_known(
        tmp_path: Path, encrypting: None) -> None:
    context = open_context(config(tmp_path / "plain.sqlite"))  # the suite's fail keyring
    shown = store_protection(context)
    context.close()
    assert context.store.key is None and plain_sqlite_reads(tmp_path / "plain.sqlite")
    assert not shown.encrypted and shown.reason == encryption.NO_KEYRING_FOR_NEW


def test_the_switch_keeps_new_stores_plain_even_with_a_keyring(
        tmp_path: Path, memory_keyring: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(rules.SWITCH_VARIABLE, "off")
    context = open_context(config(tmp_path / "plain.sqlite"))
    shown = store_protection(context)
    context.close()
    assert context.store.key is None and memory_keyring.secrets == {}
    assert shown.reason == rules.SWITCHED_OFF
    assert shown.params["variable"] == "WORKGROUP_DB_ENCRYPTION"


# -- wrong keys: a clear message, nothing changed, nothing revealed --------------------------

def encrypted_with_passphrase(path: Path) -> None:
    context = open_context(config(path))
    encryption.encrypt(context.uow(), store_crypt(context), secrets, passphrase=PASSPHRASE)
    context.close()


def assert_refused(error: DomainError, path: Path, *fragments: str) -> None:
    text = error.english()
    assert path.name in text and str(path.parent) not in text, text
    for fragment in fragments:
        assert fragment in text, text


def test_a_wrong_passphrase_is_refused_and_the_file_is_left_as_it_was(
        office_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    encrypted_with_passphrase(office_store)
    before = file_digest(office_store)
    monkeypatch.setenv(rules.PASSPHRASE_VARIABLE, "not the passphrase")
    with pytest.raises(StoreError) as refused:
        open_context(config(office_store))
    assert_refused(refused.value, office_store, "does not open", "Nothing was changed")
    assert file_digest(office_store) == before
    assert sorted(p.name for p in office_store.parent.iterdir()) == [office_store.name]
    monkeypatch.setenv(rules.PASSPHRASE_VARIABLE, PASSPHRASE)
    context = open_context(config(office_store))
    assert context.store.key is not None and context.store.key.source is KeySource.PASSPHRASE
    context.close()


def test_a_passphrase_is_asked_again_after_a_wrong_one_and_giving_up_opens_nothing(
        office_store: Path) -> None:
    encrypted_with_passphrase(office_store)
    asked: list[tuple[str, str | None]] = []
    answers = iter(["wrong one!", PASSPHRASE])

    def ask(name: str, refusal: DomainError | None) -> str | None:
        asked.append((name, refusal.english() if refusal else None))
        return next(answers)

    context = open_context(config(office_store, ask_passphrase=ask))
    context.close()
    assert [name for name, _ in asked] == ["office.sqlite"] * 2
    assert asked[0][1] is None and "does not open 'office.sqlite'" in (asked[1][1] or "")
    before = file_digest(office_store)
    with pytest.raises(StoreError) as gave_up:
        open_context(config(office_store, ask_passphrase=lambda name, refusal: None))
    assert_refused(gave_up.value, office_store, "no passphrase was given")
    tries: list[str] = []

    def always_wrong(name: str, refusal: DomainError | None) -> str:
        tries.append(name)
        return "a wrong passphrase"

    with pytest.raises(StoreError, match="does not open"):  # three wrong ones: the last
        open_context(config(office_store, ask_passphrase=always_wrong))
    assert len(tries) == encryption.ATTEMPTS and file_digest(office_store) == before


def test_an_encrypted_store_without_its_key_names_the_variable(office_store: Path) -> None:
    encrypted_with_passphrase(office_store)
    with pytest.raises(StoreError) as refused:
        open_context(config(office_store))
    assert_refused(refused.value, office_store, "is encrypted", "WORKGROUP_DB_PASSPHRASE")
    with pytest.raises(StoreError) as direct:  # storage alone: no key, no opening
        open_store(office_store)
    assert_refused(direct.value, office_store, "opens only with its key")


def test_a_wrong_key_in_the_keyring_is_refused_without_showing_it(
        tmp_path: Path, memory_keyring: Any, encrypting: None) -> None:
    path = tmp_path / "new.sqlite"
    open_context(config(path)).close()
    name = keyring_name(path.read_bytes()[:16])
    wrong = "ab" * 32
    memory_keyring.set_password("workgroup", name, wrong)
    before = file_digest(path)
    with pytest.raises(StoreError) as refused:
        open_context(config(path))
    assert_refused(refused.value, path, "The key the keyring holds", "Nothing was changed")
    assert wrong not in refused.value.english() and file_digest(path) == before


def test_random_bytes_ask_for_a_key_and_text_is_no_store(tmp_path: Path) -> None:
    noise = tmp_path / "noise.sqlite"
    noise.write_bytes(os.urandom(8192))
    assert files.inspect_file(noise) is rules.FileKind.ENCRYPTED
    key = files.new_key()
    with pytest.raises(StoreError) as refused:
        open_store(noise, key=key)
    assert_refused(refused.value, noise, "does not open")
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database\n" * 600, encoding="utf-8")
    assert files.inspect_file(text) is rules.FileKind.FOREIGN


# -- converting ------------------------------------------------------------------------------

def test_encrypt_rekey_and_decrypt_keep_every_row(opened: AppContext, office_store: Path,
                                                  memory_keyring: Any,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    original = rows(opened)
    assert sum(map(len, original.values())) > 20
    first = encryption.encrypt(opened.uow(), store_crypt(opened), secrets)
    assert first.encrypted and first.source is KeySource.KEYRING
    assert not plain_sqlite_reads(office_store) and rows(opened) == original
    old_salt = opened.store.key.salt  # type: ignore[union-attr]

    encryption.rekey(opened.uow(), store_crypt(opened), secrets)
    new_salt = opened.store.key.salt  # type: ignore[union-attr]
    assert new_salt != old_salt and rows(opened) == original
    # The former key stays: backups made before the rekey still need it.
    assert {keyring_name(old_salt), keyring_name(new_salt)} <= {
        name for _service, name in memory_keyring.secrets}

    encryption.rekey(opened.uow(), store_crypt(opened), secrets, passphrase=PASSPHRASE)
    assert opened.store.key.source is KeySource.PASSPHRASE  # type: ignore[union-attr]
    assert rows(opened) == original
    opened.close()
    with pytest.raises(StoreError):  # the keyring holds no key for this file now
        open_context(config(office_store))
    monkeypatch.setenv(rules.PASSPHRASE_VARIABLE, PASSPHRASE)
    reopened = open_context(config(office_store))
    assert rows(reopened) == original

    encryption.decrypt(reopened.uow(), store_crypt(reopened))
    assert reopened.store.key is None and plain_sqlite_reads(office_store)
    assert rows(reopened) == original
    reopened.close()
    assert not [p for p in office_store.parent.iterdir() if ".partial" in p.name]


def test_a_file_made_with_a_passphrase_opens_in_any_sqlcipher_tool(office_store: Path) -> None:
    encrypted_with_passphrase(office_store)
    from sqlcipher3 import dbapi2

    connection = dbapi2.connect(str(office_store))
    connection.execute("PRAGMA key = '" + PASSPHRASE.replace("'", "''") + "'")
    assert connection.execute("SELECT count(*) FROM agency").fetchone()[0] > 0
    connection.close()


def test_a_failure_before_the_new_file_takes_its_place_leaves_the_original(
        opened: AppContext, office_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = rows(opened)

    def crash(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", crash)
    with pytest.raises(OSError):
        encryption.encrypt(opened.uow(), store_crypt(opened), secrets)
    monkeypatch.undo()
    assert opened.store.key is None and plain_sqlite_reads(office_store)
    assert rows(opened) == original  # the context was reopened on the original
    assert not [p for p in office_store.parent.iterdir() if ".partial" in p.name]


def test_a_copy_failing_its_check_is_never_put_in_place(office_store: Path) -> None:
    def spoil(partial: Path) -> None:
        raise StoreError(rules.CHECK_FAILED)

    before = dump(office_store)
    with pytest.raises(StoreError) as refused:
        files.convert(office_store, None, files.new_key(), check=spoil)
    assert "left as it was" in refused.value.english()
    assert plain_sqlite_reads(office_store) and dump(office_store) == before
    assert sorted(p.name for p in office_store.parent.iterdir()) == [office_store.name]


def test_a_conversion_killed_midway_leaves_the_original_and_its_leftovers_go(
        office_store: Path) -> None:
    """A real crash: the process is killed (SIGKILL) while the encrypted copy exists beside
    the store, just before it would take the store's place."""
    opened = open_store(office_store)
    original = maintenance.check(opened), opened.office_id
    opened.close()
    child = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from workgroup_app.storage import encryption
        def hold(partial):
            print("READY", flush=True)
            time.sleep(120)
        encryption.convert(Path({str(office_store)!r}), None, encryption.new_key(), check=hold)
        """)], stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])
    assert child.stdout is not None and child.stdout.readline().strip() == "READY"
    leftovers = [p for p in office_store.parent.iterdir() if ".partial" in p.name]
    assert leftovers  # the encrypted copy was there when the process died
    child.kill()
    child.wait(timeout=30)
    assert plain_sqlite_reads(office_store)
    again = open_store(office_store)
    assert (maintenance.check(again), again.office_id) == original
    again.close()
    files.convert(office_store, None, files.new_key())  # the next conversion cleans up
    assert not [p for p in office_store.parent.iterdir() if ".partial" in p.name]
    assert not plain_sqlite_reads(office_store)


def test_a_store_in_use_elsewhere_is_not_converted(opened: AppContext,
                                                   office_store: Path) -> None:
    other = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sqlite3, time
        connection = sqlite3.connect({str(office_store)!r})
        connection.execute("SELECT count(*) FROM agency").fetchone()
        print("READY", flush=True)
        time.sleep(120)
        """)], stdout=subprocess.PIPE, text=True)  # another program with the store open
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "READY"
        before = rows(opened)
        with pytest.raises(StoreError) as refused:
            encryption.encrypt(opened.uow(), store_crypt(opened), secrets)
    finally:
        other.kill()
        other.wait(timeout=30)
    assert "in use" in refused.value.english() and opened.store.key is None
    assert plain_sqlite_reads(office_store) and rows(opened) == before


def test_only_the_administrator_converts_a_store_with_accounts(
        opened: AppContext, office_store: Path) -> None:
    admin = users.create_first_administrator(opened.uow(), "admin", "Админ Админов",
                                             "Admin-pass-2024")
    users.add_user(opened.uow(), admin, "watcher", "Наблюдатель", Role.OBSERVER.value,
                   "Watcher-pass-2024")
    opened.actor = users.sign_in(opened.uow(), "watcher", "Watcher-pass-2024")
    before = rows(opened)
    for attempt in (lambda: encryption.encrypt(opened.uow(), store_crypt(opened), secrets),
                    lambda: encryption.check(opened.uow(), store_crypt(opened),
                                             encryption.Operation.ENCRYPT)):
        with pytest.raises(AccessDenied):
            attempt()
    assert opened.store.key is None and plain_sqlite_reads(office_store)
    assert rows(opened) == before
    opened.actor = admin
    encryption.encrypt(opened.uow(), store_crypt(opened), secrets, passphrase=PASSPHRASE)
    assert not plain_sqlite_reads(office_store)


def test_refusals_before_anything_is_done(opened: AppContext) -> None:
    with pytest.raises(StoreError, match="not encrypted"):
        encryption.decrypt(opened.uow(), store_crypt(opened))
    with pytest.raises(StoreError, match="not encrypted"):
        encryption.rekey(opened.uow(), store_crypt(opened), secrets)
    with pytest.raises(SecretError):  # no keyring to keep a key: a passphrase is needed
        encryption.encrypt(opened.uow(), store_crypt(opened), lambda: _NoKeyring())
    with pytest.raises(DomainError, match="at least 8"):
        encryption.encrypt(opened.uow(), store_crypt(opened), secrets, passphrase="short")
    assert opened.store.key is None
    encryption.encrypt(opened.uow(), store_crypt(opened), secrets, passphrase=PASSPHRASE)
    with pytest.raises(StoreError, match="already encrypted"):
        encryption.encrypt(opened.uow(), store_crypt(opened), secrets)


class _NoKeyring(SecretStore):
    def available(self) -> bool:
        return False


# -- backups of an encrypted store -----------------------------------------------------------

def test_a_backup_of_an_encrypted_store_is_encrypted_with_the_same_key(
        opened: AppContext, tmp_path: Path) -> None:
    encryption.encrypt(opened.uow(), store_crypt(opened), secrets)
    target = tmp_path / "copies" / "backup.sqlite"
    target.parent.mkdir()
    maintenance.backup(opened.store, target)
    assert not plain_sqlite_reads(target)
    key = opened.store.key
    assert key is not None and target.read_bytes()[:16] == key.salt  # same salt: same entry
    copy = open_store(target, create=False, key=key)
    assert copy.office_id == opened.office_id
    assert maintenance.check(copy).ok
    copy.close()


def test_an_encrypted_store_is_backed_up_before_a_migration_and_restored(
        office_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from alembic import command

    from workgroup_app.domain.backups import BackupReason
    from workgroup_app.services import backups
    from workgroup_app.storage import migrate
    from workgroup_app.storage.database import make_engine, to_url

    encrypted_with_passphrase(office_store)
    monkeypatch.setenv(rules.PASSPHRASE_VARIABLE, PASSPHRASE)
    key = files.passphrase_key(PASSPHRASE, files.file_salt(office_store))
    engine = make_engine(to_url(office_store), key)  # as an older Workgroup left it
    with engine.begin() as connection:
        command.downgrade(migrate.config(connection), "0006")
    engine.dispose()
    monkeypatch.setenv("WORKGROUP_AUTO_BACKUP", "1")
    context = open_context(config(office_store))
    assert context.store.revision_on_open == "0006"
    [made] = context.backups.list()
    assert made.reason == BackupReason.BEFORE_MIGRATION
    assert not plain_sqlite_reads(made.path)  # encrypted with the store's own key
    copy = files.connect(made.path, key)
    try:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0006"
    finally:
        copy.close()
    before = rows(context)["agency"]
    # Restoring it puts the copy in place and opens it again with the same key.
    prepared = backups.prepare_restore(context.uow(), context.backups, made.path)
    backups.restore(context.uow(), context.backups, prepared)
    assert context.store.key is not None and context.store.revision == migrate.head()
    assert rows(context)["agency"] == before
    context.close()


# -- files readable by their owner only ------------------------------------------------------

@pytest.fixture
def open_umask() -> Iterator[None]:
    previous = os.umask(0)  # the most permissive: modes must not depend on it
    yield
    os.umask(previous)


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_store_files_and_new_folders_are_private(tmp_path: Path, memory_keyring: Any,
                                                  encrypting: None, open_umask: None) -> None:
    path = tmp_path / "deep" / "er" / "store.sqlite"
    context = open_context(config(path))
    encryption.rekey(context.uow(), store_crypt(context), secrets)  # a converted file too
    journals = [path.with_name(path.name + s) for s in ("-wal", "-shm")]
    assert all(j.exists() for j in journals)  # the reopened store is in WAL mode
    for made in [path, *journals]:
        assert mode(made) == 0o600, made
    assert mode(tmp_path / "deep") == 0o700 and mode(tmp_path / "deep" / "er") == 0o700
    context.close()


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_an_existing_store_readable_by_others_is_made_private(office_store: Path) -> None:
    office_store.chmod(0o644)
    context = open_context(config(office_store))
    context.close()
    assert mode(office_store) == 0o600


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_key_files_and_the_keys_folder_are_private(tmp_path: Path, open_umask: None,
                                                   memory_keyring: Any) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from workgroup_app.security import office_keys
    from workgroup_app.services import keys

    folder = tmp_path / "keys"
    office_keys.write_key(folder / office_keys.SIGN_FILE, Ed25519PrivateKey.generate(),
                          PASSPHRASE)
    assert mode(folder) == 0o700 and mode(folder / office_keys.SIGN_FILE) == 0o600
    # What existed before, too lax, is put right when the keys are used.
    folder.chmod(0o755)
    (folder / office_keys.SIGN_FILE).chmod(0o644)
    office_keys.read_key(folder / office_keys.SIGN_FILE, PASSPHRASE)
    assert mode(folder) == 0o700 and mode(folder / office_keys.SIGN_FILE) == 0o600

    context = open_context(config(tmp_path / "store.sqlite"))
    chain = keys.Keychain(folder=tmp_path / "p12", secrets=SecretStore(), cache=tmp_path)
    info = keys.ca_init(context.uow(), chain, office_name="Прокуратура")
    p12 = next((tmp_path / "p12").glob("*.p12"))
    assert mode(tmp_path / "p12") == 0o700 and mode(p12) == 0o600
    p12.chmod(0o640)
    keys.load_key(context.uow(), chain, info.id)
    assert mode(p12) == 0o600
    context.close()


def test_a_new_salt_never_looks_like_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """A store whose first bytes read as text would be refused as no store at all."""
    draws = iter([b"SQLite format 3!", b"plain ascii text", b"\x00" * 16])
    monkeypatch.setattr(files.secrets, "token_bytes", lambda n: next(draws))
    assert files.new_salt() == b"\x00" * 16
