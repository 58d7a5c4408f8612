"""Per-field last-writer-wins merge of one replicated row (DESIGN §5, sync-anchors §2.4).

Every field carries the stamp ``(hlc, site)`` of the write that set it. The greater stamp wins,
the same at every office, whatever order bundles arrive in: the merge is a maximum over a total
order, so it is commutative, associative and idempotent. Two equal stamps are one write.

A delete is the ``deleted`` field set to true. Every edit of a record also stamps ``deleted``
(with false), so between a delete and an edit of the same record the later one wins: an edit
made after the delete, by an office that had not seen it, brings the record back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

Stamp = tuple[int, str]


@dataclass(frozen=True)
class FieldConflict:
    """Two offices wrote the same field without seeing each other's value."""

    column: str
    kept: Any
    kept_stamp: Stamp
    lost: Any
    lost_stamp: Stamp


@dataclass
class RowMerge:
    """What merging an incoming row changes here."""

    updates: dict[str, Any] = field(default_factory=dict)
    clocks: dict[str, Stamp] = field(default_factory=dict)
    conflicts: list[FieldConflict] = field(default_factory=list)
    changed: bool = False  # some clock moved, even where the value stayed the same


def merge_row(local_values: Mapping[str, Any], local_clocks: Mapping[str, Stamp],
              incoming_values: Mapping[str, Any], incoming_clocks: Mapping[str, Stamp],
              *, concurrent: bool) -> RowMerge:
    """Merge ``incoming`` into ``local``. ``concurrent`` says the sender had not acknowledged
    our version of this row, so a different value it overwrites (or loses to) was written
    without seeing ours: that is a conflict worth listing, not an ordinary update."""
    result = RowMerge(clocks=dict(local_clocks))
    for column, stamp in incoming_clocks.items():
        value = incoming_values[column]
        mine = local_clocks.get(column)
        if mine is None or stamp > mine:
            result.clocks[column] = stamp
            result.changed = True
            if mine is None or local_values.get(column) != value:
                result.updates[column] = value
            if mine is not None and _conflicting(concurrent, mine, stamp,
                                                 local_values.get(column), value):
                result.conflicts.append(FieldConflict(column, value, stamp,
                                                      local_values.get(column), mine))
        elif stamp < mine and _conflicting(concurrent, mine, stamp,
                                           local_values.get(column), value):
            result.conflicts.append(FieldConflict(column, local_values.get(column), mine,
                                                  value, stamp))
    return result


def _conflicting(concurrent: bool, mine: Stamp, theirs: Stamp, my_value: Any,
                 their_value: Any) -> bool:
    # Bookkeeping fields change with every edit; only what a user wrote can conflict.
    return concurrent and mine[1] != theirs[1] and my_value != their_value


BOOKKEEPING = frozenset({"created_at", "updated_at", "origin_office_id"})


def listed_conflicts(merge: RowMerge) -> list[FieldConflict]:
    """The conflicts a user should see: not the timestamps every edit moves."""
    return [c for c in merge.conflicts if c.column not in BOOKKEEPING]
