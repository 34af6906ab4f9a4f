"""What every executor shares: the sink it writes to and the run it reports."""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol

from frontwire.records import Article, Reject, RunStats
from frontwire.records import Item as Item  # re-exported: executors take these items
from frontwire.records import ShardEnd as ShardEnd

# Metadata key of an HTML page whose extraction was left to the stages' process
# (frontwire.ingest.reader.PENDING_HTML; repeated so executors need not import ingest).
PENDING_HTML = "_pending_html"

#: Given a batch's article ids, the ones the store already holds (``--skip-existing``).
ExistingIds = Callable[[Sequence[str]], set[str]]


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

    def write_prepared(self, prepared: Any, rejects: Sequence[Reject] = ()) -> None:
        """Hand a batch of prepared rows to each sink that stores them; the others, which
        have no articles to read in that form, get the batch's rejects."""
        for sink in self.sinks:
            if takes_prepared(sink):
                sink.write_prepared(prepared, rejects)  # type: ignore[attr-defined]
            elif rejects:
                sink.write([], rejects)

    def write_aliases(self, copies: Sequence[Article]) -> None:
        """Hand the aliases of ``copies`` to each sink that records aliases."""
        for sink in self.sinks:
            if takes_aliases(sink):
                write_aliases(sink, copies)

    def finish_shard(self, shard: Any) -> None:
        """Tell each sink that takes shards that ``shard`` is done."""
        for sink in self.sinks:
            finish_shard(sink, shard)

    def finish_shards(self, shards: Sequence[Any]) -> None:
        """Tell each sink that takes shards that ``shards`` are done."""
        for sink in self.sinks:
            finish_shards(sink, shards)


def takes_prepared(sink: Sink) -> bool:
    """Whether ``sink`` stores batches whose rows were built elsewhere (``write_prepared``:
    the store, or a tee holding it), so Ray workers can build the rows."""
    if isinstance(sink, TeeSink):
        return any(takes_prepared(s) for s in sink.sinks)
    return callable(getattr(sink, "write_prepared", None))


def takes_aliases(sink: Sink) -> bool:
    """Whether ``sink`` records the aliases of articles it is not handed again (the store,
    or a tee holding it)."""
    if isinstance(sink, TeeSink):
        return any(takes_aliases(s) for s in sink.sinks)
    return callable(getattr(sink, "write_aliases", None))


def write_aliases(sink: Sink, copies: Sequence[Article]) -> None:
    """Hand ``copies`` (articles whose text was already processed) to ``sink.write_aliases``."""
    if copies:
        sink.write_aliases(copies)  # type: ignore[attr-defined]


def finish_shard(sink: Sink, shard: Any) -> None:
    """Call ``sink.finish_shard(shard)`` if the sink records shards (the store does)."""
    method = getattr(sink, "finish_shard", None)
    if method is not None:
        method(shard)


def finish_shards(sink: Sink, shards: Sequence[Any]) -> None:
    """Record every shard of ``shards`` finished: in one call (one transaction) when the sink
    has ``finish_shards``, else one ``finish_shard`` call each."""
    if not shards:
        return
    method = getattr(sink, "finish_shards", None)
    if method is not None:
        method(shards)
        return
    for shard in shards:
        finish_shard(sink, shard)


def batches(
    items: Iterable[Item], size: int, stats: RunStats | None = None
) -> Iterator[tuple[list[Article | Reject], list[Any]]]:
    """Cut ``items`` into batches of ``size`` (the last may be smaller).

    A shard that ends inside a batch is handed on with that batch: every item of it is then in
    this batch or an earlier one, so recording it finished after the batch is written is safe.
    Batches do not end where shards end: a folder of small files, one shard each, would
    otherwise go through the stages and the store one article at a time.

    With ``stats``, the time spent getting items (reading and decoding the inputs, which
    ``items`` does lazily) is added to ``stats.timings["read"]``.

    Returns:
        ``(batch, shards)`` pairs: the articles and rejects, and the shards finished with them
        (possibly with an empty batch, at the end).
    """
    batch: list[Article | Reject] = []
    shards: list[Any] = []
    for item in items if stats is None else timed(items, stats, "read"):
        if isinstance(item, ShardEnd):
            shards.append(item.shard)
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch, shards
            batch, shards = [], []
    if batch or shards:
        yield batch, shards


def timed(items: Iterable[Item], stats: RunStats, step: str) -> Iterator[Item]:
    """``items``, with the time spent producing each added to ``stats.timings[step]``."""
    iterator = iter(items)
    clock = time.perf_counter
    spent = 0.0
    try:
        while True:
            start = clock()
            try:
                item = next(iterator)
            except StopIteration:
                spent += clock() - start
                return
            spent += clock() - start
            yield item
    finally:
        stats.time(step, spent)


class RecentIds:
    """The ids of the articles this run has already sent through the stages, the latest
    ``capacity`` of them: a text seen again (a million records of one wire story) is then
    not parsed again, only its aliases are written. Bounded, so memory stays flat; a copy
    older than the window is processed again, which costs time but changes no result."""

    def __init__(self, capacity: int = 100_000) -> None:
        self.capacity = capacity
        self._ids: dict[str, None] = {}

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._ids

    def add(self, article_id: str) -> None:
        """Remember ``article_id``, forgetting the oldest id when full."""
        if article_id in self._ids:
            return
        if len(self._ids) >= self.capacity:
            del self._ids[next(iter(self._ids))]
        self._ids[article_id] = None


def split_batch(
    batch: Sequence[Article | Reject],
    stats: RunStats,
    existing: ExistingIds | None,
    recent: RecentIds | None = None,
) -> tuple[list[Article], list[Reject], list[Article]]:
    """The batch's articles still to process, its ingest rejects, and its copies.

    With ``existing``, articles the store already holds are dropped (one query per batch, so
    no id set is ever held in memory) and counted in ``stats.skipped["existing"]``. With
    ``recent``, an article whose text this run has already sent through the stages (earlier
    in the batch or in a recent batch) is a *copy*: it is not processed again and is counted
    in ``stats.skipped["same_text"]``. Copies and skipped articles are returned as the third
    list, so the sink can keep their ids and paths as aliases of the stored article.
    """
    articles = [item for item in batch if isinstance(item, Article)]
    rejects = [item for item in batch if isinstance(item, Reject)]
    copies: list[Article] = []
    if recent is not None and articles:
        fresh: list[Article] = []
        for article in articles:
            if PENDING_HTML in article.metadata:
                fresh.append(article)  # its id is known only once its page is extracted
            elif article.id in recent:
                copies.append(article)
            else:
                recent.add(article.id)
                fresh.append(article)
        if copies:
            stats.skipped["same_text"] = stats.skipped.get("same_text", 0) + len(copies)
        articles = fresh
    if existing is not None and articles:
        stored = existing([a.id for a in articles if PENDING_HTML not in a.metadata])
        if stored:
            copies.extend(a for a in articles if a.id in stored)
            articles = [a for a in articles if a.id not in stored]
            stats.skipped["existing"] = stats.skipped.get("existing", 0) + len(stored)
    return articles, rejects, copies


class Executor(ABC):
    """Runs stages over articles and hands results to a sink."""

    @abstractmethod
    def run(self, items: Iterable[Item], sink: Sink) -> RunStats:
        """Process every item; rejects from ingest pass straight to the sink."""
