"""Store writes: Arrow tables against one list parameter per column, side by side.

The articles are real pipeline output (every configured stage) for the bundled example corpus,
or for ``--corpus`` (e.g. ``../shared/eval/dedup/wikiref220``), made once; then each path writes
them to a fresh DuckDB file in batches of the pipeline's size, alternately (A B A B ...), and
the time of the statements, the commit and building the rows is reported per path.

Usage:
    python benchmarks/bench_store_writes.py [--corpus DIR] [--articles 64] [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from frontwire.api import run
from frontwire.config import load_config
from frontwire.executors import CollectingSink
from frontwire.store import Store
from frontwire.store import store as store_module

REPO = Path(__file__).resolve().parents[1]


def articles(corpus: Path, limit: int) -> list[Any]:
    files = sorted(p for p in corpus.rglob("*") if p.is_file())[:limit]
    sink = CollectingSink()
    run([str(f) for f in files], sink, config=load_config(), progress=False)
    return sink.articles


def write_all(folder: Path, items: list[Any], bulk: str, batch: int, tag: str) -> Counter[str]:
    spent: Counter[str] = Counter()
    execute = store_module.Store._execute
    build = store_module.build_batch

    def timed_execute(self: Any, sql: str, params: list[Any]) -> None:
        start = time.perf_counter()
        execute(self, sql, params)
        spent["statements"] += time.perf_counter() - start

    def timed_build(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        rows = build(*args, **kwargs)
        spent["rows"] += time.perf_counter() - start
        return rows

    store_module.Store._execute = timed_execute  # type: ignore[method-assign]
    store_module.build_batch = timed_build
    try:
        with Store(folder / f"{tag}-{bulk}.duckdb", bulk=bulk) as store:  # type: ignore[arg-type]
            start = time.perf_counter()
            for i in range(0, len(items), batch):
                store.write(items[i : i + batch], [])
            spent["total"] = time.perf_counter() - start
    finally:
        store_module.Store._execute = execute  # type: ignore[method-assign]
        store_module.build_batch = build
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO / "examples" / "corpus")
    parser.add_argument("--articles", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    items = articles(args.corpus, args.articles)
    batch = load_config()["pipeline"]["batch_size"]
    results: dict[str, list[Counter[str]]] = {"unnest": [], "arrow": []}
    with tempfile.TemporaryDirectory() as tmp:
        # Warm-up: each path's once-per-process costs (importing pyarrow and its first
        # conversion, about 0.3-0.9 s; DuckDB's first statements) are not a batch's write.
        for bulk in results:
            write_all(Path(tmp), items[:2], bulk, batch, "warm")
        for r in range(args.rounds):
            for bulk in results:
                results[bulk].append(write_all(Path(tmp), items, bulk, batch, str(r)))
    print(f"{len(items)} articles, batches of {batch}, {args.rounds} rounds (median seconds)")
    for part in ("statements", "rows", "total"):
        medians = {b: statistics.median(c[part] for c in runs) for b, runs in results.items()}
        ratio = medians["arrow"] / medians["unnest"] if medians["unnest"] else float("nan")
        print(f"{part:>10}: unnest {medians['unnest']:.3f}  arrow {medians['arrow']:.3f}"
              f"  arrow/unnest {ratio:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
