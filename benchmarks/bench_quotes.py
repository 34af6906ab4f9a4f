"""Benchmark the quotes stage (resolution + quotes + claims) against the nlp stage it reads.

The issue's budget: quotes and entity resolution together add at most 15% to the time of the
``nlp`` stage (spaCy's parse). Both run in one process over the same texts: the article texts
of ``<shared>/eval/quotes/polnear-train.jsonl`` (read in place), the first ``--articles`` of
them. The nlp stage is timed over the whole batch (``nlp.pipe``); the quotes stage over the
parsed articles. Each is run ``--repeat`` times and the best time kept.

Run: ``python benchmarks/bench_quotes.py [--articles 200] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

from frontwire.config import load_config
from frontwire.nlp import NlpStage
from frontwire.pipeline import Context
from frontwire.quotes import QuotesStage
from frontwire.records import Article

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRONTWIRE_SHARED", REPO.parent / "shared"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    path = SHARED / "eval" / "quotes" / "polnear-train.jsonl"
    texts = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            texts.append(json.loads(line)["text"])
            if len(texts) >= args.articles:
                break
    ctx = Context(config=load_config())
    nlp = NlpStage(ctx)
    nlp.setup()
    quotes = QuotesStage(ctx)
    articles = [Article.new(t) for t in texts]
    nlp_best = quotes_best = float("inf")
    parsed: list[Article] = []
    n_quotes = 0
    for _ in range(args.repeat):
        started = time.perf_counter()
        parsed = nlp.process_batch(articles)
        nlp_best = min(nlp_best, time.perf_counter() - started)
        started = time.perf_counter()
        done = [quotes.process(a) for a in parsed]
        quotes_best = min(quotes_best, time.perf_counter() - started)
        n_quotes = sum(len(a.quotes) for a in done)
    chars = sum(len(t) for t in texts)
    print(f"{len(texts)} PolNeAR train articles, {chars:,} characters, {n_quotes} quotes/claims")
    print(f"python {platform.python_version()}, {platform.machine()}, best of {args.repeat}")
    print("| stage | seconds | articles/s | share of nlp |")
    print("|---|---|---|---|")
    print(f"| nlp (spaCy parse) | {nlp_best:.2f} | {len(texts) / nlp_best:.0f} | 100% |")
    print(
        f"| quotes (resolution + quotes + claims) | {quotes_best:.2f} | "
        f"{len(texts) / quotes_best:.0f} | {quotes_best / nlp_best:.1%} |"
    )


if __name__ == "__main__":
    main()
