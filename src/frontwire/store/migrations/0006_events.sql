-- Coded events (ACLED and PLOVER fields), one row per event as coded from one article.
--
-- Replaces the placeholder events table of 0001, which no stage ever wrote (there was no events
-- stage before this migration), with the shared layout the corroboration and API parts code
-- against. The corroboration columns (cluster_id .. independent_sources) are written here with
-- their defaults: each event is its own cluster until corroboration merges them.

DROP TABLE events;

CREATE TABLE events (
    event_id            VARCHAR PRIMARY KEY,
    article_id          VARCHAR NOT NULL,
    event_date          DATE,
    time_precision      INTEGER,
    disorder_type       VARCHAR,
    event_type          VARCHAR,
    sub_event_type      VARCHAR,
    actor1              VARCHAR,
    assoc_actor_1       VARCHAR,
    inter1              INTEGER,
    actor2              VARCHAR,
    assoc_actor_2       VARCHAR,
    inter2              INTEGER,
    interaction         INTEGER,
    civilian_targeting  VARCHAR,
    plover_event        VARCHAR,
    plover_mode         VARCHAR,
    plover_context      VARCHAR,
    quad_class          INTEGER,
    cameo               VARCHAR,
    country             VARCHAR,
    iso                 INTEGER,
    country_code        VARCHAR,
    admin1              VARCHAR,
    admin2              VARCHAR,
    location            VARCHAR,
    latitude            DOUBLE,
    longitude           DOUBLE,
    geo_precision       INTEGER,
    fatalities          INTEGER,
    fatalities_low      INTEGER,
    fatalities_best     INTEGER,
    fatalities_high     INTEGER,
    injured             INTEGER,
    status              VARCHAR,
    source_name         VARCHAR,
    notes               VARCHAR,
    evidence            JSON,
    data                JSON,
    cluster_id          VARCHAR,
    is_primary          BOOLEAN DEFAULT TRUE,
    reports             INTEGER DEFAULT 1,
    independent_sources INTEGER DEFAULT 1
);

CREATE INDEX events_date ON events (event_date);
CREATE INDEX events_latlon ON events (latitude, longitude);
CREATE INDEX events_type ON events (event_type, sub_event_type);
CREATE INDEX events_cluster ON events (cluster_id);
CREATE INDEX events_article ON events (article_id);
