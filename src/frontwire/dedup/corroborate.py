"""Event level: events coded from different articles that are one real-world event, merged.

Works on the store's ``events`` table (one row per event per article, written by the events
stage) and keeps its corroboration columns: ``cluster_id`` (the merged event's stable id: the
id of its first report), ``is_primary`` (one row per cluster carries the merged, revised
values), ``reports`` and ``independent_sources`` (articles in one copy cluster count once).

Two rules (``[dedup] event_rule``):

- ``acled`` (default), ACLED's: same event type, same actors, same day, same location.
- ``compatible``: same event type, actors that do not contradict (a missing side is fine),
  the same place or one within ``max_km``, and dates within their precision (ACLED time
  precision 1 day, 2 week, 3 month; a day's slack for "yesterday" in next-day reports).

A later report of a merged event that gives other fatalities or a more precise place revises
the primary row instead of adding an event; every creation, merge and revision is a row in
``event_revisions`` with its time, like ACLED's living dataset. Already corroborated events are
listed in ``event_links``, so each update handles only new events.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

import duckdb

from frontwire.errors import ConfigError

Rule = Literal["acled", "compatible"]
RULES: tuple[str, ...] = ("acled", "compatible")
_FIELDS = (
    "event_id", "article_id", "event_date", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "location", "latitude", "longitude", "geo_precision", "fatalities",
)  # fmt: skip
_DAYS = {1: 1, 2: 7, 3: 31}


@dataclass(frozen=True, slots=True)
class EventOptions:
    """The merge rule and the distance within which two places are one."""

    event_rule: Rule = "acled"
    max_km: float = 25.0

    @classmethod
    def from_config(cls, section: Mapping[str, Any]) -> EventOptions:
        """Options from ``[dedup]``; FW105 for an unknown rule."""
        rule = section.get("event_rule", "acled")
        if rule not in RULES:
            raise ConfigError(
                "FW105", key="dedup.event_rule", value=rule, detail=f"use one of {RULES}"
            )
        return cls(event_rule=rule, max_km=float(section.get("max_km", 25.0)))


@dataclass(frozen=True, slots=True)
class EventRow:
    """The columns of an ``events`` row the merge rule reads."""

    event_id: str
    article_id: str
    event_date: date | None
    time_precision: int | None
    event_type: str | None
    sub_event_type: str | None
    actor1: str | None
    actor2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | None


def same_event(a: EventRow, b: EventRow, options: EventOptions) -> bool:
    """Whether two reported events are one real-world event under the configured rule."""
    if _norm(a.event_type) != _norm(b.event_type) or a.event_type is None:
        return False
    if options.event_rule == "acled":
        return (
            a.event_date is not None
            and a.event_date == b.event_date
            and {_norm(a.actor1), _norm(a.actor2)} == {_norm(b.actor1), _norm(b.actor2)}
            and _same_place(a, b, 0.5)
        )
    if not (_compatible(a.actor1, b.actor1) and _compatible(a.actor2, b.actor2)):
        return False
    if a.event_date is None or b.event_date is None:
        return False
    slack = max(_DAYS.get(a.time_precision or 1, 1), _DAYS.get(b.time_precision or 1, 1))
    if abs((a.event_date - b.event_date).days) > slack:
        return False
    return _same_place(a, b, options.max_km)


def has_events_table(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store's ``events`` table has the corroboration columns."""
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'"
    ).fetchall()
    return {"cluster_id", "is_primary", "independent_sources"} <= {str(r[0]) for r in rows}


def corroborate(
    con: duckdb.DuckDBPyConnection, options: EventOptions, now: datetime | None = None
) -> dict[str, int]:
    """Merge the events not yet corroborated into real-world events; inside the caller's
    transaction. Returns counts of events created, merged and revised."""
    now = now or datetime.now(UTC).replace(tzinfo=None)
    counts = {"created": 0, "merged": 0, "revised": 0}
    if not has_events_table(con):
        return counts
    cols = ", ".join(f"e.{c}" for c in _FIELDS)
    pending = [
        EventRow(*row)
        for row in con.execute(
            f"SELECT {cols} FROM events e JOIN articles a ON a.id = e.article_id "
            "WHERE e.event_id NOT IN (SELECT event_id FROM event_links) "
            "ORDER BY a.published NULLS LAST, e.event_id"  # undated reports join dated ones
        ).fetchall()
    ]
    for event in pending:
        primary = _find_primary(con, event, options)
        if primary is None:
            con.execute(
                "UPDATE events SET cluster_id = event_id, is_primary = TRUE WHERE event_id = $1",
                [event.event_id],
            )
            _link(con, event.event_id, event.event_id, now)
            _revision(con, event.event_id, now, "created", {"event_ids": [event.event_id]})
            counts["created"] += 1
            continue
        cluster = primary.event_id
        con.execute(
            "UPDATE events SET cluster_id = $1, is_primary = FALSE WHERE event_id = $2",
            [cluster, event.event_id],
        )
        _link(con, event.event_id, cluster, now)
        _revision(con, cluster, now, "merged", {"event_ids": [event.event_id]})
        counts["merged"] += 1
        counts["revised"] += _revise(con, primary, event, now)
        _recount(con, cluster)
    return counts


def _find_primary(
    con: duckdb.DuckDBPyConnection, event: EventRow, options: EventOptions
) -> EventRow | None:
    if event.event_type is None:
        return None
    copied = _copy_primary(con, event)
    if copied is not None:
        return copied
    cols = ", ".join(_FIELDS)
    # Candidates: primaries of the same type within a month; the rule decides the rest.
    rows = con.execute(
        f"SELECT {cols} FROM events WHERE is_primary AND event_type = $1 "
        "AND event_id IN (SELECT event_id FROM event_links) AND article_id <> $2 "
        "AND ($3::DATE IS NULL OR event_date IS NULL "
        "OR abs(date_diff('day', event_date, $3::DATE)) <= 31) ORDER BY event_id",
        [event.event_type, event.article_id, event.event_date],
    ).fetchall()
    for row in rows:
        other = EventRow(*row)
        if same_event(other, event, options):
            return other
    return None


def _copy_primary(con: duckdb.DuckDBPyConnection, event: EventRow) -> EventRow | None:
    """The primary event of a copy of this event's article that reports the same thing.

    A copy (exact, syndicated or spun) of an article is the same report, so its event of the
    same sub-type at the same place is the same event even where the rule cannot tell: a copy
    without a publication date leaves the date unknown, and ACLED's rule never matches an
    unknown date. Dates that contradict each other still keep the events apart.
    """
    cols = ", ".join(f"e.{c}" for c in _FIELDS)
    row = con.execute(
        f"SELECT {cols} FROM events e JOIN article_dedup d ON d.article_id = e.article_id "
        "WHERE e.is_primary AND e.event_id IN (SELECT event_id FROM event_links) "
        "AND e.article_id <> $1 AND e.sub_event_type IS NOT DISTINCT FROM $2 "
        "AND (e.location IS NULL OR $3::VARCHAR IS NULL OR e.location = $3::VARCHAR) "
        "AND (e.event_date IS NULL OR $4::DATE IS NULL OR e.event_date = $4::DATE) "
        "AND d.cluster_id = (SELECT cluster_id FROM article_dedup WHERE article_id = $1) "
        "ORDER BY e.event_id LIMIT 1",
        [event.article_id, event.sub_event_type, event.location, event.event_date],
    ).fetchone()
    return EventRow(*row) if row else None


def _revise(
    con: duckdb.DuckDBPyConnection, primary: EventRow, event: EventRow, now: datetime
) -> int:
    changes: list[dict[str, Any]] = []
    if event.fatalities is not None and event.fatalities != primary.fatalities:
        changes.append(
            {
                "field": "fatalities",
                "old": primary.fatalities,
                "new": event.fatalities,
                "event_id": event.event_id,
            }
        )
        con.execute(
            "UPDATE events SET fatalities = $1 WHERE event_id = $2",
            [event.fatalities, primary.event_id],
        )
    finer = event.geo_precision is not None and (
        primary.geo_precision is None or event.geo_precision < primary.geo_precision
    )
    if event.location and finer and _norm(event.location) != _norm(primary.location):
        changes.append(
            {
                "field": "location",
                "old": primary.location,
                "new": event.location,
                "event_id": event.event_id,
            }
        )
        con.execute(
            "UPDATE events SET location = $1, latitude = $2, longitude = $3, "
            "geo_precision = $4 WHERE event_id = $5",
            [
                event.location,
                event.latitude,
                event.longitude,
                event.geo_precision,
                primary.event_id,
            ],
        )
    for change in changes:
        _revision(con, primary.event_id, now, "revised", change)
    return len(changes)


def _recount(con: duckdb.DuckDBPyConnection, cluster: str) -> None:
    # Independent sources: articles of one copy cluster (article_dedup) count once.
    con.execute(
        "UPDATE events SET reports = s.reports, independent_sources = s.sources FROM ("
        "  SELECT count(DISTINCT e.article_id) AS reports,"
        "         count(DISTINCT coalesce(d.cluster_id, e.article_id)) AS sources"
        "  FROM events e LEFT JOIN article_dedup d ON d.article_id = e.article_id"
        "  WHERE e.cluster_id = $1) s WHERE events.cluster_id = $1",
        [cluster],
    )


def recount_all(con: duckdb.DuckDBPyConnection, clusters: Sequence[str]) -> None:
    """Recount reports and independent sources of ``clusters`` (after copy clusters moved)."""
    for cluster in clusters:
        _recount(con, cluster)


def _link(con: duckdb.DuckDBPyConnection, event_id: str, cluster: str, now: datetime) -> None:
    con.execute("INSERT OR REPLACE INTO event_links VALUES ($1, $2, $3)", [event_id, cluster, now])


def _revision(
    con: duckdb.DuckDBPyConnection, cluster: str, now: datetime, action: str, detail: Any
) -> None:
    con.execute(
        "INSERT INTO event_revisions VALUES ($1, $2, $3, $4)",
        [cluster, now, action, json.dumps(detail)],
    )


def _norm(value: str | None) -> str:
    return " ".join((value or "").casefold().split())


def _compatible(a: str | None, b: str | None) -> bool:
    x, y = _norm(a), _norm(b)
    return not x or not y or x == y or x in y or y in x


def _same_place(a: EventRow, b: EventRow, max_km: float) -> bool:
    if a.location and b.location and _norm(a.location) == _norm(b.location):
        return True
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return False
    return _km(a, b) <= max_km


def _km(a: EventRow, b: EventRow) -> float:
    lat1, lon1, lat2, lon2 = (
        math.radians(v or 0.0) for v in (a.latitude, a.longitude, b.latitude, b.longitude)
    )
    h = math.sin((lat2 - lat1) / 2) ** 2 + (
        math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))
