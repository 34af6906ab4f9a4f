"""ACLED's export: its 31 columns, in its order, as CSV.

Column by column, following ACLED's codebook:

- ``event_id_cnty`` is frontwire's cluster id, which stays the same when corroboration merges
  reports into the event (ACLED's ids stay the same when an event is revised).
- ``source`` is the publications that reported the event, outlet names joined with ``"; "``,
  first publisher first: every article of the event's cluster counts, copies included. An
  article that names no outlet counts by its URL's host.
- ``source_scale`` is the scale of those sources. frontwire only knows one of ACLED's scales
  without being told, "New media" (an article from a social-media or messaging platform); an
  event whose every source is on one is "New media", any other is left empty rather than
  guessed.
- ``notes`` is the evidence sentences as one paragraph; when a named speaker is the source of
  the report, it ends with "[according to <speaker>]".
- ``fatalities`` is the conservative figure, 0 when no figure is reported, as ACLED.
- ``timestamp`` is the Unix time the event last changed (its article stored, its cluster
  revised).
- ``region``, ``admin3`` and ``tags`` are empty: frontwire does not code them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC
from typing import Any

from frontwire.exports.events import EventRow

#: ACLED's export columns, in ACLED's order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip

_INTEGER_COLUMNS = (
    "year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
    "fatalities", "timestamp",
)  # fmt: skip
#: pandas dtypes that read an ACLED export back (nullable integers: a date may be unknown).
ACLED_DTYPES: dict[str, str] = {
    **{c: "string" for c in ACLED_COLUMNS},
    **{c: "Int64" for c in _INTEGER_COLUMNS},
    "latitude": "float64",
    "longitude": "float64",
}

#: Hosts of social-media and messaging platforms: ACLED's "New media" scale.
NEW_MEDIA_HOSTS: frozenset[str] = frozenset(
    {
        "t.me", "telegram.org", "telegram.me", "twitter.com", "x.com", "facebook.com",
        "m.facebook.com", "instagram.com", "youtube.com", "youtu.be", "tiktok.com", "vk.com",
        "ok.ru", "reddit.com", "threads.net", "bsky.app", "truthsocial.com", "rumble.com",
        "mastodon.social", "whatsapp.com",
    }
)  # fmt: skip

# Columns copied from the events row as they are.
_COPIED = frozenset({
    "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "country", "admin1", "admin2", "location", "latitude",
    "longitude", "geo_precision",
})  # fmt: skip


def source_scale(hosts: tuple[str, ...], outlets: tuple[str, ...]) -> str:
    """ACLED's ``source_scale`` for an event reported from these hosts, or ``""`` if unknown.

    Args:
        hosts: the URL hosts of the articles that reported it.
        outlets: the publications that reported it.
    """
    if not hosts or len(hosts) < len(outlets):
        return ""  # a source with no URL has no scale frontwire can tell
    return "New media" if all(_new_media(host) for host in hosts) else ""


def _new_media(host: str) -> bool:
    return any(host == known or host.endswith("." + known) for known in NEW_MEDIA_HOSTS)


def speaker(data: Any) -> str | None:
    """The named speaker the event's report comes from, if a speaker (not an outlet) is its
    source."""
    if not isinstance(data, dict):
        return None
    source = data.get("source")
    if isinstance(source, dict) and source.get("kind") == "speaker" and source.get("name"):
        return str(source["name"])
    return None


def acled_row(event: EventRow) -> list[Any]:
    """One event as ACLED's 31 values, in column order (``""`` for an unknown value)."""
    v = event.values
    data = json.loads(v["data"]) if isinstance(v["data"], str) else v["data"]
    # ACLED's notes are one paragraph: evidence that spans a headline and its body is joined.
    notes = " ".join((v["notes"] or "").split())
    said_by = speaker(data)
    if said_by:
        notes = f"{notes} [according to {said_by}]" if notes else f"[according to {said_by}]"
    date = v["event_date"]
    derived: dict[str, Any] = {
        "event_id_cnty": v["cluster_id"] or v["event_id"],
        "event_date": date.isoformat() if date else None,
        "year": date.year if date else None,
        "source": "; ".join(event.outlets),
        "source_scale": source_scale(event.hosts, event.outlets),
        "notes": notes,
        "fatalities": v["fatalities"] if v["fatalities"] is not None else 0,
        # The store's timestamps are naive UTC.
        "timestamp": int(event.updated.replace(tzinfo=UTC).timestamp()) if event.updated else None,
    }
    out = []
    for column in ACLED_COLUMNS:
        value = v[column] if column in _COPIED else derived.get(column)
        out.append("" if value is None else value)
    return out


def acled_lines(events: Iterator[EventRow], batch: int = 256) -> Iterator[str]:
    """The ACLED CSV, header first, a batch of rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(ACLED_COLUMNS)
    for n, event in enumerate(events, 1):
        writer.writerow(acled_row(event))
        if n % batch == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
