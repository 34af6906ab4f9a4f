"""PLOVER's event records, as JSON Lines.

One record per real-world event with PLOVER's fields: ``id``, ``date``, ``actor`` and
``recipient`` (lists of entities ``{code, sector, entity_text, cluster_id}``), ``event``,
``mode``, ``context`` (a list), ``event_loc``, ``event_text``, ``quad_code``, ``dead``,
``injured``, ``size``, ``arrested``, ``link`` (the cluster id, which groups related reports),
``text``, ``text_info`` and ``cite_info``; frontwire adds ``status`` and ``cameo``. The fields
come from the event's coded record (``events.data``); an event stored without one (written by
another tool) falls back to its columns.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from frontwire.exports.events import EventRow

#: The keys of every record, in the order they are written.
PLOVER_FIELDS: tuple[str, ...] = (
    "id", "date", "actor", "recipient", "event", "mode", "context", "event_loc", "event_text",
    "quad_code", "dead", "injured", "size", "arrested", "link", "text", "text_info",
    "cite_info", "status", "cameo",
)  # fmt: skip


def plover_record(event: EventRow) -> dict[str, Any]:
    """The PLOVER record of one exported event."""
    v = event.values
    data = _json(v["data"])
    data = data if isinstance(data, dict) else {}
    coded = data.get("plover")
    plover: dict[str, Any] = coded if isinstance(coded, dict) else _from_columns(v)
    evidence = data.get("evidence") or _json(v["evidence"]) or []
    first = evidence[0] if evidence else {"text": v["notes"] or "", "start": None, "end": None}
    place = data.get("location")
    date = v["event_date"]
    cluster = v["cluster_id"] or v["event_id"]
    record = {
        "id": cluster,
        "date": date.isoformat() if date else None,
        "actor": plover.get("actor", []),
        "recipient": plover.get("recipient", []),
        "event": plover.get("event"),
        "mode": plover.get("mode"),
        "context": plover.get("context", []),
        "event_loc": _place(place) if isinstance(place, dict) else _place_of_columns(v),
        "event_text": first.get("text"),
        "quad_code": plover.get("quad_code"),
        "dead": plover.get("dead"),
        "injured": plover.get("injured"),
        "size": plover.get("size"),
        "arrested": plover.get("arrested"),
        "link": cluster,
        "text": " ".join(span.get("text", "") for span in evidence) or (v["notes"] or ""),
        "text_info": {
            "sentence": first.get("text"),
            "start": first.get("start"),
            "end": first.get("end"),
        },
        "cite_info": {
            "url": event.url,
            "title": event.title,
            "publication": event.outlet,
            "date": event.published,
        },
        "status": v["status"],
        "cameo": plover.get("cameo", v["cameo"]),
    }
    return {key: record[key] for key in PLOVER_FIELDS}


def plover_lines(events: Iterator[EventRow], batch: int = 256) -> Iterator[str]:
    """The JSON Lines, a batch of records at a time."""
    lines: list[str] = []
    for event in events:
        lines.append(json.dumps(plover_record(event), ensure_ascii=False) + "\n")
        if len(lines) == batch:
            yield "".join(lines)
            lines = []
    yield "".join(lines)


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _place(place: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": place.get("name"),
        "geonameid": place.get("geonameid"),
        "lat": place.get("latitude"),
        "lon": place.get("longitude"),
        "country_code": place.get("country_code"),
        "precision": place.get("precision"),
    }


def _place_of_columns(v: dict[str, Any]) -> dict[str, Any] | None:
    if v["location"] is None and v["latitude"] is None:
        return None
    return {
        "name": v["location"],
        "geonameid": None,
        "lat": v["latitude"],
        "lon": v["longitude"],
        "country_code": v["country_code"],
        "precision": v["geo_precision"],
    }


def _from_columns(v: dict[str, Any]) -> dict[str, Any]:
    # An actor named only by its ACLED name: no country code or sector is invented for it.
    def side(name: str | None) -> list[dict[str, Any]]:
        return [{"code": None, "sector": None, "entity_text": name}] if name else []

    return {
        "event": v["plover_event"],
        "mode": v["plover_mode"],
        "context": [c for c in (v["plover_context"] or "").split(";") if c],
        "actor": side(v["actor1"]),
        "recipient": side(v["actor2"]),
        "quad_code": v["quad_class"],
        "cameo": v["cameo"],
        "dead": v["fatalities"],
        "injured": v["injured"],
        "size": None,
        "arrested": None,
    }
