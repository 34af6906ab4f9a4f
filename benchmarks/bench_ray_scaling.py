"""Ray with 1 worker against 2 workers over the full pipeline, and the driver's share of CPU.

Each run is a fresh process that starts its own local Ray instance with as many CPUs as
workers, ingests the same files through every configured stage into a fresh DuckDB store (the
store is the sink, so the workers build the rows and the driver only inserts them), and then
runs the dedup step, as ``frontwire ingest --executor ray`` does. Runs alternate (1, 2, 1, 2,
...). Reported per run: seconds from the moment every worker has set its stages up to the last
batch stored ("working"), the whole run with set-up and dedup ("total"), and the CPU seconds
of the driver and of each worker over the working part (from /proc), so the driver's share of
the CPU and each worker's CPU per article can be read off.

Usage:
    python benchmarks/bench_ray_scaling.py [--corpus DIR] [--articles 220] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_pipeline import default_corpus, input_files


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (fields 14 and 15 of /proc/PID/stat)."""
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def child(files: list[str], workers: int) -> dict[str, Any]:
    import ray

    from frontwire.api import run
    from frontwire.config import load_config
    from frontwire.dedup.index import DedupOptions
    from frontwire.executors import ray as ray_executor
    from frontwire.store import Store

    start = time.perf_counter()
    config = load_config().with_overrides(
        {"pipeline": {"executor": "ray", "workers": workers}}, "bench_ray_scaling"
    )
    ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False,
             logging_level=logging.ERROR)  # fmt: skip
    marks: dict[str, Any] = {}
    executor_holder: list[Any] = []
    original_init = ray_executor.RayExecutor.__init__

    def keep(self: Any, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        executor_holder.append(self)

    ray_executor.RayExecutor.__init__ = keep  # type: ignore[method-assign]

    class Measured(Store):
        """The store, noting when work starts and the CPU of every process after each batch."""

        def write_prepared(self, prepared: Any, rejects: Any = ()) -> None:
            super().write_prepared(prepared, rejects)
            pids = executor_holder[0].pids
            marks["end"] = time.perf_counter()
            marks["driver_end"] = cpu_seconds(os.getpid())
            marks["workers_end"] = [cpu_seconds(p) for p in pids]

        def record_run(self, stats: Any) -> None:
            super().record_run(stats)
            if "ready" not in marks and executor_holder and executor_holder[0].pids:
                marks["ready"] = time.perf_counter()
                marks["driver_ready"] = cpu_seconds(os.getpid())
                marks["workers_ready"] = [cpu_seconds(p) for p in executor_holder[0].pids]

    with tempfile.TemporaryDirectory() as tmp, Measured(Path(tmp) / "b.duckdb") as store:
        stats = run(files, store, config=config, store=store, progress=False)
        dedup_start = time.perf_counter()
        store.dedup(DedupOptions.from_config(config["dedup"]))
        dedup = time.perf_counter() - dedup_start
    ray.shutdown()
    total = time.perf_counter() - start
    workers_cpu = [e - r for e, r in zip(marks["workers_end"], marks["workers_ready"],
                                         strict=True)]  # fmt: skip
    return {
        "workers": workers,
        "articles": stats.articles,
        "working": marks["end"] - marks["ready"],
        "total": total,
        "dedup": dedup,
        "driver_cpu": marks["driver_end"] - marks["driver_ready"],
        "workers_cpu": workers_cpu,
        "timings": stats.timings,
        "stages": {s.name: s.seconds for s in stats.stages},
    }


def run_child(files: list[Path], workers: int) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as spec:
        json.dump({"files": [str(f) for f in files], "workers": workers}, spec)
    done = subprocess.run(
        [sys.executable, __file__, "--child", spec.name], capture_output=True, text=True
    )
    os.unlink(spec.name)
    if done.returncode != 0:
        raise SystemExit(f"the {workers}-worker run failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--articles", type=int, default=220)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        spec = json.loads(Path(args.child).read_text(encoding="utf-8"))
        print(json.dumps(child(spec["files"], spec["workers"])))
        return
    corpus = args.corpus or default_corpus()
    files = input_files(corpus, args.articles)
    runs: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
    for r in range(args.rounds):
        for workers in (1, 2):
            runs[workers].append(run_child(files, workers))
            got = runs[workers][-1]
            print(f"round {r + 1}, {workers} worker(s): working {got['working']:.1f} s, "
                  f"total {got['total']:.1f} s", file=sys.stderr)  # fmt: skip
    print(report(args, corpus, runs))


def report(args: argparse.Namespace, corpus: Path, runs: dict[int, list[dict[str, Any]]]) -> str:
    pairs = list(zip(runs[1], runs[2], strict=True))
    working = [one["working"] / two["working"] for one, two in pairs]
    total = [one["total"] / two["total"] for one, two in pairs]
    lines = [
        f"`python benchmarks/bench_ray_scaling.py --articles {args.articles} --rounds "
        f"{args.rounds}` on {platform.machine()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores shared with other jobs (load average {os.getloadavg()[0]:.1f} "
        f"at the end); {runs[1][0]['articles']} articles from `{corpus.name}`.",
        "",
        "| run | working s | total s (set-up, dedup) | driver CPU s | workers' CPU s | "
        "driver share of CPU | worker CPU s per article |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for workers, results in runs.items():
        for got in results:
            cpu = sum(got["workers_cpu"])
            share = got["driver_cpu"] / (got["driver_cpu"] + cpu)
            lines.append(
                f"| Ray, {workers} worker{'s' if workers > 1 else ''} | {got['working']:.1f} | "
                f"{got['total']:.1f} | {got['driver_cpu']:.1f} | {cpu:.1f} | {share:.1%} | "
                f"{cpu / got['articles']:.3f} |"
            )
    lines += [
        "",
        f"2 workers / 1 worker, working part: {', '.join(f'{r:.2f}x' for r in working)} "
        f"(median {statistics.median(working):.2f}x); whole run: "
        f"{', '.join(f'{r:.2f}x' for r in total)} (median {statistics.median(total):.2f}x).",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
