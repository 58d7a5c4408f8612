"""Fingerprints as people read them aloud: upper-case hex in groups of four."""

from __future__ import annotations

import textwrap


def grouped(hex_digest: str) -> str:
    return " ".join(textwrap.wrap(hex_digest.upper(), 4))
