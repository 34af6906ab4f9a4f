-- Stories by meaning: each article's dense vector (frontwire.dedup.vectors, 256 floats, unit
-- length) beside the terms story clustering already keeps, so new articles are compared with
-- stored ones without re-reading or re-embedding their text. Empty for articles deduplicated
-- before this migration: story clustering then falls back to the terms alone.
ALTER TABLE story_terms ADD COLUMN vector FLOAT[] DEFAULT [];
-- Two levels: a story is the coverage of one real-world event (ECB+'s subtopics), a topic
-- groups stories of one kind or theme (ECB+'s topics, wikiref220's labels). NULL for articles
-- deduplicated before this migration: readers take their story as their topic.
ALTER TABLE article_dedup ADD COLUMN topic_id VARCHAR;
-- What incremental story assignment needs so a batch costs time proportional to the batch:
-- story_df: in how many articles each story term occurs (the IDF of the whole store);
-- story_stats: how many articles have story terms, and the sum of their vectors (the mean
-- that vectors are centred on). Story blocking keys (an article's entity and rarest terms)
-- go into dedup_buckets with band -1: one index serves copies and stories.
CREATE TABLE story_df (
    term VARCHAR PRIMARY KEY,
    n    BIGINT NOT NULL
);
CREATE TABLE story_stats (
    id         INTEGER PRIMARY KEY,
    docs       BIGINT NOT NULL,
    vector_sum DOUBLE[] NOT NULL
);
