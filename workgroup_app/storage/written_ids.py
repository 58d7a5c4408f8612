"""Which (table, id) pairs an import has written: a Bloom filter, so that a first import of
millions of rows into an empty table need not look each one up."""

from __future__ import annotations


class WrittenIds:
    """A Bloom filter of (table, id): says for sure that an id was not written (most ids of
    an import), or that it may have been (then the store is asked). 16 MiB, three bits per
    id: about one id in a thousand is looked up for nothing at four million."""

    BITS = 1 << 27

    def __init__(self) -> None:
        self._bits = bytearray(self.BITS // 8)

    def _positions(self, key: tuple[str, str]) -> tuple[int, int, int]:
        mask = self.BITS - 1
        code = hash(key) & 0xFFFFFFFFFFFFFFFF  # per process, which is all a filter needs
        first, step = code & mask, (code >> 27) | 1
        return first, (first + step) & mask, (first + 2 * step) & mask

    def add(self, key: tuple[str, str]) -> None:
        for bit in self._positions(key):
            self._bits[bit >> 3] |= 1 << (bit & 7)

    def __contains__(self, key: tuple[str, str]) -> bool:
        bits = self._bits
        return all(bits[bit >> 3] & (1 << (bit & 7)) for bit in self._positions(key))
