"""The `workgroup` command: the root group, its global options, and the exit codes.

Exit codes (DESIGN §7): 0 done; 1 a user or input error, told in one line on stderr; 2 a usage
error (click's own); 3 a verification failure. A refused sign-in or an operation the user's
role may not do is a domain error like any other: one line, exit 1, nothing changed. An
unexpected exception prints one line "internal error: …" and exits 1; WORKGROUP_DEBUG=1 shows
its traceback instead.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from .. import i18n
from ..domain.errors import DomainError
from ..i18n import _, tr
from .errors import CliError
from .library_messages import library_messages

EXIT_OK, EXIT_USER, EXIT_USAGE, EXIT_VERIFY = 0, 1, 2, 3


def requested_language(args: Sequence[str]) -> str | None:
    """``--lang`` read early, so that help texts are translated too."""
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


# Each top-level command and where it lives: a command's module (and what it imports — PDF,
# XLSX, crypto) is loaded only when that command runs, so that `workgroup` starts quickly.
COMMANDS: dict[str, tuple[str, str]] = {
    "agencies": ("directory", "agencies"), "people": ("directory", "people"),
    "workgroups": ("workgroups", "workgroups_group"), "meetings": ("meetings", "meetings_group"),
    "actions": ("actions", "actions_group"), "findings": ("findings", "findings_group"),
    "report": ("reports", "report_group"), "calendar": ("calendar_cmd", "calendar_group"),
    "minutes": ("minutes", "minutes_group"), "keys": ("keys", "keys_group"),
    "office": ("office", "office_group"), "sync": ("sync_cmd", "sync_group"),
    "audit": ("audit_cmd", "audit_group"), "login": ("users_cmd", "login"),
    "logout": ("users_cmd", "logout"), "user": ("users_cmd", "user_group"),
    "init": ("store", "init"), "demo": ("store", "demo"), "db": ("store", "db"),
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use (``COMMANDS``)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, attribute = COMMANDS[cmd_name]
            command = getattr(importlib.import_module(f"{__package__}.{module}"), attribute)
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        """As click's, with its "Did you mean …?" drawn from every command, loaded or not."""
        unknown = getattr(click.exceptions, "NoSuchCommand", None)  # click 8.2 and later
        if unknown is None:
            return super().resolve_command(ctx, args)
        try:
            return super().resolve_command(ctx, args)
        except unknown as error:
            raise unknown(error.command_name, possibilities=self.list_commands(ctx),
                          ctx=ctx) from None


def build_cli() -> click.Group:
    """The command tree. Built after the language is set: help texts are translated here."""

    @click.group(name="workgroup", cls=LazyGroup,
                 context_settings={"help_option_names": ["-h", "--help"]},
                 help=_("Workgroup: meetings, agendas and decisions of interagency "
                        "workgroups, from the command line."))
    @click.option("--db", "database", envvar="WORKGROUP_DB", metavar="URL|PATH",
                  help=_("The database: a file path or a database URL (default: the user "
                         "data folder; also WORKGROUP_DB)."))
    @click.option("--user", "user", envvar="WORKGROUP_USER", metavar="NAME",
                  help=_("Who you are, on a store with user accounts (also WORKGROUP_USER): "
                         "a session kept by 'workgroup login' is used, else the password is "
                         "asked (or read from WORKGROUP_PASSWORD)."))
    @click.option("--json", "as_json", is_flag=True, help=_("Print JSON for programs."))
    @click.option("--lang", type=click.Choice(i18n.LANGUAGES),
                  help=_("Language of messages (default: WORKGROUP_LANG or the system's)."))
    @click.version_option(package_name="workgroup", prog_name="workgroup")
    @click.pass_context
    def cli(ctx: click.Context, database: str | None, user: str | None, as_json: bool,
            lang: str | None) -> None:
        from .state import CliState

        state = CliState(database=database, json=as_json, language=i18n.detect_language(lang),
                         user=user)
        ctx.obj = state
        ctx.call_on_close(state.close)

    return cli


def fail(message: str) -> int:
    click.echo(tr("Error: {message}", message=" ".join(message.split())), err=True)
    return EXIT_USER


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    i18n.set_language(i18n.detect_language(requested_language(args)))
    with library_messages(i18n.language()):
        return _run(args)


def _run(args: list[str]) -> int:
    try:
        result = build_cli().main(args, prog_name="workgroup", standalone_mode=False)
    except click.ClickException as error:  # usage errors and bad parameters
        error.show()
        return error.exit_code
    except click.Abort:
        click.echo(_("Aborted."), err=True)
        return EXIT_USER
    except DomainError as error:
        return fail(i18n.error_text(error))
    except CliError as error:
        return fail(str(error))
    except BrokenPipeError:  # `workgroup … | head`: the reader has gone, stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_USER
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        return fail(where + (error.strerror or str(error)))
    except Exception as error:
        if os.environ.get("WORKGROUP_DEBUG") == "1":
            raise
        reason = getattr(error, "orig", None)
        if type(error).__name__ == "OperationalError" and reason is not None:
            # The database driver's own complaint: locked, read-only, disk full, I/O error.
            return fail(tr("The database cannot be used: {reason}.", reason=str(reason)))
        text = " ".join(f"{type(error).__name__}: {error}".split())
        click.echo(tr("internal error: {error}", error=text), err=True)
        return EXIT_USER
    return result if isinstance(result, int) else EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
