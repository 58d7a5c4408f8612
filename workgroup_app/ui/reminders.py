"""Reminders of what falls due: at start (shortly after the window is drawn) and once a day while
the program runs, the actions due within the configured days or overdue, for the configured
controller (Settings). Shown in the system tray where there is one, and always as a button in the
status bar that opens the Actions page filtered to them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMainWindow, QPushButton, QStyle, QSystemTrayIcon
from shiboken6 import isValid

from ..i18n import _, tr
from ..services import action_reports
from . import theme
from .context import UiContext
from .operations import Changed, run_in_background

FIRST_CHECK_MS = 2_000  # after the first paint: start-up does not wait for the count
HOURLY_MS = 60 * 60 * 1000


@dataclass(frozen=True)
class Reminder:
    """What a reminder says: counts for ``today`` and the filters of the list behind it."""

    today: date
    overdue: int
    due_soon: int
    days: int
    controller_id: str | None

    def text(self) -> str:
        if self.days == 0:
            return tr("Overdue actions: {overdue}; due today: {soon}.",
                      overdue=self.overdue, soon=self.due_soon)
        return tr("Overdue actions: {overdue}; due within {days} days: {soon}.",
                  overdue=self.overdue, soon=self.due_soon, days=self.days)

    def filters(self) -> dict[str, str]:
        """The Actions page's filters: active, due within the days or overdue, the controller."""
        filters = {"status": "active", "due_soon_days": str(self.days)}
        if self.controller_id:
            filters["controller_id"] = self.controller_id
        return filters


class ReminderController(QObject):
    """``check(day)`` says what would be shown (no Qt involved: tests call it directly);
    ``remind()`` counts in the background and shows the result; ``shown`` carries it."""

    shown = Signal(object)

    def __init__(self, context: UiContext, window: QMainWindow,
                 today: Callable[[], date] = date.today,
                 tray: bool | None = None) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self.today = today
        self.use_tray = QSystemTrayIcon.isSystemTrayAvailable() if tray is None else tray
        self.last_day: date | None = None  # the day of the last reminder
        self.current: Reminder | None = None
        self.tray_icon: QSystemTrayIcon | None = None
        self.button = QPushButton(window.statusBar())
        self.button.setObjectName("reminderButton")
        self.button.setFlat(True)
        self.button.setIcon(window.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning))
        self.button.setStyleSheet(f"QPushButton {{ color: {theme.colour(theme.ERROR)}; "
                                  "font-weight: 600; padding: 0 6px; }")
        self.button.setToolTip(_("Open these actions"))
        self.button.clicked.connect(self.open_list)
        self.button.hide()
        window.statusBar().addWidget(self.button)
        self.timer = QTimer(self)
        self.timer.setInterval(HOURLY_MS)
        self.timer.timeout.connect(self.tick)
        context.notifier.changed.connect(self._on_changed)

    def start(self, delay_ms: int = FIRST_CHECK_MS) -> None:
        QTimer.singleShot(delay_ms, self, self.tick)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def check(self, now: date | None = None) -> Reminder | None:
        """The reminder for ``now`` (default: today) with the office's settings; None when
        nothing is due or overdue."""
        day = now or self.today()
        uow = self.context.uow
        days, person = action_reports.reminder_settings(uow())
        overdue, due = action_reports.reminder_counts(uow(), day, days, person)
        if not overdue and not due:
            return None
        return Reminder(day, overdue, due, days, person)

    def tick(self) -> None:
        """Remind once per calendar day: the first time, and when the date has changed."""
        if self.today() != self.last_day:
            self.remind()

    def remind(self, quiet: bool = False) -> None:
        """Count in the background, then show; ``quiet`` only updates the status bar."""
        day = self.today()
        if not quiet:
            self.last_day = day
        run_in_background(lambda: self.check(day), lambda found: self._counted(found, quiet),
                          self._failed)

    def _on_changed(self, what: Changed) -> None:
        # Keep the status bar honest after edits, without a new tray message.
        if what & (Changed.ACTIONS | Changed.SETTINGS) and self.last_day is not None:
            self.remind(quiet=True)

    def _counted(self, reminder: Reminder | None, quiet: bool = False) -> None:
        if not isValid(self) or not isValid(self.window):
            return
        self.show(reminder, quiet)

    def _failed(self, _error: Exception) -> None:
        # A reminder is a courtesy: try again at the next hourly tick rather than nag.
        if isValid(self):
            self.last_day = None

    def show(self, reminder: Reminder | None, quiet: bool = False) -> None:
        self.current = reminder
        if reminder is None:
            self.button.hide()
            return
        text = reminder.text()
        self.button.setText(text)
        self.button.show()
        if self.use_tray and not quiet:
            self._tray().showMessage(_("Actions to check"), text,
                                     QSystemTrayIcon.MessageIcon.Information, 20_000)
        self.shown.emit(reminder)

    def _tray(self) -> QSystemTrayIcon:
        if self.tray_icon is None:
            icon = self.window.windowIcon()
            if icon.isNull():
                icon = QIcon.fromTheme("task-due", self.window.style().standardIcon(
                    QStyle.StandardPixmap.SP_MessageBoxInformation))
            self.tray_icon = QSystemTrayIcon(icon, self)
            self.tray_icon.setToolTip(_("Workgroup"))
            self.tray_icon.messageClicked.connect(self.open_list)
            self.tray_icon.activated.connect(lambda _reason: self._raise())
            self.tray_icon.show()
        return self.tray_icon

    def _raise(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def open_list(self) -> None:
        """Show the actions of the current reminder on the Actions page."""
        if self.current is None:
            return
        self._raise()
        self.context.open_list("actions", self.current.filters())
