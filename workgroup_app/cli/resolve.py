"""References typed on the command line (AGENCY, PERSON, WG, MEETING) to record ids.

A reference is a full id, an id prefix of at least four characters, or an exact name,
case-insensitive (Cyrillic too); agencies also by short name; meetings also as
``WORKGROUP/NUMBER/YEAR``. Unknown and ambiguous references are user errors.
"""

from __future__ import annotations

from ..services import lookup
from .state import CliState


def agency(state: CliState, text: str) -> str:
    return lookup.resolve(state.uow(), "agency", text)


def person(state: CliState, text: str) -> str:
    return lookup.resolve(state.uow(), "person", text)


def workgroup(state: CliState, text: str) -> str:
    return lookup.resolve(state.uow(), "workgroup", text)


def meeting(state: CliState, text: str) -> str:
    return lookup.resolve(state.uow(), "meeting", text)


def optional_agency(state: CliState, text: str | None) -> str | None:
    """For ``--agency`` options: an empty value means none."""
    return agency(state, text) if text and text.strip() else None


def optional_person(state: CliState, text: str | None) -> str | None:
    return person(state, text) if text and text.strip() else None
