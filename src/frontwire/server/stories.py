"""``GET /stories`` and ``GET /stories/{id}``: stories over the store, as ``frontwire stories``
shows them (the detail comes from :mod:`frontwire.dedup.report`), with the figures of their
real-world events.

A story's events are the primary events any of its articles reports, as the ``story`` event
filter (``GET /events?story=``) picks them, so the dashboard's story panel and its map agree.
Reported fatalities are summed apart from claimed, estimated and other statuses' figures (the
rule of ``GET /stats``), never into one number.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, Query, Request
from pydantic import ValidationError

from frontwire.errors import ApiError
from frontwire.server.models import (
    EventFilters,
    StatusFigure,
    StoryDetail,
    StoryPage,
    StorySort,
    StorySummary,
)
from frontwire.store.views import REPORTED_SQL, REPORTED_STATUSES, event_where

router = APIRouter(tags=["stories"])

#: The status of background events (what happened before the story): left out of its span.
HISTORICAL = "historical"

#: Places named per story in a list (the detail names up to ten, as ``frontwire stories``).
LIST_PLACES = 5


def _event_filters(request: Request) -> EventFilters:
    # The filters of GET /events, read by name from the query string: the same model checks
    # them, and a malformed one is FW701 naming the field, as on /events.
    names = set(EventFilters.model_fields) - {"story"}
    values = {k: v for k, v in request.query_params.items() if k in names and v != ""}
    try:
        return EventFilters.model_validate(values)
    except ValidationError as exc:
        parts = [
            f"{'.'.join(str(p) for p in e.get('loc', ())) or 'request'}: {e.get('msg')}"
            for e in exc.errors()[:5]
        ]
        raise ApiError("FW701", status=422, detail="; ".join(parts)) from None


def _filter_parameters() -> list[dict[str, Any]]:
    # The filters as OpenAPI query parameters, so /docs lists them for /stories too.
    schema = EventFilters.model_json_schema()["properties"]
    return [
        {
            "name": name,
            "in": "query",
            "required": False,
            "schema": {k: v for k, v in spec.items() if k not in ("description", "title")},
            "description": spec.get("description", ""),
        }
        for name, spec in schema.items()
        if name != "story"
    ]


def _run(request: Request, work: Any) -> Any:
    # The API's query runner: a fresh cursor on the newest snapshot, under the time limit.
    return request.app.state.frontwire.queries._run(work)


_ORDER: dict[str, str] = {
    # Most articles first; among equals the most recent.
    "largest": "s.n DESC, recent DESC NULLS LAST, s.story_id",
    # The latest event date or publication day first; among equals the largest.
    "recent": "recent DESC NULLS LAST, s.n DESC, s.story_id",
}


def story_page(
    con: duckdb.DuckDBPyConnection,
    filters: EventFilters,
    *,
    sort: str = "largest",
    limit: int = 20,
    offset: int = 0,
    min_articles: int = 1,
) -> StoryPage:
    """A page of stories with the figures of their events that pass ``filters``.

    With any filter set, a story is listed only when at least one of its events passes them;
    with none, every story is, eventless ones too.
    """
    where, params = event_where(filters)
    filtered = len(where) > 1  # more than is_primary
    n = len(params)
    body = f"""
WITH picked AS (
    SELECT coalesce(cluster_id, event_id) AS ck, event_date, fatalities, status,
           {REPORTED_SQL} AS rep
    FROM events WHERE {" AND ".join(where)}
),
links AS (
    -- The story of every report of a picked event (its copies and other outlets' reports).
    SELECT DISTINCT d.story_id, coalesce(r.cluster_id, r.event_id) AS ck
    FROM events r JOIN article_dedup d ON d.article_id = r.article_id
    WHERE coalesce(r.cluster_id, r.event_id) IN (SELECT ck FROM picked)
),
by_status AS (
    SELECT l.story_id, p.rep, p.status, count(*) AS n, coalesce(sum(p.fatalities), 0) AS f,
           min(p.event_date) AS d0, max(p.event_date) AS d1
    FROM links l JOIN picked p USING (ck) GROUP BY ALL
),
figures AS (
    SELECT story_id, sum(n) AS events, coalesce(sum(f) FILTER (WHERE rep), 0) AS fatalities,
           list({{'status': status, 'events': n, 'fatalities': f}} ORDER BY f DESC, status)
               FILTER (WHERE NOT rep) AS other,
           -- The span of what happened in the story: background (historical) events only
           -- when it has nothing else.
           coalesce(min(d0) FILTER (WHERE status IS DISTINCT FROM '{HISTORICAL}'), min(d0))
               AS first_event,
           coalesce(max(d1) FILTER (WHERE status IS DISTINCT FROM '{HISTORICAL}'), max(d1))
               AS last_event
    FROM by_status GROUP BY story_id
),
stories AS (
    SELECT d.story_id, count(*) AS n, count(DISTINCT d.cluster_id) AS sources,
           min(nullif(a.published, '')) AS first_published,
           max(nullif(a.published, '')) AS last_published
    FROM article_dedup d JOIN articles a ON a.id = d.article_id
    GROUP BY d.story_id HAVING count(*) >= ${n + 1}
)
SELECT s.story_id, s.n, s.sources, NULL, s.first_published, s.last_published,
       coalesce(f.events, 0), coalesce(f.fatalities, 0), f.other, f.first_event, f.last_event,
       greatest(CAST(f.last_event AS VARCHAR), left(s.last_published, 10)) AS recent,
       count(*) OVER () AS total
FROM stories s LEFT JOIN figures f USING (story_id)
WHERE {"coalesce(f.events, 0) > 0" if filtered else "true"}
"""
    if not _has_events(con):
        return StoryPage(total=0, items=[])
    sql = f"{body} ORDER BY {_ORDER[sort]} LIMIT ${n + 2} OFFSET ${n + 3}"
    rows = con.execute(sql, [*params, min_articles, limit, offset]).fetchall()
    total = int(rows[0][-1]) if rows else 0
    if not rows and offset:
        # Past the last page the window has no row to count on: count the stories apart.
        count = con.execute(f"SELECT count(*) FROM ({body})", [*params, min_articles]).fetchone()
        total = int(count[0]) if count else 0
    places = _places(con, [str(r[0]) for r in rows])
    titles = _titles(con, [str(r[0]) for r in rows])
    items = [
        StorySummary(
            story_id=str(r[0]),
            title=titles.get(str(r[0]), ""),
            articles=int(r[1]),
            independent_sources=int(r[2]),
            first_published=r[4],
            last_published=r[5],
            events=int(r[6]),
            fatalities=int(r[7]),
            other_fatalities=[StatusFigure(**o) for o in r[8] or []],
            first_event=r[9],
            last_event=r[10],
            places=places.get(str(r[0]), []),
        )
        for r in rows
    ]
    return StoryPage(total=total, items=items)


def _has_events(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute(
        "SELECT count(*) FROM duckdb_columns() WHERE schema_name = 'main' "
        "AND table_name = 'events' AND column_name IN ('cluster_id', 'is_primary')"
    ).fetchone()
    return row is not None and int(row[0]) == 2


def _titles(con: duckdb.DuckDBPyConnection, story_ids: list[str]) -> dict[str, str]:
    """Each story's title: its earliest article's title or first line (as ``frontwire
    stories``); read for one page only, as reading every article's text is most of a list's
    cost."""
    if not story_ids:
        return {}
    rows = con.execute(
        # The first article as GET /stories/{id} orders them (published, then id).
        "SELECT d.story_id, first(coalesce(nullif(a.title, ''), "
        "split_part(trim(a.text), chr(10), 1)) ORDER BY nullif(a.published, '') NULLS LAST, "
        "a.id) FROM article_dedup d JOIN articles a ON a.id = d.article_id "
        "WHERE d.story_id IN (SELECT UNNEST($1::VARCHAR[])) GROUP BY d.story_id",
        [story_ids],
    ).fetchall()
    return {str(s): str(t or "") for s, t in rows}


def _places(con: duckdb.DuckDBPyConnection, story_ids: list[str]) -> dict[str, list[str]]:
    """The places each story's articles name literally, most mentioned first."""
    if not story_ids:
        return {}
    rows = con.execute(
        "SELECT story_id, list(name ORDER BY k DESC, name) FROM ("
        "  SELECT d.story_id, p.name, count(*) AS k FROM places p "
        "  JOIN article_dedup d ON d.article_id = p.article_id "
        "  WHERE d.story_id IN (SELECT UNNEST($1::VARCHAR[])) "
        "  AND coalesce(p.use, 'literal') = 'literal' GROUP BY ALL"
        ") GROUP BY story_id",
        [story_ids],
    ).fetchall()
    return {str(s): [str(p) for p in names[:LIST_PLACES]] for s, names in rows}


_EVENT_FIELDS = ("cluster_id", "country", "latitude", "longitude", "status", "notes")


def story_detail(con: duckdb.DuckDBPyConnection, key: str) -> StoryDetail | None:
    """The story ``key`` names (its id or one of its articles' ids), its events with their
    status and place, and their figures; None if there is none."""
    from frontwire.dedup.report import story_detail as detail

    story = detail(con, key)
    if story is None:
        return None
    body = story.to_json()
    ids = [e["event_id"] for e in body["events"]]
    extra: dict[str, tuple[Any, ...]] = {}
    if ids:
        extra = {
            str(r[0]): tuple(r[1:])
            for r in con.execute(
                f"SELECT event_id, {', '.join(_EVENT_FIELDS)} FROM events "
                "WHERE event_id IN (SELECT UNNEST($1::VARCHAR[]))",
                [ids],
            ).fetchall()
        }
    for event in body["events"]:
        event.update(zip(_EVENT_FIELDS, extra.get(event["event_id"], ()), strict=False))
    reported = {None, *REPORTED_STATUSES}  # REPORTED_SQL's rule, on rows already read
    other: dict[str, StatusFigure] = {}
    for event in body["events"]:
        if event.get("status") not in reported:
            figure = other.setdefault(
                event["status"], StatusFigure(status=event["status"], events=0, fatalities=0)
            )
            figure.events += 1
            figure.fatalities += event["fatalities"] or 0
    dated = [e for e in body["events"] if e["event_date"]]
    # As in the list: background (historical) events set the span only when nothing else does.
    dated = [e for e in dated if e.get("status") != HISTORICAL] or dated
    dates = [dt.date.fromisoformat(e["event_date"]) for e in dated]
    return StoryDetail(
        **{k: v for k, v in body.items() if k in StoryDetail.model_fields},
        fatalities=sum(e["fatalities"] or 0 for e in body["events"] if e.get("status") in reported),
        other_fatalities=sorted(other.values(), key=lambda f: (-f.fatalities, f.status)),
        first_event=min(dates) if dates else None,
        last_event=max(dates) if dates else None,
    )


# The event filters are read from the query string by name (_event_filters): listed for /docs.
@router.get(
    "/stories",
    response_model=StoryPage,
    openapi_extra={"parameters": _filter_parameters()},
)
def list_stories_route(
    request: Request,
    filters: Annotated[EventFilters, Depends(_event_filters)],
    limit: Annotated[int, Query(ge=1, le=1000, description="page size")] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
    min_articles: Annotated[int, Query(ge=1)] = 1,
    sort: Annotated[
        StorySort,
        Query(
            description="largest: most articles first; recent: latest event or publication first"
        ),
    ] = "largest",
) -> StoryPage:
    """Stories (articles about one story across outlets and days): title, articles,
    independent sources, time span, places and the figures of their real-world events, with
    reported fatalities apart from claimed and other ones. Takes the filters of GET /events:
    with any set, only stories with an event that passes them, counted over those events;
    `total` counts every story listed."""

    def work(con: duckdb.DuckDBPyConnection) -> StoryPage:
        return story_page(
            con, filters, sort=sort, limit=limit, offset=offset, min_articles=min_articles
        )

    page: StoryPage = _run(request, work)
    return page


@router.get("/stories/{story_id}", response_model=StoryDetail)
def get_story_route(request: Request, story_id: str) -> StoryDetail:
    """A story (by its id or any of its articles' ids): places, articles, real-world events
    with their status, a day-by-day timeline, and its reported fatalities apart from claimed
    and other ones."""

    def work(con: duckdb.DuckDBPyConnection) -> StoryDetail | None:
        return story_detail(con, story_id)

    story: StoryDetail | None = _run(request, work)
    if story is None:
        raise ApiError("FW704", status=404, what=f"story {story_id!r}")
    return story
