"""Train the event classifiers shipped in ``frontwire/events/data`` (deterministic).

Run from the repository root (the gold sets are read in place, never copied):

    python -m frontwire.training.events --shared ../shared

- ``acled_subtypes.npz``: the 30 CASE 2021 task 2 labels (25 ACLED sub-event types and five
  non-ACLED ones), trained on the *train* part of ``case2021-task2-subtypes.tsv``.
- ``incident_subtypes.npz``: the same labels, trained on that part and on the *train* part of
  ``wiki-terror-incidents.jsonl`` (:func:`wiki_rows`; its *tune* and *test* parts are never
  seen). The coder averages the two models' probabilities
  (:class:`frontwire.events.classifier.Ensemble`).
- ``plover_types.npz``: the 15 PLOVER root types of the PLV set, trained on the *train* part of
  ``plv-train.tsv``. ``plover-gsr.json`` is not used in training.

The split is by a hash of each row's id (:func:`frontwire.evaluation.events.split_of`): 70%
train, 30% held out. The held-out part never touches training; ``frontwire eval events`` scores
on it. The ACLED model's settings (:data:`ACLED_FIT`, and ``[events] min_probability``) were
chosen by 5-fold cross-validation inside the training part (``--cv`` prints it), never on the
held-out part.
"""

from __future__ import annotations

import argparse
import hashlib
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from frontwire.evaluation.events import case_rows, f1_scores, plv_rows, split_of
from frontwire.events.classifier import LinearModel, fit, rule_label

#: Where the shipped models live (inside the run-time package that loads them).
DATA = Path(str(resources.files("frontwire.events").joinpath("data")))
ACLED_MODEL = DATA / "acled_subtypes.npz"
INCIDENT_MODEL = DATA / "incident_subtypes.npz"
PLOVER_MODEL = DATA / "plover_types.npz"
#: How the ACLED model is fitted. Class-balanced loss and L2 1e-4 had the best weighted F1 in
#: 5-fold cross-validation on the training part (0.746, with min_probability 0.1) of: L2 1e-5
#: to 1e-3, balanced or not, and character 3-5-grams added or not (best 0.745, 4x the features).
ACLED_FIT: dict[str, Any] = {"l2": 1e-4, "balanced": True}
CV_FOLDS = 5


#: At most this many training reports per label from the Wikipedia incident list: its 5,500
#: training rows are mostly shootings and bombings, which would drown CASE's other labels.
#: Chosen among 0, 50, 100, 150 and 300 by CASE weighted F1 in 5-fold cross-validation inside
#: CASE's training part (0.746, 0.747, 0.743, 0.740, 0.725) against the classifier's event-type
#: accuracy on the *tune* part of the incident list (0.737, 0.885, 0.911, 0.919, 0.931): 100
#: keeps CASE within 0.003 and takes most of the gain. Never chosen on either *test* part.
WIKI_PER_LABEL = 100
#: The CASE label a Wikipedia report is trained as when its editors' types fix no sub-event
#: type: a shooting or assassination is an attack (most rows target civilians or officials), an
#: ambush or clash an armed clash, arson or looting property destruction.
_WIKI_DEFAULTS = (
    (("ambush", "clash", "clashes", "firefight", "battle", "armed clash"), "ARMED_CLASH"),
    (("arson", "looting", "sabotage", "vandalism", "arson attack"), "PROPERTY_DISTRUCT"),
    (("riot",), "VIOL_DEMONSTR"),
)


def wiki_rows(shared: Path, part: str = "train") -> list[tuple[str, str, str]]:
    """``(id, text, CASE label)`` of the Wikipedia incident reports of ``part`` whose editors'
    types map to one label, at most :data:`WIKI_PER_LABEL` per label (in id-hash order)."""
    from frontwire.evaluation.incidents import WIKI_FILE, part_of, read_jsonl, wiki_types
    from frontwire.events.taxonomy import BY_NAME

    by_label: dict[str, list[tuple[str, str, str]]] = {}
    for row in read_jsonl(shared / WIKI_FILE):
        if part_of(row["id"]) != part or not row.get("text"):
            continue
        accepted, sub = wiki_types(row)
        if not accepted:
            continue
        types = {str(t).lower() for t in row.get("event_types") or ()}
        label = BY_NAME[sub].label if sub else "ATTACK"
        for names, default in _WIKI_DEFAULTS:
            if sub is None and types & set(names):
                label = default
        by_label.setdefault(label, []).append((row["id"], row["text"], label))
    out: list[tuple[str, str, str]] = []
    for rows in by_label.values():
        rows.sort(key=lambda r: hashlib.sha1(f"pick:{r[0]}".encode()).hexdigest())
        out.extend(rows[:WIKI_PER_LABEL])
    return sorted(out)


def train(shared: Path) -> dict[str, int]:
    """Fit and save both models; returns the number of training rows of each."""
    DATA.mkdir(parents=True, exist_ok=True)
    sizes: dict[str, int] = {}
    for name, rows, out, options, extra in (
        ("acled", case_rows(shared), ACLED_MODEL, ACLED_FIT, []),
        ("incident", case_rows(shared), INCIDENT_MODEL, ACLED_FIT, wiki_rows(shared)),
        ("plover", plv_rows(shared), PLOVER_MODEL, {}, []),
    ):
        part = [(text, label) for key, text, label in rows if split_of(key) == "train"]
        part += [(text, label) for _, text, label in extra]
        model: LinearModel = fit([t for t, _ in part], [label for _, label in part], **options)
        model.save(out)
        sizes[name] = len(part)
    return sizes


def cross_validate(
    shared: Path,
    min_probabilities: Sequence[float] = (0.0, 0.1, 0.2, 0.3),
    extra: Sequence[tuple[str, str, str]] = (),
    **options: Any,
) -> dict[float, float]:
    """Weighted F1 of the ACLED model in ``CV_FOLDS``-fold cross-validation inside the CASE
    training part (folds by SHA-1 of ``"cv:" + id``), for each ``min_probability`` below which
    the trigger words decide (as :meth:`frontwire.events.coder.EventCoder.classify` does).
    ``extra`` rows (the incident reports) join every fold's training part, never its test."""
    rows = [
        (key, text, label) for key, text, label in case_rows(shared) if split_of(key) == "train"
    ]
    folds = [
        int(hashlib.sha1(f"cv:{key}".encode()).hexdigest(), 16) % CV_FOLDS for key, _, _ in rows
    ]
    best: list[tuple[str, float]] = [("", 0.0)] * len(rows)
    for k in range(CV_FOLDS):
        train_part = [r for r, f in zip(rows, folds, strict=True) if f != k] + list(extra)
        model = fit([t for _, t, _ in train_part], [lab for _, _, lab in train_part], **options)
        test_index = [i for i, f in enumerate(folds) if f == k]
        for i, got in zip(test_index, model.predict([rows[i][1] for i in test_index]), strict=True):
            best[i] = got
    gold = [label for _, _, label in rows]
    out: dict[float, float] = {}
    for floor in min_probabilities:
        predicted = [
            label if prob >= floor else (rule_label(text) or "NONE")
            for (_, text, _), (label, prob) in zip(rows, best, strict=True)
        ]
        out[floor] = float(f1_scores(gold, predicted)["weighted_f1"])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument(
        "--cv", action="store_true", help="print cross-validation scores instead of training"
    )
    args = parser.parse_args()
    if args.cv:
        for floor, f1 in cross_validate(args.shared, **ACLED_FIT).items():
            print(f"min_probability {floor}: weighted F1 {f1:.3f}")
        return
    for name, n in train(args.shared).items():
        print(f"{name}: trained on {n} rows")


if __name__ == "__main__":
    main()
