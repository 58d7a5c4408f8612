"""The keyring adapter: a real backend, no backend, a broken backend; never the user's keyring."""

from __future__ import annotations

import string
from collections.abc import Iterator

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.backends.null
import keyring.errors
import pytest

from workgroup_app.domain.errors import SecretError
from workgroup_app.security.keystore import KEYRING_SERVICE, SecretStore, random_passphrase


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.items[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError("not found") from None


class BrokenKeyring(MemoryKeyring):
    """Like a Secret Service backend whose D-Bus daemon went away."""

    def get_password(self, service: str, username: str) -> str | None:
        raise RuntimeError("no D-Bus session")


def _use(backend: keyring.backend.KeyringBackend) -> Iterator[keyring.backend.KeyringBackend]:
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def memory() -> Iterator[MemoryKeyring]:
    yield from _use(MemoryKeyring())  # type: ignore[misc]


@pytest.fixture
def failing() -> Iterator[keyring.backend.KeyringBackend]:
    yield from _use(keyring.backends.fail.Keyring())


def test_memory_backend_stores_reads_and_forgets(memory: MemoryKeyring) -> None:
    store = SecretStore()
    assert store.available()
    assert store.get("p12:anna") is None
    store.put("p12:anna", "s3cret")
    assert store.get("p12:anna") == "s3cret"
    assert memory.items == {(KEYRING_SERVICE, "p12:anna"): "s3cret"}
    store.delete("p12:anna")
    assert store.get("p12:anna") is None
    store.delete("p12:anna")  # deleting twice is fine


def test_fail_backend_is_not_available_and_put_says_why(failing: object) -> None:
    store = SecretStore()
    assert not store.available()
    assert store.get("p12:anna") is None
    with pytest.raises(SecretError, match="no system keyring"):
        store.put("p12:anna", "s3cret")
    store.delete("p12:anna")  # nothing to delete, nothing raised


def test_null_backend_counts_as_no_keyring() -> None:
    for _ in _use(keyring.backends.null.Keyring()):
        assert not SecretStore().available()
        with pytest.raises(SecretError):
            SecretStore().put("x", "y")


def test_backend_that_raises_on_use_counts_as_no_keyring() -> None:
    for _ in _use(BrokenKeyring()):
        store = SecretStore()
        assert not store.available()
        assert store.get("x") is None
        with pytest.raises(SecretError):
            store.put("x", "y")


def test_random_passphrases_are_long_url_safe_and_distinct() -> None:
    phrases = {random_passphrase() for _ in range(50)}
    assert len(phrases) == 50
    allowed = set(string.ascii_letters + string.digits + "-_")
    for phrase in phrases:
        assert len(phrase) >= 43  # 32 bytes of entropy in base64
        assert len(phrase) < 1280  # the Windows Credential Manager limit
        assert set(phrase) <= allowed
