"""What the meeting editor's combos offer and what a person's line shows, read once through the
services and kept until the directory or the workgroups change."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ...domain.views import Choice
from ...services import directory, lookup, workgroups
from ..context import UiContext


@dataclass(frozen=True, slots=True)
class PersonInfo:
    position: str
    agency: str


class Lookups:
    """Workgroup, person and agency choices, and each person's position and agency."""

    def __init__(self, context: UiContext) -> None:
        self.context = context
        self.workgroups: list[Choice] = []
        self.people: list[Choice] = []
        self.agencies: list[Choice] = []
        self._person_names: dict[str, str] = {}
        self._agency_names: dict[str, str] = {}
        self._info: dict[str, PersonInfo] = {}
        self.loaded = False
        self.version = 0  # grows with each load, so widgets refill their combos only then

    def load(self) -> None:
        self.workgroups = workgroups.workgroup_choices(self.context.uow())
        self.people = directory.person_choices(self.context.uow())
        self.agencies = directory.agency_choices(self.context.uow())
        self._person_names = {c.id: c.label for c in self.people}
        self._agency_names = {c.id: c.label for c in self.agencies}
        self._info.clear()
        self.loaded = True
        self.version += 1

    def ensure(self) -> None:
        if not self.loaded:
            self.load()

    def invalidate(self) -> None:
        self.loaded = False

    def person_name(self, person_id: str | None) -> str:
        return self._person_names.get(person_id or "", "") if person_id else ""

    def agency_name(self, agency_id: str | None) -> str:
        return self._agency_names.get(agency_id or "", "") if agency_id else ""

    def prefetch(self, person_ids: Iterable[str | None]) -> None:
        """Read the positions and agencies of these people in one go (one unit of work)."""
        wanted = {i for i in person_ids if i and i not in self._info}
        if not wanted:
            return
        found = lookup.people(self.context.uow(), wanted)
        for person_id in wanted:
            person = found.get(person_id)
            self._info[person_id] = PersonInfo(
                person.position if person else "",
                self.agency_name(person.agency_id) if person else "")

    def person_info(self, person_id: str | None) -> PersonInfo:
        if not person_id:
            return PersonInfo("", "")
        if person_id not in self._info:
            self.prefetch([person_id])
        return self._info[person_id]
