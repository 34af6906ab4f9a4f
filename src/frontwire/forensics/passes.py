"""The repair passes that come before look-alike letters: encoding, invisible characters,
compatibility forms and odd spaces.

Each pass takes the current text and returns its :class:`~frontwire.forensics.edits.Change`
list in that text's coordinates. Each finds its work with one compiled regular expression
over the whole text, so clean text costs one scan in C, and every loop is linear in the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

import ftfy
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES

from frontwire.forensics.edits import Change
from frontwire.forensics.tables import CharClass, Tables, present_chars

# ---- encoding ----------------------------------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATES = re.compile("[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]")

# ftfy's badness expression finds mojibake but scans slowly (about 6 MB/s), so it runs only
# around the characters every one of its patterns needs: ftfy's own rare categories, plus the
# Cyrillic and Greek capitals its three-letter Windows-1251/1253 patterns start with. Commas,
# quotes, dashes and plain Cyrillic or Greek letters never make a match on their own, so clean
# English, Ukrainian and Greek text is not searched. (Checked against ftfy's test cases and
# random text in tests/forensics/test_forensics_passes.py.)
_RARE_CATEGORIES = (
    "c1",
    "bad",
    "law",
    "currency",
    "numeric",
    "kaomoji",
    "upper_accented",
    "lower_accented",
    "box",
)
_MOJIBAKE_ANCHOR = re.compile(
    "[" + "".join(MOJIBAKE_CATEGORIES[name] for name in _RARE_CATEGORIES) + "ЂВГРСΒΓΞΟ]"
)
#: Longest stretch a badness pattern covers either side of its anchor character.
_BADNESS_REACH = 7


def is_bad_near_anchors(
    text: str, start: int = 0, end: int | None = None, anchors: str | None = None
) -> bool:
    """``ftfy.badness.is_bad(text[start:end])``, searching only around anchor characters.

    Args:
        text: the text.
        start: where the stretch to judge starts.
        end: where it ends; the end of the text when None.
        anchors: the anchor characters ``text`` may hold (any superset of those it holds);
            they are then found with ``str.find`` rather than a search for the whole class.
    """
    stop = len(text) if end is None else end
    if anchors is None:
        positions: Iterable[int] = (m.start() for m in _MOJIBAKE_ANCHOR.finditer(text, start, stop))
    else:
        positions = sorted(_occurrences(text, anchors, start, stop))
    lo = hi = -1
    for pos in positions:
        a = pos - _BADNESS_REACH
        b = pos + 1 + _BADNESS_REACH
        if a <= hi:
            hi = b  # overlapping windows are searched as one
            continue
        if hi > lo and BADNESS_RE.search(text, max(start, lo), min(stop, hi)):
            return True
        lo, hi = a, b
    return hi > lo and BADNESS_RE.search(text, max(start, lo), min(stop, hi)) is not None


def _occurrences(text: str, chars: str, start: int, stop: int) -> Iterator[int]:
    """Offsets in ``text[start:stop]`` of each of ``chars``, character by character."""
    for ch in chars:
        at = text.find(ch, start, stop)
        while at >= 0:
            yield at
            at = text.find(ch, at + 1, stop)


def _first_hit(pattern: re.Pattern[str], text: str, present: str | None) -> int | None:
    """Where ``pattern`` (a single character class) first matches ``text``, or None.

    ``present`` (``tables.present_chars``, or None) holds every character of ``text`` beyond
    plain ASCII: a class that finds none of them cannot match the text, which is then not
    scanned at all.
    """
    if present is not None and pattern.search(present) is None:
        return None
    found = pattern.search(text)
    return found.start() if found is not None else None


def surrogate_changes(text: str, present: str | None = None) -> list[Change]:
    """Join surrogate pairs and replace lone surrogates with U+FFFD.

    A Python string holds surrogates only when bytes were decoded leniently (``surrogatepass``
    or JSON ``"\\ud83d"`` escapes); a pair is one character split in two, a lone one is a
    character lost for good, and U+FFFD is what any UTF-8 decoder would have put there.

    Args:
        text: the text.
        present: the distinct characters of ``text`` beyond plain ASCII, or a superset of them
            (``tables.present_chars``): when none is a surrogate, the text is not scanned.
    """
    # A single character class scans at memory speed; the alternation below does not, so it
    # runs only on text that has a surrogate at all.
    first = _first_hit(_SURROGATE, text, present)
    if first is None:
        return []
    changes: list[Change] = []
    for m in _SURROGATES.finditer(text, first):
        found = m.group()
        if len(found) == 2:
            high, low = ord(found[0]), ord(found[1])
            joined = chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            changes.append(Change(m.start(), m.end(), joined, "mojibake"))
        else:
            changes.append(Change(m.start(), m.end(), "\ufffd", "mojibake"))
    return changes


def mojibake_changes(text: str, present: str | None = None) -> list[Change]:
    """ftfy's encoding fixes, line by line, only on lines that look like mojibake.

    Only the encoding fixes run (``ftfy.fix_encoding``): quotes, ligatures, widths, line breaks
    and normalisation stay exactly as they are. Each changed line is narrowed to the words that
    changed, so an edit covers "Ã©" rather than the whole line.

    Args:
        text: the text.
        present: the distinct characters of ``text`` beyond plain ASCII, or a superset of them
            (``tables.present_chars``); found here when None.
    """
    if text.isascii():
        return []
    if present is None:
        present = present_chars(text)
    # The anchors the text holds, each found with str.find (a scan at memory speed): the
    # anchor class in the regex engine costs a slow pass over the whole text, and the usual
    # text holds none of them or a few (attacked English: the Cyrillic and Greek capitals).
    next_at: dict[str, int] = {}
    for ch in present:
        if _MOJIBAKE_ANCHOR.match(ch):
            at = text.find(ch)
            if at >= 0:
                next_at[ch] = at
    anchors = "".join(next_at)
    bad_lines: list[tuple[int, int]] = []
    n = len(text)
    pos = _next_anchor(text, next_at, 0)
    while pos >= 0:
        line_start = text.rfind("\n", 0, pos) + 1
        line_end = text.find("\n", pos + 1)
        if line_end < 0:
            line_end = n
        if is_bad_near_anchors(text, line_start, line_end, anchors):
            bad_lines.append((line_start, line_end))
        pos = _next_anchor(text, next_at, line_end)
    changes: list[Change] = []
    for line_start, line_end in bad_lines:
        line = text[line_start:line_end]
        fixed = ftfy.fix_encoding(line)
        if fixed != line:
            changes.extend(_narrow(line, fixed, line_start))
    return changes


def _next_anchor(text: str, next_at: dict[str, int], pos: int) -> int:
    """The first offset from ``pos`` on holding one of the anchors in ``next_at``, or -1.

    ``next_at`` holds each anchor's next offset found so far; it is updated in place, and an
    anchor that does not occur again is dropped.
    """
    best = -1
    for ch, at in list(next_at.items()):
        if at < pos:
            at = text.find(ch, pos)
            if at < 0:
                del next_at[ch]
                continue
            next_at[ch] = at
        if best < 0 or at < best:
            best = at
    return best


def _narrow(old: str, new: str, offset: int) -> list[Change]:
    # Word by word when the fix kept the spaces where they were (the usual case); otherwise
    # one change over the stretch between the common prefix and suffix.
    old_words = old.split(" ")
    new_words = new.split(" ")
    if len(old_words) == len(new_words):
        changes: list[Change] = []
        pos = offset
        for a, b in zip(old_words, new_words, strict=True):
            if a != b:
                changes.extend(_trimmed(a, b, pos))
            pos += len(a) + 1
        return changes
    return _trimmed(old, new, offset)


def _trimmed(old: str, new: str, offset: int) -> list[Change]:
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    return [
        Change(
            offset + prefix,
            offset + len(old) - suffix,
            new[prefix : len(new) - suffix],
            "mojibake",
        )
    ]


# ---- invisible and control characters ----------------------------------------------------

_ZWNJ = "\u200c"
_ZWJ = "\u200d"
_BLACK_FLAG = "\U0001f3f4"
_CANCEL_TAG = "\U000e007f"
#: Zero-width space, joiners, word joiner and invisible operators, soft hyphen, byte-order mark,
#: bidi embeddings, overrides and isolates, interlinear annotation marks, the Mongolian vowel
#: separator, the tag characters, and C0 and C1 controls other than tab, line breaks and NEL.
_INVISIBLE_RANGES = (
    (0x200B, 0x200D),
    (0x2060, 0x2064),
    (0x00AD, 0x00AD),
    (0xFEFF, 0xFEFF),
    (0x202A, 0x202E),
    (0x2066, 0x2069),
    (0xFFF9, 0xFFFB),
    (0x180E, 0x180E),
    (0x00, 0x08),
    (0x0E, 0x1F),
    (0x7F, 0x84),
    (0x86, 0x9F),
    (0xE0001, 0xE007F),
)
_INVISIBLE_BMP = "".join(
    f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in _INVISIBLE_RANGES if hi <= 0xFFFF
)
_TAGS = "\U000e0001-\U000e007f"
# A bare class has a fast scanning loop in Python's regex engine; "class+" does not, so the
# bare class finds the first one and the run pattern takes over from there. The tag
# characters are astral, and an astral range slows every scan (see tables.CharClass), so they
# are searched for only in text that has astral characters.
_INVISIBLE_ONE_BMP = re.compile(f"[{_INVISIBLE_BMP}]")
_INVISIBLE_ONE_ANY = re.compile(f"[{_INVISIBLE_BMP}{_TAGS}]")
_INVISIBLE = re.compile(f"[{_INVISIBLE_BMP}{_TAGS}]+")
_CONTROLS = frozenset(
    [chr(c) for c in (*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F, *range(0x80, 0x85))]
    + [chr(c) for c in range(0x86, 0xA0)]
)
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Scripts whose spelling never uses a zero-width joiner or non-joiner: between two of their
#: letters a joiner can only hide a word from search. Elsewhere (Arabic and Persian, Indic
#: scripts, emoji sequences) joiners are part of the text and stay.
_NO_JOINER_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "COMMON", "INHERITED"})


def is_bidi_control(ch: str) -> bool:
    """True for bidi embeddings, overrides and isolates (not for the marks LRM/RLM)."""
    return ch in _BIDI


def invisible_changes(
    text: str, tables: Tables, astral: bool = True, present: str | None = None
) -> list[Change]:
    """Remove invisible characters, and control characters inside words.

    Zero-width joiners and non-joiners stay next to letters of scripts that need them and in
    emoji sequences; tag characters stay in emoji tag sequences (subdivision flags).

    Args:
        text: the text.
        tables: the character tables.
        astral: whether ``text`` has characters beyond U+FFFF (see ``tables.has_astral``).
        present: the distinct characters of ``text`` beyond plain ASCII, or a superset of them
            (``tables.present_chars``): when none is invisible, the text is not scanned.
    """
    one = _INVISIBLE_ONE_ANY if astral else _INVISIBLE_ONE_BMP
    first = _first_hit(one, text, present)
    if first is None:
        return []
    changes: list[Change] = []
    n = len(text)
    for m in _INVISIBLE.finditer(text, first):
        start, end = m.span()
        run = m.group()
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < n else ""
        if all(ch in _CONTROLS for ch in run) and not (before.isalnum() and after.isalnum()):
            # A control character between words may be intentional (ftfy keeps them too);
            # between two letters it can only be splitting a word.
            continue
        if _ZWJ in run or _ZWNJ in run:
            keep_joiners = _needs_joiner(before, tables) or _needs_joiner(after, tables)
        else:
            keep_joiners = False
        keep_tags = before == _BLACK_FLAG and run.endswith(_CANCEL_TAG)
        if not keep_joiners and not keep_tags:
            changes.append(Change(start, end, "", "invisible"))
            continue
        # Remove the rest of the run around the characters that stay.
        cut_from = -1
        for i in range(start, end):
            ch = text[i]
            stays = (keep_joiners and ch in (_ZWJ, _ZWNJ)) or (
                keep_tags and 0xE0020 <= ord(ch) <= 0xE007F
            )
            if stays:
                if cut_from >= 0:
                    changes.append(Change(cut_from, i, "", "invisible"))
                    cut_from = -1
            elif cut_from < 0:
                cut_from = i
        if cut_from >= 0:
            changes.append(Change(cut_from, end, "", "invisible"))
    return changes


def _needs_joiner(ch: str, tables: Tables) -> bool:
    if not ch:
        return False
    if unicodedata.category(ch) in ("So", "Sk") or "\ufe00" <= ch <= "\ufe0f":
        return True
    return tables.script_of(ch) not in _NO_JOINER_SCRIPTS


# ---- compatibility forms and odd spaces --------------------------------------------------

#: Spaces that are turned into a plain space. No-break spaces (U+00A0, U+2007, U+202F) stay:
#: they keep a number or a name together and are ordinary in French and typeset text.
_ODD_SPACES_CHARS = "\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000"
_ODD_SPACES = re.compile(f"[{_ODD_SPACES_CHARS}]")
#: Characters either side of a fullwidth letter or an ideographic space that are searched for
#: Chinese, Japanese or Korean text, where fullwidth forms are the normal ones.
_CJK_REACH = 64


def compatibility_changes(
    text: str, tables: Tables, astral: bool = True, present: str | None = None
) -> list[Change]:
    """Fullwidth, mathematical and enclosed letters to plain ones; odd spaces to spaces.

    NFKC is applied per character of those kinds only, never to the whole text: it would also
    change legitimate text ("½", "ﬁ", superscripts). A mathematical letter whose NFKC form is
    a Greek capital or a dotless i becomes the ASCII letter it looks like when it sits in Latin
    text ("A𝚩C" is "ABC"); in a Greek formula it stays Greek.

    Args:
        text: the text.
        tables: the character tables.
        astral: whether ``text`` has characters beyond U+FFFF (see ``tables.has_astral``).
        present: the distinct characters of ``text`` beyond plain ASCII, or a superset of them
            (``tables.present_chars``); found here when None.
    """
    if text.isascii():
        return []
    if present is None:
        present = present_chars(text)
    changes: list[Change] = []
    first = tables.compat_one.pick(astral).search(text)
    compat = tables.compat
    compat_latin = tables.compat_latin
    compat_script = tables.compat_script
    script_of = tables.script_of

    def script_title(letter: str) -> str:
        return script_of(letter).title()

    new_change = tuple.__new__
    cjk = tables.cjk.pick(astral)
    # Text without Chinese, Japanese or Korean letters (or odd spaces) is not searched for
    # them around each fullwidth letter (or at all): the searches would find nothing.
    has_cjk = cjk.search(present) is not None
    n = len(text)
    for m in _runs(text, first, tables.compat_one.pick(astral), tables.compat_run.pick(astral)):
        start, end = m.span()
        if (
            has_cjk
            and _FULLWIDTH.search(text, start, end)
            and cjk.search(text, max(0, start - _CJK_REACH), min(n, end + _CJK_REACH))
        ):
            continue
        latin_context: bool | None = None  # decided once per run, when needed
        for i in range(start, end):
            ch = text[i]
            norm = compat.get(ch)
            if norm is None:
                continue  # an astral character the class only approximates
            ascii_letter = compat_latin.get(ch)
            if ascii_letter is not None:
                if latin_context is None:
                    latin_context = _in_latin_text(text, start, end, tables, astral)
                if latin_context:
                    changes.append(
                        Change(i, i + 1, ascii_letter, "compatibility", script_title(ascii_letter))
                    )
                    continue
            # Change is a NamedTuple: tuple.__new__ skips its Python-level __new__, which
            # costs as much again as the tuple, once per repaired letter.
            changes.append(new_change(Change, (i, i + 1, norm, "compatibility", compat_script[ch])))
    in_order = len(changes)
    spaces = _ODD_SPACES.finditer(text) if _ODD_SPACES.search(present) else ()
    for m in spaces:
        start = m.start()
        if m.group() == "\u3000" and cjk.search(
            text, max(0, start - _CJK_REACH), min(n, start + 1 + _CJK_REACH)
        ):
            continue
        changes.append(Change(start, start + 1, " ", "space"))
    if len(changes) > in_order:
        # Letters came in order; odd spaces, found in a second scan, go between them.
        changes.sort(key=lambda c: c.start)
    return changes


_FULLWIDTH = re.compile("[\uff00-\uffef]")


def _runs(
    text: str, first: re.Match[str] | None, one: re.Pattern[str], run: re.Pattern[str]
) -> Iterator[re.Match[str]]:
    """The matches of ``run`` (``one`` repeated) in ``text`` from ``first`` on.

    ``run.finditer`` would give the same matches, but the engine has no fast loop to skip to
    the start of a repeated class and scans text without them slowly, so the bare class
    finds each start and the run pattern takes over only there.
    """
    if first is None:
        return
    end = 0
    for found in one.finditer(text, first.start()):
        if found.start() < end:
            continue  # inside the run just given
        m = run.match(text, found.start())
        if m is None:  # not reached: a match of the class starts a run
            return
        yield m
        end = m.end()


def rare_class(tables: Tables) -> CharClass:
    """Every character that the surrogate, invisible and compatibility passes act on.

    One scan with this class tells whether any of those passes has work to do; most scraped
    text has none of these characters, and three scans become one.
    """
    points: set[int] = set(range(0xD800, 0xE000))
    points.update(ord(c) for c in _ODD_SPACES_CHARS)
    points.update(ord(c) for c in tables.compat)
    for lo, hi in _INVISIBLE_RANGES:
        points.update(range(lo, hi + 1))
    return CharClass(points)


_ASCII_LETTER = re.compile("[A-Za-z]")
#: Characters either side of a run of mathematical letters that tell whether it sits in Latin
#: text: a few words.
_CONTEXT_REACH = 32


def _in_latin_text(text: str, start: int, end: int, tables: Tables, astral: bool) -> bool:
    """True when ``text[start:end]`` sits in a Latin word, or among Latin words only."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
        return True
    lo = max(0, start - _CONTEXT_REACH)
    hi = min(len(text), end + _CONTEXT_REACH)
    return _ASCII_LETTER.search(text, lo, hi) is not None and not tables.has_genuine(
        text, astral, lo, hi
    )


__all__ = [
    "compatibility_changes",
    "invisible_changes",
    "is_bad_near_anchors",
    "is_bidi_control",
    "mojibake_changes",
    "rare_class",
    "surrogate_changes",
]
