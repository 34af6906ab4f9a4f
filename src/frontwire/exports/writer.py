"""One export: the request, its checks, and the bytes, written to a file or streamed.

The CLI (``frontwire export``), the HTTP API (GET /export) and the Python API
(:func:`frontwire.export`) all build an :class:`ExportRequest` and take their bytes from
:meth:`Export.chunks`, so the same request gives the same bytes on every surface.
"""

from __future__ import annotations

import codecs
import contextlib
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Protocol

import duckdb

from frontwire.errors import StoreError
from frontwire.exports import events as event_query
from frontwire.exports.acled import acled_lines
from frontwire.exports.events import event_rows
from frontwire.exports.geojson import geojson_chunks
from frontwire.exports.plover import plover_lines
from frontwire.exports.tables import article_json_chunks, copy_chunks, table_query
from frontwire.store.rows import ALL_TABLES, ARTICLES
from frontwire.store.views import EventFilters

#: Formats that write events: ACLED CSV, PLOVER JSON Lines, GeoJSON.
EVENT_FORMATS: tuple[str, ...] = ("acled", "plover", "geojson")
#: Formats that write a table of the store.
TABLE_FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")
#: Every export format.
FORMATS: tuple[str, ...] = (*TABLE_FORMATS, *EVENT_FORMATS)
#: The tables a store holds and an export can write.
TABLES: tuple[str, ...] = tuple(spec.name for spec in ALL_TABLES)

_SPECS = {spec.name: spec for spec in ALL_TABLES}
# Media type and file-name ending of each format.
_MEDIA = {
    "acled": ("text/csv; charset=utf-8", "-acled.csv"),
    "plover": ("application/x-ndjson", "-plover.jsonl"),
    "geojson": ("application/geo+json", ".geojson"),
    "csv": ("text/csv; charset=utf-8", ".csv"),
    "jsonl": ("application/x-ndjson", ".jsonl"),
    "parquet": ("application/vnd.apache.parquet", ".parquet"),
}


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What to export.

    Attributes:
        format: one of :data:`FORMATS`.
        table: the table for ``jsonl``, ``csv`` and ``parquet`` (``None``: ``articles``); the
            event formats write ``events`` and take no other.
        filters: which events (the filters of GET /events); they apply to the event formats
            and to the ``events`` table. Without a ``status`` filter only events that
            happened are exported.
    """

    format: str = "jsonl"
    table: str | None = None
    filters: EventFilters = field(default_factory=EventFilters)


class Export:
    """A checked export, ready to stream.

    Args:
        con: a connection to the store (read-only is enough).
        request: what to export.

    Raises:
        StoreError: FW504 for an unknown format, FW503 for an unknown table, FW510 for event
            filters on a table other than ``events``, FW511 for an event format with another
            table.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, request: ExportRequest) -> None:
        fmt = request.format
        if fmt not in FORMATS:
            raise StoreError("FW504", fmt=fmt)
        if fmt in EVENT_FORMATS:
            if request.table not in (None, "events"):
                raise StoreError("FW511", fmt=fmt, table=request.table)
            table = "events"
        else:
            table = request.table or ARTICLES.name
            if table not in _SPECS:
                raise StoreError("FW503", table=table, known=", ".join(TABLES))
        if table != "events" and request.filters.model_dump(exclude_none=True):
            raise StoreError("FW510", table=table)
        self._con = con
        self.format = fmt
        self.table = table
        self.filters = request.filters
        self.media_type, ending = _MEDIA[fmt]
        self.filename = f"{table}{ending}"
        self._counted: list[int] = []

    @property
    def rows(self) -> int | None:
        """Rows (or records, or features) written, once :meth:`chunks` has been read to the
        end; ``None`` before."""
        return self._counted[-1] if self._counted else None

    def chunks(self) -> Iterator[bytes]:
        """The export's bytes, a piece at a time; memory stays bounded whatever the size."""
        if self.format in EVENT_FORMATS:
            lines: Callable[..., Iterator[str]] = {
                "acled": acled_lines,
                "plover": plover_lines,
                "geojson": geojson_chunks,
            }[self.format]
            counter = _Counter(event_rows(self._con, self.filters))
            for text in lines(counter):
                if text:
                    yield text.encode("utf-8")
            self._counted.append(counter.n)
        elif self.table == "articles" and self.format == "jsonl":
            yield from article_json_chunks(self._con, self._counted)
        elif self.table == "events":
            query, params = event_query.table_query(self.filters)
            yield from copy_chunks(self._con, query, params, self.format, self._counted)
        else:
            query = table_query(_SPECS[self.table])
            yield from copy_chunks(self._con, query, [], self.format, self._counted)


class _Counter:
    """Counts what passes through an iterator."""

    def __init__(self, items: Iterator[event_query.EventRow]) -> None:
        self._items = items
        self.n = 0

    def __iter__(self) -> Iterator[event_query.EventRow]:
        for item in self._items:
            self.n += 1
            yield item


def write_export(
    con: duckdb.DuckDBPyConnection, request: ExportRequest, out: str | Path | None = None
) -> int:
    """Write an export to a file (replaced if it exists) or to standard output.

    Args:
        con: a connection to the store.
        request: what to export.
        out: the file; ``None`` writes to standard output (not for Parquet).

    Returns:
        The number of rows (events, records, features) written.

    Raises:
        StoreError: as :class:`Export`; FW507 for Parquet without a file; FW508 when the file
            cannot be written or the store read.
    """
    export = Export(con, request)
    if out is None and export.format == "parquet":
        raise StoreError("FW507", fmt="parquet")
    target = "<stdout>" if out is None else str(out)
    try:
        with contextlib.ExitStack() as stack:
            stream: _ByteSink = (
                _stdout_bytes() if out is None else stack.enter_context(open(out, "wb"))
            )
            for chunk in export.chunks():
                stream.write(chunk)
            stream.flush()
    except (duckdb.Error, OSError) as exc:
        raise StoreError("FW508", table=export.table, path=target, detail=str(exc)) from exc
    return export.rows or 0


class _ByteSink(Protocol):
    def write(self, data: bytes, /) -> int: ...

    def flush(self) -> None: ...


def _stdout_bytes() -> _ByteSink:
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    return buffer if buffer is not None else _TextBytes(sys.stdout)


class _TextBytes:
    """Bytes written to a text-only stream (some test runners' stdout), decoded as UTF-8."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        # A chunk may end inside a character; the decoder keeps its first bytes for the next.
        self._decoder = codecs.getincrementaldecoder("utf-8")()

    def write(self, data: bytes, /) -> int:
        self._stream.write(self._decoder.decode(data))
        return len(data)

    def flush(self) -> None:
        self._stream.flush()
