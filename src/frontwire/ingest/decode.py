"""Bytes to text: UTF-8 first, then encoding detection, refusing binary data.

The decoded text is returned exactly as decoded (only one leading byte-order mark is removed):
the forensics stage must see the text as it came, and every offset later refers to it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

from frontwire.errors import InputError
from frontwire.ingest.readings import Detected, Doubt, choose_reading

# UTF-32 before UTF-16: the UTF-32 little-endian mark begins with the UTF-16 one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls and DEL, except tab, newline, vertical tab, form feed and carriage return, which
# plain text uses.
_CONTROL_CHARS = "".join(chr(c) for c in [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_DELETE_CONTROLS = str.maketrans("", "", _CONTROL_CHARS)
# Text in any encoding we decode has next to no control characters, while random binary data
# has about 12% (30 of 256 byte values); 5% sits between with margin on both sides and still
# lets a text through that carries a few stray ones.
MAX_CONTROL_SHARE = 0.05
# The WHATWG prescan looks for <meta charset> in the first 1024 bytes of a page.
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE
)
_PRESCAN_BYTES = 1024


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and the encoding it was in (``None`` for UTF-8)."""

    text: str
    encoding: str | None
    detected: bool = False  # guessed by the encoding detector, not known from the bytes
    doubt: Doubt | None = None  # a close second reading (only when detected)

    def metadata(self) -> dict[str, object]:
        """What ingest keeps in ``Article.metadata``: the encoding when it was not UTF-8, and
        the doubt when another reading came close."""
        found: dict[str, object] = {}
        if self.encoding:
            found["encoding"] = self.encoding
        if self.doubt is not None:
            found["encoding_doubt"] = self.doubt.to_json()
        return found


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag near its start, if any."""
    match = _META_CHARSET.search(data[:_PRESCAN_BYTES])
    return match.group(1).decode("ascii") if match else None


def decode_bytes(data: bytes, label: str, declared: str | None = None) -> Decoded:
    """Decode ``data``: a byte-order mark if there is one, else UTF-8, else detection.

    Args:
        data: the raw input.
        label: names the input in error messages, e.g. ``"data/a.txt"`` or ``"data/a.jsonl:7"``.
        declared: the charset the source declared (an HTTP ``Content-Type``); an HTML
            ``<meta charset>`` in the bytes is found here when this is not given. It weighs
            in detection only: bytes that are valid UTF-8 are read as UTF-8.

    Returns:
        The text, exactly as decoded apart from one leading byte-order mark, and the encoding
        when it was not UTF-8 (a Python codec name such as ``"cp1252"`` or ``"utf-16-le"``).

    Raises:
        InputError: FW303 when the data looks binary (NUL bytes outside UTF-16/32 text, or a
            high share of control characters); FW305 when no encoding decodes it credibly.
    """
    decoded = _decode(data, label, declared)
    _check_controls(decoded.text, label)
    return decoded


def _decode(data: bytes, label: str, declared: str | None) -> Decoded:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError("FW305", path=label) from exc
            return Decoded(text, None if codec == "utf-8" else codec)
    nul = data.find(b"\x00")
    if nul >= 0:
        # NUL bytes are normal only in UTF-16/32 text without a byte-order mark.
        wide = _decode_wide(data)
        if wide is not None:
            return wide
        detected = _detect(data, None)
        if detected is None or not detected.encoding.startswith(("utf-16", "utf-32")):
            detail = f"{data.count(0)} NUL bytes, the first at byte {nul}"
            raise InputError("FW303", path=label, detail=detail)
        return Decoded(detected.text, detected.encoding, detected=True)
    try:
        return Decoded(data.decode("utf-8"), None)
    except UnicodeDecodeError as exc:
        cut = _cut_utf8(data, exc)
        if cut is not None:
            return cut
    detected = _detect(data, declared or declared_charset(data))
    if detected is None:
        raise InputError("FW305", path=label)
    return Decoded(detected.text, detected.encoding, detected=True, doubt=detected.doubt)


def _cut_utf8(data: bytes, exc: UnicodeDecodeError) -> Decoded | None:
    """UTF-8 cut short inside its last character (a truncated download or a split file).

    The incomplete bytes are kept as surrogate escapes (``"\udcc3"``), which the forensics
    stage replaces with U+FFFD as a recorded edit, so the tamper report shows the repair; no
    code page is guessed for a text that is UTF-8 in every other byte.
    """
    if exc.reason != "unexpected end of data" or exc.end != len(data):
        return None
    head = data[: exc.start].decode("utf-8")
    return Decoded(head + data[exc.start :].decode("utf-8", "surrogateescape"), None)


def _decode_wide(data: bytes) -> Decoded | None:
    """UTF-16/32 without a byte-order mark, known by where its NUL bytes fall."""
    from frontwire.ingest.guards import wide_encoding

    codec = wide_encoding(data)
    if codec is None:
        return None
    try:
        return Decoded(data.decode(codec), codec)
    except UnicodeDecodeError:
        return None


def _detect(data: bytes, declared: str | None) -> Detected | None:
    """The likeliest reading of ``data``, or ``None`` when no encoding reads it credibly."""
    results = charset_normalizer.from_bytes(data)
    if results.best() is None:
        return None
    return choose_reading(data, results, declared)


def _check_controls(text: str, label: str) -> None:
    if not text:
        return
    controls = len(text) - len(text.translate(_DELETE_CONTROLS))
    share = controls / len(text)
    if share > MAX_CONTROL_SHARE:
        detail = f"{controls} of {len(text)} characters ({share:.0%}) are control characters"
        raise InputError("FW303", path=label, detail=detail)


__all__ = ["MAX_CONTROL_SHARE", "Decoded", "declared_charset", "decode_bytes"]
