"""Event exports users load into their own tools: ACLED's 31 columns (CSV) and PLOVER JSON Lines.

Both list the primary row of each event cluster (``is_primary``) and only events that happened
(status reported, claimed, estimated or historical): planned, hypothetical and denied ones stay
in the store and the article JSON. ``event_id_cnty`` holds frontwire's cluster id, ``notes`` the
evidence sentences, ``timestamp`` the Unix time the article was stored.
"""

from __future__ import annotations

import contextlib
import csv
import json
import sys
from pathlib import Path
from typing import IO, Any

import duckdb

#: ACLED's export columns, in ACLED's order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip

#: pandas dtypes that read an ACLED export back (nullable integers: a date may be unknown).
_INTEGER_COLUMNS = (
    "year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
    "fatalities", "timestamp",
)  # fmt: skip
ACLED_DTYPES: dict[str, str] = {
    **{c: "string" for c in ACLED_COLUMNS},
    **{c: "Int64" for c in _INTEGER_COLUMNS},
    "latitude": "float64",
    "longitude": "float64",
}

HAPPENED = ("reported", "claimed", "estimated", "historical")

_ACLED_QUERY = f"""
SELECT e.cluster_id AS event_id_cnty, e.event_date, year(e.event_date) AS year,
       e.time_precision, e.disorder_type, e.event_type, e.sub_event_type, e.actor1,
       e.assoc_actor_1, e.inter1, e.actor2, e.assoc_actor_2, e.inter2, e.interaction,
       e.civilian_targeting, e.iso, NULL::VARCHAR AS region, e.country, e.admin1, e.admin2,
       NULL::VARCHAR AS admin3, e.location, e.latitude, e.longitude, e.geo_precision,
       e.source_name AS source, NULL::VARCHAR AS source_scale, e.notes, e.fatalities,
       NULL::VARCHAR AS tags, epoch(a.updated_at)::BIGINT AS timestamp
FROM events e JOIN articles a ON a.id = e.article_id
WHERE e.is_primary AND e.status IN ({", ".join(f"'{s}'" for s in HAPPENED)})
ORDER BY e.event_date NULLS LAST, e.cluster_id
"""
_PLOVER_QUERY = f"""
SELECT e.cluster_id, e.data, a.url, a.title, a.outlet, a.published
FROM events e JOIN articles a ON a.id = e.article_id
WHERE e.is_primary AND e.status IN ({", ".join(f"'{s}'" for s in HAPPENED)})
ORDER BY e.event_date NULLS LAST, e.cluster_id
"""


@contextlib.contextmanager
def _output(out: str | Path | None) -> Any:
    if out is None:
        yield sys.stdout
        sys.stdout.flush()
    else:
        with open(out, "w", encoding="utf-8", newline="") as handle:
            yield handle


def export_acled(con: duckdb.DuckDBPyConnection, out: str | Path | None) -> int:
    """Write the ACLED CSV; returns the number of rows."""
    cursor = con.execute(_ACLED_QUERY)
    written = 0
    with _output(out) as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(ACLED_COLUMNS)
        while rows := cursor.fetchmany(256):
            for row in rows:
                writer.writerow(["" if v is None else v for v in row])
            written += len(rows)
    return written


def plover_record(cluster_id: str, data: dict[str, Any], cite: dict[str, Any]) -> dict[str, Any]:
    """The PLOVER JSON record of one stored event."""
    plover = data["plover"]
    evidence = data["evidence"]
    first = evidence[0] if evidence else {"text": "", "start": None, "end": None}
    place = data.get("location")
    return {
        "id": cluster_id,
        "date": data.get("date"),
        "actor": plover["actor"],
        "recipient": plover["recipient"],
        "event": plover["event"],
        "mode": plover["mode"],
        "context": plover["context"],
        "event_loc": (
            {
                "name": place.get("name"),
                "geonameid": place.get("geonameid"),
                "lat": place.get("latitude"),
                "lon": place.get("longitude"),
                "country_code": place.get("country_code"),
                "precision": place.get("precision"),
            }
            if place
            else None
        ),
        "event_text": first["text"],
        "quad_code": plover["quad_code"],
        "dead": plover["dead"],
        "injured": plover["injured"],
        "size": plover["size"],
        "arrested": plover["arrested"],
        "link": cluster_id,
        "text": " ".join(span["text"] for span in evidence),
        "text_info": {"sentence": first["text"], "start": first["start"], "end": first["end"]},
        "cite_info": cite,
        "status": data.get("status"),
        "cameo": plover.get("cameo"),
    }


def export_plover(con: duckdb.DuckDBPyConnection, out: str | Path | None) -> int:
    """Write PLOVER JSON Lines; returns the number of records."""
    cursor = con.execute(_PLOVER_QUERY)
    written = 0
    stream: IO[str]
    with _output(out) as stream:
        while rows := cursor.fetchmany(256):
            for cluster_id, data, url, title, outlet, published in rows:
                cite = {"url": url, "title": title, "publication": outlet, "date": published}
                record = plover_record(cluster_id, json.loads(data), cite)
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += len(rows)
    return written
