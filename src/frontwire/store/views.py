"""What a stored event looks like to its readers, and how they pick events: the event row
model, its GeoJSON feature, and the filters of ``GET /events``, ``frontwire events`` and every
export, with their SQL. The HTTP API (:mod:`frontwire.server`), the exports
(:mod:`frontwire.exports`) and the CLI read events through this one module, so they describe and
select the same events.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class EventFilters(BaseModel):
    """Filters of GET /events, /stats and /export (every one optional; all must hold)."""

    model_config = ConfigDict(extra="forbid")

    bbox: str | None = Field(
        default=None,
        description="min_lon,min_lat,max_lon,max_lat (WGS 84 degrees)",
        examples=["22.0,44.0,40.5,52.5"],
    )
    date_from: dt.date | None = Field(default=None, description="first event date, inclusive")
    date_to: dt.date | None = Field(default=None, description="last event date, inclusive")
    undated: bool | None = Field(
        default=None, description="true: only events without a date; false: only dated ones"
    )
    unplaced: bool | None = Field(
        default=None,
        description="true: only events without coordinates; false: only placed ones",
    )
    reported: bool | None = Field(
        default=None,
        description="true: only events whose figures are reported ones (status reported or "
        "unknown); false: only claimed, estimated and other statuses",
    )
    event_type: str | None = Field(default=None, max_length=200, description="ACLED event type")
    sub_event_type: str | None = Field(
        default=None, max_length=200, description="ACLED sub-event type"
    )
    plover: str | None = Field(
        default=None, max_length=100, description="PLOVER event type, e.g. ASSAULT"
    )
    actor: str | None = Field(
        default=None,
        max_length=200,
        description="actor1, actor2 or an associated actor (substring)",
    )
    country: str | None = Field(
        default=None, max_length=100, description="country name or ISO 3166-1 alpha-2 code"
    )
    status: str | None = Field(
        default=None, max_length=40, description="reported, claimed, denied, ..."
    )
    min_sources: int | None = Field(
        default=None, ge=1, le=1_000_000, description="at least this many independent sources"
    )
    q: str | None = Field(
        default=None, max_length=200, description="text in the evidence sentences or notes"
    )
    story: str | None = Field(
        default=None, max_length=200, description="a story id (GET /stories): its events only"
    )

    @field_validator("bbox")
    @classmethod
    def _check_bbox(cls, value: str | None) -> str | None:
        if value is not None:
            parse_bbox(value)
        return value

    def bbox_values(self) -> tuple[float, float, float, float] | None:
        """The bounding box as numbers, or ``None``."""
        return parse_bbox(self.bbox) if self.bbox is not None else None


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """``min_lon,min_lat,max_lon,max_lat`` as numbers.

    Raises:
        ValueError: when it is not four numbers inside WGS 84 bounds with min <= max.
    """
    parts = value.split(",")
    if len(parts) != 4:
        raise ValueError("bbox must be four numbers: min_lon,min_lat,max_lon,max_lat")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise ValueError("bbox must be four numbers: min_lon,min_lat,max_lon,max_lat") from None
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise ValueError("bbox must lie within -180..180, -90..90 with min <= max")
    return west, south, east, north


class Span(BaseModel):
    """Characters ``start:end`` of the repaired text (``orig_*``: of the original text)."""

    start: int
    end: int
    text: str
    orig_start: int
    orig_end: int


class Event(BaseModel):
    """One row of the ``events`` table, without its evidence spans and full JSON."""

    event_id: str
    cluster_id: str | None = None
    article_id: str
    event_date: dt.date | None = None
    time_precision: int | None = None
    disorder_type: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: str | None = None
    plover_event: str | None = None
    plover_mode: str | None = None
    plover_context: str | None = None
    quad_class: int | None = None
    cameo: str | None = None
    country: str | None = None
    iso: int | None = None
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    injured: int | None = None
    status: str | None = None
    source_name: str | None = None
    notes: str | None = None
    is_primary: bool | None = None
    reports: int | None = None
    independent_sources: int | None = None


#: The ``events`` columns an :class:`Event` carries, in table order.
EVENT_COLUMNS: tuple[str, ...] = tuple(Event.model_fields)


class GeoJsonFeature(BaseModel):
    """A GeoJSON Feature: a point (or null geometry when the place is unknown)."""

    type: Literal["Feature"] = "Feature"
    id: str
    geometry: dict[str, Any] | None
    properties: dict[str, Any]


#: Statuses whose fatality figures are the reported ones (a status left NULL counts as
#: reported, the event coder's default). Every other status (claimed, estimated, an aggregate,
#: or one a later coder adds) is shown apart and never summed into them.
REPORTED_STATUSES: tuple[str, ...] = ("reported",)


# Whether a row's fatalities are a reported figure; the statuses come from a fixed table. Never
# NULL, so sums are written sum(fatalities * REPORTED::INTEGER): on a million events that is
# 80 ms against 125 ms for sum(...) FILTER (WHERE ...) with two complementary filters.
REPORTED_SQL = (
    "(status IS NULL OR status IN ("
    + ", ".join("'" + s.replace("'", "''") + "'" for s in REPORTED_STATUSES)
    + "))"
)


def event_where(filters: EventFilters) -> tuple[list[str], list[Any]]:
    """SQL conditions (joined with AND) and their bound parameters for ``filters``."""
    named, params = event_conditions(filters)
    return ["is_primary", *(sql for _, sql in named)], params


def event_conditions(filters: EventFilters) -> tuple[list[tuple[str, str]], list[Any]]:
    """Each set filter's SQL condition, named by the filter, and the bound parameters.

    Kept apart per filter so :meth:`Queries.stats` can count what each one leaves out.
    """
    named: list[tuple[str, str]] = []
    params: list[Any] = []

    def add(name: str, sql: str, *values: Any) -> None:
        for value in values:
            params.append(value)
            sql = sql.replace("?", f"${len(params)}", 1)
        named.append((name, sql))

    box = filters.bbox_values()
    if box is not None:
        west, south, east, north = box
        add(
            "bbox",
            "(longitude BETWEEN ? AND ? AND latitude BETWEEN ? AND ?)",
            west,
            east,
            south,
            north,
        )
    if filters.date_from:
        add("date_from", "event_date >= ?", filters.date_from)
    if filters.date_to:
        add("date_to", "event_date <= ?", filters.date_to)
    if filters.undated is not None:
        named.append(
            ("undated", "event_date IS NULL" if filters.undated else "event_date IS NOT NULL")
        )
    if filters.unplaced is not None:
        named.append(
            (
                "unplaced",
                "(latitude IS NULL OR longitude IS NULL)"
                if filters.unplaced
                else "(latitude IS NOT NULL AND longitude IS NOT NULL)",
            )
        )
    if filters.reported is not None:
        named.append(("reported", REPORTED_SQL if filters.reported else f"NOT {REPORTED_SQL}"))
    if filters.event_type:
        add("event_type", "event_type = ?", filters.event_type)
    if filters.sub_event_type:
        add("sub_event_type", "sub_event_type = ?", filters.sub_event_type)
    if filters.plover:
        add("plover", "plover_event = ?", filters.plover.upper())
    if filters.status:
        add("status", "status = ?", filters.status)
    if filters.country:
        add("country", "(country = ? OR country_code = upper(?))", filters.country, filters.country)
    if filters.min_sources:
        add("min_sources", "coalesce(independent_sources, 1) >= ?", filters.min_sources)
    if filters.actor:
        pattern = f"%{like_pattern(filters.actor)}%"
        add(
            "actor",
            "(actor1 ILIKE ? ESCAPE '\\' OR actor2 ILIKE ? ESCAPE '\\' "
            "OR assoc_actor_1 ILIKE ? ESCAPE '\\' OR assoc_actor_2 ILIKE ? ESCAPE '\\')",
            pattern,
            pattern,
            pattern,
            pattern,
        )
    if filters.q:
        pattern = f"%{like_pattern(filters.q)}%"
        # The sentences' text only: matching the JSON as a string would let "text" or "start"
        # (the spans' keys) match every event.
        add(
            "q",
            "(notes ILIKE ? ESCAPE '\\' OR array_to_string("
            "json_extract_string(evidence, '$[*].text'), chr(10)) ILIKE ? ESCAPE '\\')",
            pattern,
            pattern,
        )
    if filters.story:
        # A story's events: those any of its articles reports (as GET /stories/{id} lists them).
        add(
            "story",
            "coalesce(cluster_id, event_id) IN (SELECT coalesce(r.cluster_id, r.event_id) "
            "FROM events r JOIN article_dedup d ON d.article_id = r.article_id "
            "WHERE d.story_id = ?)",
            filters.story,
        )
    return named, params


def geojson_feature(event: Event) -> GeoJsonFeature:
    """An event as a GeoJSON point feature (null geometry without coordinates)."""
    geometry = None
    if event.latitude is not None and event.longitude is not None:
        geometry = {"type": "Point", "coordinates": [event.longitude, event.latitude]}
    properties = event.model_dump(mode="json", exclude={"latitude", "longitude"})
    return GeoJsonFeature(
        id=event.cluster_id or event.event_id, geometry=geometry, properties=properties
    )


def like_pattern(text: str) -> str:
    """``text`` with LIKE's wildcards escaped, so it matches literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
