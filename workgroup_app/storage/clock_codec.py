"""The stored form of a row's field clocks (``sync_change.field_clocks``).

Logically a mapping field -> (hlc, site). Stored compactly, because a store of a million
records holds one such value per row: the most common site is written once, and fields
written by the same (hlc, site) share one entry::

    {"site": "<uuid>", "clocks": [[hlc, ["field", ...]], [hlc, ["field"], "<other site>"]]}
"""

from __future__ import annotations

import json
from typing import Any

FieldClocks = dict[str, tuple[int, str]]


_ENCODER = json.JSONEncoder(separators=(",", ":"))  # made once: json.dumps makes one per call


def encode(clocks: FieldClocks) -> str:
    if not clocks:
        return _ENCODER.encode({"site": "", "clocks": []})
    groups: dict[tuple[int, str], list[str]] = {}
    for field, stamp in clocks.items():
        fields = groups.get(stamp)
        if fields is None:
            groups[stamp] = [field]
        else:
            fields.append(field)
    if len(groups) == 1:
        ((hlc, site), fields), = groups.items()
        return _ENCODER.encode({"site": site, "clocks": [[hlc, sorted(fields)]]})
    # The most common site; on a tie the least site id, so that the text depends only on the
    # clocks (not on the order fields were written in): every office stores the same.
    counts: dict[str, int] = {}
    for (_hlc, site), fields in groups.items():
        counts[site] = counts.get(site, 0) + len(fields)
    default = max(sorted(counts), key=counts.__getitem__)
    entries: list[list[object]] = []
    for (hlc, site), fields in sorted(groups.items()):
        entry: list[object] = [hlc, sorted(fields)]
        if site != default:
            entry.append(site)
        entries.append(entry)
    return _ENCODER.encode({"site": default, "clocks": entries})


def stored_form(data: dict[str, Any]) -> str | None:
    """``encode`` of the clocks of ``data`` (the compact form, as a bundle carries it and
    ``parse_clocks`` checked it), made without regrouping when ``data`` is already what encode
    would write: one office, entries in rising clock order, each with its fields sorted; else
    None. An import of a million rows stores a million of them."""
    entries = data["clocks"]
    if not entries:
        return None
    last = 0
    for entry in entries:
        if len(entry) != 2 or entry[0] <= last or not entry[1] or entry[1] != sorted(entry[1]):
            return None
        last = entry[0]
    return _ENCODER.encode({"site": data["site"], "clocks": entries})


_DECODER = json.JSONDecoder()


def parse(text: str) -> dict[str, Any]:
    """The stored form as JSON, as ``json.loads`` reads it (a little quicker: an export reads
    one per row)."""
    try:
        data, end = _DECODER.raw_decode(text)
    except ValueError:
        return json.loads(text)  # whatever json.loads says of it (leading blanks, an error)
    return data if end == len(text) else json.loads(text)


def decode(text: str) -> FieldClocks:
    return from_data(parse(text))


def from_data(data: dict[str, Any]) -> FieldClocks:
    """The clocks of the stored form once parsed as JSON."""
    default = data["site"]
    clocks: FieldClocks = {}
    for entry in data["clocks"]:
        hlc, fields = int(entry[0]), entry[1]
        site = entry[2] if len(entry) > 2 else default
        for field in fields:
            clocks[field] = (hlc, site)
    return clocks
