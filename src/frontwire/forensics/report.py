"""The tamper report: what was repaired, where, how suspicious it looks, and where an
independent detector disagrees.

Paragraphs are blocks of text separated by one or more blank lines (a line holding only
whitespace counts as blank), numbered from 0 in the original text.

Verdict and score. An edit is a *disguise* when it hides text on purpose: a look-alike letter,
a compatibility letter (fullwidth, mathematical, enclosed), a bidi embedding, override or
isolate, or an invisible character inside a word. Mojibake, odd spaces, soft hyphens and stray
zero-width characters between words are *damage*: scraping and encoding accidents. The verdict
is "clean" without edits, "deliberately_obfuscated" from ``threshold`` disguises on (default 3),
else "damaged". The score is ``1 - 0.5 ** (disguises / threshold)``, so it crosses 0.5 exactly
at the threshold, and stays at or below 0.25 for damage alone (``0.25 * (1 - 0.5 ** (damage /
threshold))``).

The threshold of 3 was tuned on ftfy's 161 test cases (mojibake and negatives: all "clean" or
"damaged", none reaches one disguise), the seed article (299 look-alike letters), the
benchmark's attacked news (dozens of disguises per article at a 1% substitution rate) and one
or two stray look-alikes that a copy-paste from a Cyrillic keyboard leaves (below the
threshold: "damaged"). Re-run ``tests/forensics`` and the benchmark after changing it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from operator import eq, itemgetter

from frontwire.forensics.detectors import Detector
from frontwire.forensics.homoglyphs import paragraph_starts
from frontwire.forensics.passes import is_bidi_control
from frontwire.offsets import OffsetMap
from frontwire.records import Disagreement, Edit, Span, TamperReport, Verdict

_DISGUISE_KINDS = frozenset({"homoglyph", "compatibility"})


def is_disguise(edit: Edit, original: str) -> bool:
    """True when ``edit`` repaired something hidden on purpose (see the module docstring)."""
    if edit.kind in _DISGUISE_KINDS:
        return True
    if edit.kind != "invisible":
        return False
    if any(is_bidi_control(ch) for ch in edit.original):
        return True
    if set(edit.original) == {"\u00ad"}:
        return False  # soft hyphens come from hyphenation hints in HTML
    before = original[edit.orig_start - 1] if edit.orig_start > 0 else ""
    after = original[edit.orig_end] if edit.orig_end < len(original) else ""
    return before.isalnum() and after.isalnum()


def score_and_verdict(disguises: int, damage: int, threshold: int) -> tuple[float, Verdict]:
    """The score in [0, 1] and the verdict for these counts (see the module docstring)."""
    if disguises == 0 and damage == 0:
        return 0.0, "clean"
    if disguises:
        score = 1.0 - 0.5 ** (disguises / threshold)
    else:
        score = 0.25 * (1.0 - 0.5 ** (damage / threshold))
    verdict: Verdict = "deliberately_obfuscated" if disguises >= threshold else "damaged"
    return round(score, 4), verdict


def build_report(
    original: str,
    repaired: str,
    edits: Sequence[Edit],
    offsets: OffsetMap,
    *,
    threshold: int,
    detector: Detector | None,
    repaired_words: Sequence[tuple[int, int]] = (),
    unresolved: Sequence[tuple[int, int]] = (),
    max_disagreements: int = 50,
) -> TamperReport:
    """The tamper report for one repaired text.

    Args:
        original: the text as given.
        repaired: the repaired text.
        edits: every edit, in original coordinates.
        offsets: the map between the two texts.
        threshold: disguises from which the verdict is "deliberately_obfuscated".
        detector: the independent detector, or None to skip the second opinion.
        repaired_words: repaired-text spans of the words whose look-alikes were repaired.
        unresolved: repaired-text spans of mixed-script words the repair left alone.
        max_disagreements: disagreements listed; the rest are counted.
    """
    if not edits and not unresolved:
        return TamperReport(
            verdict="clean", score=0.0, detector=detector.name if detector else None
        )
    # Plain dicts: the interpreter's fast path for item access on a dict does not apply to a
    # subclass such as Counter, and an attacked article has thousands of edits.
    by_kind: dict[str, int] = {}
    by_script: dict[str, int] = {}
    disguise_edits: list[Edit] = []
    damage = 0
    for edit in edits:
        size = edit.orig_end - edit.orig_start
        kind = edit.kind
        script = edit.script
        by_kind[kind] = by_kind.get(kind, 0) + size
        if script is not None:
            by_script[script] = by_script.get(script, 0) + size
        if kind in _DISGUISE_KINDS or (kind == "invisible" and is_disguise(edit, original)):
            disguise_edits.append(edit)
        else:
            damage += 1
    score, verdict = score_and_verdict(len(disguise_edits), damage, threshold)
    located = disguise_edits or list(edits)
    starts = paragraph_starts(original)
    first = located[0] if located else None
    last = located[-1] if located else None
    disagreements: list[Disagreement] = []
    omitted = 0
    if detector is not None:
        disagreements, omitted = _disagreements(
            original,
            repaired,
            edits,
            offsets,
            detector,
            repaired_words,
            unresolved,
            max_disagreements,
        )
    return TamperReport(
        verdict=verdict,
        score=score,
        counts_by_kind=by_kind,
        counts_by_script=by_script,
        first_paragraph=bisect_right(starts, first.orig_start) - 1 if first else None,
        last_paragraph=bisect_right(starts, max(last.orig_start, last.orig_end - 1)) - 1
        if last
        else None,
        first_offset=first.orig_start if first else None,
        last_offset=last.orig_end if last else None,
        detector=detector.name if detector else None,
        disagreements=tuple(disagreements),
        disagreements_omitted=omitted,
        disguises=len(disguise_edits),
    )


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and _word_char(text[start - 1]):
        start -= 1
    rest = _WORD_REST.match(text, end)
    return start, rest.end() if rest is not None else end


def _word_char(ch: str) -> bool:
    return ch.isalnum() or "\u0300" <= ch <= "\u036f"


#: What _word_char accepts, repeated, for the engine to find a word's end in C: [^\W_] is
#: exactly the characters for which str.isalnum() is true.
_WORD_REST = re.compile("(?:[^\\W_]|[\u0300-\u036f])*")


_span_of = itemgetter(0, 1)


def _disagreements(
    original: str,
    repaired: str,
    edits: Sequence[Edit],
    offsets: OffsetMap,
    detector: Detector,
    repaired_words: Sequence[tuple[int, int]],
    unresolved: Sequence[tuple[int, int]],
    limit: int,
) -> tuple[list[Disagreement], int]:
    # The detector is asked about the words we changed (does it see a disguise there too?)
    # and about the mixed-script words we left alone (does it flag them?). Words we neither
    # changed nor found mixed are single-script, which the detector's restriction level
    # accepts by construction, so they are not asked about.
    words = list(repaired_words)
    for edit in edits:
        if edit.kind == "compatibility":
            words.append(
                _word_bounds(
                    repaired,
                    offsets.to_repaired(edit.orig_start, "start"),
                    offsets.to_repaired(edit.orig_end, "end"),
                )
            )
    words.sort()
    # Repaired-text start and end, and what makes the detail: the original word (the
    # detector flags nothing there) or the detector's reason (on a word left alone).
    found: list[tuple[int, int, str, bool]] = []
    # The detector's answer depends on the word alone, and an article repeats its disguised
    # words ("thе" throughout): each distinct word is asked about once.
    flagged: dict[str, bool] = {}
    last_end = -1
    for ws, we in words:
        if ws < last_end:
            continue
        last_end = we
        before = original[offsets.to_original(ws, "start") : offsets.to_original(we, "end")]
        seen = flagged.get(before)
        if seen is None:
            seen = flagged[before] = detector.flags(before) is not None
        if not seen:
            found.append((ws, we, before, False))
    for ws, we in unresolved:
        reason = detector.flags(
            original[offsets.to_original(ws, "start") : offsets.to_original(we, "end")]
        )
        if reason is not None:
            found.append((ws, we, reason, True))

    def describe(ws: int, we: int, said: str, left_alone: bool) -> str:
        if left_alone:
            return f"{detector.name} flags {said}; left unchanged"
        return f"repaired {said!r} to {repaired[ws:we]!r}; {detector.name} flags nothing"

    # Only the listed disagreements need their detail, and they are in the order of their
    # spans; two at the same span (rare) are ordered by detail, so then all are written out.
    found.sort(key=_span_of)
    if any(map(eq, map(_span_of, found), map(_span_of, found[1:]))):
        ordered = sorted((ws, we, describe(ws, we, said, alone)) for ws, we, said, alone in found)
    else:
        ordered = [(ws, we, describe(ws, we, said, alone)) for ws, we, said, alone in found[:limit]]
    listed = [
        Disagreement(
            span=Span(
                start=ws,
                end=we,
                text=repaired[ws:we],
                orig_start=offsets.to_original(ws, "start"),
                orig_end=offsets.to_original(we, "end"),
            ),
            detector=detector.name,
            detail=detail,
        )
        for ws, we, detail in ordered[:limit]
    ]
    return listed, max(0, len(found) - limit)


__all__ = ["build_report", "is_disguise", "score_and_verdict"]
