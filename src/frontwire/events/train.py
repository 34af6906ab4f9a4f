"""Train the event classifiers shipped in ``frontwire/events/data`` (deterministic).

Run from the repository root (the gold sets are read in place, never copied):

    python -m frontwire.events.train --shared ../shared

- ``acled_subtypes.npz``: the 30 CASE 2021 task 2 labels (25 ACLED sub-event types and five
  non-ACLED ones), trained on the *train* part of ``case2021-task2-subtypes.tsv``.
- ``plover_types.npz``: the 15 PLOVER root types of the PLV set, trained on the *train* part of
  ``plv-train.tsv``. ``plover-gsr.json`` is not used in training.

The split is by a hash of each row's id (:func:`split_of`): 70% train, 30% held out. The held-out
part never touches training; ``frontwire eval events`` scores on it.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
from pathlib import Path

from frontwire.events.classifier import LinearModel, fit

DATA = Path(__file__).parent / "data"
ACLED_MODEL = DATA / "acled_subtypes.npz"
PLOVER_MODEL = DATA / "plover_types.npz"
CASE_FILE = Path("eval") / "events" / "case2021-task2-subtypes.tsv"
PLV_FILE = Path("eval") / "events" / "plv-train.tsv"
GSR_FILE = Path("eval") / "events" / "plover-gsr.json"
TRAIN_SHARE = 70  # percent


def split_of(key: str) -> str:
    """``"train"`` or ``"test"`` for a row id: a fixed 70/30 split by SHA-1 of the id."""
    bucket = int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 100
    return "train" if bucket < TRAIN_SHARE else "test"


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated file with a header line."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def case_rows(shared: Path) -> list[tuple[str, str, str]]:
    """``(id, snippet, label)`` of every CASE 2021 row."""
    return [(r["id"], r["EventSnippet"], r["SubType"]) for r in read_tsv(shared / CASE_FILE)]


def plv_rows(shared: Path) -> list[tuple[str, str, str]]:
    """``(sentence_id, sentence, gold_root)`` of every PLV row."""
    return [(r["sentence_id"], r["sentence"], r["gold_root"]) for r in read_tsv(shared / PLV_FILE)]


def train(shared: Path) -> dict[str, int]:
    """Fit and save both models; returns the number of training rows of each."""
    DATA.mkdir(parents=True, exist_ok=True)
    sizes: dict[str, int] = {}
    for name, rows, out in (
        ("acled", case_rows(shared), ACLED_MODEL),
        ("plover", plv_rows(shared), PLOVER_MODEL),
    ):
        part = [(text, label) for key, text, label in rows if split_of(key) == "train"]
        model: LinearModel = fit([t for t, _ in part], [label for _, label in part])
        model.save(out)
        sizes[name] = len(part)
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    args = parser.parse_args()
    for name, n in train(args.shared).items():
        print(f"{name}: trained on {n} rows")


if __name__ == "__main__":
    main()
