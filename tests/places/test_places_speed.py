"""Speed and memory floors of the places stage (docs/BENCHMARKS.md has the measured figures).

Pinned well under the figures measured on a shared 2-core machine, since CI shares its cores
too: a change that makes the index slower to load, larger in memory or resolution slower by
half fails; lowering a floor is an explicit change here.
"""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from frontwire.places import Context, Gazetteer, resolve

PROBE = """
def rss():
    for line in open('/proc/self/status'):
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) / 1024
import time
before = rss()
from frontwire.places import load_gazetteer
t = time.perf_counter()
load_gazetteer(quiet=True)
print(rss() - before, time.perf_counter() - t)
"""


@pytest.mark.slow
def test_cached_index_loads_fast_and_adds_under_300_mb(gaz: Gazetteer) -> None:
    # ``gaz`` makes sure the cache is built before the fresh process loads it.
    assert len(gaz) > 200_000
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         check=True)  # fmt: skip
    added_mb, seconds = (float(x) for x in out.stdout.split())
    assert added_mb <= 300  # measured +213 MB
    assert seconds < 2.5  # measured 0.86-1.09 s under load; target 1 s


@pytest.mark.slow
def test_resolutions_in_context_per_second(gaz: Gazetteer) -> None:
    names = [gaz.names[i] for i in range(0, len(gaz), 37) if gaz.population[i] >= 10_000]
    ctx = Context(country_share={"UA": 0.6, "US": 0.4}, admin1_share={"UA-63": 0.5})
    for name in names:
        resolve(gaz, name, ctx)
    started = time.perf_counter()
    for name in names:  # names seen before, as they recur across articles
        resolve(gaz, name, ctx)
    rate = len(names) / (time.perf_counter() - started)
    assert rate >= 30_000  # measured 51,000-164,000 by load; target 100,000


@pytest.mark.slow
def test_the_stage_costs_under_a_tenth_of_the_parse(nlp_stage, places_stage) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from frontwire.records import Article

    folder = Path(__file__).resolve().parents[2] / "examples" / "corpus" / "txt"
    texts = [p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))]
    assert texts
    articles = [Article.new(t) for t in texts * 2]
    started = time.perf_counter()
    parsed = nlp_stage.process_batch(articles)
    nlp_time = time.perf_counter() - started
    started = time.perf_counter()
    places_stage.process_batch(parsed)
    places_time = time.perf_counter() - started
    assert places_time / nlp_time <= 0.10  # measured 0.042-0.061 on the whole example corpus
