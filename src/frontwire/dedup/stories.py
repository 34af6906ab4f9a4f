"""Story level: articles about one story grouped across outlets and days.

Two reports of one story rarely share sentences (that is what copy detection looks for), and
two headlines of one story rarely share three-word runs, so stories are found on what they are
about, through two views of each article averaged into one similarity:

- **Anchors** (TF-IDF): the named people, organisations, groups and places (the ``nlp``
  stage's entities, read from the article, never parsed again), the numbers, and the content
  words, each weighted by how rare it is in the collection. A name is the best single clue.
- **Meaning** (dense vectors, :mod:`frontwire.dedup.vectors`): the mean of a static embedding
  model's token vectors, centred on the collection's mean vector. Reports that name one event
  differently ("the army" and "government troops", "shelling" and "artillery fire") still
  point the same way, and centring makes the threshold relative to the collection: on a feed
  about one war the shared "war" direction is taken away.

Articles published far apart (``max_days``) count as less similar, since one story's coverage
is bunched in time.

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
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix, diags
from spacy.lang.en.stop_words import STOP_WORDS

from frontwire.dedup.vectors import Embedder, centred
from frontwire.records import Article

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_STOP = frozenset(STOP_WORDS)
_CAPITAL = re.compile(r"\b[A-Z][\w'-]+")
_ENTITY_KINDS = frozenset({"person", "organisation", "group", "place"})
Level = Literal["story", "topic"]
# A dateline sits in the first paragraph; further down, dates are of other events.
_DATELINE_CHARS = 400
_MONTH_NAMES = (
    "January February March April May June July August September October November December"
)
_MONTHS = {m[:3].casefold(): i for i, m in enumerate(_MONTH_NAMES.split(), start=1)}
_MONTH = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WRITTEN_DATES = (
    (re.compile(r"\b(\d{1,2}) " + _MONTH + r",? (\d{4})\b"), ("d", "m", "y")),
    (re.compile(r"\b" + _MONTH + r" (\d{1,2}),? (\d{4})\b"), ("m", "d", "y")),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), ("y", "m", "d")),
)


@dataclass(frozen=True, slots=True)
class StoryOptions:
    """The story rule; the numbers are explained in ``[dedup]`` of the default config."""

    story_threshold: float = 0.30
    topic_threshold: float = 0.18
    headline_threshold: float = 0.20
    headline_topic_threshold: float = 0.08
    headline_words: int = 25
    headline_shingle: int = 4
    headline_shingle_weight: float = 0.5
    headline_pair_window: int = 2
    entity_weight: float = 1.0
    stem: int = 6
    max_days: int = 14
    dense_weight: float = 0.5
    block_terms: int = 2
    block_max_df: int = 50

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
    vector: tuple[float, ...] = ()  # unit-length dense vector (:mod:`frontwire.dedup.vectors`)


def story_doc(article: Article, options: StoryOptions, *, headline_only: bool = False) -> StoryDoc:
    """The terms of ``article``: entity names (``e:``), numbers (``n:``) and stemmed words."""
    text = article.text
    if headline_only:
        text = article.source.title or next((ln for ln in text.splitlines() if ln.strip()), "")
    return StoryDoc(
        article_id=article.id,
        terms=terms_of(text, [(e.span.text, e.kind) for e in article.entities], options),
        published=(article.source.published or written_date(article.text))[:10],
        headline=headline_only or len(text.split()) <= options.headline_words,
    )


def story_docs(
    articles: Sequence[Article],
    options: StoryOptions,
    embedder: Embedder | None = None,
    *,
    headline_only: bool = False,
) -> list[StoryDoc]:
    """:func:`story_doc` of every article, with dense vectors embedded in one batch."""
    docs = [story_doc(a, options, headline_only=headline_only) for a in articles]
    texts = [
        (a.source.title or next((ln for ln in a.text.splitlines() if ln.strip()), ""))
        if headline_only
        else a.text
        for a in articles
    ]
    return with_vectors(docs, texts, embedder or Embedder())


def with_vectors(
    docs: Sequence[StoryDoc], texts: Sequence[str], embedder: Embedder
) -> list[StoryDoc]:
    """``docs`` with the dense vectors of ``texts`` (one text per doc) filled in."""
    rows = embedder.embed(list(texts))
    return [
        replace(d, vector=tuple(float(x) for x in row)) for d, row in zip(docs, rows, strict=True)
    ]


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
) -> tuple[csr_matrix, list[str]]:
    """Unit-length TF-IDF rows for ``docs`` (document frequencies from ``df`` or the docs),
    sparse: a batch compared with thousands of stored articles has a vocabulary of tens of
    thousands of terms, and each article only a few hundred of them."""
    if df is None:
        df = Counter(t for d in docs for t in d.terms)
        total = len(docs)
    n = max(total or len(docs), 1)
    # A term no other article has adds length to a vector but no similarity to any pair.
    vocab = sorted({t for d in docs for t in d.terms if df.get(t, 0) > 1})
    col = {t: i for i, t in enumerate(vocab)}
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for row, doc in enumerate(docs):
        for term, count in doc.terms.items():
            if term not in col:
                continue
            # Unsmoothed: a term in every article says nothing about which story it is.
            idf = math.log(n / max(df.get(term, 1), 1))
            weight = options.entity_weight if term.startswith("e:") else 1.0
            rows.append(row)
            cols.append(col[term])
            values.append((1 + math.log(count)) * idf * weight)
    matrix = csr_matrix((values, (rows, cols)), shape=(len(docs), len(vocab)), dtype=np.float64)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return csr_matrix(diags(1.0 / norms) @ matrix), vocab


@dataclass(frozen=True, slots=True)
class Corpus:
    """What a collection bigger than the docs at hand contributes to their similarity: its
    document frequencies, its size and its mean vector (the store keeps all three up to date,
    so new articles are compared with a few stored ones on the whole store's statistics)."""

    df: Mapping[str, int]
    total: int
    mean: np.ndarray[Any, Any] | None = None


def similarities(
    docs: Sequence[StoryDoc],
    options: StoryOptions,
    rows: slice | None = None,
    corpus: Corpus | None = None,
) -> np.ndarray[Any, Any]:
    """Cosine similarity of ``docs[rows]`` (all when None) to every doc, damped for articles
    far apart in time; document frequencies and the mean vector from ``corpus`` when given,
    else from the docs themselves."""
    if corpus is None:
        matrix, _ = vectors(docs, options)
    else:
        matrix, _ = vectors(docs, options, corpus.df, corpus.total)
    pick = rows or slice(None)
    sims = np.asarray((matrix[pick] @ matrix.T).todense())
    dense = _dense(docs, corpus.mean if corpus is not None else None)
    if dense is not None and options.dense_weight > 0:
        w = options.dense_weight
        sims = (1 - w) * sims + w * (dense[pick] @ dense.T)
    days = np.array([_day(d.published) or -1 for d in docs], dtype=np.float64)
    known = days >= 0
    far = np.abs(days[pick, None] - days[None, :]) > options.max_days
    sims[far & known[pick, None] & known[None, :]] *= 0.5
    clipped: np.ndarray[Any, Any] = np.clip(sims, 0.0, 1.0)
    return clipped


def story_clusters(
    docs: Sequence[StoryDoc], options: StoryOptions | None = None, level: Level = "story"
) -> dict[str, str]:
    """article id -> story id for ``docs``; a story's id is its first member's id (by input
    order), so the same input always gives the same ids."""
    opts = options or StoryOptions()
    if not docs:
        return {}
    prefix = "t-" if level == "topic" else "s-"
    if len(docs) == 1:
        return {docs[0].article_id: prefix + docs[0].article_id}
    sims = similarities(docs, opts)
    dist = 1.0 - sims
    condensed = dist[np.triu_indices(len(docs), k=1)]
    tree = linkage(condensed, method="average")
    labels = fcluster(tree, t=1.0 - _threshold(docs, opts, level), criterion="distance")
    first: dict[int, str] = {}
    out: dict[str, str] = {}
    for doc, label in zip(docs, labels, strict=True):
        first.setdefault(int(label), prefix + doc.article_id)
        out[doc.article_id] = first[int(label)]
    return out


def assign(
    new: Sequence[StoryDoc],
    stored: Sequence[tuple[StoryDoc, str]],
    options: StoryOptions | None = None,
    level: Level = "story",
    corpus: Corpus | None = None,
    candidates: Mapping[str, Sequence[int]] | None = None,
) -> dict[str, str]:
    """Story (or topic) ids for ``new`` articles against ``stored`` (doc, id) pairs.

    Each new article joins the stored story with the highest average similarity if that reaches
    the threshold; the rest are clustered among themselves into new stories. With
    ``candidates`` (new article id -> indexes into ``stored``, what a blocking index found; the
    store passes those, with ``corpus``), each new article is compared with its own candidates
    only, and the average is over a story's members that share an anchor with it.
    """
    opts = options or StoryOptions()
    ids = [[s] for _, s in stored]
    return assign_levels(new, [d for d, _ in stored], ids, opts, (level,), corpus, candidates)[0]


def assign_levels(
    new: Sequence[StoryDoc],
    stored: Sequence[StoryDoc],
    ids: Sequence[Sequence[str]],
    options: StoryOptions,
    levels: Sequence[Level],
    corpus: Corpus | None = None,
    candidates: Mapping[str, Sequence[int]] | None = None,
) -> list[dict[str, str]]:
    """:func:`assign` at several levels at once (``ids[i][k]``: stored doc i's id at level
    k), from one computation of the similarities."""
    if not new:
        return [{} for _ in levels]
    docs = [*stored, *new]
    base = len(stored)
    if candidates is None:
        # Only the new rows: comparing stored articles with each other again is avoided.
        sims = similarities(docs, options, slice(base, None), corpus)
        left_i, right_j = np.nonzero(np.ones((len(new), base), dtype=bool))
        values = sims[left_i, right_j] if base else np.zeros(0)
    else:
        pairs = [
            (k, j) for k, d in enumerate(new) for j in sorted(set(candidates.get(d.article_id, ())))
        ]
        left_i = np.array([p[0] for p in pairs], dtype=np.int64)
        right_j = np.array([p[1] for p in pairs], dtype=np.int64)
        values = _pair_similarities(docs, options, corpus, left_i + base, right_j)
    out = []
    for k, level in enumerate(levels):
        names = sorted({row[k] for row in ids})
        number = {n: i for i, n in enumerate(names)}
        code = np.array([number[row[k]] for row in ids], dtype=np.int64)
        found: dict[str, str] = {}
        if len(values):
            # Average similarity per (new article, story) over the pairs, then the best story.
            key = left_i * max(len(names), 1) + code[right_j]
            uniq, inverse = np.unique(key, return_inverse=True)
            avg = np.bincount(inverse, weights=values) / np.bincount(inverse)
            order = np.lexsort((-avg, uniq // max(len(names), 1)))
            seen: set[int] = set()
            for u in order:
                i = int(uniq[u] // max(len(names), 1))
                if i in seen:
                    continue
                seen.add(i)
                doc = new[i]
                if avg[u] > 0 and avg[u] >= _threshold([doc], options, level):
                    found[doc.article_id] = names[int(uniq[u] % max(len(names), 1))]
        left = [d for d in new if d.article_id not in found]
        found.update(story_clusters(left, options, level))
        out.append(found)
    return out


def _pair_similarities(
    docs: Sequence[StoryDoc],
    options: StoryOptions,
    corpus: Corpus | None,
    left: np.ndarray[Any, Any],
    right: np.ndarray[Any, Any],
) -> np.ndarray[Any, Any]:
    """The similarities :func:`similarities` gives, for the pairs ``(left[p], right[p])``
    only: a batch's candidates are a few per article, so no all-pairs product is made."""
    if not len(left):
        return np.zeros(0)
    if corpus is None:
        matrix, _ = vectors(docs, options)
    else:
        matrix, _ = vectors(docs, options, corpus.df, corpus.total)
    sims = np.asarray(matrix[left].multiply(matrix[right]).sum(axis=1)).ravel()
    dense = _dense(docs, corpus.mean if corpus is not None else None)
    w = options.dense_weight
    if dense is not None and w > 0:
        sims = (1 - w) * sims + w * np.einsum("ij,ij->i", dense[left], dense[right])
    days = np.array([_day(d.published) or -1 for d in docs], dtype=np.float64)
    known = (days[left] >= 0) & (days[right] >= 0)
    far = np.abs(days[left] - days[right]) > options.max_days
    sims[far & known] *= 0.5
    clipped: np.ndarray[Any, Any] = np.clip(sims, 0.0, 1.0)
    return clipped


def _dense(
    docs: Sequence[StoryDoc], mean: np.ndarray[Any, Any] | None = None
) -> np.ndarray[Any, Any] | None:
    """The docs' vectors centred on ``mean`` (their own when None), or None when any doc has
    no vector."""
    if not docs or any(not d.vector for d in docs):
        return None
    rows = np.asarray([d.vector for d in docs], dtype=np.float32)
    return centred(rows, mean).astype(np.float64)


def _threshold(docs: Sequence[StoryDoc], options: StoryOptions, level: Level) -> float:
    headlines = sum(d.headline for d in docs) * 2 > len(docs)
    if level == "topic":
        return options.headline_topic_threshold if headlines else options.topic_threshold
    return options.headline_threshold if headlines else options.story_threshold


def written_date(text: str) -> str:
    """The first full date written near the top of ``text`` (a dateline such as "KYIV, 19 July
    2022" or "July 19, 2022"), ISO, or "" when there is none. Stands in for the publication
    date of a plain-text file that has no metadata, so far-apart reports still count as less
    similar."""
    head = text[:_DATELINE_CHARS]
    for pattern, order in _WRITTEN_DATES:
        for match in pattern.finditer(head):
            groups = dict(zip(order, match.groups(), strict=True))
            month = _MONTHS.get(groups["m"][:3].casefold()) or (
                int(groups["m"]) if groups["m"].isdigit() else 0
            )
            try:
                return date(int(groups["y"]), month, int(groups["d"])).isoformat()
            except ValueError:
                continue
    return ""


def _day(published: str) -> int | None:
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None
