"""Text forensics: repair scraped text before any other stage reads it, and report tampering.

Repairs, in order: mojibake (ftfy's encoding fixes), invisible and control characters,
compatibility forms and odd spaces, look-alike letters (Unicode confusables, decided per word
in context). Every change is an :class:`~frontwire.records.Edit` in original-text coordinates;
an :class:`~frontwire.offsets.OffsetMap` maps offsets both ways; a
:class:`~frontwire.records.TamperReport` says what was found and how deliberate it looks.

Example:
    >>> from frontwire.forensics import sanitize
    >>> result = sanitize("Ukr\\u0430ine's troops")
    >>> result.text
    "Ukraine's troops"
    >>> [(e.orig_start, e.original, e.replacement, e.kind) for e in result.edits]
    [(3, 'а', 'a', 'homoglyph')]
"""

from __future__ import annotations

from frontwire.forensics.options import ForensicsOptions
from frontwire.forensics.sanitizer import Sanitized, Sanitizer, sanitize
from frontwire.forensics.stage import SanitizeStage
from frontwire.forensics.tables import Tables

__all__ = ["ForensicsOptions", "SanitizeStage", "Sanitized", "Sanitizer", "Tables", "sanitize"]
