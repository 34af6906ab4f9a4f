"""The default executor: one process, streaming batches, failures isolated per article.

Memory stays flat in corpus size: the input is an iterator, one batch is in flight at a time,
and each finished batch goes to the sink before the next is read.
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

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
    write_aliases,
)
from frontwire.executors.chain import run_chain
from frontwire.pipeline.pipeline import Pipeline
from frontwire.records import Article, Reject, RunStats, StageStats


class LocalExecutor(Executor):
    """Run a pipeline in this process.

    Args:
        pipeline: the stages to run.
        batch_size: articles per batch handed to each stage.
        progress: show a Rich progress bar; ``None`` shows it only when stderr is a terminal.
        total: how many items to expect, for the progress bar (unknown if ``None``).
        keep_payload_chars: a reject from a stage keeps the article's text up to this length.
        existing: looks up which of a batch's article ids are already stored; those articles
            are skipped (``--skip-existing``).
    """

    def __init__(
        self,
        pipeline: Pipeline,
        batch_size: int = 32,
        progress: bool | None = None,
        total: int | None = None,
        keep_payload_chars: int = 1_000_000,
        existing: ExistingIds | None = None,
    ) -> None:
        self.pipeline = pipeline
        self.batch_size = batch_size
        self.progress = progress
        self.total = total
        self.keep_payload_chars = keep_payload_chars
        self.existing = existing
        self._set_up = False

    def run(self, items: Iterable[Item], sink: Sink) -> RunStats:
        """Process ``items`` batch by batch and write each batch to ``sink``."""
        if not self._set_up:
            self.pipeline.setup()
            self._set_up = True
        stats = new_run(self.pipeline)
        sink.record_run(stats)
        recent = RecentIds() if takes_aliases(sink) else None
        from frontwire.ingest import HtmlCompleter

        html = HtmlCompleter()  # pages read with IngestOptions.defer_html, if any
        with progress_bar(self.progress, self.total) as advance:
            for batch, shards in batches(items, self.batch_size, stats):
                articles, rejects, copies = split_batch(batch, stats, self.existing, recent)
                articles, unextracted = html.complete(articles)
                rejects.extend(unextracted)
                articles, failed = run_chain(
                    self.pipeline.stages, stats.stages, articles, self.keep_payload_chars
                )
                rejects.extend(failed)
                write_batch(sink, stats, articles, rejects, shards, copies)
                advance(len(batch))
        stats.finished_at = now()
        sink.record_run(stats)
        return stats


def new_run(pipeline: Pipeline) -> RunStats:
    """A fresh run record with one entry per stage."""
    return RunStats(
        run_id=uuid.uuid4().hex,
        started_at=now(),
        stages=[StageStats(name=stage.name) for stage in pipeline.stages],
    )


def write_batch(
    sink: Sink,
    stats: RunStats,
    articles: Sequence[Article],
    rejects: Sequence[Reject],
    shards: Sequence[Any],
    copies: Sequence[Article] = (),
) -> None:
    """Hand a finished batch to the sink, with the aliases of its copies (articles whose text
    was already processed), count it, and close the shards it completes."""
    clock = time.perf_counter
    start = clock()
    sink.write(articles, rejects)
    wrote = clock()
    write_aliases(sink, copies)
    aliased = clock()
    stats.articles += len(articles)
    stats.rejected += len(rejects)
    finish_shards(sink, shards)
    stats.time("write", wrote - start)
    stats.time("aliases", aliased - wrote)
    stats.time("shards", clock() - aliased)


@contextlib.contextmanager
def progress_bar(progress: bool | None, total: int | None) -> Iterator[Callable[[int], None]]:
    """A Rich progress bar (shown on a terminal unless ``progress`` says otherwise)."""
    console = Console(stderr=True)
    show = console.is_terminal if progress is None else progress
    with Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=not show,
        transient=False,
    ) as bar:
        task = bar.add_task("articles", total=total)
        yield lambda n: bar.advance(task, n)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
