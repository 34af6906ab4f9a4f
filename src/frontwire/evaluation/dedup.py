"""Scores for copy detection and story clustering.

``copies``: every source article (the bundled corpus and the wikiref220 news) gets synthetic
copies made by :mod:`frontwire.evaluation.spin` (30% of the words replaced, sentences reordered,
look-alike letters, and a copy cut to its first half); all texts are repaired by the forensics
sanitizer, as the pipeline would, then clustered. A pair is right when both are copies of one
source (or a copy and its source); precision and recall are over such pairs.

``stories``: the wikiref220 articles grouped into stories, scored against the file-name labels
with B-cubed precision, recall and F1 and the adjusted Rand index, on full articles and on
headlines alone (each file's first non-empty line). The story thresholds were fixed on the
ECB+ training topics (:func:`evaluate_ecb_stories` with ``part="train"``), so wikiref220 and
the ECB+ test topics are data the clustering was never tuned on.

``ecb``: ECB+ documents of the test topics (36-45; Cybulska and Vossen's split) clustered
with the same settings, scored at the topic level against their topic (the kind of story:
two earthquakes are one topic) and at the story level against their subtopic (one seminal
event). wikiref220's labels ("Premier League", "MH370") are topics, so it is scored at the
topic level.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from frontwire.dedup.copies import CopyOptions, copy_clusters, pairs_of
from frontwire.errors import DependencyError
from frontwire.evaluation.metrics import adjusted_rand, bcubed, prf
from frontwire.evaluation.spin import SpinOptions, spin

WIKIREF = Path("eval") / "dedup" / "wikiref220"
ECBPLUS = Path("eval") / "events" / "ecbplus.jsonl"
#: ECB+ topics held out for development and test (Cybulska and Vossen 2015); the rest train.
ECB_DEV = frozenset({2, 5, 12, 18, 21, 23, 34, 35})
ECB_TEST = frozenset(range(36, 46))

#: The attacks each source gets, by name.
ATTACKS: dict[str, SpinOptions] = {
    "spun": SpinOptions(),
    "half": SpinOptions(keep=0.5),
    "lookalikes": SpinOptions(replace=0.0, reorder=False, lookalikes=0.3),
    "reordered": SpinOptions(replace=0.0, reorder=True, lookalikes=0.0),
}


def wikiref_dir(shared: Path) -> Path:
    """The wikiref220 folder under ``shared``, or FW603."""
    folder = shared / WIKIREF
    if not folder.is_dir():
        raise DependencyError("FW603", path=str(folder))
    return folder


def wikiref_label(path: Path) -> str:
    """The gold story of a wikiref220 file: the stem before its trailing number."""
    stem = path.stem
    i = len(stem)
    while i > 0 and stem[i - 1].isdigit():
        i -= 1
    return stem[:i].rstrip("-.") or stem


def wikiref_articles(shared: Path) -> list[tuple[str, str, str]]:
    """(file stem, gold label, text) for every wikiref220 file, by name."""
    out = []
    for path in sorted(wikiref_dir(shared).glob("*.txt")):
        out.append((path.stem, wikiref_label(path), path.read_text("utf-8", errors="replace")))
    return out


def corpus_texts(repo: Path) -> list[tuple[str, str]]:
    """(name, text) of the bundled corpus: its .txt files and JSON Lines feed."""
    corpus = repo / "examples" / "corpus"
    out = [(p.stem, p.read_text("utf-8")) for p in sorted((corpus / "txt").glob("*.txt"))]
    feed = corpus / "feed.jsonl"
    if feed.is_file():
        for line in feed.read_text("utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                out.append((str(item.get("id")), str(item.get("text", ""))))
    return out


def evaluate_copies(
    sources: Sequence[tuple[str, str]],
    options: CopyOptions | None = None,
    seed: int = 0,
) -> dict[str, Any]:
    """Pairwise precision and recall of copy clusters over ``sources`` and their copies."""
    from frontwire.forensics import Sanitizer

    sanitizer = Sanitizer()
    items: list[tuple[str, str, str | None]] = []
    truth: dict[str, str] = {}
    kept, dropped = distinct_sources(sources)
    for n, (_name, text) in enumerate(kept):
        key = f"src{n}"
        items.append((key, sanitizer.sanitize(text).text, "2020-01-01"))
        truth[key] = key
        for k, (attack, opts) in enumerate(ATTACKS.items()):
            copy = spin(text, seed=seed * 1000 + n * 10 + k, options=opts)
            copy_id = f"{key}:{attack}"
            items.append((copy_id, sanitizer.sanitize(copy).text, "2020-01-02"))
            truth[copy_id] = key
    found = pairs_of(copy_clusters(items, options))
    ids = sorted(truth)
    gold: set[tuple[str, str]] = set()
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(truth[i], []).append(i)
    for members in groups.values():
        members.sort()
        gold.update((x, y) for i, x in enumerate(members) for y in members[i + 1 :])
    hits = len(found & gold)
    scores = prf(hits, len(found), len(gold), empty=1.0)
    per_attack: dict[str, float] = {}
    for attack in ATTACKS:
        wanted = {
            (s, c) if s < c else (c, s) for c in ids if c.endswith(":" + attack) for s in [truth[c]]
        }
        per_attack[attack] = round(len(wanted & found) / len(wanted), 4) if wanted else 1.0
    return {
        "articles": len(ids),
        "gold_pairs": len(gold),
        "found_pairs": len(found),
        "precision": round(scores.precision, 4),
        "recall": round(scores.recall, 4),
        "recall_by_attack": per_attack,
        "false_pairs": sorted(found - gold)[:20],
        "sources": len(kept),
        "sources_dropped_as_copies": dropped,
    }


def distinct_sources(
    sources: Sequence[tuple[str, str]], at: float = 0.95
) -> tuple[list[tuple[str, str]], list[str]]:
    """The sources without those that already are near-identical copies of an earlier one
    (word and word-pair containment both at least ``at``, on exact sets, brute force): the
    gold says sources are distinct, so real copies among them are taken out first."""
    from frontwire.dedup.copies import signature

    opts = CopyOptions()
    kept: list[tuple[str, str]] = []
    sigs: list[Any] = []
    dropped: list[str] = []
    for name, text in sources:
        sig = signature(name, text, None, opts)
        if any(
            _contained(sig.words, s.words) >= at and _contained(sig.pairs, s.pairs) >= at
            for s in sigs
        ):
            dropped.append(name)
            continue
        kept.append((name, text))
        sigs.append(sig)
    return kept, dropped


def _contained(a: frozenset[Any], b: frozenset[Any]) -> float:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small) if small else 0.0


def evaluate_stories(shared: Path, options: Any = None, config: Any = None) -> dict[str, Any]:
    """Story clustering of wikiref220, full articles and headlines alone, vs the file labels.

    Every article (and every headline, as its own one-line article) goes through the
    configured pipeline (sanitize, nlp, ...) first, so the entities are the nlp stage's.
    """
    out: dict[str, Any] = {}
    for mode in ("articles", "headlines"):
        items = []
        for stem, label, text in wikiref_articles(shared):
            if mode == "headlines":
                text = next((ln for ln in text.splitlines() if ln.strip()), stem)
            # wikiref220's labels are topics ("Premier League" holds many matches).
            items.append((f"{stem}.txt", text, {"topic": label}))
        out[mode] = _cluster_and_score(items, options, config)["topic"]
    return out


def ecb_documents(shared: Path) -> list[dict[str, Any]]:
    """The ECB+ documents (id, topic, subtopic, text), or FW603 without the file."""
    path = shared / ECBPLUS
    if not path.is_file():
        raise DependencyError("FW603", path=str(path))
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            out.append({k: doc[k] for k in ("id", "topic", "subtopic", "text")})
    return out


def evaluate_ecb_stories(
    shared: Path, part: str = "test", options: Any = None, config: Any = None
) -> dict[str, Any]:
    """Document clustering of the ECB+ ``part`` ("train" or "test") topics, scored against
    topics and subtopics; "train" is what the story thresholds were fixed on."""
    docs = [d for d in ecb_documents(shared) if ecb_part(int(d["topic"])) == part]
    items = [
        (d["id"], d["text"], {"topic": str(d["topic"]), "story": str(d["subtopic"])}) for d in docs
    ]
    return _cluster_and_score(items, options, config)


def ecb_part(topic: int) -> str:
    """``"train"``, ``"dev"`` or ``"test"`` for an ECB+ topic (Cybulska and Vossen's split)."""
    if topic in ECB_TEST:
        return "test"
    return "dev" if topic in ECB_DEV else "train"


def parsed_items(
    items: Sequence[tuple[str, str, Mapping[str, str]]], config: Any
) -> tuple[list[Any], dict[str, Mapping[str, str]]]:
    """``(name, text, gold labels)`` items run through the configured pipeline: the processed
    articles, and each article id's gold labels."""
    from frontwire.executors import CollectingSink, LocalExecutor
    from frontwire.pipeline import Pipeline
    from frontwire.records import Article, Source

    labels: dict[str, Mapping[str, str]] = {}
    inputs = []
    for name, text, gold in items:
        article = Article.new(text, Source(path=name))
        labels[article.id] = gold
        inputs.append(article)
    sink = CollectingSink()
    LocalExecutor(Pipeline.from_config(config), progress=False).run(inputs, sink)
    return list(sink.articles), labels


def _cluster_and_score(
    items: Sequence[tuple[str, str, Mapping[str, str]]], options: Any, config: Any
) -> dict[str, Any]:
    """Run ``(name, text, gold label by level)`` through the configured pipeline, cluster
    the articles at each level given ("story", "topic") and score against its labels."""
    from frontwire.config import load_config
    from frontwire.dedup.stories import StoryOptions, story_clusters, story_docs

    cfg = config or load_config()
    opts = options or StoryOptions.from_config(cfg.dedup)
    articles, labels = parsed_items(items, cfg)
    docs = story_docs(articles, opts)
    out: dict[str, Any] = {}
    for level in items[0][2] if items else ():
        clusters = story_clusters(docs, opts, "topic" if level == "topic" else "story")
        gold = {a.id: labels[a.id][level] for a in articles}
        scores: dict[str, Any] = dict(bcubed(gold, clusters))
        scores["ari"] = adjusted_rand(gold, clusters)
        scores["articles"] = len(gold)
        scores["stories_found"] = len(set(clusters.values()))
        scores["stories_gold"] = len(set(gold.values()))
        out[level] = scores
    return out


def evaluate_all(shared: Path, repo: Path) -> dict[str, Any]:
    """Copy detection on the bundled corpus and on wikiref220, and story clustering."""
    corpus = corpus_texts(repo)
    news = [(stem, text) for stem, _, text in wikiref_articles(shared)]
    copies = {
        "corpus": evaluate_copies(corpus),
        "news": evaluate_copies(news),
    }
    stories = evaluate_stories(shared)
    ecb = evaluate_ecb_stories(shared, "test")
    stories["ecb-test topics"] = ecb["topic"]
    stories["ecb-test stories"] = ecb["story"]
    return {"copies": copies, "stories": stories}


def format_table(scores: Mapping[str, Any]) -> str:
    """The scores as a plain-text table."""
    lines = ["copies      sources  pairs  precision  recall  (half-copy recall)"]
    for name, s in scores["copies"].items():
        lines.append(
            f"{name:<11} {s['sources']:>7}  {s['gold_pairs']:>5}  {s['precision']:>9.4f}  "
            f"{s['recall']:>6.4f}  ({s['recall_by_attack']['half']:.4f})"
        )
    lines.append("stories             articles  B3-P    B3-R    B3-F1   ARI     found/gold")
    for name, s in scores["stories"].items():
        lines.append(
            f"{name:<19} {s['articles']:>8}  {s['precision']:.4f}  {s['recall']:.4f}  "
            f"{s['f1']:.4f}  {s['ari']:.4f}  {s['stories_found']}/{s['stories_gold']}"
        )
    return "\n".join(lines)
