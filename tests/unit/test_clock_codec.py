"""The compact stored form of field clocks decodes to exactly what was encoded."""

from __future__ import annotations

import json
from random import Random

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


@given(st.dictionaries(fields, st.tuples(stamps, sites)), st.randoms())
def test_the_stored_text_depends_only_on_the_clocks(clocks: dict[str, tuple[int, str]],
                                                    rng: Random) -> None:
    """Offices merge the same writes in different orders; they must store the same text (a
    tie between two sites' counts once chose whichever came first)."""
    shuffled = list(clocks.items())
    rng.shuffle(shuffled)
    assert clock_codec.encode(dict(shuffled)) == clock_codec.encode(clocks)


def test_a_tie_between_sites_picks_the_least_site() -> None:
    ours = {"name": (2, "b" * 36), "region": (3, "a" * 36)}
    theirs = {"region": (3, "a" * 36), "name": (2, "b" * 36)}
    assert clock_codec.encode(ours) == clock_codec.encode(theirs)
    assert json.loads(clock_codec.encode(ours))["site"] == "a" * 36
