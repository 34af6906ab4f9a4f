"""Image credits, captions and similar lines that later stages should skip.

A line is boilerplate when it ends with a credit in parentheses ("(Image: Getty)",
"(AFP / Getty)"), or ends with a credit after a colon ("Photo: Reuters"), or is nothing but
such a credit. The whole line is marked (a caption is the text before its credit) and stays in
the repaired text; the spans only tell later stages to skip it. Run on the repaired text, so a
disguised credit ("(Imаge: Getty)" with a Cyrillic "а") is found too.
"""

from __future__ import annotations

import re

_MARKERS = r"(?:image|photo|photograph|picture|pic|video|footage|credit)s?(?:\s+credit)?"
_AGENCIES = r"(?:getty(?:\s+images)?|afp|reuters|ap|pa|epa|shutterstock|alamy)"
# Both expressions start with a literal character, so the engine skips to the next "(" or
# ":" at memory speed; the marker before a colon is checked on the few characters before it.
_PAREN_CREDIT = re.compile(
    rf"\(\s*(?:{_MARKERS}\s*:[^()\n]{{1,80}}|{_AGENCIES}(?:\s*/\s*[^()\n]{{1,60}})?)\s*\)"
    r"[ \t\r\f\v]*$",
    re.IGNORECASE | re.MULTILINE,
)
_COLON_TAIL = re.compile(r":[ \t]*[^:\n]{1,60}$", re.MULTILINE)
_MARKER_BEFORE = re.compile(rf"(?<![^\s.!?]){_MARKERS}[ \t]*$", re.IGNORECASE)
#: Captions are short; a longer line ending "... photo: a soldier" is running text.
_MAX_CAPTION = 300
#: How far before a colon the credit marker ("Photo", "Image credit") may start.
_MARKER_REACH = 24


def boilerplate_lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every credit or caption line, without surrounding whitespace."""
    found: dict[int, tuple[int, int]] = {}
    for m in _PAREN_CREDIT.finditer(text):
        _add_line(text, m.start(), found)
    for m in _COLON_TAIL.finditer(text):
        colon = m.start()
        line_start = text.rfind("\n", 0, colon) + 1
        # Searched in place (pos/endpos), so the look-behind sees the character before.
        if _MARKER_BEFORE.search(text, max(line_start, colon - _MARKER_REACH), colon):
            _add_line(text, colon, found)
    return [found[key] for key in sorted(found)]


def _add_line(text: str, pos: int, found: dict[int, tuple[int, int]]) -> None:
    line_start = text.rfind("\n", 0, pos) + 1
    if line_start in found:
        return
    line_end = text.find("\n", pos)
    if line_end < 0:
        line_end = len(text)
    line = text[line_start:line_end]
    stripped = line.strip()
    if not stripped or len(stripped) > _MAX_CAPTION:
        return
    lead = len(line) - len(line.lstrip())
    found[line_start] = (line_start + lead, line_start + lead + len(stripped))


__all__ = ["boilerplate_lines"]
