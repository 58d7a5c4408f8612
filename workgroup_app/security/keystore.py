"""The OS keyring behind one small interface: it holds the random passphrases of the PKCS#12
key files (never the keys: the Windows Credential Manager takes only ~1,280 characters).

Where no real backend exists (a headless Linux, keyring's fail or null backend) the store says
so through ``available()`` and the caller asks the user for a passphrase instead. keyrings.alt
backends are treated as absent: they store secrets in plain text.
"""

from __future__ import annotations

import logging
import secrets

import keyring
import keyring.backend
import keyring.errors

from ..domain.errors import SecretError
from ..domain.messages import N_

KEYRING_SERVICE = "workgroup"
_PROBE = "availability-probe"
_log = logging.getLogger(__name__)

_NO_BACKEND = N_("There is no system keyring on this computer to keep the passphrase; "
                 "enter a passphrase instead.")


def _usable(backend: keyring.backend.KeyringBackend) -> bool:
    module = type(backend).__module__
    if module.startswith("keyrings.alt") or module in ("keyring.backends.fail",
                                                       "keyring.backends.null"):
        return False
    inner = getattr(backend, "backends", None)  # keyring's ChainerBackend
    if module == "keyring.backends.chainer":
        return any(_usable(b) for b in inner or ())
    return True


class SecretStore:
    """Secrets by name under the service ``workgroup`` of the active keyring backend."""

    def __init__(self, service: str = KEYRING_SERVICE) -> None:
        self.service = service

    def available(self) -> bool:
        backend = keyring.get_keyring()
        if not _usable(backend):
            return False
        try:
            backend.get_password(self.service, _PROBE)
        except Exception as error:  # any backend failure means "no keyring" to the user
            _log.info("keyring backend %s is unusable: %s", type(backend).__name__, error)
            return False
        return True

    def get(self, name: str) -> str | None:
        """The secret, or None when it is missing or there is no usable keyring."""
        if not self.available():
            return None
        try:
            return keyring.get_password(self.service, name)
        except Exception as error:
            _log.warning("keyring read of %r failed: %s", name, error)
            return None

    def put(self, name: str, secret: str) -> None:
        if not self.available():
            raise SecretError(_NO_BACKEND)
        try:
            keyring.set_password(self.service, name, secret)
        except Exception as error:
            raise SecretError(N_("The system keyring refused to store the passphrase: "
                                 "{reason}"), reason=str(error) or type(error).__name__) from error

    def delete(self, name: str) -> None:
        """Forget the secret; a missing secret or keyring is not an error."""
        if not self.available():
            return
        try:
            keyring.delete_password(self.service, name)
        except keyring.errors.PasswordDeleteError:
            return  # already gone: what the caller wanted
        except Exception as error:
            _log.warning("keyring delete of %r failed: %s", name, error)


def random_passphrase() -> str:
    """256 random bits as URL-safe text (43 characters): fits every keyring backend."""
    return secrets.token_urlsafe(32)
