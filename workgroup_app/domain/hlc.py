"""Hybrid logical clock: 48 bits of wall milliseconds and a 16-bit counter in one integer.

Total order of writes across offices is (hlc, site id). The clock never goes backwards, even
when the machine's clock does: the last value is persisted and every new stamp exceeds it.
"""

from __future__ import annotations

from .errors import DomainError
from .messages import N_

COUNTER_BITS = 16
COUNTER_MASK = (1 << COUNTER_BITS) - 1
MAX_FUTURE_MS = 6 * 3600 * 1000  # sneakernet: hours, not minutes (sync-anchors §2.3)


def pack(wall_ms: int, counter: int) -> int:
    return (wall_ms << COUNTER_BITS) | counter


def wall_of(stamp: int) -> int:
    return stamp >> COUNTER_BITS


def counter_of(stamp: int) -> int:
    return stamp & COUNTER_MASK


def tick(last: int, now_ms: int) -> int:
    """The stamp of a local write that follows ``last``."""
    wall = max(now_ms, wall_of(last))
    if wall == wall_of(last):
        counter = counter_of(last) + 1
        if counter > COUNTER_MASK:  # 65 536 writes in one millisecond: borrow the next one
            return pack(wall + 1, 0)
        return pack(wall, counter)
    return pack(wall, 0)


def observe(last: int, remote: int, now_ms: int, origin: str = "?") -> int:
    """Merge a remote stamp into the local clock, refusing stamps too far in the future."""
    if wall_of(remote) - now_ms > MAX_FUTURE_MS:
        raise DomainError(
            N_("The clock of office {origin} is too far ahead; check its date and time."),
            origin=origin,
        )
    return max(last, remote)
