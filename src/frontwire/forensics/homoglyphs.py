"""Look-alike letters: find words that hide letters of another script, and repair them.

The decision is made per word, in context:

* A word that mixes scripts ("thаt" with a Cyrillic "а", "Укрaїна" with a Latin "a") is a
  disguise. It is repaired toward the script of the text around it when every foreign letter
  has a look-alike in that script, else toward the only script its letters can all be written
  in (the majority of its own letters if several can). A word whose foreign letters have no
  look-alike ("iPhoneом") is left alone: a disguise is made of look-alikes only.
* Some words are disguises only if the document shows disguises in ordinary words (mixed
  words as above) of the same script; they wait for that evidence:

  - a word made only of look-alikes of one script (a lone Cyrillic "а", an all-Cyrillic
    "ОЅСЕ"), and then only where the text around it is Latin: inside Ukrainian, Russian,
    Greek, Serbian or Bulgarian text "а", "у", "о", "с" are words. A word in Cyrillic
    capitals whose letters no one Cyrillic alphabet holds ("KYIV" as "КҮІѴ") needs no
    evidence: no language writes it (:mod:`frontwire.forensics.alphabets`);
  - a mixed word with two or more capitals ("SENSЕ", "NАТО"): Latin, Cyrillic and Greek
    capitals share most shapes and bilingual typists mix them innocently;
  - a Greek letter next to a digit inside a Latin word ("IL2Rγc"): a symbol.
* A Latin word made only of look-alikes inside Cyrillic or Greek text ("i" for "і") is repaired
  only in a paragraph that holds a mixed word repaired toward that script, and never when it is
  an all-capital acronym or numeral ("NATO", "XXI") or a unit or label next to a digit or symbol
  ("°C"), which genuine Ukrainian text is full of.

The script of "the text around" a word comes from the genuine letters (letters that have no
look-alike in the competing script) of its paragraph, or of a window of characters around the
word when the paragraph mixes scripts.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter

from frontwire.forensics.alphabets import written_by_some_language
from frontwire.forensics.edits import Change
from frontwire.forensics.tables import LATIN, NEUTRAL_SCRIPTS, Tables

#: Characters either side of a word that decide its context when its paragraph mixes scripts:
#: about eight words each side, enough to see a quoted phrase as foreign and short enough that
#: a quote does not decide the script of the sentence around it.
WINDOW = 48

# One or more blank lines (lines of whitespace only) end a paragraph.
_PARAGRAPH_BREAK = re.compile(r"\n(?:[ \t\r\f\v]*\n)+")
_ASCII_WORD = re.compile(r"[A-Za-z]+")
_HAS_ASCII_LETTER = re.compile(r"[A-Za-z]")

_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_SCRIPT_OF_CHANGE = itemgetter(4)
_ALL_BYTES = bytes(range(128))
# Neighbours that make a Latin word in Cyrillic text a symbol, unit or label ("°C", "a)").
_SYMBOLIC_PUNCT = frozenset("-‐‑‒–—+=/^_°%#*<>|\\~)")


def paragraph_starts(text: str) -> list[int]:
    """Offsets where paragraphs begin: blocks of text separated by one or more blank lines."""
    return [0, *(m.end() for m in _PARAGRAPH_BREAK.finditer(text))]


def _is_word_char(ch: str) -> bool:
    return ch.isalpha() or (ch > "\u02ff" and unicodedata.category(ch)[0] == "M")


def _symbolic(ch: str) -> bool:
    if not ch:
        return False
    if ch.isdigit() or ch in _SYMBOLIC_PUNCT:
        return True
    return unicodedata.category(ch) in ("Sm", "Sc", "So", "Sk")


@dataclass(slots=True)
class _Region:
    """Genuine-letter counts of a stretch of text and the script they point to."""

    script: str | None
    homogeneous: bool


@dataclass(slots=True)
class HomoglyphResult:
    """Changes made by the look-alike pass and what they were based on."""

    changes: list[Change] = field(default_factory=list)
    words: list[tuple[int, int]] = field(default_factory=list)  # the repaired words
    mixed_words: int = 0  # words that mixed scripts and were repaired
    lookalike_words: int = 0  # words made only of look-alikes that were repaired
    unresolved: list[tuple[int, int]] = field(default_factory=list)  # mixed, left alone


class HomoglyphRepairer:
    """Repairs look-alike letters in one text at a time; holds only immutable tables.

    Args:
        tables: the character tables.
    """

    __slots__ = ("_delete_nongenuine", "_single", "_tables")

    def __init__(self, tables: Tables) -> None:
        self._tables = tables
        # Per script, the bytes to delete from ASCII text to keep only the Latin letters that
        # have no look-alike in that script (genuine Latin letters when competing with it).
        self._delete_nongenuine: dict[str, bytes] = {}
        for script, mapping in tables.from_latin.items():
            keep = {ord(c) for c in _ASCII_LETTERS.decode() if c not in mapping}
            self._delete_nongenuine[script] = bytes(b for b in _ALL_BYTES if b not in keep)
        # Per look-alike letter: its Latin letter, its script for edit records, and whether
        # that script also serves for mathematical symbols.
        self._single: dict[str, tuple[str, str, bool]] = {
            ch: (
                latin,
                tables.lookalike_scripts[ch],
                tables.lookalike_scripts[ch].upper() in tables.math_scripts,
            )
            for ch, latin in tables.to_latin.items()
        }

    def repair(self, text: str, astral: bool = True, present: str | None = None) -> HomoglyphResult:
        """Find and repair look-alike letters in ``text``.

        Args:
            text: the text.
            astral: whether ``text`` has characters beyond U+FFFF (``tables.has_astral``).
            present: the distinct characters of ``text`` beyond plain ASCII, or a superset of
                them (``tables.present_chars``); None when not known.

        Returns:
            The changes (in ``text`` coordinates, sorted, one per letter) and counts.
        """
        result = HomoglyphResult()
        if text.isascii():
            return result
        run = _Run(self._tables, self._delete_nongenuine, self._single, text, result, astral)
        run.present = present
        run.execute()
        result.changes.sort()  # by start: starts are distinct
        result.words.sort()
        return result


class _Run:
    """The state of one repair: the text, its paragraphs, evidence found so far."""

    def __init__(
        self,
        tables: Tables,
        delete_nongenuine: dict[str, bytes],
        single: Mapping[str, tuple[str, str, bool]],
        text: str,
        result: HomoglyphResult,
        astral: bool,
    ) -> None:
        self.t = tables
        self.astral = astral
        self.delete_nongenuine = delete_nongenuine
        self.single = single
        self.text = text
        self.n = len(text)
        self.result = result
        self._para_starts: list[int] | None = None  # built on first use
        self.para_cache: dict[int, _Region] = {}
        self.doc_region: _Region | None = None
        # Mixed words repaired toward Latin, per script of their foreign letters.
        self.evidence_latin: Counter[str] = Counter()
        # Paragraphs (by index) holding mixed words repaired toward each non-Latin script.
        self.evidence_paragraphs: dict[int, set[str]] = {}
        # Mixed words repaired toward each non-Latin script.
        self.evidence_to: Counter[str] = Counter()
        self.deferred: list[_Deferred] = []
        self.done_until = 0
        # The characters the text holds beyond plain ASCII, or a superset; None if not known.
        self.present: str | None = None
        # Set when the text has Latin letters and no genuine letter of another script.
        self.latin_everywhere = False

    # ---- context -------------------------------------------------------------------------

    @property
    def para_starts(self) -> list[int]:
        if self._para_starts is None:
            self._para_starts = paragraph_starts(self.text)
        return self._para_starts

    def paragraph_of(self, pos: int) -> int:
        return bisect_right(self.para_starts, pos) - 1

    def paragraph_bounds(self, index: int) -> tuple[int, int]:
        start = self.para_starts[index]
        end = self.para_starts[index + 1] if index + 1 < len(self.para_starts) else self.n
        return start, end

    def region(self, start: int, end: int) -> _Region:
        """The script the genuine letters of ``text[start:end]`` point to."""
        genuine: Counter[str] = Counter()
        script_of = self.t.script_of
        is_genuine = self.t.is_genuine
        for m in self.t.genuine_run.pick(self.astral).finditer(self.text, start, end):
            run = m.group()
            if self.astral and not all(ch <= "\uffff" or is_genuine(ch) for ch in run):
                run = "".join(ch for ch in run if ch <= "\uffff" or is_genuine(ch))
                if not run:
                    continue
            genuine[script_of(run[0])] += len(run)
        ascii_part = self.text[start:end].encode("ascii", "ignore")
        if not genuine:
            letters = len(ascii_part.translate(None, _ALL_BYTES.translate(None, _ASCII_LETTERS)))
            return _Region(LATIN if letters else None, True)
        script, count = genuine.most_common(1)[0]
        delete = self.delete_nongenuine.get(script)
        if delete is None:
            # A script with no look-alikes of Latin letters: every Latin letter is genuine.
            delete = _ALL_BYTES.translate(None, _ASCII_LETTERS)
        latin = len(ascii_part.translate(None, delete))
        others = sum(genuine.values()) - count
        if latin == 0 and others == 0:
            return _Region(script, True)
        if latin > count:
            return _Region(LATIN, False)
        return _Region(script, False)

    def paragraph_region(self, index: int) -> _Region:
        para = self.para_cache.get(index)
        if para is None:
            para = self.region(*self.paragraph_bounds(index))
            self.para_cache[index] = para
        return para

    def context(self, pos: int) -> str | None:
        """The script of the text around ``pos``."""
        if self.latin_everywhere:
            return LATIN
        para = self.paragraph_region(self.paragraph_of(pos))
        if para.homogeneous and para.script is not None:
            return para.script
        if para.script is None:
            if self.doc_region is None:
                self.doc_region = self.region(0, self.n)
            return self.doc_region.script
        window = self.region(max(0, pos - WINDOW), min(self.n, pos + WINDOW))
        return window.script if window.script is not None else para.script

    # ---- conversion ----------------------------------------------------------------------

    def convert(self, ch: str, script: str, target: str) -> str | None:
        """``ch`` (of ``script``) written in ``target``, or None if it has no look-alike."""
        t = self.t
        if target == LATIN:
            return t.to_latin.get(ch)
        mapping = t.from_latin.get(target)
        if mapping is None:
            return None
        if script == LATIN:
            return mapping.get(ch)
        latin = t.to_latin.get(ch)
        return mapping.get(latin) if latin is not None else None

    # ---- passes --------------------------------------------------------------------------

    def execute(self) -> None:
        text = self.text
        t = self.t
        # A genuine letter is one of the characters the text holds: when none of them (or of
        # a superset of them) is one, the text holds none, and it is not scanned for one.
        present = self.present
        genuine = (present is None or t.has_genuine(present, self.astral)) and t.has_genuine(
            text, self.astral
        )
        if not genuine and _HAS_ASCII_LETTER.search(text):
            # No letter of any other script that is not a look-alike, and Latin letters: the
            # text is Latin wherever it has letters, and only look-alikes can be out of place.
            # Every region's genuine letters are Latin then, and the context of every word is
            # Latin (of a paragraph without letters: the document's), so it is not computed.
            self.latin_everywhere = True
            self.latin_text()
        else:
            for index in range(len(self.para_starts)):
                self.paragraph(index)
        self.resolve_deferred()
        self.reverse_scan()

    def paragraph(self, index: int) -> None:
        """Resolve the words of one paragraph that may hide letters of another script.

        In a paragraph of one script, only words with a letter of another script can be
        disguised, so only those are looked at: in Ukrainian text the words with a Latin letter
        or a Greek look-alike, in English text the words with a look-alike.
        """
        start, end = self.paragraph_bounds(index)
        region = self.paragraph_region(index)
        t = self.t
        astral = self.astral
        if region.homogeneous and region.script == LATIN:
            hits = [m.start() for m in t.lookalike.pick(astral).finditer(self.text, start, end)]
        elif region.homogeneous and region.script is not None:
            own = region.script
            script_of = t.script_of
            hits = [m.start() for m in t.latin_letter.pick(astral).finditer(self.text, start, end)]
            hits.extend(
                m.start()
                for m in t.lookalike.pick(astral).finditer(self.text, start, end)
                if script_of(m.group()) != own
            )
            hits.sort()
        else:
            hits = [m.start() for m in t.nonlatin.pick(astral).finditer(self.text, start, end)]
        text = self.text
        for pos in hits:
            # A hit that is not a letter (an emoji matched by the wide astral class) starts no
            # word; and a word never reaches back into one already resolved, or its letters
            # would be repaired twice.
            if pos < self.done_until or not text[pos].isalpha():
                continue
            ws, we = self.word_bounds(pos, pos + 1)
            ws = max(ws, self.done_until)
            self.done_until = we
            self.resolve_word(ws, we)

    def word_bounds(self, start: int, end: int) -> tuple[int, int]:
        """The word around ``text[start:end]``: letters and combining marks either side."""
        text = self.text
        while start > 0:
            ch = text[start - 1]
            if ch.isalpha() or (ch > "\u02ff" and unicodedata.category(ch)[0] == "M"):
                start -= 1
            else:
                break
        rest = self.t.word_rest.match(text, end)
        return start, rest.end() if rest is not None else end

    def latin_text(self) -> None:
        """:meth:`resolve_word` for text whose context is Latin everywhere, made fast.

        Every non-Latin letter here has a Latin look-alike (there are no genuine ones), so a
        word with a Latin letter is a mixed word repaired toward Latin, and a word without one
        is made only of look-alikes; the word is repaired with ``str.translate`` in C.
        """
        text = self.text
        n = self.n
        t = self.t
        changes = self.result.changes
        words = self.result.words
        # Keyed by the title-case script name here; folded into evidence_latin below.
        evidence: Counter[str] = Counter()
        astral = self.astral
        # What a word's letters say does not depend on where it stands (only the digits
        # around it do), so a word that needs a letter-by-letter look (several non-ASCII
        # letters) is judged once per distinct word and article.
        seen: dict[str, _LatinWord] = {}
        done_until = 0
        if astral:
            to_latin = t.to_latin
            for m in t.lookalike.any.finditer(text):
                if m.start() < done_until:
                    continue
                if m.group() not in to_latin:
                    continue  # an astral character the class only approximates
                ws, we = self.word_bounds(m.start(), m.end())
                done_until = we
                self.latin_word(ws, we, seen)
        else:
            # Word bounds without a loop in Python: the match runs to the end of the word,
            # and the start is where the same characters run out in the reversed text.
            back = t.word_back.match
            # Text without look-alikes (known from the characters it holds) is neither
            # reversed nor scanned for them.
            lookalikes = self.present is None or t.lookalike.bmp.search(self.present) is not None
            reverse = text[::-1] if lookalikes else ""
            single = self.single
            # Change is a NamedTuple: building it through tuple.__new__ skips the Python-level
            # __new__ of the named tuple and halves the cost of one change per repaired letter.
            new_change = tuple.__new__
            for m in t.lookalike_word.finditer(text) if lookalikes else ():
                pos = m.start()
                # A repeated class always matches, if only the empty string.
                b: re.Match[str] = back(reverse, n - pos)  # type: ignore[assignment]
                back_end = b.end()
                ws = n - back_end
                done_until = we = m.end()
                # Group 1 of both patterns: the ASCII letters next to the look-alike; the
                # rest of the word is ASCII when they reach its end.
                if we - ws > 1 and m.end(1) == we and b.end(1) == back_end:
                    # The usual disguise: one look-alike among ASCII letters, so a mixed word.
                    # As judge_latin_word would decide, without looking at every letter.
                    latin, script, math = single[text[pos]]
                    if (
                        not text[ws + 1 : we].islower() and sum(map(str.isupper, text[ws:we])) >= 2
                    ) or (
                        math
                        and ((ws > 0 and text[ws - 1].isdigit()) or (we < n and text[we].isdigit()))
                    ):
                        self.deferred.append(
                            _Deferred(ws, we, LATIN, tuple(self.letters(ws, we)), lookalike=False)
                        )
                        continue
                    changes.append(new_change(Change, (pos, pos + 1, latin, "homoglyph", script)))
                    words.append((ws, we))
                    continue
                self.latin_word(ws, we, seen)
        self.result.mixed_words += len(words)
        # Each change made here is evidence of a disguise in its script; counted once at the
        # end, in C, rather than per letter.
        evidence.update(map(_SCRIPT_OF_CHANGE, changes))
        for script, count in evidence.items():
            self.evidence_latin[script.upper()] += count
        self.done_until = done_until

    def judge_latin_word(self, word: str) -> _LatinWord:
        """What :meth:`latin_text` decides about ``word`` before looking at its neighbours."""
        t = self.t
        to_latin = t.to_latin
        script_of = t.script_of
        scripts = t.lookalike_scripts
        fixed = word.translate(t.latin_table)
        has_latin = _HAS_ASCII_LETTER.search(word) is not None or any(
            c.isalpha() and c not in to_latin and script_of(c) == LATIN for c in word if c >= "\x80"
        )
        # Capitals beyond the first letter make the word an acronym or identifier.
        capitals = len(word) > 1 and not word[1:].islower() and sum(map(str.isupper, word)) >= 2
        repairs = tuple(
            (i, b, scripts[a]) for i, (a, b) in enumerate(zip(word, fixed, strict=True)) if a != b
        )
        return _LatinWord(
            defer=not has_latin or capitals,
            lookalike=not has_latin,
            math=any(script.upper() in t.math_scripts for _, _, script in repairs),
            repairs=repairs,
        )

    def defer_latin_word(self, ws: int, we: int, found: _LatinWord) -> None:
        self.deferred.append(
            _Deferred(ws, we, LATIN, tuple(self.letters(ws, we)), lookalike=found.lookalike)
        )

    def latin_word(self, ws: int, we: int, seen: dict[str, _LatinWord]) -> None:
        """:meth:`latin_text` for the word ``text[ws:we]``."""
        text = self.text
        word = text[ws:we]
        found = seen.get(word)
        if found is None:
            found = seen[word] = self.judge_latin_word(word)
        if found.defer or (
            found.math
            and ((ws > 0 and text[ws - 1].isdigit()) or (we < self.n and text[we].isdigit()))
        ):
            self.defer_latin_word(ws, we, found)
            return
        changes = self.result.changes
        for offset, new, script in found.repairs:
            i = ws + offset
            changes.append(Change(i, i + 1, new, "homoglyph", script))
        self.result.words.append((ws, we))

    def letters(self, ws: int, we: int) -> list[tuple[int, str, str]]:
        """``(offset, letter, script)`` for the letters of ``text[ws:we]`` that have a script."""
        text = self.text
        script_of = self.t.script_of
        letters: list[tuple[int, str, str]] = []
        for i in range(ws, we):
            ch = text[i]
            if ch < "\x80":
                script = LATIN
            else:
                if not ch.isalpha():
                    continue
                script = script_of(ch)
                if script in NEUTRAL_SCRIPTS:
                    continue
            letters.append((i, ch, script))
        return letters

    def resolve_word(self, ws: int, we: int) -> None:
        letters = self.letters(ws, we)
        counts = Counter(script for _, _, script in letters)
        if not counts or set(counts) == {LATIN}:
            return
        to_latin = self.t.to_latin
        if LATIN not in counts and all(ch in to_latin for _, ch, _ in letters):
            # Made only of look-alikes of Latin letters (of one script or several).
            self.deferred.append(_Deferred(ws, we, LATIN, tuple(letters), lookalike=True))
            return
        if len(counts) == 1:
            return  # a genuine word of one script
        # Mixed scripts: find the scripts every letter can be written in.
        feasible = [
            target
            for target in counts
            if all(s == target or self.convert(ch, s, target) is not None for _, ch, s in letters)
        ]
        if not feasible:
            self.result.unresolved.append((ws, we))
            return
        if len(feasible) == 1:
            target = feasible[0]
        else:
            ctx = self.context(ws)
            if ctx in feasible:
                target = ctx
            else:
                ranked = sorted(feasible, key=lambda s: counts[s], reverse=True)
                if counts[ranked[0]] == counts[ranked[1]]:
                    self.result.unresolved.append((ws, we))
                    return
                target = ranked[0]
        if self.identifier_like(ws, we, letters, target):
            self.deferred.append(_Deferred(ws, we, target, tuple(letters), lookalike=False))
            return
        self.apply(ws, we, letters, target)
        if target == LATIN:
            for s in counts:
                if s != LATIN:
                    self.evidence_latin[s] += 1
        else:
            self.evidence_paragraphs.setdefault(self.paragraph_of(ws), set()).add(target)
            self.evidence_to[target] += 1
        self.result.mixed_words += 1

    def identifier_like(
        self, ws: int, we: int, letters: list[tuple[int, str, str]], target: str
    ) -> bool:
        """True for words that may mix scripts innocently: acronyms, names and identifiers in
        capitals ("SENSЕ", "NАТО"), whose capitals Latin, Cyrillic and Greek share, and Greek
        letters used as symbols next to digits ("IL2Rγc")."""
        if sum(1 for _, ch, _ in letters if ch.isupper()) >= 2:
            return True
        text = self.text
        if any(s != target and s in self.t.math_scripts for _, _, s in letters):
            before = text[ws - 1] if ws > 0 else ""
            after = text[we] if we < self.n else ""
            return before.isdigit() or after.isdigit()
        return False

    def apply(self, ws: int, we: int, letters: Sequence[tuple[int, str, str]], target: str) -> None:
        self.result.words.append((ws, we))
        changes = self.result.changes
        for i, ch, s in letters:
            if s != target:
                new = self.convert(ch, s, target)
                if new is not None:
                    changes.append(Change(i, i + 1, new, "homoglyph", s.title()))

    def resolve_deferred(self) -> None:
        # Words that are disguises only if the document shows disguises in ordinary words:
        # words made only of look-alikes, and mixed words in capitals.
        for item in self.deferred:
            foreign = {s for _, _, s in item.letters if s != item.target}
            if item.target == LATIN:
                if not any(self.evidence_latin[s] for s in foreign) and not self.assembled(item):
                    continue
                if item.lookalike and self.context(item.start) != LATIN:
                    continue
            elif not self.evidence_to[item.target]:
                continue
            self.apply(item.start, item.end, item.letters, item.target)
            if item.lookalike:
                self.result.lookalike_words += 1
            else:
                self.result.mixed_words += 1

    def assembled(self, item: _Deferred) -> bool:
        """A word in capitals made of Cyrillic look-alikes that no language writes ("KYIV"
        with a Kazakh "Ү", a Ukrainian "І" and a Church Slavonic "Ѵ"): a disguise on its own
        evidence. Words some alphabet holds ("ВІКІ", "ОЅСЕ", "МОСКВА") still wait."""
        if not item.lookalike or item.end - item.start < 2:
            return False
        word = self.text[item.start : item.end]
        scripts = {s for _, _, s in item.letters}
        return scripts == {"CYRILLIC"} and word.isupper() and not written_by_some_language(word)

    def reverse_scan(self) -> None:
        text = self.text
        changes = self.result.changes
        for index, scripts in sorted(self.evidence_paragraphs.items()):
            start, end = self.paragraph_bounds(index)
            for m in _ASCII_WORD.finditer(text, start, end):
                ws, we = m.span()
                before = text[ws - 1] if ws > 0 else ""
                after = text[we] if we < self.n else ""
                if (before and _is_word_char(before)) or (after and _is_word_char(after)):
                    continue  # part of a mixed word, handled already
                word = m.group()
                if len(word) > 1 and word.isupper():
                    continue  # acronyms and Roman numerals are genuine in Cyrillic text
                if _symbolic(before) or _symbolic(after):
                    continue  # "°C", "5 m", "a)": units and labels
                target = self.context(ws)
                if target not in scripts:
                    continue
                mapping: Mapping[str, str] = self.t.from_latin.get(target, {})
                if not all(ch in mapping for ch in word):
                    continue
                for offset, ch in enumerate(word):
                    changes.append(
                        Change(ws + offset, ws + offset + 1, mapping[ch], "homoglyph", "Latin")
                    )
                self.result.words.append((ws, we))
                self.result.lookalike_words += 1


@dataclass(frozen=True, slots=True)
class _LatinWord:
    """What the letters of one word say in Latin text (see :meth:`_Run.latin_text`)."""

    defer: bool  # made only of look-alikes, or in capitals: waits for evidence
    lookalike: bool  # made only of look-alikes
    math: bool  # repairs a letter of a script also used for symbols: waits next to a digit
    repairs: tuple[tuple[int, str, str], ...]  # (offset in the word, letter, script)


@dataclass(frozen=True, slots=True)
class _Deferred:
    """A word whose repair waits for evidence elsewhere in the document."""

    start: int
    end: int
    target: str
    letters: tuple[tuple[int, str, str], ...]
    lookalike: bool  # made only of look-alikes (else: a mixed word in capitals)


__all__ = ["WINDOW", "HomoglyphRepairer", "HomoglyphResult", "paragraph_starts"]
