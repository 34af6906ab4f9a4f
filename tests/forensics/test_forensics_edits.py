"""Changes of successive passes compose into one edit list in original coordinates."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from frontwire.forensics.edits import Change, apply_changes, compose, merge_adjacent, to_edits
from frontwire.offsets import OffsetMap


@st.composite
def text_and_changes(draw: st.DrawFn, alphabet: str = "abcxyz ") -> tuple[str, list[Change]]:
    """A text and sorted, disjoint changes over it (deletions, 1:1 and 1:n replacements)."""
    text = draw(st.text(alphabet=alphabet, min_size=0, max_size=30))
    changes: list[Change] = []
    pos = 0
    while pos < len(text):
        if draw(st.booleans()):
            length = draw(st.integers(1, min(3, len(text) - pos)))
            replacement = draw(st.text(alphabet="ABC", min_size=0, max_size=3))
            kind = draw(st.sampled_from(["invisible", "homoglyph", "mojibake"]))
            changes.append(Change(pos, pos + length, replacement, kind))
            pos += length + draw(st.integers(0, 2))
        else:
            pos += draw(st.integers(1, 3))
    return text, changes


@st.composite
def two_passes(draw: st.DrawFn) -> tuple[str, list[Change], str, list[Change], str]:
    original, first = draw(text_and_changes())
    middle = apply_changes(original, first)
    # The second pass works on the middle text, whatever the first pass left there.
    second: list[Change] = []
    pos = 0
    while pos < len(middle):
        if draw(st.booleans()):
            length = draw(st.integers(1, min(3, len(middle) - pos)))
            second.append(Change(pos, pos + length, draw(st.text("xy", max_size=2)), "space"))
            pos += length + draw(st.integers(0, 2))
        else:
            pos += draw(st.integers(1, 3))
    return original, first, middle, second, apply_changes(middle, second)


@settings(max_examples=300)
@given(two_passes())
def test_composed_edits_turn_the_original_into_the_final_text(
    case: tuple[str, list[Change], str, list[Change], str],
) -> None:
    original, first, _middle, second, final = case
    composed = compose(first, second, final)
    assert apply_changes(original, composed) == final
    # Sorted, disjoint, and valid for an OffsetMap.
    for a, b in itertools.pairwise(composed):
        assert a.end <= b.start
    OffsetMap((c.start, c.end, len(c.replacement)) for c in composed)


def test_overlapping_changes_merge_and_keep_the_first_kind() -> None:
    original = "Ã©x"
    first = [Change(0, 2, "é", "mojibake")]
    middle = apply_changes(original, first)
    assert middle == "éx"
    second = [Change(0, 2, "ex", "homoglyph")]
    final = apply_changes(middle, second)
    composed = compose(first, second, final)
    assert composed == [Change(0, 3, "ex", "mojibake", None)]


def test_merge_adjacent_joins_runs_of_one_kind_only() -> None:
    changes = [
        Change(0, 1, "", "invisible"),
        Change(1, 2, "", "invisible"),
        Change(2, 3, "a", "homoglyph", "Cyrillic"),
        Change(3, 4, "b", "homoglyph", "Greek"),
    ]
    assert merge_adjacent(changes) == [
        Change(0, 2, "", "invisible"),
        Change(2, 3, "a", "homoglyph", "Cyrillic"),
        Change(3, 4, "b", "homoglyph", "Greek"),
    ]


def test_to_edits_records_original_characters() -> None:
    (edit,) = to_edits([Change(3, 4, "a", "homoglyph", "Cyrillic")], "Ukrаine")
    assert (edit.orig_start, edit.orig_end, edit.original, edit.replacement) == (3, 4, "а", "a")
    assert edit.kind == "homoglyph" and edit.script == "Cyrillic"
