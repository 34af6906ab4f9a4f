"""Running the whole stage chain over one batch, with failures isolated per article.

Shared by every executor, so the local one and a Ray worker produce the same articles, the
same rejects and the same per-stage counts for the same batch.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from frontwire.errors import FrontwireError
from frontwire.pipeline.stage import Stage
from frontwire.records import Article, Reject, StageStats
from frontwire.util import stable_id


def run_chain(
    stages: Sequence[Stage],
    stage_stats: Sequence[StageStats],
    articles: Sequence[Article],
    keep_payload_chars: int,
) -> tuple[list[Article], list[Reject]]:
    """Run every stage over ``articles`` in turn and count each stage in ``stage_stats``.

    The parse (``Article.doc``) is dropped once the last stage has run: it is process-local and
    large, and goes no further than the stages.

    Returns:
        The finished articles (in input order) and the rejects of the articles that failed.
    """
    done = list(articles)
    rejects: list[Reject] = []
    for stage, stats in zip(stages, stage_stats, strict=True):
        done, failed = run_stage(stage, stats, done, keep_payload_chars)
        rejects.extend(failed)
    return [a.replace(doc=None) if a.doc is not None else a for a in done], rejects


def run_stage(
    stage: Stage, stats: StageStats, articles: Sequence[Article], keep_payload_chars: int
) -> tuple[list[Article], list[Reject]]:
    """One stage over a batch; if the batch fails, retry one article at a time."""
    if not articles:
        return [], []
    stats.articles_in += len(articles)
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
                failed.append(stage_reject(stage, article, exc, keep_payload_chars))
    stats.seconds += time.perf_counter() - start
    stats.articles_out += len(done)
    stats.rejected += len(failed)
    return done, failed


def stage_reject(stage: Stage, article: Article, exc: Exception, keep_payload_chars: int) -> Reject:
    """The reject for ``article`` failing in ``stage``."""
    if isinstance(exc, FrontwireError):
        code, reason = exc.code, exc.message
    else:
        code = "FW401"
        reason = f"Stage '{stage.name}' failed on article {article.id}: {type(exc).__name__}: {exc}"
    text = article.original_text
    return Reject(
        id=stable_id("reject", stage.name, article.id, code),
        code=code,
        reason=reason,
        stage=stage.name,
        path=article.source.path or article.source.url,
        line=_line(article),
        article_id=article.id,
        payload=text if len(text) <= keep_payload_chars else None,
    )


def merge_stats(into: Sequence[StageStats], part: Sequence[StageStats]) -> None:
    """Add one batch's per-stage counts and times (e.g. from a worker) to the run's."""
    for total, batch in zip(into, part, strict=True):
        total.articles_in += batch.articles_in
        total.articles_out += batch.articles_out
        total.rejected += batch.rejected
        total.seconds += batch.seconds


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
