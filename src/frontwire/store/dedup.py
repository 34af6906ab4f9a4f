"""The dedup step's reads of the store: stories with their articles, events and places.

The SQL lives here, beside the tables it reads (``article_dedup``, ``events``, ``places``);
:mod:`frontwire.dedup.report` turns the rows into the records the CLI and the HTTP API show.
Every function takes an open connection (or cursor) and runs a fixed number of statements,
whatever the store's size: the story list is one grouped scan, a story's detail four lookups
by its indexed ``story_id``.
"""

from __future__ import annotations

from typing import Any

import duckdb

StoryRow = tuple[str, int, int, str, str | None, str | None]
ArticleRow = tuple[str, str, str | None, str | None, str | None, str]
EventRow = tuple[
    str, str | None, str | None, str | None, str | None, int | None, int | None, int | None
]


def has_events(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store has the corroborated ``events`` table."""
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'"
    ).fetchall()
    return {"cluster_id", "is_primary", "independent_sources"} <= {str(r[0]) for r in rows}


def story_rows(
    con: duckdb.DuckDBPyConnection, limit: int, offset: int = 0, min_articles: int = 1
) -> list[StoryRow]:
    """(story id, articles, independent sources, title, first, last published) of the
    largest stories first; a story's title is its earliest article's title or first line."""
    rows = con.execute(
        "SELECT d.story_id, count(*) AS n, count(DISTINCT d.cluster_id), "
        "  arg_min(coalesce(nullif(a.title, ''), split_part(trim(a.text), chr(10), 1)), "
        "          coalesce(nullif(a.published, ''), '9999') || a.id), "
        "  min(nullif(a.published, '')), max(nullif(a.published, '')) "
        "FROM article_dedup d JOIN articles a ON a.id = d.article_id "
        "GROUP BY d.story_id HAVING count(*) >= $3 "
        "ORDER BY n DESC, min(nullif(a.published, '')) DESC NULLS LAST, d.story_id "
        "LIMIT $1 OFFSET $2",
        [limit, offset, min_articles],
    ).fetchall()
    return [(str(s), int(n), int(c), str(t or ""), f, la) for s, n, c, t, f, la in rows]


def story_count(con: duckdb.DuckDBPyConnection, min_articles: int = 1) -> int:
    """How many stories have at least ``min_articles`` articles."""
    row = con.execute(
        "SELECT count(*) FROM (SELECT story_id FROM article_dedup GROUP BY story_id "
        "HAVING count(*) >= $1)",
        [min_articles],
    ).fetchone()
    return int(row[0]) if row else 0


def story_of(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    """The story id of ``key``, given as a story id or as the id of one of its articles."""
    row = con.execute(
        "SELECT story_id FROM article_dedup WHERE story_id = $1 OR article_id = $1 "
        "ORDER BY story_id = $1 DESC LIMIT 1",
        [key],
    ).fetchone()
    return str(row[0]) if row else None


def story_articles(con: duckdb.DuckDBPyConnection, story_id: str) -> list[ArticleRow]:
    """(id, title, outlet, published, url, copy cluster) of a story's articles, oldest first."""
    rows = con.execute(
        "SELECT a.id, coalesce(nullif(a.title, ''), split_part(trim(a.text), chr(10), 1)), "
        "a.outlet, nullif(a.published, ''), a.url, d.cluster_id "
        "FROM article_dedup d JOIN articles a ON a.id = d.article_id WHERE d.story_id = $1 "
        "ORDER BY nullif(a.published, '') NULLS LAST, a.id",
        [story_id],
    ).fetchall()
    return [(str(i), str(t or ""), o, p, u, str(c)) for i, t, o, p, u, c in rows]


def story_events(con: duckdb.DuckDBPyConnection, story_id: str) -> list[EventRow]:
    """(event id, date, event type, sub-event type, location, fatalities, reports,
    independent sources) of the real-world events the story's articles report, by date."""
    if not has_events(con):
        return []
    rows = con.execute(
        "SELECT p.event_id, CAST(p.event_date AS VARCHAR), p.event_type, p.sub_event_type, "
        "p.location, p.fatalities, p.reports, p.independent_sources FROM events p "
        "WHERE p.is_primary AND p.cluster_id IN (SELECT e.cluster_id FROM events e "
        "JOIN article_dedup d ON d.article_id = e.article_id WHERE d.story_id = $1) "
        "ORDER BY p.event_date NULLS LAST, p.event_id",
        [story_id],
    ).fetchall()
    return [tuple(r) for r in rows]


def story_places(con: duckdb.DuckDBPyConnection, story_id: str, top: int = 10) -> list[str]:
    """The places a story's articles mention literally, most mentioned first."""
    rows = con.execute(
        "SELECT p.name FROM places p JOIN article_dedup d ON d.article_id = p.article_id "
        "WHERE d.story_id = $1 AND coalesce(p.use, 'literal') = 'literal' "
        "GROUP BY p.name ORDER BY count(*) DESC, p.name LIMIT $2",
        [story_id, top],
    ).fetchall()
    return [str(r[0]) for r in rows]


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> int:
    """The first column of the first row of ``sql`` as an int (0 for none)."""
    row = con.execute(sql, params or []).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


#: The ``dedup_buckets`` band that holds story blocking keys (copy bands are 0 and up).
STORY_BAND = -1

StoredDoc = tuple[str, str, str, bool, list[float], str, str]


def add_story_stats(
    con: duckdb.DuckDBPyConnection,
    term_counts: dict[str, int],
    docs: int,
    vector_sum: list[float],
) -> None:
    """Add a batch's document frequencies, article count and vector sum to the store's."""
    if term_counts:
        con.execute(
            "INSERT INTO story_df SELECT UNNEST($1::VARCHAR[]), UNNEST($2::BIGINT[]) "
            "ON CONFLICT (term) DO UPDATE SET n = story_df.n + excluded.n",
            [list(term_counts), list(term_counts.values())],
        )
    row = con.execute("SELECT docs, vector_sum FROM story_stats WHERE id = 1").fetchone()
    if row is None:
        con.execute("INSERT INTO story_stats VALUES (1, $1, $2)", [docs, vector_sum])
        return
    old = list(row[1]) if row[1] else [0.0] * len(vector_sum)
    summed = [a + b for a, b in zip(old, vector_sum, strict=False)] if vector_sum else old
    con.execute(
        "UPDATE story_stats SET docs = docs + $1, vector_sum = $2 WHERE id = 1", [docs, summed]
    )


def story_stats(con: duckdb.DuckDBPyConnection) -> tuple[int, list[float]] | None:
    """(articles counted, vector sum) of the store, None before its first story doc."""
    row = con.execute("SELECT docs, vector_sum FROM story_stats WHERE id = 1").fetchone()
    if row is None:
        return None
    return int(row[0]), [float(v) for v in row[1] or []]


def put_story_stats(
    con: duckdb.DuckDBPyConnection, term_counts: dict[str, int], docs: int, vector_sum: list[float]
) -> None:
    """Add ``term_counts`` to the document frequencies and set the article count and vector
    sum to ``docs`` and ``vector_sum`` (totals the caller kept, :func:`add_story_stats`'s
    arithmetic done in memory)."""
    if term_counts:
        con.execute(
            "INSERT INTO story_df SELECT UNNEST($1::VARCHAR[]), UNNEST($2::BIGINT[]) "
            "ON CONFLICT (term) DO UPDATE SET n = story_df.n + excluded.n",
            [list(term_counts), list(term_counts.values())],
        )
    con.execute("INSERT OR REPLACE INTO story_stats VALUES (1, $1, $2)", [docs, vector_sum])


def story_corpus(
    con: duckdb.DuckDBPyConnection, terms: list[str]
) -> tuple[dict[str, int], int, list[float]]:
    """(document frequency of each of ``terms``, articles counted, vector sum)."""
    df = {
        str(t): int(n)
        for t, n in con.execute(
            "SELECT term, n FROM story_df WHERE term IN (SELECT UNNEST($1::VARCHAR[]))", [terms]
        ).fetchall()
    }
    row = con.execute("SELECT docs, vector_sum FROM story_stats WHERE id = 1").fetchone()
    if row is None:
        return df, 0, []
    return df, int(row[0]), [float(v) for v in row[1] or []]


def add_story_keys(con: duckdb.DuckDBPyConnection, keys: list[tuple[str, int]]) -> None:
    """Index ``(article id, blocking key)`` pairs."""
    if keys:
        con.execute(
            "INSERT INTO dedup_buckets SELECT $1, UNNEST($2::BIGINT[]), UNNEST($3::VARCHAR[])",
            [STORY_BAND, [k for _, k in keys], [a for a, _ in keys]],
        )


def story_postings(con: duckdb.DuckDBPyConnection, keys: list[int]) -> list[tuple[int, str]]:
    """(blocking key, stored article id) for each of ``keys``."""
    rows = con.execute(
        "SELECT bucket, article_id FROM dedup_buckets WHERE band = $1 "
        "AND bucket IN (SELECT UNNEST($2::BIGINT[]))",
        [STORY_BAND, keys],
    ).fetchall()
    return [(int(k), str(a)) for k, a in rows]


def story_docs_of(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[StoredDoc]:
    """Stored story docs of ``ids``: (id, terms JSON, published, headline, vector, story id,
    topic id)."""
    # Read as Arrow: the vectors come out as one float array, not 256 Python floats a row
    # (``fetchall`` of them was most of this read, docs/BENCHMARKS.md "Stories").
    table: Any = con.sql(
        "SELECT t.article_id, t.terms, t.published, t.headline, coalesce(t.vector, []) AS v, "
        "d.story_id, coalesce(d.topic_id, d.story_id) AS topic FROM story_terms t "
        "JOIN article_dedup d USING (article_id) WHERE t.article_id IN "
        "(SELECT UNNEST($1::VARCHAR[])) ORDER BY t.article_id",
        params=[ids],
    ).to_arrow_table()
    cols = [table.column(i).to_pylist() for i in (0, 1, 2, 3, 5, 6)]
    lists = table.column(4).combine_chunks()
    # One conversion to Python floats for all rows, then slices: a tolist per row cost as
    # much again in call overhead as the conversion itself.
    flat = lists.flatten().to_numpy(zero_copy_only=False).astype(float).tolist()
    ends = (lists.offsets.to_numpy() - lists.offsets[0].as_py()).tolist()
    vectors = [flat[ends[i] : ends[i + 1]] for i in range(len(lists))]
    return [
        (str(a), str(terms), str(p), bool(h), v, str(s), str(t))
        for a, terms, p, h, v, s, t in zip(*cols[:4], vectors, *cols[4:], strict=True)
    ]


def set_stories(
    con: duckdb.DuckDBPyConnection, ids: list[str], stories: list[str], topics: list[str]
) -> None:
    """Write the story and topic of each article in ``ids``."""
    con.execute(
        "UPDATE article_dedup SET story_id = m.s, topic_id = m.t FROM (SELECT "
        "UNNEST($1::VARCHAR[]) AS a, UNNEST($2::VARCHAR[]) AS s, UNNEST($3::VARCHAR[]) AS t) m "
        "WHERE article_dedup.article_id = m.a",
        [ids, stories, topics],
    )


def insert_story_terms(
    con: duckdb.DuckDBPyConnection, rows: list[tuple[str, str, str, bool, list[float]]]
) -> None:
    """Store ``(article id, terms JSON, published, headline, vector)`` rows."""
    if not rows:
        return
    import numpy as np
    import pyarrow as pa

    # One Arrow table, scanned by DuckDB in C: 20x faster than UNNEST over Python lists of
    # 256 floats a row, which was the largest cost of adding a batch's stories.
    lengths = np.fromiter((len(r[4]) for r in rows), dtype=np.int32, count=len(rows))
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int32)
    flat = np.concatenate([np.asarray(r[4], dtype=np.float32) for r in rows])
    table = pa.table(
        {
            "article_id": [r[0] for r in rows],
            "terms": [r[1] for r in rows],
            "published": [r[2] for r in rows],
            "headline": [bool(r[3]) for r in rows],
            "vector": pa.ListArray.from_arrays(pa.array(offsets), pa.array(flat)),
        }
    )
    con.register("_frontwire_story_terms", table)
    try:
        con.execute(
            "INSERT OR REPLACE INTO story_terms (article_id, terms, published, headline, vector) "
            "SELECT article_id, terms::JSON, published, headline, vector::FLOAT[] "
            "FROM _frontwire_story_terms"
        )
    finally:
        con.unregister("_frontwire_story_terms")


def missing_vectors(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Ids of stored story docs without a vector (stored before migration 0008), in order."""
    rows = con.execute(
        "SELECT article_id FROM story_terms WHERE vector IS NULL OR len(vector) = 0 "
        "ORDER BY article_id"
    ).fetchall()
    return [str(r[0]) for r in rows]


def article_texts(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[tuple[str, str, str]]:
    """(id, text, title) of the stored articles ``ids``."""
    rows = con.execute(
        "SELECT id, text, coalesce(title, '') FROM articles WHERE id IN "
        "(SELECT UNNEST($1::VARCHAR[])) ORDER BY id",
        [ids],
    ).fetchall()
    return [(str(a), str(t), str(h)) for a, t, h in rows]


def set_story_vectors(con: duckdb.DuckDBPyConnection, ids: list[str], vectors: Any) -> None:
    """Write the vectors (a float32 array, one row per id) of stored story docs."""
    import pyarrow as pa

    flat = pa.array(vectors.astype("float32").ravel())
    width = vectors.shape[1]
    offsets = pa.array([i * width for i in range(len(ids) + 1)], type=pa.int32())
    table = pa.table({"a": ids, "v": pa.ListArray.from_arrays(offsets, flat)})
    con.register("_frontwire_story_vectors", table)
    try:
        con.execute(
            "UPDATE story_terms SET vector = m.v::FLOAT[] FROM _frontwire_story_vectors m "
            "WHERE story_terms.article_id = m.a"
        )
    finally:
        con.unregister("_frontwire_story_vectors")


def move_clusters(con: duckdb.DuckDBPyConnection, moved: list[tuple[str, str]], now: Any) -> None:
    """Rename copy clusters ``(old, new)``: a batch joined them and the older id wins."""
    if moved:
        con.execute(
            "UPDATE article_dedup SET cluster_id = m.new, updated_at = $3 FROM "
            "(SELECT UNNEST($1::VARCHAR[]) AS old, UNNEST($2::VARCHAR[]) AS new) m "
            "WHERE article_dedup.cluster_id = m.old",
            [[o for o, _ in moved], [n for _, n in moved], now],
        )


def raise_similarity(con: duckdb.DuckDBPyConnection, raised: list[tuple[str, float]]) -> None:
    """Raise stored articles' similarity to their closest copy to ``(article, value)``."""
    if raised:
        con.execute(
            "UPDATE article_dedup SET similarity = greatest(similarity, m.v) FROM "
            "(SELECT UNNEST($1::VARCHAR[]) AS a, UNNEST($2::DOUBLE[]) AS v) m "
            "WHERE article_dedup.article_id = m.a AND article_dedup.similarity < 1.0",
            [[a for a, _ in raised], [v for _, v in raised]],
        )


def insert_article_dedup(
    con: duckdb.DuckDBPyConnection,
    ids: list[str],
    clusters: list[str],
    similarities: list[float],
    seqs: list[int],
    now: Any,
) -> None:
    """New ``article_dedup`` rows (each its own original until :func:`set_originals`)."""
    con.execute(
        "INSERT INTO article_dedup (article_id, cluster_id, original_id, similarity, story_id, "
        "seq, updated_at) SELECT UNNEST($1::VARCHAR[]), UNNEST($2::VARCHAR[]), "
        "UNNEST($1::VARCHAR[]), UNNEST($3::DOUBLE[]), '', UNNEST($4::BIGINT[]), $5",
        [ids, clusters, similarities, seqs, now],
    )


def set_originals(con: duckdb.DuckDBPyConnection, clusters: list[str]) -> None:
    """Each cluster's likely original: earliest published (unknown last), then longest."""
    con.execute(
        "UPDATE article_dedup SET original_id = o.original FROM ("
        "  SELECT d.cluster_id, first(d.article_id ORDER BY "
        "    CASE WHEN s.published = '' THEN '9999' ELSE s.published END, "
        "    s.length DESC, d.article_id) AS original "
        "  FROM article_dedup d JOIN dedup_signatures s USING (article_id) "
        "  WHERE d.cluster_id IN (SELECT UNNEST($1::VARCHAR[])) GROUP BY d.cluster_id) o "
        "WHERE article_dedup.cluster_id = o.cluster_id",
        [list(clusters)],
    )


def refresh_duplicates_json(
    con: duckdb.DuckDBPyConnection, new: list[str], clusters: list[str]
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


def entities_of(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, list[tuple[str, str]]]:
    """``(text, kind)`` of each article's entities, in text order."""
    out: dict[str, list[tuple[str, str]]] = {}
    for article_id, text, kind in con.execute(
        "SELECT article_id, text, kind FROM entities WHERE article_id IN "
        "(SELECT UNNEST($1::VARCHAR[])) ORDER BY article_id, idx",
        [ids],
    ).fetchall():
        out.setdefault(str(article_id), []).append((str(text), str(kind)))
    return out
