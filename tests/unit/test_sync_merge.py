"""Per-field last-writer-wins: the same winner whatever the order, and conflicts listed."""

from __future__ import annotations

from itertools import permutations

from hypothesis import given
from hypothesis import strategies as st

from workgroup_app.domain.sync_merge import listed_conflicts, merge_row

A, B, C = "site-a", "site-b", "site-c"
EVERYTHING = {A: 10 ** 9, B: 10 ** 9, C: 10 ** 9}  # the sender had seen every write


def apply_all(writes: list[tuple[dict, dict]]) -> tuple[dict, dict]:
    values: dict = {}
    clocks: dict = {}
    for incoming_values, incoming_clocks in writes:
        merged = merge_row(values, clocks, incoming_values, incoming_clocks, have={})
        values = {**values, **merged.updates}
        clocks = merged.clocks
    return values, clocks


def test_the_greater_stamp_wins_and_ties_break_by_site() -> None:
    local = ({"name": "old"}, {"name": (10, A)})
    merged = merge_row(*local, {"name": "new"}, {"name": (11, B)}, have=EVERYTHING)
    assert merged.updates == {"name": "new"} and merged.clocks["name"] == (11, B)
    same_time = merge_row(*local, {"name": "b's"}, {"name": (10, B)}, have=EVERYTHING)
    assert same_time.updates == {"name": "b's"}  # (10, "site-b") > (10, "site-a")
    older = merge_row(*local, {"name": "older"}, {"name": (9, C)}, have=EVERYTHING)
    assert older.updates == {} and not older.changed


def test_the_same_write_twice_changes_nothing() -> None:
    merged = merge_row({"name": "x"}, {"name": (5, A)}, {"name": "x"}, {"name": (5, A)},
                       have={})
    assert not merged.changed and not merged.conflicts


def test_different_fields_both_survive() -> None:
    merged = merge_row({"name": "n", "region": "r"}, {"name": (5, A), "region": (5, A)},
                       {"region": "R2"}, {"region": (6, B)}, have={})
    assert merged.updates == {"region": "R2"}
    assert merged.clocks == {"name": (5, A), "region": (6, B)}


def test_a_concurrent_overwrite_is_listed_both_ways_but_an_update_is_not() -> None:
    local = ({"name": "mine"}, {"name": (10, A)})
    won = merge_row(*local, {"name": "theirs"}, {"name": (12, B)}, have={})
    assert [(c.kept, c.lost) for c in listed_conflicts(won)] == [("theirs", "mine")]
    lost = merge_row(*local, {"name": "theirs"}, {"name": (8, B)}, have={})
    assert [(c.kept, c.lost) for c in listed_conflicts(lost)] == [("mine", "theirs")]
    seen = merge_row(*local, {"name": "theirs"}, {"name": (12, B)}, have=EVERYTHING)
    assert not seen.conflicts  # the sender had our value: an ordinary update


def test_timestamps_are_never_listed_as_conflicts() -> None:
    merged = merge_row({"updated_at": 1}, {"updated_at": (1, A)}, {"updated_at": 2},
                       {"updated_at": (2, B)}, have={})
    assert merged.conflicts and not listed_conflicts(merged)


def test_the_later_of_a_delete_and_an_edit_wins() -> None:
    created = ({"name": "x", "deleted": False}, {"name": (1, A), "deleted": (1, A)})
    delete = ({"deleted": True}, {"deleted": (5, A)})
    later_edit = ({"name": "y", "deleted": False}, {"name": (7, B), "deleted": (7, B)})
    earlier_edit = ({"name": "y", "deleted": False}, {"name": (3, B), "deleted": (3, B)})
    for order in permutations([created, delete, later_edit]):
        assert apply_all(list(order))[0]["deleted"] is False
    for order in permutations([created, delete, earlier_edit]):
        values = apply_all(list(order))[0]
        assert values["deleted"] is True and values["name"] == "y"


stamps = st.tuples(st.integers(1, 20), st.sampled_from([A, B, C]))
writes = st.lists(st.tuples(st.sampled_from(["name", "region", "deleted"]),
                            st.integers(0, 3), stamps), min_size=1, max_size=8)


@given(writes, st.randoms())
def test_any_order_of_the_same_writes_gives_the_same_row(raw: list, rnd: object) -> None:
    # One value per stamp (a stamp is one write), as at real offices.
    by_stamp = {}
    for column, value, stamp in raw:
        by_stamp.setdefault((column, stamp), value)
    items = [({column: value}, {column: stamp}) for (column, stamp), value in by_stamp.items()]
    expected = apply_all(items)
    shuffled = list(items)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert apply_all(shuffled) == expected
    assert apply_all(shuffled + shuffled) == expected


def test_an_old_value_sent_along_with_the_row_is_no_conflict_once_seen_here() -> None:
    # B overwrote A's region (5, A) knowingly; A's later edit of another field sends the
    # whole row, its stale region included: not a conflict, since B had seen (5, A).
    local = ({"region": "B's"}, {"region": (9, B)})
    merged = merge_row(*local, {"region": "A's"}, {"region": (5, A)}, have={A: 8},
                       seen={A: 5, B: 9})
    assert not merged.conflicts and not merged.changed
    unseen = merge_row(*local, {"region": "A's"}, {"region": (5, A)}, have={A: 8},
                       seen={A: 4, B: 9})
    assert [(c.kept, c.lost) for c in unseen.conflicts] == [("B's", "A's")]
