"""Fix the headline settings of story clustering on the ECB+ training topics' first lines.

``python -m frontwire.training.stories [--shared DIR]`` parses the first line of every ECB+
training-topic document once, then tries each combination of the headline term settings
(shingle size, shingle weight, pair window) and each threshold, and prints the best B-cubed
F1 at the topic and the story level. wikiref220 and the ECB+ dev and test topics are never
read here, so the figures ``frontwire eval dedup`` gives for them stay held out.
"""

from __future__ import annotations

import argparse
import itertools
from dataclasses import replace
from pathlib import Path
from typing import Any

HEADLINE_GRID: dict[str, tuple[Any, ...]] = {
    "headline_shingle": (3, 4, 5),
    "headline_shingle_weight": (0.25, 0.5, 1.0),
    "headline_pair_window": (1, 2, 3),
}
THRESHOLDS = tuple(round(0.02 * i, 2) for i in range(1, 16))


def first_lines(shared: Path) -> list[tuple[str, str, dict[str, str]]]:
    """(name, first line, gold labels) of every ECB+ training-topic document; ``shared`` is the
    folder that holds ``eval/``."""
    from frontwire.evaluation.dedup import ecb_documents, ecb_part

    out = []
    for d in ecb_documents(shared):
        if ecb_part(int(d["topic"])) != "train":
            continue
        line = next((ln for ln in str(d["text"]).splitlines() if ln.strip()), "")
        out.append((str(d["id"]), line, {"topic": str(d["topic"]), "story": str(d["subtopic"])}))
    return out


def search(shared: Path) -> list[dict[str, Any]]:
    """Every grid point with its best threshold and B-cubed F1 per level."""
    from frontwire.config import load_config
    from frontwire.dedup.stories import Level, StoryOptions, story_clusters, story_docs
    from frontwire.dedup.vectors import Embedder
    from frontwire.evaluation.dedup import parsed_items
    from frontwire.evaluation.metrics import bcubed

    cfg = load_config()
    base = StoryOptions.from_config(cfg.dedup)
    articles, labels = parsed_items(first_lines(shared), cfg)
    embedder = Embedder()
    results = []
    keys = list(HEADLINE_GRID)
    for values in itertools.product(*(HEADLINE_GRID[k] for k in keys)):
        point = dict(zip(keys, values, strict=True))
        opts = replace(base, **point)
        docs = story_docs(articles, opts, embedder)
        row: dict[str, Any] = dict(point)
        levels: tuple[tuple[Level, str], ...] = (
            ("topic", "headline_topic_threshold"),
            ("story", "headline_threshold"),
        )
        for level, name in levels:
            gold = {a.id: labels[a.id][level] for a in articles}
            scores = []
            for t in THRESHOLDS:
                at: dict[str, Any] = {name: t}
                clusters = story_clusters(docs, replace(opts, **at), level)
                scores.append((bcubed(gold, clusters)["f1"], t))
            best = max(scores)
            row[level] = round(best[0], 4)
            row[name] = best[1]
        results.append(row)
    return sorted(results, key=lambda r: (r["topic"], r["story"]), reverse=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    args = parser.parse_args()
    for row in search(args.shared):
        print(row)


if __name__ == "__main__":
    main()
