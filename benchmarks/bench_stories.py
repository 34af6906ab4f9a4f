"""Stories: what the vectors cost beside the parse, what the dedup step costs beside ingest, and
how story assignment scales with the store.

Three measurements, each side by side with its baseline:

1. ``vectors``: the first ``--docs`` wikiref220 articles parsed by the configured spaCy
   pipeline (``nlp.pipe``, model load excluded) against :class:`frontwire.dedup.vectors.Embedder`
   on the same texts (model load excluded). Target: vectors at most 10% of the parse.
2. ``dedup``: the same articles through the configured pipeline into a fresh store
   (:func:`frontwire.api.run`, the ingest without its dedup step) against the dedup step
   (:meth:`frontwire.store.Store.dedup`) over them. Target: the step at most 10% of the whole.
3. ``scaling``: generated story docs (stories of 2-20 articles sharing entity terms, words from
   a Zipf vocabulary, vectors around a story centroid) added to a store in batches of
   ``--batch`` with :func:`frontwire.dedup.index.add_stories`, the store's own path; the time of
   each batch is printed against the store's size. Flat means proportional to the batch.

    python benchmarks/bench_stories.py --docs 60 --sizes 100000
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]


def _texts(shared: Path, docs: int) -> list[Path]:
    from frontwire.evaluation.dedup import wikiref_dir

    return sorted(wikiref_dir(shared).glob("*.txt"))[:docs]


def bench_vectors(paths: list[Path], repeat: int) -> dict[str, float]:
    """Seconds for the parse and for the vectors of the same texts."""
    from frontwire.config import load_config
    from frontwire.dedup.vectors import Embedder
    from frontwire.nlp.stage import load_pipeline

    texts = [p.read_text("utf-8", errors="replace") for p in paths]
    cfg = load_config()
    nlp = load_pipeline(cfg["nlp"]["model"])
    embedder = Embedder()
    embedder.embed(["warm up"])
    parse, embed = [], []
    for _ in range(repeat):
        t = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=int(cfg["nlp"].get("batch_size", 32))):
            pass
        parse.append(time.perf_counter() - t)
        t = time.perf_counter()
        embedder.embed(texts)
        embed.append(time.perf_counter() - t)
    return {"parse": min(parse), "vectors": min(embed)}


def bench_dedup(paths: list[Path]) -> dict[str, float]:
    """Seconds for the pipeline into a store and for the dedup step over it."""
    from frontwire.api import run
    from frontwire.config import load_config
    from frontwire.dedup.index import DedupOptions, update_store
    from frontwire.store import Store

    cfg = load_config()
    options = DedupOptions.from_config(cfg["dedup"])
    options.embedder.embed(["warm up"])  # the model loads once per process, like spaCy's
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "b.duckdb") as store:
        t = time.perf_counter()
        run([str(p) for p in paths], store, config=cfg, progress=False, store=store)
        ingest = time.perf_counter() - t
        t = time.perf_counter()
        update_store(store, options)
        step = time.perf_counter() - t
    return {"ingest": ingest, "dedup": step}


def _generated(n: int, start: int, rng: np.random.Generator) -> list[object]:
    from frontwire.dedup.stories import StoryDoc

    docs = []
    story = start // 8
    while len(docs) < n:
        size = int(rng.integers(2, 21))
        entities = [f"e:ent{x}" for x in rng.integers(0, 2_000_000, 3)]
        centre = rng.normal(size=256)
        day = 738_000 + story // 50
        for _ in range(min(size, n - len(docs))):
            words = rng.zipf(1.3, 40) % 50_000
            terms: dict[str, float] = {f"w:{w}": 1.0 for w in words}
            terms |= dict.fromkeys(entities[:2], 1.0)
            terms[f"e:ent{rng.integers(0, 2_000_000)}"] = 1.0
            vector = centre + rng.normal(scale=1.5, size=256)
            vector /= np.linalg.norm(vector)
            from datetime import date

            docs.append(
                StoryDoc(
                    article_id=f"a{start + len(docs)}",
                    terms=terms,
                    published=date.fromordinal(day).isoformat(),
                    vector=tuple(float(x) for x in vector),
                )
            )
        story += 1
    return docs


def _chunk_progress(size: int) -> list[float]:
    """Print the CPU time every tenth of ``size`` articles inside one add_stories call too
    (``--batch`` as large as ``--sizes``: one update of the whole backlog), where the slope
    of the cost against the articles already assigned shows."""
    from frontwire.dedup import index

    add_chunk = index._add_chunk
    step = max(size // 10, 1)
    seen: list[float] = [0, 0.0]

    def timed(con: object, new: list[object], *args: object) -> None:
        before = (int(seen[0]) - 1) // step if seen[0] else -1
        add_chunk(con, new, *args)  # type: ignore[arg-type]
        seen[0] += len(new)
        if (int(seen[0]) - 1) // step != before and seen[0] % size:
            cpu = time.process_time()
            print(
                f"    {int(seen[0]):>9,} assigned: cpu {cpu - float(seen[1]):.1f} s",
                file=sys.stderr,
            )
            seen[1] = cpu

    index._add_chunk = timed  # type: ignore[assignment]
    return seen  # seen[1]: the CPU time the next line counts from


def bench_scaling(size: int, batch: int) -> list[tuple[int, float]]:
    """(articles stored before the batch, seconds for the batch) every tenth of the way; the
    total of all batches and the load average are printed at the end."""
    from frontwire.config import load_config
    from frontwire.dedup.index import add_stories
    from frontwire.dedup.stories import StoryOptions
    from frontwire.store import Store

    options = StoryOptions.from_config(load_config()["dedup"])
    rng = np.random.default_rng(5)
    out = []
    seen = _chunk_progress(size)
    total = 0.0
    cpu = 0.0
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "s.duckdb") as store:
        con = store.connection
        for start in range(0, size, batch):
            docs = _generated(batch, start, rng)
            ids = [d.article_id for d in docs]  # type: ignore[attr-defined]
            t = time.perf_counter()
            c = time.process_time()
            con.begin()
            con.execute(
                "INSERT INTO article_dedup (article_id, cluster_id, original_id, similarity, "
                "story_id, seq, updated_at) SELECT UNNEST($1::VARCHAR[]), UNNEST($1::VARCHAR[]), "
                "UNNEST($1::VARCHAR[]), 1.0, '', 0, now()::TIMESTAMP",
                [ids],
            )
            seen[1] = time.process_time()
            add_stories(con, docs, options)  # type: ignore[arg-type]
            con.commit()
            took = time.perf_counter() - t
            total += took
            cpu += time.process_time() - c
            if start % max(size // 10, batch) == 0 or start + batch >= size:
                out.append((start, took))
                print(
                    f"  {start:>9,} stored: {took:6.2f} s for {batch:,} (cpu {cpu:.1f} s so far)",
                    file=sys.stderr,
                )
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"  {size:,} in {total:.1f} s ({1000 * total / size:.2f} ms an article), "
        f"{cpu:.1f} s of CPU (all threads), load average {load}",
        file=sys.stderr,
    )
    return out


def main() -> None:
    """Run the three measurements and print a Markdown table of each."""
    from frontwire.util import default_shared_dir

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000])
    parser.add_argument("--batch", type=int, default=2_000)
    parser.add_argument("--skip", nargs="*", default=[], choices=["vectors", "dedup", "scaling"])
    args = parser.parse_args()
    # The generated scaling run needs no gold data.
    needs_texts = {"vectors", "dedup"} - set(args.skip)
    paths = _texts(default_shared_dir(), args.docs) if needs_texts else []
    if "vectors" not in args.skip:
        v = bench_vectors(paths, args.repeat)
        print(f"| nlp parse | {v['parse']:.2f} s | 100% |")
        print(f"| story vectors | {v['vectors']:.2f} s | {100 * v['vectors'] / v['parse']:.1f}% |")
    if "dedup" not in args.skip:
        d = bench_dedup(paths)
        whole = d["ingest"] + d["dedup"]
        print(f"| ingest without dedup | {d['ingest']:.2f} s | {100 * d['ingest'] / whole:.1f}% |")
        print(f"| dedup step | {d['dedup']:.2f} s | {100 * d['dedup'] / whole:.1f}% |")
    if "scaling" not in args.skip:
        for size in args.sizes:
            rows = bench_scaling(size, args.batch)
            times = [t for _, t in rows]
            print(f"| {size:,} | {args.batch:,} | " + " / ".join(f"{t:.2f}" for t in times) + " |")
            print(f"median per batch {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
