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
is bunched in time. When most texts compared are headlines, the dense view's share is
``headline_dense_weight`` instead of ``dense_weight``: the mean vector of a few words is
noisier than an article's, and its names say more.

Clustering is average linkage (scipy) on cosine distance, cut at ``1 - threshold``: a story is
a group whose members are on average at least ``threshold`` similar. New articles join the
most similar stored story when their average similarity to its members reaches the same
threshold (:func:`assign`), so ingest never reclusters what is stored. In the store, the
new articles that join no stored story are clustered among themselves by
:func:`blocked_clusters`: the same average linkage, run per connected component of the
candidate pairs at the threshold, so a batch costs time in proportion to its size.

Words are cut to their first ``stem`` letters: a crude stemmer (Malaysia/Malaysian,
attack/attacks) that needs no model and no parse; spaCy's lemmas would need the Doc of stored
articles, which is not kept.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import coo_matrix, csr_matrix, diags
from scipy.sparse.csgraph import connected_components
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
    headline_threshold: float = 0.18
    headline_topic_threshold: float = 0.06
    headline_words: int = 25
    headline_shingle: int = 3
    headline_shingle_weight: float = 0.5
    headline_pair_window: int = 2
    entity_weight: float = 1.0
    stem: int = 6
    max_days: int = 14
    dense_weight: float = 0.5
    headline_dense_weight: float = 0.3
    block_terms: int = 2
    block_max_df: int = 50
    block_neighbours: int = 10
    block_candidates: int = 50

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
    thousands of terms, and each article only a few hundred of them.

    Python touches each term once (to number it); the weights are numpy over all terms at
    once. A loop computing each weight in Python was half of a store update's time
    (``benchmarks/bench_stories.py``)."""
    number: dict[str, int] = {}
    cols = np.fromiter(
        (number.setdefault(t, len(number)) for d in docs for t in d.terms), dtype=np.int64
    )
    counts = np.fromiter((c for d in docs for c in d.terms.values()), dtype=np.float64)
    rows = np.repeat(np.arange(len(docs)), [len(d.terms) for d in docs])
    names = list(number)
    if df is None:
        freq = np.bincount(cols, minlength=len(names)).astype(np.float64)
        total = len(docs)
    else:
        freq = np.fromiter((df.get(t, 0) for t in names), dtype=np.float64, count=len(names))
    n = max(total or len(docs), 1)
    # A term no other article has adds length to a vector but no similarity to any pair.
    kept = freq > 1
    # Unsmoothed: a term in every article says nothing about which story it is.
    idf = np.log(n / np.maximum(freq, 1.0))
    if options.entity_weight != 1.0:
        entity = np.fromiter((t.startswith("e:") for t in names), dtype=bool, count=len(names))
        idf[entity] *= options.entity_weight
    new_col = np.cumsum(kept) - 1
    keep = kept[cols]
    values = (1 + np.log(counts[keep])) * idf[cols[keep]]
    matrix = csr_matrix(
        (values, (rows[keep], new_col[cols[keep]])),
        shape=(len(docs), int(kept.sum())),
        dtype=np.float64,
    )
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return csr_matrix(diags(1.0 / norms) @ matrix), [
        t for t, k in zip(names, kept, strict=True) if k
    ]


@dataclass(frozen=True, slots=True)
class Corpus:
    """What a collection bigger than the docs at hand contributes to their similarity: its
    document frequencies, its size and its mean vector (the store keeps all three up to date,
    so new articles are compared with a few stored ones on the whole store's statistics)."""

    df: Mapping[str, int]
    total: int
    mean: np.ndarray[Any, Any] | None = None


@dataclass(frozen=True, slots=True)
class _Views:
    """The two views of a list of docs, built once and compared by rows: TF-IDF rows, centred
    dense rows (None when a doc has no vector or ``dense_weight`` is 0) and publication days
    (-1 unknown)."""

    matrix: csr_matrix
    dense: np.ndarray[Any, Any] | None
    days: np.ndarray[Any, Any]
    options: StoryOptions
    weight: float  # the dense view's share

    @classmethod
    def of(
        cls, docs: Sequence[StoryDoc], options: StoryOptions, corpus: Corpus | None = None
    ) -> _Views:
        if corpus is None:
            matrix, _ = vectors(docs, options)
        else:
            matrix, _ = vectors(docs, options, corpus.df, corpus.total)
        dense = _dense(docs, corpus.mean if corpus is not None else None)
        days = np.array([_day(d.published) or -1 for d in docs], dtype=np.float64)
        weight = _dense_weight(docs, options)
        return cls(matrix, dense if weight > 0 else None, days, options, weight)

    def grid(self, rows: Any, cols: Any) -> np.ndarray[Any, Any]:
        """Similarities of ``rows`` (an index array or slice) to ``cols``."""
        sims = np.asarray((self.matrix[rows] @ self.matrix[cols].T).todense())
        if self.dense is not None:
            w = self.weight
            sims = (1 - w) * sims + w * (self.dense[rows] @ self.dense[cols].T)
        left, right = self.days[rows], self.days[cols]
        far = np.abs(left[:, None] - right[None, :]) > self.options.max_days
        sims[far & (left >= 0)[:, None] & (right >= 0)[None, :]] *= 0.5
        clipped: np.ndarray[Any, Any] = np.clip(sims, 0.0, 1.0)
        return clipped

    def pairs(
        self, left: np.ndarray[Any, Any], right: np.ndarray[Any, Any]
    ) -> np.ndarray[Any, Any]:
        """Similarities of the pairs ``(left[p], right[p])`` only."""
        if not len(left):
            return np.zeros(0)
        sims = np.asarray(self.matrix[left].multiply(self.matrix[right]).sum(axis=1)).ravel()
        if self.dense is not None:
            w = self.weight
            sims = (1 - w) * sims + w * np.einsum("ij,ij->i", self.dense[left], self.dense[right])
        dl, dr = self.days[left], self.days[right]
        sims[(np.abs(dl - dr) > self.options.max_days) & (dl >= 0) & (dr >= 0)] *= 0.5
        clipped: np.ndarray[Any, Any] = np.clip(sims, 0.0, 1.0)
        return clipped

    def neighbours(self, rows: np.ndarray[Any, Any], k: int) -> np.ndarray[Any, Any]:
        """(i, j) pairs of ``rows`` (i < j): each row with its ``k`` nearest other rows by
        dense vector (one float32 product and one partial sort over the rows)."""
        if self.dense is None or k <= 0 or len(rows) < 2:
            return np.zeros((0, 2), dtype=np.int64)
        dense = self.dense[rows].astype(np.float32)
        near = dense @ dense.T
        np.fill_diagonal(near, -np.inf)
        k = min(k, len(rows) - 1)
        top = np.argpartition(-near, k - 1, axis=1)[:, :k]
        i = np.repeat(np.arange(len(rows)), k)
        j = top.ravel()
        pairs = np.stack([rows[np.minimum(i, j)], rows[np.maximum(i, j)]], axis=1)
        return np.asarray(pairs, dtype=np.int64)


def similarities(
    docs: Sequence[StoryDoc],
    options: StoryOptions,
    rows: slice | None = None,
    corpus: Corpus | None = None,
) -> np.ndarray[Any, Any]:
    """Cosine similarity of ``docs[rows]`` (all when None) to every doc, damped for articles
    far apart in time; document frequencies and the mean vector from ``corpus`` when given,
    else from the docs themselves."""
    return _Views.of(docs, options, corpus).grid(rows or slice(None), slice(None))


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
    labels = _average_linkage(similarities(docs, opts), _threshold(docs, opts, level))
    first: dict[int, str] = {}
    out: dict[str, str] = {}
    for doc, label in zip(docs, labels, strict=True):
        first.setdefault(int(label), prefix + doc.article_id)
        out[doc.article_id] = first[int(label)]
    return out


def _average_linkage(sims: np.ndarray[Any, Any], threshold: float) -> np.ndarray[Any, Any]:
    """Cluster labels of average linkage over a square similarity matrix, cut at
    ``threshold``."""
    condensed = (1.0 - sims)[np.triu_indices(len(sims), k=1)]
    labels: np.ndarray[Any, Any] = fcluster(
        linkage(condensed, method="average"), t=1.0 - threshold, criterion="distance"
    )
    return labels


def blocked_clusters(
    docs: Sequence[StoryDoc],
    views: _Views,
    rows: np.ndarray[Any, Any],
    candidates: np.ndarray[Any, Any],
    threshold: float,
    prefix: str,
) -> dict[str, str]:
    """:func:`story_clusters` of ``docs[rows]`` at a cost proportional to the candidate pairs
    (``candidates``, (i, j) rows into ``docs``) and the clusters, not to the square of the docs.

    Average linkage merges two clusters only when their average similarity reaches the
    threshold, so at least one pair across them does: every cluster lies inside one connected
    component of the graph of pairs at or above the threshold. The components are found on the
    candidate pairs, and linkage runs on each component's own square of similarities, which
    gives the clusters of the all-pairs linkage whenever every pair at or above the threshold
    is a candidate (a pair that shares no blocking key and is not among either's nearest
    neighbours is taken to be below it).
    """
    out: dict[str, str] = {}
    if not len(rows):
        return out
    n = len(docs)
    inside = np.zeros(n, dtype=bool)
    inside[rows] = True
    pairs = np.asarray(candidates, dtype=np.int64).reshape(-1, 2)
    pairs = pairs[inside[pairs[:, 0]] & inside[pairs[:, 1]] & (pairs[:, 0] != pairs[:, 1])]
    code = np.unique(
        np.minimum(pairs[:, 0], pairs[:, 1]) * n + np.maximum(pairs[:, 0], pairs[:, 1])
    )
    left, right = code // n, code % n
    edge = views.pairs(left, right) >= threshold
    graph = coo_matrix((np.ones(int(edge.sum())), (left[edge], right[edge])), shape=(n, n))
    _, component = connected_components(graph, directed=False)
    rows = np.sort(rows)
    order = rows[np.argsort(component[rows], kind="stable")]
    groups = np.split(order, np.flatnonzero(np.diff(component[order])) + 1)
    # Every pair inside every component in one vectorised call, in the order linkage reads a
    # condensed matrix; then one small linkage per component of three or more (a component
    # of two is one edge at the threshold: one cluster).
    multi = [g for g in groups if len(g) > 2]
    upper = [np.triu_indices(len(g), k=1) for g in multi]
    inner = views.pairs(
        np.concatenate([g[i] for g, (i, _) in zip(multi, upper, strict=True)] or [rows[:0]]),
        np.concatenate([g[j] for g, (_, j) in zip(multi, upper, strict=True)] or [rows[:0]]),
    )
    cuts = np.cumsum([len(i) for i, _ in upper], dtype=np.int64)[:-1]
    labels = {
        id(g): fcluster(
            linkage(1.0 - sims, method="average"), t=1.0 - threshold, criterion="distance"
        )
        for g, sims in zip(multi, np.split(inner, cuts) if multi else [], strict=True)
    }
    for members in groups:
        marks = labels.get(id(members), np.ones(len(members), dtype=np.int64))
        first: dict[int, str] = {}
        for m, label in zip(members, marks, strict=True):
            doc = docs[int(m)]
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
    peers: np.ndarray[Any, Any] | None = None,
) -> list[dict[str, str]]:
    """:func:`assign` at several levels at once (``ids[i][k]``: stored doc i's id at level
    k), from one computation of the similarities.

    With ``candidates``, the new articles that join no stored story are clustered among
    themselves by :func:`blocked_clusters`, on ``peers`` ((i, j) rows into ``new`` that share
    a blocking key) and each one's ``block_neighbours`` nearest by dense vector; without, by
    :func:`story_clusters` over all their pairs."""
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
        views = _Views.of(docs, options, corpus)
        per = [sorted(set(candidates.get(d.article_id, ()))) for d in new]
        left_i = np.repeat(np.arange(len(new)), [len(c) for c in per])
        right_j = np.fromiter((j for c in per for j in c), dtype=np.int64, count=len(left_i))
        values = views.pairs(left_i + base, right_j)
        among = np.arange(base, len(docs))
        near = views.neighbours(among, options.block_neighbours)
        keyed = (
            np.asarray(peers, dtype=np.int64).reshape(-1, 2) + base
            if peers is not None
            else near[:0]
        )
        pool = np.concatenate([near, keyed])
    out = []
    for k, level in enumerate(levels):
        names = sorted({row[k] for row in ids})
        number = {n: i for i, n in enumerate(names)}
        code = np.array([number[row[k]] for row in ids], dtype=np.int64)
        found: dict[str, str] = {}
        if len(values):
            # Average similarity per (new article, story) over the pairs, then the best story.
            width = max(len(names), 1)
            key = left_i * width + code[right_j]
            uniq, inverse = np.unique(key, return_inverse=True)
            avg = np.bincount(inverse, weights=values) / np.bincount(inverse)
            order = np.lexsort((-avg, uniq // width))
            _, best = np.unique(uniq[order] // width, return_index=True)
            for u in order[best]:
                doc = new[int(uniq[u] // width)]
                if avg[u] > 0 and avg[u] >= _threshold([doc], options, level):
                    found[doc.article_id] = names[int(uniq[u] % width)]
        left = [d for d in new if d.article_id not in found]
        if candidates is None:
            found.update(story_clusters(left, options, level))
        else:
            rows = np.array(
                [base + i for i, d in enumerate(new) if d.article_id not in found], dtype=np.int64
            )
            prefix = "t-" if level == "topic" else "s-"
            threshold = _threshold(left, options, level)
            found.update(blocked_clusters(docs, views, rows, pool, threshold, prefix))
        out.append(found)
    return out


def _dense(
    docs: Sequence[StoryDoc], mean: np.ndarray[Any, Any] | None = None
) -> np.ndarray[Any, Any] | None:
    """The docs' vectors centred on ``mean`` (their own when None), or None when any doc has
    no vector."""
    if not docs or any(not d.vector for d in docs):
        return None
    rows = np.asarray([d.vector for d in docs], dtype=np.float32)
    return centred(rows, mean).astype(np.float64)


def _headlines(docs: Sequence[StoryDoc]) -> bool:
    """Whether most of ``docs`` are headlines (the rule for the threshold and the weight)."""
    return sum(d.headline for d in docs) * 2 > len(docs)


def _dense_weight(docs: Sequence[StoryDoc], options: StoryOptions) -> float:
    """The dense view's share: ``headline_dense_weight`` when most docs are headlines."""
    return options.headline_dense_weight if _headlines(docs) else options.dense_weight


def _threshold(docs: Sequence[StoryDoc], options: StoryOptions, level: Level) -> float:
    headlines = _headlines(docs)
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
