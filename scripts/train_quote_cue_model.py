"""Train the logistic-regression cue detector (``frontwire.quotes.cuemodel``) on PolNeAR train.

Every verb of the training articles (parsed with the ``nlp`` stage's pipeline) is one example;
it is positive when it is the head of a gold attribution cue. Features are those of
``verb_features``; features seen fewer than ``MIN_COUNT`` times are dropped. The fit is full-
batch gradient descent with Adagrad steps and L2 regularisation from zero weights, so it is
deterministic. The threshold is the probability that maximises cue F1 on the training
examples. Articles ``--skip`` onwards are used (the first ones are kept to compare designs);
the development file is never read.

Run: ``python scripts/train_quote_cue_model.py [--shared ../shared]``; it writes
``src/frontwire/quotes/data/cue_model.json``.
"""

from __future__ import annotations

import argparse
import json
import os
from collections import Counter
from pathlib import Path

import numpy as np

from frontwire.config import load_config
from frontwire.nlp import load_pipeline
from frontwire.quotes.cuemodel import verb_features

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "frontwire" / "quotes" / "data" / "cue_model.json"
MIN_COUNT = 3
L2 = 1e-4
STEPS = 400
RATE = 0.5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--shared",
        type=Path,
        default=Path(os.environ.get("FRONTWIRE_SHARED", REPO.parent / "shared")),
    )
    parser.add_argument("--skip", type=int, default=150, help="leave the first N articles out")
    parser.add_argument("--count", type=int, default=300, help="train on this many articles")
    args = parser.parse_args()
    path = args.shared / "eval" / "quotes" / "polnear-train.jsonl"
    lines = [line for line in path.open(encoding="utf-8") if line.strip()]
    articles = [json.loads(line) for line in lines[args.skip : args.skip + args.count]]
    nlp = load_pipeline(load_config()["nlp"]["model"])
    examples: list[list[str]] = []
    labels: list[int] = []
    for article, doc in zip(articles, nlp.pipe(a["text"] for a in articles), strict=True):
        heads: set[int] = set()
        for attribution in article["attributions"]:
            for cue in attribution["cue"]:
                span = doc.char_span(cue["start"], cue["end"], alignment_mode="expand")
                if span is not None:
                    heads.add(span.root.i)
        for token in doc:
            if token.pos_ == "VERB":
                examples.append(verb_features(token))
                labels.append(int(token.i in heads))
    counts = Counter(f for feats in examples for f in feats)
    names = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(names)}
    rows: list[int] = []
    cols: list[int] = []
    for r, feats in enumerate(examples):
        for f in feats:
            if f in index:
                rows.append(r)
                cols.append(index[f])
    row = np.asarray(rows)
    col = np.asarray(cols)
    y = np.asarray(labels, dtype=np.float64)
    n, d = len(y), len(names)
    w = np.zeros(d)
    b = 0.0
    gw2 = np.full(d, 1e-8)
    gb2 = 1e-8
    for _ in range(STEPS):
        z = b + np.bincount(row, weights=w[col], minlength=n)
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        err = p - y
        gw = np.bincount(col, weights=err[row], minlength=d) / n + L2 * w
        gb = float(err.mean())
        gw2 += gw * gw
        gb2 += gb * gb
        w -= RATE * gw / np.sqrt(gw2)
        b -= RATE * gb / np.sqrt(gb2)
    z = b + np.bincount(row, weights=w[col], minlength=n)
    p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
    best = (0.0, 0.5)
    for t in np.arange(0.1, 0.9, 0.05):
        pred = p >= t
        tp = float((pred & (y == 1)).sum())
        f1 = 2 * tp / (pred.sum() + y.sum()) if pred.sum() + y.sum() else 0.0
        if f1 > best[0]:
            best = (f1, round(float(t), 2))
    model = {
        "trained_on": f"PolNeAR train articles {args.skip}-{args.skip + len(articles) - 1}",
        "examples": n,
        "positives": int(y.sum()),
        "train_cue_f1": round(best[0], 4),
        "threshold": best[1],
        "bias": round(b, 5),
        "weights": {f: round(float(v), 5) for f, v in zip(names, w, strict=True) if abs(v) > 1e-4},
    }
    OUT.write_text(json.dumps(model, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{n} verbs, {int(y.sum())} cues, {d} features, cue F1 {best[0]:.3f} at {best[1]}")


if __name__ == "__main__":
    main()
