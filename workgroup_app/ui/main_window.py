"""The main window composes the sidebar and the pages; it holds no business logic."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from .. import __version__
from ..i18n import _, tr
from .accounts.account_commands import AccountCommands
from .context import UiContext
from .icons import page_icon
from .pages.base import Page
from .pages.registry import PAGE_KEYS, PAGES

GEOMETRY_KEY = "window/geometry"

class MainWindow(QMainWindow):
    def __init__(self, context: UiContext, remember: bool = True,
                 reminders: bool | None = None, watch: bool | None = None) -> None:
        super().__init__()
        self.context = context
        context.navigate = self.open_list
        self._remember = remember
        # Set by the session of the app: Sign out goes back to the sign-in dialog through it.
        self.on_sign_out: Callable[[], None] | None = None
        self.setObjectName("mainWindow")
        self.setWindowTitle(tr("Workgroup — {location}", location=context.app.location))
        self.resize(1280, 800)
        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName(_("Sections"))
        self.sidebar.setFixedWidth(190)
        self.stack = QStackedWidget(self)
        # Pages are built when first shown: start-up pays only for the page it opens.
        self.pages: dict[str, Page] = {}
        for number, entry in enumerate(PAGES, start=1):
            item = QListWidgetItem(page_icon(entry.key, entry.icon), _(entry.title))
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            item.setToolTip(tr("{title} (Ctrl+{number})", title=_(entry.title), number=number))
            self.sidebar.addItem(item)
        self.sidebar.currentRowChanged.connect(self._row_changed)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._menus()
        self.statusBar().addPermanentWidget(QLabel(tr(
            "Store: {location}  ·  office {office}", location=context.app.location,
            office=context.app.office_id[:8])))
        if remember:
            geometry = self._settings().value(GEOMETRY_KEY)
            if isinstance(geometry, QByteArray):
                self.restoreGeometry(geometry)
        start = self._settings().value("last_page", "meetings") if remember else "meetings"
        self.show_page(start if start in PAGE_KEYS else "meetings")
        # Reminders of due actions; by default only in the real app (not tests, screenshots).
        self.reminders = None
        if remember if reminders is None else reminders:
            from .reminders import ReminderController

            self.reminders = ReminderController(context, self)
            self.reminders.start()
        # Lists follow other workstations' changes; by default only in the real app.
        self.change_watch = None
        if remember if watch is None else watch:
            from .change_watch import ChangeWatch

            self.change_watch = ChangeWatch(context, self)

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        verify_action = QAction(_("&Verify a signed PDF…"), self)
        verify_action.setObjectName("verifySignedPdf")
        verify_action.setShortcut(QKeySequence("Ctrl+Shift+V"))
        verify_action.triggered.connect(self.verify_pdf)
        file_menu.addAction(verify_action)
        connect_action = QAction(_("&Connect to a store…"), self)
        connect_action.setObjectName("connectToStore")
        connect_action.triggered.connect(self.connect_store)
        file_menu.addAction(connect_action)
        file_menu.addSeparator()
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))  # Windows has no standard Quit key
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.account = AccountCommands(self, self.context, file_menu, quit_action)
        go_menu = self.menuBar().addMenu(_("&Go"))
        for number, entry in enumerate(PAGES, start=1):
            action = QAction(_(entry.title), self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, key=entry.key: self.show_page(key))
            go_menu.addAction(action)
        help_menu = self.menuBar().addMenu(_("&Help"))
        keys = QAction(_("&Keyboard shortcuts"), self)
        keys.setObjectName("keyboardShortcuts")
        keys.setShortcut(QKeySequence("F1"))
        keys.triggered.connect(self.show_shortcuts)
        help_menu.addAction(keys)
        about = QAction(_("&About Workgroup"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def connect_store(self) -> QWidget:
        """Choose the store this computer opens from the next start (a file or a server)."""
        from .store_connection import ConnectionDialog

        dialog = ConnectionDialog(self.context.app.location, self)
        dialog.accepted.connect(lambda: QMessageBox.information(
            self, _("Connect to a store"),
            tr("Workgroup opens {store} from its next start.", store=dialog.chosen or "")))
        dialog.open()
        return dialog

    def verify_pdf(self) -> QWidget:
        # Imported on use: the signature checker loads pyHanko, which start-up need not pay.
        from .minutes.verify_dialog import open_verify_dialog

        return open_verify_dialog(self.context, self)

    def show_shortcuts(self) -> QWidget:
        from .shortcuts_help import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _about(self) -> None:
        QMessageBox.about(self, _("About Workgroup"), tr(
            "Workgroup {version}\nMeetings, minutes and execution control for regional "
            "interagency workgroups.", version=__version__))

    def _settings(self) -> QSettings:
        return QSettings("Workgroup", "Workgroup")

    def show_page(self, key: str) -> Page:
        """Switch to the page ``key`` (see PAGE_KEYS) and return it."""
        if key not in PAGE_KEYS:
            raise KeyError(key)
        self.sidebar.setCurrentRow(PAGE_KEYS.index(key))
        return self.page(key)

    def open_file(self, path: Path) -> None:
        """A bundle or an office card the program was started with (a file association)."""
        from .pages.exchange_page import ExchangePage

        page = self.show_page("exchange")
        if isinstance(page, ExchangePage):
            page.open_file(path)

    def open_list(self, key: str, filters: dict[str, str]) -> None:
        self.show_page(key).show_filtered(filters)

    def page(self, key: str) -> Page:
        """The page ``key``, built on first use."""
        if key not in self.pages:
            page = PAGES[PAGE_KEYS.index(key)].build(self.context)
            self.pages[key] = page
            self.stack.addWidget(page)
            if self._remember:
                self._restore_splitters(key, page)
        return self.pages[key]

    # -- the layout the user left -------------------------------------------------------------
    def _splitters(self, key: str, page: Page) -> list[tuple[str, QSplitter]]:
        return [(f"layout/{key}/splitter{number}", splitter)
                for number, splitter in enumerate(page.findChildren(QSplitter))]

    def _restore_splitters(self, key: str, page: Page) -> None:
        settings = self._settings()
        for name, splitter in self._splitters(key, page):
            state = settings.value(name)
            if isinstance(state, QByteArray):
                splitter.restoreState(state)

    def save_layout(self) -> None:
        """The window's place and size and each page's dividers, for the next start."""
        settings = self._settings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        for key, page in self.pages.items():
            for name, splitter in self._splitters(key, page):
                settings.setValue(name, splitter.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._remember:
            self.save_layout()
        super().closeEvent(event)

    def current_page(self) -> Page:
        return self.page(PAGE_KEYS[self.sidebar.currentRow()])

    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        page = self.page(PAGE_KEYS[row])
        self.stack.setCurrentWidget(page)
        page.activated()
        if self._remember:
            self._settings().setValue("last_page", page.key or PAGE_KEYS[row])
