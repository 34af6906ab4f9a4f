"""Throughput of the Ray executor with 1 and 2 workers beside the local executor.

All three runs ingest the same generated corpus (JSON Lines files, several shards) through the
configured stages (sanitize, nlp) into a fresh DuckDB store each, in this one invocation, on
one local Ray instance. Throughput counts from the moment the stages are set up (the local
pipeline, or every Ray worker) to the last batch stored, so model loading is left out; the
total wall time, setup included, is listed beside it. RSS (resident memory, read from /proc) is
sampled after every stored batch, for the driver and for each worker.

Usage:
    python benchmarks/bench_executors.py [--articles 400] [--out docs/BENCHMARKS.md]

Texts: the bundled example corpus (our own writing), each copy with a numbered first line so
every article has its own id.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench_spine import corpus_texts, update_section
from frontwire.api import make_executor
from frontwire.config import load_config
from frontwire.ingest import IngestOptions
from frontwire.ingest.shards import read_shards
from frontwire.pipeline import Pipeline
from frontwire.records import Article, Reject, RunStats
from frontwire.store import Store

SECTION = "## Executors"
LINES_PER_FILE = 50


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (fields 14 and 15 of /proc/PID/stat)."""
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Timed:
    """The store, with when the run started working and RSS after every batch."""

    def __init__(self, store: Store, pids: Any) -> None:
        self.store, self.pids = store, pids
        self.ready: float | None = None
        self.driver: list[float] = []
        self.workers: list[float] = []
        self.driver_cpu = 0.0
        self.worker_cpu: dict[int, tuple[float, float]] = {}  # pid: (at ready, latest)

    def write(self, articles: Sequence[Article], rejects: Sequence[Reject]) -> None:
        self.store.write(articles, rejects)
        self.driver.append(rss_mb(os.getpid()))
        pids = self.pids()
        if pids:
            self.workers.append(max(rss_mb(pid) for pid in pids))
            for pid in pids:
                first, _ = self.worker_cpu.get(pid, (0.0, 0.0))
                self.worker_cpu[pid] = (first, cpu_seconds(pid))

    def record_run(self, stats: RunStats) -> None:
        if self.ready is None:  # called once the stages are set up, before the first batch
            self.ready = time.perf_counter()
            self.driver_cpu = -time.process_time()
            self.worker_cpu = {pid: (cpu_seconds(pid), 0.0) for pid in self.pids()}
        else:
            self.driver_cpu += time.process_time()
        self.store.record_run(stats)

    def finish_shard(self, shard: Any) -> None:
        self.store.finish_shard(shard)


def write_corpus(folder: Path, n: int) -> list[Path]:
    texts = corpus_texts()
    paths = []
    for start in range(0, n, LINES_PER_FILE):
        path = folder / f"feed-{start // LINES_PER_FILE:03d}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for i in range(start, min(n, start + LINES_PER_FILE)):
                out.write(json.dumps({"text": f"Report {i}\n\n{texts[i % len(texts)]}"}) + "\n")
        paths.append(path)
    return paths


def measure(name: str, paths: list[Path], db: Path, executor: str, workers: int) -> dict[str, Any]:
    config = load_config().with_overrides(
        {"pipeline": {"executor": executor, "workers": workers}}, "bench"
    )
    start = time.perf_counter()
    runner = make_executor(config, Pipeline.from_config(config), progress=False)
    with Store(db, memory_limit=config["store"]["memory_limit"]) as store:
        sink = Timed(store, lambda: getattr(runner, "pids", []))
        items = read_shards(paths, IngestOptions(), finished=store.shard_finished)
        stats = runner.run(items, sink)
    end = time.perf_counter()
    assert sink.ready is not None
    worker_cpu = sum(last - first for first, last in sink.worker_cpu.values())
    return {
        "driver_cpu": sink.driver_cpu,
        "worker_cpu": worker_cpu,
        "name": name,
        "articles": stats.articles,
        "total": end - start,
        "working": end - sink.ready,
        "rate": stats.articles / (end - sink.ready),
        "driver": (min(sink.driver), max(sink.driver)) if sink.driver else (0.0, 0.0),
        "workers": (min(sink.workers), max(sink.workers)) if sink.workers else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--out", type=Path, default=None, help="update this Markdown file")
    args = parser.parse_args()

    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR)
    load_avg = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = write_corpus(folder, args.articles)
        results = [
            measure("local executor", paths, folder / "local.duckdb", "local", 1),
            measure("Ray, 1 worker", paths, folder / "ray1.duckdb", "ray", 1),
            measure("Ray, 2 workers", paths, folder / "ray2.duckdb", "ray", 2),
        ]
    ray.shutdown()
    one, two = results[1]["rate"], results[2]["rate"]
    lines = [
        SECTION,
        "",
        f"Command: `python benchmarks/bench_executors.py --articles {args.articles}` on "
        f"{platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} cores "
        f"(load average {load_avg[0]:.1f} when it started: other work shares the cores).",
        "",
        f"{args.articles} articles from the example corpus in {len(paths)} JSON Lines shards; "
        "stages sanitize, nlp; a fresh DuckDB store per run.",
        "",
        "| run | articles/s (stages set up) | seconds working | seconds total | driver CPU s "
        "| workers' CPU s | driver RSS MB (min-max) | worker RSS MB (min-max) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        workers = r["workers"]
        lines.append(
            f"| {r['name']} | {r['rate']:.1f} | {r['working']:.1f} | {r['total']:.1f} | "
            f"{r['driver_cpu']:.1f} | {r['worker_cpu']:.1f} | "
            f"{r['driver'][0]:.0f}-{r['driver'][1]:.0f} | "
            + (f"{workers[0]:.0f}-{workers[1]:.0f} |" if workers else "- (in the driver) |")
        )
    lines += [
        "",
        f"2 workers / 1 worker: **{two / one:.2f}x** (target 1.8x). "
        f"1 Ray worker / local: {one / results[0]['rate']:.2f}x.",
        "",
        "Per core (articles per CPU-second of the process running the stages): local "
        f"{results[0]['articles'] / results[0]['driver_cpu']:.1f}, Ray 1 worker "
        f"{results[1]['articles'] / results[1]['worker_cpu']:.1f}, Ray 2 workers "
        f"{results[2]['articles'] / results[2]['worker_cpu']:.1f}; the Ray driver (reading, "
        f"writing the store) spends {1000 * results[2]['driver_cpu'] / results[2]['articles']:.0f}"
        " ms of CPU per article.",
        "",
        "CPU the stages got, on average while working: local "
        f"{results[0]['driver_cpu'] / results[0]['working']:.2f} cores, Ray 1 worker "
        f"{results[1]['worker_cpu'] / results[1]['working']:.2f}, Ray 2 workers "
        f"{results[2]['worker_cpu'] / results[2]['working']:.2f}. Throughput scales with the CPU "
        "the workers are given; the per-core rate, not the wall-clock ratio, is what carries "
        "over to an idle machine or a cluster.",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    if args.out:
        update_section(args.out, report)


if __name__ == "__main__":
    main()
