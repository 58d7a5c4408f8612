"""The test vectors of docs/sync-format.md are what the code produces (issue 6)."""

from __future__ import annotations

import re
from pathlib import Path

from workgroup_app.sync import stream

DOC = Path(__file__).resolve().parents[2] / "docs" / "sync-format.md"


def vector(name: str) -> bytes:
    found = re.search(rf"<!-- vector: {name} -->\s*```\s*([0-9a-f]+)\s*```", DOC.read_text())
    assert found, f"vector {name} is missing from {DOC.name}"
    return bytes.fromhex(found.group(1))


def test_the_stream_vector_of_the_format_page() -> None:
    expected = vector("stream-hello")
    assert stream.seal(bytes(range(32)), b"hello", nonce=bytes(16)) == expected
    assert stream.open_sealed(bytes(range(32)), expected) == b"hello"
