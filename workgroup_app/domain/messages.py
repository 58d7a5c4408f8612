"""Markers for user-visible text that the domain defines but does not translate.

The domain is standard library only, so it cannot translate; it marks its message ids with
``N_`` (picked up by the catalogue extractor) and the presentation layer translates them.
"""


def N_(msgid: str) -> str:
    return msgid
