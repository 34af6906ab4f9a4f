"""The scoring functions every ``frontwire eval`` scorer uses, in one place.

- :func:`prf`: precision, recall and F1 from counts (quotes, toponyms, copy pairs).
- :func:`f1_scores`: accuracy, macro-F1 and support-weighted F1 over labels (event types).
- :func:`bcubed` and :func:`adjusted_rand`: a clustering against gold groups (stories).
- :func:`muc`, :func:`ceaf_e` and :func:`conll`: coreference chains against gold chains (event
  coreference; with :func:`bcubed` they are the CoNLL-2012 scorer's link, mention and entity
  views, every mention in both).
- :func:`distance_scores`: accuracy at 161 km, mean and median error and AUC (geocoding).

The functions return unrounded floats; each scorer rounds as its published table always has,
so moving a computation here never moves a figure.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np

MAX_KM = 20039.0  # half the Earth's circumference: the error of a place resolved nowhere
ACCURACY_KM = 161  # 100 miles, the threshold of Gritta et al. (2018) that geocoding papers report


class PRF(NamedTuple):
    """Precision, recall and F1."""

    precision: float
    recall: float
    f1: float


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of ``precision`` and ``recall``; 0 when both are 0."""
    both = precision + recall
    return 2 * precision * recall / both if both else 0.0


def prf(hits: int, predicted: int, gold: int, *, empty: float = 0.0) -> PRF:
    """Precision, recall and F1 of ``hits`` correct out of ``predicted`` against ``gold``.

    Args:
        hits: Predictions that match a gold item.
        predicted: All predictions.
        gold: All gold items.
        empty: The precision (recall) when nothing was predicted (nothing is gold). The copy
            scorer counts an empty set of pairs as perfect (1.0); the others as 0.0.

    Returns:
        The three scores, unrounded.
    """
    precision = hits / predicted if predicted else empty
    recall = hits / gold if gold else empty
    return PRF(precision, recall, f1(precision, recall))


def f1_scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """Accuracy, macro-F1 and support-weighted F1 over the gold labels."""
    labels = sorted(set(gold))
    support = Counter(gold)
    per_label: dict[str, float] = {}
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted, strict=True))
        per_label[label] = prf(tp, tp + fp, support[label]).f1
    n = len(gold)
    return {
        "n": n,
        "accuracy": sum(g == p for g, p in zip(gold, predicted, strict=True)) / n if n else 0.0,
        "macro_f1": sum(per_label.values()) / len(per_label) if per_label else 0.0,
        "weighted_f1": sum(per_label[k] * support[k] for k in labels) / n if n else 0.0,
    }


def bcubed(labels: Mapping[str, str], clusters: Mapping[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of ``clusters`` (item -> cluster) against ``labels``.

    Precision and recall are rounded to 4 places and F1 is taken from the unrounded pair, as
    the story table has always printed them.
    """
    by_label: dict[str, set[str]] = {}
    by_cluster: dict[str, set[str]] = {}
    for item, label in labels.items():
        by_label.setdefault(label, set()).add(item)
        by_cluster.setdefault(clusters[item], set()).add(item)
    precision = recall = 0.0
    for item, label in labels.items():
        cluster = by_cluster[clusters[item]]
        gold = by_label[label]
        common = len(cluster & gold)
        precision += common / len(cluster)
        recall += common / len(gold)
    n = len(labels)
    p, r = precision / n, recall / n
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1(p, r), 4)}


def muc(labels: Mapping[str, str], clusters: Mapping[str, str]) -> PRF:
    """MUC precision, recall and F1 (Vilain et al. 1995) of ``clusters`` against ``labels``.

    Counts links: a gold chain of n mentions split over k predicted chains is n - k of its
    n - 1 links recalled; precision is the same with the roles swapped. Singletons have no
    links, so they count for nothing either way (the known blind spot B-cubed and CEAF-e make
    up for). Every item of ``labels`` must be in ``clusters``.
    """
    return PRF(*_precision_recall(_muc_side(clusters, labels), _muc_side(labels, clusters)))


def _muc_side(chains: Mapping[str, str], other: Mapping[str, str]) -> tuple[int, int]:
    """(links of ``chains`` kept by ``other``, links of ``chains``)."""
    parts: dict[str, set[str]] = {}
    sizes: Counter[str] = Counter()
    for item, chain in chains.items():
        parts.setdefault(chain, set()).add(other[item])
        sizes[chain] += 1
    kept = sum(sizes[c] - len(parts[c]) for c in sizes)
    return kept, sum(n - 1 for n in sizes.values())


def _precision_recall(p: tuple[float, float], r: tuple[float, float]) -> tuple[float, float, float]:
    """Precision and recall from (numerator, denominator) pairs, 0 on an empty denominator,
    and their F1."""
    precision = p[0] / p[1] if p[1] else 0.0
    recall = r[0] / r[1] if r[1] else 0.0
    return precision, recall, f1(precision, recall)


def ceaf_e(labels: Mapping[str, str], clusters: Mapping[str, str]) -> PRF:
    """Entity-based CEAF (Luo 2005, phi4) of ``clusters`` against ``labels``.

    Each gold chain is paired with at most one predicted chain so that the summed similarity
    2|K & R| / (|K| + |R|) is largest; recall divides that sum by the gold chains, precision
    by the predicted ones. The assignment is solved per connected block of overlapping
    chains, which keeps it fast on thousands of mostly singleton chains.
    """
    from scipy.optimize import linear_sum_assignment

    gold = _chains(labels)
    found = _chains({item: clusters[item] for item in labels})
    # Union-find over chains that share an item: only those can be paired with a nonzero score.
    parent: dict[tuple[int, str], tuple[int, str]] = {}

    def root(x: tuple[int, str]) -> tuple[int, str]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for item, label in labels.items():
        a, b = root((0, label)), root((1, clusters[item]))
        if a != b:
            parent[a] = b
    blocks: dict[tuple[int, str], tuple[list[str], list[str]]] = {}
    for node in list(parent):
        keys, responses = blocks.setdefault(root(node), ([], []))
        (keys if node[0] == 0 else responses).append(node[1])
    total = 0.0
    for keys, responses in blocks.values():
        sims = np.array(
            [
                [2 * len(gold[k] & found[r]) / (len(gold[k]) + len(found[r])) for r in responses]
                for k in keys
            ]
        )
        rows, cols = linear_sum_assignment(sims, maximize=True)
        total += float(sims[rows, cols].sum())
    return PRF(*_precision_recall((total, len(found)), (total, len(gold))))


def _chains(assignment: Mapping[str, str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for item, chain in assignment.items():
        out.setdefault(chain, set()).add(item)
    return out


def conll(labels: Mapping[str, str], clusters: Mapping[str, str]) -> dict[str, Any]:
    """MUC, B-cubed and CEAF-e of ``clusters`` against ``labels``, and the CoNLL F1, their
    mean F1 (Pradhan et al. 2014), each as precision, recall and F1 rounded to 4 places."""
    b3 = bcubed(labels, clusters)
    out: dict[str, Any] = {
        "muc": _rounded(muc(labels, clusters)),
        "b3": b3,
        "ceaf_e": _rounded(ceaf_e(labels, clusters)),
    }
    out["conll_f1"] = round((out["muc"]["f1"] + b3["f1"] + out["ceaf_e"]["f1"]) / 3, 4)
    return out


def _rounded(scores: PRF) -> dict[str, float]:
    return {k: round(v, 4) for k, v in scores._asdict().items()}


def adjusted_rand(labels: Mapping[str, str], clusters: Mapping[str, str]) -> float:
    """The adjusted Rand index (Hubert and Arabie) of ``clusters`` against ``labels``."""

    def comb2(x: int) -> float:
        return x * (x - 1) / 2

    items = list(labels)
    table = Counter((labels[i], clusters[i]) for i in items)
    a = Counter(labels[i] for i in items)
    b = Counter(clusters[i] for i in items)
    index = sum(comb2(v) for v in table.values())
    sum_a = sum(comb2(v) for v in a.values())
    sum_b = sum(comb2(v) for v in b.values())
    expected = sum_a * sum_b / comb2(len(items)) if len(items) > 1 else 0.0
    maximum = (sum_a + sum_b) / 2
    if maximum == expected:
        return 1.0
    return round((index - expected) / (maximum - expected), 4)


def distance_scores(errors: Sequence[float]) -> dict[str, Any]:
    """Accuracy at 161 km, mean and median error and AUC over a list of errors in km."""
    if not errors:
        return {"n": 0, "acc161": None, "mean_km": None, "median_km": None, "auc": None}
    return {
        "n": len(errors),
        "acc161": round(sum(e <= ACCURACY_KM for e in errors) / len(errors), 3),
        "mean_km": round(statistics.fmean(errors), 1),
        "median_km": round(statistics.median(errors), 1),
        "auc": round(statistics.fmean(math.log1p(e) / math.log1p(MAX_KM) for e in errors), 3),
    }


__all__ = [
    "MAX_KM",
    "PRF",
    "adjusted_rand",
    "bcubed",
    "ceaf_e",
    "conll",
    "distance_scores",
    "f1",
    "f1_scores",
    "muc",
    "prf",
]
