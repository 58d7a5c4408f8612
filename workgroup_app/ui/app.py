"""`workgroup-app`: start the GUI, or render it to a PNG with --screenshot.

A store with user accounts asks who is there (ui/accounts/session.py); a store without them
opens the first-start wizard. --screenshot signs in without a window: --user NAME and the
password in the WORKGROUP_PASSWORD environment variable."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from .. import __version__
from ..bootstrap import AppContext, open_context, take_daily_backup
from ..config import AppConfig
from ..domain.actor import Actor
from ..domain.errors import DomainError
from ..domain.messages import N_
from ..i18n import LANGUAGES, _, detect_language, error_text, tr
from .pages.registry import PAGE_KEYS

log = logging.getLogger(__name__)

PASSWORD_VARIABLE = "WORKGROUP_PASSWORD"
NEEDS_USER = N_("This store has user accounts: give --user NAME and the password in the "
                "environment variable {variable}.")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workgroup-app",
                                     description="Workgroup desktop application")
    parser.add_argument("--db", metavar="URL|PATH", default=os.environ.get("WORKGROUP_DB"),
                        help="the store to open (default: the one in the user data folder)")
    parser.add_argument("--demo", action="store_true",
                        help="open the demo store (made on first use)")
    parser.add_argument("--lang", choices=list(LANGUAGES), help="interface language")
    parser.add_argument("--screenshot", metavar="FILE", type=Path,
                        help="render the main window offscreen to a PNG file and exit")
    parser.add_argument("--page", choices=PAGE_KEYS, help="the page to show first")
    parser.add_argument("--size", default="1280x800", help="window size for --screenshot")
    parser.add_argument("--select-first", action="store_true",
                        help="for --screenshot: open the first record of the page's list")
    parser.add_argument("--user", metavar="NAME",
                        help="the user to sign in (for --screenshot, with the password in "
                             f"{PASSWORD_VARIABLE})")
    parser.add_argument("--version", action="version", version=f"workgroup-app {__version__}")
    parser.add_argument("file", nargs="?", type=Path,
                        help="an exchange bundle (.osb) to receive or an office card "
                             "(.wgcard) to check, opened on the Exchange page")
    return parser


def create_main_window(context: AppContext, remember: bool = False):
    """The main window over an open context (used by the app, the tests and the benchmarks)."""
    from .context import UiContext
    from .main_window import MainWindow

    return MainWindow(UiContext(context), remember=remember)


def _saved_language() -> str | None:
    """The language chosen on the Settings page (QSettings), used when --lang is not given."""
    from .pages.settings_page import saved_language

    return saved_language()


def _saved_database(demo: bool) -> str | None:
    """The store chosen with File → Connect to a store… (not for the demo store)."""
    if demo:
        return None
    from .store_connection import saved_database

    return saved_database()


def _application():
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Workgroup")
    app.setOrganizationName("Workgroup")
    app.setApplicationVersion(__version__)
    # The desktop entry's name: the window gets the installed icon and name on Wayland.
    app.setDesktopFileName("org.workgroup.Workgroup")
    from .fonts import ensure_cyrillic_font
    from .icons import app_icon

    ensure_cyrillic_font()
    app.setWindowIcon(app_icon())
    from ..i18n import language
    from .qt_strings import install_qt_translations

    QLocale.setDefault(QLocale(language()))
    install_qt_translations(app, language())
    return app


def _report_unexpected(kind: type[BaseException], value: BaseException,
                       tb: TracebackType | None) -> None:
    log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, value, tb)))
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is not None:
        QMessageBox.critical(None, _("Unexpected error"), tr(
            "Something went wrong: {error}\nYour saved data is safe; the last change may not "
            "have been saved.", error=str(value)))


def _screenshot(window, target: Path, size: str) -> None:
    from PySide6.QtWidgets import QApplication

    width, _sep, height = size.partition("x")
    window.resize(int(width), int(height))
    window.show()
    for _round in range(5):
        QApplication.processEvents()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(target)):
        raise OSError(tr("Cannot write the image '{path}'.", path=str(target)))


def _select_first(page) -> None:
    """Open the first record of a list page (the guide's pictures show a record, not an empty
    editor); a page without a list stays as it is."""
    from .pages.base import ListDetailPage

    lists = [page] if isinstance(page, ListDetailPage) else page.findChildren(ListDetailPage)
    for found in lists:
        if found.model.rowCount() == 0 and found.model.canFetchMore():
            found.model.fetchMore()
        if found.model.rowCount():
            found.table.selectRow(0)


def _screenshot_actor(context: AppContext, username: str | None) -> Actor:
    """Who the screenshot shows the program to: the unrestricted operator of a store without
    accounts, else the user signed in with the password from the environment."""
    from ..services import users

    if not users.accounts_exist(context.uow()):
        return context.actor
    password = os.environ.get(PASSWORD_VARIABLE)
    if not username or password is None:
        raise DomainError(NEEDS_USER, variable=PASSWORD_VARIABLE)
    return users.sign_in(context.uow(), username, password)


def _run_session(context: AppContext, app, username: str | None, page: str | None,
                 opened: Path | None = None) -> int:
    """The interactive program: wizard or sign-in, then the main window, until it quits;
    ``opened``, a file the program was started with, is shown once the window is up."""
    from PySide6.QtCore import QThreadPool, QTimer

    from .accounts.session import Session

    def make_window(app_context: AppContext):
        window = create_main_window(app_context, remember=True)
        if page:
            window.show_page(page)
        if opened is not None:
            QTimer.singleShot(0, lambda: window.open_file(opened))
        return window

    session = Session(context, make_window, username=username)
    sys.excepthook = _report_unexpected
    start_daily_backup(context)
    session.start()
    code = app.exec()
    QThreadPool.globalInstance().waitForDone()  # the backup, if still copying, ends first
    return code


def start_daily_backup(context: AppContext) -> None:
    """The day's automatic backup, copied on the thread pool: on a big store it takes a while
    and the sign-in must not wait for it (take_daily_backup logs its own failure)."""
    from .operations import run_in_background

    run_in_background(lambda: take_daily_backup(context), lambda _result: None,
                      lambda error: log.warning("The daily backup failed: %s", error))


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    language = detect_language(args.lang or os.environ.get("WORKGROUP_LANG")
                               or _saved_language())
    from .accounts.store_passphrase import passphrase_asker  # an encrypted store's, if asked

    config = AppConfig.build(database=args.db or _saved_database(args.demo), demo=args.demo,
                             language=language,
                             ask_passphrase=None if args.screenshot
                             else passphrase_asker(_application))
    try:
        context = open_context(config, daily_backup=False)
    except DomainError as error:
        from ..i18n import set_language

        set_language(language)
        message = error_text(error)
        print(message, file=sys.stderr)
        if not args.screenshot:
            from PySide6.QtWidgets import QMessageBox

            _application()
            QMessageBox.critical(None, _("Cannot open the store"), message)
        return 1
    if args.demo:
        from ..services import users

        users.ensure_demo_accounts(context.uow())
    app = _application()
    if not args.screenshot:
        code = _run_session(context, app, args.user, args.page, args.file)
        context.close()
        return code
    try:
        context.actor = _screenshot_actor(context, args.user)
    except DomainError as error:
        print(error_text(error), file=sys.stderr)
        context.close()
        return 1
    window = create_main_window(context, remember=False)
    if args.page:
        window.show_page(args.page)
    if args.select_first:
        _select_first(window.current_page())
    try:
        _screenshot(window, args.screenshot, args.size)
    except (OSError, ValueError) as error:
        print(str(error), file=sys.stderr)
        return 1
    print(args.screenshot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
