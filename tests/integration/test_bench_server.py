"""The office-server benchmark at a tiny scale: its writers and checks work (the figures come
from its full run, not from here)."""

from __future__ import annotations

import pytest

from bench import bench_server
from tests.databases import admin_url


def test_writers_at_once_keep_every_edit(capsys: pytest.CaptureFixture[str]) -> None:
    server = admin_url()
    assert bench_server.main(["--server", server, "--writers", "2", "--edits", "12",
                              "--actions", "3"]) == 0
    out = capsys.readouterr().out
    assert "2 writers at once" in out and "errors shown: 0  PASS" in out
    assert "FAIL" not in out
