"""What every executor shares: the sink it writes to and the run it reports."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from frontwire.records import Article, Reject, RunStats

#: Given a batch's article ids, the ones the store already holds (``--skip-existing``).
ExistingIds = Callable[[Sequence[str]], set[str]]


@dataclass(frozen=True, slots=True)
class ShardEnd:
    """Marks, in the stream of items, that every item of ``shard`` has been read.

    Executors cut the batch there and, once everything before it has reached the sink, call
    the sink's ``finish_shard(shard)`` (when it has one), so a shard is recorded as finished
    only after all its results are stored.
    """

    shard: Any


Item = Article | Reject | ShardEnd


class Sink(Protocol):
    """Where finished articles, rejects and run records go (the store, stdout, a list)."""

    def write(self, articles: Sequence[Article], rejects: Sequence[Reject]) -> None:
        """Take one batch of results. Called once per batch, in input order."""

    def record_run(self, stats: RunStats) -> None:
        """Take the run's statistics, at its start and again at its end."""


class CollectingSink:
    """A sink that keeps everything in memory: for the Python API, tests and ``analyze``."""

    def __init__(self) -> None:
        self.articles: list[Article] = []
        self.rejects: list[Reject] = []
        self.runs: list[RunStats] = []

    def write(self, articles: Sequence[Article], rejects: Sequence[Reject]) -> None:
        """Append the batch."""
        self.articles.extend(articles)
        self.rejects.extend(rejects)

    def record_run(self, stats: RunStats) -> None:
        """Keep the latest record of each run."""
        self.runs = [r for r in self.runs if r.run_id != stats.run_id] + [stats]


class TeeSink:
    """Hands every batch to several sinks in turn (e.g. the store and a reject reporter)."""

    def __init__(self, *sinks: Sink) -> None:
        self.sinks = sinks

    def write(self, articles: Sequence[Article], rejects: Sequence[Reject]) -> None:
        """Write the batch to each sink."""
        for sink in self.sinks:
            sink.write(articles, rejects)

    def record_run(self, stats: RunStats) -> None:
        """Record the run in each sink."""
        for sink in self.sinks:
            sink.record_run(stats)

    def finish_shard(self, shard: Any) -> None:
        """Tell each sink that takes shards that ``shard`` is done."""
        for sink in self.sinks:
            finish_shard(sink, shard)


def finish_shard(sink: Sink, shard: Any) -> None:
    """Call ``sink.finish_shard(shard)`` if the sink records shards (the store does)."""
    method = getattr(sink, "finish_shard", None)
    if method is not None:
        method(shard)


def batches(items: Iterable[Item], size: int) -> Iterator[tuple[list[Article | Reject], list[Any]]]:
    """Cut ``items`` into batches of at most ``size``; a batch also ends where a shard ends.

    Returns:
        ``(batch, shards)`` pairs: the articles and rejects, and the shards finished right after
        them (possibly with an empty batch).
    """
    batch: list[Article | Reject] = []
    for item in items:
        if isinstance(item, ShardEnd):
            yield batch, [item.shard]
            batch = []
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch, []
            batch = []
    if batch:
        yield batch, []


def split_batch(
    batch: Sequence[Article | Reject], stats: RunStats, existing: ExistingIds | None
) -> tuple[list[Article], list[Reject]]:
    """The batch's articles still to process and its ingest rejects.

    With ``existing``, articles the store already holds are dropped (one query per batch, so
    no id set is ever held in memory) and counted in ``stats.skipped["existing"]``.
    """
    articles = [item for item in batch if isinstance(item, Article)]
    rejects = [item for item in batch if isinstance(item, Reject)]
    if existing is not None and articles:
        stored = existing([a.id for a in articles])
        if stored:
            articles = [a for a in articles if a.id not in stored]
            stats.skipped["existing"] = stats.skipped.get("existing", 0) + len(stored)
    return articles, rejects


class Executor(ABC):
    """Runs stages over articles and hands results to a sink."""

    @abstractmethod
    def run(self, items: Iterable[Item], sink: Sink) -> RunStats:
        """Process every item; rejects from ingest pass straight to the sink."""
