"""What every page gets: the application context, the change notifier, and small helpers."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..bootstrap import AppContext
from ..domain.actor import Actor
from .operations import ChangeNotifier


@dataclass
class UiContext:
    app: AppContext
    notifier: ChangeNotifier = field(default_factory=ChangeNotifier)

    def uow(self):
        return self.app.uow()

    @property
    def actor(self) -> Actor:
        return self.app.actor
