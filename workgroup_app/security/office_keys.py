"""The private keys of this office's identity: Ed25519 to sign bundles and office cards,
X25519 to open bundles addressed to it (DESIGN §5). Each is an encrypted PKCS#8 file in the
keys folder, readable by its owner only; the passphrase is kept as the PKCS#12 ones are."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from ..domain.errors import SecretError
from ..domain.messages import N_
from . import file_modes

SIGN_FILE = "office-sign.pem"
ENC_FILE = "office-enc.pem"


def write_key(path: Path, key: Ed25519PrivateKey | X25519PrivateKey, passphrase: str) -> None:
    data = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.BestAvailableEncryption(passphrase.encode("utf-8")))
    file_modes.secure_folder(path.parent)
    temp = path.with_suffix(".tmp")
    try:
        fd = file_modes.open_private(temp)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def read_key(path: Path, passphrase: str) -> Ed25519PrivateKey | X25519PrivateKey:
    if path.parent.is_dir():
        file_modes.secure_folder(path.parent)  # one made before keys were kept private
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SecretError(N_("The key file {path} cannot be read: {reason}"),
                          path=str(path), reason=error.strerror or str(error)) from error
    try:
        key = serialization.load_pem_private_key(data, passphrase.encode("utf-8"))
    except (ValueError, TypeError):
        raise SecretError(N_("The passphrase of the office keys is wrong, or the key file "
                             "is damaged."), field="passphrase") from None
    if not isinstance(key, Ed25519PrivateKey | X25519PrivateKey):
        raise SecretError(N_("The key file {path} does not hold an office key."),
                          path=str(path))
    return key


def public_raw(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.Raw,
                                         serialization.PublicFormat.Raw)
