"""Article level: exact duplicates, near-duplicates and spun copies, grouped in copy clusters.

How a copy is found:

1. Every text is read *after* forensics repair (look-alike letters, invisible characters and
   mojibake undone), so an attacked copy shows the same words as its source.
2. Candidates come from MinHash LSH (datasketch) over the set of content words (lowercased,
   stop words dropped). Word sets, not word runs: a spinner who replaces 30% of the words
   breaks most three-word runs but leaves most words, and reordering sentences changes no set.
   The LSH threshold is low (``lsh_threshold``) so a copy cut to its first half, whose word set
   is only about a third of the original's, is still a candidate.
3. A candidate pair is confirmed on exact sets: containment (share of the smaller article's
   words, and of its word pairs, found in the larger; a half copy is contained in its source)
   and the signals spinners rarely change: names, numbers and quoted words
   (:attr:`Signature.anchors`). Articles about one story share names but not sentences, so
   they pass the anchor check and fail the word-pair one.
4. Confirmed pairs are joined (union-find) into copy clusters; each cluster's likely original
   is its earliest article, the most complete (longest) among equally early ones.

Band hashes of the signatures are plain integers (:func:`band_hashes`), so the index can live
in DuckDB (:mod:`frontwire.dedup.index`) or in memory (:class:`CopyIndex`) with the same rule.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import struct
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH
from spacy.lang.en.stop_words import STOP_WORDS

_WORD = re.compile(r"\w+", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'-]+")
_QUOTE = re.compile(r"[\"“]([^\"”]{8,400})[\"”]")
_STOP = frozenset(STOP_WORDS)


@dataclass(frozen=True, slots=True)
class CopyOptions:
    """The copy rule; the numbers are explained in ``[dedup]`` of the default config."""

    num_perm: int = 128
    lsh_threshold: float = 0.25
    min_words: int = 3
    word_containment: float = 0.80
    pair_containment: float = 0.35
    anchor_containment: float = 0.60
    seed: int = 1

    @classmethod
    def from_config(cls, section: Mapping[str, Any]) -> CopyOptions:
        """Options from the ``[dedup]`` config section (keys missing there keep defaults)."""
        names = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in section.items() if k in names})

    def bands(self) -> tuple[int, int]:
        """(bands, rows per band) datasketch picks for this threshold and signature size."""
        lsh = MinHashLSH(threshold=self.lsh_threshold, num_perm=self.num_perm)
        return lsh.b, lsh.r


@dataclass(frozen=True, slots=True)
class Signature:
    """What copy detection keeps of one article.

    Attributes:
        article_id: the article.
        words: its content words (lowercased, no stop words).
        pairs: hashes of its adjacent word pairs (all words), an order-sensitive check.
        anchors: names, numbers and quoted words.
        length: characters of repaired text (the "most complete" tie-break).
        published: ISO date or "" when unknown (the "earliest" rule).
        digest: hash of the normalised text, for exact duplicates.
        hashvalues: the MinHash signature (empty for texts too short to compare).
    """

    article_id: str
    words: frozenset[str]
    pairs: frozenset[int]
    anchors: frozenset[str]
    length: int
    published: str
    digest: str
    hashvalues: np.ndarray[Any, np.dtype[np.uint64]] = field(compare=False, repr=False)

    @property
    def comparable(self) -> bool:
        """Whether the text is long enough to be compared at all."""
        return len(self.hashvalues) > 0


def signature(article_id: str, text: str, published: str | None, options: CopyOptions) -> Signature:
    """The signature of one repaired text."""
    tokens = [t.casefold() for t in _WORD.findall(text)]
    words = frozenset(t for t in tokens if t not in _STOP and not t.isdigit() and len(t) > 1)
    pairs = frozenset(_hash64(f"{a} {b}") for a, b in itertools.pairwise(tokens))
    anchors = {m.group(0).casefold() for m in _NAME.finditer(text)}
    anchors |= {m.group(0).replace(",", "") for m in _NUMBER.finditer(text)}
    for quote in _QUOTE.finditer(text):
        anchors |= {t.casefold() for t in _WORD.findall(quote.group(1))} - _STOP
    digest = hashlib.blake2b(" ".join(tokens).encode(), digest_size=16).hexdigest()
    if len(words) >= options.min_words:
        mh = MinHash(num_perm=options.num_perm, seed=options.seed)
        mh.update_batch([w.encode() for w in words])
        values = mh.hashvalues.astype(np.uint64)
    else:
        values = np.zeros(0, dtype=np.uint64)
    return Signature(
        article_id=article_id,
        words=words,
        pairs=pairs,
        anchors=frozenset(anchors),
        length=len(text),
        published=published or "",
        digest=digest,
        hashvalues=values,
    )


def band_hashes(hashvalues: np.ndarray[Any, Any], bands: int, rows: int) -> list[int]:
    """One signed 64-bit hash per LSH band (band index mixed in), storable as BIGINT."""
    out = []
    for band in range(bands):
        chunk = hashvalues[band * rows : (band + 1) * rows].tobytes()
        out.append(_hash64(chunk, salt=band))
    return out


def similarity(a: Signature, b: Signature, options: CopyOptions) -> float | None:
    """How much of the smaller article is in the larger, if they are copies; else None."""
    if a.digest == b.digest:
        return 1.0
    if not (a.comparable and b.comparable):
        return None
    words = _containment(a.words, b.words)
    if words < options.word_containment:
        return None
    if _containment(a.pairs, b.pairs) < options.pair_containment:
        return None
    # Names, numbers and quotes decide only when both texts have a few of them.
    anchored = min(len(a.anchors), len(b.anchors)) >= 3
    if anchored and _containment(a.anchors, b.anchors) < options.anchor_containment:
        return None
    return round(words, 4)


def is_original_before(a: Signature, b: Signature) -> bool:
    """Whether ``a`` is a likelier original than ``b``: earlier, then longer, then by id."""
    pa, pb = a.published or "9999", b.published or "9999"
    return (pa, -a.length, a.article_id) < (pb, -b.length, b.article_id)


@dataclass(frozen=True, slots=True)
class CopyAssignment:
    """Where one article stands: its copy cluster, the cluster's likely original, and how
    much of the smaller text of it and its closest copy they share (1.0 alone)."""

    article_id: str
    cluster_id: str
    original_id: str
    similarity: float


class CopyIndex:
    """An in-memory index: add signatures one by one, each is matched against all before it.

    Cluster ids are stable: a cluster keeps the id of its first member; when an article joins
    two clusters, the older id wins. The DuckDB index (:mod:`frontwire.dedup.index`) follows
    the same rule against stored band hashes.
    """

    def __init__(self, options: CopyOptions | None = None) -> None:
        self.options = options or CopyOptions()
        self.bands, self.rows = self.options.bands()
        self._buckets: dict[int, list[str]] = {}
        self._digests: dict[str, str] = {}
        self.signatures: dict[str, Signature] = {}
        self._parent: dict[str, str] = {}
        self._order: dict[str, int] = {}
        self._best: dict[str, float] = {}

    def seed(self, sig: Signature, cluster_id: str, order: int) -> None:
        """Index a stored article already in ``cluster_id`` (whose first member arrived
        ``order``-th) without matching it: new articles added after it are matched against it,
        and joining it joins its cluster. The store's incremental update seeds the stored
        candidates of a batch, then adds the batch (:mod:`frontwire.dedup.index`)."""
        if sig.article_id in self.signatures:
            return
        self.signatures[sig.article_id] = sig
        self._parent.setdefault(cluster_id, cluster_id)
        self._order[cluster_id] = min(order, self._order.get(cluster_id, order))
        if sig.article_id != cluster_id:
            self._parent[sig.article_id] = cluster_id
            self._order.setdefault(sig.article_id, order)
        self._best.setdefault(sig.article_id, 0.0)
        self._digests.setdefault(sig.digest, sig.article_id)
        if sig.comparable:
            for h in band_hashes(sig.hashvalues, self.bands, self.rows):
                bucket = self._buckets.setdefault(h, [])
                if not bucket or self.find(bucket[-1]) != self.find(sig.article_id):
                    bucket.append(sig.article_id)

    def add(self, sig: Signature, order: int | None = None) -> bool:
        """Index ``sig`` and join it to every indexed article it is a copy of; ``order`` is its
        place in arrival order (the older cluster id wins a merge), next by default. Returns
        whether it is an exact duplicate of an article indexed before it."""
        if sig.article_id in self.signatures:
            return True
        self.signatures[sig.article_id] = sig
        self._parent[sig.article_id] = sig.article_id
        self._order[sig.article_id] = len(self._order) if order is None else order
        self._best[sig.article_id] = 0.0
        candidates: set[str] = set()
        same = self._digests.get(sig.digest)
        if same is not None:
            candidates.add(same)
        else:
            self._digests[sig.digest] = sig.article_id
        hashes = band_hashes(sig.hashvalues, self.bands, self.rows) if sig.comparable else []
        for h in hashes:
            candidates.update(self._buckets.get(h, ()))
        for other in sorted(candidates):
            if self.find(other) == self.find(sig.article_id):
                continue
            score = similarity(sig, self.signatures[other], self.options)
            if score is not None:
                self._union(other, sig.article_id)
                self._best[sig.article_id] = max(self._best[sig.article_id], score)
                self._best[other] = max(self._best.get(other, 0.0), score)
        for h in hashes:
            bucket = self._buckets.setdefault(h, [])
            # A million copies of one text would make one bucket a million long and every
            # new copy compare against all of them; members of one cluster need only one
            # representative per bucket, since joining one joins the cluster.
            if not bucket or self.find(bucket[-1]) != self.find(sig.article_id):
                bucket.append(sig.article_id)
        return same is not None

    def best(self, article_id: str) -> float:
        """How much ``article_id`` shares with its closest copy (0.0 when it has none)."""
        return self._best.get(article_id, 0.0)

    def assignments(self) -> dict[str, CopyAssignment]:
        """Every indexed article's copy cluster, original and similarity."""
        members: dict[str, list[str]] = {}
        for article_id in self.signatures:
            members.setdefault(self.find(article_id), []).append(article_id)
        out: dict[str, CopyAssignment] = {}
        for root, ids in members.items():
            original = ids[0]
            for other in ids[1:]:
                if is_original_before(self.signatures[other], self.signatures[original]):
                    original = other
            for article_id in ids:
                score = 1.0 if len(ids) == 1 else self._best[article_id]
                out[article_id] = CopyAssignment(article_id, root, original, score)
        return out

    def find(self, x: str) -> str:
        """The cluster id of an indexed article (or of a seeded cluster id)."""
        parent = self._parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def _union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self._order[rb] < self._order[ra]:
            ra, rb = rb, ra
        self._parent[rb] = ra


def copy_clusters(
    items: Iterable[tuple[str, str, str | None]], options: CopyOptions | None = None
) -> dict[str, CopyAssignment]:
    """Copy clusters of ``(article_id, repaired_text, published)`` triples, in memory."""
    index = CopyIndex(options)
    for article_id, text, published in items:
        index.add(signature(article_id, text, published, index.options))
    return index.assignments()


def pairs_of(assignments: Mapping[str, CopyAssignment]) -> set[tuple[str, str]]:
    """The unordered article pairs that share a copy cluster (for scoring)."""
    groups: dict[str, list[str]] = {}
    for a in assignments.values():
        groups.setdefault(a.cluster_id, []).append(a.article_id)
    out: set[tuple[str, str]] = set()
    for ids in groups.values():
        ids.sort()
        out.update((x, y) for i, x in enumerate(ids) for y in ids[i + 1 :])
    return out


def _containment(a: frozenset[Any], b: frozenset[Any]) -> float:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if not small:
        return 0.0
    return len(small & large) / len(small)


def _hash64(data: str | bytes, salt: int = 0) -> int:
    raw = data.encode() if isinstance(data, str) else data
    digest = hashlib.blake2b(raw, digest_size=8, salt=struct.pack("<Q", salt)).digest()
    return int.from_bytes(digest, "little", signed=True)
