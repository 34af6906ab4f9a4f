"""Cross-document event coreference on ECB+, with gold event mentions.

The standard "gold mentions" setting (Cybulska and Vossen 2015; Barhom et al. 2019): every
``ACTION_*`` mention of a sentence ECB+ annotated for coreference (``coref_annotated``) is
given; the system only decides which of them are one real-world event. Gold chains are the
mentions sharing a ``cross_doc_id``; a mention without one is its own chain. Scores are MUC,
B-cubed, CEAF-e and their mean, the CoNLL F1 (:func:`frontwire.evaluation.metrics.conll`),
over all mentions of a part: train topics (everything the thresholds and weights were fixed
on), dev topics 2, 5, 12, 18, 21, 23, 34, 35 (a check) and test topics 36-45 (the figure).

The system is built from frontwire's own parts:

1. **Documents into stories.** Each part's documents go through the ``nlp`` stage (one parse
   per document, kept in memory) and are grouped by the story clustering of
   :mod:`frontwire.dedup.stories` with the configured thresholds, exactly as
   :func:`frontwire.evaluation.dedup.evaluate_ecb_stories` scores it. Mentions are only ever
   joined within one predicted story, so the pair scorer never compares two earthquakes.
2. **Mentions within a group of documents** are joined by average-linkage clustering on a
   pair score made of (:data:`FEATURES`): the trigger's lemma (the head of the mention span in
   the parse) and a five-letter stem of it (shoot, shooting), whether both triggers are speech
   verbs (:mod:`frontwire.lexicon.speech`; every "said" is its own event) and of one part of
   speech, the static word vectors of :mod:`frontwire.dedup.vectors` for the trigger, for the
   five words either side of it and for its sentence, whether both are in one document and
   the story similarity of their documents, and the sentence's anchors: times, places and
   numbers (the parse's DATE/TIME, GPE/LOC/FAC and CARDINAL entities), participants (people,
   organisations and groups) and the trigger's own subject and object heads, each +1 when
   both sentences share one, -1 when both have some and share none, 0 otherwise.

Three pair scores are compared (``designs`` in the output): ``rule (stories)``, a fixed
hand-weighted sum (:data:`RULE_WEIGHTS`) within predicted stories; ``logistic (stories)``, a
logistic regression over the same features fitted on the mention pairs of the train topics'
predicted stories; and ``logistic x2 (topics)``, one over the features and every product of
two (:func:`crossed`), within the coarser predicted topics, so that the story similarity is one
feature among others instead of a hard wall. Each design's cut-off is the one of :data:`CUTS`
with the best CoNLL F1 on the train topics; nothing is fitted on dev or test. Baselines beside
them: every mention alone, and the same-lemma rule (mentions with one trigger lemma are one
event) within the gold subtopic and within the predicted stories.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from frontwire.errors import DependencyError
from frontwire.evaluation.dedup import ECBPLUS, ecb_part
from frontwire.evaluation.metrics import conll
from frontwire.lexicon.speech import CLAIM_VERBS, SPEECH_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from frontwire.config import Config
    from frontwire.records import Article

Array = np.ndarray[Any, Any]

PARTS = ("train", "dev", "test")
FEATURES = (
    "same_lemma",
    "trigger",
    "context",
    "same_doc",
    "time",
    "place",
    "participants",
    "window",
    "both_speech",
    "same_pos",
    "same_stem",
    "story",
    "arguments",
    "numbers",
)
#: The ``rule`` design's weights, in FEATURES order: the lemma and the trigger's own vector say
#: "the same kind of action", the sentence and its anchors "the same instance of it". Set by
#: hand on the first seven features before any run (the later ones weigh 0 here and only
#: serve the fitted designs); only the cut-off is chosen on the train topics.
RULE_WEIGHTS = (0.4, 0.3, 0.2, 0.0, 0.05, 0.05, 0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
#: The cut-offs tried on the train topics, for every design.
CUTS = tuple(round(x, 3) for x in np.arange(0.05, 0.951, 0.025))
_TIME_LABELS = frozenset({"DATE", "TIME"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PARTICIPANT_LABELS = frozenset({"PERSON", "ORG", "NORP"})
#: Letters of a lemma kept by :func:`_stem`.
STEM = 5
#: Words either side of the trigger, within its sentence, that make its near context.
WINDOW = 5
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "attr", "agent", "poss"})


@dataclass(frozen=True, slots=True)
class EventMention:
    """One gold action mention: where it is and which gold chain it belongs to."""

    key: str  # "<document id>/<mention id>", unique in the set
    doc: str
    subtopic: str
    start: int
    end: int
    sentence: tuple[int, int]  # character span of its sentence
    gold: str  # the cross-document id, or ``key`` for a singleton


@dataclass(frozen=True, slots=True)
class CorefDoc:
    """One ECB+ document with its scored mentions."""

    id: str
    topic: int
    subtopic: str
    text: str
    mentions: tuple[EventMention, ...] = ()


@dataclass(slots=True)
class MentionViews:
    """What the pair score reads of each mention, row-aligned with ``mentions``."""

    mentions: list[EventMention]
    lemmas: list[str]
    trigger: Array
    context: Array
    times: list[frozenset[str]]
    places: list[frozenset[str]]
    participants: list[frozenset[str]]
    arguments: list[frozenset[str]]
    numbers: list[frozenset[str]]
    window: Array
    speech: list[bool]
    verbal: list[bool]
    index: dict[str, int] = field(default_factory=dict)
    #: Story similarity of the documents (:func:`frontwire.dedup.stories.similarities`) and
    #: each mention's row in it; empty until :func:`story_groups` fills it in.
    doc_sim: Array = field(default_factory=lambda: np.ones((1, 1)))
    doc_row: list[int] = field(default_factory=list)


def coref_documents(records: Iterable[Mapping[str, Any]]) -> list[CorefDoc]:
    """Documents in the ``ecbplus.jsonl`` format with their ``ACTION_*`` mentions in
    coreference-annotated sentences (``NEG_ACTION_*`` and the rest are not scored)."""
    out = []
    for rec in records:
        spans = {
            int(s["n"]): (int(s["start"]), int(s["end"]))
            for s in rec["sentences"]
            if s["coref_annotated"]
        }
        mentions = []
        for m in rec["mentions"]:
            if not str(m["tag"]).startswith("ACTION_") or int(m["sentence"]) not in spans:
                continue
            key = f"{rec['id']}/{m['m_id']}"
            mentions.append(
                EventMention(
                    key=key,
                    doc=str(rec["id"]),
                    subtopic=str(rec["subtopic"]),
                    start=int(m["start"]),
                    end=int(m["end"]),
                    sentence=spans[int(m["sentence"])],
                    gold=str(m["cross_doc_id"] or key),
                )
            )
        out.append(
            CorefDoc(
                id=str(rec["id"]),
                topic=int(rec["topic"]),
                subtopic=str(rec["subtopic"]),
                text=str(rec["text"]),
                mentions=tuple(mentions),
            )
        )
    return out


def read_documents(shared: Path) -> list[CorefDoc]:
    """The ECB+ documents under ``shared``, or FW603 without the file."""
    path = shared / ECBPLUS
    if not path.is_file():
        raise DependencyError("FW603", path=str(path))
    with path.open(encoding="utf-8") as f:
        return coref_documents(json.loads(line) for line in f if line.strip())


def parse_documents(docs: Sequence[CorefDoc], config: Config | None = None) -> list[Article]:
    """Each document through the configured ``nlp`` stage once: articles with entities and
    their parse on ``Article.doc`` (in memory only)."""
    from frontwire.config import load_config
    from frontwire.nlp import NlpStage
    from frontwire.pipeline.stage import Context
    from frontwire.records import Article, Source

    stage = NlpStage(Context(config or load_config()))
    stage.setup()
    return stage.process_batch([Article.new(d.text, Source(path=d.id)) for d in docs])


def story_groups(
    docs: Sequence[CorefDoc],
    articles: Sequence[Article],
    config: Config | None = None,
    views: MentionViews | None = None,
) -> dict[str, dict[str, str]]:
    """Document id -> predicted story and -> predicted topic, from frontwire's story
    clustering with the configured ``[dedup]`` thresholds (the call
    :mod:`frontwire.evaluation.dedup` scores on ECB+); with ``views``, also fills in their
    document similarities."""
    from frontwire.config import load_config
    from frontwire.dedup.stories import StoryOptions, similarities, story_clusters, story_docs

    cfg = config or load_config()
    opts = StoryOptions.from_config(cfg.dedup)
    sdocs = story_docs(list(articles), opts)
    out = {}
    for level in ("story", "topic"):
        clusters = story_clusters(sdocs, opts, level)
        out[level] = {d.id: clusters[a.id] for d, a in zip(docs, articles, strict=True)}
    if views is not None:
        row = {d.id: k for k, d in enumerate(docs)}
        views.doc_sim = similarities(sdocs, opts)
        np.fill_diagonal(views.doc_sim, 1.0)
        views.doc_row = [row[m.doc] for m in views.mentions]
    return out


def mention_views(docs: Sequence[CorefDoc], parses: Sequence[Doc], embedder: Any) -> MentionViews:
    """Lemmas, vectors and anchors of every mention of ``docs`` (``parses`` row-aligned)."""
    mentions: list[EventMention] = []
    lemmas: list[str] = []
    triggers: list[str] = []
    sentences: list[str] = []
    times: list[frozenset[str]] = []
    places: list[frozenset[str]] = []
    participants: list[frozenset[str]] = []
    arguments: list[frozenset[str]] = []
    numbers: list[frozenset[str]] = []
    windows: list[str] = []
    speech: list[bool] = []
    verbal: list[bool] = []
    for doc, parse in zip(docs, parses, strict=True):
        by_sentence: dict[tuple[int, int], tuple[frozenset[str], ...]] = {}
        for m in doc.mentions:
            span = parse.char_span(m.start, m.end, alignment_mode="expand")
            head = span.root if span is not None and len(span) else None
            lemmas.append((head.lemma_ if head is not None else doc.text[m.start : m.end]).lower())
            triggers.append(doc.text[m.start : m.end])
            sentences.append(doc.text[m.sentence[0] : m.sentence[1]])
            if m.sentence not in by_sentence:
                by_sentence[m.sentence] = _anchors(parse, *m.sentence)
            t, p, who, nums = by_sentence[m.sentence]
            args = frozenset(
                _words(child.text)
                for child in (head.children if head is not None else ())
                if child.dep_ in _ARGUMENT_DEPS
            )
            if span is not None and len(span):
                sent = span.sent
                left = parse[max(sent.start, span.start - WINDOW) : span.start].text
                right = parse[span.end : min(sent.end, span.end + WINDOW)].text
                windows.append(f"{left} {right}")
            else:
                windows.append("")
            lemma = lemmas[-1]
            speech.append(lemma in SPEECH_VERBS or lemma in CLAIM_VERBS)
            verbal.append(head is not None and head.pos_ in ("VERB", "AUX"))
            times.append(t)
            places.append(p)
            participants.append(who | frozenset(w for w in args if w))
            arguments.append(frozenset(w for w in args if w))
            numbers.append(nums)
            mentions.append(m)
    views = MentionViews(
        mentions=mentions,
        lemmas=lemmas,
        trigger=embedder.embed(triggers),
        context=embedder.embed(sentences),
        times=times,
        places=places,
        participants=participants,
        arguments=arguments,
        numbers=numbers,
        window=embedder.embed(windows),
        speech=speech,
        verbal=verbal,
    )
    views.index = {m.key: i for i, m in enumerate(mentions)}
    return views


def _words(text: str) -> str:
    """A name's comparison key: its last word, case-folded ("Tara Reid" and "Reid" agree)."""
    parts = [w for w in text.casefold().replace("'s", "").split() if w.isalnum()]
    return parts[-1] if parts else ""


def _anchors(parse: Doc, start: int, end: int) -> tuple[frozenset[str], ...]:
    """(times, places, participants, numbers) named in the sentence between ``start`` and
    ``end``."""
    found: dict[str, set[str]] = {"time": set(), "place": set(), "who": set(), "num": set()}
    for ent in parse.ents:
        if ent.start_char < start or ent.end_char > end:
            continue
        kind = (
            "time"
            if ent.label_ in _TIME_LABELS
            else "place"
            if ent.label_ in _PLACE_LABELS
            else "who"
            if ent.label_ in _PARTICIPANT_LABELS
            else "num"
            if ent.label_ == "CARDINAL"
            else None
        )
        key = _words(ent.text)
        if kind and key:
            found[kind].add(key)
    return tuple(frozenset(found[k]) for k in ("time", "place", "who", "num"))


def pair_features(views: MentionViews, left: Array, right: Array) -> Array:
    """The :data:`FEATURES` of mention pairs ``(left[p], right[p])`` (rows into ``views``)."""
    n = len(left)
    out = np.zeros((n, len(FEATURES)), dtype=np.float64)
    lemmas = views.lemmas
    out[:, 0] = [lemmas[i] == lemmas[j] for i, j in zip(left, right, strict=True)]
    out[:, 1] = np.einsum("ij,ij->i", views.trigger[left], views.trigger[right])
    out[:, 2] = np.einsum("ij,ij->i", views.context[left], views.context[right])
    mentions = views.mentions
    out[:, 3] = [mentions[i].doc == mentions[j].doc for i, j in zip(left, right, strict=True)]
    for col, sets in (
        (4, views.times),
        (5, views.places),
        (6, views.participants),
        (12, views.arguments),
        (13, views.numbers),
    ):
        out[:, col] = [_agreement(sets[i], sets[j]) for i, j in zip(left, right, strict=True)]
    out[:, 7] = np.einsum("ij,ij->i", views.window[left], views.window[right])
    speech, verbal = views.speech, views.verbal
    out[:, 8] = [speech[i] and speech[j] for i, j in zip(left, right, strict=True)]
    out[:, 9] = [verbal[i] == verbal[j] for i, j in zip(left, right, strict=True)]
    out[:, 10] = [_stem(lemmas[i]) == _stem(lemmas[j]) for i, j in zip(left, right, strict=True)]
    if views.doc_row:
        rows = np.asarray(views.doc_row)
        out[:, 11] = views.doc_sim[rows[left], rows[right]]
    return out


def _stem(lemma: str) -> str:
    """A crude stem that joins a verb and its nominalisation (shoot, shooting; arrest,
    arrested; evacuate, evacuation): the first five letters."""
    return lemma[:STEM]


def _agreement(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 1.0 if a & b else -1.0


@dataclass(frozen=True, slots=True)
class PairScorer:
    """A pair score: ``sigmoid(features @ weights + bias)`` when ``logistic``, else the plain
    weighted sum (the ``rule`` design). With ``crossed``, the features are first extended by
    :func:`crossed` (every product of two), so a learned score can say "same lemma counts
    only with a shared place"."""

    weights: tuple[float, ...]
    bias: float = 0.0
    logistic: bool = False
    crossed: bool = False

    def __call__(self, features: Array) -> Array:
        x = crossed(features) if self.crossed else features
        z = x @ np.asarray(self.weights) + self.bias
        out: Array = 1.0 / (1.0 + np.exp(-z)) if self.logistic else z
        return out


def crossed(features: Array) -> Array:
    """``features`` followed by the product of every pair of columns (squares included)."""
    i, j = np.triu_indices(features.shape[1])
    out: Array = np.hstack([features, features[:, i] * features[:, j]])
    return out


def fit_logistic(
    features: Array, labels: Array, *, cross: bool = False, l2: float = 1.0, steps: int = 25
) -> PairScorer:
    """A logistic regression by Newton steps with an L2 penalty ``l2`` on the weights (not the
    bias); some hundred thousand pairs of at most about a hundred features need nothing
    more."""
    x = crossed(features) if cross else features
    x = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - labels) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        w -= np.linalg.solve(hess, grad)
    return PairScorer(
        weights=tuple(float(v) for v in w[:-1]), bias=float(w[-1]), logistic=True, crossed=cross
    )


def group_pairs(views: MentionViews, groups: Mapping[str, str]) -> dict[str, list[int]]:
    """Rows of ``views`` by group (``groups``: document id -> group id)."""
    out: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(views.mentions):
        out[groups[m.doc]].append(i)
    return dict(out)


@dataclass(slots=True)
class Linkage:
    """Average-linkage trees of every group under one pair score, cut at any threshold."""

    views: MentionViews
    trees: list[tuple[list[int], Array | None]]

    @classmethod
    def build(
        cls, views: MentionViews, groups: Mapping[str, str], score: Callable[[Array], Array]
    ) -> Linkage:
        from scipy.cluster.hierarchy import linkage

        trees: list[tuple[list[int], Array | None]] = []
        for rows in group_pairs(views, groups).values():
            if len(rows) < 2:
                trees.append((rows, None))
                continue
            idx = np.array(rows)
            i, j = np.triu_indices(len(rows), k=1)
            sims = score(pair_features(views, idx[i], idx[j]))
            # A weighted sum can leave [0, 1]; every cut-off lies inside it.
            trees.append((rows, linkage(1.0 - np.clip(sims, 0.0, 1.0), method="average")))
        return cls(views, trees)

    def cut(self, threshold: float) -> dict[str, str]:
        """Mention key -> chain id: groups cut where the average score falls below
        ``threshold``."""
        from scipy.cluster.hierarchy import fcluster

        out: dict[str, str] = {}
        mentions = self.views.mentions
        for g, (rows, tree) in enumerate(self.trees):
            labels = (
                [1] * len(rows)
                if tree is None
                else fcluster(tree, t=1.0 - threshold, criterion="distance")
            )
            for row, label in zip(rows, labels, strict=True):
                out[mentions[row].key] = f"{g}:{int(label)}"
        return out


def same_lemma(views: MentionViews, groups: Mapping[str, str]) -> dict[str, str]:
    """The lemma baseline: within a group, mentions with one trigger lemma are one chain."""
    return {
        m.key: f"{groups[m.doc]}:{lemma}"
        for m, lemma in zip(views.mentions, views.lemmas, strict=True)
    }


def gold_of(views: MentionViews) -> dict[str, str]:
    """Mention key -> gold chain."""
    return {m.key: m.gold for m in views.mentions}


def train_pairs(views: MentionViews, groups: Mapping[str, str]) -> tuple[Array, Array]:
    """Features and same-chain labels of every mention pair within a group."""
    feats, labels = [], []
    golds = [m.gold for m in views.mentions]
    for rows in group_pairs(views, groups).values():
        if len(rows) < 2:
            continue
        idx = np.array(rows)
        i, j = np.triu_indices(len(rows), k=1)
        feats.append(pair_features(views, idx[i], idx[j]))
        labels.append(np.array([golds[a] == golds[b] for a, b in zip(idx[i], idx[j], strict=True)]))
    return np.vstack(feats), np.concatenate(labels).astype(np.float64)


def best_cut(linkage: Linkage, gold: Mapping[str, str]) -> tuple[float, float]:
    """The cut-off of :data:`CUTS` with the best CoNLL F1 on ``gold``, and that F1."""
    best = (CUTS[0], -1.0)
    for cut in CUTS:
        score = conll(gold, linkage.cut(cut))["conll_f1"]
        if score > best[1]:
            best = (cut, score)
    return best


def evaluate_parsed(
    docs: Sequence[CorefDoc],
    articles: Sequence[Article],
    config: Config | None = None,
    embedder: Any = None,
) -> dict[str, Any]:
    """Score every design and baseline on ``docs`` already parsed (``articles``, row-aligned,
    each with its parse on ``doc``): fit on the train part, report every part."""
    from frontwire.dedup.vectors import Embedder

    embedder = embedder or Embedder()
    started = time.perf_counter()
    views: dict[str, MentionViews] = {}
    groups: dict[str, dict[str, dict[str, str]]] = {}
    for part in PARTS:
        rows = [k for k, d in enumerate(docs) if ecb_part(d.topic) == part]
        if not rows:
            continue
        part_docs = [docs[k] for k in rows]
        part_articles = [articles[k] for k in rows]
        views[part] = mention_views(part_docs, [a.doc for a in part_articles], embedder)
        levels = story_groups(part_docs, part_articles, config, views[part])
        groups[part] = {
            "stories": levels["story"],
            "topics": levels["topic"],
            "gold subtopic": {d.id: d.subtopic for d in part_docs},
        }
    if "train" not in views:
        raise DependencyError("FW603", path="ECB+ documents of the train topics")
    train, fit_on = views["train"], groups["train"]
    # name -> (pair score, the document groups it links mentions within)
    designs: dict[str, tuple[PairScorer, str]] = {
        "rule (stories)": (PairScorer(RULE_WEIGHTS), "stories"),
        "logistic (stories)": (fit_logistic(*train_pairs(train, fit_on["stories"])), "stories"),
        "logistic x2 (topics)": (
            fit_logistic(*train_pairs(train, fit_on["topics"]), cross=True),
            "topics",
        ),
    }
    cuts = {
        name: best_cut(Linkage.build(train, fit_on[level], s), gold_of(train))[0]
        for name, (s, level) in designs.items()
    }
    out: dict[str, Any] = {
        "features": list(FEATURES),
        "designs": {
            name: {"cut": cuts[name], "groups": level, "weights": list(s.weights), "bias": s.bias}
            for name, (s, level) in designs.items()
        },
        "parts": {},
    }
    for part, v in views.items():
        gold = gold_of(v)
        g = groups[part]
        scores: dict[str, Any] = {
            "singletons": conll(gold, {k: k for k in gold}),
            "lemma (gold subtopic)": conll(gold, same_lemma(v, g["gold subtopic"])),
            "lemma (stories)": conll(gold, same_lemma(v, g["stories"])),
        }
        for name, (s, level) in designs.items():
            scores[name] = conll(gold, Linkage.build(v, g[level], s).cut(cuts[name]))
        out["parts"][part] = {
            "mentions": len(gold),
            "gold_chains": len(set(gold.values())),
            "documents": len(g["gold subtopic"]),
            "stories_found": len(set(g["stories"].values())),
            "topics_found": len(set(g["topics"].values())),
            "scores": scores,
        }
    out["seconds"] = round(time.perf_counter() - started, 1)
    return out


def evaluate_coref(shared: Path, config: Config | None = None) -> dict[str, Any]:
    """Event coreference on ECB+: parse every document once, fit on the train topics, score
    train, dev and test (see the module docstring).

    Raises:
        DependencyError: FW603 if ``ecbplus.jsonl`` is missing.
    """
    started = time.perf_counter()
    docs = read_documents(shared)
    articles = parse_documents(docs, config)
    out = evaluate_parsed(docs, articles, config)
    out["parse_seconds"] = round(time.perf_counter() - started - out["seconds"], 1)
    return out


def format_table(scores: Mapping[str, Any]) -> str:
    """The scores as a plain-text table: one block per part, one row per design."""
    lines = []
    for part, s in scores["parts"].items():
        lines.append(
            f"{part}: {s['mentions']} mentions, {s['gold_chains']} gold chains, "
            f"{s['documents']} documents in {s['stories_found']} predicted stories, "
            f"{s['topics_found']} topics"
        )
        lines.append(f"  {'design':<27} {'MUC':>6} {'B3':>6} {'CEAF-e':>6} {'CoNLL':>6}")
        for name, r in s["scores"].items():
            lines.append(
                f"  {name:<27} {r['muc']['f1']:>6.4f} {r['b3']['f1']:>6.4f} "
                f"{r['ceaf_e']['f1']:>6.4f} {r['conll_f1']:>6.4f}"
            )
    cuts = ", ".join(f"{k} {v['cut']}" for k, v in scores["designs"].items())
    lines.append(f"cut-offs fixed on the train topics: {cuts}")
    if "parse_seconds" in scores:
        lines.append(
            f"time: {scores['parse_seconds']} s parsing, {scores['seconds']} s scoring and fitting"
        )
    return "\n".join(lines)
