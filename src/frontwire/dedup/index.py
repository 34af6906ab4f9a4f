"""Incremental dedup against the store: new articles join copy clusters, stories and events.

:func:`update` finds the articles with no ``article_dedup`` row, and in one transaction:

1. computes their copy signatures and looks their LSH band hashes up in ``dedup_buckets``
   (an indexed join: no scan of stored signatures), confirms candidates on the stored
   signatures, and joins clusters (the older cluster id wins; the original is recomputed for
   the clusters that changed);
2. assigns each to a stored story or a new one (:func:`frontwire.dedup.stories.assign`), on
   the entities the nlp stage stored;
3. corroborates the new events (:mod:`frontwire.dedup.corroborate`).

A process killed midway leaves the transaction uncommitted, so nothing of the update is
stored and the next update redoes it: clusters never hold half an update.
"""

from __future__ import annotations

import hashlib
import heapq
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import duckdb
import numpy as np

from frontwire.dedup.copies import (
    CopyIndex,
    CopyOptions,
    Signature,
    band_hashes,
    signature,
)
from frontwire.dedup.corroborate import EventOptions, corroborate, recount_all
from frontwire.dedup.stories import (
    Corpus,
    StoryDoc,
    StoryOptions,
    assign_levels,
    terms_of,
    with_vectors,
    written_date,
)
from frontwire.dedup.vectors import Embedder
from frontwire.errors import StoreError
from frontwire.store import Store
from frontwire.store import dedup as sql

# Articles read from the store at a time: memory stays bounded for a large backlog.
_FETCH = 2048
# New articles given stories at a time (see add_stories): the unmatched ones of a chunk find
# each other through one chunk-square product of dense vectors (their nearest neighbours),
# which at 1,000 costs tens of milliseconds; all-pairs linkage of 5,000 once took 114 s.
_STORY_CHUNK = 1000
# Story docs written at a time at the end of an update (bounds the Arrow table's memory).
_WRITE = 20_000


@dataclass(frozen=True, slots=True)
class DedupOptions:
    """Copy, story and event options together, from ``[dedup]``."""

    copies: CopyOptions
    stories: StoryOptions
    events: EventOptions
    # Loaded on first use and kept with the options, so one process loads the model once.
    embedder: Embedder = field(default_factory=Embedder, compare=False)

    @classmethod
    def from_config(cls, section: Mapping[str, Any]) -> DedupOptions:
        """All three from the ``[dedup]`` section."""
        return cls(
            CopyOptions.from_config(section),
            StoryOptions.from_config(section),
            EventOptions.from_config(section),
        )


@dataclass(frozen=True, slots=True)
class UpdateSummary:
    """What one update did."""

    articles: int
    copy_clusters_joined: int
    events: Mapping[str, int]


def update_store(
    store: Store, options: DedupOptions, progress: bool | None = None
) -> UpdateSummary:
    """Update copy clusters, stories and corroborated events of ``store`` for the articles not
    yet deduplicated, in one transaction (:func:`update`), after giving vectors to the stored
    articles that have none (:func:`backfill_vectors`, with a progress bar on a terminal
    unless ``progress`` says otherwise).

    Raises:
        StoreError: FW505 if the update fails; nothing of it is stored then.
    """
    try:
        backfill_vectors(store.connection, options.embedder, progress)
        return update(store.connection, options)
    except duckdb.Error as exc:
        raise StoreError("FW505", path=store.path, detail=str(exc)) from exc


def update(
    con: duckdb.DuckDBPyConnection, options: DedupOptions, now: datetime | None = None
) -> UpdateSummary:
    """Deduplicate every article not yet deduplicated, in one transaction of ``con``."""
    now = now or datetime.now(UTC).replace(tzinfo=None)
    con.begin()
    try:
        summary = _update(con, options, now)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return summary


def backfill_vectors(
    con: duckdb.DuckDBPyConnection, embedder: Embedder, progress: bool | None = False
) -> int:
    """Give a dense vector to every stored story doc that has none, and add them to the
    store's vector sum; returns how many were given one.

    A store deduplicated before migration 0008 holds story terms without vectors, and one
    candidate without a vector turns the dense view off for its whole batch (the similarity
    falls back to TF-IDF alone). The vectors are the ones ingest computes (title and text,
    :func:`_story_text`), ``_FETCH`` articles at a time, each batch in its own transaction:
    an interrupted backfill keeps what it did and the next update does the rest.
    """
    from frontwire.executors.local import progress_bar

    missing = sql.missing_vectors(con)
    if not missing:
        return 0
    with progress_bar(progress, len(missing)) as advance:
        for start in range(0, len(missing), _FETCH):
            rows = sql.article_texts(con, missing[start : start + _FETCH])
            vectors = embedder.embed([_story_text(t, h) for _, t, h in rows])
            con.begin()
            try:
                sql.set_story_vectors(con, [a for a, _, _ in rows], vectors)
                sql.add_story_stats(con, {}, 0, [float(x) for x in vectors.sum(axis=0)])
                con.commit()
            except BaseException:
                con.rollback()
                raise
            advance(len(missing[start : start + _FETCH]))
    return len(missing)


def _story_text(text: str, title: str) -> str:
    """What a story vector is computed on: the title, unless the text starts with it, and the
    text."""
    return f"{title}\n{text}" if title and title not in text else text


def _update(con: duckdb.DuckDBPyConnection, options: DedupOptions, now: datetime) -> UpdateSummary:
    # Bulk: a handful of statements per update, not per article (DuckDB statements cost
    # milliseconds each; one per article made a 1,500-article ingest take minutes).
    copy_opts = options.copies
    bands, rows = copy_opts.bands()
    cursor = con.execute(
        "SELECT id, text, coalesce(published, ''), coalesce(title, '') FROM articles "
        "WHERE id NOT IN (SELECT article_id FROM article_dedup) ORDER BY id"
    )
    pending: list[tuple[str, str, str, str]] = []
    while chunk := cursor.fetchmany(_FETCH):
        pending.extend((str(a), str(t), str(p), str(h)) for a, t, p, h in chunk)
    if not pending:
        return UpdateSummary(0, 0, corroborate(con, options.events, now))
    row = con.execute("SELECT coalesce(max(seq), 0) FROM article_dedup").fetchone()
    base_seq = int(row[0]) if row else 0
    sigs = [signature(a, t, p, copy_opts) for a, t, p, _ in pending]
    hashes = {
        s.article_id: band_hashes(s.hashvalues, bands, rows) if s.comparable else [] for s in sigs
    }
    stored_by_bucket: dict[int, list[str]] = {}
    for bucket, article_id in con.execute(
        "SELECT bucket, article_id FROM dedup_buckets WHERE band >= 0 AND bucket IN "
        "(SELECT UNNEST($1::BIGINT[]))",
        [sorted({h for hs in hashes.values() for h in hs})],
    ).fetchall():
        stored_by_bucket.setdefault(int(bucket), []).append(str(article_id))
    stored_by_digest = {
        str(d): str(a)
        for d, a in con.execute(
            "SELECT digest, min(article_id) FROM dedup_signatures WHERE digest IN "
            "(SELECT UNNEST($1::VARCHAR[])) GROUP BY digest",
            [sorted({s.digest for s in sigs})],
        ).fetchall()
    }
    wanted = {a for ids in stored_by_bucket.values() for a in ids} | set(stored_by_digest.values())
    stored_sigs = _load_signatures(con, sorted(wanted))
    stored_cluster = {
        str(a): str(c)
        for a, c in con.execute(
            "SELECT article_id, cluster_id FROM article_dedup WHERE article_id IN "
            "(SELECT UNNEST($1::VARCHAR[]))",
            [sorted(wanted)],
        ).fetchall()
    }
    order = {
        str(c): int(q)
        for c, q in con.execute(
            "SELECT cluster_id, min(seq) FROM article_dedup WHERE cluster_id IN "
            "(SELECT UNNEST($1::VARCHAR[])) GROUP BY cluster_id",
            [sorted(set(stored_cluster.values()))],
        ).fetchall()
    }
    # One copy rule for memory and store: the stored candidates are seeded into the same
    # CopyIndex that `frontwire analyze` uses, in their clusters, then the batch is added.
    index = CopyIndex(copy_opts)
    for sig in sorted(stored_sigs, key=lambda x: x.article_id):
        cluster = stored_cluster.get(sig.article_id)
        if cluster is not None:
            index.seed(sig, cluster, order.get(cluster, 0))
    no_buckets: set[str] = set()
    joined = 0
    for k, sig in enumerate(sigs):
        if index.add(sig, base_seq + 1 + k):
            # An exact duplicate adds nothing to the buckets (its twin is found by digest),
            # so a million copies of one text leave the buckets as they were.
            no_buckets.add(sig.article_id)
        joined += index.best(sig.article_id) > 0
    find = index.find
    best = {a: index.best(a) for a in [*stored_cluster, *(s.article_id for s in sigs)]}
    order |= {s.article_id: base_seq + 1 + k for k, s in enumerate(sigs)}
    # Stored clusters joined by this batch take the oldest id.
    seeded = {stored_cluster[x.article_id] for x in stored_sigs if x.article_id in stored_cluster}
    moved = [(c, find(c)) for c in sorted(seeded) if find(c) != c]
    sql.move_clusters(con, moved, now)
    sql.raise_similarity(con, [(a, v) for a, v in best.items() if a in stored_cluster and v > 0])
    _insert_signatures(con, sigs, hashes, no_buckets, bands)
    ids = [s.article_id for s in sigs]
    clusters = [find(i) for i in ids]
    # An article matched to none has similarity 1.0 (to itself), as in memory.
    sims = [best[i] if best[i] > 0 else 1.0 for i in ids]
    sql.insert_article_dedup(con, ids, clusters, sims, [order[i] for i in ids], now)
    touched = sorted(set(clusters) | {n for _, n in moved})
    sql.set_originals(con, touched)
    new_docs = _story_docs(con, pending, options.stories, options.embedder)
    add_stories(con, new_docs, options.stories, no_buckets)
    sql.refresh_duplicates_json(con, ids, touched)
    events = corroborate(con, options.events, now)
    if _has_events(con):
        regrouped = [
            str(r[0])
            for r in con.execute(
                "SELECT DISTINCT l.cluster_id FROM event_links l JOIN events e "
                "USING (event_id) JOIN article_dedup d ON d.article_id = e.article_id "
                "WHERE d.cluster_id IN (SELECT UNNEST($1::VARCHAR[]))",
                [touched],
            ).fetchall()
        ]
        recount_all(con, regrouped)
    return UpdateSummary(len(pending), joined, events)


def _insert_signatures(
    con: duckdb.DuckDBPyConnection,
    sigs: Sequence[Signature],
    hashes: Mapping[str, list[int]],
    no_buckets: set[str],
    bands: int,
) -> None:
    con.execute(
        "INSERT OR REPLACE INTO dedup_signatures SELECT UNNEST($1::VARCHAR[]), "
        "UNNEST($2::VARCHAR[]), UNNEST($3::VARCHAR[][]), UNNEST($4::BIGINT[][]), "
        "UNNEST($5::VARCHAR[][]), UNNEST($6::INTEGER[]), UNNEST($7::VARCHAR[]), "
        "UNNEST($8::UBIGINT[][])",
        [
            [s.article_id for s in sigs],
            [s.digest for s in sigs],
            [sorted(s.words) for s in sigs],
            [sorted(s.pairs) for s in sigs],
            [sorted(s.anchors) for s in sigs],
            [s.length for s in sigs],
            [s.published for s in sigs],
            [[int(v) for v in s.hashvalues] for s in sigs],
        ],
    )
    band_ids: list[int] = []
    buckets: list[int] = []
    owners: list[str] = []
    for sig in sigs:
        if sig.article_id in no_buckets or not sig.comparable:
            continue
        band_ids.extend(range(bands))
        buckets.extend(hashes[sig.article_id])
        owners.extend([sig.article_id] * bands)
    if owners:
        con.execute(
            "INSERT INTO dedup_buckets SELECT UNNEST($1::INTEGER[]), UNNEST($2::BIGINT[]), "
            "UNNEST($3::VARCHAR[])",
            [band_ids, buckets, owners],
        )


def _story_docs(
    con: duckdb.DuckDBPyConnection,
    pending: Sequence[tuple[str, str, str, str]],
    options: StoryOptions,
    embedder: Embedder,
) -> list[StoryDoc]:
    entities = sql.entities_of(con, [p[0] for p in pending])
    docs = []
    bodies = []
    for article_id, text, published, title in pending:
        body = _story_text(text, title)
        bodies.append(body)
        docs.append(
            StoryDoc(
                article_id=article_id,
                terms=terms_of(body, entities.get(article_id, []), options),
                published=(published or written_date(text))[:10],
                headline=len(text.split()) <= options.headline_words,
            )
        )
    return with_vectors(docs, bodies, embedder)


def _load_signatures(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> list[Signature]:
    rows = con.execute(
        "SELECT article_id, words, pairs, anchors, length, published, digest, hashvalues "
        "FROM dedup_signatures WHERE article_id IN (SELECT UNNEST($1::VARCHAR[]))",
        [list(ids)],
    ).fetchall()
    return [
        Signature(
            article_id=str(a),
            words=frozenset(w),
            pairs=frozenset(p),
            anchors=frozenset(n),
            length=int(length),
            published=str(pub),
            digest=str(d),
            hashvalues=np.asarray(h, dtype=np.uint64),
        )
        for a, w, p, n, length, pub, d, h in rows
    ]


@dataclass(slots=True)
class _Pending:
    """What one call of :func:`add_stories` has decided and not yet written: the store's
    statistics as they stand after each chunk, and the story docs, stories, topics and
    blocking keys of the articles assigned so far.

    Each chunk sees the store plus the chunks before it, as if each had been written; but
    nothing is written until the end, so the tables each chunk scans (``story_df``,
    ``dedup_buckets``, ``story_terms``) hold only what was stored before the call, and the
    docs of earlier chunks are compared as they are in memory, never read back and
    JSON-decoded. Writing after every chunk made the cost of a chunk grow with everything
    stored before it: 0.5 ms of CPU an article on an empty store, 1.5 ms at 200,000.
    """

    exists: bool  # whether the store had a story_stats row
    docs: int
    vector_sum: list[float]
    stored_df: dict[str, int] = field(default_factory=dict)  # 0: no row before the call
    counts: dict[str, int] = field(default_factory=dict)  # added by this call
    added: dict[str, tuple[StoryDoc, str, str]] = field(default_factory=dict)
    postings: dict[int, list[str]] = field(default_factory=dict)
    keys: list[tuple[str, int]] = field(default_factory=list)

    @classmethod
    def of(cls, con: duckdb.DuckDBPyConnection) -> _Pending:
        row = sql.story_stats(con)
        if row is None:
            return cls(False, 0, [])
        return cls(True, row[0], row[1])

    def add(self, counts: Mapping[str, int], docs: int, vector_sum: list[float]) -> None:
        """Count a chunk in, as :func:`frontwire.store.dedup.add_story_stats` would."""
        for term, n in counts.items():
            self.counts[term] = self.counts.get(term, 0) + n
        if not self.exists:
            self.exists, self.docs, self.vector_sum = True, docs, list(vector_sum)
            return
        old = self.vector_sum or [0.0] * len(vector_sum)
        self.vector_sum = (
            [a + b for a, b in zip(old, vector_sum, strict=False)] if vector_sum else old
        )
        self.docs += docs

    def df(self, con: duckdb.DuckDBPyConnection, terms: Sequence[str]) -> dict[str, int]:
        """Document frequency of each of ``terms`` that has one, the call's chunks counted."""
        unknown = [t for t in terms if t not in self.stored_df]
        if unknown:
            found = sql.story_corpus(con, unknown)[0]
            self.stored_df |= {t: found.get(t, 0) for t in unknown}
        out = {}
        for term in terms:
            n = self.stored_df[term] + self.counts.get(term, 0)
            if n:
                out[term] = n
        return out

    def write(self, con: duckdb.DuckDBPyConnection) -> None:
        """Store what the call decided (the caller's transaction makes it all or nothing)."""
        if not self.added:
            return
        sql.put_story_stats(con, self.counts, self.docs, self.vector_sum)
        ids = list(self.added)
        sql.set_stories(con, ids, [self.added[a][1] for a in ids], [self.added[a][2] for a in ids])
        sql.add_story_keys(con, self.keys)
        for start in range(0, len(ids), _WRITE):
            sql.insert_story_terms(
                con,
                [
                    (d.article_id, json.dumps(d.terms), d.published, d.headline, list(d.vector))
                    for d in (self.added[a][0] for a in ids[start : start + _WRITE])
                ],
            )


def add_stories(
    con: duckdb.DuckDBPyConnection,
    new: Sequence[StoryDoc],
    options: StoryOptions,
    exact: set[str] | frozenset[str] = frozenset(),
) -> None:
    """Story and topic of each new article (already in ``article_dedup``), at a cost
    proportional to the batch, and its story terms stored.

    The store's document frequencies and mean vector are updated with the batch first; then
    each new article is compared only with the stored articles that share a blocking key with
    it (:func:`story_keys`: its entity terms and its rarest other terms, looked up in
    ``dedup_buckets``), never with the whole store. Exact duplicates (``exact``) add no keys:
    their twin holds them, as for copy buckets.
    """
    if not new:
        return
    pending = _Pending.of(con)
    # The articles that join no stored story find each other through a chunk-square product
    # (nearest neighbours): chunks keep it linear in the batch, each chunk seeing the ones
    # before it (kept in memory, _Pending).
    for start in range(0, len(new), _STORY_CHUNK):
        _add_chunk(con, new[start : start + _STORY_CHUNK], options, exact, pending)
    pending.write(con)


def _add_chunk(
    con: duckdb.DuckDBPyConnection,
    new: Sequence[StoryDoc],
    options: StoryOptions,
    exact: set[str] | frozenset[str],
    pending: _Pending,
) -> None:
    counts: dict[str, int] = {}
    for doc in new:
        for term in doc.terms:
            counts[term] = counts.get(term, 0) + 1
    vectors = [d.vector for d in new if d.vector]
    vector_sum = [float(x) for x in np.sum(vectors, axis=0)] if vectors else []
    pending.add(counts, len(new), vector_sum)
    df = pending.df(con, sorted(counts))
    total, stored_sum = pending.docs, pending.vector_sum
    keys = {d.article_id: story_keys(d, df, options) for d in new}
    wanted = sorted({k for ks in keys.values() for k in ks})
    postings: dict[int, list[str]] = {}
    for key, article_id in sql.story_postings(con, wanted):
        postings.setdefault(key, []).append(article_id)
    for key in wanted:
        if key in pending.postings:
            postings.setdefault(key, []).extend(pending.postings[key])
    nearest = {a: _nearest(ks, postings, options.block_candidates) for a, ks in keys.items()}
    near = {c for cs in nearest.values() for c in cs}
    stored = sql.story_docs_of(con, sorted(c for c in near if c not in pending.added))
    # One JSON array decoded at once: json.loads per row spent as long in its own call
    # overhead (two whitespace matches a call) as in decoding.
    terms = json.loads("[" + ",".join(r[1] for r in stored) + "]")
    found: dict[str, tuple[StoryDoc, str, str]] = {
        a: (StoryDoc(a, t, p, h, tuple(v)), s, tp)
        for (a, _, p, h, v, s, tp), t in zip(stored, terms, strict=True)
    }
    found |= {c: pending.added[c] for c in near if c in pending.added}
    rows = [found[a] for a in sorted(found)]
    position = {r[0].article_id: i for i, r in enumerate(rows)}
    candidates = {a: sorted(position[c] for c in cs if c in position) for a, cs in nearest.items()}
    docs = [r[0] for r in rows]
    extra = sorted({t for c in docs for t in c.terms} - set(df))
    if extra:
        df |= pending.df(con, extra)
    mean = np.asarray(stored_sum, dtype=np.float64) / total if stored_sum and total else None
    corpus = Corpus(df, total, mean)
    # New articles that share a key are candidates of each other, as stored ones are.
    members: dict[int, list[int]] = {}
    for i, d in enumerate(new):
        for key in keys[d.article_id]:
            members.setdefault(key, []).append(i)
    peers = np.array(
        [(a, b) for m in members.values() for x, a in enumerate(m) for b in m[x + 1 :]],
        dtype=np.int64,
    ).reshape(-1, 2)
    stories, topics = assign_levels(
        new,
        docs,
        [(r[1], r[2]) for r in rows],
        options,
        ("story", "topic"),
        corpus,
        candidates,
        peers,
    )
    for d in new:
        a = d.article_id
        pending.added[a] = (d, stories[a], topics[a])
        if a not in exact:
            for key in keys[a]:
                pending.postings.setdefault(key, []).append(a)
                pending.keys.append((a, key))


def story_keys(doc: StoryDoc, df: Mapping[str, int], options: StoryOptions) -> list[int]:
    """Blocking keys of a story doc: its entity terms, and its ``block_terms`` rarest other
    terms; a term in more than ``block_max_df`` articles is no key (its posting list would
    grow with the store, and a story is never found on a common word alone)."""
    usable = [t for t in doc.terms if 1 <= df.get(t, 0) <= options.block_max_df]
    entities = [t for t in usable if t.startswith("e:")]
    others = sorted((t for t in usable if not t.startswith("e:")), key=lambda t: (df.get(t, 0), t))
    return sorted({_key(t) for t in [*entities, *others[: options.block_terms]]})


def _nearest(keys: Sequence[int], postings: Mapping[int, Sequence[str]], limit: int) -> list[str]:
    """The ``limit`` stored articles that share the most with an article's ``keys``, each
    shared key counting 1 / its posting length (a key few articles hold says more), ties by
    id. Without the limit a store of 30,000 articles gave an article up to 250 candidates
    (five keys of up to ``block_max_df`` postings each) where its story has a few, and the
    cost per batch grew with the store until every key was full (bench_stories.py)."""
    score: dict[str, float] = {}
    for key in keys:
        held = postings.get(key, ())
        for article_id in held:
            score[article_id] = score.get(article_id, 0.0) + 1.0 / len(held)
    if len(score) <= limit:
        return list(score)
    return [a for a, _ in heapq.nlargest(limit, score.items(), key=lambda x: (x[1], x[0]))]


def _key(term: str) -> int:
    digest = hashlib.blake2b(term.encode(), digest_size=8, person=b"story").digest()
    return int.from_bytes(digest, "little", signed=True)


def _has_events(con: duckdb.DuckDBPyConnection) -> bool:
    from frontwire.dedup.corroborate import has_events_table

    return has_events_table(con)


def duplicates_of(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """The article JSON ``duplicates`` object of a stored article, None before dedup."""
    row = con.execute(
        "SELECT cluster_id, original_id, similarity, story_id FROM article_dedup "
        "WHERE article_id = $1",
        [article_id],
    ).fetchone()
    if row is None:
        return None
    return {"cluster_id": row[0], "original_id": row[1], "similarity": row[2], "story_id": row[3]}
