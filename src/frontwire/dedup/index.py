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

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import duckdb
import numpy as np

from frontwire.dedup.copies import (
    CopyOptions,
    Signature,
    band_hashes,
    is_original_before,
    signature,
    similarity,
)
from frontwire.dedup.corroborate import EventOptions, corroborate, recount_all
from frontwire.dedup.stories import StoryDoc, StoryOptions, assign, terms_of

# Articles read from the store at a time: memory stays bounded for a large backlog.
_FETCH = 2048


@dataclass(frozen=True, slots=True)
class DedupOptions:
    """Copy, story and event options together, from ``[dedup]``."""

    copies: CopyOptions
    stories: StoryOptions
    events: EventOptions

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


def _update(con: duckdb.DuckDBPyConnection, options: DedupOptions, now: datetime) -> UpdateSummary:
    copy_opts = options.copies
    bands, rows = copy_opts.bands()
    cursor = con.execute(
        "SELECT id, text, coalesce(published, '') FROM articles "
        "WHERE id NOT IN (SELECT article_id FROM article_dedup) ORDER BY id"
    )
    pending: list[tuple[str, str, str]] = []
    while chunk := cursor.fetchmany(_FETCH):
        pending.extend((str(a), str(t), str(p)) for a, t, p in chunk)
    row = con.execute("SELECT coalesce(max(seq), 0) FROM article_dedup").fetchone()
    seq = int(row[0]) if row else 0
    joined = 0
    touched: set[str] = set()
    new_docs: list[StoryDoc] = []
    for article_id, text, published in pending:
        seq += 1
        sig = signature(article_id, text, published, copy_opts)
        matches = _matches(con, sig, bands, rows, copy_opts)
        clusters = _clusters_of(con, [m for m, _ in matches])
        if clusters:
            keep = clusters[0]
            others = clusters[1:]
            if others:
                con.execute(
                    "UPDATE article_dedup SET cluster_id = $1, updated_at = $2 "
                    "WHERE cluster_id IN (SELECT UNNEST($3::VARCHAR[]))",
                    [keep, now, others],
                )
            joined += 1
            best = max(s for _, s in matches)
            con.execute(
                "UPDATE article_dedup SET similarity = greatest(similarity, $1) "
                "WHERE article_id IN (SELECT UNNEST($2::VARCHAR[])) AND similarity < $1",
                [best, [m for m, _ in matches]],
            )
            touched.add(keep)
        else:
            keep, best = article_id, 1.0
        _store_signature(con, sig, bands, rows, duplicate=bool(clusters) and best == 1.0)
        con.execute(
            "INSERT INTO article_dedup VALUES ($1, $2, $1, $3, '', $4, $5)",
            [article_id, keep, best, seq, now],
        )
        touched.add(keep)
        new_docs.append(_story_doc(con, article_id, text, published, options.stories))
    for cluster in touched:
        _set_original(con, cluster)
    _assign_stories(con, new_docs, options.stories)
    for doc in new_docs:
        con.execute(
            "INSERT OR REPLACE INTO story_terms VALUES ($1, $2, $3, $4)",
            [doc.article_id, json.dumps(doc.terms), doc.published, doc.headline],
        )
    _refresh_json(con, [a for a, _, _ in pending], sorted(touched))
    events = corroborate(con, options.events, now)
    if touched:
        moved = (
            [
                str(r[0])
                for r in con.execute(
                    "SELECT DISTINCT cluster_id FROM event_links WHERE event_id IN "
                    "(SELECT event_id FROM events WHERE article_id IN (SELECT article_id FROM "
                    "article_dedup WHERE cluster_id IN (SELECT UNNEST($1::VARCHAR[]))))",
                    [sorted(touched)],
                ).fetchall()
            ]
            if _has_events(con)
            else []
        )
        recount_all(con, moved)
    return UpdateSummary(len(pending), joined, events)


def _matches(
    con: duckdb.DuckDBPyConnection, sig: Signature, bands: int, rows: int, opts: CopyOptions
) -> list[tuple[str, float]]:
    hashes = band_hashes(sig.hashvalues, bands, rows) if sig.comparable else []
    candidates = con.execute(
        "SELECT DISTINCT article_id FROM dedup_buckets WHERE bucket IN "
        "(SELECT UNNEST($1::BIGINT[])) UNION "
        # Every article with one digest is in one cluster: one of them is enough.
        "(SELECT article_id FROM dedup_signatures WHERE digest = $2 LIMIT 1)",
        [hashes, sig.digest],
    ).fetchall()
    ids = [str(r[0]) for r in candidates]
    if not ids:
        return []
    out: list[tuple[str, float]] = []
    for stored in _load_signatures(con, ids):
        score = similarity(sig, stored, opts)
        if score is not None:
            out.append((stored.article_id, score))
    return out


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


def _store_signature(
    con: duckdb.DuckDBPyConnection, sig: Signature, bands: int, rows: int, *, duplicate: bool
) -> None:
    con.execute(
        "INSERT OR REPLACE INTO dedup_signatures VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        [
            sig.article_id,
            sig.digest,
            sorted(sig.words),
            sorted(sig.pairs),
            sorted(sig.anchors),
            sig.length,
            sig.published,
            [int(v) for v in sig.hashvalues],
        ],
    )
    # An exact duplicate adds nothing to the buckets (its twin is found by digest), so a
    # million copies of one text leave the buckets as they were.
    if duplicate or not sig.comparable:
        return
    hashes = band_hashes(sig.hashvalues, bands, rows)
    con.execute(
        "INSERT INTO dedup_buckets SELECT UNNEST($1::INTEGER[]), UNNEST($2::BIGINT[]), $3",
        [list(range(bands)), hashes, sig.article_id],
    )


def _clusters_of(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> list[str]:
    """The distinct clusters of ``ids``, oldest (lowest first seq) first."""
    if not ids:
        return []
    rows = con.execute(
        "SELECT cluster_id, min(seq) AS first FROM article_dedup WHERE cluster_id IN "
        "(SELECT cluster_id FROM article_dedup WHERE article_id IN "
        "(SELECT UNNEST($1::VARCHAR[]))) GROUP BY cluster_id ORDER BY first",
        [list(ids)],
    ).fetchall()
    return [str(r[0]) for r in rows]


def _set_original(con: duckdb.DuckDBPyConnection, cluster: str) -> None:
    ids = [
        str(r[0])
        for r in con.execute(
            "SELECT article_id FROM article_dedup WHERE cluster_id = $1", [cluster]
        ).fetchall()
    ]
    sigs = _load_signatures(con, ids)
    if not sigs:
        return
    original = sigs[0]
    for sig in sigs[1:]:
        if is_original_before(sig, original):
            original = sig
    con.execute(
        "UPDATE article_dedup SET original_id = $1 WHERE cluster_id = $2",
        [original.article_id, cluster],
    )


def _story_doc(
    con: duckdb.DuckDBPyConnection,
    article_id: str,
    text: str,
    published: str,
    options: StoryOptions,
) -> StoryDoc:
    entities = [
        (str(t), str(k))
        for t, k in con.execute(
            "SELECT text, kind FROM entities WHERE article_id = $1 ORDER BY idx", [article_id]
        ).fetchall()
    ]
    row = con.execute("SELECT title FROM articles WHERE id = $1", [article_id]).fetchone()
    title = str(row[0]) if row and row[0] else ""
    words = len(text.split())
    return StoryDoc(
        article_id=article_id,
        terms=terms_of(
            f"{title}\n{text}" if title and title not in text else text, entities, options
        ),
        published=published[:10],
        headline=words <= options.headline_words,
    )


def _assign_stories(
    con: duckdb.DuckDBPyConnection, new: Sequence[StoryDoc], options: StoryOptions
) -> None:
    if not new:
        return
    stored_rows = con.execute(
        "SELECT t.article_id, t.terms, t.published, t.headline, d.story_id FROM story_terms t "
        "JOIN article_dedup d USING (article_id)"
    ).fetchall()
    stored = [
        (StoryDoc(str(a), json.loads(terms), str(p), bool(h)), str(s))
        for a, terms, p, h, s in stored_rows
    ]
    stories = assign(new, stored, options)
    for doc in new:
        con.execute(
            "UPDATE article_dedup SET story_id = $1 WHERE article_id = $2",
            [stories[doc.article_id], doc.article_id],
        )


def _refresh_json(
    con: duckdb.DuckDBPyConnection, new: Sequence[str], clusters: Sequence[str]
) -> None:
    """Put ``duplicates`` into the stored article JSON of new articles and of every member of
    a cluster that changed (its original may have)."""
    con.execute(
        "UPDATE articles SET json = json_merge_patch(articles.json, json_object('duplicates', "
        "json_object('cluster_id', d.cluster_id, 'original_id', d.original_id, "
        "'similarity', d.similarity, 'story_id', d.story_id))) FROM article_dedup d "
        "WHERE d.article_id = articles.id AND (d.article_id IN (SELECT UNNEST($1::VARCHAR[])) "
        "OR d.cluster_id IN (SELECT UNNEST($2::VARCHAR[])))",
        [list(new), list(clusters)],
    )


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
