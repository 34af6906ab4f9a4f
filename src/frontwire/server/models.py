"""The API's request filters and response bodies (pydantic), shared by the HTTP API, the CLI and
the Python API (:mod:`frontwire.server.queries`), so all three describe data the same way.

Event fields follow the ``events`` table (ACLED and PLOVER names); a field the store leaves NULL
is ``null``, never invented.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SortKey = Literal["-date", "date", "-fatalities", "fatalities", "-sources", "sources"]
Interval = Literal["day", "week"]


class ErrorBody(BaseModel):
    """Every 4xx and 5xx answer: a frontwire error code and a message saying what to do."""

    code: str = Field(examples=["FW702"])
    message: str


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


class EventPage(BaseModel):
    """One page of events, newest first unless sorted otherwise."""

    items: list[Event]
    limit: int
    next_cursor: str | None = Field(default=None, description="pass as ?cursor= for the next page")


class GeoJsonFeature(BaseModel):
    """A GeoJSON Feature: a point (or null geometry when the place is unknown)."""

    type: Literal["Feature"] = "Feature"
    id: str
    geometry: dict[str, Any] | None
    properties: dict[str, Any]


class GeoJsonPage(BaseModel):
    """One page of events as a GeoJSON FeatureCollection."""

    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[dict[str, Any]] = Field(description="GeoJSON Features (see GeoJsonFeature)")
    next_cursor: str | None = None


class ArticleBrief(BaseModel):
    """An article as a source of an event: where it came from, its text, what was repaired."""

    id: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    verdict: str | None = None
    original_text: str = Field(description="the text as received; spans' orig_* index it")
    text: str = Field(description="the repaired text; spans' start/end index it")
    edits: list[dict[str, Any]] = Field(
        default_factory=list, description="repairs, in original-text offsets"
    )
    forensics: dict[str, Any] | None = Field(default=None, description="the tamper report")


class EventSource(BaseModel):
    """One article's report of the event: its row, the evidence spans, the article."""

    event: Event
    evidence: list[Span]
    data: dict[str, Any] | None = None
    article: ArticleBrief | None = None


class Revision(BaseModel):
    """A change corroboration made to a merged event."""

    revised_at: dt.datetime | None = Field(default=None, description="when, in UTC")
    action: str | None = None
    detail: Any = None


class EventDetail(BaseModel):
    """A real-world event (a cluster of reports): its merged values, every source, revisions."""

    cluster_id: str
    event: Event
    reports: int
    independent_sources: int
    sources: list[EventSource]
    revisions: list[Revision]


class ArticleSummary(BaseModel):
    """One stored article, without its text."""

    id: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    verdict: str | None = None
    events: int = 0


class ArticlePage(BaseModel):
    """One page of articles, ordered by id."""

    items: list[ArticleSummary]
    limit: int
    next_cursor: str | None = None


class ArticleFilters(BaseModel):
    """Filters of GET /articles."""

    model_config = ConfigDict(extra="forbid")

    outlet: str | None = Field(default=None, max_length=200)
    verdict: str | None = Field(default=None, max_length=40, description="forensics verdict")
    date_from: dt.date | None = Field(default=None, description="published on or after")
    date_to: dt.date | None = Field(default=None, description="published on or before")


class PlaceCount(BaseModel):
    """A place mentioned in the store, with how often."""

    name: str
    geonameid: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    country_code: str | None = None
    mentions: int
    articles: int
    events: int = 0


class ActorCount(BaseModel):
    """An actor named in events, with how many (primary) events name it."""

    actor: str
    events: int
    fatalities: int


#: Statuses whose fatality figures are the reported ones (a status left NULL counts as
#: reported, the event coder's default). Every other status (claimed, estimated, an aggregate,
#: or one a later coder adds) is shown apart and never summed into them.
REPORTED_STATUSES: tuple[str, ...] = ("reported",)


class Bucket(BaseModel):
    """Events and fatalities on one day (or in the week starting that day)."""

    date: dt.date
    events: int
    fatalities: int = Field(description="reported fatalities")
    other_fatalities: int = Field(
        default=0, description="fatalities of events with another status (claimed, estimated)"
    )


class Count(BaseModel):
    """A value and how many events have it."""

    value: str | None
    events: int
    fatalities: int = Field(description="reported fatalities")
    other_fatalities: int = Field(
        default=0, description="fatalities of events with another status (claimed, estimated)"
    )


class StatusFigure(BaseModel):
    """The fatalities of the events of one status other than reported, shown apart."""

    status: str
    events: int
    fatalities: int


class PrecisionCount(BaseModel):
    """How many events are placed at one geo precision (ACLED: 1 the town itself, 2 a place
    near it or a district, 3 a province or wider; null: no place)."""

    geo_precision: int | None
    events: int


class Stats(BaseModel):
    """Totals over the events that match the filters, and what the store holds."""

    events: int = Field(description="real-world events (each counted once, whatever its reports)")
    fatalities: int = Field(description="reported fatalities (statuses reported or unknown)")
    other_fatalities: list[StatusFigure] = Field(
        default_factory=list,
        description="claimed, estimated and other figures by status, never summed into fatalities",
    )
    reports: int
    undated: int = Field(default=0, description="events among these without a date")
    unplaced: int = Field(default=0, description="events among these without coordinates")
    left_out: dict[str, int] = Field(
        default_factory=dict,
        description="per set filter: the events every other filter keeps and this one drops",
    )
    date_min: dt.date | None = None
    date_max: dt.date | None = None
    interval: Interval
    timeline: list[Bucket]
    by_event_type: list[Count]
    by_status: list[Count]
    by_country: list[Count]
    by_geo_precision: list[PrecisionCount] = Field(default_factory=list)
    store: dict[str, int] = Field(description="rows per table")


AggregateBy = Literal["admin1", "admin2", "country"]
AggregatePeriod = Literal["week", "month"]


class AggregateRow(BaseModel):
    """The events of one region in one period (``null``: unplaced, or undated)."""

    region: str | None
    period: dt.date | None = Field(description="first day of the week (Monday) or month")
    events: int
    fatalities: int = Field(description="reported fatalities")
    claimed_fatalities: int = Field(
        description="fatalities of events with another status (claimed, estimated), apart"
    )
    crowd_size: int = Field(description="people in the crowds of its protests and riots")
    crowd_events: int = Field(description="protests and riots that give a crowd size")


class Aggregates(BaseModel):
    """Events by region and period; the rows add up to the totals of GET /stats."""

    by: AggregateBy
    period: AggregatePeriod
    rows: list[AggregateRow]


class AnalyzeRequest(BaseModel):
    """A text or an HTML page to analyse (exactly one of ``text`` and ``html``)."""

    # "Exactly one of text and html" in the schema too, so clients and schemathesis see it.
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"oneOf": [{"required": ["text"]}, {"required": ["html"]}]},
    )

    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = Field(
        default=None,
        pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.]+(Z|[+-][0-9]{2}:?[0-9]{2})?)?$",
        description="ISO 8601 date or date-time, its time zone kept as given; not in the future",
        examples=["2024-04-02T09:30:00+03:00"],
    )

    @field_validator("text", "html", "title", "url", "outlet", "published")
    @classmethod
    def _check_encodable(cls, value: str | None) -> str | None:
        # JSON may carry "\ud800", a lone surrogate: a Python str, but not text. Every stage
        # and the store expect UTF-8, so it is refused here rather than failing deep inside.
        if value is not None:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise ValueError(
                    f"holds a lone surrogate (\\u{ord(value[exc.start]):04x}) at {exc.start}; "
                    "send valid Unicode text"
                ) from None
        return value

    @field_validator("published")
    @classmethod
    def _check_published(cls, value: str | None) -> str | None:
        if value is not None:
            check_published(value)
        return value


#: How far ahead of the server's clock a publication time may be: a date-only value is a day
#: in its own zone, which can begin up to 14 hours before UTC's (UTC+14, Kiribati).
FUTURE_SLACK = dt.timedelta(hours=14)


def check_published(value: str) -> dt.datetime:
    """A publication date or date-time, checked: a real date, not in the future.

    Returns:
        The moment (aware; a date or a time without zone counts as UTC).

    Raises:
        ValueError: when it is not ISO 8601, or lies in the future.
    """
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(
            f"{value[:40]!r} is not an ISO 8601 date or date-time (e.g. 2024-04-02 or "
            "2024-04-02T09:30:00+03:00)"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    if moment > dt.datetime.now(dt.UTC) + FUTURE_SLACK:
        raise ValueError(f"{value[:40]!r} is in the future")
    return moment


class IngestRequest(BaseModel):
    """Articles to run through the pipeline and store."""

    model_config = ConfigDict(extra="forbid")

    articles: list[AnalyzeRequest] = Field(max_length=1000)


class IngestRejected(BaseModel):
    """An article that could not be stored, and why."""

    index: int
    code: str
    reason: str


class IngestResult(BaseModel):
    """What POST /ingest stored."""

    ingested: int
    ids: list[str]
    rejected: list[IngestRejected]
