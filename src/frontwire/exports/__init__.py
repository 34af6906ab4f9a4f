"""Exports: one writer per output format, used by the CLI, the HTTP API and the Python API.

::

    ExportRequest(format, table, filters) ──▶ Export ──▶ chunks() ──▶ file, stdout or HTTP body
                                                │
        events.py: the exported events (filters → SQL by server.queries.event_where)
          ├── acled.py    ACLED's 31 columns, CSV
          ├── plover.py   PLOVER records, JSON Lines
          └── geojson.py  a GeoJSON FeatureCollection
        tables.py: a table of the store as JSON Lines, CSV or Parquet (DuckDB's COPY);
                   the events table through the same filters as the event formats

Example:
    >>> import duckdb
    >>> from frontwire.exports import ExportRequest, Export
    >>> Export(duckdb.connect(), ExportRequest(format="acled")).filename
    'events-acled.csv'
"""

from frontwire.exports.acled import ACLED_COLUMNS, ACLED_DTYPES
from frontwire.exports.events import HAPPENED
from frontwire.exports.plover import PLOVER_FIELDS
from frontwire.exports.writer import (
    EVENT_FORMATS,
    FORMATS,
    TABLE_FORMATS,
    TABLES,
    Export,
    ExportRequest,
    write_export,
)

__all__ = [
    "ACLED_COLUMNS",
    "ACLED_DTYPES",
    "EVENT_FORMATS",
    "FORMATS",
    "HAPPENED",
    "PLOVER_FIELDS",
    "TABLES",
    "TABLE_FORMATS",
    "Export",
    "ExportRequest",
    "write_export",
]
