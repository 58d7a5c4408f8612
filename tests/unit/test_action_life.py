"""Status and deadline derive from an action's events; impossible events are refused."""

from __future__ import annotations

from datetime import date

import pytest

from workgroup_app.domain.action_life import (
    ActionEvent,
    ActionStatus,
    EventKind,
    apply,
    derive,
)
from workgroup_app.domain.errors import ValidationError

CREATED = ActionEvent(EventKind.CREATED, date(2026, 3, 1), deadline=date(2026, 4, 1),
                      agency_id="police")


def test_report_then_accept_is_done_on_time() -> None:
    state = derive([CREATED, ActionEvent(EventKind.REPORTED, date(2026, 3, 30), "Исполнено."),
                    ActionEvent(EventKind.ACCEPTED, date(2026, 4, 3))])
    assert state.status == ActionStatus.DONE and not state.done_late()
    assert not state.overdue(date(2026, 5, 1))


def test_a_report_awaiting_acceptance_after_the_deadline_is_overdue() -> None:
    state = derive([CREATED, ActionEvent(EventKind.REPORTED, date(2026, 4, 5), "Исполнено.")])
    assert state.status == ActionStatus.REPORTED and state.overdue(date(2026, 4, 6))
    assert derive([CREATED, ActionEvent(EventKind.REPORTED, date(2026, 4, 5), "x"),
                   ActionEvent(EventKind.ACCEPTED, date(2026, 4, 6))]).done_late()


def test_extensions_move_the_deadline_and_are_counted() -> None:
    state = derive([CREATED,
                    ActionEvent(EventKind.EXTENDED, date(2026, 3, 25), "Запрос в ГУЗО",
                                deadline=date(2026, 5, 1)),
                    ActionEvent(EventKind.EXTENDED, date(2026, 4, 25), "Ожидается ответ",
                                deadline=date(2026, 6, 1))])
    assert (state.deadline, state.extensions) == (date(2026, 6, 1), 2)
    assert not state.overdue(date(2026, 5, 15))


def test_returned_for_rework_reopens_with_a_new_deadline() -> None:
    state = derive([CREATED, ActionEvent(EventKind.REPORTED, date(2026, 3, 30), "Сделано"),
                    ActionEvent(EventKind.RETURNED, date(2026, 4, 2), "Неполно",
                                deadline=date(2026, 4, 20))])
    assert (state.status, state.deadline, state.reported_on) == (
        ActionStatus.OPEN, date(2026, 4, 20), None)


@pytest.mark.parametrize("events, message", [
    ([ActionEvent(EventKind.ACCEPTED, date(2026, 3, 2))], "no report to accept"),
    ([ActionEvent(EventKind.EXTENDED, date(2026, 3, 2), "", deadline=date(2026, 5, 1))],
     "needs a reason"),
    ([ActionEvent(EventKind.EXTENDED, date(2026, 3, 2), "x", deadline=date(2026, 3, 15))],
     "must be later"),
    ([ActionEvent(EventKind.CANCELLED, date(2026, 3, 2), "Утратило актуальность"),
      ActionEvent(EventKind.REPORTED, date(2026, 3, 3), "Исполнено.")], "cancelled"),
    ([ActionEvent(EventKind.REPORTED, date(2026, 3, 3), "  ")], "needs its text"),
    ([ActionEvent(EventKind.REASSIGNED, date(2026, 3, 3))], "Name the agency"),
])
def test_impossible_events_are_refused(events: list[ActionEvent], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        derive([CREATED, *events])


def test_comments_are_allowed_on_closed_actions_and_change_nothing() -> None:
    cancelled = derive([CREATED, ActionEvent(EventKind.CANCELLED, date(2026, 3, 2), "Снято")])
    after = apply(cancelled, ActionEvent(EventKind.COMMENT, date(2026, 3, 3), "Для сведения"))
    assert after == cancelled


def test_an_action_must_start_with_its_creation() -> None:
    with pytest.raises(ValidationError):
        derive([])
    with pytest.raises(ValidationError):
        derive([ActionEvent(EventKind.REPORTED, date(2026, 3, 3), "x")])
    with pytest.raises(ValidationError):
        derive([CREATED, CREATED])
