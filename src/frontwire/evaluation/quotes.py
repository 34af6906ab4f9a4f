"""Score the quotes stage on PolNeAR (attributions in US political news).

Each gold attribution has ``source``, ``cue`` and ``content`` span lists. A prediction is one
attribution: the quotes sharing one cue (a split quote, "X," he said, "Y", is one attribution
with two content spans, as PolNeAR annotates it). Contents are compared as sets of characters:

- overlap = shared characters / characters of the longer of the two (a 0.3 match needs a
  prediction and a gold content to share 30% of the longer one); pairs are matched one to one,
  best overlap first; precision, recall and F1 count matches at overlap >= 0.3;
- exact: the two contents cover the same characters, ignoring white space, punctuation and
  quote marks at their ends.

Speaker accuracy is over the gold attributions matched at 0.3 that have a source: right when
the predicted speaker's mention, or any mention of its cluster, overlaps the gold source, or
the speaker's name contains the gold source's last name word. A gold source that is a bare
pronoun ("he") refers to the nearest gold source before it that is not one (PolNeAR links no
coreference; in news copy "he said" continues the last named source), and is scored against
that.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from frontwire.config import Config, load_config
from frontwire.errors import DependencyError
from frontwire.evaluation.metrics import prf
from frontwire.pipeline.stage import Context
from frontwire.quotes.resolve import FirstNames
from frontwire.records import Article, Quote

GOLD_DIR = Path("eval") / "quotes"
DEV_FILE = "polnear-dev.jsonl"
_PRONOUNS = frozenset(
    ["he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "his", "their", "its"]
)  # fmt: skip
_RELATIVE = frozenset({"who", "whom", "whose", "which", "that"})
_PRONOUNS = _PRONOUNS | _RELATIVE
_TRIM = " \t\n.,;:!?\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e-\u2014\u2013()"


def load_gold(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The articles of a PolNeAR JSON Lines file.

    Raises:
        DependencyError: FW603 if the file is missing.
    """
    if not path.is_file():
        raise DependencyError("FW603", path=str(path))
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line))
                if limit is not None and len(out) >= limit:
                    break
    return out


def _chars(spans: Iterable[tuple[int, int]], text: str) -> frozenset[int]:
    out: set[int] = set()
    for start, end in spans:
        out.update(i for i in range(start, end) if not text[i].isspace())
    return frozenset(out)


def _trimmed(spans: Iterable[tuple[int, int]], text: str) -> frozenset[int]:
    out: set[int] = set()
    for start, end in spans:
        while start < end and text[start] in _TRIM:
            start += 1
        while end > start and text[end - 1] in _TRIM:
            end -= 1
        out.update(i for i in range(start, end) if not text[i].isspace())
    return frozenset(out)


def _overlap(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


def group_predictions(quotes: Sequence[Quote]) -> list[list[Quote]]:
    """Quotes grouped into attributions: those sharing a cue are one."""
    groups: dict[tuple[int, int] | int, list[Quote]] = {}
    for n, quote in enumerate(quotes):
        key: tuple[int, int] | int = (quote.cue.start, quote.cue.end) if quote.cue else n
        groups.setdefault(key, []).append(quote)
    return list(groups.values())


def score_article(
    gold: dict[str, Any], article: Article, names: FirstNames | None = None
) -> dict[str, int]:
    """Counts for one article: gold, predicted, matched (0.3 and exact), speakers right."""
    text = gold["text"]
    golds = [a for a in gold["attributions"] if a["content"]]
    gold_sets = [_chars(((c["start"], c["end"]) for c in a["content"]), text) for a in golds]
    gold_exact = [_trimmed(((c["start"], c["end"]) for c in a["content"]), text) for a in golds]
    preds = group_predictions(article.quotes)
    pred_sets = [_chars(((q.content.start, q.content.end) for q in g), text) for g in preds]
    pred_exact = [_trimmed(((q.content.start, q.content.end) for q in g), text) for g in preds]
    pairs = []
    for gi, gs in enumerate(gold_sets):
        for pi, ps in enumerate(pred_sets):
            ov = _overlap(gs, ps)
            if ov >= 0.3:
                pairs.append((ov, gi, pi))
    pairs.sort(reverse=True)
    g_used: set[int] = set()
    p_used: set[int] = set()
    matches = []
    for _, gi, pi in pairs:
        if gi in g_used or pi in p_used:
            continue
        g_used.add(gi)
        p_used.add(pi)
        matches.append((gi, pi))
    exact = _exact_matches(gold_exact, pred_exact)
    sources = _referents(golds, text, names)
    clusters: dict[str, list[tuple[int, int]]] = {}
    for entity in article.entities:
        if entity.cluster_id:
            clusters.setdefault(entity.cluster_id, []).append((entity.span.start, entity.span.end))
    with_source = right = 0
    for gi, pi in matches:
        target = sources[gi]
        if target is None:
            continue
        with_source += 1
        right += _speaker_right(preds[pi], target, text, clusters)
    return {
        "gold": len(golds),
        "predicted": len(preds),
        "matched": len(matches),
        "exact": exact,
        "with_source": with_source,
        "speaker_right": right,
    }


def _exact_matches(gold: list[frozenset[int]], pred: list[frozenset[int]]) -> int:
    remaining = {p: i for i, p in enumerate(pred) if p}
    n = 0
    for g in gold:
        if g and g in remaining:
            del remaining[g]
            n += 1
    return n


def _referents(
    golds: list[dict[str, Any]], text: str, names: FirstNames | None = None
) -> list[tuple[int, int, str] | None]:
    """Each gold attribution's source span; a pronoun source becomes the named one before it
    (for he/she, the nearest whose first name is not of the other gender)."""
    named: list[tuple[int, int, str]] = []
    for a in golds:
        for s in a["source"]:
            if s["text"].strip().lower() not in _PRONOUNS:
                named.append((s["start"], s["end"], s["text"]))
    named.sort()
    out: list[tuple[int, int, str] | None] = []
    for a in golds:
        if not a["source"]:
            out.append(None)
            continue
        s = a["source"][0]
        if s["text"].strip().lower() not in _PRONOUNS:
            out.append((s["start"], s["end"], s["text"]))
            continue
        if s["text"].strip().lower() in _RELATIVE:
            # "X, who said ...": the phrase the relative pronoun follows.
            out.append(
                (max(0, s["start"] - 3), s["start"], text[max(0, s["start"] - 3) : s["start"]])
            )
            continue
        before = [n for n in named if n[1] <= s["start"]]
        low = s["text"].strip().lower()
        want = "m" if low in ("he", "him", "his") else "f" if low in ("she", "her") else None
        if want and names is not None:
            fitting = [n for n in before if _gender_of(names, n[2]) in (None, want)]
            before = fitting or before
        out.append(before[-1] if before else (s["start"], s["end"], s["text"]))
    return out


def _gender_of(names: FirstNames, source: str) -> str | None:
    words = [w for w in source.split() if w[:1].isupper()]
    return names.gender(words[0]) if len(words) >= 2 else None


def _speaker_right(
    group: list[Quote],
    target: tuple[int, int, str],
    text: str,
    clusters: dict[str, list[tuple[int, int]]],
) -> bool:
    start, end, gold_text = target
    words = [w.strip(_TRIM).lower() for w in gold_text.split()]
    words = [w.removesuffix("'s").removesuffix("\u2019s") for w in words if w]
    for quote in group:
        sp = quote.speaker
        if sp is None:
            continue
        spans = [(sp.span.start, sp.span.end)] if sp.span else []
        spans += clusters.get(sp.cluster_id or "", [])
        if any(s < end and start < e for s, e in spans):
            return True
        if words and sp.cluster_id and words[-1] in sp.name.lower().split():
            return True
    return False


def evaluate_quotes(
    shared_dir: Path,
    *,
    file: str = DEV_FILE,
    limit: int | None = None,
    config: Config | None = None,
) -> dict[str, Any]:
    """Run nlp + quotes over a PolNeAR file and score it (see the module docstring).

    Returns:
        ``{file, articles, gold, predicted, matched, exact, precision, recall, f1,
        exact_precision, exact_recall, exact_f1, speaker_accuracy, with_source, seconds}``.

    Raises:
        DependencyError: FW603 if the file is missing.
    """
    from frontwire.nlp import NlpStage
    from frontwire.quotes import QuotesStage

    gold = load_gold(Path(shared_dir) / GOLD_DIR / file, limit)
    ctx = Context(config=config or load_config())
    nlp = NlpStage(ctx)
    quotes = QuotesStage(ctx)
    nlp.setup()
    quotes.setup()
    names = FirstNames()
    started = time.perf_counter()
    totals = dict.fromkeys(
        ("gold", "predicted", "matched", "exact", "with_source", "speaker_right"), 0
    )
    articles = nlp.process_batch([Article.new(g["text"]) for g in gold])
    for g, article in zip(gold, articles, strict=True):
        counts = score_article(g, quotes.process(article), names)
        for key, value in counts.items():
            totals[key] += value
    seconds = time.perf_counter() - started

    p, r, f = prf(totals["matched"], totals["predicted"], totals["gold"])
    ep, er, ef = prf(totals["exact"], totals["predicted"], totals["gold"])
    return {
        "file": file,
        "articles": len(gold),
        **totals,
        "precision": p,
        "recall": r,
        "f1": f,
        "exact_precision": ep,
        "exact_recall": er,
        "exact_f1": ef,
        "speaker_accuracy": (
            totals["speaker_right"] / totals["with_source"] if totals["with_source"] else 0.0
        ),
        "seconds": seconds,
    }


def format_table(scores: dict[str, Any]) -> str:
    """The scores as a Markdown table, with the published anchors for comparison."""
    lines = [
        f"PolNeAR {scores['file']}: {scores['articles']} articles, {scores['gold']} gold "
        f"attributions, {scores['predicted']} predicted ({scores['seconds']:.1f} s)",
        "",
        "| system | P@0.3 | R@0.3 | F1@0.3 | exact F1 | speaker |",
        "|---|---|---|---|---|---|",
        f"| frontwire | {scores['precision']:.3f} | {scores['recall']:.3f} | {scores['f1']:.3f} "
        f"| {scores['exact_f1']:.3f} | {scores['speaker_accuracy']:.1%} |",
        "| Gender Gap Tracker (anchor) | 0.846 | 0.827 | 0.837 | | 86.5% |",
        "| BBC Citron (anchor) | | | 0.832 | 0.567 | source F1 82.0 |",
    ]
    return "\n".join(lines)
