"""Hand-made rows of the store's ``events`` table, for tests, benchmarks and screenshots.

The table is the one the store's migrations create (``0006_events.sql``); nothing here defines
it again. Rows are shaped as the event coder and corroboration write them; a column a row
leaves out takes NULL or the column's default.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import duckdb


def replace_events(con: duckdb.DuckDBPyConnection, rows: Sequence[Mapping[str, Any]]) -> None:
    """Replace every event of the store (and corroboration's links and revisions of them)
    with ``rows``, so a test knows exactly which events the store holds."""
    for table in ("event_revisions", "event_links", "events"):
        con.execute(f"DELETE FROM {table}")
    insert_events(con, rows)


def insert_events(con: duckdb.DuckDBPyConnection, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert rows into the store's ``events`` table; ``cluster_id`` defaults to the event id."""
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
