"""The compact stored form of field clocks decodes to exactly what was encoded."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workgroup_app.storage import clock_codec

fields = st.sampled_from(["name", "region", "kind", "deleted", "title", "venue", "text"])
sites = st.sampled_from(["a" * 36, "b" * 36, "c" * 36])
stamps = st.integers(min_value=0, max_value=2**63 - 1)


@given(st.dictionaries(fields, st.tuples(stamps, sites)))
def test_round_trip(clocks: dict[str, tuple[int, str]]) -> None:
    assert clock_codec.decode(clock_codec.encode(clocks)) == clocks


def test_one_write_of_one_office_is_stored_once() -> None:
    clocks = {f: (117689957764628480, "a" * 36) for f in ("name", "kind", "region", "deleted")}
    text = clock_codec.encode(clocks)
    assert text.count("a" * 36) == 1 and text.count("117689957764628480") == 1
    mixed = dict(clocks, name=(117689957764628999, "b" * 36))
    assert clock_codec.decode(clock_codec.encode(mixed))["name"] == (117689957764628999, "b" * 36)
