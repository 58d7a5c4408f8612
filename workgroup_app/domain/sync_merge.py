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
              *, have: Mapping[str, int], seen: Mapping[str, int] | None = None
              ) -> RowMerge:
    """Merge ``incoming`` into ``local``. ``have`` is the sender's summary of what it had
    seen: per office, the newest stamp of that office's writes. A local value newer than
    that was unknown to the sender, so a different value of its that overwrites it (or loses
    to it) was written without seeing ours: a conflict worth listing, not an update.
    ``seen`` is the same summary of this office before the bundle: an incoming value that
    loses and was seen here already (a field the sender did not touch, sent along with the
    row) was overwritten here knowingly, or listed when it first came: no new conflict."""
    seen = {} if seen is None else seen
    result = RowMerge(clocks=dict(local_clocks))
    for column, stamp in incoming_clocks.items():
        value = incoming_values[column]
        mine = local_clocks.get(column)
        if mine is None or stamp > mine:
            result.clocks[column] = stamp
            result.changed = True
            if mine is None or local_values.get(column) != value:
                result.updates[column] = value
            if mine is not None and _conflicting(have, mine, stamp,
                                                 local_values.get(column), value):
                result.conflicts.append(FieldConflict(column, value, stamp,
                                                      local_values.get(column), mine))
        elif stamp < mine and seen.get(stamp[1], 0) < stamp[0] and \
                _conflicting(have, mine, stamp, local_values.get(column), value):
            result.conflicts.append(FieldConflict(column, local_values.get(column), mine,
                                                  value, stamp))
    return result


def _conflicting(have: Mapping[str, int], mine: Stamp, theirs: Stamp, my_value: Any,
                 their_value: Any) -> bool:
    unseen = have.get(mine[1], 0) < mine[0]
    return unseen and mine[1] != theirs[1] and my_value != their_value


BOOKKEEPING = frozenset({"created_at", "updated_at", "origin_office_id"})


def listed_conflicts(merge: RowMerge) -> list[FieldConflict]:
    """The conflicts a user should see: not the timestamps every edit moves."""
    return [c for c in merge.conflicts if c.column not in BOOKKEEPING]
