"""JSON that is always valid UTF-8 JSON (RFC 8259), whatever the input carried.

Two things in a Python value cannot be written as such: a float that is NaN or infinite (JSON
has neither; ``json.dumps`` writes the non-standard ``NaN`` many parsers refuse) and a lone
surrogate code point (input metadata may carry ``"\\ud800"``; a file name that is not valid
UTF-8 arrives as surrogate escapes, ``os.fsdecode``), which UTF-8 cannot encode. The first
becomes ``null``; the second U+FFFD, one code point for one, the same replacement the store
makes (:func:`frontwire.store.rows.storable`), so offsets into a text stay valid.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")


def safe_text(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD (same length)."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def json_safe(value: Any) -> Any:
    """``value`` with NaN and infinities as ``None`` and strings (keys too) made UTF-8-safe.

    Containers are rebuilt only as far as needed; anything else is returned as it is.
    """
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {(safe_text(k) if isinstance(k, str) else k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(item) for item in value]
    return value


def dumps_line(value: Any) -> str:
    """One line of JSON Lines (no newline): valid UTF-8 JSON, non-ASCII kept as it is."""
    return json.dumps(json_safe(value), ensure_ascii=False, allow_nan=False, default=str)


__all__ = ["dumps_line", "json_safe", "safe_text"]
