"""The one query behind every export of events: which events, in which order, with what.

Every event format (ACLED, PLOVER, GeoJSON) and the ``events`` table in CSV, JSON Lines and
Parquet read the same rows: the primary row of each real-world event (one per corroborated
cluster) that matches the filters, ordered by date then id. The filters are translated to SQL by
:func:`frontwire.server.queries.event_where`, the translation GET /events uses, so an export
holds exactly the events the API lists for the same filters. Without a ``status`` filter, only
events that happened are exported (reported, claimed, estimated, historical); planned,
hypothetical and denied ones stay in the store, the article JSON and GET /events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import duckdb

from frontwire.store.rows import EVENTS
from frontwire.store.views import EventFilters, event_where

#: The statuses of events that happened: what an export lists unless a status is asked for.
HAPPENED: tuple[str, ...] = ("reported", "claimed", "estimated", "historical")

# Rows fetched at a time: memory stays bounded whatever the store's size.
FETCH_ROWS = 256

# A URL's host (without "www."), the publication's name when the article names no outlet.
_HOST = r"^[A-Za-z][A-Za-z0-9+.-]*://(?:www\.)?([^/:?#@]+)"


def event_conditions(filters: EventFilters) -> tuple[str, list[Any]]:
    """The WHERE clause (without the keyword) and parameters that pick the exported events.

    Args:
        filters: the event filters; an empty one picks every event that happened.

    Returns:
        SQL over the ``events`` table's columns, and its bound parameters (``$1``...).
    """
    where, params = event_where(filters)
    if filters.status is None:
        # Constants of this module, never request data, so they may be written into the SQL.
        where.append(f"status IN ({', '.join(repr(s) for s in HAPPENED)})")
    return " AND ".join(where), params


def has_events_table(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store has the ``events`` table exports read (with its cluster columns).

    A store made before the event coder (schema version below 6) has none: it exports no
    events rather than failing.
    """
    row = con.execute(
        "SELECT count(*) FROM duckdb_columns() WHERE schema_name = 'main' "
        "AND table_name = 'events' AND column_name IN ('cluster_id', 'is_primary')"
    ).fetchone()
    return row is not None and int(row[0]) == 2


def table_query(filters: EventFilters) -> tuple[str, list[Any]]:
    """The ``events`` table's columns for the exported events (CSV, JSON Lines, Parquet)."""
    cond, params = event_conditions(filters)
    sql = (
        f"SELECT {', '.join(EVENTS.names)} FROM events WHERE {cond} "
        "ORDER BY event_date NULLS LAST, event_id"
    )
    return sql, params


@dataclass(frozen=True, slots=True)
class EventRow:
    """One exported event: its primary ``events`` row and what its articles add.

    Attributes:
        values: the primary row's ``events`` columns by name (``evidence`` and ``data`` as
            JSON text).
        outlets: the publications that reported it (every article of its cluster, copies
            included), first publisher first; an article without an outlet counts by its URL's
            host.
        hosts: the URL hosts of those articles, for the source scale.
        url: the primary article's URL.
        title: its title.
        outlet: its outlet.
        published: its publication date as given.
        updated: when the event last changed: its article stored again or its cluster revised.
    """

    values: dict[str, Any]
    outlets: tuple[str, ...]
    hosts: tuple[str, ...]
    url: str | None
    title: str | None
    outlet: str | None
    published: str | None
    updated: dt.datetime | None


def _rows_sql(cond: str, revisions: bool) -> str:
    columns = ", ".join(f"e.{name}" for name in EVENTS.names)
    revised = (
        "SELECT cluster_id AS cluster_key, max(revised_at) AS revised_at "
        "FROM event_revisions GROUP BY cluster_id"
        if revisions
        else "SELECT NULL::VARCHAR AS cluster_key, NULL::TIMESTAMP AS revised_at WHERE false"
    )
    return f"""
WITH picked AS (
    SELECT *, coalesce(cluster_id, event_id) AS cluster_key FROM events WHERE {cond}
),
reporters AS (
    SELECT coalesce(r.cluster_id, r.event_id) AS cluster_key,
           coalesce(nullif(trim(a.outlet), ''), nullif(regexp_extract(a.url, '{_HOST}', 1), ''))
               AS name,
           nullif(lower(regexp_extract(a.url, '{_HOST}', 1)), '') AS host,
           a.published
    FROM events r JOIN articles a ON a.id = r.article_id
    WHERE coalesce(r.cluster_id, r.event_id) IN (SELECT cluster_key FROM picked)
),
outlets AS (
    SELECT cluster_key,
           list(name ORDER BY first_seen NULLS LAST, name) FILTER (WHERE name IS NOT NULL)
               AS names,
           list(DISTINCT host ORDER BY host) FILTER (WHERE host IS NOT NULL) AS hosts
    FROM (
        SELECT cluster_key, name, any_value(host) AS host, min(published) AS first_seen
        FROM reporters GROUP BY cluster_key, name
    )
    GROUP BY cluster_key
),
revised AS ({revised})
SELECT {columns}, o.names, o.hosts, a.url, a.title, a.outlet, a.published,
       greatest(a.updated_at, v.revised_at) AS updated
FROM picked e
LEFT JOIN articles a ON a.id = e.article_id
LEFT JOIN outlets o ON o.cluster_key = e.cluster_key
LEFT JOIN revised v ON v.cluster_key = e.cluster_key
ORDER BY e.event_date NULLS LAST, e.event_id
"""


def event_rows(con: duckdb.DuckDBPyConnection, filters: EventFilters) -> Iterator[EventRow]:
    """The exported events, one at a time, in export order.

    Args:
        con: a connection to the store (read-only is enough); the rows are read on a cursor
            of their own.
        filters: which events.

    Yields:
        One :class:`EventRow` per real-world event.
    """
    cursor = con.cursor()
    try:
        if not has_events_table(cursor):
            return
        revisions = cursor.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' "
            "AND table_name = 'event_revisions'"
        ).fetchone()
        cond, params = event_conditions(filters)
        cursor.execute(_rows_sql(cond, bool(revisions and revisions[0])), params)
        width = len(EVENTS.names)
        while rows := cursor.fetchmany(FETCH_ROWS):
            for row in rows:
                names, hosts, url, title, outlet, published, updated = row[width:]
                yield EventRow(
                    values=dict(zip(EVENTS.names, row[:width], strict=True)),
                    outlets=tuple(names or ()),
                    hosts=tuple(hosts or ()),
                    url=url,
                    title=title,
                    outlet=outlet,
                    published=published,
                    updated=updated,
                )
    finally:
        cursor.close()
