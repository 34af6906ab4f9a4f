"""Find directly quoted speech by its quote marks, in linear time, whatever the marks.

Written by hand because no maintained library finds quotations across the styles news uses
(“ ” " " ‘ ’ « » „ “ ‚ ‘) and survives broken text: textacy's ``direct_quotations`` knows one
style per sentence and needs balanced marks. The rules:

- A quote opens at an opening mark and closes at the first closing mark of the same family
  after it, within the paragraph; marks of other families inside it are nested quotes and
  stay part of it.
- A paragraph whose quote never closes, followed by a paragraph that opens with a quote mark,
  is the newspaper convention for a quote running over paragraphs: the quote continues.
  Otherwise an unclosed quote ends at its paragraph's end, so a broken mark never swallows the
  rest of the article.
- Closing-mark positions are collected once per paragraph and consumed with a forward-only
  pointer, so hundreds of unmatched marks still cost one pass over the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Opening mark -> the closing marks that end it. „ closes with “ (German) or ” (Polish and
# typographers' mixtures); « with »; the straight double mark with itself.
_FAMILIES: dict[str, str] = {
    "\u201c": "\u201d",  # “ ”
    "\u201e": "\u201c\u201d",  # „ “ / „ ”
    "\u00ab": "\u00bb",  # « »
    "\u00bb": "\u00ab",  # » « (Danish, Swedish style)
    '"': '"',
    "\u2018": "\u2019",  # ‘ ’
    "\u201a": "\u2018\u2019",  # ‚ ‘
    "\u2039": "\u203a",  # ‹ ›
}
_DOUBLE_OPENERS = '\u201c\u201e\u00ab"'
_SINGLE_OPENERS = "\u2018\u201a\u2039"


@dataclass(frozen=True, slots=True)
class MarkedQuote:
    """A stretch of text between quote marks (marks excluded from ``start``/``end``)."""

    start: int  # first character inside the marks
    end: int  # just after the last character inside
    open_at: int  # offset of the opening mark
    close_at: int | None  # offset of the closing mark; None when the quote never closed
    paragraphs: int  # paragraphs it spans (more than 1 only when the marks say so)

    def text_words(self, text: str) -> list[str]:
        """The quoted words."""
        return text[self.start : self.end].split()

    @property
    def closed(self) -> bool:
        """Whether a closing mark ends it."""
        return self.close_at is not None


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: text between line breaks, blank lines dropped."""
    bounds = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            bounds.append((pos, end))
        pos = end + 1
    return bounds


def _is_opening(text: str, i: int, start: int) -> bool:
    """Whether the mark at ``i`` opens rather than closes (for marks that do both)."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    ch = text[i]
    if ch == '"':
        # A straight mark opens after a space or opening bracket and before a non-space.
        return (before.isspace() or before in "([{-\u2014\u2013:") and not after.isspace()
    if ch in "\u2018\u201a\u2039":
        # A single mark after a letter is an elision or a typo, not an opening ("rock ‘n’ roll"
        # still opens, after a space).
        return not before.isalnum() and not after.isspace()
    return True


def _closers(text: str, start: int, end: int, marks: str) -> list[int]:
    """Offsets in text[start:end] of characters in ``marks`` that can close a quote."""
    out = []
    for m in re.finditer("[" + re.escape(marks) + "]", text[start:end]):
        i = start + m.start()
        ch = text[i]
        if ch == "\u2019":
            # ’ is also the apostrophe ("don’t", "soldiers’"): a closing single mark is not
            # followed by a letter and follows a non-space.
            after = text[i + 1] if i + 1 < len(text) else " "
            if after.isalpha():
                continue
        # A straight mark between a space and a word opens; it cannot close.
        if (
            ch == '"'
            and i > start
            and text[i - 1].isspace()
            and i + 1 < end
            and not (text[i + 1].isspace())
        ):
            continue
        out.append(i)
    return out


def find_marked_quotes(text: str) -> list[MarkedQuote]:
    """Every quotation marked in ``text``, outermost only, in text order."""
    paragraphs = paragraph_bounds(text)
    quotes: list[MarkedQuote] = []
    p = 0
    while p < len(paragraphs):
        p = _scan_paragraph(text, paragraphs, p, quotes)
    return quotes


def _scan_paragraph(
    text: str, paragraphs: list[tuple[int, int]], p: int, quotes: list[MarkedQuote]
) -> int:
    """Scan paragraph ``p`` for quotes, appending them; return the next paragraph to scan."""
    pstart, pend = paragraphs[p]
    # Closing positions per family, gathered once; each family's pointer only moves forward,
    # and so does ``i``, so the scan is linear in the paragraph however many marks it holds.
    closers = {fam: _closers(text, pstart, pend, fam) for fam in set(_FAMILIES.values())}
    ptrs = dict.fromkeys(closers, 0)
    i = pstart
    openers = _DOUBLE_OPENERS + _SINGLE_OPENERS
    while i < pend:
        ch = text[i]
        if ch not in openers or not _is_opening(text, i, pstart):
            i += 1
            continue
        family = _FAMILIES[ch]
        positions = closers[family]
        ptr = ptrs[family]
        while ptr < len(positions) and positions[ptr] <= i + 1:
            ptr += 1
        ptrs[family] = ptr
        if ptr < len(positions):
            close = positions[ptr]
            reopened = _reopened(text, ch, family, i, close)
            if reopened is not None:
                # A second opening mark before the first closes: the first quote lost its
                # closing mark. It ends at its last sentence end, so it never runs over the
                # attribution in between ('"We are proud… He wrote, "Who ...!"').
                end = _sentence_end(text, i + 1, reopened)
                quotes.append(MarkedQuote(i + 1, end, i, None, 1))
                i = reopened
                continue
            quotes.append(MarkedQuote(i + 1, close, i, close, 1))
            orphan = _orphan_closer(text, positions, ptr, pend, ch)
            if orphan is not None:
                # A closing mark with no opening one after a closed quote: the writer dropped
                # an opening mark, and the words before it are quoted too ('sanctions.” Every
                # week, partners ... ties,” he said').
                start = _skip_space(text, close + 1, orphan)
                if start < orphan:
                    quotes.append(MarkedQuote(start, orphan, start, orphan, 1))
                ptrs[family] = positions.index(orphan)
                i = orphan + 1
                continue
            i = close + 1
            continue
        if ch in _SINGLE_OPENERS:
            # An unclosed single mark is far more often an apostrophe or a typo than a quote.
            i += 1
            continue
        # Unclosed. A following paragraph that opens with the same mark continues it (the
        # convention for quotes over several paragraphs); it ends where a closer comes.
        last = p
        while last + 1 < len(paragraphs) and text[paragraphs[last + 1][0]] == ch:
            last += 1
            nstart, nend = paragraphs[last]
            close_in_next = _closers(text, nstart + 1, nend, family)
            if close_in_next:
                close = close_in_next[0]
                quotes.append(MarkedQuote(i + 1, close, i, close, last - p + 1))
                return _resume(text, paragraphs, last, close + 1, quotes)
        end = paragraphs[last][1]
        quotes.append(MarkedQuote(i + 1, _rstrip(text, i + 1, end), i, None, last - p + 1))
        return last + 1
    return p + 1


def _resume(
    text: str, paragraphs: list[tuple[int, int]], p: int, at: int, quotes: list[MarkedQuote]
) -> int:
    """Continue scanning paragraph ``p`` from offset ``at`` (after a multi-paragraph quote)."""
    _, pend = paragraphs[p]
    if at >= pend:
        return p + 1
    saved = paragraphs[p]
    paragraphs[p] = (at, pend)
    try:
        return _scan_paragraph(text, paragraphs, p, quotes)
    finally:
        paragraphs[p] = saved


def _reopened(text: str, opener: str, family: str, i: int, close: int) -> int | None:
    """The offset of a second opening mark of the same kind between ``i`` and ``close``, for
    marks whose opening and closing forms differ (a straight mark cannot tell)."""
    if opener in family:
        return None
    j = text.find(opener, i + 1, close)
    return j if j >= 0 else None


def _orphan_closer(text: str, positions: list[int], ptr: int, pend: int, opener: str) -> int | None:
    """The next closing mark after ``positions[ptr]`` when no opening mark comes before it."""
    if ptr + 1 >= len(positions) or opener == '"' or opener in _FAMILIES[opener]:
        return None
    nxt = positions[ptr + 1]
    if nxt >= pend or text.find(opener, positions[ptr] + 1, nxt) >= 0:
        return None
    return nxt


def _sentence_end(text: str, start: int, end: int) -> int:
    """Just after the last sentence-final mark in text[start:end], else ``end`` trimmed."""
    for k in range(end - 1, start, -1):
        if text[k] in ".!?\u2026":
            return k + 1
    return _rstrip(text, start, end)


def _skip_space(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
