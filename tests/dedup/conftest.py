"""Store fixtures for dedup tests: the ``events`` table as the events stage will create it.

The events stage's migration is not in this branch; the fixture builds the table with exactly
the columns of the contract between the events and corroboration parts, replacing the older
``events`` child table, and tests fill it with events they write themselves.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest

from frontwire.config import load_config
from frontwire.dedup.index import DedupOptions
from frontwire.store import Store

EVENTS_DDL = """
DROP TABLE IF EXISTS events;
CREATE TABLE events (
    event_id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, event_date DATE,
    time_precision INTEGER, disorder_type VARCHAR, event_type VARCHAR, sub_event_type VARCHAR,
    actor1 VARCHAR, assoc_actor_1 VARCHAR, inter1 INTEGER, actor2 VARCHAR,
    assoc_actor_2 VARCHAR, inter2 INTEGER, interaction INTEGER, civilian_targeting VARCHAR,
    plover_event VARCHAR, plover_mode VARCHAR, plover_context VARCHAR, quad_class INTEGER,
    cameo VARCHAR, country VARCHAR, iso INTEGER, country_code VARCHAR, admin1 VARCHAR,
    admin2 VARCHAR, location VARCHAR, latitude DOUBLE, longitude DOUBLE, geo_precision INTEGER,
    fatalities INTEGER, fatalities_low INTEGER, fatalities_best INTEGER,
    fatalities_high INTEGER, injured INTEGER, status VARCHAR, source_name VARCHAR,
    notes VARCHAR, evidence JSON, data JSON, cluster_id VARCHAR,
    is_primary BOOLEAN DEFAULT TRUE, reports INTEGER DEFAULT 1,
    independent_sources INTEGER DEFAULT 1
);
CREATE INDEX events_date ON events (event_date);
CREATE INDEX events_latlon ON events (latitude, longitude);
CREATE INDEX events_type ON events (event_type, sub_event_type);
CREATE INDEX events_cluster ON events (cluster_id);
"""


def create_events_table(con: duckdb.DuckDBPyConnection) -> None:
    for statement in EVENTS_DDL.split(";"):
        if statement.strip():
            con.execute(statement)


def add_event(
    con: duckdb.DuckDBPyConnection, event_id: str, article_id: str, **values: Any
) -> None:
    """Insert one event row as the events stage would (cluster_id = event_id)."""
    row = {
        "event_id": event_id,
        "article_id": article_id,
        "cluster_id": event_id,
        "evidence": json.dumps([]),
        "data": json.dumps({"event_id": event_id}),
        **values,
    }
    names = ", ".join(row)
    marks = ", ".join(f"${i}" for i in range(1, len(row) + 1))
    con.execute(f"INSERT INTO events ({names}) VALUES ({marks})", list(row.values()))


@pytest.fixture(name="add_event")
def add_event_fixture():  # type: ignore[no-untyped-def]
    return add_event


@pytest.fixture
def options() -> DedupOptions:
    return DedupOptions.from_config(load_config()["dedup"])


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Store(tmp_path / "dedup.duckdb") as opened:
        create_events_table(opened.connection)
        yield opened
