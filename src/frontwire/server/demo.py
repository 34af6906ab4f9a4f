"""The ``events`` table of the store contract, for tests, benchmarks and screenshots.

The store's migration for this table comes with the event coder; until a store has it, tests
and benchmarks create it here with exactly the contract's columns, and insert rows shaped as
the event coder and corroboration write them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import duckdb

EVENTS_DDL = """
CREATE TABLE events (
    event_id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, event_date DATE,
    time_precision INTEGER, disorder_type VARCHAR, event_type VARCHAR, sub_event_type VARCHAR,
    actor1 VARCHAR, assoc_actor_1 VARCHAR, inter1 INTEGER, actor2 VARCHAR, assoc_actor_2 VARCHAR,
    inter2 INTEGER, interaction INTEGER, civilian_targeting VARCHAR, plover_event VARCHAR,
    plover_mode VARCHAR, plover_context VARCHAR, quad_class INTEGER, cameo VARCHAR,
    country VARCHAR, iso INTEGER, country_code VARCHAR, admin1 VARCHAR, admin2 VARCHAR,
    location VARCHAR, latitude DOUBLE, longitude DOUBLE, geo_precision INTEGER,
    fatalities INTEGER, fatalities_low INTEGER, fatalities_best INTEGER, fatalities_high INTEGER,
    injured INTEGER, status VARCHAR, source_name VARCHAR, notes VARCHAR, evidence JSON, data JSON,
    cluster_id VARCHAR, is_primary BOOLEAN DEFAULT TRUE, reports INTEGER DEFAULT 1,
    independent_sources INTEGER DEFAULT 1
)
"""
EVENTS_INDEXES = (
    "CREATE INDEX events_date ON events (event_date)",
    "CREATE INDEX events_latlon ON events (latitude, longitude)",
    "CREATE INDEX events_type ON events (event_type, sub_event_type)",
    "CREATE INDEX events_cluster ON events (cluster_id)",
)
REVISIONS_DDL = (
    "CREATE TABLE event_revisions (cluster_id VARCHAR, revised_at TIMESTAMP, action VARCHAR, "
    "detail JSON)"
)


def create_events_table(con: duckdb.DuckDBPyConnection, *, revisions: bool = True) -> None:
    """Replace the store's older per-article ``events`` table with the contract's."""
    con.execute("DROP TABLE IF EXISTS events")
    con.execute(EVENTS_DDL)
    for sql in EVENTS_INDEXES:
        con.execute(sql)
    if revisions:
        con.execute("DROP TABLE IF EXISTS event_revisions")
        con.execute(REVISIONS_DDL)


def insert_events(con: duckdb.DuckDBPyConnection, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert contract-shaped rows (missing columns take NULL or the column default)."""
    for row in rows:
        values = dict(row)
        for key in ("evidence", "data"):
            if key in values and not isinstance(values[key], str):
                values[key] = json.dumps(values[key], ensure_ascii=False)
        values.setdefault("cluster_id", values["event_id"])
        names = list(values)
        marks = ", ".join(f"${i}" for i in range(1, len(names) + 1))
        con.execute(
            f"INSERT INTO events ({', '.join(names)}) VALUES ({marks})", list(values.values())
        )


def evidence_span(text: str, sentence: str) -> dict[str, int | str]:
    """The Span JSON of ``sentence`` inside ``text`` (repaired and original offsets equal, as
    in an article forensics did not change before that point).

    Raises:
        ValueError: when the sentence is not in the text.
    """
    start = text.index(sentence)
    end = start + len(sentence)
    return {"start": start, "end": end, "text": sentence, "orig_start": start, "orig_end": end}
