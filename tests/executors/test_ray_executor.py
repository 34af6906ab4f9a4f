"""The Ray executor on a real local Ray instance: same results as the local executor, workers
that die are replaced, a stopped run resumes from its unfinished shards, memory stays flat."""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import duckdb
import pytest

from frontwire.config import Config
from frontwire.executors import CollectingSink, LocalExecutor, Sink
from frontwire.executors.ray import RayExecutor
from frontwire.ingest import IngestOptions
from frontwire.ingest.shards import read_shards
from frontwire.pipeline import Context, Pipeline, Stage
from frontwire.records import Article, Reject, RunStats
from frontwire.store import Store
from frontwire.testing import FailOnStage, make_articles


class Pause(Stage):
    """Takes a little time per batch, so a run lasts long enough to be interrupted."""

    name: ClassVar[str] = "pause"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    seconds = 0.05

    def process_batch(self, articles: Sequence[Article]) -> list[Article]:
        time.sleep(self.seconds)
        return list(articles)


@pytest.fixture(scope="module")
def ray(ray_instance: Any) -> Any:
    # Stages defined in this test module travel to the workers by value.
    ray_instance.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    return ray_instance


def texts(n: int) -> list[str]:
    towns = ["Kharkiv", "Izium", "Sumy", "Kherson", "Lyman"]
    out = []
    for i in range(n):
        town = towns[i % len(towns)]
        marker = " FAIL" if i % 5 == 3 else ""
        out.append(f"Officials in {town} said shells hit a school on day {i}.{marker}")
    return out


def corpus(folder: Path, files: int, lines: int) -> Path:
    folder.mkdir()
    for f in range(files):
        body = "".join(
            f'{{"text": "Report {f}-{i}: Governor Oleh Syniehubov said {i} people were hurt '
            f'in Kharkiv.{" FAIL" if i == 2 else ""}"}}\n'
            for i in range(lines)
        )
        (folder / f"feed-{f:02d}.jsonl").write_text(body + ("{broken\n" if f == 1 else ""))
    return folder


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    queries = {
        "articles": "select * exclude (run_id, updated_at) from articles order by id",
        "entities": "select * from entities order by all",
        "rejects": "select * exclude (run_id, created_at) from rejects order by id",
        "shards": "select key, path from shards order by key",
    }
    with duckdb.connect(str(db), read_only=True) as con:
        return {name: con.execute(sql).fetchall() for name, sql in queries.items()}


def counts(stats: RunStats) -> list[tuple[str, int, int, int]]:
    return [(s.name, s.articles_in, s.articles_out, s.rejected) for s in stats.stages]


def test_ray_gives_the_same_articles_rejects_and_stage_counts_as_local(
    ray: Any, config: Config
) -> None:
    ctx = Context(config=config)
    pipeline = Pipeline.from_config(config, ["sanitize"])
    pipeline = Pipeline(
        [*pipeline.stages, FailOnStage(ctx), *Pipeline.from_config(config).stages[1:]]
    )
    articles = make_articles(texts(14))
    local, remote = CollectingSink(), CollectingSink()
    local_stats = LocalExecutor(pipeline, batch_size=4, progress=False).run(articles, local)
    ray_stats = RayExecutor(pipeline, workers=2, batch_size=4, progress=False).run(articles, remote)
    assert remote.articles == local.articles
    assert [a.entities for a in remote.articles] == [a.entities for a in local.articles]
    assert all(a.doc is None for a in remote.articles)
    assert remote.rejects == local.rejects and len(local.rejects) == 3
    assert counts(ray_stats) == counts(local_stats)
    assert (ray_stats.articles, ray_stats.rejected) == (11, 3)
    assert all(s.seconds > 0 for s in ray_stats.stages)


class KillWorker:
    """Passes batches to the store and kills one worker process after the second batch."""

    def __init__(self, store: Store, executor: RayExecutor) -> None:
        self.store, self.executor, self.batches, self.killed = store, executor, 0, 0

    def write(self, articles: Sequence[Article], rejects: Sequence[Reject]) -> None:
        self.store.write(articles, rejects)
        self.batches += 1
        if self.batches == 2:
            os.kill(self.executor.pids[0], signal.SIGKILL)
            self.killed += 1

    def record_run(self, stats: RunStats) -> None:
        self.store.record_run(stats)

    def finish_shard(self, shard: Any) -> None:
        self.store.finish_shard(shard)


class StopAfter:
    """Passes batches to the store, then stops the run (as a killed driver would) mid-shard."""

    def __init__(self, store: Store, batches: int) -> None:
        self.store, self.left = store, batches

    def write(self, articles: Sequence[Article], rejects: Sequence[Reject]) -> None:
        if self.left == 0:
            raise KeyboardInterrupt
        self.store.write(articles, rejects)
        self.left -= 1

    def record_run(self, stats: RunStats) -> None:
        self.store.record_run(stats)

    def finish_shard(self, shard: Any) -> None:
        self.store.finish_shard(shard)


def run_into(sink: Sink, store: Store, executor: Any, folder: Path) -> RunStats:
    items = read_shards([folder], IngestOptions(), finished=store.shard_finished)
    stats: RunStats = executor.run(items, sink)
    return stats


def pipeline_of(config: Config) -> Pipeline:
    ctx = Context(config=config)
    return Pipeline([*Pipeline.from_config(config, ["sanitize"]).stages, FailOnStage(ctx),
                     Pause(ctx)])  # fmt: skip


@pytest.fixture(scope="module")
def clean_store(tmp_path_factory: pytest.TempPathFactory, config: Config) -> tuple[Path, Path]:
    folder = corpus(tmp_path_factory.mktemp("ray") / "in", files=6, lines=6)
    db = folder.parent / "clean.duckdb"
    with Store(db) as store:
        run_into(store, store, LocalExecutor(pipeline_of(config), batch_size=2, progress=False),
                 folder)  # fmt: skip
    return folder, db


def test_a_worker_killed_mid_shard_is_replaced_and_the_store_equals_a_clean_run(
    ray: Any, config: Config, clean_store: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, clean = clean_store
    db = tmp_path / "killed.duckdb"
    executor = RayExecutor(pipeline_of(config), workers=2, batch_size=2, progress=False)
    with Store(db) as store:
        sink = KillWorker(store, executor)
        stats = run_into(sink, store, executor, folder)
    assert sink.killed == 1
    assert stats.articles + stats.rejected == 6 * 6 + 1
    assert snapshot(db) == snapshot(clean)


def test_a_run_stopped_mid_shard_resumes_and_the_store_equals_a_clean_run(
    ray: Any, config: Config, clean_store: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, clean = clean_store
    db = tmp_path / "stopped.duckdb"
    with Store(db) as store, pytest.raises(KeyboardInterrupt):
        executor = RayExecutor(pipeline_of(config), workers=2, batch_size=2, progress=False)
        run_into(StopAfter(store, batches=7), store, executor, folder)
    partial = snapshot(db)
    assert 0 < len(partial["shards"]) < 6
    with Store(db) as store:
        executor = RayExecutor(pipeline_of(config), workers=2, batch_size=2, progress=False)
        again = run_into(store, store, executor, folder)
    assert again.skipped == {} and again.articles < 6 * 5
    assert snapshot(db) == snapshot(clean)


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


class SampleWorkers:
    def __init__(self, executor: RayExecutor) -> None:
        self.executor = executor
        self.samples: list[int] = []

    def write(self, articles: Sequence[Article], rejects: Sequence[Reject]) -> None:
        self.samples.append(max(rss_kb(pid) for pid in self.executor.pids))

    def record_run(self, stats: RunStats) -> None:
        pass


def test_worker_memory_stays_flat_over_a_run(ray: Any, config: Config) -> None:
    pipeline = Pipeline.from_config(config)  # sanitize and nlp: the parse is the big allocation
    executor = RayExecutor(pipeline, workers=2, batch_size=16, progress=False)
    sink = SampleWorkers(executor)
    n = 1600

    def articles() -> Any:
        for text in texts(n):
            yield make_articles([text * 3])[0]

    stats = executor.run(articles(), sink)
    assert stats.articles + stats.rejected == n
    quarter = len(sink.samples) // 4
    early = max(sink.samples[quarter : 2 * quarter])
    late = max(sink.samples[3 * quarter :])
    assert late - early < 30 * 1024, (early, late)


def test_rows_built_in_the_workers_give_the_store_a_clean_local_run_gives(
    ray: Any, config: Config, clean_store: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, clean = clean_store
    db = tmp_path / "rows.duckdb"
    executor = RayExecutor(pipeline_of(config), workers=2, batch_size=2, progress=False)
    with Store(db) as store:
        stats = run_into(store, store, executor, folder)  # the store: rows come prepared
    assert stats.timings["rows (workers)"] > 0
    assert stats.articles + stats.rejected == 6 * 6 + 1
    assert snapshot(db) == snapshot(clean)


def test_html_pages_are_extracted_in_the_workers_not_the_driver(
    ray: Any, config: Config, tmp_path: Path
) -> None:
    from dataclasses import replace

    folder = Path(__file__).resolve().parents[2] / "examples" / "corpus" / "html"
    pages = sorted(folder.glob("*.html"))
    broken = tmp_path / "empty.html"
    broken.write_text("<html><body><script>var a = 1;</script></body></html>")
    inputs = [*pages, broken]
    pipeline = Pipeline.from_config(config, ["sanitize"])
    local = CollectingSink()
    LocalExecutor(pipeline, progress=False).run(read_shards(inputs, IngestOptions()), local)
    deferred = replace(IngestOptions(), defer_html=True)
    items = list(read_shards(inputs, deferred))
    raw = [i for i in items if isinstance(i, Article)]
    assert len(raw) == len(inputs) and all(a.text.lstrip().startswith("<") for a in raw)
    remote = CollectingSink()
    RayExecutor(pipeline, workers=2, batch_size=2, progress=False).run(items, remote)
    assert remote.articles == local.articles
    assert [r.code for r in remote.rejects] == [r.code for r in local.rejects] != []


@pytest.mark.parametrize(
    ("total", "expected"),
    [(None, 32), (110, 14), (10_000, 32), (1, 8), (40, 8)],
)
def test_batches_shrink_so_every_worker_gets_several(total: int | None, expected: int) -> None:
    from frontwire.executors.ray import batch_size_for

    assert batch_size_for(32, total, 2) == expected
