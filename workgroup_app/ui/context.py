"""What every page gets: the application context, the change notifier, and small helpers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..bootstrap import AppContext
from ..domain.actor import Actor
from .operations import ChangeNotifier


@dataclass
class UiContext:
    app: AppContext
    notifier: ChangeNotifier = field(default_factory=ChangeNotifier)
    # Set by the main window: open page ``key`` showing the list filtered by ``filters``
    # (the overview's figures open the actions behind them this way).
    navigate: Callable[[str, dict[str, str]], None] | None = None

    def open_list(self, key: str, filters: dict[str, str]) -> None:
        if self.navigate is not None:
            self.navigate(key, filters)

    def uow(self):
        return self.app.uow()

    @property
    def actor(self) -> Actor:
        return self.app.actor
