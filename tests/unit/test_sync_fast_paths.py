"""The shortcuts an exchange of a million rows takes give what the plain way gives: the stored
clocks of a bundle's row, reading stored clocks, strict JSON, a row's values."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workgroup_app.domain.errors import VerificationError
from workgroup_app.storage import clock_codec
from workgroup_app.storage.sync_columns import TABLES, decode, decode_row
from workgroup_app.sync import strict_json
from workgroup_app.sync.strict_json import loads_strict

fields = st.sampled_from(["name", "region", "kind", "deleted", "title", "venue", "text"])
sites = st.sampled_from(["a" * 36, "b" * 36, "ё" * 10])
stamps = st.integers(min_value=1, max_value=2**63 - 1)


@given(st.dictionaries(fields, st.tuples(stamps, sites), min_size=1))
def test_clocks_sent_in_their_stored_form_are_stored_alike(
        clocks: dict[str, tuple[int, str]]) -> None:
    sent = json.loads(clock_codec.encode(clocks))
    shortcut = clock_codec.stored_form(sent)
    assert shortcut in (None, clock_codec.encode(clocks))
    if len({site for _stamp, site in clocks.values()}) == 1:
        assert shortcut == clock_codec.encode(clocks)


def test_clocks_in_another_form_take_the_plain_way() -> None:
    site = "a" * 36
    assert clock_codec.stored_form({"site": site, "clocks": [[2, ["b"]], [1, ["a"]]]}) is None
    assert clock_codec.stored_form({"site": site, "clocks": [[1, ["b", "a"]]]}) is None
    assert clock_codec.stored_form({"site": site, "clocks": [[1, []]]}) is None
    assert clock_codec.stored_form({"site": site, "clocks": []}) is None


@pytest.mark.parametrize("text", ['{"site":"a","clocks":[[1,["x"]]]}',
                                  ' {"site":"a","clocks":[]}'])
def test_stored_clocks_are_read_as_json_reads_them(text: str) -> None:
    assert clock_codec.parse(text) == json.loads(text)


@pytest.mark.parametrize("text", ['{"site":"a"} x', "", "{"])
def test_damaged_stored_clocks_fail_as_json_fails(text: str) -> None:
    with pytest.raises(json.JSONDecodeError):
        clock_codec.parse(text)


@pytest.mark.parametrize("depth", [31, 32, 33, 34, 40])
def test_nesting_is_bounded_however_brackets_are_counted(depth: int) -> None:
    """Brackets inside strings make the count larger, never the nesting."""
    for text in ("[" * depth + "]" * depth,
                 '{"s":"' + "[" * 40 + '","v":' + "[" * depth + "]" * depth + "}"):
        try:
            strict_json._depth(json.loads(text))  # the walk every value used to take
            too_deep = False
        except ValueError:
            too_deep = True
        if too_deep:
            with pytest.raises(VerificationError):
                loads_strict(text.encode())
        else:
            assert loads_strict(text.encode()) == json.loads(text)


VALUES = [None, "", "текст", "x" * 2000, "a\x00b", 0, -5, 2**63, True, False, 1.5,
          "2026-11-28", "2026-02-30", "2026-11-28T10:20:30.123456+00:00",
          "2026-11-28T10:20:30+03:00", "2026-11-28T10:20:30", "10:30:00", [], {}]


@pytest.mark.parametrize("table", ["action", "meeting", "action_event", "agency"])
def test_a_row_is_decoded_value_by_value(table: str) -> None:
    spec = TABLES[table]
    for name, column in spec.replicated.items():
        for value in VALUES:
            try:
                expected: object = decode(table, column, value)
            except VerificationError as error:
                expected = error.params
            try:
                got: object = decode_row(spec, {name: value})[name]
            except VerificationError as error:
                got = error.params
            assert got == expected and type(got) is type(expected), (name, value)
