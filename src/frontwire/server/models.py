"""The API's request filters and response bodies (pydantic), shared by the HTTP API, the CLI and
the Python API (:mod:`frontwire.server.queries`), so all three describe data the same way.

Event fields follow the ``events`` table (ACLED and PLOVER names); a field the store leaves NULL
is ``null``, never invented.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

# The event views live with the store, below the exports and this API; named here too, so
# the API's models are found in one module.
from frontwire.store.views import EVENT_COLUMNS as EVENT_COLUMNS
from frontwire.store.views import REPORTED_STATUSES as REPORTED_STATUSES
from frontwire.store.views import Event as Event
from frontwire.store.views import EventFilters as EventFilters
from frontwire.store.views import GeoJsonFeature as GeoJsonFeature
from frontwire.store.views import Span as Span
from frontwire.store.views import parse_bbox as parse_bbox

SortKey = Literal["-date", "date", "-fatalities", "fatalities", "-sources", "sources"]
Interval = Literal["day", "week"]


class ErrorBody(BaseModel):
    """Every 4xx and 5xx answer: a frontwire error code and a message saying what to do."""

    code: str = Field(examples=["FW702"])
    message: str


class EventPage(BaseModel):
    """One page of events, newest first unless sorted otherwise."""

    items: list[Event]
    limit: int
    next_cursor: str | None = Field(default=None, description="pass as ?cursor= for the next page")


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


# -- stories (GET /stories, GET /stories/{id}) ----------------------------------------------

StorySort = Literal["largest", "recent"]


class StorySummary(BaseModel):
    """One story (one event's coverage across outlets and days) and the figures of its
    real-world events. Reported fatalities and every other status's are kept apart, as in
    :class:`Stats`; never added together."""

    story_id: str
    title: str
    articles: int
    independent_sources: int = Field(description="copies of one report count once")
    first_published: str | None = None
    last_published: str | None = None
    events: int = Field(default=0, description="its real-world events (that pass the filters)")
    fatalities: int = Field(default=0, description="reported fatalities of those events")
    other_fatalities: list[StatusFigure] = Field(
        default_factory=list,
        description="claimed, estimated, historical ... fatalities by status, apart",
    )
    first_event: dt.date | None = Field(
        default=None,
        description="its earliest event date (historical background events only when it has "
        "no other)",
    )
    last_event: dt.date | None = Field(default=None, description="its latest, likewise")
    places: list[str] = Field(
        default_factory=list, description="places its articles name, most mentioned first"
    )


class StoryPage(BaseModel):
    """A page of stories; ``total`` counts every story the filters keep."""

    total: int
    items: list[StorySummary]


class StoryArticle(BaseModel):
    """One article of a story."""

    id: str
    title: str
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    copy_cluster: str = Field(description="articles sharing it are copies of one report")


class StoryEvent(BaseModel):
    """One real-world event a story's articles report (its primary row)."""

    event_id: str
    cluster_id: str | None = None
    event_date: dt.date | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    location: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    fatalities: int | None = None
    status: str | None = Field(default=None, description="reported, claimed, estimated, ...")
    notes: str | None = Field(default=None, description="the sentence behind it")
    reports: int | None = None
    independent_sources: int | None = None


class StoryDay(BaseModel):
    """A day of a story: articles published and events happening on it."""

    date: str = Field(description="YYYY-MM-DD, or 'undated'")
    articles: int
    events: list[str] = Field(description="event ids")


class StoryDetail(BaseModel):
    """A story with its articles, every one of its real-world events and a day-by-day
    timeline. Its figures count all its events; reported fatalities and every other status's
    are kept apart."""

    story_id: str
    title: str
    independent_sources: int = Field(description="copies of one report count once")
    first_published: str | None = None
    last_published: str | None = None
    places: list[str]
    articles: list[StoryArticle]
    events: list[StoryEvent]
    timeline: list[StoryDay]
    fatalities: int = Field(default=0, description="reported fatalities of its events")
    other_fatalities: list[StatusFigure] = Field(
        default_factory=list,
        description="claimed, estimated, historical ... fatalities by status, apart",
    )
    first_event: dt.date | None = None
    last_event: dt.date | None = None
