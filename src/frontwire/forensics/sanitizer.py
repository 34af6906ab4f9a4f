"""The sanitize function: repair a text, list every change, and report on the tampering.

Repairs run in a fixed order, each on the previous one's output: encoding (surrogates, then
ftfy's mojibake fixes), invisible and control characters, compatibility forms and odd spaces,
look-alike letters. Their changes compose into one edit list in original-text coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass

from frontwire.forensics.boilerplate import boilerplate_lines
from frontwire.forensics.detectors import Detector, make_detector
from frontwire.forensics.edits import Change, apply_changes, compose, merge_adjacent, to_edits
from frontwire.forensics.homoglyphs import HomoglyphRepairer
from frontwire.forensics.options import ForensicsOptions
from frontwire.forensics.passes import (
    compatibility_changes,
    invisible_changes,
    mojibake_changes,
    rare_class,
    surrogate_changes,
)
from frontwire.forensics.report import build_report
from frontwire.forensics.tables import Tables, has_astral, present_chars
from frontwire.offsets import OffsetMap
from frontwire.records import Edit, TamperReport


@dataclass(frozen=True, slots=True)
class Sanitized:
    """The result of :func:`sanitize`.

    Attributes:
        text: the repaired text.
        edits: every change, in original-text coordinates, sorted and disjoint.
        offsets: the map between original and repaired offsets, built from ``edits``.
        report: the tamper report.
        boilerplate: repaired-text ``(start, end)`` of credit and caption lines.
    """

    text: str
    edits: tuple[Edit, ...]
    offsets: OffsetMap
    report: TamperReport
    boilerplate: tuple[tuple[int, int], ...]


class Sanitizer:
    """Holds the tables and the detector, and sanitizes one text at a time.

    Building one loads the Unicode tables (a few tenths of a second); reuse it for many texts.
    It keeps no state between texts, so one instance can serve a whole run.

    Args:
        options: which repairs run; the defaults when None.
        tables: prebuilt tables to share between sanitizers; built when None.

    Raises:
        DependencyError: FW602 when the options ask for the ICU detector and PyICU is missing.
    """

    __slots__ = ("_detector", "_homoglyphs", "_rare", "options", "tables")

    def __init__(
        self, options: ForensicsOptions | None = None, tables: Tables | None = None
    ) -> None:
        self.options = options or ForensicsOptions()
        self.tables = tables or Tables()
        self._homoglyphs = HomoglyphRepairer(self.tables)
        self._rare = rare_class(self.tables)
        self._detector: Detector | None = make_detector(self.options.detector)

    def sanitize(self, text: str) -> Sanitized:
        """Repair ``text``; see :func:`sanitize`."""
        opts = self.options
        tables = self.tables
        edits: list[Change] = []
        passes_with_changes = 0
        current = text
        unresolved: list[tuple[int, int]] = []
        repaired_words: list[tuple[int, int]] = []
        # The distinct characters of the text beyond plain ASCII (a short string, see
        # tables.present_chars) tell which passes can have work: searching a character class
        # in it answers whether the text holds one of its members, without a scan of the text.
        # After a pass it is extended with the characters the pass put in, so it stays a
        # superset of the text's: a class absent from it is absent from the text.
        present = present_chars(text)
        # Whether the text has characters beyond U+FFFF decides which compiled classes scan it
        # (see tables.CharClass); it is worked out again only after a pass changed the text.
        astral = max(present, default="\x00") > "\uffff"

        def run(changes: list[Change], may_add_astral: bool = False, last: bool = False) -> None:
            nonlocal current, edits, astral, passes_with_changes, present
            if not changes:
                return
            passes_with_changes += 1
            changes = merge_adjacent(changes)
            result = apply_changes(current, changes)
            edits = compose(edits, changes, result)
            current = result
            if not last:
                present += "".join([change.replacement for change in changes])
            if may_add_astral and not astral:
                # Only joined surrogates and decoded mojibake can bring astral characters in;
                # the other passes at most remove some, and the wider patterns stay correct.
                astral = has_astral(current)

        # One search tells whether the surrogate, invisible and compatibility passes have any
        # work; it is repeated only if mojibake repair changed the text in between.
        rare = self._rare.pick(astral).search(present) is not None
        if rare:
            run(surrogate_changes(current, present), may_add_astral=True)
        if opts.fix_mojibake:
            before = current
            run(mojibake_changes(current, present), may_add_astral=True)
            if current is not before:
                # ftfy's fixes replace whole words; the characters are taken afresh.
                present = present_chars(current)
                rare = self._rare.pick(astral).search(present) is not None
        if rare and opts.remove_invisible:
            run(invisible_changes(current, tables, astral, present))
        if rare and opts.fix_compatibility:
            run(compatibility_changes(current, tables, astral, present))
        if opts.fix_homoglyphs:
            if astral and current is not text:
                # Astral members of the classes are checked one by one (see tables.CharClass),
                # which costs more for the replaced mathematical letters still listed in
                # the superset than taking the characters of the text afresh.
                present = present_chars(current)
            found = self._homoglyphs.repair(current, astral, present)
            # The last pass, and one letter for one letter: its coordinates are the final ones.
            unresolved = found.unresolved
            repaired_words = found.words
            run(found.changes, last=True)

        # Changes of one pass are merged already; two passes may leave touching edits.
        final = merge_adjacent(edits) if passes_with_changes > 1 else edits
        records = to_edits(final, text)
        offsets = OffsetMap([(e[0], e[1], len(e[2])) for e in final])
        report = build_report(
            text,
            current,
            records,
            offsets,
            threshold=opts.obfuscation_threshold,
            detector=self._detector,
            repaired_words=repaired_words,
            unresolved=unresolved,
            max_disagreements=opts.max_disagreements,
        )
        boilerplate = tuple(boilerplate_lines(current)) if opts.mark_boilerplate else ()
        return Sanitized(
            text=current, edits=records, offsets=offsets, report=report, boilerplate=boilerplate
        )


def sanitize(
    text: str, options: ForensicsOptions | None = None, *, sanitizer: Sanitizer | None = None
) -> Sanitized:
    """Repair scraped text and report what was changed and how suspicious it looks.

    A pure function of ``text`` and ``options``. It builds a :class:`Sanitizer` (and so loads
    the Unicode tables) unless one is passed; pass one when sanitizing many texts.

    Args:
        text: the text as scraped.
        options: which repairs run; the defaults when None. Ignored when ``sanitizer`` is given.
        sanitizer: a prebuilt sanitizer to reuse.

    Returns:
        The repaired text, the edit list in original coordinates, the offset map, the tamper
        report and the boilerplate lines.

    Raises:
        DependencyError: FW602 when the options ask for the ICU detector and PyICU is missing.
    """
    worker = sanitizer or Sanitizer(options)
    return worker.sanitize(text)


__all__ = ["Sanitized", "Sanitizer", "sanitize"]
