"""Story level: articles about one story grouped across outlets and days.

Two reports of one story rarely share sentences (that is what copy detection looks for), and
two headlines of one story rarely share three-word runs, so stories are found on what they are
about: the named people, organisations, groups and places (the ``nlp`` stage's entities, read
from the article, never parsed again), the numbers, and the content words, each weighted by how
rare it is in the collection (TF-IDF). Entities weigh more than words (``entity_weight``): a
name is the best single clue to a story. Articles published far apart (``max_days``) count as
less similar, since one story's coverage is bunched in time.

Clustering is average linkage (scipy) on cosine distance, cut at ``1 - threshold``: a story is
a group whose members are on average at least ``threshold`` similar. New articles join the
most similar stored story when their average similarity to its members reaches the same
threshold (:func:`assign`), so ingest never reclusters what is stored.

Words are cut to their first ``stem`` letters: a crude stemmer (Malaysia/Malaysian,
attack/attacks) that needs no model and no parse; spaCy's lemmas would need the Doc of stored
articles, which is not kept.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from spacy.lang.en.stop_words import STOP_WORDS

from frontwire.records import Article

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_STOP = frozenset(STOP_WORDS)
_CAPITAL = re.compile(r"\b[A-Z][\w'-]+")
_ENTITY_KINDS = frozenset({"person", "organisation", "group", "place"})


@dataclass(frozen=True, slots=True)
class StoryOptions:
    """The story rule; the numbers are explained in ``[dedup]`` of the default config."""

    story_threshold: float = 0.05
    headline_threshold: float = 0.05
    headline_words: int = 25
    headline_shingle: int = 4
    headline_shingle_weight: float = 0.5
    headline_pair_window: int = 2
    entity_weight: float = 1.0
    stem: int = 6
    max_days: int = 14

    @classmethod
    def from_config(cls, section: Mapping[str, Any]) -> StoryOptions:
        """Options from the ``[dedup]`` config section."""
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in section.items() if k in names})


@dataclass(frozen=True, slots=True)
class StoryDoc:
    """What story clustering reads of one article: its terms and when it was published."""

    article_id: str
    terms: Mapping[str, float] = field(default_factory=dict)
    published: str = ""
    headline: bool = False  # a title with no body: fewer terms, so a lower threshold


def story_doc(article: Article, options: StoryOptions, *, headline_only: bool = False) -> StoryDoc:
    """The terms of ``article``: entity names (``e:``), numbers (``n:``) and stemmed words."""
    text = article.text
    if headline_only:
        text = article.source.title or next((ln for ln in text.splitlines() if ln.strip()), "")
    return StoryDoc(
        article_id=article.id,
        terms=terms_of(text, [(e.span.text, e.kind) for e in article.entities], options),
        published=(article.source.published or "")[:10],
        headline=headline_only or len(text.split()) <= options.headline_words,
    )


def terms_of(
    text: str, entities: Sequence[tuple[str, str]], options: StoryOptions
) -> dict[str, float]:
    """Raw term counts of a text and its entities (``(text, kind)`` pairs); a headline-sized
    text also gets its short-text terms (:func:`_headline_terms`)."""
    counts: defaultdict[str, float] = defaultdict(float)
    stems: list[str] = []
    for word in _WORD.findall(text):
        low = word.casefold()
        if low not in _STOP and len(low) > 2:
            stems.append(low[: options.stem])
            counts["w:" + stems[-1]] += 1
    if len(text.split()) <= options.headline_words:
        _headline_terms(text, stems, options, counts)
    for number in _NUMBER.findall(text):
        counts["n:" + number.replace(",", "")] += 1
    for name, kind in entities:
        if kind in _ENTITY_KINDS:
            key = " ".join(w.casefold()[: options.stem] for w in _WORD.findall(name))
            if key:
                counts["e:" + key] += 1
    return dict(counts)


def _headline_terms(
    text: str, stems: Sequence[str], options: StoryOptions, counts: defaultdict[str, float]
) -> None:
    """Extra terms for a headline, which has two or three words and few entities the parser
    finds: character shingles of its capitalised words (``c:``; Ukraine and Ukrainian share
    most of theirs) at ``headline_shingle_weight``, and pairs of content words at most
    ``headline_pair_window`` content words apart (``p:``), which tell "Greek debt" from
    "Greek elections". Hand-written: a few lines over the words already tokenised above."""
    size = options.headline_shingle
    if size > 0:
        for word in _CAPITAL.findall(text):
            low = word.casefold()
            if low in _STOP:
                continue
            for i in range(max(len(low) - size + 1, 1)):
                counts["c:" + low[i : i + size]] += options.headline_shingle_weight
    window = options.headline_pair_window
    for i, first in enumerate(stems):
        for second in stems[i + 1 : i + 1 + window]:
            counts["p:" + "|".join(sorted((first, second)))] += 1


def vectors(
    docs: Sequence[StoryDoc],
    options: StoryOptions,
    df: Mapping[str, int] | None = None,
    total: int | None = None,
) -> tuple[np.ndarray[Any, Any], list[str]]:
    """Unit-length TF-IDF rows for ``docs`` (document frequencies from ``df`` or the docs)."""
    if df is None:
        df = Counter(t for d in docs for t in d.terms)
        total = len(docs)
    n = max(total or len(docs), 1)
    # A term no other article has adds length to a vector but no similarity to any pair.
    vocab = sorted({t for d in docs for t in d.terms if df.get(t, 0) > 1})
    col = {t: i for i, t in enumerate(vocab)}
    matrix = np.zeros((len(docs), len(vocab)), dtype=np.float64)
    for row, doc in enumerate(docs):
        for term, count in doc.terms.items():
            if term not in col:
                continue
            # Unsmoothed: a term in every article says nothing about which story it is.
            idf = math.log(n / max(df.get(term, 1), 1))
            weight = options.entity_weight if term.startswith("e:") else 1.0
            matrix[row, col[term]] = (1 + math.log(count)) * idf * weight
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms, vocab


def similarities(
    docs: Sequence[StoryDoc], options: StoryOptions, rows: slice | None = None
) -> np.ndarray[Any, Any]:
    """Cosine similarity of ``docs[rows]`` (all when None) to every doc, damped for articles
    far apart in time."""
    matrix, _ = vectors(docs, options)
    pick = rows or slice(None)
    sims = matrix[pick] @ matrix.T
    days = np.array([_day(d.published) or -1 for d in docs], dtype=np.float64)
    known = days >= 0
    far = np.abs(days[pick, None] - days[None, :]) > options.max_days
    sims[far & known[pick, None] & known[None, :]] *= 0.5
    clipped: np.ndarray[Any, Any] = np.clip(sims, 0.0, 1.0)
    return clipped


def story_clusters(docs: Sequence[StoryDoc], options: StoryOptions | None = None) -> dict[str, str]:
    """article id -> story id for ``docs``; a story's id is its first member's id (by input
    order), so the same input always gives the same ids."""
    opts = options or StoryOptions()
    if not docs:
        return {}
    if len(docs) == 1:
        return {docs[0].article_id: "s-" + docs[0].article_id}
    sims = similarities(docs, opts)
    dist = 1.0 - sims
    condensed = dist[np.triu_indices(len(docs), k=1)]
    tree = linkage(condensed, method="average")
    labels = fcluster(tree, t=1.0 - _threshold(docs, opts), criterion="distance")
    first: dict[int, str] = {}
    out: dict[str, str] = {}
    for doc, label in zip(docs, labels, strict=True):
        first.setdefault(int(label), "s-" + doc.article_id)
        out[doc.article_id] = first[int(label)]
    return out


def assign(
    new: Sequence[StoryDoc],
    stored: Sequence[tuple[StoryDoc, str]],
    options: StoryOptions | None = None,
) -> dict[str, str]:
    """Story ids for ``new`` articles against ``stored`` (doc, story id) pairs.

    Each new article joins the stored story with the highest average similarity if that reaches
    the threshold; the rest are clustered among themselves into new stories.
    """
    opts = options or StoryOptions()
    if not new:
        return {}
    docs = [d for d, _ in stored] + list(new)
    base = len(stored)
    # Only the new rows: comparing stored articles with each other again is what this avoids.
    sims = similarities(docs, opts, slice(base, None))
    story_of = [s for _, s in stored]
    out: dict[str, str] = {}
    left: list[StoryDoc] = []
    for k, doc in enumerate(new):
        row = sims[k, :base]
        best, best_sim = None, 0.0
        members: dict[str, list[float]] = {}
        for i, story in enumerate(story_of):
            members.setdefault(story, []).append(float(row[i]))
        for story, values in members.items():
            avg = sum(values) / len(values)
            if avg > best_sim:
                best, best_sim = story, avg
        if best is not None and best_sim >= _threshold([doc], opts):
            out[doc.article_id] = best
        else:
            left.append(doc)
    out.update(story_clusters(left, opts))
    return out


def _threshold(docs: Sequence[StoryDoc], options: StoryOptions) -> float:
    headlines = sum(d.headline for d in docs)
    return options.headline_threshold if headlines * 2 > len(docs) else options.story_threshold


def _day(published: str) -> int | None:
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None
