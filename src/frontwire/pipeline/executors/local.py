"""The default executor: one process, streaming batches, failures isolated per article.

Memory stays flat in corpus size: the input is an iterator, one batch is in flight at a time,
and each finished batch goes to the sink before the next is read.
"""

from __future__ import annotations

import itertools
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from frontwire.errors import FrontwireError
from frontwire.pipeline.executors.base import Executor, Sink
from frontwire.pipeline.pipeline import Pipeline
from frontwire.pipeline.stage import Stage
from frontwire.records import Article, Reject, RunStats, StageStats
from frontwire.util import stable_id


class LocalExecutor(Executor):
    """Run a pipeline in this process.

    Args:
        pipeline: the stages to run.
        batch_size: articles per batch handed to each stage.
        progress: show a Rich progress bar; ``None`` shows it only when stderr is a terminal.
        total: how many items to expect, for the progress bar (unknown if ``None``).
        keep_payload_chars: a reject from a stage keeps the article's text up to this length.
    """

    def __init__(
        self,
        pipeline: Pipeline,
        batch_size: int = 32,
        progress: bool | None = None,
        total: int | None = None,
        keep_payload_chars: int = 1_000_000,
    ) -> None:
        self.pipeline = pipeline
        self.batch_size = batch_size
        self.progress = progress
        self.total = total
        self.keep_payload_chars = keep_payload_chars
        self._set_up = False

    def run(self, items: Iterable[Article | Reject], sink: Sink) -> RunStats:
        """Process ``items`` batch by batch and write each batch to ``sink``."""
        if not self._set_up:
            self.pipeline.setup()
            self._set_up = True
        stats = RunStats(
            run_id=uuid.uuid4().hex,
            started_at=_now(),
            stages=[StageStats(name=stage.name) for stage in self.pipeline.stages],
        )
        sink.record_run(stats)
        console = Console(stderr=True)
        show = console.is_terminal if self.progress is None else self.progress
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
            task = bar.add_task("articles", total=self.total)
            for batch in _batches(items, self.batch_size):
                articles = [item for item in batch if isinstance(item, Article)]
                rejects = [item for item in batch if isinstance(item, Reject)]
                for stage, stage_stats in zip(self.pipeline.stages, stats.stages, strict=True):
                    articles, failed = self._run_stage(stage, stage_stats, articles)
                    rejects.extend(failed)
                # The parse is process-local and large: it goes no further than the stages.
                articles = [a.replace(doc=None) if a.doc is not None else a for a in articles]
                sink.write(articles, rejects)
                stats.articles += len(articles)
                stats.rejected += len(rejects)
                bar.advance(task, len(batch))
        stats.finished_at = _now()
        sink.record_run(stats)
        return stats

    def _run_stage(
        self, stage: Stage, stage_stats: StageStats, articles: Sequence[Article]
    ) -> tuple[list[Article], list[Reject]]:
        if not articles:
            return [], []
        stage_stats.articles_in += len(articles)
        start = time.perf_counter()
        try:
            done = _checked_batch(stage, articles)
            failed: list[Reject] = []
        except Exception:  # noqa: BLE001 - isolate the culprit below, one article at a time
            done, failed = [], []
            for article in articles:
                try:
                    done.extend(_checked_batch(stage, [article]))
                except Exception as exc:  # noqa: BLE001 - one bad article never stops a batch
                    failed.append(self._reject(stage, article, exc))
        stage_stats.seconds += time.perf_counter() - start
        stage_stats.articles_out += len(done)
        stage_stats.rejected += len(failed)
        return done, failed

    def _reject(self, stage: Stage, article: Article, exc: Exception) -> Reject:
        if isinstance(exc, FrontwireError):
            code, reason = exc.code, exc.message
        else:
            code = "FW401"
            reason = (
                f"Stage '{stage.name}' failed on article {article.id}: {type(exc).__name__}: {exc}"
            )
        text = article.original_text
        return Reject(
            id=stable_id("reject", stage.name, article.id, code),
            code=code,
            reason=reason,
            stage=stage.name,
            path=article.source.path or article.source.url,
            line=_line(article),
            article_id=article.id,
            payload=text if len(text) <= self.keep_payload_chars else None,
        )


def _checked_batch(stage: Stage, articles: Sequence[Article]) -> list[Article]:
    done = stage.process_batch(articles)
    if len(done) != len(articles):
        raise RuntimeError(
            f"stage {stage.name!r} returned {len(done)} articles for a batch of {len(articles)}"
        )
    return done


def _line(article: Article) -> int | None:
    line = article.metadata.get("_line")
    return line if isinstance(line, int) else None


def _batches(items: Iterable[Article | Reject], size: int) -> Iterator[list[Article | Reject]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
