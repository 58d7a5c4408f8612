"""The hybrid logical clock never goes backwards and refuses stamps from the far future."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workgroup_app.domain import hlc
from workgroup_app.domain.errors import DomainError

walls = st.integers(min_value=0, max_value=2**46)


@given(st.lists(walls, min_size=1, max_size=200))
def test_local_ticks_strictly_increase_whatever_the_wall_clock_does(nows: list[int]) -> None:
    last = 0
    for now in nows:
        stamp = hlc.tick(last, now)
        assert stamp > last
        assert hlc.wall_of(stamp) >= now
        last = stamp


def test_counter_advances_within_one_millisecond_and_resets_after() -> None:
    first = hlc.tick(0, 1000)
    second = hlc.tick(first, 1000)
    assert (hlc.wall_of(second), hlc.counter_of(second)) == (1000, 1)
    third = hlc.tick(second, 1001)
    assert (hlc.wall_of(third), hlc.counter_of(third)) == (1001, 0)


def test_counter_overflow_borrows_the_next_millisecond() -> None:
    full = hlc.pack(5000, hlc.COUNTER_MASK)
    assert hlc.tick(full, 5000) == hlc.pack(5001, 0)


def test_a_clock_set_back_still_stamps_later() -> None:
    late = hlc.tick(0, 2_000_000)
    assert hlc.tick(late, 1_000_000) > late


@given(walls, walls)
def test_observe_keeps_the_maximum(local: int, remote_wall: int) -> None:
    remote = hlc.pack(remote_wall, 3)
    merged = hlc.observe(hlc.pack(local, 0), remote, now_ms=max(local, remote_wall))
    assert merged == max(hlc.pack(local, 0), remote)


def test_a_remote_clock_far_ahead_is_refused_with_the_office_named() -> None:
    now = 10_000_000
    remote = hlc.pack(now + hlc.MAX_FUTURE_MS + 1, 0)
    with pytest.raises(DomainError) as caught:
        hlc.observe(0, remote, now, origin="Гродно")
    assert "Гродно" in str(caught.value)
