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
coreference; in news copy "he said" continues the last named source), for he/she the nearest
holding a name and not of the other gender, and is scored against that.

Every figure is also given over speech and claims alone (``SPEECH_SCOPE``): PolNeAR annotates
stances too ("supports", "voted for"), which the stage leaves out by design. With ``errors``
every miss is listed with its class (:func:`article_errors`), for ``frontwire eval quotes
--errors``.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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


# The cue classes of speech and claims (``cue_class``): what the quotes stage is built to
# find. PolNeAR also annotates stances (belief, wish, finding, voting and other verbs: "supports
# Clinton", "voted for the bill"), which the stage deliberately leaves out.
SPEECH_SCOPE = frozenset({"speech", "claim", "according", "source-noun", "mark"})


def _match(gold: dict[str, Any], article: Article, scope: str = "all") -> _Matching:
    """Gold and predicted attributions of one article, matched one to one at overlap 0.3.

    With ``scope="speech"`` only gold attributions whose cue is speech or a claim
    (``SPEECH_SCOPE``) count, and a prediction matched to a stance left out counts neither
    way."""
    text = gold["text"]
    golds = [a for a in gold["attributions"] if a["content"]]
    preds = group_predictions(article.quotes)
    if scope == "speech":
        full = _match(gold, article)
        out_g = {
            gi
            for gi, g in enumerate(full.golds)
            if cue_class(" ".join(c["text"] for c in g["cue"])) not in SPEECH_SCOPE
        }
        out_p = {pi for gi, pi in full.matches if gi in out_g}
        golds = [g for gi, g in enumerate(full.golds) if gi not in out_g]
        preds = [p for pi, p in enumerate(full.preds) if pi not in out_p]
    gold_sets = [_chars(((c["start"], c["end"]) for c in a["content"]), text) for a in golds]
    pred_sets = [_chars(((q.content.start, q.content.end) for q in g), text) for g in preds]
    pairs = []
    for gi, gs in enumerate(gold_sets):
        for pi, ps in enumerate(pred_sets):
            ov = _overlap(gs, ps)
            if ov > 0:
                pairs.append((ov, gi, pi))
    pairs.sort(reverse=True)
    g_used: set[int] = set()
    p_used: set[int] = set()
    matches = []
    for ov, gi, pi in pairs:
        if ov < 0.3 or gi in g_used or pi in p_used:
            continue
        g_used.add(gi)
        p_used.add(pi)
        matches.append((gi, pi))
    return _Matching(golds, gold_sets, preds, pred_sets, matches, pairs)


@dataclass(frozen=True, slots=True)
class _Matching:
    golds: list[dict[str, Any]]
    gold_sets: list[frozenset[int]]
    preds: list[list[Quote]]
    pred_sets: list[frozenset[int]]
    matches: list[tuple[int, int]]
    pairs: list[tuple[float, int, int]]  # every overlapping pair, best first


def _clusters(article: Article) -> dict[str, list[tuple[int, int]]]:
    clusters: dict[str, list[tuple[int, int]]] = {}
    for entity in article.entities:
        if entity.cluster_id:
            clusters.setdefault(entity.cluster_id, []).append((entity.span.start, entity.span.end))
    return clusters


def score_article(
    gold: dict[str, Any], article: Article, names: FirstNames | None = None, scope: str = "all"
) -> dict[str, int]:
    """Counts for one article: gold, predicted, matched (0.3 and exact), speakers right, and
    the same for gold attributions whose source is a pronoun."""
    text = gold["text"]
    m = _match(gold, article, scope)
    gold_exact = [_trimmed(((c["start"], c["end"]) for c in a["content"]), text) for a in m.golds]
    pred_exact = [_trimmed(((q.content.start, q.content.end) for q in g), text) for g in m.preds]
    exact = _exact_matches(gold_exact, pred_exact)
    sources = _referents(m.golds, text, names)
    clusters = _clusters(article)
    with_source = right = pronoun = pronoun_right = 0
    for gi, pi in m.matches:
        target = sources[gi]
        if target is None:
            continue
        with_source += 1
        ok = _speaker_right(m.preds[pi], target, text, clusters)
        right += ok
        if _is_pronoun_source(m.golds[gi]):
            pronoun += 1
            pronoun_right += ok
    return {
        "gold": len(m.golds),
        "predicted": len(m.preds),
        "matched": len(m.matches),
        "exact": exact,
        "with_source": with_source,
        "speaker_right": right,
        "pronoun_source": pronoun,
        "pronoun_right": pronoun_right,
    }


def _is_pronoun_source(gold: dict[str, Any]) -> bool:
    return bool(gold["source"]) and gold["source"][0]["text"].strip().lower() in _PRONOUNS


@dataclass(frozen=True, slots=True)
class QuoteError:
    """One miss of the quotes stage against the gold, with its error class."""

    kind: str  # "false", "missed", "boundary" or "speaker"
    cls: str  # the error class within the kind (see :func:`cue_class`)
    article: str
    content: str
    cue: str
    speaker: str
    gold_speaker: str = ""

    def line(self) -> str:
        """One tab-separated line for the error listing."""
        fields = [self.kind, self.cls, self.article, self.cue, self.speaker, self.gold_speaker]
        return "\t".join(
            [" ".join(f.split()) for f in fields] + [" ".join(self.content.split())[:160]]
        )


def cue_class(cue: str) -> str:
    """The class of a cue by the shared speech lexicon: speech, claim, belief, wish, finding,
    voting, according, mark (a colon or none) or other."""
    from frontwire.lexicon import speech

    words = cue.lower().replace("\u2019", "'").split()
    if not words or not any(w.isalpha() for w in words):
        return "mark"
    if "according" in words:
        return "according"
    if {"statement", "reportedly", "allegedly"} & set(words):
        return "source-noun"
    lemmas = [_lemma(w) for w in words if w.isalpha()]
    for lemma in reversed(lemmas):  # the main verb is usually last ("has said")
        for name, table in (
            ("speech", speech.SPEECH_VERBS - speech.NON_SPEECH_VERBS),
            ("claim", speech.CLAIM_VERBS - speech.FINDING_VERBS),
            ("belief", speech.BELIEF_VERBS),
            ("wish", speech.WISH_VERBS),
            ("finding", speech.FINDING_VERBS),
            ("voting", speech.VOTING_VERBS),
        ):
            if lemma in table:
                return name
    return "other"


def _lemma(word: str) -> str:
    """A rough verb lemma for classifying a cue written out (the parse is not at hand)."""
    irregular = {"said": "say", "says": "say", "told": "tell", "wrote": "write",
                 "thought": "think", "found": "find", "felt": "feel", "knew": "know",
                 "saw": "see", "heard": "hear", "shown": "show", "written": "write",
                 "spoke": "speak", "sought": "seek", "backed": "back"}  # fmt: skip
    if word in irregular:
        return irregular[word]
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""),
                         ("s", ""), ("d", "")):  # fmt: skip
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + repl
            from frontwire.lexicon import speech

            known = speech.SPEECH_VERBS | speech.CLAIM_VERBS | speech.NON_SPEECH_VERBS
            for cand in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem):
                if cand in known:
                    return cand
    return word


def article_errors(
    gold: dict[str, Any], article: Article, names: FirstNames | None = None, scope: str = "all"
) -> list[QuoteError]:
    """Every miss in one article, each with its error class:

    - ``false``: a predicted attribution that overlaps no gold content (class: its cue's class,
      or ``no-cue``);
    - ``boundary``: it overlaps a gold content, but under 0.3 (class: the cue's class);
    - ``missed``: a gold attribution nothing matched (class: the gold cue's class);
    - ``speaker``: matched, with a wrong speaker (class ``pronoun`` when the gold source is a
      pronoun, ``none`` when we gave no speaker, else ``named``).
    """
    text = gold["text"]
    aid = str(gold.get("id", ""))
    m = _match(gold, article, scope)
    matched_g = {gi for gi, _ in m.matches}
    matched_p = {pi for _, pi in m.matches}
    touching_p = {pi for _, _, pi in m.pairs}
    out: list[QuoteError] = []
    for pi, group in enumerate(m.preds):
        if pi in matched_p:
            continue
        q = group[0]
        cue = q.cue.text if q.cue else ""
        out.append(
            QuoteError(
                kind="boundary" if pi in touching_p else "false",
                cls=cue_class(cue) if q.cue else "no-cue",
                article=aid,
                content=" | ".join(x.content.text for x in group),
                cue=cue,
                speaker=q.speaker.name if q.speaker else "",
            )
        )
    for gi, g in enumerate(m.golds):
        if gi in matched_g:
            continue
        cue = " ".join(c["text"] for c in g["cue"])
        out.append(
            QuoteError(
                kind="missed",
                cls=cue_class(cue),
                article=aid,
                content=" | ".join(c["text"] for c in g["content"]),
                cue=cue,
                speaker="",
                gold_speaker=" ".join(s["text"] for s in g["source"]),
            )
        )
    sources = _referents(m.golds, text, names)
    clusters = _clusters(article)
    for gi, pi in m.matches:
        target = sources[gi]
        if target is None or _speaker_right(m.preds[pi], target, text, clusters):
            continue
        q = m.preds[pi][0]
        g = m.golds[gi]
        cls = "none" if q.speaker is None else "pronoun" if _is_pronoun_source(g) else "named"
        out.append(
            QuoteError(
                kind="speaker",
                cls=cls,
                article=aid,
                content=q.content.text,
                cue=q.cue.text if q.cue else "",
                speaker=q.speaker.name if q.speaker else "",
                gold_speaker=f"{' '.join(s['text'] for s in g['source'])} -> {target[2]}",
            )
        )
    return out


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
    (for he/she, the nearest holding a name whose first name is not of the other gender)."""
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
        if want:
            # A person's pronoun refers to a person's name: skip descriptions without one ("his
            # upbeat speech", "the groups", "the actress"), which no name cluster covers.
            with_name = [n for n in before if _has_name(n[2])]
            before = with_name or before
        if want and names is not None:
            fitting = [n for n in before if _gender_of(names, n[2]) in (None, want)]
            before = fitting or before
        out.append(before[-1] if before else (s["start"], s["end"], s["text"]))
    return out


_NOT_NAMES = frozenset({"the", "a", "an", "his", "her", "their", "its", "this", "that", "these"})


def _has_name(source: str) -> bool:
    """Whether a source phrase holds a capitalised word that is not a determiner."""
    return any(w[:1].isupper() and w.lower() not in _NOT_NAMES for w in source.split())


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
    errors: bool = False,
) -> dict[str, Any]:
    """Run nlp + quotes over a PolNeAR file and score it (see the module docstring).

    Args:
        shared_dir: The folder holding ``eval/quotes/``.
        file: The PolNeAR file to score (dev by default: the unseen report set).
        limit: Score only the first ``limit`` articles.
        config: The configuration (the default one when None).
        errors: Also list every miss with its error class (:func:`article_errors`).

    Returns:
        ``{file, articles, gold, predicted, matched, exact, precision, recall, f1,
        exact_precision, exact_recall, exact_f1, speaker_accuracy, with_source,
        pronoun_speaker_accuracy, pronoun_source, seconds, nlp_seconds, quotes_seconds,
        speech}`` (``speech``: the same scores over speech and claim attributions only, see
        ``SPEECH_SCOPE``), and
        ``errors`` (lines) and ``error_classes`` (counts) when asked.

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
    # The scorer's own gender rule for gold pronoun referents, fixed apart from the stage's.
    names = FirstNames(mostly=True)
    started = time.perf_counter()
    totals = dict.fromkeys(
        ("gold", "predicted", "matched", "exact", "with_source", "speaker_right",
         "pronoun_source", "pronoun_right"),
        0,
    )  # fmt: skip
    articles = nlp.process_batch([Article.new(g["text"]) for g in gold])
    nlp_seconds = time.perf_counter() - started
    speech_totals = dict.fromkeys(totals, 0)
    quotes_seconds = 0.0
    found: list[QuoteError] = []
    for g, article in zip(gold, articles, strict=True):
        t0 = time.perf_counter()
        done = quotes.process(article)
        quotes_seconds += time.perf_counter() - t0
        for key, value in score_article(g, done, names).items():
            totals[key] += value
        for key, value in score_article(g, done, names, "speech").items():
            speech_totals[key] += value
        if errors:
            found += article_errors(g, done, names)
    seconds = time.perf_counter() - started
    out = summarise(totals)
    out["speech"] = summarise(speech_totals)
    out.update(
        file=file,
        articles=len(gold),
        seconds=seconds,
        nlp_seconds=nlp_seconds,
        quotes_seconds=quotes_seconds,
    )
    if errors:
        out["error_classes"] = dict(Counter(f"{e.kind}:{e.cls}" for e in found).most_common())
        out["errors"] = [e.line() for e in found]
    return out


def summarise(totals: dict[str, int]) -> dict[str, Any]:
    """Precision, recall, F1 and speaker accuracies from summed article counts."""

    p, r, f = prf(totals["matched"], totals["predicted"], totals["gold"])
    ep, er, ef = prf(totals["exact"], totals["predicted"], totals["gold"])
    return {
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
        "pronoun_speaker_accuracy": (
            totals["pronoun_right"] / totals["pronoun_source"] if totals["pronoun_source"] else 0.0
        ),
    }


def _row(name: str, s: dict[str, Any]) -> str:
    return (
        f"| {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} "
        f"| {s['exact_f1']:.3f} | {s['speaker_accuracy']:.1%} "
        f"| {s['pronoun_speaker_accuracy']:.1%} |"
    )


def format_table(scores: dict[str, Any]) -> str:
    """The scores as a Markdown table, with the published anchors for comparison."""
    lines = [
        f"PolNeAR {scores['file']}: {scores['articles']} articles, {scores['gold']} gold "
        f"attributions, {scores['predicted']} predicted ({scores['seconds']:.1f} s)",
        "",
        "| system | P@0.3 | R@0.3 | F1@0.3 | exact F1 | speaker | pronoun speaker |",
        "|---|---|---|---|---|---|---|",
        f"| frontwire | {scores['precision']:.3f} | {scores['recall']:.3f} | {scores['f1']:.3f} "
        f"| {scores['exact_f1']:.3f} | {scores['speaker_accuracy']:.1%} "
        f"| {scores['pronoun_speaker_accuracy']:.1%} |",
        _row("frontwire, speech and claims only", scores["speech"]),
        "| Gender Gap Tracker (anchor) | 0.846 | 0.827 | 0.837 | | 86.5% | |",
        "| BBC Citron (anchor) | | | 0.832 | 0.567 | source F1 82.0 | |",
        "",
        f"Stage time: quotes {scores['quotes_seconds']:.2f} s, nlp {scores['nlp_seconds']:.2f} s "
        f"({scores['quotes_seconds'] / max(scores['nlp_seconds'], 1e-9):.1%} of nlp)",
    ]
    if "error_classes" in scores:
        lines += ["", "| error class | count |", "|---|---:|"]
        lines += [f"| {k} | {v} |" for k, v in scores["error_classes"].items()]
        lines += ["", "kind\tclass\tarticle\tcue\tspeaker\tgold speaker\tcontent"]
        lines += scores["errors"]
    return "\n".join(lines)
