"""Tables of the store as JSON Lines, CSV or Parquet, written by DuckDB.

``articles`` as JSON Lines is the public article JSON (``frontwire/article@1``), one object per
line. Every other table export has one row per table row with the table's columns (JSON
columns nested in JSON Lines, as JSON text in CSV and Parquet); ``articles`` leaves out its
``json`` column there, since the other columns and tables hold the same data. Rows are ordered
by the table's key (``events``: by date, then id), so the same store always gives the same
bytes.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from frontwire.store.rows import ARTICLES, TableSpec

# DuckDB's COPY options per format.
COPY_OPTIONS = {
    "jsonl": "FORMAT json",
    "csv": "FORMAT csv, HEADER true",
    "parquet": "FORMAT parquet",
}
# Bytes read from a finished file per chunk of the stream.
_CHUNK = 1 << 16


def table_query(spec: TableSpec) -> str:
    """Every row of a table other than ``events``, in key order."""
    columns = [name for name in spec.names if not (spec is ARTICLES and name == "json")]
    return f"SELECT {', '.join(columns)} FROM {spec.name} ORDER BY {', '.join(spec.key)}"


def copy_chunks(
    con: duckdb.DuckDBPyConnection, query: str, params: list[Any], fmt: str, counted: list[int]
) -> Iterator[bytes]:
    """``query``'s rows written by DuckDB's COPY in ``fmt``, streamed from a temporary file.

    DuckDB writes Parquet (and writes CSV and JSON fastest) only to a file, so the export goes
    to one in a private temporary folder, removed once it has been read.

    Args:
        con: the store's connection; the COPY runs on a cursor of its own.
        query: the SELECT to write.
        params: its bound parameters.
        fmt: ``"jsonl"``, ``"csv"`` or ``"parquet"``.
        counted: the number of rows written is appended to it.
    """
    folder = tempfile.mkdtemp(prefix="frontwire-export-")
    try:
        path = Path(folder) / f"export.{fmt}"
        cursor = con.cursor()
        try:
            row = cursor.execute(
                f"COPY ({query}) TO ${len(params) + 1} ({COPY_OPTIONS[fmt]})", [*params, str(path)]
            ).fetchone()
        finally:
            cursor.close()
        counted.append(int(row[0]) if row else 0)
        file = path.open("rb")
    finally:
        # Gone from the disk before the first byte is sent: the open handle keeps it readable
        # on POSIX, so no path (a failed COPY, a client that hangs up, a server stopped
        # mid-stream) leaves a copy behind.
        shutil.rmtree(folder, ignore_errors=True)
    with file:
        while data := file.read(_CHUNK):
            yield data


def article_json_chunks(con: duckdb.DuckDBPyConnection, counted: list[int]) -> Iterator[bytes]:
    """The stored article JSON, one object per line, ordered by id."""
    cursor = con.cursor()
    written = 0
    try:
        cursor.execute("SELECT json FROM articles ORDER BY id")
        while rows := cursor.fetchmany(256):
            written += len(rows)
            yield "".join(f"{row[0]}\n" for row in rows).encode("utf-8")
    finally:
        cursor.close()
    counted.append(written)
