"""Run the pipeline on Ray: a pool of actors, each running the whole stage chain per batch.

Each actor receives the pipeline's stages (built but not set up, so they pickle small), calls
every stage's ``setup()`` once, and then runs the same :func:`run_chain` as the local executor
on every batch it is given, so the spaCy model and other resources load once per worker and the
parse (``Article.doc``) never leaves the worker: it is dropped before the batch is returned.

The driver reads the input, cuts it into batches, keeps at most two batches per worker in
flight (memory stays flat however large the input), and writes results to the sink in input
order: it is the one writer of the store, one transaction per batch. Actors are restarted and
their batch retried when a worker process dies, so losing a worker delays a run but changes
nothing in its results.

Ray is an optional dependency: ``pip install 'frontwire[ray]'``.
"""

from __future__ import annotations

import logging
import os
import time
from collections import deque
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from frontwire.errors import DependencyError, FrontwireError
from frontwire.executors.base import (
    Executor,
    ExistingIds,
    Item,
    RecentIds,
    Sink,
    batches,
    finish_shards,
    split_batch,
    takes_aliases,
    takes_prepared,
    write_aliases,
)
from frontwire.executors.chain import merge_stats, run_chain
from frontwire.executors.local import new_run, now, progress_bar, write_batch
from frontwire.output.article_json import article_to_json
from frontwire.pipeline.pipeline import Pipeline
from frontwire.pipeline.stage import Context, Stage
from frontwire.records import Article, Reject, RunStats, StageStats
from frontwire.store.rows import Prepared, build_batch, prepare

# Batches queued per worker: one running, one waiting, so a worker never idles while the
# driver writes; more would only hold more articles in memory.
IN_FLIGHT_PER_WORKER = 2
# The name under which the workers' time building store rows is reported (RunStats.timings).
ROWS = "rows"
# Every worker should get at least this many batches: with batches of 32, 110 articles are 4
# batches, 64 articles for one of 2 workers and 46 for the other, which caps 2 workers at 1.7x
# one before any other cost. Smaller batches even the split; below MIN_BATCH the per-batch
# costs (a Ray call, a store transaction) start to show. Re-measure with
# benchmarks/bench_ray_scaling.py after changing either.
BATCHES_PER_WORKER = 4
MIN_BATCH = 8
# A worker that dies is restarted and its batch retried this many times before the run fails.
MAX_RESTARTS = 3


def import_ray() -> Any:
    """The ``ray`` module.

    Raises:
        DependencyError: FW605 when Ray is not installed.
    """
    try:
        import ray
    except ImportError as exc:
        raise DependencyError("FW605") from exc
    return ray


class StageWorker:
    """The body of one Ray actor: the stages, set up once, run over batch after batch."""

    def __init__(
        self, stages: Sequence[tuple[type[Stage], Context]], keep_payload_chars: int
    ) -> None:
        # Each stage is built afresh from its class and context, the stage contract, so
        # whatever a stage loaded in the driver (a spaCy model) is never shipped.
        self.stages = [cls(ctx) for cls, ctx in stages]
        self.keep_payload_chars = keep_payload_chars
        # HTML pages the driver read without extracting them (IngestOptions.defer_html).
        from frontwire.ingest import HtmlCompleter

        self.html = HtmlCompleter()
        for stage in self.stages:
            stage.setup()

    def pid(self) -> int:
        """The worker's process id (for tests that kill a worker)."""
        return os.getpid()

    def process(
        self, articles: list[Article]
    ) -> tuple[list[Article], list[Reject], list[StageStats]]:
        """Run the stage chain over one batch; returns its articles, rejects and stage counts."""
        stats = [StageStats(name=stage.name) for stage in self.stages]
        articles, extract_rejects = self.html.complete(articles)
        done, rejects = run_chain(self.stages, stats, articles, self.keep_payload_chars)
        return done, extract_rejects + rejects, stats

    def process_rows(
        self, articles: list[Article], run_id: str
    ) -> tuple[Prepared, int, list[Reject], list[StageStats]]:
        """Run the stage chain over one batch and build its store rows here, so the driver
        only inserts them: returns the rows (Arrow), how many articles they hold, the
        rejects and the stage counts."""
        stats = [StageStats(name=stage.name) for stage in self.stages]
        articles, extract_rejects = self.html.complete(articles)
        done, rejects = run_chain(self.stages, stats, articles, self.keep_payload_chars)
        rejects = extract_rejects + rejects
        start = time.perf_counter()
        now = datetime.now(UTC).replace(tzinfo=None)
        batch = build_batch(done, [], to_json=article_to_json, run_id=run_id, now=now)
        prepared = prepare(batch)
        stats.append(StageStats(name=ROWS, articles_in=len(done), articles_out=len(done),
                                seconds=time.perf_counter() - start))  # fmt: skip
        return prepared, len(done), rejects, stats


def batch_size_for(batch_size: int, total: int | None, workers: int) -> int:
    """The batch size that gives every worker :data:`BATCHES_PER_WORKER` batches of a run of
    ``total`` articles (an estimate), at most ``batch_size`` and at least :data:`MIN_BATCH`."""
    if not total:
        return batch_size
    even = -(-total // (workers * BATCHES_PER_WORKER))  # ceiling division
    return max(min(batch_size, even), min(batch_size, MIN_BATCH))


class RayExecutor(Executor):
    """Run a pipeline on a Ray cluster (a local one unless ``address`` is given).

    Args:
        pipeline: the stages to run (each worker gets a copy and sets it up).
        workers: how many actors (one CPU each).
        address: a running cluster to join (``"auto"``, ``"ray://host:10001"``, ...); ``None``
            starts a local Ray instance with ``workers`` CPUs for the run.
        batch_size: articles per batch sent to a worker.
        progress: show a Rich progress bar; ``None`` shows it only when stderr is a terminal.
        total: how many items to expect, for the progress bar.
        keep_payload_chars: a reject from a stage keeps the article's text up to this length.
        existing: looks up which of a batch's article ids are already stored (skipped).

    Raises:
        DependencyError: FW605 when Ray is not installed; FW606 when the cluster cannot be
            reached or started.
    """

    def __init__(
        self,
        pipeline: Pipeline,
        workers: int = 2,
        address: str | None = None,
        batch_size: int = 32,
        progress: bool | None = None,
        total: int | None = None,
        keep_payload_chars: int = 1_000_000,
        existing: ExistingIds | None = None,
    ) -> None:
        self.ray = import_ray()
        self.pipeline = pipeline
        self.workers = workers
        self.address = address
        self.batch_size = batch_size
        self.progress = progress
        self.total = total
        self.keep_payload_chars = keep_payload_chars
        self.existing = existing
        self.actors: list[Any] = []
        #: The workers' process ids, once :meth:`run` has started them.
        self.pids: list[int] = []

    def run(self, items: Iterable[Item], sink: Sink) -> RunStats:
        """Process ``items`` on the workers and write each batch to ``sink`` in input order."""
        started_here = self._connect()
        try:
            return self._run(items, sink)
        finally:
            self.actors = []
            if started_here:
                self.ray.shutdown()

    def _connect(self) -> bool:
        ray = self.ray
        if ray.is_initialized():
            return False
        kwargs: dict[str, Any] = {
            "include_dashboard": False,
            "log_to_driver": False,
            "logging_level": logging.ERROR,
            "configure_logging": True,
        }
        if self.address is None:
            kwargs["num_cpus"] = self.workers
        else:
            kwargs["address"] = self.address
        try:
            ray.init(**kwargs)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            where = self.address or "a local Ray instance"
            raise DependencyError("FW606", address=where, detail=str(exc)) from exc
        return True

    def _run(self, items: Iterable[Item], sink: Sink) -> RunStats:
        ray = self.ray
        actor_class = ray.remote(StageWorker).options(
            num_cpus=1, max_restarts=MAX_RESTARTS, max_task_retries=MAX_RESTARTS
        )
        # Stage classes and their contexts go by value (a few kB), not through the object
        # store, so a restarted actor can always be built again.
        stages = [(type(stage), stage.ctx) for stage in self.pipeline.stages]
        self.actors = [
            actor_class.remote(stages, self.keep_payload_chars) for _ in range(self.workers)
        ]
        # Waits until every worker has set its stages up; a setup failure surfaces here.
        self.pids = [int(pid) for pid in self._get([a.pid.remote() for a in self.actors])]
        stats = new_run(self.pipeline)
        sink.record_run(stats)
        recent = RecentIds() if takes_aliases(sink) else None
        # (future or None, ingest rejects, shards finished after the batch, items in the batch,
        # copies of articles already processed)
        pending: deque[tuple[Any, list[Reject], list[Any], int, list[Article]]] = deque()
        limit = IN_FLIGHT_PER_WORKER * self.workers
        turn = 0
        with progress_bar(self.progress, self.total) as advance:
            rows_mode = takes_prepared(sink)
            clock = time.perf_counter

            def drain_one() -> None:
                future, rejects, shards, size, copies = pending.popleft()
                waited = clock()
                result = self._get(future) if future is not None else None
                started = clock()
                stats.time("wait", started - waited)
                if rows_mode:
                    prepared, count = None, 0
                    if result is not None:
                        prepared, count, failed, stage_stats = result
                        rows_seconds = stage_stats.pop().seconds
                        stats.time(f"{ROWS} (workers)", rows_seconds)
                        merge_stats(stats.stages, stage_stats)
                        rejects = rejects + failed
                    if prepared is not None:
                        sink.write_prepared(prepared, rejects)  # type: ignore[attr-defined]
                    elif rejects:
                        sink.write([], rejects)
                    wrote = clock()
                    write_aliases(sink, copies)
                    aliased = clock()
                    stats.articles += count
                    stats.rejected += len(rejects)
                    finish_shards(sink, shards)
                    stats.time("write", wrote - started)
                    stats.time("aliases", aliased - wrote)
                    stats.time("shards", clock() - aliased)
                else:
                    articles: list[Article] = []
                    if result is not None:
                        articles, failed, stage_stats = result
                        merge_stats(stats.stages, stage_stats)
                        rejects = rejects + failed
                    write_batch(sink, stats, articles, rejects, shards, copies)
                advance(size)

            size = batch_size_for(self.batch_size, self.total, self.workers)
            for batch, shards in batches(items, size, stats):
                articles, rejects, copies = split_batch(batch, stats, self.existing, recent)
                future = None
                if articles:
                    actor = self.actors[turn % self.workers]
                    if rows_mode:
                        future = actor.process_rows.remote(articles, stats.run_id)
                    else:
                        future = actor.process.remote(articles)
                    turn += 1
                pending.append((future, rejects, shards, len(batch), copies))
                while len(pending) > limit:
                    drain_one()
            while pending:
                drain_one()
        stats.finished_at = now()
        sink.record_run(stats)
        return stats

    def _get(self, future: Any) -> Any:
        try:
            return self.ray.get(future)
        except self.ray.exceptions.RayTaskError as exc:
            cause = getattr(exc, "cause", None)
            if isinstance(cause, FrontwireError):  # e.g. the model missing on a worker
                raise cause from exc
            raise
