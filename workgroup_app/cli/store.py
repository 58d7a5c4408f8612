"""`workgroup init`, `workgroup demo` and `workgroup db upgrade|check|backup`: the store itself."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..bootstrap import (
    StoreCopy,
    backup_store,
    check_server,
    check_store,
    forget_server_password,
    open_context,
    remember_server_password,
    server_account,
    store_protection,
)
from ..config import AppConfig, save_database, saved_database
from ..domain.views import ListQuery
from ..i18n import _, tr
from ..services import directory, meetings, store_copy, workgroups
from . import backup_commands, crypt_cmd
from .output import echo, fields, print_json, table
from .state import CliError, CliState, pass_state


@click.command("init", help=_("Create the database (or bring it up to date) and show where it "
                              "is."))
@pass_state
def init(state: CliState) -> None:
    context = state.context(create=True, upgrade=True)
    store = context.store
    before, after = store.revision_on_open, store.revision
    if before is None:
        status = _("created")
    elif before != after:
        status = tr("upgraded from {revision}", revision=before)
    else:
        status = _("up to date")
    if state.json:
        print_json({"location": context.location, "office_id": context.office_id,
                    "revision": after, "created": before is None})
        return
    echo(fields([(_("Database"), context.location), (_("Office id"), context.office_id),
                 (_("Schema"), f"{after} ({status})"),
                 (_("Encryption"), crypt_cmd.protection_text(store_protection(context)))]))


def store_is_empty(state: CliState) -> bool:
    probe = ListQuery(limit=1)
    return not any(lister(state.uow(), probe).total for lister in (
        directory.list_agencies, directory.list_people, workgroups.list_workgroups,
        meetings.list_meetings))


@click.command("demo", help=_("Fill an empty database with a realistic demo office."))
@click.option("--scale", type=click.IntRange(1, 1000), default=1, show_default=True,
              help=_("Multiply the amount of data (for trying large archives)."))
@pass_state
def demo(state: CliState, scale: int) -> None:
    context = state.context(create=True, upgrade=True)
    if not store_is_empty(state):
        raise CliError(tr("The database '{location}' already has data; the demo needs an "
                          "empty one.", location=context.location))
    try:
        from ..services.demo import seed_demo
    except ImportError:
        raise CliError(_("The demo data are not available in this version.")) from None
    counts = seed_demo(context.uow, context.actor, scale=scale)
    if state.json:
        print_json(counts)
        return
    echo(tr("Demo office created in {location}:", location=context.location))
    echo(table([_("Records"), _("Count")], sorted(counts.items())))


@click.group("db", help=_("Database chores: init, upgrade, check, backup, copy."))
def db() -> None:
    """A group: the subcommands below do the work."""


@db.command("upgrade", help=_("Bring the database schema up to date."))
@pass_state
def upgrade(state: CliState) -> None:
    store = state.context(create=False, upgrade=True).store
    before, after = store.revision_on_open, store.revision
    if state.json:
        print_json({"from": before, "to": after})
    elif before == after:
        echo(tr("The schema is up to date ({revision}).", revision=after))
    else:
        echo(tr("Schema upgraded from {old} to {new}.", old=before or "—", new=after))


@db.command("check", help=_("Check the database: schema version, integrity, foreign keys."))
@pass_state
def check(state: CliState) -> None:
    report = check_store(state.context())
    if state.json:
        print_json({"ok": report.ok, "revision": report.revision, "head": report.head,
                    "integrity": report.integrity,
                    "foreign_key_problems": report.foreign_key_problems,
                    "schema_differences": report.schema_differences})
    else:
        echo(fields([(_("Schema"), report.revision), (_("Expected schema"), report.head),
                     (_("Integrity"), report.integrity),
                     (_("Foreign key problems"), report.foreign_key_problems),
                     (_("Schema differences"), report.schema_differences),
                     (_("Result"), _("OK") if report.ok else _("PROBLEMS FOUND"))]))
    if not report.ok:
        click.echo(_("Error: the database check found problems."), err=True)
        click.get_current_context().exit(1)


@db.command("backup", help=_("Copy the database to FILE, safely, while it may be in use; the "
                             "copy is checked before it gets its name."))
@click.argument("file", type=click.Path(dir_okay=True, path_type=Path))
@pass_state
def backup(state: CliState, file: Path) -> None:
    written = backup_store(state.context(), file)
    if state.json:
        print_json({"backup": str(written)})
    else:
        echo(tr("Backup written to {path}.", path=str(written)))


@db.command("copy", help=_("Copy the whole store into a new, empty database — from the "
                           "office's SQLite file to its PostgreSQL server (--to "
                           "postgresql://user@host/db) or back — and check the copy by counts "
                           "and a digest of every row. The store itself is left as it is. "
                           "Administrators only."))
@click.option("--from", "source", metavar="URL|PATH",
              help=_("The store to copy (default: --db)."))
@click.option("--to", "target", required=True, metavar="URL|PATH",
              help=_("The new database: a PostgreSQL URL or a SQLite file that does not exist "
                     "yet."))
@pass_state
def copy(state: CliState, source: str | None, target: str) -> None:
    if source is not None:
        state.database = source
    context = state.context()
    if _same_place(context.location, target):
        raise CliError(_("The store cannot be copied onto itself. Nothing was copied."))
    into = open_context(AppConfig.build(database=target, language=state.language),
                        create=True, upgrade=True)
    try:
        copied = store_copy.copy_store(context.uow(), StoreCopy(context, into),
                                       progress=None if state.json else _progress)
    finally:
        into.close()
    if state.json:
        print_json({"target": copied.target, "rows": copied.rows, "digest": copied.digest})
        return
    click.echo("", err=True)
    echo(tr("Copied to {target}: {rows} rows in {tables} tables, checked (counts and a digest "
            "of every row).", target=copied.target, rows=sum(copied.rows.values()),
            tables=sum(1 for n in copied.rows.values() if n)))


PASSWORD_VARIABLE = "WORKGROUP_DB_PASSWORD"


@db.command("password", help=_("Keep the password of the PostgreSQL server in --db "
                               "(postgresql://user@host/db, without a password) in this "
                               "computer's keyring, after checking it with the server; "
                               "commands and the application then find it there. The "
                               "password is asked for, or taken from WORKGROUP_DB_PASSWORD."))
@click.option("--forget", is_flag=True, help=_("Remove the kept password instead."))
@pass_state
def password(state: CliState, forget: bool) -> None:
    database = state.config().database
    if forget:
        forget_server_password(database)
        echo(_("The password is no longer kept in the keyring."))
        return
    secret = os.environ.get(PASSWORD_VARIABLE)
    if secret is None:
        if not sys.stdin.isatty():
            raise CliError(tr("Give the password on a terminal or in {variable}.",
                              variable=PASSWORD_VARIABLE))
        secret = click.prompt(_("Password"), hide_input=True, err=True)
    where = remember_server_password(database, secret)
    echo(tr("The password of {where} is kept in the keyring.", where=where))


@db.command("use", help=_("Make TARGET — a store file, or a PostgreSQL URL without its "
                          "password — the store this computer opens when --db is not given "
                          "(commands and the application alike). A server is checked first, "
                          "with the password kept by 'db password'."))
@click.argument("target", required=False, metavar="URL|PATH")
@click.option("--forget", is_flag=True, help=_("Go back to the default store instead."))
@pass_state
def use(state: CliState, target: str | None, forget: bool) -> None:
    if forget or target is None:
        if not forget:
            shown = saved_database()
            echo(tr("This computer opens {store}.", store=state.config().database) if shown
                 else _("This computer opens the default store (no other is chosen)."))
            return
        save_database(None)
        echo(_("This computer opens the default store again."))
        return
    if "://" in target:
        if server_account(target) is None:
            raise CliError(_("Give the server's URL with a user and without the password "
                             "(postgresql://user@host/database); keep the password with "
                             "'workgroup --db URL db password'."))
        where = check_server(target)
        save_database(target)
    else:
        path = Path(target).expanduser().resolve()
        if not path.is_file():
            raise CliError(tr("There is no database at '{path}'; create it with "
                              "'workgroup init'.", path=str(path)))
        where = str(path)
        save_database(where)
    echo(tr("This computer opens {store} when --db is not given.", store=where))


def _same_place(location: str, target: str) -> bool:
    shown = target if "://" in target else str(Path(target).expanduser().resolve())
    return shown == location


def _progress(table_name: str, rows: int) -> None:
    click.echo(f"\r{table_name}: {rows:,}".ljust(60), err=True, nl=False)


for _command in backup_commands.COMMANDS:
    db.add_command(_command)
for _command in crypt_cmd.COMMANDS:
    db.add_command(_command)

db.add_command(init)  # `workgroup db init --db postgresql://…` as administrators expect it

COMMANDS = [init, demo, db]
