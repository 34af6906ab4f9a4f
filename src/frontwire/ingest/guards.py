"""Guards against hostile input: what ingest reads, how wide text is recognised, what counts as
real text.

* Only regular files are read. A FIFO blocks the reader until someone writes to it, a device
  such as ``/dev/zero`` never ends; both (and sockets, and symlinks to any of them) are rejects
  with a reason. The file is opened with ``O_NONBLOCK`` and checked with ``fstat`` on the open
  descriptor, so a FIFO swapped in between a check and the open cannot block either.
* UTF-16 and UTF-32 without a byte-order mark are recognised by where their NUL bytes fall
  (every second or every fourth byte for Latin text), the way a byte-order mark would say it.
* An article needs real text: a few letters once invisible characters are left out, so a file
  of zero-width and direction marks, or a dozen random bytes read through a legacy code page,
  is a reject rather than an article in which entities are "found".
"""

from __future__ import annotations

import os
import stat
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from frontwire.errors import InputError

# The share of letters among the non-space characters that text decoded through a legacy
# (single-byte) code page must reach. Random bytes through cp1252 are about 48% letters;
# prose is 75-90% (digits and punctuation make up the rest), a line of figures and dates in
# German about 65%. 0.6 sits between; measured with benchmarks/fuzz_hostile.py.
LEGACY_MIN_LETTER_SHARE = 0.6
# ... and at most this share of math, modifier and other symbols, connectors, controls and
# private-use characters, which random bytes give about one in five and prose next to none
# (currency signs and ordinary punctuation are not counted).
LEGACY_MAX_SYMBOL_SHARE = 0.1
_ODD = frozenset({"Sm", "So", "Sk", "Pc", "No", "Co", "Cc", "Cn"})
# Below this many bytes, a legacy decoding must also pass the share test above; longer text
# gives the encoding detector enough evidence of its own.
LEGACY_SHORT_BYTES = 200
# ... and read as words (frontwire.ingest.readings.word_cost): short prose in its right code
# page costs nothing, while random bytes that decode at all stumble at least once (a symbol
# inside a word, a case break, letters of two alphabets). One such stumble is 2 or 3; measured
# on 500 random 12-byte strings in tests/fuzz/test_hostile_classes.py.
LEGACY_MAX_WORD_COST = 2.0


def open_regular(label: str) -> BinaryIO:
    """Open ``label`` for reading if it is a regular file (a symlink to one is fine).

    Raises:
        InputError: FW320 when it is a FIFO, device, socket or anything else.
        OSError: when it cannot be opened (missing, permission denied).
    """
    fd = os.open(label, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError("FW320", path=label, kind=file_kind(mode))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


def wide_encoding(data: bytes) -> str | None:
    """``"utf-32-le"``, ``"utf-32-be"``, ``"utf-16-le"`` or ``"utf-16-be"`` when the NUL
    bytes of ``data`` (no byte-order mark) fall where that encoding puts them, else ``None``.

    UTF-32 has a NUL in the top byte of every unit (code points stop at U+10FFFF) and, for
    text below U+10000, in the next one too. UTF-16 text in a script of the first 256 code
    points has a NUL in every second byte; we ask for a third of the units, which a text with
    CJK or Cyrillic mixed into Latin still reaches, and for almost no NULs on the other side.
    """
    size = len(data)
    if size < 2:
        return None
    if size % 4 == 0:
        units = size // 4
        if data[3::4].count(0) == units and data[2::4].count(0) >= units * 0.9:
            return "utf-32-le"
        if data[0::4].count(0) == units and data[1::4].count(0) >= units * 0.9:
            return "utf-32-be"
    if size % 2 == 0:
        units = size // 2
        odd, even = data[1::2].count(0), data[0::2].count(0)
        if odd >= units / 3 and even <= units * 0.02:
            return "utf-16-le"
        if even >= units / 3 and odd <= units * 0.02:
            return "utf-16-be"
    return None


def letters(text: str) -> int:
    """How many letters ``text`` holds (Unicode category L*)."""
    return sum(1 for char in text if char.isalpha())


def real_text_problem(text: str, minimum: int, legacy_bytes: int | None = None) -> str | None:
    """Why ``text`` is not real text, or ``None`` when it is.

    Args:
        text: the decoded text.
        minimum: letters it must hold at least.
        legacy_bytes: its size in bytes when it was decoded through a legacy code page
            (detected, not UTF-8 or UTF-16/32), else ``None``.
    """
    found = letters(text)
    if found < minimum:
        invisible = sum(1 for char in text if unicodedata.category(char) in ("Cf", "Cc", "Zl"))
        return (
            f"{found} letters in {len(text)} characters ({invisible} invisible or control), "
            f"fewer than the {minimum} an article needs ([ingest] min_letters)"
        )
    if legacy_bytes is not None and legacy_bytes < LEGACY_SHORT_BYTES:
        visible = sum(1 for char in text if not char.isspace())
        share = found / visible if visible else 0.0
        if share < LEGACY_MIN_LETTER_SHARE:
            return (
                f"{found} of {visible} visible characters are letters ({share:.0%}) when read "
                "through a legacy code page: most likely not text"
            )
        symbols = sum(
            1 for char in text if not char.isspace() and unicodedata.category(char) in _ODD
        )
        if symbols > visible * LEGACY_MAX_SYMBOL_SHARE:
            return (
                f"{symbols} of {visible} visible characters are symbols or controls when read "
                "through a legacy code page: most likely not text"
            )
        odd = _odd_word(text)
        if odd is not None:
            return (
                f"the word {odd!r}, read through a legacy code page, mixes scripts or has "
                "symbols inside: most likely not text"
            )
        from frontwire.ingest.readings import main_script, word_cost

        cost = word_cost(text, main_script(text))
        if cost >= LEGACY_MAX_WORD_COST:
            return (
                "read through a legacy code page its words are not words (misplaced symbols, "
                f"case or letters, {cost:.1f} nats): most likely not text"
            )
    return None


def _odd_word(text: str) -> str | None:
    """A word no language writes: letters of two scripts (``"qweϊΚ"``, what random bytes give
    through a Greek code page) or a non-ASCII symbol or digit between letters (``"a·b"``)."""
    for word in text.split():
        scripts = set()
        for index, char in enumerate(word):
            if char.isalpha():
                scripts.add(_script(char))
            elif (
                ord(char) > 0x7F
                and unicodedata.category(char)[0] in "SN"  # not an apostrophe or dash
                and 0 < index < len(word) - 1
                and word[index - 1].isalpha()
                and word[index + 1].isalpha()
            ):
                return word
        if len(scripts) > 1:
            return word
    return None


def _script(char: str) -> str:
    # The first word of a letter's Unicode name is its script for every alphabet a legacy code
    # page holds (LATIN, GREEK, CYRILLIC, HEBREW, ARABIC, THAI).
    return unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]


def count_hidden(paths: Iterable[str | Path]) -> int:
    """How many hidden entries (names starting with ".") the folders among ``paths`` hold,
    at any depth outside hidden folders: ingest skips them, the run summary counts them."""
    total = 0
    seen: set[tuple[int, int]] = set()
    stack = [os.fspath(path) for path in paths if os.fspath(path) != "-"]
    while stack:
        folder = stack.pop()
        try:
            info = os.stat(folder)
            if not stat.S_ISDIR(info.st_mode) or (info.st_dev, info.st_ino) in seen:
                continue
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as scan:
                entries = list(scan)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                total += 1
                continue
            try:
                if entry.is_dir():
                    stack.append(entry.path)
            except OSError:
                continue
    return total


__all__ = [
    "LEGACY_MIN_LETTER_SHARE",
    "count_hidden",
    "file_kind",
    "letters",
    "open_regular",
    "real_text_problem",
    "wide_encoding",
]
