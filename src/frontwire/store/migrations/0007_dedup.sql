-- Copies and corroboration: what the dedup step keeps to update clusters incrementally.
--
-- dedup_signatures: each article's copy signature (content words, word-pair hashes, names and
-- numbers, MinHash values), so new articles are compared without re-reading old text.
-- dedup_buckets: one row per (LSH band, band hash) an article falls in; new articles look
-- their own band hashes up here instead of scanning every signature.
-- article_dedup: each article's copy cluster, its likely original, the similarity to its
-- closest copy, and its story. An article without a row here has not been deduplicated yet.
-- story_terms: the terms story clustering compares (entities, numbers, stemmed words).
-- event_links: events (table events) already corroborated, and the cluster each joined.
-- event_revisions: merges, splits and revisions of real-world events, with timestamps.

CREATE TABLE dedup_signatures (
    article_id VARCHAR PRIMARY KEY,
    digest     VARCHAR NOT NULL,
    words      VARCHAR[] NOT NULL,
    pairs      BIGINT[] NOT NULL,
    anchors    VARCHAR[] NOT NULL,
    length     INTEGER NOT NULL,
    published  VARCHAR NOT NULL,
    hashvalues UBIGINT[] NOT NULL
);
CREATE INDEX dedup_signatures_digest ON dedup_signatures (digest);

CREATE TABLE dedup_buckets (
    band       INTEGER NOT NULL,
    bucket     BIGINT NOT NULL,
    article_id VARCHAR NOT NULL
);
CREATE INDEX dedup_buckets_bucket ON dedup_buckets (bucket);

CREATE TABLE article_dedup (
    article_id  VARCHAR PRIMARY KEY,
    cluster_id  VARCHAR NOT NULL,
    original_id VARCHAR NOT NULL,
    similarity  DOUBLE NOT NULL,
    story_id    VARCHAR NOT NULL,
    seq         BIGINT NOT NULL,    -- order of arrival: the older cluster id wins a merge
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX article_dedup_cluster ON article_dedup (cluster_id);
CREATE INDEX article_dedup_story ON article_dedup (story_id);

CREATE TABLE story_terms (
    article_id VARCHAR PRIMARY KEY,
    terms      JSON NOT NULL,
    published  VARCHAR NOT NULL,
    headline   BOOLEAN NOT NULL
);

CREATE TABLE event_links (
    event_id   VARCHAR PRIMARY KEY,
    cluster_id VARCHAR NOT NULL,
    linked_at  TIMESTAMP NOT NULL
);

CREATE TABLE event_revisions (
    cluster_id VARCHAR NOT NULL,
    revised_at TIMESTAMP NOT NULL,
    action     VARCHAR NOT NULL,   -- created|merged|split|revised
    detail     JSON
);
CREATE INDEX event_revisions_cluster ON event_revisions (cluster_id);
