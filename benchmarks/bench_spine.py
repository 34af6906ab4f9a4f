"""Throughput of the whole spine against a bare ``nlp.pipe`` over the same texts.

The spine is what ``frontwire ingest`` does: read files, sanitize, spaCy NER, write to a fresh
DuckDB store. The baseline reads the same files and runs ``nlp.pipe`` with the same model and
batch size, keeping nothing. Both run in this process, alternately (A B A B ...), after the model
is loaded once, so the ratio holds however fast the machine is today.

Usage:
    python benchmarks/bench_spine.py [--articles 400] [--rounds 3] [--out docs/BENCHMARKS.md]

Texts: the bundled example corpus (our own writing), repeated with a numbered first line so
every article has its own id, until ``--articles`` files exist.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from frontwire.config import load_config
from frontwire.executors import LocalExecutor
from frontwire.ingest import IngestOptions, read_inputs
from frontwire.nlp import load_pipeline
from frontwire.pipeline import Pipeline
from frontwire.records import Article
from frontwire.store import Store

REPO = Path(__file__).resolve().parents[1]
SECTION = "## Spine"


def corpus_texts() -> list[str]:
    options = IngestOptions()
    texts = [
        item.original_text
        for item in read_inputs([REPO / "examples" / "corpus"], options)
        if isinstance(item, Article)
    ]
    if not texts:
        raise SystemExit("no example articles found under examples/corpus")
    return texts


def write_files(folder: Path, texts: list[str], n: int) -> list[Path]:
    paths = []
    for i in range(n):
        path = folder / f"article-{i:05d}.txt"
        path.write_text(f"Report {i}\n\n{texts[i % len(texts)]}", encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None, help="update this Markdown file")
    args = parser.parse_args()

    config = load_config()
    batch_size = config["nlp"]["batch_size"]
    nlp = load_pipeline(config["nlp"]["model"])
    pipeline = Pipeline.from_config(config)
    pipeline.setup()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = write_files(folder, corpus_texts(), args.articles)
        chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)

        def bare() -> float:
            start = time.perf_counter()
            texts = (p.read_text(encoding="utf-8") for p in paths)
            for _ in nlp.pipe(texts, batch_size=batch_size):
                pass
            return time.perf_counter() - start

        def spine(round_no: int) -> float:
            db = folder / f"bench-{round_no}.duckdb"
            start = time.perf_counter()
            with Store(db) as store:
                executor = LocalExecutor(
                    pipeline, batch_size=config["pipeline"]["batch_size"], progress=False
                )
                stats = executor.run(read_inputs(paths, IngestOptions()), store)
            elapsed = time.perf_counter() - start
            assert stats.articles == len(paths), stats
            return elapsed

        bare()  # warm-up: first-call costs (vocab growth, allocations) out of the figures
        ratios, spine_times, bare_times = [], [], []
        for r in range(args.rounds):
            b = bare()
            s = spine(r)
            bare_times.append(b)
            spine_times.append(s)
            ratios.append(s / b)

        peak_bare = traced_peak(bare)
        peak_spine = traced_peak(lambda: spine(args.rounds))

    median_ratio = statistics.median(ratios)
    lines = [
        SECTION,
        "",
        "Command: `python benchmarks/bench_spine.py"
        f" --articles {args.articles} --rounds {args.rounds}`"
        f" on {platform.machine()}, Python {platform.python_version()},"
        f" {os.cpu_count()} cores.",
        "",
        f"{args.articles} articles ({chars / 1e6:.2f} M characters),"
        f" spaCy batch size {batch_size}.",
        "",
        "| run | median seconds | articles/s | ratio to bare `nlp.pipe` (median of pairs) |",
        "|---|---|---|---|",
        f"| bare `nlp.pipe` | {statistics.median(bare_times):.2f} | "
        f"{args.articles / statistics.median(bare_times):.0f} | 1.00 |",
        f"| spine: ingest, sanitize, NER, DuckDB | {statistics.median(spine_times):.2f} | "
        f"{args.articles / statistics.median(spine_times):.0f} | {median_ratio:.2f} |",
        "",
        f"Pair ratios: {', '.join(f'{r:.2f}' for r in ratios)}.",
        "",
        f"Peak Python heap (tracemalloc, one run each): bare {peak_bare / 1e6:.1f} MB, spine "
        f"{peak_spine / 1e6:.1f} MB, ratio {peak_spine / peak_bare:.2f}.",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    if args.out:
        update_section(args.out, report)


def traced_peak(fn: Callable[[], object]) -> int:
    """Peak bytes allocated by Python while ``fn`` runs."""
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def update_section(path: Path, report: str) -> None:
    """Replace the section ``report`` opens (its first line, e.g. "## Spine") in a Markdown
    file, keeping the others."""
    section = report.split("\n", 1)[0]
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    if section in text:
        head, _, rest = text.partition(section)
        nxt = rest.find("\n## ")
        tail = rest[nxt + 1 :] if nxt >= 0 else ""
        text = head + report + ("\n" + tail if tail else "")
    else:
        text = text.rstrip("\n") + "\n\n" + report
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
