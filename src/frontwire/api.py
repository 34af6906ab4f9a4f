"""The library functions behind every CLI command; import them from ``frontwire``.

Each command of the CLI is a thin wrapper over one function here, so scripts and tests call
exactly what the command line does.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from frontwire.config import Config, check_choice, load_config
from frontwire.executors import CollectingSink, Executor, LocalExecutor, Sink, TeeSink
from frontwire.executors.base import ExistingIds, Item
from frontwire.ingest import IngestOptions, count_inputs, read_inputs
from frontwire.pipeline import Pipeline
from frontwire.records import Article, Reject, RunStats, Source
from frontwire.store import Store, StoreStats

if TYPE_CHECKING:
    from frontwire.dedup.report import DedupReport
    from frontwire.forensics.sanitizer import Sanitized

if TYPE_CHECKING:  # the HTTP API's models load FastAPI; `frontwire analyze` never needs them
    from frontwire.store.views import EventFilters


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
    store: Store | None = None,
    redo: bool = False,
    skip_existing: bool = False,
) -> RunStats:
    """Read ``paths``, run the configured pipeline over every article, write results to ``sink``.

    The executor is ``[pipeline] executor`` (``"local"`` or ``"ray"``, with ``ray_address`` and
    ``workers``). With a ``store``, inputs are read as shards: shards a previous run finished
    are skipped (all are read again with ``redo``), and each finished shard is recorded.

    Args:
        paths: files, directories, or ``"-"`` for standard input.
        sink: where articles and rejects go, batch by batch.
        config: the configuration; the shipped default if ``None``.
        published: date for inputs that carry none (overrides ``[ingest] published``).
        progress: show a progress bar; ``None`` shows it only on a terminal.
        stages: stage names to run instead of ``[pipeline] stages``.
        store: the store results go to (also in ``sink``), for shard records and lookups.
        redo: read every shard again, finished or not.
        skip_existing: skip articles whose id the store already holds (needs ``store``).

    Returns:
        The run's statistics (also recorded in the sink).

    Raises:
        PipelineError: if the stages cannot run in this order.
        DependencyError: if the spaCy model or an optional package (Ray) is missing.
    """
    config = config or load_config()
    pipeline = Pipeline.from_config(config, stages)
    options = IngestOptions.from_config(config, published=published)
    existing = store.existing_ids if (store is not None and skip_existing) else None
    executor = make_executor(config, pipeline, count_inputs(paths), progress, existing)
    skipped: Counter[str] = Counter()
    items: Iterator[Item]
    if store is None:
        items = read_inputs(paths, options, skipped=skipped)
    else:
        from frontwire.ingest.shards import read_shards

        finished = None if redo else store.shard_finished
        items = read_shards(paths, options, finished=finished, skipped=skipped,
                            shard_lines=config.ingest.shard_lines)  # fmt: skip
    stats = executor.run(items, sink)
    for kind, n in skipped.items():
        stats.skipped[kind] = stats.skipped.get(kind, 0) + n
    return stats


def make_executor(
    config: Config,
    pipeline: Pipeline,
    total: int | None = None,
    progress: bool | None = None,
    existing: ExistingIds | None = None,
) -> Executor:
    """The executor ``[pipeline] executor`` names, set up from the config.

    Raises:
        ConfigError: FW105 for an unknown executor.
        DependencyError: FW605 for ``"ray"`` without Ray installed.
    """
    section = config.pipeline
    name = check_choice("pipeline.executor", section.executor, EXECUTORS)
    common: dict[str, Any] = {
        "batch_size": section.batch_size,
        "progress": progress,
        "total": total,
        "keep_payload_chars": config.ingest.keep_payload_chars,
        "existing": existing,
    }
    if name == "ray":
        from frontwire.executors.ray import RayExecutor

        return RayExecutor(
            pipeline, workers=section.workers, address=section.ray_address or None, **common
        )
    return LocalExecutor(pipeline, **common)


#: The executors ``[pipeline] executor`` may name.
EXECUTORS = ("local", "ray")


def analyze(
    paths: Sequence[str | Path],
    *,
    config: Config | None = None,
    published: str | None = None,
    progress: bool | None = False,
) -> Analysis:
    """Analyse ``paths`` in memory, without a store. For a handful of files or a test.

    Copies and stories are found across all of ``paths`` once every article is analysed, so
    the articles come back together, each marked with its copy cluster and story.

    Args:
        paths: files, directories, or ``"-"`` for standard input.
        config: the configuration; the shipped default if ``None``.
        published: date for inputs that carry none (overrides ``[ingest] published``).
        progress: show a progress bar; ``None`` shows it only on a terminal.

    Returns:
        The analysed articles, the rejects and the run's statistics.

    Raises:
        FrontwireError: if the configuration or the stages cannot run (see :func:`run`).
    """
    from frontwire.dedup.batch import annotate
    from frontwire.dedup.index import DedupOptions

    config = config or load_config()
    sink = CollectingSink()
    stats = run(paths, sink, config=config, published=published, progress=progress)
    options = DedupOptions.from_config(config.dedup)
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
    redo: bool = False,
    skip_existing: bool = False,
    sink: Sink | None = None,
) -> RunStats:
    """Run the pipeline over ``paths`` into the DuckDB store (``[store] path`` unless ``db``).

    Re-running over the same inputs changes nothing: article ids derive from content and every
    write is an upsert, one transaction per batch; files finished by an earlier run are skipped
    unless ``redo``. A ``sink``, if given, sees every batch the store does (the CLI shows the
    rejects through one); copy clusters, stories and events are updated at the end.
    """
    from frontwire.dedup.index import DedupOptions, update_store

    config = config or load_config()
    memory_limit = config.store.memory_limit or None
    with Store(db or config.store.path, memory_limit=memory_limit) as store:
        target: Sink = store if sink is None else TeeSink(store, sink)
        stats = run(paths, target, config=config, published=published, progress=progress,
                    store=store, redo=redo, skip_existing=skip_existing)  # fmt: skip
        started = time.perf_counter()
        update_store(store, DedupOptions.from_config(config.dedup))
        stats.time("dedup", time.perf_counter() - started)
        return stats


def export(
    format: str = "jsonl",
    *,
    table: str | None = None,
    filters: EventFilters | Mapping[str, Any] | None = None,
    output: str | Path | None = None,
    db: str | Path | None = None,
    config: Config | None = None,
) -> int:
    """Export the store: events as ACLED CSV, PLOVER JSON Lines or GeoJSON, or a table as
    JSON Lines, CSV or Parquet. ``frontwire export`` and GET /export write the same bytes for
    the same arguments.

    Args:
        format: ``"acled"``, ``"plover"``, ``"geojson"`` (events), or ``"jsonl"``, ``"csv"``,
            ``"parquet"`` (a table).
        table: the table for ``jsonl``/``csv``/``parquet`` (default ``"articles"``; see
            :data:`frontwire.exports.TABLES`); the event formats write ``events`` only.
        filters: which events, as GET /events takes them (``{"date_from": "2024-01-01",
            "event_type": "Battles"}`` or an :class:`~frontwire.server.models.EventFilters`).
            They apply to the event formats and the ``events`` table. Without ``status``,
            only events that happened are exported.
        output: the file to write (replaced if it exists); ``None`` writes to standard output
            (not for Parquet).
        db: the store (default ``[store] path``); it is opened read-only.
        config: the configuration; the shipped default if ``None``.

    Returns:
        The number of rows (events, for the event formats) written.

    Raises:
        StoreError: FW512 for an invalid filter, FW503/FW504/FW510/FW511 for a table or format
            that does not fit (see :class:`frontwire.exports.Export`), FW507 for Parquet to
            standard output, FW508 if the file cannot be written, and the store's own errors
            when it cannot be opened.
    """
    from pydantic import ValidationError

    from frontwire.errors import StoreError
    from frontwire.exports import ExportRequest, write_export
    from frontwire.store.views import EventFilters

    if filters is None:
        filters = EventFilters()
    elif not isinstance(filters, EventFilters):
        try:
            filters = EventFilters.model_validate(dict(filters))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first.get("loc", ()))
            detail = f"{where}: {first.get('msg', 'invalid')}" if where else first.get("msg")
            raise StoreError("FW512", detail=detail) from None
    config = config or load_config()
    with Store(db or config["store"]["path"], read_only=True) as store:
        return write_export(store.connection, ExportRequest(format, table, filters), output)


@dataclass(slots=True)
class Sanitization:
    """What :func:`sanitize` did to each article read, and the inputs it could not read."""

    results: list[tuple[Article, Sanitized]] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)


def sanitize(paths: Sequence[str | Path], *, config: Config | None = None) -> Sanitization:
    """Repair look-alike letters, invisible characters and mojibake in every article read.

    Args:
        paths: files, directories, or ``"-"`` for standard input.
        config: the configuration (``[forensics]`` and ``[ingest]``); the default if ``None``.

    Returns:
        Each article with its repaired text, edits and tamper report, and the rejects.

    Raises:
        FrontwireError: if the configuration is invalid or an input cannot be read at all.
    """
    from frontwire.forensics import ForensicsOptions, Sanitizer

    config = config or load_config()
    sanitizer = Sanitizer(ForensicsOptions.from_config(config))
    items = list(read_inputs(paths, IngestOptions.from_config(config)))
    done = Sanitization(rejects=[item for item in items if isinstance(item, Reject)])
    for item in items:
        if isinstance(item, Article):
            done.results.append((item, sanitizer.sanitize(item.text)))
    return done


def deduplicate(*, db: str | Path | None = None, config: Config | None = None) -> DedupReport:
    """Update the copy clusters, stories and corroborated events of a store, and report them.

    Raises:
        StoreError: if the store cannot be opened.
    """
    from frontwire.dedup.index import DedupOptions, update_store
    from frontwire.dedup.report import dedup_report

    config = config or load_config()
    with _open_store(config, db) as store:
        update_store(store, DedupOptions.from_config(config.dedup))
        return dedup_report(store.connection)


def stats(
    *, db: str | Path | None = None, config: Config | None = None
) -> tuple[StoreStats, DedupReport]:
    """What a store holds, read-only: row counts, verdicts, rejects and recent runs, and its
    copies, stories and corroborated events.

    Raises:
        StoreError: if the store cannot be opened.
    """
    from frontwire.dedup.report import dedup_report

    config = config or load_config()
    with _open_store(config, db, read_only=True) as store:
        return store.stats(), dedup_report(store.connection)


def _open_store(config: Config, db: str | Path | None, *, read_only: bool = False) -> Store:
    """The store ``db`` names, else ``[store] path``."""
    return Store(db or config.store.path, read_only=read_only)
