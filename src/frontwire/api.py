"""The library functions behind every CLI command; import them from ``frontwire``.

Each command of the CLI is a thin wrapper over one function here, so scripts and tests call
exactly what the command line does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from frontwire.config import Config, load_config
from frontwire.ingest import IngestOptions, count_inputs, read_inputs
from frontwire.pipeline import CollectingSink, LocalExecutor, Pipeline, Sink
from frontwire.records import Article, Reject, RunStats, Source
from frontwire.store import Store


@dataclass(slots=True)
class Analysis:
    """What :func:`analyze` found: the articles, the rejects, and the run's statistics."""

    articles: list[Article] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    stats: RunStats | None = None


def run(
    paths: Sequence[str | Path],
    sink: Sink,
    *,
    config: Config | None = None,
    published: str | None = None,
    progress: bool | None = None,
    stages: Sequence[str] | None = None,
) -> RunStats:
    """Read ``paths``, run the configured pipeline over every article, write results to ``sink``.

    Args:
        paths: files, directories, or ``"-"`` for standard input.
        sink: where articles and rejects go, batch by batch.
        config: the configuration; the shipped default if ``None``.
        published: date for inputs that carry none (overrides ``[ingest] published``).
        progress: show a progress bar; ``None`` shows it only on a terminal.
        stages: stage names to run instead of ``[pipeline] stages``.

    Returns:
        The run's statistics (also recorded in the sink).

    Raises:
        PipelineError: if the stages cannot run in this order.
        DependencyError: if the spaCy model or an optional package is missing.
    """
    config = config or load_config()
    pipeline = Pipeline.from_config(config, stages)
    options = IngestOptions.from_config(config, published=published)
    executor = LocalExecutor(
        pipeline,
        batch_size=config["pipeline"]["batch_size"],
        progress=progress,
        total=count_inputs(paths),
        keep_payload_chars=config["ingest"]["keep_payload_chars"],
    )
    return executor.run(read_inputs(paths, options), sink)


def analyze(
    paths: Sequence[str | Path],
    *,
    config: Config | None = None,
    published: str | None = None,
    progress: bool | None = False,
) -> Analysis:
    """Analyse ``paths`` in memory, without a store. For a handful of files or a test."""
    from frontwire.dedup.batch import annotate
    from frontwire.dedup.index import DedupOptions

    config = config or load_config()
    sink = CollectingSink()
    stats = run(paths, sink, config=config, published=published, progress=progress)
    options = DedupOptions.from_config(config["dedup"])
    articles = annotate(sink.articles, options.copies, options.stories)
    return Analysis(articles=articles, rejects=sink.rejects, stats=stats)


def analyze_text(
    text: str,
    *,
    config: Config | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
) -> Article:
    """Analyse one text given as a string.

    Raises:
        FrontwireError: if the article is rejected (the reject's code and reason).
    """
    from frontwire.errors import StageError

    config = config or load_config()
    pipeline = Pipeline.from_config(config)
    article = Article.new(text, Source(url=url, outlet=outlet, title=title, published=published))
    sink = CollectingSink()
    LocalExecutor(pipeline, progress=False).run([article], sink)
    if sink.rejects:
        reject = sink.rejects[0]
        raise StageError("FW401", stage=reject.stage, article_id=article.id, detail=reject.reason)
    return sink.articles[0]


def ingest(
    paths: Sequence[str | Path],
    *,
    db: str | Path | None = None,
    config: Config | None = None,
    published: str | None = None,
    progress: bool | None = None,
) -> RunStats:
    """Run the pipeline over ``paths`` into the DuckDB store (``[store] path`` unless ``db``).

    Re-running over the same inputs changes nothing: article ids derive from content and every
    write is an upsert, one transaction per batch.
    """
    from frontwire.dedup.index import DedupOptions

    config = config or load_config()
    with Store(db or config["store"]["path"]) as store:
        stats = run(paths, store, config=config, published=published, progress=progress)
        store.dedup(DedupOptions.from_config(config["dedup"]))
        return stats
