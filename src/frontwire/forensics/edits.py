"""Changes made by one repair pass, and how passes compose into one edit list.

Each pass reads the text the previous pass produced and reports its changes in that text's
coordinates as :data:`Change` tuples (tuples, not records, because a long obfuscated article
has thousands of them and they are made in the hot loop). :func:`compose` folds them into the
running list, in the coordinates of the original text, so the final list says exactly what
changed in the text the user gave us; changes of two passes that touch the same characters
become one edit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import NamedTuple

from frontwire.records import Edit, EditKind


class Change(NamedTuple):
    """``text[start:end]`` becomes ``replacement``; ``script`` names the replaced letters."""

    start: int
    end: int
    replacement: str
    kind: EditKind
    script: str | None = None


def apply_changes(text: str, changes: Sequence[Change]) -> str:
    """The text with ``changes`` (sorted, disjoint, in ``text`` coordinates) applied.

    Pieces are collected and joined once, so the cost is linear in the text length.
    """
    if not changes:
        return text
    pieces: list[str] = []
    pos = 0
    for change in changes:
        pieces.append(text[pos : change.start])
        pieces.append(change.replacement)
        pos = change.end
    pieces.append(text[pos:])
    return "".join(pieces)


def compose(edits: Sequence[Change], changes: Sequence[Change], result: str) -> list[Change]:
    """Fold one pass's ``changes`` into the running ``edits``.

    Args:
        edits: the changes so far, in original-text coordinates (sorted, disjoint); applying
            them to the original text gives the text the pass read (the middle text).
        changes: the pass's changes, in middle-text coordinates (sorted, disjoint).
        result: the middle text with ``changes`` applied.

    Returns:
        Changes in original-text coordinates whose application to the original gives
        ``result``. Where a new change overlaps an earlier edit, the two merge into one edit
        over both regions; it keeps the earlier edit's kind (the first repair explains it).
    """
    if not changes:
        return list(edits)
    if not edits:
        return list(changes)
    # Both lists as intervals of the middle text, tagged 0 (earlier edit) or 1 (new change).
    intervals: list[tuple[int, int, int, Change]] = []
    delta = 0
    for edit in edits:
        start = edit.start + delta
        intervals.append((start, start + len(edit.replacement), 0, edit))
        delta += _delta(edit)
    intervals.extend((c.start, c.end, 1, c) for c in changes)
    intervals.sort(key=lambda item: (item[0], item[1], item[2]))

    out: list[Change] = []
    delta_a = 0  # middle minus original, over earlier edits in finished clusters
    delta_b = 0  # result minus middle, over new changes in finished clusters
    k = 0
    n = len(intervals)
    while k < n:
        c_start, c_end, _, _ = intervals[k]
        members = [intervals[k]]
        k += 1
        # Overlap is strict: touching regions stay separate edits.
        while k < n and intervals[k][0] < c_end:
            members.append(intervals[k])
            c_end = max(c_end, intervals[k][1])
            k += 1
        olds = [m[3] for m in members if m[2] == 0]
        news = [m[3] for m in members if m[2] == 1]
        d_a = sum(_delta(c) for c in olds)
        d_b = sum(_delta(c) for c in news)
        if not news:
            out.extend(olds)
        elif not olds:
            out.extend(
                Change(c.start - delta_a, c.end - delta_a, c.replacement, c.kind, c.script)
                for c in news
            )
        else:
            scripts = {c.script for c in (*olds, *news)} - {None}
            out.append(
                Change(
                    c_start - delta_a,
                    c_end - delta_a - d_a,
                    result[c_start + delta_b : c_end + delta_b + d_b],
                    olds[0].kind,
                    scripts.pop() if len(scripts) == 1 else None,
                )
            )
        delta_a += d_a
        delta_b += d_b
    return out


def _delta(change: Change) -> int:
    return len(change.replacement) - (change.end - change.start)


def merge_adjacent(changes: Sequence[Change]) -> list[Change]:
    """Merge touching changes of the same kind and script into one.

    Runs of deletions must merge: two deletions side by side would map to one insertion point
    in the repaired text and leave an offset in between that belongs to neither.

    Args:
        changes: sorted, disjoint changes.
    """
    out: list[Change] = []
    for change in changes:
        if out:
            last = out[-1]
            if (
                last.end == change.start
                and last.kind == change.kind
                and (last.script == change.script)
            ):
                out[-1] = Change(
                    last.start,
                    change.end,
                    last.replacement + change.replacement,
                    last.kind,
                    last.script,
                )
                continue
        out.append(change)
    return out


def to_edits(changes: Sequence[Change], original: str) -> tuple[Edit, ...]:
    """The public :class:`~frontwire.records.Edit` records for ``changes``."""
    new = _new_edit
    return tuple(
        [
            new(start, end, original[start:end], replacement, kind, script)
            for start, end, replacement, kind, script in changes
        ]
    )


_EDIT_FIELDS = ("orig_start", "orig_end", "original", "replacement", "kind", "script")


def _edit_factory() -> Callable[[int, int, str, str, EditKind, str | None], Edit]:
    # An attacked article makes thousands of Edit records, and the __init__ of a frozen
    # dataclass sets each field through object.__setattr__, which costs about twice as much
    # as writing the slots directly. The records are filled slot by slot here, which is what
    # that __init__ does; should Edit ever gain fields, defaults, a __post_init__ or lose its
    # slots, the real constructor is used instead.
    fields = dataclasses.fields(Edit)
    if (
        tuple(f.name for f in fields) != _EDIT_FIELDS
        or hasattr(Edit, "__post_init__")
        or "__dict__" in dir(Edit)
        or any(not hasattr(Edit.__dict__.get(name), "__set__") for name in _EDIT_FIELDS)
    ):
        return Edit
    new = object.__new__
    s0, s1, s2, s3, s4, s5 = (Edit.__dict__[name].__set__ for name in _EDIT_FIELDS)

    def make(
        orig_start: int,
        orig_end: int,
        original: str,
        replacement: str,
        kind: EditKind,
        script: str | None,
    ) -> Edit:
        edit: Edit = new(Edit)
        s0(edit, orig_start)
        s1(edit, orig_end)
        s2(edit, original)
        s3(edit, replacement)
        s4(edit, kind)
        s5(edit, script)
        return edit

    return make


_new_edit = _edit_factory()
