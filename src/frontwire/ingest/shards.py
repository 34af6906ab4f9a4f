"""Shards: the units an input is read, and resumed, in.

Each file named on the command line (or found in a directory) is one shard, except JSON Lines
files of more than ``shard_lines`` lines, which are cut into ranges of that many lines (found
with one pass counting newlines, then read by seeking to the range's first byte). A shard's key
is its path, its line range and a fingerprint of the file (size and modification time in
nanoseconds), so a file that changes is read again, every range of it. Standard input is
never a shard: it cannot be read twice.

:func:`read_shards` streams the items of every shard not yet finished, each followed by a
:class:`~frontwire.executors.base.ShardEnd` marker; the executor calls the sink's
``finish_shard`` once everything before the marker is stored, and the store records it.
"""

from __future__ import annotations

import codecs
import io
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from frontwire.errors import InputError
from frontwire.ingest.jsonl import iter_lines
from frontwire.ingest.options import IngestOptions
from frontwire.ingest.reader import (
    _Reader,
    _starts_with_json_object,
    kind_from_suffix,
    read_inputs,
    walk_files,
)
from frontwire.records import Article, Item, Reject, ShardEnd
from frontwire.util import stable_id

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Shard:
    """A part of the input read, and recorded as finished, as one unit."""

    path: str
    fingerprint: str
    start_line: int | None = None
    end_line: int | None = None
    # Where the line range lies in the file; not part of the key (the lines and the
    # fingerprint determine it).
    start_byte: int = field(default=0, compare=False)
    end_byte: int | None = field(default=None, compare=False)

    @property
    def key(self) -> str:
        """The shard's key in the store: path, range and fingerprint."""
        return stable_id("shard", self.path, self.start_line, self.end_line, self.fingerprint)


def plan_shards(
    paths: Iterable[str | Path], shard_lines: int | None = None
) -> Iterator[Shard | str]:
    """The shards of ``paths``, lazily: one per file, or per ``shard_lines`` lines of a longer
    JSON Lines file; ``"-"`` and unreadable paths as they are (they are read, and rejected if
    need be, without a completion record)."""
    for path in paths:
        label = os.fspath(path)
        if label == "-" or not os.path.exists(label):
            yield label
        elif os.path.isdir(label):
            for item in walk_files(label):
                # An unreadable folder is read as a path again: read_inputs rejects it (FW311).
                name = item if isinstance(item, str) else str(item.fields["path"])
                yield from _file_shards(name, shard_lines)
        else:
            yield from _file_shards(label, shard_lines)


def read_shards(
    paths: Iterable[str | Path],
    options: IngestOptions,
    *,
    finished: Callable[[Shard], bool] | None = None,
    skipped: Counter[str] | None = None,
    shard_lines: int | None = None,
) -> Iterator[Item]:
    """The items of every unfinished shard of ``paths``, each shard closed by a marker.

    Args:
        paths: as for :func:`~frontwire.ingest.read_inputs`.
        options: the ingest options.
        finished: whether a shard is already done (the store's record); ``None`` redoes all.
        skipped: counts skipped records by kind; finished shards count as ``"shards"``.
        shard_lines: cut JSON Lines files longer than this into ranges of this many lines.
    """
    counts: Counter[str] = skipped if skipped is not None else Counter()
    for shard in plan_shards(paths, shard_lines):
        if isinstance(shard, str):
            yield from read_inputs([shard], options, skipped=counts)
            continue
        if finished is not None and finished(shard):
            counts["shards"] += 1
            continue
        if shard.start_line is None:
            yield from read_inputs([shard.path], options, skipped=counts)
        else:
            yield from _read_range(shard, options)
        yield ShardEnd(shard)


def _file_shards(path: str, shard_lines: int | None) -> Iterator[Shard | str]:
    try:
        info = os.stat(path)
    except OSError:
        yield path
        return
    if os.path.isdir(path):
        yield path
        return
    fingerprint = f"{info.st_size}:{info.st_mtime_ns}"
    if shard_lines is None or kind_from_suffix(path) != "jsonl":
        yield Shard(path=path, fingerprint=fingerprint)
        return
    try:
        # Only a file that starts as JSON Lines is cut: anything else (binary data, a wide
        # encoding, one JSON document) is read whole, where it is rejected once with a reason.
        starts = _range_starts(path, shard_lines) if _starts_with_json_object(path) else []
    except OSError:
        yield path  # read_inputs reports why
        return
    if len(starts) <= 1:  # short enough for one shard
        yield Shard(path=path, fingerprint=fingerprint)
        return
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else None
        first = i * shard_lines + 1
        yield Shard(path=path, fingerprint=fingerprint, start_line=first,
                    end_line=first + shard_lines - 1, start_byte=start, end_byte=end)  # fmt: skip


def _range_starts(path: str, shard_lines: int) -> list[int]:
    """Byte offsets where line 1, ``shard_lines + 1``, ``2 * shard_lines + 1``, ... start."""
    starts = [0]
    lines = 0
    position = 0
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        while chunk := handle.read(_CHUNK):
            at = chunk.find(b"\n")
            while at >= 0:
                lines += 1
                if lines % shard_lines == 0 and position + at + 1 < size:
                    starts.append(position + at + 1)
                at = chunk.find(b"\n", at + 1)
            position += len(chunk)
    return starts


class _Window(io.RawIOBase):
    """``end - start`` bytes of a file from ``start`` on, as a stream of its own."""

    def __init__(self, handle: io.BufferedReader, start: int, end: int | None) -> None:
        handle.seek(start)
        self._handle = handle
        self._left = None if end is None else end - start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        size = len(buffer) if self._left is None else min(len(buffer), self._left)
        data = self._handle.read(size)
        buffer[: len(data)] = data
        if self._left is not None:
            self._left -= len(data)
        return len(data)


def _read_range(shard: Shard, options: IngestOptions) -> Iterator[Article | Reject]:
    """The lines of one range of a JSON Lines file, numbered as in the whole file.

    Each line goes through the same per-line reading as a whole file's (``_Reader``, whose
    private parts this module shares on purpose: one reading of a line, not two).
    """
    assert shard.start_line is not None
    reader = _Reader(options, None)
    label = shard.path
    limit = options.max_bytes
    try:
        with open(label, "rb") as handle:
            stream = io.BufferedReader(_Window(handle, shard.start_byte, shard.end_byte))
            for line in iter_lines(stream, limit):
                number = shard.start_line + line.number - 1
                if line.oversize is not None:
                    error = InputError("FW304", path=f"{label}:{number}", size=line.oversize,
                                       limit=limit)  # fmt: skip
                    yield reader._reject(error, label, number)
                    continue
                data = line.data.removeprefix(codecs.BOM_UTF8) if number == 1 else line.data
                if data.strip():
                    yield reader._jsonl_line(label, number, data)
    except OSError as exc:
        detail = exc.strerror or str(exc)
        yield reader._reject(InputError("FW311", path=label, detail=detail), label)


__all__ = ["Shard", "plan_shards", "read_shards"]
