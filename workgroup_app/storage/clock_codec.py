"""The stored form of a row's field clocks (``sync_change.field_clocks``).

Logically a mapping field -> (hlc, site). Stored compactly, because a store of a million
records holds one such value per row: the most common site is written once, and fields
written by the same (hlc, site) share one entry::

    {"site": "<uuid>", "clocks": [[hlc, ["field", ...]], [hlc, ["field"], "<other site>"]]}
"""

from __future__ import annotations

import json
from collections import Counter

FieldClocks = dict[str, tuple[int, str]]


def encode(clocks: FieldClocks) -> str:
    if not clocks:
        return json.dumps({"site": "", "clocks": []}, separators=(",", ":"))
    # The most common site; on a tie the least site id, so that the text depends only on the
    # clocks (not on the order fields were written in): every office stores the same.
    counts = Counter(site for _hlc, site in clocks.values())
    default = max(sorted(counts), key=counts.__getitem__)
    groups: dict[tuple[int, str], list[str]] = {}
    for field, stamp in clocks.items():
        groups.setdefault(stamp, []).append(field)
    entries: list[list[object]] = []
    for (hlc, site), fields in sorted(groups.items()):
        entry: list[object] = [hlc, sorted(fields)]
        if site != default:
            entry.append(site)
        entries.append(entry)
    return json.dumps({"site": default, "clocks": entries}, separators=(",", ":"))


def decode(text: str) -> FieldClocks:
    data = json.loads(text)
    default = data["site"]
    clocks: FieldClocks = {}
    for entry in data["clocks"]:
        hlc, fields = int(entry[0]), entry[1]
        site = entry[2] if len(entry) > 2 else default
        for field in fields:
            clocks[field] = (hlc, site)
    return clocks
