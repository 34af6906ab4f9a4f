"""Map character offsets between an article's original text and its repaired text.

The forensics stage rewrites text (a Cyrillic "а" becomes a Latin "a", a zero-width space is
removed), yet every span a later stage reports must point back into the text the user gave us.
An :class:`OffsetMap` is built once from the edit list and answers both directions with a binary
search, so mapping stays logarithmic in the number of edits however long the article is.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import Literal

Side = Literal["start", "end"]


class OffsetMap:
    """Bidirectional offset mapping between original and repaired text.

    Built from non-overlapping replacements given in original coordinates. Positions outside
    any replaced region shift by the accumulated length difference; positions inside a
    replaced region snap to its start (for a span start) or its end (for a span end), so a span
    that covers part of a repair widens to cover the whole repair on the other side.
    """

    __slots__ = ("_new_ends", "_new_starts", "_orig_ends", "_orig_starts")

    def __init__(self, replacements: Iterable[tuple[int, int, int]] = ()) -> None:
        """Build the map.

        Args:
            replacements: ``(orig_start, orig_end, new_length)`` triples, sorted by
                ``orig_start`` and not overlapping.

        Raises:
            ValueError: if the replacements overlap or are out of order; this is a programming
                error in a text-rewriting stage, never a user input problem.
        """
        orig_starts: list[int] = []
        orig_ends: list[int] = []
        new_starts: list[int] = []
        new_ends: list[int] = []
        delta = 0
        last_end = 0
        for orig_start, orig_end, new_length in replacements:
            if orig_start < last_end or orig_end < orig_start or new_length < 0:
                raise ValueError(
                    f"replacements must be sorted and disjoint: ({orig_start}, {orig_end}) "
                    f"after end {last_end}"
                )
            new_start = orig_start + delta
            orig_starts.append(orig_start)
            orig_ends.append(orig_end)
            new_starts.append(new_start)
            new_ends.append(new_start + new_length)
            delta += new_length - (orig_end - orig_start)
            last_end = orig_end
        self._orig_starts = orig_starts
        self._orig_ends = orig_ends
        self._new_starts = new_starts
        self._new_ends = new_ends

    @classmethod
    def identity(cls) -> OffsetMap:
        """A map for text that was not changed."""
        return cls()

    @property
    def is_identity(self) -> bool:
        """True when no region was replaced."""
        return not self._orig_starts

    def __len__(self) -> int:
        return len(self._orig_starts)

    def __repr__(self) -> str:
        return f"OffsetMap({len(self)} replacements)"

    # Compared by value, so an article that came back from another process (a Ray worker)
    # equals the same article made here.
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, OffsetMap):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def _key(self) -> tuple[tuple[int, ...], ...]:
        return (tuple(self._orig_starts), tuple(self._orig_ends), tuple(self._new_starts),
                tuple(self._new_ends))  # fmt: skip

    def to_original(self, pos: int, side: Side = "start") -> int:
        """Map an offset in the repaired text to the original text."""
        return _map(pos, side, self._new_starts, self._new_ends, self._orig_starts, self._orig_ends)

    def to_repaired(self, pos: int, side: Side = "start") -> int:
        """Map an offset in the original text to the repaired text."""
        return _map(pos, side, self._orig_starts, self._orig_ends, self._new_starts, self._new_ends)


def _map(
    pos: int,
    side: Side,
    from_starts: list[int],
    from_ends: list[int],
    to_starts: list[int],
    to_ends: list[int],
) -> int:
    # The last region starting at or before pos decides: either pos lies inside it, or pos lies
    # after it and shifts by the difference between the two texts' ends of that region.
    i = bisect_right(from_starts, pos) - 1
    if i < 0:
        return pos
    start, end = from_starts[i], from_ends[i]
    if start == end == pos:
        # An insertion point on this side (text deleted from, or added to, the other side): a span
        # starting here begins after the other side's region, a span ending here ends before it.
        return to_ends[i] if side == "start" else to_starts[i]
    if pos < end:
        # Inside a replaced region: widen to the whole region on the other side.
        if side == "start" or pos == start:
            return to_starts[i]
        return to_ends[i]
    return to_ends[i] + (pos - end)
