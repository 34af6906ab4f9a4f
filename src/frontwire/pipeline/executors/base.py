"""What every executor shares: the sink it writes to and the run it reports."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from typing import Protocol

from frontwire.records import Article, Reject, RunStats


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


class Executor(ABC):
    """Runs stages over articles and hands results to a sink."""

    @abstractmethod
    def run(self, items: Iterable[Article | Reject], sink: Sink) -> RunStats:
        """Process every item; rejects from ingest pass straight to the sink."""
