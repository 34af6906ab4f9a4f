"""Character tables for the repairs, derived from maintained Unicode data at set-up time.

Nothing here is typed by hand: look-alike letters come from the Unicode confusables data
(UTS #39) and the script of every code point from the Unicode Scripts data, both as shipped by
the ``confusable_homoglyphs`` package; compatibility forms come from the standard library's
``unicodedata`` (NFKC). The tables are built once per :class:`Tables` object (the stage holds
one) and never change afterwards.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from confusable_homoglyphs import categories as _categories
from confusable_homoglyphs import confusables as _confusables

LATIN = "LATIN"
COMMON = "COMMON"
INHERITED = "INHERITED"
UNKNOWN = "UNKNOWN"
GREEK = "GREEK"

#: Scripts that carry no letters of their own for the purpose of deciding a word's script.
NEUTRAL_SCRIPTS = frozenset({COMMON, INHERITED, UNKNOWN})

#: Blocks whose compatibility letters disguise plain letters: Letterlike Symbols (which fill the
#: holes of the mathematical alphabets, e.g. U+210E PLANCK CONSTANT for italic h), Enclosed
#: Alphanumerics, Halfwidth and Fullwidth Forms, Mathematical Alphanumeric Symbols and the
#: Enclosed Alphanumeric Supplement. Block bounds from the Unicode Blocks data.
_COMPAT_BLOCKS = (
    (0x2100, 0x214F),
    (0x2460, 0x24FF),
    (0xFF00, 0xFFEF),
    (0x1D400, 0x1D7FF),
    (0x1F100, 0x1F1FF),
)

#: Scripts whose letters are also used as mathematical symbols in English text: the scripts
#: that have Mathematical Alphanumeric Symbols (Latin and Greek). A lone Greek "α" in English
#: may be an angle, so it is repaired only when the document shows Greek disguises elsewhere.
_MATH_BLOCK = (0x1D400, 0x1D7FF)

#: The letters of today's alphabets in the scripts whose words we repair toward: the start of
#: each script's Unicode block (Cyrillic U+0400-U+045F holds the Russian, Ukrainian,
#: Belarusian, Bulgarian, Serbian and Macedonian letters; Greek U+0386-U+03CE the monotonic
#: alphabet; Armenian U+0531-U+0587 the whole alphabet). A Latin letter inside a Cyrillic word
#: becomes one of these, never an archaic look-alike such as izhitsa "ѵ" for "v"; and a Latin
#: letter without such a look-alike ("v", "h", "d") marks its word as genuinely Latin.
_MODERN_LETTERS = {
    "CYRILLIC": (0x0400, 0x045F),
    "GREEK": (0x0386, 0x03CE),
    "ARMENIAN": (0x0531, 0x0587),
}

#: Scripts of Chinese, Japanese and Korean text, where fullwidth letters are the normal form.
_CJK_SCRIPTS = frozenset({"HAN", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO"})


def _ranges_class(ranges: Iterable[tuple[int, int]]) -> str:
    """A regex character class body for inclusive code-point ranges."""
    parts: list[str] = []
    for lo, hi in ranges:
        if lo == hi:
            parts.append(re.escape(chr(lo)))
        else:
            parts.append(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
    return "".join(parts)


class CharClass:
    """A character class compiled twice: exactly for text without astral characters, and
    approximately for any text.

    Python's regex engine keeps a bitmap for characters of the Basic Multilingual Plane but
    tests every character against each astral range in turn: a class with a few hundred astral
    ranges scanned English text at about 1 MB/s. Most text has no astral character at all
    (:func:`has_astral` tells in one pass at memory speed), and gets :attr:`bmp`; other text
    gets :attr:`any`, where all astral members are approximated by the one range that covers
    them, so an astral match must be checked before it is trusted.
    """

    __slots__ = ("any", "bmp")

    def __init__(self, points: Iterable[int], repeat: str = "") -> None:
        members = sorted(set(points))
        bmp = _to_ranges(cp for cp in members if cp <= 0xFFFF)
        astral = [cp for cp in members if cp > 0xFFFF]
        covering = [*bmp, (astral[0], astral[-1])] if astral else bmp
        body = _ranges_class(bmp)
        # "(?!)" never matches: a class whose members are all astral has no BMP pattern.
        self.bmp: re.Pattern[str] = re.compile(f"[{body}]{repeat}" if body else "(?!)")
        self.any: re.Pattern[str] = re.compile(f"[{_ranges_class(covering)}]{repeat}")

    def pick(self, astral: bool) -> re.Pattern[str]:
        """The pattern to scan a text with; ``astral`` says whether it has astral characters."""
        return self.any if astral else self.bmp


def has_astral(text: str) -> bool:
    """True when ``text`` holds a character beyond U+FFFF (an emoji, a mathematical letter).

    Such a character takes two UTF-16 code units; encoding runs in C at memory speed.
    """
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


#: The ASCII characters :func:`present_chars` leaves out: printable ones and the whitespace
#: controls (tab, line feed, vertical tab, form feed, carriage return). The other ASCII
#: controls stay in, since the invisible-character pass acts on them.
PLAIN_ASCII = "".join(chr(c) for c in (*range(0x09, 0x0E), *range(0x20, 0x7F)))
_PLAIN_ASCII_BYTES = PLAIN_ASCII.encode("ascii")


def present_chars(text: str) -> str:
    """The distinct characters of ``text`` other than :data:`PLAIN_ASCII`, in no set order.

    Whether a text holds any member of a character class is a property of the characters it
    holds, so a class searched in this short string answers the question for the whole text.
    Scraped news is mostly ASCII, and this costs one UTF-8 encoding and one byte deletion in
    C, where each search of a large class in the whole text costs a pass of the regex engine
    (about 2.5 ms per MB). Lone surrogates survive the round trip as themselves.
    """
    kept = text.encode("utf-8", "surrogatepass").translate(None, _PLAIN_ASCII_BYTES)
    return "".join(set(kept.decode("utf-8", "surrogatepass")))


def _to_ranges(points: Iterable[int]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for cp in sorted(set(points)):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    return ranges


def _same_case(a: str, b: str) -> bool:
    return (a.isupper() and b.isupper()) or (a.islower() and b.islower())


class Tables:
    """Look-alike maps, scripts and character classes for one sanitizer.

    Attributes:
        to_latin: each non-Latin letter that looks like an ASCII letter, mapped to that letter
            with the same case (Cyrillic "а" to "a", Greek "Ο" to "O", Armenian "օ" to "o").
        from_latin: per script (Cyrillic, Greek, Armenian), each ASCII letter mapped to the
            letter of that script's modern alphabet it looks like (for Latin letters hidden in
            Cyrillic or Greek words).
        compat: compatibility letters (fullwidth, mathematical, enclosed) mapped to their NFKC
            form.
        compat_latin: those whose NFKC form is a non-ASCII letter that looks like an ASCII
            one (mathematical Greek capitals, dotless i), mapped to that ASCII letter.
        compat_script: the script of each compatibility letter's NFKC form (of its first
            letter or digit), title-cased as in edit records.
        math_scripts: scripts whose letters also serve as mathematical symbols.
        nonlatin, genuine, lookalike: classes of letters of scripts other than Latin: all of
            them, those with no Latin look-alike, those with one.
        latin_letter: letters of the Latin script.
        cjk: letters of Chinese, Japanese and Korean text.
        compat_one, compat_run: compatibility letters, one or a run.
    """

    __slots__ = (
        "_ends",
        "_script_ids",
        "_script_names",
        "_starts",
        "cjk",
        "compat",
        "compat_latin",
        "compat_one",
        "compat_run",
        "compat_script",
        "from_latin",
        "genuine",
        "genuine_run",
        "latin_letter",
        "latin_table",
        "lookalike",
        "lookalike_scripts",
        "lookalike_word",
        "math_scripts",
        "nonlatin",
        "to_latin",
        "word_back",
        "word_rest",
    )

    def __init__(self) -> None:
        data = _categories.categories_data
        names: list[str] = list(data["iso_15924_aliases"])
        cats: list[str] = list(data["categories"])
        ranges: list[list[int]] = data["code_points_ranges"]
        self._starts = [r[0] for r in ranges]
        self._ends = [r[1] for r in ranges]
        self._script_ids = [r[2] for r in ranges]
        self._script_names = names

        confusables: Mapping[str, list[dict[str, str]]] = _confusables.confusables_data
        self.to_latin = MappingProxyType(self._build_to_latin(confusables))
        self.from_latin = MappingProxyType(
            {s: MappingProxyType(m) for s, m in self._build_from_latin(confusables).items()}
        )
        self.compat = MappingProxyType(self._build_compat())
        self.compat_latin = MappingProxyType(self._build_compat_latin(confusables))
        # For edit records: the script of the first letter or digit of each NFKC form.
        self.compat_script = MappingProxyType(
            {
                ch: self.script_of(next((c for c in norm if c.isalnum()), norm[0])).title()
                for ch, norm in self.compat.items()
            }
        )
        self.math_scripts = frozenset(
            self.script_of(unicodedata.normalize("NFKC", chr(cp)))
            for cp in range(_MATH_BLOCK[0], _MATH_BLOCK[1] + 1)
            if unicodedata.category(chr(cp)).startswith("L")
            and len(unicodedata.normalize("NFKC", chr(cp))) == 1
        ) - {LATIN}

        # Letters of scripts other than Latin, from the Scripts data: genuine ones (no Latin
        # look-alike) tell what language a stretch of text is in; look-alike ones may disguise.
        nonlatin: list[int] = []
        cjk: list[tuple[int, int]] = []
        marks: list[tuple[int, int]] = []
        latin: list[int] = []
        for lo, hi, script_id, cat_id in ranges:
            script = names[script_id]
            if script == LATIN and cats[cat_id] in ("L", "Lm", "Lo"):
                latin.extend(range(lo, hi + 1))
            if cats[cat_id] in ("Mn", "Mc", "Me") and hi <= 0xFFFF:
                marks.append((lo, hi))
            if cats[cat_id] in ("L", "Lm", "Lo") and script not in NEUTRAL_SCRIPTS | {LATIN}:
                nonlatin.extend(range(lo, hi + 1))
            if script in _CJK_SCRIPTS:
                cjk.append((lo, hi))
        lookalike_points = {ord(c) for c in self.to_latin}
        genuine = [cp for cp in nonlatin if cp not in lookalike_points]
        self.nonlatin = CharClass(nonlatin)
        self.latin_letter = CharClass(latin)
        self.genuine = CharClass(genuine)
        self.genuine_run = CharClass(genuine, "+")
        self.lookalike = CharClass(lookalike_points)
        self.cjk = CharClass(cp for lo, hi in cjk for cp in range(lo, hi + 1))
        # A bare class scans at memory speed; "class+" does not (the engine has no fast loop
        # for it), so the bare class finds the first one and the run pattern goes on from there.
        self.compat_one = CharClass(ord(c) for c in self.compat)
        self.compat_run = CharClass((ord(c) for c in self.compat), "+")
        # The rest of a word from a position: letters ([^\W\d_]) and the combining marks of the
        # Basic Multilingual Plane, which \w does not include.
        self.word_rest = re.compile(f"(?:[^\\W\\d_]|[{_ranges_class(marks)}])*")
        # For text without astral characters: a look-alike and the rest of its word in one
        # match (the pattern starts with a bare class, so the engine still skips to the next
        # look-alike at memory speed), and the characters a word extends over backwards
        # (letters, and combining marks above U+02FF), matched on the reversed text. In both,
        # group 1 is the ASCII letters the word starts with (from there), so a word whose
        # letters there are all ASCII is told by where the group ends, without a slice.
        self.lookalike_word = re.compile(
            self.lookalike.bmp.pattern + "([A-Za-z]*)" + self.word_rest.pattern
        )
        self.word_back = re.compile(
            "([A-Za-z]*)["
            + _ranges_class(
                _to_ranges(
                    cp
                    for cp in range(0x10000)
                    if chr(cp).isalpha() or (cp > 0x2FF and unicodedata.category(chr(cp))[0] == "M")
                )
            )
            + "]*"
        )
        # For str.translate, and the script name of each look-alike, for edit records.
        self.latin_table = MappingProxyType({ord(k): v for k, v in self.to_latin.items()})
        self.lookalike_scripts = MappingProxyType(
            {k: self.script_of(k).title() for k in self.to_latin}
        )

    def is_genuine(self, ch: str) -> bool:
        """True for a letter of a script other than Latin that has no Latin look-alike."""
        return (
            unicodedata.category(ch)[0] == "L"
            and ch not in self.to_latin
            and self.script_of(ch) not in NEUTRAL_SCRIPTS | {LATIN}
        )

    def has_genuine(self, text: str, astral: bool, start: int = 0, end: int | None = None) -> bool:
        """True when ``text[start:end]`` holds a genuine letter (see :meth:`is_genuine`)."""
        stop = len(text) if end is None else end
        pos = start
        pattern = self.genuine.pick(astral)
        while True:
            m = pattern.search(text, pos, stop)
            if m is None:
                return False
            ch = m.group()
            if ch <= "\uffff" or self.is_genuine(ch):
                return True
            pos = m.end()

    def script_of(self, ch: str) -> str:
        """The Unicode script of one character ("LATIN", "CYRILLIC", "COMMON", ...)."""
        cp = ord(ch)
        i = bisect_right(self._starts, cp) - 1
        if i < 0 or cp > self._ends[i]:
            return UNKNOWN
        return self._script_names[self._script_ids[i]]

    def _build_to_latin(self, confusables: Mapping[str, list[dict[str, str]]]) -> dict[str, str]:
        # First pass: every candidate ASCII look-alike of each non-Latin letter, in data order.
        candidates: dict[str, list[str]] = {}
        for key, entries in confusables.items():
            if len(key) != 1 or not unicodedata.category(key).startswith("L"):
                continue
            if self.script_of(key) in NEUTRAL_SCRIPTS | {LATIN}:
                continue
            ascii_letters = [
                e["c"]
                for e in entries
                if len(e["c"]) == 1 and e["c"].isascii() and e["c"].isalpha()
            ]
            if ascii_letters:
                candidates[key] = ascii_letters
        result: dict[str, str] = {}
        for key, options in candidates.items():
            chosen = self._pick_case(key, options, candidates)
            if chosen is not None:
                result[key] = chosen
        return result

    @staticmethod
    def _pick_case(key: str, options: list[str], candidates: Mapping[str, list[str]]) -> str | None:
        # UTS #39 maps to a case-blind skeleton (Cyrillic "І" is listed with Latin "l"); a repair
        # must keep the case, so take a same-case candidate, else derive one from the letter's
        # other case ("і" looks like "i", so "І" looks like "I"), else keep an uncased letter's.
        same = [o for o in options if _same_case(o, key)]
        if same:
            return same[0]
        other = key.swapcase()
        if len(other) == 1 and other != key and other in candidates:
            derived = [o.swapcase() for o in candidates[other] if _same_case(o, other)]
            if derived:
                return derived[0]
        if key.isupper() or key.islower():
            return None
        return options[0]

    def _build_from_latin(
        self, confusables: Mapping[str, list[dict[str, str]]]
    ) -> dict[str, dict[str, str]]:
        # The reverse direction, per script: an ASCII letter inside a Cyrillic word becomes the
        # Cyrillic letter it looks like. Taken from the forward map so that the two agree, and
        # only toward the letters of modern alphabets (see _MODERN_LETTERS); when several letters
        # of a script look like the same ASCII letter (Greek "ο" and "σ" both look like "o"),
        # the one listed first in the confusables data wins.
        result: dict[str, dict[str, str]] = {}
        order = {key: i for i, key in enumerate(confusables)}
        position: dict[tuple[str, str], int] = {}
        for letter, ascii_letter in self.to_latin.items():
            script = self.script_of(letter)
            bounds = _MODERN_LETTERS.get(script)
            if bounds is None or not bounds[0] <= ord(letter) <= bounds[1]:
                continue
            rank = self._rank(confusables, ascii_letter, letter, order)
            slot = result.setdefault(script, {})
            best = position.get((script, ascii_letter))
            if best is None or rank < best:
                slot[ascii_letter] = letter
                position[(script, ascii_letter)] = rank
        return result

    @staticmethod
    def _rank(
        confusables: Mapping[str, list[dict[str, str]]],
        ascii_letter: str,
        letter: str,
        order: Mapping[str, int],
    ) -> int:
        for i, entry in enumerate(confusables.get(ascii_letter, ())):
            if entry["c"] == letter:
                return i
        for i, entry in enumerate(confusables.get(ascii_letter.swapcase(), ())):
            if entry["c"] == letter.swapcase():
                return i
        return 10_000 + order.get(letter, 0)

    def _build_compat_latin(
        self, confusables: Mapping[str, list[dict[str, str]]]
    ) -> dict[str, str]:
        # Mathematical letters whose NFKC form is not ASCII but looks like an ASCII letter:
        # bold Greek capital beta is a Greek "Β", italic dotless i a Latin "ı". Inside Latin
        # text they stand for "B" and "i".
        result: dict[str, str] = {}
        for ch, norm in self.compat.items():
            if len(norm) != 1 or norm.isascii() or not norm.isalpha():
                continue
            latin = self.to_latin.get(norm)
            if latin is None and self.script_of(norm) == LATIN:
                same_case = [
                    e["c"]
                    for e in confusables.get(norm, ())
                    if len(e["c"]) == 1
                    and e["c"].isascii()
                    and e["c"].isalpha()
                    and _same_case(e["c"], norm)
                ]
                latin = same_case[0] if same_case else None
            if latin is not None:
                result[ch] = latin
        return result

    @staticmethod
    def _build_compat() -> dict[str, str]:
        # A compatibility character is repaired only when NFKC turns it into letters or digits
        # (never punctuation: fullwidth "，" and "！" are ordinary in Chinese and Japanese text).
        result: dict[str, str] = {}
        for lo, hi in _COMPAT_BLOCKS:
            for cp in range(lo, hi + 1):
                ch = chr(cp)
                if unicodedata.category(ch) == "Cn":
                    continue
                norm = unicodedata.normalize("NFKC", ch)
                if norm == ch or not any(c.isalnum() for c in norm):
                    continue
                if lo == 0xFF00 and not (norm.isascii() and norm.isalnum()):
                    # Halfwidth katakana and hangul are the normal forms in their own texts.
                    continue
                if lo in (0x2460, 0x1F100) and not any(c.isalpha() for c in norm):
                    # Circled and parenthesised numbers ("①") are list markers, not disguises.
                    continue
                if lo == 0x2100 and not (len(norm) == 1 and norm.isalpha()):
                    # "№", "℃" and "™" are ordinary symbols; only single letters disguise.
                    continue
                result[ch] = norm
        return result


__all__ = [
    "COMMON",
    "GREEK",
    "INHERITED",
    "LATIN",
    "NEUTRAL_SCRIPTS",
    "PLAIN_ASCII",
    "UNKNOWN",
    "CharClass",
    "Tables",
    "has_astral",
    "present_chars",
]
