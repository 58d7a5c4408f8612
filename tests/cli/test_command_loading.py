"""The command tree loads each command's module only when it runs, so that `workgroup` starts
quickly: a listing never imports the PDF, spreadsheet, calendar or migration libraries."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click

from tests.cli.support import ROOT, run_cli
from workgroup_app.cli import main as cli_main

HEAVY = ("reportlab", "openpyxl", "icalendar", "alembic", "pyhanko", "PySide6")


def test_every_listed_command_loads_under_its_own_name() -> None:
    group = cli_main.build_cli()
    context = click.Context(group)
    names = group.list_commands(context)
    assert names == sorted(cli_main.COMMANDS)
    for name in names:
        command = group.get_command(context, name)
        assert command is not None and command.name == name, name
    assert group.get_command(context, "no-such-command") is None


def test_help_lists_every_command(tmp_path: Path) -> None:
    result = run_cli(tmp_path / "store.sqlite", "--help")
    assert result.code == 0, result
    listed = result.out.split("Commands:", 1)[1]
    for name in cli_main.COMMANDS:
        assert f"\n  {name} " in listed, name


def test_a_listing_does_not_load_the_heavy_libraries(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite"
    assert run_cli(store, "init").code == 0
    probe = ("import json, sys\n"
             "from workgroup_app.cli.main import main\n"
             f"code = main(['--db', {str(store)!r}, '--json', 'agencies', 'list'])\n"
             f"print(json.dumps([code, sorted(m for m in {HEAVY!r} if m in sys.modules)]))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    code, loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert code == 0 and loaded == [], done.stderr


def test_a_mistyped_command_is_refused_with_the_nearest_one(tmp_path: Path) -> None:
    result = run_cli(tmp_path / "store.sqlite", "agency", "list")
    assert result.code == 2 and result.out == "", result
    assert "No such command 'agency'" in result.err
    if hasattr(click.exceptions, "NoSuchCommand"):  # click 8.2 suggests
        assert "Did you mean 'agencies'?" in result.err
