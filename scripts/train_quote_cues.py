"""Learn which verbs are attribution cues from PolNeAR's training file.

For every verb lemma in the training articles (parsed with the same spaCy pipeline the
``nlp`` stage uses), count how often it occurs as a verb and how often it is (the head of) a
gold attribution cue. The quotes stage treats a verb as a cue when its share is high enough
(``[quotes] cue_min_share``). Only the training file is read: the development file is kept for
scoring.

Run: ``python scripts/train_quote_cues.py [--shared ../shared]`` (about two minutes); it writes
``src/frontwire/quotes/data/cues.json``.
"""

from __future__ import annotations

import argparse
import json
import os
from collections import Counter
from pathlib import Path

from frontwire.config import load_config
from frontwire.nlp import load_pipeline

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "frontwire" / "quotes" / "data" / "cues.json"
MIN_GOLD = 5  # lemmas seen as a cue fewer times than this are noise


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--shared",
        type=Path,
        default=Path(os.environ.get("FRONTWIRE_SHARED", REPO.parent / "shared")),
    )
    args = parser.parse_args()
    path = args.shared / "eval" / "quotes" / "polnear-train.jsonl"
    articles = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    nlp = load_pipeline(load_config()["nlp"]["model"])
    seen: Counter[str] = Counter()
    gold: Counter[str] = Counter()
    texts = (a["text"] for a in articles)
    for article, doc in zip(articles, nlp.pipe(texts, batch_size=32), strict=True):
        cue_heads: set[int] = set()
        for attribution in article["attributions"]:
            for cue in attribution["cue"]:
                span = doc.char_span(cue["start"], cue["end"], alignment_mode="expand")
                if span is not None:
                    cue_heads.add(span.root.i)
        for token in doc:
            if token.pos_ != "VERB":
                continue
            lemma = token.lemma_.lower()
            seen[lemma] += 1
            if token.i in cue_heads:
                gold[lemma] += 1
    table = {
        lemma: {"cue": gold[lemma], "verb": seen[lemma]}
        for lemma in sorted(gold)
        if gold[lemma] >= MIN_GOLD
    }
    OUT.write_text(json.dumps(table, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(table)} cue lemmas from {len(articles)} training articles -> {OUT}")


if __name__ == "__main__":
    main()
