"""A full ``frontwire ingest`` against a bare spaCy ``nlp.pipe`` over the same texts.

Both sides run in a fresh process each, alternately (bare, full, bare, full ...), so each pays
its own start-up as a user does: the bare side loads the model and parses every text at the
project's batch size, keeping nothing; the full side is what ``frontwire ingest`` does (read,
decode, every configured stage, DuckDB writes, shard records, then the dedup step) into a fresh
store. The ratio of the two is what the pipeline costs on top of the parse. Wall-clock times
on a shared machine move with the load, so the CPU seconds of each process (user + system) are
reported beside them, and the pair ratios of both.

Usage:
    python benchmarks/bench_pipeline.py [--corpus DIR] [--articles 220] [--rounds 3]
        [--executor local|ray] [--workers 2] [--out docs/BENCHMARKS.md]

The default corpus is the English news of ``../shared/eval/dedup/wikiref220`` (read in place),
else the bundled example corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRONTWIRE_SHARED", REPO.parent / "shared"))
SECTION = "## Pipeline against the parse"


def default_corpus() -> Path:
    wikiref = SHARED / "eval" / "dedup" / "wikiref220"
    return wikiref if wikiref.is_dir() else REPO / "examples" / "corpus"


def input_files(corpus: Path, limit: int) -> list[Path]:
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and not p.name.startswith("."))
    return files[:limit]


# -- the two sides, each run in its own process --------------------------------------------


def child_bare(files: list[str]) -> dict[str, Any]:
    from frontwire.config import load_config
    from frontwire.ingest import IngestOptions, read_inputs
    from frontwire.nlp import load_pipeline
    from frontwire.records import Article

    config = load_config()
    # The texts as ingest decodes them, read before the clock's parse part starts.
    texts = [a.text for a in read_inputs(files, IngestOptions()) if isinstance(a, Article)]
    loaded = time.perf_counter()
    nlp = load_pipeline(config["nlp"]["model"])
    parse_start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=config["nlp"]["batch_size"]):
        pass
    end = time.perf_counter()
    return {
        "seconds": end - loaded,  # model load and parse; reading the texts is not the parse
        "parse": end - parse_start,
        "articles": len(texts),
        "chars": sum(len(t) for t in texts),
    }


def child_full(files: list[str], executor: str, workers: int) -> dict[str, Any]:
    from frontwire.api import run
    from frontwire.config import load_config
    from frontwire.dedup.index import DedupOptions
    from frontwire.store import Store

    try:
        from frontwire.pipeline.profile import breakdown
    except ImportError:  # a baseline checkout from before the breakdown existed

        def breakdown(stats: Any, total: float, extra: Any = None) -> list[tuple[str, float]]:
            rows = [(f"stage {s.name}", s.seconds) for s in stats.stages]
            rows += list((extra or {}).items())
            return [*rows, ("other", total - sum(x for _, x in rows))]

    start = time.perf_counter()
    config = load_config().with_overrides(
        {"pipeline": {"executor": executor, "workers": workers}}, "bench_pipeline"
    )
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        stats = run(files, store, config=config, store=store, progress=False)
        dedup_start = time.perf_counter()
        store.dedup(DedupOptions.from_config(config["dedup"]))
        dedup = time.perf_counter() - dedup_start
        total = time.perf_counter() - start
    return {
        "seconds": total,
        "articles": stats.articles,
        "breakdown": breakdown(stats, total, {"dedup": dedup}),
    }


def run_child(
    mode: str, files: list[Path], executor: str, workers: int, src: Path | None = None
) -> dict[str, Any]:
    """Run one side in a fresh process (with ``src`` first on its path: another checkout of
    frontwire, for a baseline); its result with the process's CPU seconds."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as spec:
        json.dump({"mode": mode, "files": [str(f) for f in files], "executor": executor,
                   "workers": workers}, spec)  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = f"{src}{os.pathsep}{env.get('PYTHONPATH', '')}"
    done = subprocess.run(
        [sys.executable, __file__, "--child", spec.name], capture_output=True, text=True, env=env
    )
    if done.returncode != 0:
        raise SystemExit(f"the {mode} run failed:\n{done.stderr[-3000:]}")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    os.unlink(spec.name)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_wall"] = wall
    result["cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    result["max_rss_mb"] = after.ru_maxrss / 1024
    print(json.dumps({"mode": mode, "src": str(src), **result}), file=sys.stderr)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--articles", type=int, default=220)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--executor", default="local", choices=("local", "ray"))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=None, help="update this Markdown file")
    parser.add_argument(
        "--baseline-src", type=Path, default=None, help="src/ of another checkout, run too"
    )
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        spec = json.loads(Path(args.child).read_text(encoding="utf-8"))
        if spec["mode"] == "bare":
            result = child_bare(spec["files"])
        else:
            result = child_full(spec["files"], spec["executor"], spec["workers"])
        print(json.dumps(result))
        return

    corpus = args.corpus or default_corpus()
    files = input_files(corpus, args.articles)
    bare: list[dict[str, Any]] = []
    full: list[dict[str, Any]] = []
    base: list[dict[str, Any]] = []
    for r in range(args.rounds):
        bare.append(run_child("bare", files, args.executor, args.workers))
        if args.baseline_src:
            base.append(run_child("full", files, args.executor, args.workers, args.baseline_src))
        full.append(run_child("full", files, args.executor, args.workers))
        print(f"round {r + 1}: bare {bare[-1]['seconds']:.1f} s, full {full[-1]['seconds']:.1f} s"
              + (f", baseline {base[-1]['seconds']:.1f} s" if base else ""),
              file=sys.stderr)  # fmt: skip
    text = report(args, corpus, bare, full, base)
    print(text)
    if args.out:
        from bench_spine import update_section

        update_section(args.out, text)


def report(
    args: argparse.Namespace,
    corpus: Path,
    bare: list[dict[str, Any]],
    full: list[dict[str, Any]],
    baseline: list[dict[str, Any]],
) -> str:
    wall_ratios = [f["seconds"] / b["seconds"] for b, f in zip(bare, full, strict=True)]
    cpu_ratios = [f["cpu"] / b["cpu"] for b, f in zip(bare, full, strict=True)]
    median_full = min(full, key=lambda f: abs(f["seconds"] - statistics.median(
        x["seconds"] for x in full)))  # fmt: skip
    rows = median_full["breakdown"]
    total = median_full["seconds"]
    base = statistics.median(b["seconds"] for b in bare)
    executor = args.executor + (f", {args.workers} workers" if args.executor == "ray" else "")
    lines = [
        SECTION,
        "",
        f"Command: `python benchmarks/bench_pipeline.py --articles {args.articles} --rounds "
        f"{args.rounds} --executor {args.executor}`"
        + (f" `--workers {args.workers}`" if args.executor == "ray" else "")
        + f" on {platform.machine()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores shared with other jobs (load average "
        f"{os.getloadavg()[0]:.1f} at the end).",
        "",
        f"{bare[0]['articles']} articles from `{corpus.name}` ({bare[0]['chars'] / 1e6:.2f} M "
        f"characters); executor {executor}. Each run is a fresh process.",
        "",
        "| run | median wall s | median CPU s | ratio, wall (median of pairs) | ratio, CPU |",
        "|---|---:|---:|---:|---:|",
        f"| bare `nlp.pipe`, model load included | {base:.1f} | "
        f"{statistics.median(b['cpu'] for b in bare):.1f} | 1.00 | 1.00 |",
        f"| full `frontwire ingest` (stages, store, dedup) | "
        f"{statistics.median(f['seconds'] for f in full):.1f} | "
        f"{statistics.median(f['cpu'] for f in full):.1f} | "
        f"**{statistics.median(wall_ratios):.2f}** | {statistics.median(cpu_ratios):.2f} |",
        *(
            [
                f"| the same, baseline code (`--baseline-src`) | "
                f"{statistics.median(f['seconds'] for f in baseline):.1f} | "
                f"{statistics.median(f['cpu'] for f in baseline):.1f} | "
                f"{_median_ratio(bare, baseline, 'seconds'):.2f} | "
                f"{_median_ratio(bare, baseline, 'cpu'):.2f} |"
            ]
            if baseline
            else []
        ),
        "",
        f"Pair ratios, wall: {', '.join(f'{r:.2f}' for r in wall_ratios)}; CPU: "
        f"{', '.join(f'{r:.2f}' for r in cpu_ratios)}.",
        "",
        "Where the full run's time went (the median run), against the bare run's median:",
        "",
        "| step | seconds | share | vs bare |",
        "|---|---:|---:|---:|",
        *(f"| {name} | {sec:.2f} | {sec / total:.1%} | {sec / base:.3f} |" for name, sec in rows),
        f"| total | {total:.2f} | 100% | {total / base:.3f} |",
        "",
    ]
    return "\n".join(lines)


def _median_ratio(bare: list[dict[str, Any]], runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(r[key] / b[key] for b, r in zip(bare, runs, strict=True))


if __name__ == "__main__":
    main()
