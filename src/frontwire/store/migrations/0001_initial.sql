-- The first schema of the frontwire store.
--
-- One row per article; its entities, quotes, places and events in child tables keyed by
-- (article_id, idx), idx being the position in the article's tuple. Offsets are character
-- offsets: start_char/end_char into the repaired text, orig_start/orig_end into the original.
-- Timestamps the store sets itself are UTC; run timestamps keep the ISO 8601 strings the
-- executor reported. Migrations run inside a transaction: no BEGIN/COMMIT here.

CREATE TABLE articles (
    id            VARCHAR PRIMARY KEY,
    path          VARCHAR,
    url           VARCHAR,
    outlet        VARCHAR,
    title         VARCHAR,
    published     VARCHAR,
    original_text VARCHAR NOT NULL,
    text          VARCHAR NOT NULL,
    verdict       VARCHAR,
    forensics     JSON,
    edits         JSON,
    boilerplate   JSON,
    metadata      JSON,
    json          JSON NOT NULL,   -- the public article JSON (frontwire/article@1)
    run_id        VARCHAR,
    updated_at    TIMESTAMP NOT NULL
);

CREATE TABLE entities (
    article_id VARCHAR NOT NULL,
    idx        INTEGER NOT NULL,
    label      VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL,
    role       VARCHAR,
    text       VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    orig_start INTEGER NOT NULL,
    orig_end   INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE quotes (
    article_id VARCHAR NOT NULL,
    idx        INTEGER NOT NULL,
    direct     BOOLEAN NOT NULL,
    content    JSON NOT NULL,
    speaker    JSON,
    cue        JSON,
    text       VARCHAR NOT NULL,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE places (
    article_id   VARCHAR NOT NULL,
    idx          INTEGER NOT NULL,
    name         VARCHAR NOT NULL,
    geonameid    BIGINT,
    latitude     DOUBLE,
    longitude    DOUBLE,
    country_code VARCHAR,
    admin1       VARCHAR,
    precision    INTEGER,
    text         VARCHAR NOT NULL,
    start_char   INTEGER NOT NULL,
    end_char     INTEGER NOT NULL,
    orig_start   INTEGER NOT NULL,
    orig_end     INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE events (
    article_id VARCHAR NOT NULL,
    idx        INTEGER NOT NULL,
    event_id   VARCHAR NOT NULL,
    type       VARCHAR NOT NULL,
    date       VARCHAR,
    killed     BIGINT,
    injured    BIGINT,
    evidence   JSON NOT NULL,
    actor      JSON,
    target     JSON,
    place      JSON,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE rejects (
    id         VARCHAR PRIMARY KEY,
    code       VARCHAR NOT NULL,
    reason     VARCHAR NOT NULL,
    stage      VARCHAR NOT NULL,
    path       VARCHAR,
    line       INTEGER,
    article_id VARCHAR,
    payload    VARCHAR,
    run_id     VARCHAR,
    created_at TIMESTAMP NOT NULL   -- when this reject was first recorded
);

CREATE TABLE runs (
    run_id      VARCHAR PRIMARY KEY,
    started_at  VARCHAR NOT NULL,
    finished_at VARCHAR,
    articles    BIGINT NOT NULL,
    rejected    BIGINT NOT NULL,
    stages      JSON NOT NULL
);
