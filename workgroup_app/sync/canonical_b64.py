"""Base64 read strictly: exactly one encoding of each value (as age requires), so a signed
text cannot carry the same bytes in two spellings."""

from __future__ import annotations

import base64
import binascii

from ..domain.errors import VerificationError
from ..domain.messages import N_


def encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def decode(text: str) -> bytes:
    """The bytes of standard, padded base64 that re-encodes to exactly ``text``."""
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error, ValueError):
        raise VerificationError(N_("The bundle holds malformed base64.")) from None
    if encode(data) != text:
        raise VerificationError(N_("The bundle holds malformed base64."))
    return data
