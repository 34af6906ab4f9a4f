"""Bytes to text: UTF-8 first, then encoding detection, refusing binary data.

The decoded text is returned exactly as decoded (only one leading byte-order mark is removed):
the forensics stage must see the text as it came, and every offset later refers to it.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

import charset_normalizer

from frontwire.errors import InputError

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
_TIE_PREFERENCE = "cp1252"
# Characters scored per candidate encoding: enough words to tell encodings apart, cheap on 20 MB.
_SCORE_CHARS = 100_000


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and the encoding it was in (``None`` for UTF-8)."""

    text: str
    encoding: str | None
    detected: bool = False  # guessed by the encoding detector, not known from the bytes


def decode_bytes(data: bytes, label: str) -> Decoded:
    """Decode ``data``: a byte-order mark if there is one, else UTF-8, else detection.

    Args:
        data: the raw input.
        label: names the input in error messages, e.g. ``"data/a.txt"`` or ``"data/a.jsonl:7"``.

    Returns:
        The text, exactly as decoded apart from one leading byte-order mark, and the encoding
        when it was not UTF-8 (a Python codec name such as ``"cp1252"`` or ``"utf-16-le"``).

    Raises:
        InputError: FW303 when the data looks binary (NUL bytes outside UTF-16/32 text, or a
            high share of control characters); FW305 when no encoding decodes it credibly.
    """
    decoded = _decode(data, label)
    _check_controls(decoded.text, label)
    return decoded


def _decode(data: bytes, label: str) -> Decoded:
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
        detected = _detect(data)
        if detected is None or not detected[1].startswith(("utf-16", "utf-32")):
            detail = f"{data.count(0)} NUL bytes, the first at byte {nul}"
            raise InputError("FW303", path=label, detail=detail)
        return Decoded(*detected, detected=True)
    try:
        return Decoded(data.decode("utf-8"), None)
    except UnicodeDecodeError as exc:
        cut = _cut_utf8(data, exc)
        if cut is not None:
            return cut
    detected = _detect(data)
    if detected is None:
        raise InputError("FW305", path=label)
    return Decoded(*detected, detected=True)


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


def _detect(data: bytes) -> tuple[str, str] | None:
    """The detected text and encoding, or ``None`` when no encoding reads the data credibly."""
    results = charset_normalizer.from_bytes(data)
    best = results.best()
    if best is None:
        return None
    # charset_normalizer alone misreads short single-byte text: in our measurements German in
    # windows-1252 came out as cp775 ("s³dlich") and French as windows-1250 ("prčs"), which its
    # mess and coherence scores cannot tell apart. Among the candidates it finds least messy we
    # therefore prefer, in turn: fewest digit or symbol characters inside words (no real word
    # has them), the higher coherence, and windows-1252, the default the WHATWG Encoding
    # Standard gives legacy Western pages. Re-measure with tests/ingest/test_ingest_decode.py.
    tied = [match for match in results if match.chaos == best.chaos]
    chosen = min(
        tied,
        key=lambda match: (
            _symbols_inside_words(str(match)[:_SCORE_CHARS]),
            -match.coherence,
            _TIE_PREFERENCE not in match.could_be_from_charset,
        ),
    )
    names = chosen.could_be_from_charset  # encodings that all decode the data to this text
    encoding = _TIE_PREFERENCE if _TIE_PREFERENCE in names else chosen.encoding
    return str(chosen), codecs.lookup(encoding).name


def _symbols_inside_words(text: str) -> int:
    count = 0
    for index in range(1, len(text) - 1):
        char = text[index]
        if (
            ord(char) > 0x7F
            and unicodedata.category(char)[0] in "SN"
            and text[index - 1].isalpha()
            and text[index + 1].isalpha()
        ):
            count += 1
    return count


def _check_controls(text: str, label: str) -> None:
    if not text:
        return
    controls = len(text) - len(text.translate(_DELETE_CONTROLS))
    share = controls / len(text)
    if share > MAX_CONTROL_SHARE:
        detail = f"{controls} of {len(text)} characters ({share:.0%}) are control characters"
        raise InputError("FW303", path=label, detail=detail)


__all__ = ["MAX_CONTROL_SHARE", "Decoded", "decode_bytes"]
