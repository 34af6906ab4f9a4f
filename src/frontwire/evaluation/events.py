"""Score event coding on the public gold sets (read in place, never copied).

- CASE 2021 task 2 (``case2021-task2-subtypes.tsv``): sub-type accuracy, macro and weighted F1
  over its 30 labels, and ACLED event-type accuracy, on the **held-out** 30% only (the split of
  :func:`split_of`; the other 70% trained the shipped model).
- PLV (``plv-train.tsv``): PLOVER root type accuracy and macro-F1 on its held-out 30%.
- PLOVER gold records (``plover-gsr.json``): PLOVER type accuracy and macro-F1 on all of it
  (never used in training); its early names are mapped to the PLV set's 15 types.
- The seed article (``examples/seed-article.txt``): its events as the full pipeline reads them.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path
from typing import Any

from frontwire.errors import DependencyError
from frontwire.evaluation.metrics import f1_scores
from frontwire.events.coder import EventCoder
from frontwire.events.taxonomy import EVENT_TYPE_OF_LABEL, NOT_ACLED

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


SEED = Path("examples") / "seed-article.txt"
#: Early PLOVER names in the gold records, in the PLV set's 15-type vocabulary.
GSR_NAMES = {
    "DEMAND": "REQUEST", "FIGHT": "ASSAULT", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
    "CONCEDE": "YIELD", "RETREAT": "YIELD",
}  # fmt: skip


def evaluate_events(
    shared_dir: Path,
    coder: EventCoder | None = None,
    *,
    incidents: bool = True,
    part: str = "test",
    limit: int | None = None,
    errors: bool = False,
) -> dict[str, Any]:
    """Run every scoring above; see the module docstring.

    Args:
        shared_dir: the folder holding ``eval/`` and ``examples/``.
        coder: the coder to score (the shipped one if ``None``).
        incidents: also score end to end on GVDB and the incident list
            (:mod:`frontwire.evaluation.incidents`).
        part: which part of those two sets: ``test`` (the reported figures), ``tune``,
            ``train`` or ``all``.
        limit: score at most this many rows of each of those two sets (for quick loops).
        errors: also return every miss with its error class (``"misses"``, ``"error_classes"``).

    Raises:
        DependencyError: FW603 if a gold file is missing.
    """
    shared = Path(shared_dir)
    for name in ("case2021-task2-subtypes.tsv", "plv-train.tsv", "plover-gsr.json"):
        if not (shared / "eval" / "events" / name).is_file():
            raise DependencyError("FW603", path=str(shared / "eval" / "events" / name))
    coder = coder or EventCoder()
    held = [(t, label) for key, t, label in case_rows(shared) if split_of(key) == "test"]
    # A text the classifier is unsure of and no trigger word decides is scored as "none".
    predicted = [label or "NONE" for label, _ in coder.classify([t for t, _ in held])]
    gold = [label for _, label in held]
    case = f1_scores(gold, predicted)
    acled_only = [(g, p) for g, p in zip(gold, predicted, strict=True) if g not in NOT_ACLED]
    case["acled_only"] = f1_scores([g for g, _ in acled_only], [p for _, p in acled_only])
    case["event_type_accuracy"] = sum(
        EVENT_TYPE_OF_LABEL[g] == EVENT_TYPE_OF_LABEL.get(p)
        for g, p in zip(gold, predicted, strict=True)
    ) / len(gold)
    case["acled_only"]["event_type_accuracy"] = sum(
        EVENT_TYPE_OF_LABEL[g] == EVENT_TYPE_OF_LABEL.get(p) for g, p in acled_only
    ) / len(acled_only)

    plv = [(t, label) for key, t, label in plv_rows(shared) if split_of(key) == "test"]
    plv_pred = [label for label, _ in coder.classify_plover([t for t, _ in plv])]
    plv_scores = f1_scores([label for _, label in plv], plv_pred)

    records = json.loads((shared / GSR_FILE).read_text("utf-8"))
    gsr = [
        (str(r["text"]), GSR_NAMES.get(r["event"], r["event"]))
        for r in records
        if r.get("event") != "DOCUMENT" and r.get("text")
    ]
    gsr_pred = [label for label, _ in coder.classify_plover([t for t, _ in gsr])]
    gsr_scores = f1_scores([label for _, label in gsr], gsr_pred)

    out: dict[str, Any] = {
        "case2021_heldout": case,
        "plv_heldout": plv_scores,
        "plover_gsr": gsr_scores,
        "seed_article": _seed_events(shared),
    }
    if incidents:
        from frontwire.evaluation.incidents import (
            error_summary,
            evaluate_gvdb,
            evaluate_wiki,
            misses_json,
        )

        out["gvdb"], gvdb_misses = evaluate_gvdb(shared, part, limit)
        out["wiki_incidents"], wiki_misses = evaluate_wiki(shared, part, limit)
        if errors:
            misses = gvdb_misses + wiki_misses
            out["error_classes"] = error_summary(misses)
            out["misses"] = misses_json(misses)
    return out


def _seed_events(shared: Path) -> list[dict[str, Any]]:
    path = shared / SEED
    if not path.is_file():
        return []
    from frontwire.api import analyze

    result = analyze([path])
    out: list[dict[str, Any]] = []
    for article in result.articles:
        for event in article.events:
            acled = event.acled()
            out.append(
                {
                    "sub_event_type": event.sub_event_type,
                    "status": event.status,
                    "actor1": acled["actor1"],
                    "actor2": acled["actor2"],
                    "date": event.date,
                    "location": event.location.name if event.location else None,
                    "fatalities": acled["fatalities"],
                    "plover": event.plover_event,
                    "evidence": [span.text for span in event.evidence],
                }
            )
    return out


def format_events_table(scores: dict[str, Any]) -> str:
    """A Markdown table of :func:`evaluate_events` scores, then the seed article's events."""
    case = scores["case2021_heldout"]
    only = case["acled_only"]
    lines = [
        "| gold set (part) | n | accuracy | macro-F1 | weighted F1 | event-type accuracy |",
        "|---|---:|---:|---:|---:|---:|",
        f"| CASE 2021 sub-types, 30 labels (held-out 30%) | {case['n']} | {case['accuracy']:.3f}"
        f" | {case['macro_f1']:.3f} | {case['weighted_f1']:.3f}"
        f" | {case['event_type_accuracy']:.3f} |",
        f"| CASE 2021, the 25 ACLED labels only (held-out) | {only['n']} | {only['accuracy']:.3f}"
        f" | {only['macro_f1']:.3f} | {only['weighted_f1']:.3f}"
        f" | {only['event_type_accuracy']:.3f} |",
    ]
    for key, name in (
        ("plv_heldout", "PLV PLOVER types (held-out 30%)"),
        ("plover_gsr", "PLOVER gold records (all; not in training)"),
    ):
        row = scores[key]
        lines.append(
            f"| {name} | {row['n']} | {row['accuracy']:.3f} | {row['macro_f1']:.3f}"
            f" | {row['weighted_f1']:.3f} | - |"
        )
    lines += _incident_lines(scores)
    lines += ["", "Seed article events:"]
    for event in scores["seed_article"]:
        lines.append(
            f"- {event['sub_event_type']} ({event['status']}): {event['actor1']} / "
            f"{event['actor2']}, {event['location']}, {event['date']}, "
            f'{event["fatalities"]} dead; "{event["evidence"][0][:90]}"'
        )
    if "misses" in scores:
        from frontwire.evaluation.incidents import Miss, format_misses

        lines += ["", format_misses([Miss(**m) for m in scores["misses"]])]
    return "\n".join(lines)


def _fmt(value: Any) -> str:
    return "-" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def _incident_lines(scores: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    gvdb = scores.get("gvdb")
    if gvdb:
        lines += [
            "",
            f"GVDB news articles about shootings ({gvdb['part']} part, {gvdb['n']} articles):",
            "| measure | frontwire | anchor |",
            "|---|---:|---:|",
            f"| violent event found | {_fmt(gvdb['violent_found'])} | - |",
            f"| killed exact | {_fmt(gvdb['killed'])} | regex {_fmt(gvdb['base_regex_killed'])},"
            f" zero {_fmt(gvdb['base_zero_killed'])} |",
            f"| killed exact, someone died | {_fmt(gvdb['killed_when_dead'])} | - |",
            f"| injured exact | {_fmt(gvdb['injured'])} | - |",
            f"| place within 40 km ({gvdb['n_place']} with a known gold city)"
            f" | {_fmt(gvdb['place_40km'])} | - |",
            f"| date exact ({gvdb['n_dated']} with a publication date) | "
            f"{_fmt(gvdb['date_dated'])} | publication date {_fmt(gvdb['base_published_date'])} |",
            f"| date exact, all articles | {_fmt(gvdb['date_all'])} | - |",
        ]
    wiki = scores.get("wiki_incidents")
    if wiki:
        lines += [
            "",
            f"Wikipedia incident reports ({wiki['part']} part, {wiki['n']} reports):",
            "| measure | frontwire | anchor |",
            "|---|---:|---:|",
            f"| some event found | {_fmt(wiki['event_found'])} | - |",
            f"| event type accepted | {_fmt(wiki['type'])} | - |",
            f"| sub-event type weighted F1 ({wiki.get('sub_type_n', 0)} with a fixed sub-type)"
            f" | {_fmt(wiki.get('sub_type_weighted_f1'))} | - |",
            f"| dead exact | {_fmt(wiki['dead'])} | regex {_fmt(wiki['base_regex_dead'])},"
            f" zero {_fmt(wiki['base_zero_dead'])} |",
            f"| dead exact, someone died | {_fmt(wiki['dead_when_dead'])} | - |",
            f"| injured exact | {_fmt(wiki['injured'])} | - |",
            f"| place within 25 km ({wiki['n_place']} with a known gold place)"
            f" | {_fmt(wiki['place_25km'])} | - |",
            f"| date exact ({wiki.get('n_day_dated', 0)} dated to the day; no publication date)"
            f" | {_fmt(wiki.get('date_exact'))} | - |",
            f"| date agrees, where one was found ({wiki.get('n_date_found', 0)})"
            f" | {_fmt(wiki.get('date_agrees'))} | - |",
        ]
    return lines


__all__ = ["evaluate_events", "f1_scores", "format_events_table"]
