"""Geoparsing speed and memory: resolutions per second, the places stage against the nlp stage,
and the loaded gazetteer's resident memory.

* Resolutions: :func:`frontwire.places.resolve` over 20,000 names of the gazetteer's own
  places of 10,000 people or more (as written, in capitals, or with " region"), with an
  article context, after load: once new, then again (names recur across articles). Side by
  side, alternately, the first scoring design (one call per candidate, as ``--explain`` still
  scores) over the same names: the ratio is the second design's gain.
* Stage time: the example corpus (our own writing, ``examples/corpus``) parsed by the ``nlp``
  stage, then the ``places`` stage over the same parses, alternately for ``--rounds`` rounds
  after both are loaded; the figure is places time / nlp time.
* Memory: a fresh Python process's RSS before and after ``load_gazetteer()`` (the cache
  already built), and the load time.

* Side by side (``--baseline SRC``): the resolution figures of another source tree (e.g. an
  earlier commit unpacked with ``git archive``), measured in alternating subprocesses with
  this tree's, so that a shared machine's load falls on both alike; the ratio is reported.

Run: ``python benchmarks/bench_places.py [--rounds 3] [--baseline SRC]``.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

MEMORY_PROBE = """
import time
def rss():
    for line in open('/proc/self/status'):
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) / 1024
before = rss()
from frontwire.places import load_gazetteer
t = time.perf_counter()
g = load_gazetteer(quiet=True)
print(before, rss(), time.perf_counter() - t, len(g))
"""


def corpus_texts() -> list[str]:
    from frontwire.ingest import IngestOptions, read_inputs
    from frontwire.records import Article

    texts = [
        item.original_text
        for item in read_inputs([REPO / "examples" / "corpus"], IngestOptions())
        if isinstance(item, Article)
    ]
    if not texts:
        raise SystemExit("no example articles found under examples/corpus")
    return texts


def bench_designs(n: int, rounds: int) -> tuple[float, float]:
    """Candidates scored per second: the first design (a call per candidate) against the
    second (one inline loop), alternately over the same names and context."""
    from frontwire.places import Context, load_gazetteer
    from frontwire.places.resolve import _DEFAULT, _score, _scores

    gaz = load_gazetteer(quiet=True)
    rng = random.Random(8)
    pool = [gaz.names[i] for i in range(len(gaz)) if gaz.population[i] >= 10_000]
    found = [gaz.lookup(name)[0][:12] for name in rng.sample(pool, min(n, len(pool)))]
    count = sum(len(f) for f in found)
    ctx = Context(country_share={"UA": 0.6, "RU": 0.3, "US": 0.1}, admin1_share={"UA-63": 0.5})
    first = second = 0.0
    for _ in range(rounds):
        t0 = time.perf_counter()
        for f in found:
            [_score(gaz, i, tier, None, ctx, _DEFAULT, None) for i, tier in f]
        t1 = time.perf_counter()
        for f in found:
            _scores(gaz, f, None, ctx, _DEFAULT)
        t2 = time.perf_counter()
        first += t1 - t0
        second += t2 - t1
    return count * rounds / first, count * rounds / second


def bench_resolutions(n: int) -> tuple[float, float]:
    from frontwire.places import Context, load_gazetteer, resolve

    gaz = load_gazetteer(quiet=True)
    rng = random.Random(8)
    pool = [gaz.names[i] for i in range(len(gaz)) if gaz.population[i] >= 10_000]
    names = []
    for name in rng.sample(pool, min(n, len(pool))):
        roll = rng.random()
        names.append(name.upper() if roll < 0.33 else f"{name} region" if roll < 0.5 else name)
    ctx = Context(country_share={"UA": 0.6, "RU": 0.3, "US": 0.1}, admin1_share={"UA-63": 0.5})
    resolve(gaz, names[0], ctx)
    start = time.perf_counter()
    for name in names:
        resolve(gaz, name, ctx)
    cold = len(names) / (time.perf_counter() - start)
    start = time.perf_counter()
    for name in names:  # the same names again, as they recur across articles
        resolve(gaz, name, ctx)
    return cold, len(names) / (time.perf_counter() - start)


def bench_stage(rounds: int) -> tuple[float, float, int]:
    from frontwire.config import load_config
    from frontwire.nlp import NlpStage
    from frontwire.pipeline.stage import Context
    from frontwire.places.stage import PlacesStage
    from frontwire.records import Article

    ctx = Context(load_config())
    nlp, places = NlpStage(ctx), PlacesStage(ctx)
    nlp.setup()
    places.setup()
    texts = corpus_texts() * 4
    nlp_time = places_time = 0.0
    found = 0
    for _ in range(rounds):
        articles = [Article.new(t) for t in texts]
        t0 = time.perf_counter()
        parsed = nlp.process_batch(articles)
        t1 = time.perf_counter()
        done = places.process_batch(parsed)
        t2 = time.perf_counter()
        nlp_time += t1 - t0
        places_time += t2 - t1
        found += sum(len(a.places) for a in done)
    return nlp_time, places_time, len(texts) * rounds, found


RESOLUTION_PROBE = """
import sys
sys.path.insert(0, {bench!r})
import bench_places
cold, warm = bench_places.bench_resolutions({n})
print(cold, warm)
"""


def side_by_side(baseline: str, n: int, rounds: int) -> list[tuple[float, float, float, float]]:
    """(cold, warm) resolutions per second of this tree and of ``baseline``, alternately."""
    import os

    probe = RESOLUTION_PROBE.format(bench=str(Path(__file__).parent), n=n)
    out = []
    for _ in range(rounds):
        pair = []
        for src in (str(REPO / "src"), baseline):
            env = {**os.environ, "PYTHONPATH": src}
            run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                                 check=True, env=env)  # fmt: skip
            pair += [float(x) for x in run.stdout.split()[-2:]]
        out.append((pair[0], pair[1], pair[2], pair[3]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--resolutions", type=int, default=20_000)
    parser.add_argument("--baseline", help="another source tree's src/ to compare with")
    args = parser.parse_args()
    if args.baseline:
        for cold, warm, b_cold, b_warm in side_by_side(args.baseline, args.resolutions, 3):
            print(f"resolutions/s new names: {cold:,.0f} vs baseline {b_cold:,.0f} "
                  f"({cold / b_cold:.2f}x); seen before: {warm:,.0f} vs {b_warm:,.0f} "
                  f"({warm / b_warm:.2f}x)")  # fmt: skip
        return
    probe = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE], capture_output=True, text=True, check=True
    )
    before, after, load_s, places_n = probe.stdout.split()
    cold, warm = bench_resolutions(args.resolutions)
    first, second = bench_designs(args.resolutions, args.rounds)
    nlp_t, places_t, n, found = bench_stage(args.rounds)
    print(f"gazetteer: {places_n} places, load {float(load_s):.2f} s, "
          f"RSS {float(before):.0f} -> {float(after):.0f} MB "
          f"(+{float(after) - float(before):.0f} MB)")  # fmt: skip
    print(f"resolutions: {cold:,.0f} per second (names new), {warm:,.0f} (names seen before)")
    print(f"candidates scored: first design {first:,.0f}/s, second {second:,.0f}/s "
          f"(ratio {second / first:.2f})")  # fmt: skip
    # Each place is resolved twice in the stage (alone, then in context); the rate counts the
    # whole stage's time, recognition included.
    print(f"in the stage: {found} places, {2 * found / places_t:,.0f} resolutions per second "
          f"of stage time")  # fmt: skip
    print(f"stage over {n} articles: nlp {nlp_t:.2f} s, places {places_t:.2f} s, "
          f"places / nlp = {places_t / nlp_t:.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
