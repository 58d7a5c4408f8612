"""Read-side shapes: what lists and pages show. Plain frozen dataclasses, cheap to hold."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import Any, Generic, TypeVar

from .enums import AgencyKind, MeetingStatus

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ListQuery:
    """One page of a list: text search, filters, a sort key of the list and the slice."""

    text: str = ""
    sort: str = ""
    descending: bool = False
    offset: int = 0
    limit: int = 200
    filters: dict[str, str] = field(default_factory=dict)
    # Keyset paging: the ``cursor`` of the page before (a list that supports it then reads
    # on from there instead of skipping ``offset`` rows), and whether to count the total.
    after: tuple[Any, ...] | None = None
    count: bool = True


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    rows: list[T]
    offset: int
    total: int  # -1: not counted (the query asked not to)
    cursor: tuple[Any, ...] | None = None  # where the next page starts, if the list knows


@dataclass(frozen=True, slots=True)
class AgencyRow:
    id: str
    name: str
    short_name: str
    kind: AgencyKind
    region: str
    people: int


@dataclass(frozen=True, slots=True)
class PersonRow:
    id: str
    full_name: str
    position: str
    agency_id: str | None
    agency_name: str
    phone: str
    email: str


@dataclass(frozen=True, slots=True)
class WorkgroupRow:
    id: str
    name: str
    region: str
    established_on: date | None
    chair_name: str
    members: int
    meetings: int


@dataclass(frozen=True, slots=True)
class MeetingRow:
    id: str
    workgroup_id: str
    workgroup_name: str
    number: int
    year: int
    held_on: date
    starts_at: time | None
    venue: str
    status: MeetingStatus


@dataclass(frozen=True, slots=True)
class Choice:
    """An id with a label, for combo boxes and CLI name resolution."""

    id: str
    label: str
