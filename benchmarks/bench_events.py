"""Benchmark the events stage against the nlp stage whose parse it reads, side by side.

Documents: the English news articles of ``<shared>/eval/dedup/wikiref220/*.txt`` (read in
place; terror attacks, air crashes, football, phones), the first ``--docs`` of them. Both stages
run with the default config, in one process, over the same batch: ``nlp`` (spaCy's
``nlp.pipe``) first, then ``events`` on its output. Each is timed over ``--repeat`` runs and the
best run counts (the least disturbed by other processes). The target: events adds at most 15%
to the nlp stage's time.

Run: ``python benchmarks/bench_events.py [--docs 80] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

from frontwire.config import load_config
from frontwire.events.stage import EventsStage
from frontwire.nlp import NlpStage
from frontwire.pipeline import Context
from frontwire.records import Article, Source

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRONTWIRE_SHARED", REPO.parent / "shared"))


def read_news(shared: Path, limit: int) -> list[Article]:
    """The first ``limit`` English articles, decoded as UTF-8 or else Windows-1252."""
    folder = shared / "eval" / "dedup" / "wikiref220"
    docs = []
    for path in sorted(folder.glob("*.txt"))[:limit]:
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        docs.append(Article.new(text, Source(path=path.name, published="2016-01-01")))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=80)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    ctx = Context(config=load_config())
    nlp, events = NlpStage(ctx), EventsStage(ctx)
    nlp.setup()
    events.setup()
    articles = read_news(SHARED, args.docs)
    chars = sum(len(a.text) for a in articles)
    nlp_times, event_times = [], []
    coded = 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        parsed = nlp.process_batch(articles)
        nlp_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        done = events.process_batch(parsed)
        event_times.append(time.perf_counter() - start)
        coded = sum(len(a.events) for a in done)
    nlp_s, events_s = min(nlp_times), min(event_times)
    print(
        f"{len(articles)} articles, {chars / 1e6:.2f} M characters, {coded} events; "
        f"x86_64 {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"best of {args.repeat}"
    )
    print("| stage | seconds | ms per article | vs nlp |")
    print("|---|---:|---:|---:|")
    for name, seconds in (("nlp (spaCy parse)", nlp_s), ("events", events_s)):
        print(
            f"| {name} | {seconds:.2f} | {1000 * seconds / len(articles):.1f} "
            f"| {100 * seconds / nlp_s:.1f}% |"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
