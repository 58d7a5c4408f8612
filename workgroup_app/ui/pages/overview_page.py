"""Overview: the head of office's first screen. What is overdue and by how long, what falls due
this week, what waits for acceptance — overall, by agency and by workgroup. Every figure opens
the actions behind it on the Actions page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QDate, QSignalBlocker, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...domain.action_views import OverviewFigures
from ...domain.errors import DomainError
from ...domain.messages import N_
from ...domain.views import ListQuery
from ...i18n import _, error_text, qt_day_pattern, tr
from ...services import action_reports, actions, findings
from ...services.ports import UnitOfWork
from .. import theme
from ..context import UiContext
from ..operations import Changed, run_in_background
from ..overview.age_chart import AgeChart
from ..overview.empty_state import EmptyState
from ..overview.figure_filters import (
    ACTIVE,
    AWAITING,
    DUE_WEEK,
    OVERDUE,
    age_filters,
    figure_filters,
    group_filters,
)
from ..overview.group_table import GroupTable
from ..overview.reports_panel import ReportsPanel
from ..overview.tiles import AMBER, BLUE, GREY, RED, FigureTile, open_hint
from ..widgets.date_edit import format_date
from .base import Page


@dataclass(frozen=True)
class OverviewData:
    figures: OverviewFigures
    total_actions: int  # every action in the store, done and cancelled included
    office: str
    overdue_responses: int = 0  # acts of response whose answer is overdue (findings)


def load_overview(uow: Callable[[], UnitOfWork], as_of: date) -> OverviewData:
    """The figures of ``as_of`` (on a worker thread)."""
    figures = action_reports.overview(uow(), as_of)
    total = figures.active
    if total == 0:  # nothing active: is the store empty, or is everything done?
        total = actions.list_actions(uow(), ListQuery(limit=1), as_of).total
    return OverviewData(figures, total, action_reports.office_name(uow()),
                        findings.overdue_responses(uow(), as_of))


RESPONSES = "responses"  # the tile of overdue responses, which opens the Findings page
TILES = (  # figure, caption, colour
    (OVERDUE, N_("Overdue"), RED),
    (RESPONSES, N_("Responses overdue"), RED),
    (DUE_WEEK, N_("Due this week"), AMBER),
    (AWAITING, N_("Awaiting acceptance"), BLUE),
    (ACTIVE, N_("Active"), GREY),
)


class OverviewPage(Page):
    key = "overview"
    title = N_("Overview")
    # FINDINGS comes with the Findings page; until then SETTINGS (the presets) covers it.
    shows = Changed.ACTIONS | Changed.AGENCIES | Changed.WORKGROUPS | Changed.SETTINGS | \
        getattr(Changed, "FINDINGS", Changed.SETTINGS)

    def __init__(self, context: UiContext, parent: QWidget | None = None,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(context, parent)
        self.today = today
        self.data: OverviewData | None = None
        self._generation = 0
        self._loading = False
        self._stale = True
        self._follow_today = True  # the as-of date moves with the calendar until changed
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(400)
        self._debounce.timeout.connect(self.refresh)
        header = self._header()  # made first: Tab takes the as-of date before the figures
        self.stack = QStackedWidget(self)
        self.dashboard = self._dashboard()
        self.empty = EmptyState(self)
        self.empty.go.connect(lambda key: self.context.open_list(key, {}))
        self.stack.addWidget(self.dashboard)
        self.stack.addWidget(self.empty)
        outer = QVBoxLayout(self)
        outer.addLayout(header)
        outer.addWidget(self.stack, 1)

    # -- building ----------------------------------------------------------------------------
    def _header(self) -> QHBoxLayout:
        heading = QLabel("<h2>" + _("Overview") + "</h2>", self)
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("overviewSubtitle")
        self.subtitle.setStyleSheet(theme.muted())
        self.as_of_edit = QDateEdit(self)
        self.as_of_edit.setObjectName("overviewAsOf")
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat(qt_day_pattern())
        self.as_of_edit.setAccessibleName(_("As of"))
        self._set_as_of_edit(self.today())
        self.as_of_edit.dateChanged.connect(self._as_of_changed)
        self.refresh_button = QPushButton(_("Refresh"), self)
        self.refresh_button.setObjectName("overviewRefresh")
        self.refresh_button.setToolTip(_("Count again (F5)"))
        self.refresh_button.setShortcut("F5")
        self.refresh_button.clicked.connect(self.refresh)
        self.state = QLabel(self)
        self.state.setObjectName("overviewState")
        self.state.setWordWrap(True)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(heading)
        titles.addWidget(self.subtitle)
        row = QHBoxLayout()
        row.addLayout(titles)
        row.addStretch(1)
        row.addWidget(self.state)
        row.addWidget(QLabel(_("As of"), self))
        row.addWidget(self.as_of_edit)
        row.addWidget(self.refresh_button)
        return row

    def _dashboard(self) -> QWidget:
        board = QWidget(self)
        grid = QGridLayout(board)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(12)
        self.tiles: dict[str, FigureTile] = {}
        tiles = QHBoxLayout()
        tiles.setSpacing(12)
        for figure, caption, colour in TILES:
            hint = _("Click to open these findings") if figure == RESPONSES else open_hint()
            tile = FigureTile(_(caption), colour, hint, board)
            tile.setObjectName(f"{figure}Tile")
            tile.clicked.connect(lambda f=figure: self.open_figure(f))
            tiles.addWidget(tile)
            self.tiles[figure] = tile
        grid.addLayout(tiles, 0, 0, 1, 2)
        # Left: how long things are overdue, and the reports; right: the tables, full width
        # so that long official names fit.
        left = QVBoxLayout()
        left.setSpacing(12)
        chart_box = QGroupBox(_("Overdue by age"), board)
        self.chart = AgeChart(chart_box)
        self.chart.setObjectName("ageChart")
        self.chart.clicked.connect(self.open_age)
        QVBoxLayout(chart_box).addWidget(self.chart)
        left.addWidget(chart_box)
        self.reports = ReportsPanel(self.context, self.as_of, self.today, board)
        self.reports.setObjectName("reportsPanel")
        left.addWidget(self.reports)
        left.addStretch(1)
        grid.addLayout(left, 1, 0)
        self.agency_table = GroupTable(N_("Agency"), parent=board)
        self.agency_table.setObjectName("byAgencyTable")
        self.agency_table.setAccessibleName(_("By agency"))
        self.agency_table.opened.connect(lambda gid, f: self.open_group("agency", gid, f))
        self.workgroup_table = GroupTable(N_("Workgroup"), _("Without a workgroup"), board)
        self.workgroup_table.setObjectName("byWorkgroupTable")
        self.workgroup_table.setAccessibleName(_("By workgroup"))
        self.workgroup_table.opened.connect(lambda gid, f: self.open_group("workgroup", gid, f))
        right = QVBoxLayout()
        right.setSpacing(12)
        for stretch, (title, table) in ((3, (_("By agency"), self.agency_table)),
                                        (2, (_("By workgroup"), self.workgroup_table))):
            box = QGroupBox(title, board)
            QVBoxLayout(box).addWidget(table)
            right.addWidget(box, stretch)
        grid.addLayout(right, 1, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 5)
        grid.setRowStretch(1, 1)
        return board

    # -- the as-of date ----------------------------------------------------------------------
    def as_of(self) -> date:
        if self._follow_today:
            return self.today()
        value = self.as_of_edit.date()
        return date(value.year(), value.month(), value.day())

    def set_as_of(self, day: date | None) -> None:
        """Count as of ``day`` (None: today, following the calendar) and reload."""
        self._follow_today = day is None or day == self.today()
        self._set_as_of_edit(day or self.today())
        self.refresh()

    def _set_as_of_edit(self, day: date) -> None:
        with QSignalBlocker(self.as_of_edit):
            self.as_of_edit.setDate(QDate(day.year, day.month, day.day))

    def _as_of_changed(self, value: QDate) -> None:
        self._follow_today = value.toPython() == self.today()
        self._debounce.start()

    # -- loading -----------------------------------------------------------------------------
    def _on_changed(self, what: Changed) -> None:
        if what & self.shows:
            self._stale = True
            if self.isVisible():
                self.refresh()

    def activated(self) -> None:
        if self._stale:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and not self._loading:
            self.refresh()

    def refresh(self) -> None:
        """Count again off the UI thread; a later refresh supersedes an earlier one."""
        self._debounce.stop()
        self._stale = False
        self._loading = True
        self._generation += 1
        generation = self._generation
        if self._follow_today:
            self._set_as_of_edit(self.today())
        as_of = self.as_of()
        self.state.setStyleSheet(theme.muted())
        self.state.setText(_("Counting…"))
        uow = self.context.uow
        run_in_background(lambda: load_overview(uow, as_of),
                          lambda data: self._loaded(generation, data),
                          lambda error: self._failed(generation, error))

    def loading(self) -> bool:
        return self._loading

    def _loaded(self, generation: int, data: OverviewData) -> None:
        if not isValid(self) or generation != self._generation:
            return
        self._loading = False
        self.data = data
        self.state.setText("")
        figures = data.figures
        empty = data.total_actions == 0 and data.overdue_responses == 0
        self.stack.setCurrentWidget(self.empty if empty else self.dashboard)
        self._subtitle(data)
        week = tr("to {date}", date=format_date(figures.week_end))
        self.tiles[OVERDUE].set_value(figures.overdue, tr(
            "over 30 days: {count}", count=sum(figures.overdue_by_age[2:])))  # 31–90 and 91+
        self.tiles[RESPONSES].set_value(data.overdue_responses, _("acts not answered in time"))
        self.tiles[DUE_WEEK].set_value(figures.due_this_week, week)
        self.tiles[AWAITING].set_value(figures.awaiting_acceptance, _("reported, not accepted"))
        self.tiles[ACTIVE].set_value(figures.active, _("open or reported"))
        self.chart.set_counts(figures.overdue_by_age)
        self.agency_table.set_groups(figures.by_agency)
        self.workgroup_table.set_groups(figures.by_workgroup)

    def _subtitle(self, data: OverviewData) -> None:
        parts = [data.office] if data.office else []
        parts.append(tr("as of {date}", date=format_date(data.figures.as_of)))
        parts.append(tr("counted at {time}", time=datetime.now().strftime("%H:%M")))
        self.subtitle.setText("  ·  ".join(parts))

    def _failed(self, generation: int, error: Exception) -> None:
        if not isValid(self) or generation != self._generation:
            return
        self._loading = False
        self._stale = True
        reason = error_text(error) if isinstance(error, DomainError) else str(error)
        self.state.setStyleSheet(theme.error_style())
        self.state.setText(tr("The figures could not be counted: {reason}", reason=reason))

    # -- opening the actions behind a figure -------------------------------------------------
    def open_figure(self, figure: str) -> None:
        if figure == RESPONSES:
            self.context.open_list("findings", {"overdue": "1"})
            return
        self.context.open_list("actions", figure_filters(figure, self.as_of(), self.today()))

    def open_age(self, bucket: int) -> None:
        self.context.open_list("actions", age_filters(bucket, self.as_of(), self.today()))

    def open_group(self, kind: str, group_id: str | None, figure: str) -> None:
        self.context.open_list("actions", group_filters(kind, group_id, figure, self.as_of(),
                                                        self.today()))
