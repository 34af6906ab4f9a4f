"""Shards: the units an input is read, and resumed, in.

Each file named on the command line (or found in a directory) is one shard. A shard's key is
its path, its range and a fingerprint of the file (size and modification time in
nanoseconds), so a file that changes is a new shard and is read again. Standard input is never
a shard: it cannot be read twice.

:func:`read_shards` streams the items of every shard not yet finished, each followed by a
:class:`~frontwire.pipeline.executors.base.ShardEnd` marker; the executor calls the sink's
``finish_shard`` once everything before the marker is stored, and the store records it.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from frontwire.ingest.options import IngestOptions
from frontwire.ingest.reader import read_inputs, walk_files
from frontwire.pipeline.executors.base import Item, ShardEnd
from frontwire.util import stable_id


@dataclass(frozen=True, slots=True)
class Shard:
    """A part of the input read, and recorded as finished, as one unit."""

    path: str
    fingerprint: str
    start_line: int | None = None
    end_line: int | None = None

    @property
    def key(self) -> str:
        """The shard's key in the store: path, range and fingerprint."""
        return stable_id("shard", self.path, self.start_line, self.end_line, self.fingerprint)


def plan_shards(paths: Iterable[str | Path]) -> Iterator[Shard | str]:
    """The shards of ``paths``, lazily: one per file; ``"-"`` and unreadable paths as they are
    (they are read, and rejected if need be, without a completion record)."""
    for path in paths:
        label = os.fspath(path)
        if label == "-" or not os.path.exists(label):
            yield label
        elif os.path.isdir(label):
            for item in walk_files(label):
                # An unreadable folder is read as a path again: read_inputs rejects it (FW311).
                name = item if isinstance(item, str) else str(item.fields["path"])
                yield _file_shard(name) or name
        else:
            yield _file_shard(label) or label


def read_shards(
    paths: Iterable[str | Path],
    options: IngestOptions,
    *,
    finished: Callable[[Shard], bool] | None = None,
    skipped: Counter[str] | None = None,
) -> Iterator[Item]:
    """The items of every unfinished shard of ``paths``, each shard closed by a marker.

    Args:
        paths: as for :func:`~frontwire.ingest.read_inputs`.
        options: the ingest options.
        finished: whether a shard is already done (the store's record); ``None`` redoes all.
        skipped: counts skipped records by kind; finished shards count as ``"shards"``.
    """
    counts: Counter[str] = skipped if skipped is not None else Counter()
    for shard in plan_shards(paths):
        if isinstance(shard, str):
            yield from read_inputs([shard], options, skipped=counts)
            continue
        if finished is not None and finished(shard):
            counts["shards"] += 1
            continue
        yield from read_inputs([shard.path], options, skipped=counts)
        yield ShardEnd(shard)


def _file_shard(path: str) -> Shard | None:
    if os.path.isdir(path):
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None
    return Shard(path=path, fingerprint=f"{info.st_size}:{info.st_mtime_ns}")


__all__ = ["Shard", "plan_shards", "read_shards"]
