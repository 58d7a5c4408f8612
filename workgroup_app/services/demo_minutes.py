"""Protocols in the demo office: the held meetings of each workgroup, except the newest, have
approved minutes (with the execution of earlier decisions), so a newcomer sees locked meetings
and stored protocols at once and can approve and sign the newest one themselves."""

from __future__ import annotations

from collections.abc import Callable

from ..domain.actor import Actor
from ..domain.enums import MeetingStatus
from ..domain.errors import ValidationError
from ..domain.views import ListQuery
from . import meetings, minutes
from .ports import UnitOfWork

MOST = 8  # enough to show; each protocol takes a few hundredths of a second


def seed_minutes(uow_factory: Callable[[], UnitOfWork], actor: Actor) -> int:
    """Approve the minutes of earlier held meetings; returns how many."""
    rows = meetings.list_meetings(uow_factory(), ListQuery(limit=500)).rows
    held = sorted((r for r in rows if r.status == MeetingStatus.HELD),
                  key=lambda r: (r.workgroup_id, r.held_on))
    newest = {r.workgroup_id: r.id for r in held}
    approved = 0
    for row in held:
        if approved >= MOST or row.id == newest[row.workgroup_id]:
            continue
        try:
            minutes.approve(uow_factory(), actor, row.id, lang="ru", include_execution=True)
        except ValidationError:
            continue  # a demo meeting without decisions has no protocol
        approved += 1
    return approved
