"""The sidebar, in order (DESIGN §7): key, title msgid, icon theme name, page factory."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...domain.messages import N_
from ..context import UiContext
from .base import Page


@dataclass(frozen=True)
class PageEntry:
    key: str
    title: str
    icon: str
    build: Callable[[UiContext], Page]


def _meetings(context: UiContext) -> Page:
    from .meetings_page import MeetingsPage

    return MeetingsPage(context)


def _workgroups(context: UiContext) -> Page:
    from .workgroups_page import WorkgroupsPage

    return WorkgroupsPage(context)


def _directory(context: UiContext) -> Page:
    from .directory_page import DirectoryPage

    return DirectoryPage(context)


def _overview(context: UiContext) -> Page:
    from .overview_page import OverviewPage

    return OverviewPage(context)


def _actions(context: UiContext) -> Page:
    from .actions_page import ActionsPage

    return ActionsPage(context)


def _findings(context: UiContext) -> Page:
    from .findings_page import FindingsPage

    return FindingsPage(context)


def _exchange(context: UiContext) -> Page:
    from .exchange_page import ExchangePage

    return ExchangePage(context)


def _audit(context: UiContext) -> Page:
    from .audit_page import AuditPage

    return AuditPage(context)


def _settings(context: UiContext) -> Page:
    from .settings_page import SettingsPage

    return SettingsPage(context)


PAGES: list[PageEntry] = [
    PageEntry("overview", N_("Overview"), "go-home", _overview),
    PageEntry("meetings", N_("Meetings"), "x-office-calendar", _meetings),
    PageEntry("actions", N_("Actions"), "task-due", _actions),
    PageEntry("findings", N_("Findings"), "dialog-warning", _findings),
    PageEntry("workgroups", N_("Workgroups"), "system-users", _workgroups),
    PageEntry("directory", N_("Directory"), "x-office-address-book", _directory),
    PageEntry("exchange", N_("Exchange"), "drive-removable-media", _exchange),
    PageEntry("audit", N_("Audit"), "document-properties", _audit),
    PageEntry("settings", N_("Settings"), "preferences-system", _settings),
]
PAGE_KEYS = [entry.key for entry in PAGES]
