-- Shards and their completion (issue 6: resumable runs).
--
-- An input is read as shards (a file, for now); when every result of a shard is stored, the
-- driver records it here, in its own transaction after the shard's last batch. A rerun skips
-- the shards recorded here and redoes the others. The key derives from the path, the range
-- and a fingerprint of the file (size and modification time), so a changed file is a new shard.

CREATE TABLE shards (
    key         VARCHAR PRIMARY KEY,
    path        VARCHAR NOT NULL,
    start_line  BIGINT,            -- first line of the range (1-based); NULL for a whole file
    end_line    BIGINT,            -- last line of the range; NULL for a whole file
    fingerprint VARCHAR NOT NULL,  -- "size:mtime_ns" of the file when it was read
    run_id      VARCHAR,
    finished_at TIMESTAMP NOT NULL
);
