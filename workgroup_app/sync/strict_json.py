"""JSON as a bundle carries it: parsed strictly, written canonically.

Python's ``json`` keeps the last of duplicate keys and accepts NaN and Infinity (DESIGN §9); a
hostile bundle could use either to make two readers see different data. Everything a bundle
holds is read here instead: one clear refusal for anything but plain, unambiguous JSON.
Written JSON is canonical (sorted keys, no spaces, UTF-8), so the same data gives the same
bytes at every office.
"""

from __future__ import annotations

import json
from typing import Any

from ..domain.errors import VerificationError
from ..domain.messages import N_

MAX_DEPTH = 32


class _Refused(ValueError):
    """Valid JSON that a bundle must not hold; reported as VerificationError."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _Refused(f"duplicate key {key!r}")
            seen.add(key)
    return result


def _no_constants(name: str) -> Any:
    raise _Refused(f"non-finite number {name}")


def _depth(value: Any, level: int = 0) -> None:
    if level > MAX_DEPTH:
        raise _Refused("nested too deeply")
    if isinstance(value, dict):
        for item in value.values():
            _depth(item, level + 1)
    elif isinstance(value, list):
        for item in value:
            _depth(item, level + 1)


# Made once: json.loads and json.dumps with options build a new decoder or encoder per call.
_DECODER = json.JSONDecoder(object_pairs_hook=_pairs, parse_constant=_no_constants)
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                            allow_nan=False)


def loads_strict(data: bytes) -> Any:
    """The value of ``data``, or VerificationError: not UTF-8, not JSON, a duplicate key,
    NaN or Infinity, or nesting deeper than 32."""
    try:
        text = data.decode("utf-8", errors="strict")
        value = _DECODER.decode(text)
        if text.count("[") + text.count("{") > MAX_DEPTH:  # else it cannot be too deep
            _depth(value)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise VerificationError(N_("The bundle holds malformed data: {reason}."),
                                reason=str(error)[:200]) from None
    return value


def dumps_canonical(value: Any) -> bytes:
    """Sorted keys, no insignificant spaces, UTF-8, finite numbers only."""
    return _ENCODER.encode(value).encode("utf-8")
