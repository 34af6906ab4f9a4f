"""Events as one GeoJSON FeatureCollection (RFC 7946).

Each feature is what GET /events?format=geojson gives for the event: a Point at
``[longitude, latitude]`` (a null geometry when the place is unknown), the cluster id as its
``id``, and the event's ``events`` columns as its properties.
"""

from __future__ import annotations

from collections.abc import Iterator

from frontwire.exports.events import EventRow
from frontwire.store.views import EVENT_COLUMNS, Event, geojson_feature


def geojson_chunks(events: Iterator[EventRow], batch: int = 256) -> Iterator[str]:
    """The FeatureCollection, streamed a batch of features at a time."""
    yield '{"type":"FeatureCollection","features":['
    parts: list[str] = []
    first = True
    for event in events:
        row = Event(**{name: event.values[name] for name in EVENT_COLUMNS})
        feature = geojson_feature(row).model_dump_json()
        parts.append(feature if first else "," + feature)
        first = False
        if len(parts) == batch:
            yield "".join(parts)
            parts = []
    yield "".join(parts) + "]}"
